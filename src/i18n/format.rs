//! Numbers, money and dates in a language's conventions, from CLDR through ICU4X; and amounts
//! typed in them.

use super::Lang;
use crate::domain::{AmountError, Currency, Money};
use fixed_decimal::Decimal;
use icu_calendar::{Date, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{YM, YMD, YMDE};
use icu_decimal::DecimalFormatter;
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_locale_core::Locale;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write as _;

/// What each language formats with; built once per thread and language, a currency's formatter
/// when first needed (a page shows hundreds of amounts in one or two currencies).
struct Formatters {
    money: HashMap<String, Option<CurrencyFormatter<DecimalFormatter>>>,
    number: DecimalFormatter,
    day: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    weekday: FixedCalendarDateTimeFormatter<Gregorian, YMDE>,
    month: FixedCalendarDateTimeFormatter<Gregorian, YM>,
}

thread_local! {
    static FORMATTERS: RefCell<HashMap<Lang, Formatters>> = RefCell::new(HashMap::new());
}

impl Lang {
    /// The locale whose CLDR conventions the language is written in.
    fn locale(self) -> Locale {
        let tag = match self {
            // A flat's English: day before month, as in `3 Dec 2026`.
            Lang::En => "en-GB",
            Lang::Es => "es-ES",
            Lang::Fr => "fr-FR",
            Lang::De => "de-DE",
        };
        tag.parse().expect("a valid locale")
    }

    fn with<R>(self, f: impl FnOnce(&mut Formatters) -> R) -> R {
        FORMATTERS.with(|cell| {
            let mut all = cell.borrow_mut();
            let formatters = all.entry(self).or_insert_with(|| {
                let locale = self.locale();
                Formatters {
                    money: HashMap::new(),
                    number: DecimalFormatter::try_new((&locale).into(), Default::default())
                        .expect("compiled number data"),
                    day: FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMD::medium())
                        .expect("compiled date data"),
                    weekday: FixedCalendarDateTimeFormatter::try_new(
                        (&locale).into(),
                        YMDE::medium(),
                    )
                    .expect("compiled date data"),
                    month: FixedCalendarDateTimeFormatter::try_new(
                        (&locale).into(),
                        // German's medium month is a number (`11/2026`): its name reads better.
                        match self {
                            Lang::De => YM::long(),
                            _ => YM::medium(),
                        },
                    )
                    .expect("compiled date data"),
                }
            });
            f(formatters)
        })
    }

    /// An amount with its currency: `€1,234.56`, `1234,56 €` (Spanish groups from five
    /// digits), `1 234,56 €`, `1.234,56 €`; `¥12,000`; `KWD 1.500`.
    pub fn money(self, amount: Money, currency: Currency) -> String {
        let mut out = String::with_capacity(24);
        self.push_money(&mut out, amount, currency);
        out
    }

    /// Appends what [`Lang::money`] returns.
    pub fn push_money(self, out: &mut String, amount: Money, currency: Currency) {
        let mut value = Decimal::from(amount.cents());
        value.multiply_pow10(-i16::from(currency.minor_units()));
        self.with(|f| {
            let formatter = f
                .money
                .entry(currency.code().to_owned())
                .or_insert_with(|| {
                    let code = CurrencyType::try_from_str(currency.code()).ok()?;
                    CurrencyFormatter::try_new_symbol(
                        (&self.locale()).into(),
                        code,
                        Default::default(),
                    )
                    .ok()
                });
            match formatter {
                Some(formatter) => {
                    let _ = write!(out, "{}", formatter.format_fixed_decimal(&value));
                }
                None => {
                    let _ = write!(out, "{} {}", f.number.format(&value), currency.code());
                }
            }
        });
    }

    /// An amount without a symbol, as a person would type it: `1234.56` in English,
    /// `1234,56` in Spanish, French and German (no grouping: it goes back into a form).
    pub fn amount_input(self, amount: Money, currency: Currency) -> String {
        let plain = currency.format_plain(amount);
        match self.decimal_mark() {
            '.' => plain,
            mark => plain.replace('.', &mark.to_string()),
        }
    }

    /// A whole number with the language's grouping: `12,345`, `12.345`, `12 345`.
    pub fn number(self, n: i64) -> String {
        self.with(|f| f.number.format(&Decimal::from(n)).to_string())
    }

    /// The character the language writes before the decimals.
    pub fn decimal_mark(self) -> char {
        match self {
            Lang::En => '.',
            Lang::Es | Lang::Fr | Lang::De => ',',
        }
    }

    /// A date: `3 Dec 2026`, `3 dic 2026`, `3 déc. 2026`, `03.12.2026`.
    pub fn day(self, date: chrono::NaiveDate) -> String {
        self.format_date(date, false)
    }

    /// A date with its weekday: `Thu, 3 Dec 2026`.
    pub fn weekday(self, date: chrono::NaiveDate) -> String {
        self.format_date(date, true)
    }

    /// A month of a year: `Nov 2026`, `nov 2026`, `nov. 2026`, `November 2026`.
    pub fn month(self, date: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        match Date::try_new_gregorian(date.year(), u8::try_from(date.month()).unwrap_or(1), 1) {
            Ok(first) => self.with(|f| f.month.format(&first).to_string()),
            Err(_) => date.format("%Y-%m").to_string(),
        }
    }

    fn format_date(self, date: chrono::NaiveDate, weekday: bool) -> String {
        use chrono::Datelike;
        let Ok(date) = Date::try_new_gregorian(
            date.year(),
            u8::try_from(date.month()).unwrap_or(1),
            u8::try_from(date.day()).unwrap_or(1),
        ) else {
            return date.to_string();
        };
        self.with(|f| {
            if weekday {
                f.weekday.format(&date).to_string()
            } else {
                f.day.format(&date).to_string()
            }
        })
    }

    /// An instant on a zone's clock: `3 Dec 2026 09:05 NZDT`.
    pub fn minute(
        self,
        at: chrono::DateTime<chrono::Utc>,
        zone: crate::domain::TimeZone,
    ) -> String {
        let local = zone.local(at);
        format!(
            "{} {} {}",
            self.day(local.date_naive()),
            local.format("%H:%M"),
            local.format("%Z")
        )
    }
}

/// Parses an amount typed in `lang`'s conventions or in the plain form: `1.234,56` and
/// `1234.56` in German, `1,234.56` and `1234,56` in English, `1 234,56` in French.
///
/// Where both `.` and `,` appear, the last one is the decimal mark; one repeated is grouping;
/// a single one is the decimal mark unless it is not `lang`'s and exactly three digits follow
/// (`1.234` is 1234 in German, `1,234` is 1234 in English).
pub fn parse_amount(lang: Lang, currency: Currency, input: &str) -> Result<Money, AmountError> {
    let trimmed = input.trim();
    if trimmed.len() > 40 {
        return Err(AmountError::Malformed);
    }
    let marks: Vec<(usize, char)> = trimmed
        .char_indices()
        .filter(|(_, c)| matches!(c, '.' | ','))
        .collect();
    let decimal_at = match marks.as_slice() {
        [] => None,
        [(at, mark)] => {
            let digits_after = trimmed[at + 1..]
                .chars()
                .filter(char::is_ascii_digit)
                .count();
            let only_digits_after = trimmed[at + 1..].chars().all(|c| c.is_ascii_digit());
            if *mark != lang.decimal_mark() && digits_after == 3 && only_digits_after {
                None
            } else {
                Some(*at)
            }
        }
        [.., (last_at, last)] => {
            if marks.iter().all(|(_, c)| c == last) {
                None
            } else if marks[..marks.len() - 1].iter().any(|(_, c)| c == last) {
                return Err(AmountError::Malformed);
            } else {
                Some(*last_at)
            }
        }
    };
    // Grouping marks go, the decimal mark becomes the plain `.`; the currency's own parser
    // checks what is left (digits, decimals, limits).
    let mut plain = String::with_capacity(trimmed.len());
    for (i, c) in trimmed.char_indices() {
        match c {
            '.' | ',' if Some(i) == decimal_at => plain.push('.'),
            '.' | ',' => {
                // A grouping mark follows a digit and comes before a group of three.
                let before = trimmed[..i].chars().next_back();
                let group = trimmed[i + 1..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .count();
                if !before.is_some_and(|c| c.is_ascii_digit()) || group != 3 {
                    return Err(AmountError::Malformed);
                }
            }
            c => plain.push(c),
        }
    }
    currency.parse_amount(&plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur() -> Currency {
        Currency::from_code("EUR").expect("known")
    }

    #[test]
    fn money_follows_each_language() {
        let amount = Money(123_456);
        assert_eq!(Lang::En.money(amount, eur()), "€1,234.56");
        assert_eq!(Lang::De.money(amount, eur()), "1.234,56\u{a0}€");
        assert_eq!(Lang::Fr.money(amount, eur()), "1\u{202f}234,56\u{a0}€");
        // Spanish groups thousands only from five digits on (CLDR's minimum grouping).
        assert_eq!(Lang::Es.money(amount, eur()), "1234,56\u{a0}€");
        assert_eq!(Lang::Es.money(Money(1_234_556), eur()), "12.345,56\u{a0}€");
        assert_eq!(Lang::En.money(Money(-300), eur()), "-€3.00");
    }

    #[test]
    fn currencies_with_zero_and_three_decimals() {
        let yen = Currency::from_code("JPY").expect("known");
        let dinar = Currency::from_code("KWD").expect("known");
        // British English tells the yen from the yuan; German writes the plain sign.
        assert_eq!(Lang::En.money(Money(12_000), yen), "JP¥12,000");
        assert_eq!(Lang::De.money(Money(12_000), yen), "12.000\u{a0}¥");
        assert_eq!(Lang::En.money(Money(1_500), dinar), "KWD\u{a0}1.500");
        assert_eq!(Lang::Fr.money(Money(1_500), dinar), "1,500\u{a0}KWD");
    }

    #[test]
    fn dates_follow_each_language() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).expect("valid");
        assert_eq!(Lang::En.day(date), "3 Dec 2026");
        assert_eq!(Lang::Es.day(date), "3 dic 2026");
        assert_eq!(Lang::Fr.day(date), "3 déc. 2026");
        assert_eq!(Lang::De.day(date), "03.12.2026");
    }

    #[test]
    fn minutes_are_shown_on_the_local_clock_with_the_zone() {
        use crate::domain::TimeZone;
        let at = chrono::DateTime::parse_from_rfc3339("2026-12-01T20:05:00Z")
            .expect("valid")
            .with_timezone(&chrono::Utc);
        assert_eq!(Lang::En.minute(at, TimeZone::UTC), "1 Dec 2026 20:05 UTC");
        let auckland = TimeZone::parse("Pacific/Auckland").expect("known");
        assert_eq!(Lang::En.minute(at, auckland), "2 Dec 2026 09:05 NZDT");
        assert_eq!(Lang::De.minute(at, auckland), "02.12.2026 09:05 NZDT");
    }

    #[test]
    fn amounts_are_read_in_the_local_and_the_plain_form() {
        let ok = |lang, s: &str| parse_amount(lang, eur(), s);
        assert_eq!(ok(Lang::De, "1.234,56"), Ok(Money(123_456)));
        assert_eq!(ok(Lang::De, "1234.56"), Ok(Money(123_456)));
        assert_eq!(ok(Lang::De, "12,5"), Ok(Money(1_250)));
        assert_eq!(ok(Lang::De, "1.234"), Ok(Money(123_400)));
        assert_eq!(ok(Lang::En, "1,234.56"), Ok(Money(123_456)));
        assert_eq!(ok(Lang::En, "1,234"), Ok(Money(123_400)));
        assert_eq!(ok(Lang::En, "12,50"), Ok(Money(1_250)));
        assert_eq!(ok(Lang::Fr, "1 234,56"), Ok(Money(123_456)));
        assert_eq!(ok(Lang::Fr, "1\u{202f}234,56"), Ok(Money(123_456)));
        assert_eq!(ok(Lang::Es, "123.456,7"), Ok(Money(12_345_670)));
        assert_eq!(ok(Lang::En, "234,567"), Ok(Money(23_456_700)));
        assert!(ok(Lang::De, "1,234.5,6").is_err());
        assert!(ok(Lang::De, "1..5").is_err());
        assert!(ok(Lang::De, ",5.").is_err());
        assert!(ok(Lang::En, "12,3,4").is_err());
        let dinar = Currency::from_code("KWD").expect("known");
        assert_eq!(parse_amount(Lang::De, dinar, "1,234"), Ok(Money(1_234)));
        assert_eq!(parse_amount(Lang::En, dinar, "1,234"), Ok(Money(1_234_000)));
        let yen = Currency::from_code("JPY").expect("known");
        assert_eq!(parse_amount(Lang::De, yen, "12.000"), Ok(Money(12_000)));
        assert_eq!(parse_amount(Lang::En, yen, "12,000"), Ok(Money(12_000)));
    }
}

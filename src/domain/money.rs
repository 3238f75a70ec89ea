//! Money in integer minor units of one currency, and the currency itself.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An ISO 4217 currency with the number of its minor units (2 for EUR, 0 for JPY).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "CurrencyRepr", into = "CurrencyRepr")]
pub struct Currency {
    code: [u8; 3],
    minor_units: u8,
}

/// How a currency is written in events: the code and the minor units in force when the
/// account was opened, so a later change of the table never rescales old amounts.
#[derive(Serialize, Deserialize)]
struct CurrencyRepr {
    code: String,
    minor_units: u8,
}

impl From<Currency> for CurrencyRepr {
    fn from(c: Currency) -> Self {
        CurrencyRepr {
            code: c.code().to_owned(),
            minor_units: c.minor_units,
        }
    }
}

impl TryFrom<CurrencyRepr> for Currency {
    type Error = UnknownCurrency;
    fn try_from(r: CurrencyRepr) -> Result<Self, UnknownCurrency> {
        let b = r.code.as_bytes();
        if b.len() != 3 || !b.iter().all(u8::is_ascii_uppercase) || r.minor_units > 4 {
            return Err(UnknownCurrency);
        }
        Ok(Currency {
            code: [b[0], b[1], b[2]],
            minor_units: r.minor_units,
        })
    }
}

/// The currencies tally knows, with their minor units and a display symbol.
const CURRENCIES: &[(&str, u8, &str)] = &[
    ("AUD", 2, "A$"),
    ("BGN", 2, "лв"),
    ("BHD", 3, "BD"),
    ("BRL", 2, "R$"),
    ("CAD", 2, "CA$"),
    ("CHF", 2, "CHF"),
    ("CLP", 0, "CLP$"),
    ("CNY", 2, "CN¥"),
    ("CZK", 2, "Kč"),
    ("DKK", 2, "kr"),
    ("EUR", 2, "€"),
    ("GBP", 2, "£"),
    ("HKD", 2, "HK$"),
    ("HUF", 2, "Ft"),
    ("IDR", 2, "Rp"),
    ("ILS", 2, "₪"),
    ("INR", 2, "₹"),
    ("ISK", 0, "kr"),
    ("JOD", 3, "JD"),
    ("JPY", 0, "¥"),
    ("KRW", 0, "₩"),
    ("KWD", 3, "KD"),
    ("MKD", 2, "ден"),
    ("MXN", 2, "MX$"),
    ("NOK", 2, "kr"),
    ("NZD", 2, "NZ$"),
    ("PLN", 2, "zł"),
    ("RON", 2, "lei"),
    ("SEK", 2, "kr"),
    ("SGD", 2, "S$"),
    ("THB", 2, "฿"),
    ("TND", 3, "DT"),
    ("TRY", 2, "₺"),
    ("UAH", 2, "₴"),
    ("USD", 2, "$"),
    ("ZAR", 2, "R"),
];

/// Why a text is not a currency tally knows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown currency code; use an ISO 4217 code such as EUR, USD or GBP")]
pub struct UnknownCurrency;

impl Currency {
    /// Parses an ISO 4217 code (case-insensitive, surrounding spaces ignored).
    pub fn from_code(code: &str) -> Result<Self, UnknownCurrency> {
        let code = code.trim();
        CURRENCIES
            .iter()
            .find(|(c, _, _)| c.eq_ignore_ascii_case(code))
            .map(|(c, minor, _)| Currency::known(c, *minor))
            .ok_or(UnknownCurrency)
    }

    /// All known currencies, for a select box.
    pub fn all() -> impl Iterator<Item = Currency> {
        CURRENCIES
            .iter()
            .map(|(c, minor, _)| Currency::known(c, *minor))
    }

    /// A currency of the table (three ASCII letters).
    fn known(code: &str, minor_units: u8) -> Currency {
        let b = code.as_bytes();
        Currency {
            code: [b[0], b[1], b[2]],
            minor_units,
        }
    }

    /// The three-letter code.
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.code).unwrap_or("XXX")
    }

    /// Digits after the decimal separator.
    pub fn minor_units(&self) -> u8 {
        self.minor_units
    }

    /// The symbol shown before amounts.
    pub fn symbol(&self) -> &'static str {
        CURRENCIES
            .iter()
            .find(|(c, _, _)| c.as_bytes() == self.code)
            .map(|(_, _, s)| *s)
            .unwrap_or("")
    }

    /// How many minor units make one major unit (100 for EUR).
    pub fn scale(&self) -> i64 {
        10_i64.pow(u32::from(self.minor_units))
    }

    /// The largest amount of one expense or transfer: 1,000,000 major units.
    pub fn max_amount(&self) -> Money {
        Money(1_000_000 * self.scale())
    }

    /// Formats minor units as a plain decimal number, e.g. `-12.50`.
    pub fn format_plain(&self, amount: Money) -> String {
        let mut out = String::with_capacity(16);
        if amount.0 < 0 {
            out.push('-');
        }
        self.push_digits(&mut out, amount.0.unsigned_abs());
        out
    }

    /// Formats with the currency symbol, e.g. `€12.50` or `-€3.00`.
    pub fn format(&self, amount: Money) -> String {
        let mut out = String::with_capacity(20);
        self.push_formatted(&mut out, amount);
        out
    }

    /// Appends what [`Currency::format`] returns to `out`, for text built around amounts.
    pub fn push_formatted(&self, out: &mut String, amount: Money) {
        if amount.0 < 0 {
            out.push('-');
        }
        out.push_str(self.symbol());
        self.push_digits(out, amount.0.unsigned_abs());
    }

    /// Writes `abs` minor units as `major.minor` into `out`. A page shows hundreds of amounts
    /// (the statistics page about 500), so this writes the digits itself instead of going
    /// through `fmt` with its padding machinery, measured at a tenth of the instructions.
    fn push_digits(&self, out: &mut String, abs: u64) {
        let scale = self.scale().unsigned_abs();
        push_decimal(out, abs / scale, 1);
        if self.minor_units > 0 {
            out.push('.');
            push_decimal(out, abs % scale, usize::from(self.minor_units));
        }
    }

    /// Parses an amount typed by a person: `12.50`, `12,50`, `12`, ` 1 234.5`.
    ///
    /// Accepts ASCII digits, one decimal separator (`.` or `,`) with at most as many digits
    /// as the currency has minor units, and spaces or apostrophes between thousands.
    pub fn parse_amount(&self, input: &str) -> Result<Money, AmountError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(AmountError::Empty);
        }
        if trimmed.len() > 32 {
            return Err(AmountError::Malformed);
        }
        let mut whole: i64 = 0;
        let mut fraction: i64 = 0;
        let mut fraction_digits: u8 = 0;
        let mut in_fraction = false;
        let mut any_digit = false;
        for ch in trimmed.chars() {
            match ch {
                '0'..='9' => {
                    any_digit = true;
                    let digit = i64::from(ch as u8 - b'0');
                    if in_fraction {
                        fraction_digits += 1;
                        if fraction_digits > self.minor_units {
                            return Err(AmountError::TooManyDecimals(self.minor_units));
                        }
                        fraction = fraction * 10 + digit;
                    } else {
                        whole = whole
                            .checked_mul(10)
                            .and_then(|w| w.checked_add(digit))
                            .ok_or(AmountError::TooLarge)?;
                        if whole > 1_000_000_000 {
                            return Err(AmountError::TooLarge);
                        }
                    }
                }
                '.' | ',' if !in_fraction && self.minor_units > 0 => in_fraction = true,
                ' ' | '\'' | '\u{a0}' | '\u{202f}' if !in_fraction && any_digit => {}
                '-' => return Err(AmountError::NotPositive),
                _ => return Err(AmountError::Malformed),
            }
        }
        if !any_digit {
            return Err(AmountError::Malformed);
        }
        let fraction = fraction * 10_i64.pow(u32::from(self.minor_units - fraction_digits));
        let minor = whole * self.scale() + fraction;
        let money = Money(minor);
        self.check_amount(money)?;
        Ok(money)
    }

    /// Checks the rule every expense and transfer amount follows.
    pub fn check_amount(&self, amount: Money) -> Result<(), AmountError> {
        if amount.0 <= 0 {
            Err(AmountError::NotPositive)
        } else if amount > self.max_amount() {
            Err(AmountError::TooLarge)
        } else {
            Ok(())
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Why an amount was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// Nothing typed.
    #[error("enter an amount")]
    Empty,
    /// Not a number we can read.
    #[error("enter an amount like 12.50")]
    Malformed,
    /// Zero or negative.
    #[error("the amount must be more than zero")]
    NotPositive,
    /// Over the limit.
    #[error("the amount can be at most 1,000,000")]
    TooLarge,
    /// More decimals than the currency has.
    #[error("use at most {0} digits after the decimal separator")]
    TooManyDecimals(u8),
}

/// An amount in minor units (cents). Never a float.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(pub i64);

impl Money {
    /// Zero minor units.
    pub const ZERO: Money = Money(0);

    /// The number of minor units.
    pub fn cents(self) -> i64 {
        self.0
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl std::ops::Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl std::ops::AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl std::ops::SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        self.0 -= rhs.0;
    }
}

impl std::ops::Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        Money(iter.map(|m| m.0).sum())
    }
}

/// Writes `n` in decimal, padded with zeros to at least `width` digits.
fn push_decimal(out: &mut String, mut n: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut start = digits.len();
    while n > 0 {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    start = start.min(digits.len().saturating_sub(width));
    for &d in &digits[start..] {
        out.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur() -> Currency {
        Currency::from_code("eur").expect("EUR is known")
    }

    #[test]
    fn parses_the_ways_people_type_amounts() {
        let cases = [
            ("12.50", 1250),
            ("12,50", 1250),
            ("12", 1200),
            ("12.5", 1250),
            (" 0.01 ", 1),
            ("1 234.56", 123_456),
            ("1'000", 100_000),
            ("1000000", 100_000_000),
            ("1000000.00", 100_000_000),
        ];
        for (input, cents) in cases {
            assert_eq!(
                eur().parse_amount(input),
                Ok(Money(cents)),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        let cases = [
            ("", AmountError::Empty),
            ("   ", AmountError::Empty),
            ("0", AmountError::NotPositive),
            ("0.00", AmountError::NotPositive),
            ("-5", AmountError::NotPositive),
            ("1000000.01", AmountError::TooLarge),
            ("99999999999999999999", AmountError::TooLarge),
            ("12.345", AmountError::TooManyDecimals(2)),
            ("1e3", AmountError::Malformed),
            ("NaN", AmountError::Malformed),
            ("12.50.1", AmountError::Malformed),
            (".", AmountError::Malformed),
            ("١٢", AmountError::Malformed),
            ("12\u{200b}", AmountError::Malformed),
            ("+5", AmountError::Malformed),
        ];
        for (input, err) in cases {
            assert_eq!(eur().parse_amount(input), Err(err), "input {input:?}");
        }
    }

    #[test]
    fn currencies_without_minor_units_take_no_decimals() {
        let jpy = Currency::from_code("JPY").expect("JPY is known");
        assert_eq!(jpy.parse_amount("1500"), Ok(Money(1500)));
        assert_eq!(jpy.parse_amount("15.5"), Err(AmountError::Malformed));
        assert_eq!(jpy.format(Money(1500)), "¥1500");
    }

    #[test]
    fn formats_with_symbol_and_sign() {
        assert_eq!(eur().format(Money(1250)), "€12.50");
        assert_eq!(eur().format(Money(-5)), "-€0.05");
        assert_eq!(eur().format_plain(Money(-100_005)), "-1000.05");
        let kwd = Currency::from_code("KWD").expect("KWD is known");
        assert_eq!(kwd.format_plain(Money(1_005)), "1.005");
    }

    #[test]
    fn digits_are_written_as_the_standard_formatter_would() {
        let amounts = [
            0,
            1,
            9,
            10,
            99,
            100,
            101,
            1_000,
            123_456_789,
            i64::MAX,
            i64::MIN,
        ];
        for code in ["JPY", "EUR", "KWD"] {
            let currency = Currency::from_code(code).expect("known");
            let width = usize::from(currency.minor_units());
            let scale = currency.scale().unsigned_abs();
            for amount in amounts.iter().flat_map(|&a| [a, a.saturating_neg()]) {
                let abs = amount.unsigned_abs();
                let sign = if amount < 0 { "-" } else { "" };
                let expected = if width == 0 {
                    format!("{sign}{abs}")
                } else {
                    format!("{sign}{}.{:0width$}", abs / scale, abs % scale)
                };
                assert_eq!(currency.format_plain(Money(amount)), expected, "{code}");
            }
        }
    }

    #[test]
    fn unknown_currency_is_refused() {
        assert_eq!(Currency::from_code("XYZ"), Err(UnknownCurrency));
        assert_eq!(Currency::from_code("EURO"), Err(UnknownCurrency));
    }
}

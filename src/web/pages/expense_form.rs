//! The expense form, shared by the dashboard (add) and the expense pages (add, edit): its
//! values as typed, and parsing them into an expense with a message per field.

use crate::domain::{
    AccountError, CategoryId, Currency, Description, ExpenseDetails, ExpenseId, ForeignAmount,
    MemberId, Money, Portion, Rate, Recurrence, Split, SplitError, dates,
};
use crate::i18n::{Lang, Value};
use crate::read::categories::CategoryView;
use crate::read::expense::ExpenseDetail;
use crate::read::members::MemberChoice;
use crate::web::account_view::find_member;
use crate::web::forms::{FieldErrors, RawForm};
use chrono::NaiveDate;

/// The message the edit form's button says (`lang.t(SAVE_CHANGES)`).
pub const SAVE_CHANGES: &str = "expense-form-save";

/// How an expense can be split, as the form offers it: the form value and its label's
/// message (the template shows `ctx.lang.t(label)`).
pub const SPLIT_MODES: &[(&str, &str)] = &[
    ("equally", "expense-form-split-equally"),
    ("by_shares", "expense-form-split-by-shares"),
    ("by_exact_amounts", "expense-form-split-by-exact-amounts"),
    ("by_percentages", "expense-form-split-by-percentages"),
];

/// One member's row in the split table.
#[derive(Debug, Clone)]
pub struct SplitRow {
    /// Member id.
    pub id: MemberId,
    /// Name.
    pub name: String,
    /// Whether they can be chosen for new expenses.
    pub active: bool,
    /// Ticked as a participant.
    pub checked: bool,
    /// Weight typed.
    pub weight: String,
    /// Exact amount typed.
    pub exact: String,
    /// Percentage typed.
    pub percent: String,
}

/// The expense form's values as typed, with a message per field.
#[derive(Debug, Clone)]
pub struct ExpenseForm {
    /// Where it posts.
    pub action: String,
    /// The submit button's text.
    pub submit: String,
    /// Hidden id that makes a double submit harmless.
    pub expense_id: String,
    /// Hidden revision for stale-edit detection ("" when adding).
    pub revision: String,
    /// Amount as typed.
    pub amount: String,
    /// Description as typed.
    pub description: String,
    /// Date as typed (YYYY-MM-DD).
    pub date: String,
    /// Payer's member id.
    pub payer: String,
    /// Split mode.
    pub split: String,
    /// A row per member.
    pub rows: Vec<SplitRow>,
    /// Messages per field.
    pub errors: FieldErrors,
    /// The currency's code, for labels.
    pub currency_code: String,
    /// Category id as chosen ("" for none).
    pub category: String,
    /// The account's categories (archived ones are offered only when already chosen).
    pub categories: Vec<CategoryView>,
    /// Whether the form offers "repeat" (adding; a recurring bill's own form always repeats).
    pub repeat_offered: bool,
    /// "" (once), `week`, `month` or `year`.
    pub repeat: String,
    /// Every how many units, as typed.
    pub repeat_every: String,
    /// Last date, as typed ("" for no end).
    pub until: String,
    /// A refund's form: money coming in, "received by" instead of "paid by", never repeats.
    pub refund: bool,
    /// The currency it was paid in, as chosen ("" for the account's own).
    pub paid_in: String,
    /// The rate to the account's currency, as typed.
    pub rate: String,
    /// The rate each other currency was last recorded at here (code, rate), as a proposal.
    pub last_rates: Vec<(String, String)>,
}

/// The currencies the form offers first for an expense paid abroad; the rest of the known
/// ones follow in code order.
const FIRST_CURRENCIES: &[&str] = &["EUR", "USD", "GBP", "CHF", "JPY"];

/// How often a bill can repeat, as the form offers it: the form value and its label's message.
pub const REPEAT_UNITS: &[(&str, &str)] = &[
    ("week", "expense-form-weekly"),
    ("month", "expense-form-monthly"),
    ("year", "expense-form-yearly"),
];

impl ExpenseForm {
    /// A fresh form: today, paid by me, split equally among every active member; its button
    /// in the request's language.
    pub fn blank(
        action: String,
        me: MemberId,
        members: &[impl MemberChoice],
        categories: &[CategoryView],
        currency: Currency,
        today: NaiveDate,
    ) -> Self {
        ExpenseForm {
            action,
            submit: crate::i18n::current().t("expense-form-add"),
            expense_id: ExpenseId::new().to_string(),
            revision: String::new(),
            amount: String::new(),
            description: String::new(),
            date: today.to_string(),
            payer: me.to_string(),
            split: "equally".to_owned(),
            rows: members
                .iter()
                .map(|m| SplitRow {
                    id: m.id(),
                    name: m.name().to_owned(),
                    active: m.active(),
                    checked: m.active(),
                    weight: "1".to_owned(),
                    exact: String::new(),
                    percent: String::new(),
                })
                .collect(),
            errors: FieldErrors::default(),
            currency_code: currency.code().to_owned(),
            category: String::new(),
            categories: categories.to_vec(),
            repeat_offered: true,
            repeat: String::new(),
            repeat_every: "1".to_owned(),
            until: String::new(),
            refund: false,
            paid_in: String::new(),
            rate: String::new(),
            last_rates: Vec::new(),
        }
    }

    /// The form as the person filled it in, to show again with messages (a rate filled in
    /// from the loaded ones shown in the request's language).
    pub fn from_raw(
        action: String,
        raw: &RawForm,
        members: &[impl MemberChoice],
        categories: &[CategoryView],
        currency: Currency,
    ) -> Self {
        let checked: Vec<&str> = raw.all("participant");
        let lang = crate::i18n::current();
        ExpenseForm {
            action,
            submit: lang.t("expense-form-add"),
            expense_id: raw.get("expense_id").to_owned(),
            revision: raw.get("revision").to_owned(),
            amount: raw.get("amount").to_owned(),
            description: raw.get("description").to_owned(),
            date: raw.get("date").to_owned(),
            payer: raw.get("payer").to_owned(),
            split: raw.get("split").to_owned(),
            rows: members
                .iter()
                .map(|m| {
                    let id = m.id().to_string();
                    SplitRow {
                        checked: checked.contains(&id.as_str()),
                        weight: raw.get(&format!("weight_{id}")).to_owned(),
                        exact: raw.get(&format!("exact_{id}")).to_owned(),
                        percent: raw.get(&format!("percent_{id}")).to_owned(),
                        name: m.name().to_owned(),
                        active: m.active(),
                        id: m.id(),
                    }
                })
                .collect(),
            errors: FieldErrors::default(),
            currency_code: currency.code().to_owned(),
            category: raw.get("category").to_owned(),
            categories: categories.to_vec(),
            repeat_offered: raw.get("revision").is_empty(),
            repeat: raw.get("repeat").to_owned(),
            repeat_every: raw.get("repeat_every").to_owned(),
            until: raw.get("until").to_owned(),
            refund: false,
            paid_in: raw.get("paid_in").to_owned(),
            rate: local_rate(lang, raw.get("rate")),
            last_rates: Vec::new(),
        }
    }

    /// The rates last used here, as the hint proposes them: "USD 0.92, GBP 1.17" (with a
    /// semicolon between them where the decimal mark is a comma: "USD 0,92; GBP 1,17").
    pub fn last_rates_text(&self, lang: &Lang) -> String {
        let lang = *lang;
        let separator = if lang.decimal_mark() == ',' {
            "; "
        } else {
            ", "
        };
        self.last_rates
            .iter()
            .map(|(code, rate)| format!("{code} {}", local_rate(lang, rate)))
            .collect::<Vec<_>>()
            .join(separator)
    }

    /// The currencies an expense can be paid in besides the account's, with their minor
    /// units and symbol for the split preview (for the template).
    pub fn other_currencies(&self) -> impl Iterator<Item = &'static (String, u8, &'static str)> {
        // In the offered order, worked out once: every expense form shows them.
        static ORDERED: std::sync::OnceLock<Vec<(String, u8, &'static str)>> =
            std::sync::OnceLock::new();
        let ordered = ORDERED.get_or_init(|| {
            let first = FIRST_CURRENCIES
                .iter()
                .filter_map(|c| Currency::from_code(c).ok());
            let rest = Currency::all().filter(|c| !FIRST_CURRENCIES.contains(&c.code()));
            first
                .chain(rest)
                .map(|c| (c.code().to_owned(), c.minor_units(), c.symbol()))
                .collect()
        });
        let own = self.currency_code.clone();
        ordered.iter().filter(move |(code, _, _)| *code != own)
    }

    /// Whether `code` is the currency chosen as paid in (for the template).
    pub fn is_paid_in(&self, code: &str) -> bool {
        self.paid_in == code
    }

    /// How often a bill can repeat (for the template).
    pub fn repeat_units(&self) -> &'static [(&'static str, &'static str)] {
        REPEAT_UNITS
    }

    /// Whether a category is the chosen one (for the template).
    pub fn is_category(&self, id: &CategoryId) -> bool {
        self.category == id.to_string()
    }

    /// The end date for the date input: only a well-formed date.
    pub fn until_value(&self) -> &str {
        match dates::parse_day(&self.until) {
            Ok(_) => self.until.trim(),
            Err(_) => "",
        }
    }

    /// Whether a member is the selected payer (for the template).
    pub fn is_payer(&self, id: &MemberId) -> bool {
        self.payer == id.to_string()
    }

    /// The date for the date input: only a well-formed date, since a date input cannot
    /// hold anything else (the message beside the field says what was wrong).
    pub fn date_value(&self) -> &str {
        // A kept body's stand-in for today (see `web::body`), filled in as the page is sent.
        if self.date == crate::web::body::Hole::Today.marker() {
            return &self.date;
        }
        match dates::parse_day(&self.date) {
            Ok(_) => self.date.trim(),
            Err(_) => "",
        }
    }

    /// Digits after the decimal separator, for the split preview script.
    pub fn minor_units(&self) -> u8 {
        Currency::from_code(&self.currency_code).map_or(2, |c| c.minor_units())
    }

    /// The split preview's message about exact amounts that do not add up, with `{sum}`,
    /// `{amount}` and `{gap}` for the script to fill in.
    pub fn preview_gap(&self, lang: &Lang, too_much: bool) -> String {
        let key = if too_much {
            "expense-form-preview-too-much"
        } else {
            "expense-form-preview-missing"
        };
        let slot = |name: &str| Value::Text(format!("{{{name}}}"));
        lang.ta(
            key,
            &[
                ("sum", slot("sum")),
                ("amount", slot("amount")),
                ("gap", slot("gap")),
            ],
        )
    }
}

/// A well-formed rate written with `.` as `lang` writes decimals (`0,92` in German); anything
/// else as it is (a person's typing is kept).
pub fn local_rate(lang: Lang, rate: &str) -> String {
    let mark = lang.decimal_mark();
    if mark != '.' && rate.matches('.').count() == 1 && Rate::parse(rate).is_ok() {
        rate.replace('.', &mark.to_string())
    } else {
        rate.to_owned()
    }
}

/// Parses a percentage like `33.33` or `33,3` into hundredths of a percent; the error is the
/// key of its message (`lang.t(e)`).
pub fn parse_percent(input: &str) -> Result<i64, &'static str> {
    let t = input.trim().trim_end_matches('%').trim();
    let (whole, frac) = match t.split_once(['.', ',']) {
        Some((w, f)) => (w, f),
        None => (t, ""),
    };
    let digits = |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole)
        || frac.len() > 2
        || !(frac.is_empty() || frac.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err("expense-form-percent-malformed");
    }
    let whole: i64 = whole
        .parse()
        .map_err(|_| "expense-form-percent-malformed")?;
    let frac: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}")
            .parse()
            .map_err(|_| "expense-form-percent-malformed")?
    };
    let value = whole * 100 + frac;
    if value <= 0 || value > 10_000 {
        return Err("expense-form-percent-range");
    }
    Ok(value)
}

/// An expense form once parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedExpense {
    /// The form's hidden id.
    pub id: ExpenseId,
    /// What the expense says.
    pub details: ExpenseDetails,
    /// The revision an edit was made from (none when adding).
    pub revision: Option<u32>,
}

impl ParsedExpense {
    /// "Internet, €30.00", for the message after saving, in the request's language.
    pub fn summary(&self, currency: Currency) -> String {
        self.summary_in(crate::i18n::current(), currency)
    }

    /// "Internet, €30.00" in `lang`.
    pub fn summary_in(&self, lang: Lang, currency: Currency) -> String {
        let description = self.details.description.to_string();
        let amount = lang.money(self.details.amount, currency);
        match &self.details.foreign {
            None => lang.t2(
                "expense-summary",
                ("description", description),
                ("amount", amount),
            ),
            Some(paid) => lang.ta(
                "expense-summary-paid-in",
                &[
                    ("description", Value::Text(description)),
                    ("paid", Value::Text(lang.money(paid.amount, paid.currency))),
                    ("amount", Value::Text(amount)),
                ],
            ),
        }
    }
}

/// Turns the typed form into an expense, or a message per field in the request's language.
pub fn parse_expense(
    raw: &RawForm,
    members: &[impl MemberChoice],
    categories: &[CategoryView],
    currency: Currency,
) -> Result<ParsedExpense, FieldErrors> {
    parse_expense_in(crate::i18n::current(), raw, members, categories, currency)
}

/// Turns the form typed in `lang` into an expense (amounts in its conventions or the plain
/// form), or a message per field in `lang`.
pub fn parse_expense_in(
    lang: Lang,
    raw: &RawForm,
    members: &[impl MemberChoice],
    categories: &[CategoryView],
    currency: Currency,
) -> Result<ParsedExpense, FieldErrors> {
    let mut errors = FieldErrors::default();
    let category = match raw.get("category").trim() {
        "" => None,
        typed => match categories.iter().find(|c| c.id.to_string() == typed) {
            Some(c) => Some(c.id),
            None => {
                errors.add("category", lang.t("expense-form-choose-category"));
                None
            }
        },
    };
    let expense_id = raw.get("expense_id").parse::<ExpenseId>().ok();
    if expense_id.is_none() {
        errors.add("form", lang.t("expense-form-incomplete"));
    }
    let revision = match raw.get("revision").trim() {
        "" => None,
        r => match r.parse::<u32>() {
            Ok(v) => Some(v),
            Err(_) => {
                errors.add("form", lang.t("expense-form-incomplete"));
                None
            }
        },
    };
    // Paid in another currency: the amount and exact parts are in it, converted at the rate.
    let paid_in = match raw.get("paid_in").trim() {
        "" => None,
        code if code == currency.code() => None,
        code => match Currency::from_code(code) {
            Ok(other) => Some(other),
            Err(_) => {
                errors.add("paid_in", lang.t("expense-form-choose-currency"));
                None
            }
        },
    };
    let rate = paid_in.and_then(|_| errors.take("rate", Rate::parse(raw.get("rate"))));
    let entered_in = paid_in.unwrap_or(currency);
    let amount = errors.take(
        "amount",
        crate::i18n::parse_amount(lang, entered_in, raw.get("amount")),
    );
    let description = errors.take("description", Description::parse(raw.get("description")));
    let date = errors.take("date", dates::parse_day(raw.get("date")));
    let known = |id: &str| find_member(members, id).map(|m| m.id());
    let payer = known(raw.get("payer"));
    if payer.is_none() {
        errors.add("payer", lang.t("expense-form-choose-payer"));
    }
    let mut participants = Vec::new();
    for id in raw.all("participant") {
        match known(id) {
            Some(m) if !participants.contains(&m) => participants.push(m),
            Some(_) => {}
            None => errors.add("participants", lang.t("expense-form-choose-participants")),
        }
    }
    if participants.is_empty() {
        errors.add("participants", lang.t("expense-form-one-participant"));
    }
    let mut portions =
        |prefix: &str, parse: &dyn Fn(&str) -> Result<i64, String>| -> Vec<Portion> {
            let mut out = Vec::new();
            for m in &participants {
                let field = format!("{prefix}_{m}");
                match parse(raw.get(&field)) {
                    Ok(value) => out.push(Portion {
                        member_id: *m,
                        value,
                    }),
                    Err(message) => errors.add(field, message),
                }
            }
            out
        };
    let split = match raw.get("split") {
        "equally" | "" => Some(Split::Equally {
            participants: participants.clone(),
        }),
        "by_shares" => Some(Split::ByShares {
            shares: portions("weight", &|s: &str| match s.trim().parse::<i64>() {
                Ok(w) if (1..=Split::MAX_WEIGHT).contains(&w) => Ok(w),
                _ => Err(lang.t1("expense-form-whole-shares", "max", Split::MAX_WEIGHT)),
            }),
        }),
        "by_exact_amounts" => Some(Split::ByExactAmounts {
            amounts: portions("exact", &|s: &str| {
                crate::i18n::parse_amount(lang, entered_in, s)
                    .map(|m| m.cents())
                    .map_err(|e| crate::i18n::Localize::localize(&e, lang))
            }),
        }),
        "by_percentages" => Some(Split::ByPercentages {
            percentages: portions("percent", &|s: &str| {
                parse_percent(s).map_err(|key| lang.t(key))
            }),
        }),
        _ => {
            errors.add("split", lang.t("expense-form-choose-split"));
            None
        }
    };
    match (expense_id, amount, description, date, payer, split) {
        (Some(id), Some(amount), Some(description), Some(date), Some(payer), Some(split))
            if errors.is_empty() =>
        {
            // Check the split now so its message lands beside the split, not as a refusal.
            if let Err(e) = split.allocate(amount, 0) {
                errors.add("split", split_message(lang, &e, entered_in));
                return Err(errors);
            }
            let (amount, foreign) = match (paid_in, rate) {
                (Some(paid), Some(rate)) => {
                    let foreign = ForeignAmount {
                        currency: paid,
                        amount,
                        rate,
                    };
                    match foreign.converted(currency) {
                        Ok(converted) => (converted, Some(foreign)),
                        Err(e) => {
                            errors.add("rate", e);
                            return Err(errors);
                        }
                    }
                }
                _ => (amount, None),
            };
            Ok(ParsedExpense {
                id,
                details: ExpenseDetails {
                    payer,
                    amount,
                    description,
                    date,
                    split,
                    category,
                    foreign,
                },
                revision,
            })
        }
        _ => Err(errors),
    }
}

/// How often the bill repeats and until when, when the form asks it to; `None` for once.
/// Messages in the request's language.
pub fn parse_repeat(
    raw: &RawForm,
    start: Option<NaiveDate>,
) -> Result<Option<(Recurrence, Option<NaiveDate>)>, FieldErrors> {
    parse_repeat_in(crate::i18n::current(), raw, start)
}

/// [`parse_repeat`] with messages in `lang`.
pub fn parse_repeat_in(
    lang: Lang,
    raw: &RawForm,
    start: Option<NaiveDate>,
) -> Result<Option<(Recurrence, Option<NaiveDate>)>, FieldErrors> {
    let mut errors = FieldErrors::default();
    let unit = raw.get("repeat").trim();
    if unit.is_empty() {
        // An end date without a repeat is most likely a forgotten choice: ask.
        if !raw.get("until").trim().is_empty() {
            errors.add("repeat", lang.t("expense-form-choose-repeat"));
            return Err(errors);
        }
        return Ok(None);
    }
    let every = match raw.get("repeat_every").trim() {
        "" => "1",
        typed => typed,
    };
    let recurrence = Recurrence::parse(unit, every)
        .map_err(|e| {
            errors.add(
                if matches!(e, crate::domain::RecurrenceError::UnknownUnit) {
                    "repeat"
                } else {
                    "repeat_every"
                },
                e,
            )
        })
        .ok();
    let until = match raw.get("until").trim() {
        "" => None,
        typed => match dates::parse_day(typed) {
            Ok(d) if start.is_some_and(|s| d < s) => {
                errors.add("until", lang.t("expense-form-until-before-start"));
                None
            }
            Ok(d) => Some(d),
            Err(e) => {
                errors.add("until", e);
                None
            }
        },
    };
    match recurrence {
        Some(r) if errors.is_empty() => Ok(Some((r, until))),
        _ => Err(errors),
    }
}

/// A split's refusal in the money the person typed: "the amounts add up to €7.00 of €10.00:
/// €3.00 missing" rather than minor units.
pub fn split_message(lang: Lang, error: &SplitError, currency: Currency) -> String {
    match *error {
        SplitError::ExactAmountsMismatch { expected, got } => {
            let money = |cents: i64| Value::Text(lang.money(Money(cents), currency));
            let (key, gap) = if got < expected {
                ("expense-form-amounts-missing", expected - got)
            } else {
                ("expense-form-amounts-too-much", got - expected)
            };
            lang.ta(
                key,
                &[
                    ("got", money(got)),
                    ("expected", money(expected)),
                    ("gap", money(gap)),
                ],
            )
        }
        ref other => crate::i18n::Localize::localize(other, lang),
    }
}

/// Where a refused command's message goes on the form.
pub fn field_of(error: &AccountError) -> &'static str {
    match error {
        AccountError::UnknownCategory | AccountError::CategoryArchived(_) => "category",
        AccountError::UntilBeforeStart => "until",
        AccountError::Amount(_) => "amount",
        AccountError::Exchange(_) => "rate",
        AccountError::DateOutOfRange(_) => "date",
        AccountError::PayerInactive => "payer",
        AccountError::ParticipantInactive(_) | AccountError::UnknownMember => "participants",
        AccountError::Split(_) => "split",
        _ => "form",
    }
}

/// Hundredths of a percent as people write them: 50, 12.5, 33.33 (12,5 in German).
fn format_percent(lang: Lang, hundredths: i64) -> String {
    let (whole, frac) = (hundredths / 100, hundredths % 100);
    let mark = lang.decimal_mark();
    match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}{mark}{}", f / 10),
        f => format!("{whole}{mark}{f:02}"),
    }
}

/// The form filled in with what the expense says now, its amounts and rate as `lang` writes
/// them.
pub fn form_from_detail(
    lang: Lang,
    action: String,
    detail: &ExpenseDetail,
    members: &[impl MemberChoice],
    categories: &[CategoryView],
    currency: Currency,
) -> ExpenseForm {
    let (row, split) = (&detail.expense, &detail.split);
    let participants = split.participants();
    // Paid abroad: the amount and exact parts as entered, in that currency; the current
    // shares (converted) are no starting point for exact parts in it.
    let entered_in = row.paid_in.as_ref().map_or(currency, |p| p.currency);
    let value_of = |portions: &[Portion], id: MemberId| {
        portions.iter().find(|p| p.member_id == id).map(|p| p.value)
    };
    let rows = members
        .iter()
        .map(|m| {
            let id = m.id();
            let share = detail
                .shares
                .iter()
                .find(|s| s.member_id == id && row.paid_in.is_none())
                .map(|s| lang.amount_input(Money(s.amount), currency));
            let (weight, exact, percent) = match split {
                Split::ByShares { shares: p } => (value_of(p, id), None, None),
                Split::ByExactAmounts { amounts: p } => (
                    None,
                    value_of(p, id).map(|v| lang.amount_input(Money(v), entered_in)),
                    None,
                ),
                Split::ByPercentages { percentages: p } => {
                    (None, None, value_of(p, id).map(|v| format_percent(lang, v)))
                }
                Split::Equally { .. } => (None, None, None),
            };
            SplitRow {
                id,
                name: m.name().to_owned(),
                active: m.active(),
                checked: participants.contains(&id),
                weight: weight.unwrap_or(1).to_string(),
                // The current cents, so switching to exact amounts starts from them.
                exact: exact.or(share).unwrap_or_default(),
                percent: percent.unwrap_or_default(),
            }
        })
        .collect();
    ExpenseForm {
        action,
        submit: lang.t(SAVE_CHANGES),
        expense_id: row.id.to_string(),
        revision: row.revision.to_string(),
        amount: match &row.paid_in {
            Some(paid) => lang.amount_input(paid.amount, paid.currency),
            None => lang.amount_input(Money(row.amount), currency),
        },
        description: row.description.clone(),
        date: row.date.to_string(),
        payer: row.payer.to_string(),
        split: split.mode_name().to_owned(),
        rows,
        errors: FieldErrors::default(),
        currency_code: currency.code().to_owned(),
        category: row.category.map(|c| c.to_string()).unwrap_or_default(),
        categories: categories.to_vec(),
        repeat_offered: false,
        repeat: String::new(),
        repeat_every: "1".to_owned(),
        until: String::new(),
        refund: row.refund,
        paid_in: row
            .paid_in
            .as_ref()
            .map(|p| p.currency.code().to_owned())
            .unwrap_or_default(),
        rate: row
            .paid_in
            .as_ref()
            .map(|p| local_rate(lang, &p.rate.to_string()))
            .unwrap_or_default(),
        last_rates: Vec::new(),
    }
}

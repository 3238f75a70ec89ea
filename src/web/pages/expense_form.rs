//! The expense form, shared by the dashboard (add) and the expense pages (add, edit): its
//! values as typed, and parsing them into an expense with a message per field.

use crate::domain::{
    AccountError, CategoryId, Currency, Description, ExpenseDetails, ExpenseId, ForeignAmount,
    MemberId, Money, Portion, Rate, Recurrence, Split, SplitError, dates,
};
use crate::read::categories::CategoryView;
use crate::read::expense::ExpenseDetail;
use crate::read::members::MemberView;
use crate::web::account_view::find_member;
use crate::web::forms::{FieldErrors, RawForm};
use chrono::NaiveDate;

/// What the edit form's button says.
pub const SAVE_CHANGES: &str = "Save changes";

/// How an expense can be split, as the form offers it.
pub const SPLIT_MODES: &[(&str, &str)] = &[
    ("equally", "Equally"),
    ("by_shares", "By shares"),
    ("by_exact_amounts", "By exact amounts"),
    ("by_percentages", "By percentages"),
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

/// How often a bill can repeat, as the form offers it.
pub const REPEAT_UNITS: &[(&str, &str)] =
    &[("week", "Weekly"), ("month", "Monthly"), ("year", "Yearly")];

impl ExpenseForm {
    /// A fresh form: today, paid by me, split equally among every active member.
    pub fn blank(
        action: String,
        me: MemberId,
        members: &[MemberView],
        categories: &[CategoryView],
        currency: Currency,
        today: NaiveDate,
    ) -> Self {
        ExpenseForm {
            action,
            submit: "Add expense".to_owned(),
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
                    id: m.id,
                    name: m.name.clone(),
                    active: m.active,
                    checked: m.active,
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

    /// The form as the person filled it in, to show again with messages.
    pub fn from_raw(
        action: String,
        raw: &RawForm,
        members: &[MemberView],
        categories: &[CategoryView],
        currency: Currency,
    ) -> Self {
        let checked: Vec<&str> = raw.all("participant");
        ExpenseForm {
            action,
            submit: "Add expense".to_owned(),
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
                    let id = m.id.to_string();
                    SplitRow {
                        checked: checked.contains(&id.as_str()),
                        weight: raw.get(&format!("weight_{id}")).to_owned(),
                        exact: raw.get(&format!("exact_{id}")).to_owned(),
                        percent: raw.get(&format!("percent_{id}")).to_owned(),
                        name: m.name.clone(),
                        active: m.active,
                        id: m.id,
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
            rate: raw.get("rate").to_owned(),
            last_rates: Vec::new(),
        }
    }

    /// The currencies an expense can be paid in besides the account's, with their minor
    /// units and symbol for the split preview (for the template).
    pub fn other_currencies(&self) -> Vec<(String, u8, &'static str)> {
        let first = FIRST_CURRENCIES
            .iter()
            .filter_map(|c| Currency::from_code(c).ok());
        let rest = Currency::all().filter(|c| !FIRST_CURRENCIES.contains(&c.code()));
        first
            .chain(rest)
            .filter(|c| c.code() != self.currency_code)
            .map(|c| (c.code().to_owned(), c.minor_units(), c.symbol()))
            .collect()
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
        match dates::parse_day(&self.date) {
            Ok(_) => self.date.trim(),
            Err(_) => "",
        }
    }

    /// Digits after the decimal separator, for the split preview script.
    pub fn minor_units(&self) -> u8 {
        Currency::from_code(&self.currency_code).map_or(2, |c| c.minor_units())
    }

    /// The currency symbol, for the split preview script.
    pub fn symbol(&self) -> &'static str {
        Currency::from_code(&self.currency_code).map_or("", |c| c.symbol())
    }
}

/// Parses a percentage like `33.33` or `33,3` into hundredths of a percent.
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
        return Err("enter a percentage like 33.33");
    }
    let whole: i64 = whole.parse().map_err(|_| "enter a percentage like 33.33")?;
    let frac: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}")
            .parse()
            .map_err(|_| "enter a percentage like 33.33")?
    };
    let value = whole * 100 + frac;
    if value <= 0 || value > 10_000 {
        return Err("each percentage must be above 0 and at most 100");
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
    /// "Internet, €30.00", for the message after saving.
    pub fn summary(&self, currency: Currency) -> String {
        match &self.details.foreign {
            None => format!(
                "{}, {}",
                self.details.description,
                currency.format(self.details.amount)
            ),
            Some(paid) => format!(
                "{}, {} ({})",
                self.details.description,
                paid.currency.format(paid.amount),
                currency.format(self.details.amount)
            ),
        }
    }
}

/// Turns the typed form into an expense, or a message per field.
pub fn parse_expense(
    raw: &RawForm,
    members: &[MemberView],
    categories: &[CategoryView],
    currency: Currency,
) -> Result<ParsedExpense, FieldErrors> {
    let mut errors = FieldErrors::default();
    let category = match raw.get("category").trim() {
        "" => None,
        typed => match categories.iter().find(|c| c.id.to_string() == typed) {
            Some(c) => Some(c.id),
            None => {
                errors.add("category", "choose a category from the list");
                None
            }
        },
    };
    let expense_id = raw.get("expense_id").parse::<ExpenseId>().ok();
    if expense_id.is_none() {
        errors.add(
            "form",
            "this form is incomplete; reload the page and try again",
        );
    }
    let revision = match raw.get("revision").trim() {
        "" => None,
        r => match r.parse::<u32>() {
            Ok(v) => Some(v),
            Err(_) => {
                errors.add(
                    "form",
                    "this form is incomplete; reload the page and try again",
                );
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
                errors.add("paid_in", "choose a currency from the list");
                None
            }
        },
    };
    let rate = paid_in.and_then(|_| errors.take("rate", Rate::parse(raw.get("rate"))));
    let entered_in = paid_in.unwrap_or(currency);
    let amount = errors.take("amount", entered_in.parse_amount(raw.get("amount")));
    let description = errors.take("description", Description::parse(raw.get("description")));
    let date = errors.take("date", dates::parse_day(raw.get("date")));
    let known = |id: &str| find_member(members, id).map(|m| m.id);
    let payer = known(raw.get("payer"));
    if payer.is_none() {
        errors.add("payer", "choose who paid");
    }
    let mut participants = Vec::new();
    for id in raw.all("participant") {
        match known(id) {
            Some(m) if !participants.contains(&m) => participants.push(m),
            Some(_) => {}
            None => errors.add("participants", "choose participants from the list"),
        }
    }
    if participants.is_empty() {
        errors.add("participants", "choose at least one participant");
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
                _ => Err(format!(
                    "enter a whole number of shares from 1 to {}",
                    Split::MAX_WEIGHT
                )),
            }),
        }),
        "by_exact_amounts" => Some(Split::ByExactAmounts {
            amounts: portions("exact", &|s: &str| {
                entered_in
                    .parse_amount(s)
                    .map(|m| m.cents())
                    .map_err(|e| e.to_string())
            }),
        }),
        "by_percentages" => Some(Split::ByPercentages {
            percentages: portions("percent", &|s: &str| {
                parse_percent(s).map_err(str::to_owned)
            }),
        }),
        _ => {
            errors.add("split", "choose how to split");
            None
        }
    };
    match (expense_id, amount, description, date, payer, split) {
        (Some(id), Some(amount), Some(description), Some(date), Some(payer), Some(split))
            if errors.is_empty() =>
        {
            // Check the split now so its message lands beside the split, not as a refusal.
            if let Err(e) = split.allocate(amount, 0) {
                errors.add("split", split_message(&e, entered_in));
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
                            errors.add("rate", e.to_string());
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
pub fn parse_repeat(
    raw: &RawForm,
    start: Option<NaiveDate>,
) -> Result<Option<(Recurrence, Option<NaiveDate>)>, FieldErrors> {
    let mut errors = FieldErrors::default();
    let unit = raw.get("repeat").trim();
    if unit.is_empty() {
        // An end date without a repeat is most likely a forgotten choice: ask.
        if !raw.get("until").trim().is_empty() {
            errors.add(
                "repeat",
                "choose how often it repeats, or leave the end date empty",
            );
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
                errors.add("until", "the end date must be on or after the first date");
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
pub fn split_message(error: &SplitError, currency: Currency) -> String {
    match *error {
        SplitError::ExactAmountsMismatch { expected, got } => {
            let money = |cents: i64| currency.format(Money(cents));
            let gap = if got < expected {
                format!("{} missing", money(expected - got))
            } else {
                format!("{} too much", money(got - expected))
            };
            format!(
                "the amounts add up to {} of {}: {gap}",
                money(got),
                money(expected)
            )
        }
        ref other => other.to_string(),
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

/// Hundredths of a percent as people write them: 50, 12.5, 33.33.
fn format_percent(hundredths: i64) -> String {
    let (whole, frac) = (hundredths / 100, hundredths % 100);
    match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

/// The form filled in with what the expense says now.
pub fn form_from_detail(
    action: String,
    detail: &ExpenseDetail,
    members: &[MemberView],
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
            let id = m.id;
            let share = detail
                .shares
                .iter()
                .find(|s| s.member_id == id && row.paid_in.is_none())
                .map(|s| currency.format_plain(Money(s.amount)));
            let (weight, exact, percent) = match split {
                Split::ByShares { shares: p } => (value_of(p, id), None, None),
                Split::ByExactAmounts { amounts: p } => (
                    None,
                    value_of(p, id).map(|v| entered_in.format_plain(Money(v))),
                    None,
                ),
                Split::ByPercentages { percentages: p } => {
                    (None, None, value_of(p, id).map(format_percent))
                }
                Split::Equally { .. } => (None, None, None),
            };
            SplitRow {
                id,
                name: m.name.clone(),
                active: m.active,
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
        submit: SAVE_CHANGES.to_owned(),
        expense_id: row.id.to_string(),
        revision: row.revision.to_string(),
        amount: match &row.paid_in {
            Some(paid) => paid.currency.format_plain(paid.amount),
            None => currency.format_plain(Money(row.amount)),
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
            .map(|p| p.rate.to_string())
            .unwrap_or_default(),
        last_rates: Vec::new(),
    }
}

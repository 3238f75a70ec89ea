//! Recording, listing, correcting, deleting and restoring expenses.

use crate::domain::{
    AccountCommand, AccountError, Currency, Description, ExpenseDetails, ExpenseId, MemberId,
    Portion, Split,
};
use crate::event_sourcing::Metadata;
use crate::projections::rows::MemberRow;
use crate::route;
use crate::web::account_view::{load_members, member_id};
use crate::web::context::{self, Member, PageContext};
use crate::web::errors::WebError;
use crate::web::forms::{FieldErrors, RawForm};
use crate::web::routes::RouteDef;
use crate::web::state::AppState;
use crate::web::view;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;

/// This module's routes.
pub fn routes() -> Vec<RouteDef> {
    vec![
        route!(
            get,
            "/accounts/{account_id}/expenses/new",
            Member,
            new_expense_page
        ),
        route!(
            post,
            "/accounts/{account_id}/expenses",
            Member,
            record_expense
        ),
    ]
}

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
    pub id: String,
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
}

impl ExpenseForm {
    /// A fresh form: today, paid by me, split equally among every active member.
    pub fn blank(
        action: String,
        me: MemberId,
        members: &[MemberRow],
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
                    id: member_id(m),
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
        }
    }

    /// The form as the person filled it in, to show again with messages.
    pub fn from_raw(
        action: String,
        raw: &RawForm,
        members: &[MemberRow],
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
                    let id = member_id(m);
                    SplitRow {
                        checked: checked.contains(&id.as_str()),
                        weight: raw.get(&format!("weight_{id}")).to_owned(),
                        exact: raw.get(&format!("exact_{id}")).to_owned(),
                        percent: raw.get(&format!("percent_{id}")).to_owned(),
                        name: m.name.clone(),
                        active: m.active,
                        id,
                    }
                })
                .collect(),
            errors: FieldErrors::default(),
            currency_code: currency.code().to_owned(),
        }
    }

    /// Whether a member is the selected payer (for the template).
    pub fn is_payer(&self, id: &str) -> bool {
        self.payer == id
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

/// Turns the typed form into an expense, or a message per field.
pub fn parse_expense(
    raw: &RawForm,
    members: &[MemberRow],
    currency: Currency,
) -> Result<(ExpenseId, ExpenseDetails, Option<u32>), FieldErrors> {
    let mut errors = FieldErrors::default();
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
    let amount = errors.take("amount", currency.parse_amount(raw.get("amount")));
    let description = errors.take("description", Description::parse(raw.get("description")));
    let date = match NaiveDate::parse_from_str(raw.get("date").trim(), "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            errors.add("date", "enter a date like 2026-11-26");
            None
        }
    };
    let known = |id: &str| {
        members
            .iter()
            .find(|m| member_id(m) == id)
            .and_then(|m| MemberId::from_slice(&m.member_id))
    };
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
                currency
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
                errors.add("split", e);
                return Err(errors);
            }
            Ok((
                id,
                ExpenseDetails {
                    payer,
                    amount,
                    description,
                    date,
                    split,
                },
                revision,
            ))
        }
        _ => Err(errors),
    }
}

/// Where a refused command's message goes on the form.
pub fn field_of(error: &AccountError) -> &'static str {
    match error {
        AccountError::Amount(_) => "amount",
        AccountError::DateOutOfRange(_) => "date",
        AccountError::PayerInactive => "payer",
        AccountError::ParticipantInactive(_) | AccountError::UnknownMember => "participants",
        AccountError::Split(_) => "split",
        _ => "form",
    }
}

/// The add-expense page (also shown again with messages).
#[derive(Template)]
#[template(path = "expense_new.html")]
struct NewExpensePage {
    ctx: PageContext,
    account_name: String,
    base: String,
    form: ExpenseForm,
    split_modes: &'static [(&'static str, &'static str)],
}

async fn new_expense_page(
    state: web::Data<AppState>,
    member: Member,
) -> Result<HttpResponse, WebError> {
    let members = load_members(&state, member.account_id).await?;
    let form = ExpenseForm::blank(
        format!("{}/expenses", member.base()),
        member.member_id,
        &members,
        member.currency(),
        chrono::Utc::now().date_naive(),
    );
    view::ok(&NewExpensePage {
        base: member.base(),
        account_name: member.account.name.clone(),
        ctx: member.ctx,
        form,
        split_modes: SPLIT_MODES,
    })
}

async fn record_expense(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
    raw: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let raw = RawForm(raw.into_inner());
    let currency = member.currency();
    let members = load_members(&state, member.account_id).await?;
    let action = format!("{}/expenses", member.base());
    let show_again = |errors: FieldErrors| {
        let mut form = ExpenseForm::from_raw(action.clone(), &raw, &members, currency);
        form.errors = errors;
        view::page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &NewExpensePage {
                base: member.base(),
                account_name: member.account.name.clone(),
                ctx: member.ctx.clone(),
                form,
                split_modes: SPLIT_MODES,
            },
        )
    };
    let (expense_id, details, _) = match parse_expense(&raw, &members, currency) {
        Ok(parsed) => parsed,
        Err(errors) => return show_again(errors),
    };
    let summary = format!(
        "{}, {}",
        details.description,
        currency.format(details.amount)
    );
    let command = AccountCommand::RecordExpense {
        expense_id,
        details,
    };
    let metadata = Metadata {
        user_id: Some(member.user.id.0),
        request_id: None,
    };
    let service = state.service.clone();
    let account_id = member.account_id;
    match web::block(move || service.execute(account_id, &command, &metadata)).await? {
        Ok(done) => {
            let message = if done.recorded == 0 {
                format!("Already recorded: {summary}.")
            } else {
                format!("Recorded {summary}.")
            };
            context::flash(&session, message);
            Ok(view::see_other(&member.base()))
        }
        Err(crate::application::CommandError::Rejected(e)) => {
            let mut errors = FieldErrors::default();
            errors.add(field_of(&e), &e);
            show_again(errors)
        }
        Err(e) => Err(e.into()),
    }
}

//! Recording, listing, correcting, deleting and restoring expenses.

use crate::application::CommandError;
use crate::domain::{
    AccountCommand, AccountError, AccountId, Currency, Description, ExpenseDetails, ExpenseId,
    MemberId, Money, Portion, Split,
};
use crate::read::expense::{ExpenseDetail, ExpenseView};
use crate::read::expense_list::{ExpenseListView, Filters, expense_list};
use crate::read::members::MemberView;
use crate::route;
use crate::web::account_view::{find_member, load_members, money, name_of};
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
use serde::Deserialize;

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
        route!(get, "/accounts/{account_id}/expenses", Member, list_page),
        route!(
            get,
            "/accounts/{account_id}/expenses/{expense_id}/edit",
            Member,
            edit_page
        ),
        route!(
            post,
            "/accounts/{account_id}/expenses/{expense_id}",
            Member,
            correct_expense
        ),
        route!(
            get,
            "/accounts/{account_id}/expenses/{expense_id}/delete",
            Member,
            delete_page
        ),
        route!(
            post,
            "/accounts/{account_id}/expenses/{expense_id}/delete",
            Member,
            delete_expense
        ),
        route!(
            post,
            "/accounts/{account_id}/expenses/{expense_id}/restore",
            Member,
            restore_expense
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
        members: &[MemberView],
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
                    id: m.id.to_string(),
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
        members: &[MemberView],
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

    /// The date for the date input: only a well-formed date, since a date input cannot
    /// hold anything else (the message beside the field says what was wrong).
    pub fn date_value(&self) -> &str {
        match NaiveDate::parse_from_str(self.date.trim(), "%Y-%m-%d") {
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

/// Turns the typed form into an expense, or a message per field.
pub fn parse_expense(
    raw: &RawForm,
    members: &[MemberView],
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
        if errors.has("form") && form.expense_id.parse::<ExpenseId>().is_ok() {
            // This form's id is used up (sent before with other values): offer a fresh one.
            form.expense_id = ExpenseId::new().to_string();
        }
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
    match member.execute(&state, command).await? {
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
            match e {
                AccountError::ExpenseIdTaken => errors.add(
                    "form",
                    "This form was already used to add an expense. Check the values below and \
                     add them again as a new expense if that is what you meant.",
                ),
                e => errors.add(field_of(&e), &e),
            }
            show_again(errors)
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------
// The list of every expense, with filters and pages.

pub use crate::read::expense_list::PAGE_SIZE;

/// What the edit form's button says.
const SAVE_CHANGES: &str = "Save changes";

/// Shown with the newer version when someone saved the expense first.
pub const STALE_MESSAGE: &str = "Someone changed this expense while you were editing; \
    here is the newer version — check it and save again";

fn parse_day(input: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d").ok()
}

/// Reads the filter fields, with a message beside each one that cannot be used.
fn parse_filters(raw: &RawForm, members: &[MemberView]) -> (Filters, FieldErrors) {
    let mut errors = FieldErrors::default();
    let mut filters = Filters::default();
    let member = raw.get("member").trim();
    if !member.is_empty() {
        match find_member(members, member) {
            Some(m) => filters.member = Some(m.id),
            None => errors.add("member", "choose a member from the list"),
        }
    }
    let text = raw.get("q").trim();
    if !text.is_empty() {
        filters.text = Some(text.chars().take(120).collect());
    }
    for field in ["from", "to"] {
        let typed = raw.get(field).trim();
        if typed.is_empty() {
            continue;
        }
        match parse_day(typed) {
            Some(day) if field == "from" => filters.from = Some(day),
            Some(day) => filters.to = Some(day),
            None => errors.add(field, "enter a date like 2026-11-26"),
        }
    }
    if let (Some(from), Some(to)) = (filters.from, filters.to)
        && to < from
    {
        errors.add("to", "the end date is before the start date");
        filters.to = None;
    }
    (filters, errors)
}

/// The list's address for a page, keeping the filters as typed.
fn list_href(base: &str, raw: &RawForm, page: i64) -> String {
    let mut pairs: Vec<(&str, String)> = ["member", "q", "from", "to"]
        .into_iter()
        .filter_map(|k| {
            let v = raw.get(k).trim();
            (!v.is_empty()).then(|| (k, v.to_owned()))
        })
        .collect();
    pairs.push(("page", page.to_string()));
    format!(
        "{base}/expenses?{}",
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    )
}

/// A member in the filter's select box.
struct MemberOption {
    id: String,
    name: String,
    selected: bool,
}

/// One expense in the list.
struct ListLine {
    date: String,
    description: String,
    payer: String,
    participants: String,
    amount: String,
    deleted: bool,
    /// `/accounts/<id>/expenses/<id>`, the base of its edit, delete and restore addresses.
    href: String,
}

/// The list page.
#[derive(Template)]
#[template(path = "expense_list.html")]
struct ListPage {
    ctx: PageContext,
    account_name: String,
    base: String,
    lines: Vec<ListLine>,
    members: Vec<MemberOption>,
    q: String,
    from: String,
    to: String,
    errors: FieldErrors,
    filtered: bool,
    total: String,
    live: usize,
    page: i64,
    pages: i64,
    prev_href: Option<String>,
    next_href: Option<String>,
    /// Where Restore brings the person back to.
    back: String,
}

async fn list_page(
    state: web::Data<AppState>,
    member: Member,
    query: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let raw = RawForm(query.into_inner());
    let currency = member.currency();
    let members = load_members(&state, member.account_id).await?;
    let (filters, errors) = parse_filters(&raw, &members);
    let wanted = raw
        .get("page")
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    let account = member.account_id;
    let filtered = filters.any();
    let ExpenseListView {
        expenses,
        shares,
        total,
        live,
        page,
        pages,
    } = state
        .read(move |conn| expense_list(conn, account, &filters, wanted))
        .await?;
    let base = member.base();
    let lines = expenses
        .iter()
        .map(|e| ListLine {
            date: view::day(e.date),
            description: e.description.clone(),
            payer: name_of(&members, e.payer),
            participants: members
                .iter()
                .filter(|m| {
                    shares
                        .iter()
                        .any(|s| s.expense_id == e.id && s.member_id == m.id)
                })
                .map(|m| m.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            amount: money(currency, e.amount),
            deleted: e.deleted,
            href: format!("{base}/expenses/{}", e.id),
        })
        .collect();
    let selected = raw.get("member").trim();
    let date_or_empty = |field: &str| {
        let typed = raw.get(field).trim();
        parse_day(typed).map_or(String::new(), |_| typed.to_owned())
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page_view = ListPage {
        account_name: member.account.name.clone(),
        lines,
        members: members
            .iter()
            .map(|m| {
                let id = m.id.to_string();
                MemberOption {
                    selected: id == selected,
                    id,
                    name: m.name.clone(),
                }
            })
            .collect(),
        q: raw.get("q").trim().to_owned(),
        from: date_or_empty("from"),
        to: date_or_empty("to"),
        errors,
        filtered,
        total: currency.format(Money(total)),
        live,
        page,
        pages,
        prev_href: (page > 1).then(|| list_href(&base, &raw, page - 1)),
        next_href: (page < pages).then(|| list_href(&base, &raw, page + 1)),
        back: list_href(&base, &raw, page),
        base,
        ctx: member.ctx,
    };
    view::page(status, &page_view)
}

// ---------------------------------------------------------------------------------------
// One expense: correct, delete, restore.

/// The expense part of the address.
#[derive(Debug, Deserialize)]
struct ExpensePath {
    expense_id: String,
}

impl ExpensePath {
    /// A malformed id is simply a page that does not exist.
    fn id(&self) -> Result<ExpenseId, WebError> {
        self.expense_id
            .parse::<ExpenseId>()
            .map_err(|_| WebError::NotFound)
    }
}

/// The expense with its shares, if it belongs to this account; 404 otherwise.
async fn load_expense(
    state: &AppState,
    account: AccountId,
    expense: ExpenseId,
) -> Result<ExpenseDetail, WebError> {
    state
        .read(move |conn| crate::read::expense::expense(conn, account, expense))
        .await?
        .ok_or(WebError::NotFound)
}

/// "Internet, €30.00".
fn summary_of(row: &ExpenseView, currency: Currency) -> String {
    format!("{}, {}", row.description, money(currency, row.amount))
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
fn form_from_row(
    action: String,
    detail: &ExpenseDetail,
    members: &[MemberView],
    currency: Currency,
) -> ExpenseForm {
    let (row, split) = (&detail.expense, &detail.split);
    let participants = split.participants();
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
                .find(|s| s.member_id == id)
                .map(|s| currency.format_plain(Money(s.amount)));
            let (weight, exact, percent) = match split {
                Split::ByShares { shares: p } => (value_of(p, id), None, None),
                Split::ByExactAmounts { amounts: p } => (
                    None,
                    value_of(p, id).map(|v| currency.format_plain(Money(v))),
                    None,
                ),
                Split::ByPercentages { percentages: p } => {
                    (None, None, value_of(p, id).map(format_percent))
                }
                Split::Equally { .. } => (None, None, None),
            };
            SplitRow {
                id: id.to_string(),
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
        amount: currency.format_plain(Money(row.amount)),
        description: row.description.clone(),
        date: row.date.to_string(),
        payer: row.payer.to_string(),
        split: split.mode_name().to_owned(),
        rows,
        errors: FieldErrors::default(),
        currency_code: currency.code().to_owned(),
    }
}

/// The edit page (also shown again with messages, or with a newer version).
#[derive(Template)]
#[template(path = "expense_edit.html")]
struct EditExpensePage {
    ctx: PageContext,
    account_name: String,
    base: String,
    form: ExpenseForm,
    split_modes: &'static [(&'static str, &'static str)],
    summary: String,
    deleted: bool,
    /// `/accounts/<id>/expenses/<id>`.
    href: String,
}

fn expense_href(member: &Member, expense: ExpenseId) -> String {
    format!("{}/expenses/{expense}", member.base())
}

/// The edit page with the stored values.
fn edit_view(
    member: &Member,
    expense: ExpenseId,
    detail: &ExpenseDetail,
    members: &[MemberView],
) -> EditExpensePage {
    let currency = member.currency();
    let href = expense_href(member, expense);
    EditExpensePage {
        ctx: member.ctx.clone(),
        account_name: member.account.name.clone(),
        base: member.base(),
        form: form_from_row(href.clone(), detail, members, currency),
        split_modes: SPLIT_MODES,
        summary: summary_of(&detail.expense, currency),
        deleted: detail.expense.deleted,
        href,
    }
}

async fn edit_page(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<ExpensePath>,
) -> Result<HttpResponse, WebError> {
    let expense = path.id()?;
    let detail = load_expense(&state, member.account_id, expense).await?;
    let members = load_members(&state, member.account_id).await?;
    view::ok(&edit_view(&member, expense, &detail, &members))
}

async fn correct_expense(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
    path: web::Path<ExpensePath>,
    raw: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let expense = path.id()?;
    let row = load_expense(&state, member.account_id, expense)
        .await?
        .expense;
    let raw = RawForm(raw.into_inner());
    let currency = member.currency();
    let members = load_members(&state, member.account_id).await?;
    let href = expense_href(&member, expense);
    let show_again = |errors: FieldErrors| {
        let mut form = ExpenseForm::from_raw(href.clone(), &raw, &members, currency);
        form.submit = SAVE_CHANGES.to_owned();
        form.errors = errors;
        view::page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &EditExpensePage {
                ctx: member.ctx.clone(),
                account_name: member.account.name.clone(),
                base: member.base(),
                form,
                split_modes: SPLIT_MODES,
                summary: summary_of(&row, currency),
                deleted: row.deleted,
                href: href.clone(),
            },
        )
    };
    let (form_id, details, revision) = match parse_expense(&raw, &members, currency) {
        Ok(parsed) => parsed,
        Err(errors) => return show_again(errors),
    };
    let mut errors = FieldErrors::default();
    if form_id != expense {
        errors.add(
            "form",
            "this form belongs to another expense; reload the page and try again",
        );
        return show_again(errors);
    }
    // Without the revision the editor saw, a save could silently undo someone else's.
    let Some(expected_revision) = revision else {
        errors.add(
            "form",
            "this form is incomplete; reload the page and try again",
        );
        return show_again(errors);
    };
    let summary = format!(
        "{}, {}",
        details.description,
        currency.format(details.amount)
    );
    let command = AccountCommand::CorrectExpense {
        expense_id: expense,
        details,
        expected_revision: Some(expected_revision),
    };
    match member.execute(&state, command).await? {
        Ok(done) => {
            let message = if done.recorded == 0 {
                format!("Nothing changed: {summary}.")
            } else {
                format!("Saved {summary}.")
            };
            context::flash(&session, message);
            Ok(view::see_other(&format!("{}/expenses", member.base())))
        }
        Err(CommandError::Rejected(AccountError::StaleExpense { .. })) => {
            let detail = load_expense(&state, member.account_id, expense).await?;
            let mut page = edit_view(&member, expense, &detail, &members);
            page.form.errors.add("form", STALE_MESSAGE);
            view::page(StatusCode::CONFLICT, &page)
        }
        Err(CommandError::Rejected(AccountError::UnknownExpense)) => Err(WebError::NotFound),
        Err(CommandError::Rejected(e)) => {
            errors.add(field_of(&e), &e);
            show_again(errors)
        }
        Err(e) => Err(e.into()),
    }
}

/// The delete confirmation page.
#[derive(Template)]
#[template(path = "expense_delete.html")]
struct DeleteExpensePage {
    ctx: PageContext,
    account_name: String,
    base: String,
    summary: String,
    payer: String,
    date: String,
    deleted: bool,
    href: String,
}

async fn delete_page(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<ExpensePath>,
) -> Result<HttpResponse, WebError> {
    let expense = path.id()?;
    let row = load_expense(&state, member.account_id, expense)
        .await?
        .expense;
    let members = load_members(&state, member.account_id).await?;
    view::ok(&DeleteExpensePage {
        account_name: member.account.name.clone(),
        base: member.base(),
        summary: summary_of(&row, member.currency()),
        payer: name_of(&members, row.payer),
        date: view::day(row.date),
        deleted: row.deleted,
        href: expense_href(&member, expense),
        ctx: member.ctx,
    })
}

async fn delete_expense(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
    path: web::Path<ExpensePath>,
) -> Result<HttpResponse, WebError> {
    let expense = path.id()?;
    let row = load_expense(&state, member.account_id, expense)
        .await?
        .expense;
    let summary = summary_of(&row, member.currency());
    let done = member
        .execute(
            &state,
            AccountCommand::DeleteExpense {
                expense_id: expense,
            },
        )
        .await??;
    let message = if done.recorded == 0 {
        format!("Already deleted: {summary}.")
    } else {
        format!("Deleted {summary}. You can restore it from the history or the expense list.")
    };
    context::flash(&session, message);
    Ok(view::see_other(&format!("{}/expenses", member.base())))
}

async fn restore_expense(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
    path: web::Path<ExpensePath>,
    raw: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let expense = path.id()?;
    let row = load_expense(&state, member.account_id, expense)
        .await?
        .expense;
    let raw = RawForm(raw.into_inner());
    let summary = summary_of(&row, member.currency());
    let done = member
        .execute(
            &state,
            AccountCommand::RestoreExpense {
                expense_id: expense,
            },
        )
        .await??;
    let message = if done.recorded == 0 {
        format!("{summary} was not deleted; nothing to restore.")
    } else {
        format!("Restored {summary}.")
    };
    context::flash(&session, message);
    let back = raw.get("back");
    let to = if view::is_local_path(back) {
        back.to_owned()
    } else {
        format!("{}/expenses", member.base())
    };
    Ok(view::see_other(&to))
}

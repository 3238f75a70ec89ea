//! Correcting an expense: the form with the stored values, and saving it with a check that
//! nobody saved a newer version meanwhile.

use super::expense_form::{
    ExpenseForm, ParsedExpense, SAVE_CHANGES, SPLIT_MODES, field_of, form_from_detail,
    parse_expense_in,
};
use super::expenses::{ExpensePath, expense_href, load_expense, summary_of};
use crate::application::CommandError;
use crate::domain::{
    AccountCommand, AccountError, CategoryId, Currency, ExpenseDetails, ExpenseId, MemberId, Money,
};
use crate::i18n::{Lang, Value};
use crate::read::categories::CategoryView;
use crate::read::expense::{ExpenseDetail, ExpenseView};
use crate::read::roster::RosterMember;
use crate::web::account_view::load_roster;
use crate::web::context::{self, Member, PageContext};
use crate::web::errors::WebError;
use crate::web::forms::{FieldErrors, RawForm};
use crate::web::state::AppState;
use crate::web::view;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

/// Shown above the person's own values when someone saved the expense first.
fn stale_message(lang: Lang, who: &str) -> String {
    lang.t1("expense-edit-stale", "who", who)
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

/// The edit page around a form, for the expense as stored in `row`.
fn edit_page_for(member: &Member, row: &ExpenseView, mut form: ExpenseForm) -> EditExpensePage {
    // A refund stays one: its form speaks of money received.
    form.refund = row.refund;
    EditExpensePage {
        ctx: member.ctx.clone(),
        account_name: member.account.name.clone(),
        base: member.base(),
        split_modes: SPLIT_MODES,
        summary: summary_of(member.ctx.lang, row, member.currency()),
        deleted: row.deleted,
        href: expense_href(member, row.id),
        form,
    }
}

/// The edit page with the stored values.
fn edit_view(
    member: &Member,
    detail: &ExpenseDetail,
    members: &[RosterMember],
    categories: &[CategoryView],
) -> EditExpensePage {
    let href = expense_href(member, detail.expense.id);
    let form = form_from_detail(
        member.ctx.lang,
        href,
        detail,
        members,
        categories,
        member.currency(),
    );
    edit_page_for(member, &detail.expense, form)
}

pub(super) async fn edit_page(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<ExpensePath>,
) -> Result<HttpResponse, WebError> {
    let expense = path.expense_id;
    let detail = load_expense(&state, member.account_id, expense).await?;
    let roster = load_roster(&state, &member).await?;
    let (members, categories) = (&roster.members, &roster.categories);
    view::ok(&edit_view(&member, &detail, members, categories))
}

/// The revision the edit was made from, if the form is this expense's and complete.
fn revision_of(lang: Lang, parsed: &ParsedExpense, expense: ExpenseId) -> Result<u32, FieldErrors> {
    let mut errors = FieldErrors::default();
    if parsed.id != expense {
        errors.add("form", lang.t("expense-edit-other-expense"));
        return Err(errors);
    }
    // Without the revision the editor saw, a save could silently undo someone else's.
    parsed.revision.ok_or_else(|| {
        errors.add("form", lang.t("expense-form-incomplete"));
        errors
    })
}

/// After saving: the list, with what was saved (or that nothing changed).
fn saved(session: &Session, member: &Member, recorded: usize, summary: &str) -> HttpResponse {
    let key = if recorded == 0 {
        "expense-edit-unchanged"
    } else {
        "expense-edit-saved"
    };
    context::flash(session, member.ctx.lang.t1(key, "summary", summary));
    view::see_other(&format!("{}/expenses", member.base()))
}

/// Someone saved the expense first: 409, the edit page with the person's own values (and
/// the newer revision, so saving again replaces the other version knowingly) and, beside each
/// field that differs, what the other person saved.
async fn stale(
    state: &AppState,
    member: &Member,
    raw: &RawForm,
    typed: &ExpenseDetails,
    members: &[RosterMember],
    categories: &[CategoryView],
) -> Result<HttpResponse, WebError> {
    let (account, expense) = (member.account_id, typed_id(raw));
    let Some(expense) = expense else {
        return Err(WebError::NotFound);
    };
    let (detail, changed_by) = state
        .read(move |conn| {
            let detail = crate::read::expense::expense(conn, account, expense)?;
            let by = crate::read::expense::last_changed_by(conn, account, expense)?;
            Ok((detail, by))
        })
        .await?;
    let detail = detail.ok_or(WebError::NotFound)?;
    let lang = member.ctx.lang;
    let who = changed_by
        .and_then(|user| members.iter().find(|m| m.user_id == Some(user)))
        .map(|m| m.name.clone())
        .unwrap_or_else(|| lang.t("expense-edit-someone"));
    let currency = member.currency();
    let href = expense_href(member, expense);
    let mut form = ExpenseForm::from_raw(href, raw, members, categories, currency);
    form.submit = lang.t(SAVE_CHANGES);
    form.revision = detail.expense.revision.to_string();
    form.errors.add("form", stale_message(lang, &who));
    let known = (members, categories);
    for (field, message) in differences(lang, typed, &detail, known, currency, &who) {
        form.errors.add(field, message);
    }
    let page = edit_page_for(member, &detail.expense, form);
    view::page(StatusCode::CONFLICT, &page)
}

/// The expense id a form carries.
fn typed_id(raw: &RawForm) -> Option<ExpenseId> {
    raw.get("expense_id").parse().ok()
}

/// "You typed €18.00; meanwhile Ben changed it to €16.00", per field that differs.
fn differences(
    lang: Lang,
    typed: &ExpenseDetails,
    now: &ExpenseDetail,
    (members, categories): (&[RosterMember], &[CategoryView]),
    currency: Currency,
    who: &str,
) -> Vec<(&'static str, String)> {
    let said = |field, yours: String, theirs: String| {
        (
            field,
            lang.ta(
                "expense-edit-you-typed",
                &[
                    ("yours", Value::Text(yours)),
                    ("who", Value::Text(who.to_owned())),
                    ("theirs", Value::Text(theirs)),
                ],
            ),
        )
    };
    let quoted = |text: &str| lang.t1("expense-edit-quoted", "text", text);
    let member = |id: MemberId| {
        members
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.name.clone())
            .unwrap_or_default()
    };
    let category = |id: Option<CategoryId>| {
        id.and_then(|id| categories.iter().find(|c| c.id == id))
            .map(|c| c.name.clone())
            .unwrap_or_else(|| lang.t("expense-edit-no-category"))
    };
    let row = &now.expense;
    let mut out = Vec::new();
    if typed.amount.cents() != row.amount {
        out.push(said(
            "amount",
            lang.money(typed.amount, currency),
            lang.money(Money(row.amount), currency),
        ));
    }
    if typed.description.as_str() != row.description {
        out.push(said(
            "description",
            quoted(typed.description.as_str()),
            quoted(&row.description),
        ));
    }
    if typed.date != row.date {
        out.push(said("date", lang.day(typed.date), lang.day(row.date)));
    }
    if typed.payer != row.payer {
        out.push(said("payer", member(typed.payer), member(row.payer)));
    }
    if typed.category != row.category {
        out.push(said(
            "category",
            category(typed.category),
            category(row.category),
        ));
    }
    if typed.split != now.split {
        out.push(("split", lang.t1("expense-edit-split-changed", "who", who)));
    }
    out
}

pub(super) async fn correct_expense(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
    path: web::Path<ExpensePath>,
    raw: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let expense = path.expense_id;
    let row = load_expense(&state, member.account_id, expense)
        .await?
        .expense;
    let raw =
        crate::web::account_view::fill_rate(&state, &member, RawForm(raw.into_inner())).await?;
    let currency = member.currency();
    let lang = member.ctx.lang;
    let roster = load_roster(&state, &member).await?;
    let (members, categories) = (&roster.members, &roster.categories);
    let show_again = |errors: FieldErrors| {
        let href = expense_href(&member, expense);
        let mut form = ExpenseForm::from_raw(href, &raw, members, categories, currency);
        form.submit = lang.t(SAVE_CHANGES);
        form.errors = errors;
        let page = edit_page_for(&member, &row, form);
        view::page(StatusCode::UNPROCESSABLE_ENTITY, &page)
    };
    let parsed = match parse_expense_in(lang, &raw, members, categories, currency) {
        Ok(parsed) => parsed,
        Err(errors) => return show_again(errors),
    };
    let expected_revision = match revision_of(lang, &parsed, expense) {
        Ok(revision) => revision,
        Err(errors) => return show_again(errors),
    };
    let summary = parsed.summary_in(lang, currency);
    let typed = parsed.details.clone();
    let command = AccountCommand::CorrectExpense {
        expense_id: expense,
        details: parsed.details,
        expected_revision: Some(expected_revision),
    };
    match member.execute(&state, command).await {
        Ok(done) => Ok(saved(&session, &member, done.recorded, &summary)),
        Err(CommandError::Rejected(AccountError::StaleExpense { .. })) => {
            stale(&state, &member, &raw, &typed, members, categories).await
        }
        Err(CommandError::Rejected(AccountError::UnknownExpense)) => Err(WebError::NotFound),
        Err(CommandError::Rejected(e)) => {
            let mut errors = FieldErrors::default();
            errors.add(field_of(&e), &e);
            show_again(errors)
        }
        Err(e) => Err(e.into()),
    }
}

//! Deleting an expense (after a confirmation page) and restoring it.

use super::expenses::{ExpensePath, expense_href, load_expense, summary_of};
use crate::domain::{AccountCommand, ExpenseId};
use crate::web::account_view::{load_members, name_of};
use crate::web::context::{self, Member, PageContext};
use crate::web::errors::WebError;
use crate::web::forms::RawForm;
use crate::web::state::AppState;
use crate::web::view;
use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;

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
    /// Money coming in: "received by" instead of "paid by".
    refund: bool,
}

impl DeleteExpensePage {
    /// "Paid by Kim on 3 Dec 2026." (or received, for a refund).
    fn by_whom(&self) -> String {
        let key = if self.refund {
            "expense-delete-received-by"
        } else {
            "expense-delete-paid-by"
        };
        self.ctx
            .lang
            .t2(key, ("payer", &self.payer), ("date", &self.date))
    }
}

pub(super) async fn delete_page(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<ExpensePath>,
) -> Result<HttpResponse, WebError> {
    let expense = path.expense_id;
    let row = load_expense(&state, member.account_id, expense)
        .await?
        .expense;
    let members = load_members(&state, member.account_id).await?;
    view::ok(&DeleteExpensePage {
        account_name: member.account.name.clone(),
        base: member.base(),
        summary: summary_of(member.ctx.lang, &row, member.currency()),
        payer: name_of(&members, row.payer),
        date: member.ctx.lang.day(row.date),
        deleted: row.deleted,
        href: expense_href(&member, expense),
        refund: row.refund,
        ctx: member.ctx,
    })
}

pub(super) async fn delete_expense(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
    path: web::Path<ExpensePath>,
) -> Result<HttpResponse, WebError> {
    let expense_id = path.expense_id;
    let command = AccountCommand::DeleteExpense { expense_id };
    let (summary, recorded) = run_on_expense(&state, &member, expense_id, command).await?;
    let key = if recorded == 0 {
        "expense-delete-already"
    } else {
        "expense-delete-done"
    };
    let message = member.ctx.lang.t1(key, "summary", summary);
    context::flash(&session, message);
    Ok(view::see_other(&format!("{}/expenses", member.base())))
}

pub(super) async fn restore_expense(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
    path: web::Path<ExpensePath>,
    raw: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let expense_id = path.expense_id;
    let command = AccountCommand::RestoreExpense { expense_id };
    let (summary, recorded) = run_on_expense(&state, &member, expense_id, command).await?;
    let raw = RawForm(raw.into_inner());
    let key = if recorded == 0 {
        "expense-restore-not-deleted"
    } else {
        "expense-restore-done"
    };
    let message = member.ctx.lang.t1(key, "summary", summary);
    context::flash(&session, message);
    let back = raw.get("back");
    let to = if view::is_local_path(back) {
        back.to_owned()
    } else {
        format!("{}/expenses", member.base())
    };
    Ok(view::see_other(&to))
}

/// Runs a delete or restore on an expense of this account: the expense's summary for the
/// flash message (read first, so an unknown id is a 404) and how many events were recorded.
async fn run_on_expense(
    state: &AppState,
    member: &Member,
    expense_id: ExpenseId,
    command: AccountCommand,
) -> Result<(String, usize), WebError> {
    let row = load_expense(state, member.account_id, expense_id)
        .await?
        .expense;
    let summary = summary_of(member.ctx.lang, &row, member.currency());
    let done = member.execute(state, command).await?;
    Ok((summary, done.recorded))
}

//! Expenses: the routes of the pages that record, list, correct, delete and restore them
//! (one module per action and template: `expense_new`, `expense_list`, `expense_edit`,
//! `expense_delete`; the form they and the dashboard share is `expense_form`), and what
//! those pages share: the expense in the path and loading it.

use super::expense_delete::{delete_expense, delete_page, restore_expense};
use super::expense_edit::{correct_expense, edit_page};
use super::expense_list::list_page;
use super::expense_new::{new_expense_page, record_expense};
use crate::domain::{AccountId, Currency, ExpenseId, Money};
use crate::i18n::Lang;
use crate::read::expense::{ExpenseDetail, ExpenseView};
use crate::route;
use crate::web::context::Member;
use crate::web::errors::WebError;
use crate::web::routing::RouteDef;
use crate::web::state::AppState;
use serde::Deserialize;

pub use super::expense_form::{parse_expense, parse_percent};
pub use crate::read::expense_list::PAGE_SIZE;

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

/// The expense part of the address. A malformed id does not deserialize, and the path
/// extractor's error handler answers 404: a page that does not exist.
#[derive(Debug, Deserialize)]
pub(super) struct ExpensePath {
    /// Which expense.
    pub(super) expense_id: ExpenseId,
}

/// The expense with its shares, if it belongs to this account; 404 otherwise.
pub(super) async fn load_expense(
    state: &AppState,
    account: AccountId,
    expense: ExpenseId,
) -> Result<ExpenseDetail, WebError> {
    state
        .read(move |conn| crate::read::expense::expense(conn, account, expense))
        .await?
        .ok_or(WebError::NotFound)
}

/// "Internet, €30.00", or "Deposit back, refund of €50.00".
pub(super) fn summary_of(lang: Lang, row: &ExpenseView, currency: Currency) -> String {
    let key = if row.refund {
        "expense-summary-refund"
    } else {
        "expense-summary"
    };
    lang.t2(
        key,
        ("description", &row.description),
        ("amount", lang.money(Money(row.amount), currency)),
    )
}

/// `/accounts/<id>/expenses/<id>`.
pub(super) fn expense_href(member: &Member, expense: ExpenseId) -> String {
    format!("{}/expenses/{expense}", member.base())
}

//! What the account dashboard shows: members with balances and the latest expenses.

use super::categories::{CategoryView, categories_of};
use super::expense::{ExpenseView, views};
use super::members::{MemberView, members_of};
use super::{Connection, ReadError};
use crate::domain::AccountId;
use crate::infrastructure::db::on_backend;
use crate::infrastructure::schema::expenses;
use crate::projections::rows::ExpenseRow;
use diesel::prelude::*;

/// How many of the latest expenses the dashboard lists.
pub const LATEST: i64 = 10;

/// The dashboard's data.
#[derive(Debug, Clone)]
pub struct DashboardView {
    /// Members in joining order.
    pub members: Vec<MemberView>,
    /// The latest expenses that count (not deleted), newest first.
    pub latest: Vec<ExpenseView>,
    /// The categories the add-expense form offers (archived ones included, in order).
    pub categories: Vec<CategoryView>,
    /// The rate each other currency was last recorded at, which the form proposes.
    pub last_rates: Vec<(String, String)>,
}

/// Reads the dashboard of an account, on one connection.
pub fn dashboard(conn: &mut Connection, account: AccountId) -> Result<DashboardView, ReadError> {
    let members = members_of(conn, account)?;
    let latest: Vec<ExpenseRow> = on_backend!(conn, |c| expenses::table
        .filter(expenses::account_id.eq(account))
        .filter(expenses::deleted.eq(false))
        .order((
            expenses::expense_date.desc(),
            expenses::recorded_position.desc(),
        ))
        .limit(LATEST)
        .select(ExpenseRow::as_select())
        .load(c))?;
    Ok(DashboardView {
        members,
        latest: views(&latest),
        categories: categories_of(conn, account)?,
        last_rates: super::expense::last_rates(conn, account)?,
    })
}

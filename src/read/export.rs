//! What the CSV export of an account's expenses reads.

use super::expense::{ExpenseView, ShareView, share_views, views};
use super::{Connection, ReadError};
use crate::domain::AccountId;
use crate::infrastructure::schema::{expense_shares, expenses, transfers};
use crate::projections::rows::{ExpenseRow, ShareRow, TransferRow};
use diesel::prelude::*;

/// Every expense of the account (deleted ones included), oldest first, and every share.
pub fn all_expenses(
    conn: &mut Connection,
    account: AccountId,
) -> Result<(Vec<ExpenseView>, Vec<ShareView>), ReadError> {
    let rows: Vec<ExpenseRow> = expenses::table
        .filter(expenses::account_id.eq(account))
        .order((
            expenses::expense_date.asc(),
            expenses::recorded_position.asc(),
        ))
        .select(ExpenseRow::as_select())
        .load(conn)?;
    let shares: Vec<ShareRow> = expense_shares::table
        .filter(expense_shares::account_id.eq(account))
        .select(ShareRow::as_select())
        .load(conn)?;
    Ok((views(&rows), share_views(shares)))
}

/// Every payment between members recorded in the account, oldest first, deleted ones
/// included (the export marks them).
pub fn all_transfers(
    conn: &mut Connection,
    account: AccountId,
) -> Result<Vec<TransferRow>, ReadError> {
    Ok(transfers::table
        .filter(transfers::account_id.eq(account))
        .order((
            transfers::transfer_date.asc(),
            transfers::recorded_position.asc(),
        ))
        .select(TransferRow::as_select())
        .load(conn)?)
}

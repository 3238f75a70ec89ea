//! One expense with its shares, as its edit, delete and restore pages read it.

use super::{Connection, ReadError, id};
use crate::domain::{AccountId, ExpenseId, MemberId, Split};
use crate::infrastructure::schema::{expense_shares, expenses};
use crate::projections::rows::{ExpenseRow, ShareRow};
use chrono::NaiveDate;
use diesel::prelude::*;

/// An expense as lists and pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpenseView {
    /// Its id.
    pub id: ExpenseId,
    /// Who paid.
    pub payer: MemberId,
    /// Minor units.
    pub amount: i64,
    /// What for.
    pub description: String,
    /// When spent.
    pub date: NaiveDate,
    /// Split mode name.
    pub split_mode: String,
    /// How many share it.
    pub participant_count: i32,
    /// Deleted expenses count for nothing.
    pub deleted: bool,
    /// Changes so far, for stale-edit checks.
    pub revision: i32,
}

impl TryFrom<&ExpenseRow> for ExpenseView {
    type Error = ReadError;

    fn try_from(row: &ExpenseRow) -> Result<Self, ReadError> {
        Ok(ExpenseView {
            id: id(&row.expense_id, ExpenseId::from_slice)?,
            payer: id(&row.payer_id, MemberId::from_slice)?,
            amount: row.amount,
            description: row.description.clone(),
            date: row.expense_date,
            split_mode: row.split_mode.clone(),
            participant_count: row.participant_count,
            deleted: row.deleted,
            revision: row.revision,
        })
    }
}

/// One participant's cents of one expense.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShareView {
    /// Which expense.
    pub expense_id: ExpenseId,
    /// Which member.
    pub member_id: MemberId,
    /// Minor units.
    pub amount: i64,
}

impl TryFrom<ShareRow> for ShareView {
    type Error = ReadError;

    fn try_from(row: ShareRow) -> Result<Self, ReadError> {
        Ok(ShareView {
            expense_id: id(&row.expense_id, ExpenseId::from_slice)?,
            member_id: id(&row.member_id, MemberId::from_slice)?,
            amount: row.amount,
        })
    }
}

/// Rows to views.
pub(crate) fn views(rows: &[ExpenseRow]) -> Result<Vec<ExpenseView>, ReadError> {
    rows.iter().map(ExpenseView::try_from).collect()
}

/// Share rows to views.
pub(crate) fn share_views(rows: Vec<ShareRow>) -> Result<Vec<ShareView>, ReadError> {
    rows.into_iter().map(ShareView::try_from).collect()
}

/// One expense with the split as asked and each participant's cents.
#[derive(Debug, Clone)]
pub struct ExpenseDetail {
    /// The expense.
    pub expense: ExpenseView,
    /// The split as asked.
    pub split: Split,
    /// Each participant's cents.
    pub shares: Vec<ShareView>,
}

/// The expense, if it belongs to this account.
pub fn expense(
    conn: &mut Connection,
    account: AccountId,
    expense: ExpenseId,
) -> Result<Option<ExpenseDetail>, ReadError> {
    let key = expense.as_bytes().as_slice();
    let Some(row) = expenses::table
        .filter(expenses::expense_id.eq(key))
        .filter(expenses::account_id.eq(account.as_bytes().as_slice()))
        .select(ExpenseRow::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let shares = expense_shares::table
        .filter(expense_shares::expense_id.eq(key))
        .select(ShareRow::as_select())
        .load(conn)?;
    let split: Split = serde_json::from_str(&row.split)
        .map_err(|e| ReadError::Corrupt(format!("the split of expense {expense}: {e}")))?;
    Ok(Some(ExpenseDetail {
        expense: ExpenseView::try_from(&row)?,
        split,
        shares: share_views(shares)?,
    }))
}

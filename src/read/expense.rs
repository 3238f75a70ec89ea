//! One expense with its shares, as its edit, delete and restore pages read it.

use super::{Connection, ReadError};
use crate::domain::{AccountId, CategoryId, ExpenseId, ForeignAmount, MemberId, ScheduleId, Split};
use crate::domain::{SharedAccount, UserId};
use crate::event_sourcing::DomainEvent;
use crate::infrastructure::event_store;
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
    /// Its category, if any.
    pub category: Option<CategoryId>,
    /// The recurring bill it is an occurrence of, if any.
    pub schedule: Option<ScheduleId>,
    /// Money coming in: `payer` received it, and it counts with the sign reversed.
    pub refund: bool,
    /// When paid in another currency: the amount paid and the rate (`amount` is converted).
    pub paid_in: Option<ForeignAmount>,
}

impl ExpenseView {
    /// The amount as it counts: negative for a refund.
    pub fn signed_amount(&self) -> i64 {
        if self.refund {
            -self.amount
        } else {
            self.amount
        }
    }
}

impl From<crate::projections::kept_latest::KeptExpense> for ExpenseView {
    fn from(kept: crate::projections::kept_latest::KeptExpense) -> Self {
        ExpenseView {
            id: kept.id,
            payer: kept.payer,
            amount: kept.amount,
            description: kept.description,
            date: kept.date,
            split_mode: kept.split_mode,
            participant_count: kept.participant_count,
            deleted: false,
            revision: kept.revision,
            category: kept.category,
            schedule: kept.schedule,
            refund: kept.refund,
            paid_in: kept.paid_in,
        }
    }
}

impl From<&ExpenseRow> for ExpenseView {
    fn from(row: &ExpenseRow) -> Self {
        ExpenseView {
            id: row.expense_id,
            payer: row.payer_id,
            amount: row.amount,
            description: row.description.clone(),
            date: row.expense_date,
            split_mode: row.split_mode.clone(),
            participant_count: row.participant_count,
            deleted: row.deleted,
            revision: row.revision,
            category: row.category_id,
            schedule: row.schedule_id,
            refund: row.kind == crate::projections::REFUND,
            // Written by the projection from a `ForeignAmount`; `verify` would report a row
            // that no longer reads.
            paid_in: row
                .paid_in
                .as_deref()
                .and_then(|json| serde_json::from_str(json).ok()),
        }
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

impl From<ShareRow> for ShareView {
    fn from(row: ShareRow) -> Self {
        ShareView {
            expense_id: row.expense_id,
            member_id: row.member_id,
            amount: row.amount,
        }
    }
}

/// Rows to views.
pub(crate) fn views(rows: &[ExpenseRow]) -> Vec<ExpenseView> {
    rows.iter().map(ExpenseView::from).collect()
}

/// Share rows to views.
pub(crate) fn share_views(rows: Vec<ShareRow>) -> Vec<ShareView> {
    rows.into_iter().map(ShareView::from).collect()
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
    let Some(row) = expenses::table
        .filter(expenses::expense_id.eq(expense))
        .filter(expenses::account_id.eq(account))
        .select(ExpenseRow::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let shares = expense_shares::table
        .filter(expense_shares::expense_id.eq(expense))
        .select(ShareRow::as_select())
        .load(conn)?;
    let split: Split = serde_json::from_str(&row.split)
        .map_err(|e| ReadError::Corrupt(format!("the split of expense {expense}: {e}")))?;
    Ok(Some(ExpenseDetail {
        expense: ExpenseView::from(&row),
        split,
        shares: share_views(shares),
    }))
}

/// Who made the latest change to the expense (the signed-in user of its newest event), for
/// "meanwhile Ben changed it"; none when the command line did or nobody is known.
pub fn last_changed_by(
    conn: &mut Connection,
    account: AccountId,
    expense: ExpenseId,
) -> Result<Option<UserId>, ReadError> {
    let events =
        event_store::load_subjects::<SharedAccount>(conn, account.0, &[expense.0], i64::MAX)?;
    Ok(events
        .iter()
        .filter(|e| e.event.subject_id() == Some(expense.0))
        .max_by_key(|e| e.version)
        .and_then(|e| e.metadata.user_id)
        .map(UserId))
}

/// The rate each other currency was last recorded at in this account, newest first: what the
/// expense form proposes. Reads the newest 200 expenses paid abroad (a flat's trips), by date,
/// from the index of those expenses alone: the account's other expenses are never walked.
pub fn last_rates(
    conn: &mut Connection,
    account: AccountId,
) -> Result<Vec<(String, String)>, ReadError> {
    let rows: Vec<Option<String>> = expenses::table
        .filter(expenses::account_id.eq(account))
        .filter(expenses::abroad.eq(true))
        .filter(expenses::deleted.eq(false))
        .order((
            expenses::expense_date.desc(),
            expenses::recorded_position.desc(),
        ))
        .limit(200)
        .select(expenses::paid_in)
        .load(conn)?;
    let mut out: Vec<(String, String)> = Vec::new();
    for paid in rows
        .iter()
        .flatten()
        .filter_map(|json| serde_json::from_str::<ForeignAmount>(json).ok())
    {
        let code = paid.currency.code().to_owned();
        if !out.iter().any(|(c, _)| *c == code) {
            out.push((code, paid.rate.to_string()));
        }
    }
    Ok(out)
}

//! The payments between members: the list, and one payment as its edit, delete and restore
//! pages read it.

use super::{Connection, ReadError};
use crate::domain::{AccountId, MemberId, SharedAccount, TransferId, UserId};
use crate::event_sourcing::DomainEvent;
use crate::infrastructure::event_store;
use crate::infrastructure::schema::transfers;
use crate::projections::rows::TransferRow;
use chrono::NaiveDate;
use diesel::prelude::*;

/// A payment as lists and pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentView {
    /// Its id.
    pub id: TransferId,
    /// Who paid.
    pub from: MemberId,
    /// Who received it.
    pub to: MemberId,
    /// Minor units.
    pub amount: i64,
    /// When.
    pub date: NaiveDate,
    /// Deleted payments count for nothing.
    pub deleted: bool,
    /// Changes so far, for stale-edit checks.
    pub revision: i32,
}

impl From<TransferRow> for PaymentView {
    fn from(row: TransferRow) -> Self {
        PaymentView {
            id: row.transfer_id,
            from: row.from_member_id,
            to: row.to_member_id,
            amount: row.amount,
            date: row.transfer_date,
            deleted: row.deleted,
            revision: row.revision,
        }
    }
}

/// Every payment of the account, deleted ones included (they can be restored), newest first.
pub fn payments(conn: &mut Connection, account: AccountId) -> Result<Vec<PaymentView>, ReadError> {
    Ok(transfers::table
        .filter(transfers::account_id.eq(account))
        .order((
            transfers::transfer_date.desc(),
            transfers::recorded_position.desc(),
        ))
        .select(TransferRow::as_select())
        .load(conn)?
        .into_iter()
        .map(PaymentView::from)
        .collect())
}

/// One payment, if it belongs to this account.
pub fn payment(
    conn: &mut Connection,
    account: AccountId,
    transfer: TransferId,
) -> Result<Option<PaymentView>, ReadError> {
    Ok(transfers::table
        .filter(transfers::account_id.eq(account))
        .filter(transfers::transfer_id.eq(transfer))
        .select(TransferRow::as_select())
        .first(conn)
        .optional()?
        .map(PaymentView::from))
}

/// The user whose command last changed this payment, if known.
pub fn last_changed_by(
    conn: &mut Connection,
    account: AccountId,
    transfer: TransferId,
) -> Result<Option<UserId>, ReadError> {
    let events =
        event_store::load_subjects::<SharedAccount>(conn, account.0, &[transfer.0], i64::MAX)?;
    Ok(events
        .iter()
        .filter(|e| e.event.subject_id() == Some(transfer.0))
        .max_by_key(|e| e.version)
        .and_then(|e| e.metadata.user_id)
        .map(UserId))
}

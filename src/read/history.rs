//! An account's history: a page of its events, newest first, with what the sentences need
//! besides members (expenses' descriptions now, amounts before corrections).

use super::{Connection, ReadError};
use crate::domain::{
    AccountEvent, AccountId, CategoryId, ExpenseId, Money, ScheduleId, SharedAccount,
    TransferDetails, TransferId,
};
use crate::event_sourcing::EventEnvelope;
use crate::infrastructure::event_store;
use crate::infrastructure::schema::{categories, expenses, schedules, transfers};
use diesel::prelude::*;
use std::collections::HashMap;

/// Events per page.
pub const PER_PAGE: i64 = 50;

/// One page of history.
#[derive(Debug, Clone)]
pub struct HistoryView {
    /// How many events the account has.
    pub total: i64,
    /// This page's events, newest first.
    pub events: Vec<EventEnvelope<AccountEvent>>,
    /// Expense id → (description now, deleted now), for deletions and restorations.
    pub expenses: HashMap<ExpenseId, (String, bool)>,
    /// Event version of a correction → the amount just before it.
    pub previous_amounts: HashMap<i64, Money>,
    /// Event version of a payment's correction → what the payment said just before it.
    pub previous_transfers: HashMap<i64, TransferDetails>,
    /// Payment id → (what it says now, deleted now), for deletions and restorations.
    pub transfers: HashMap<TransferId, (TransferDetails, bool)>,
    /// The account's categories' names now.
    pub categories: HashMap<CategoryId, String>,
    /// The account's recurring bills' descriptions now.
    pub schedules: HashMap<ScheduleId, String>,
}

/// Page `page` (from 1) of the account's history.
pub fn history(
    conn: &mut Connection,
    account: AccountId,
    page: i64,
) -> Result<HistoryView, ReadError> {
    let total = event_store::count(conn, account.0)?;
    let events = event_store::load_newest_first::<SharedAccount>(
        conn,
        account.0,
        total,
        PER_PAGE,
        (page - 1).saturating_mul(PER_PAGE),
    )?;
    let mut wanted: Vec<ExpenseId> = Vec::new();
    let mut corrected: Vec<uuid::Uuid> = Vec::new();
    let mut wanted_transfers: Vec<TransferId> = Vec::new();
    for envelope in &events {
        match &envelope.event {
            AccountEvent::ExpenseDeleted { expense_id }
            | AccountEvent::ExpenseRestored { expense_id } => {
                wanted.push(*expense_id);
            }
            AccountEvent::ExpenseCorrected { expense_id, .. } => corrected.push(expense_id.0),
            AccountEvent::TransferCorrected { transfer_id, .. } => corrected.push(transfer_id.0),
            AccountEvent::TransferDeleted { transfer_id }
            | AccountEvent::TransferRestored { transfer_id } => {
                wanted_transfers.push(*transfer_id);
            }
            _ => {}
        }
    }
    wanted.sort();
    wanted.dedup();
    corrected.sort();
    corrected.dedup();
    let (previous_amounts, previous_transfers) =
        amounts_before(conn, account, &events, &corrected)?;
    wanted_transfers.sort();
    wanted_transfers.dedup();
    let transfers = if wanted_transfers.is_empty() {
        HashMap::new()
    } else {
        let rows: Vec<(TransferId, _, _, i64, chrono::NaiveDate, bool)> = transfers::table
            .filter(transfers::account_id.eq(account))
            .filter(transfers::transfer_id.eq_any(wanted_transfers))
            .select((
                transfers::transfer_id,
                transfers::from_member_id,
                transfers::to_member_id,
                transfers::amount,
                transfers::transfer_date,
                transfers::deleted,
            ))
            .load(conn)?;
        rows.into_iter()
            .map(|(id, from, to, amount, date, deleted)| {
                let details = TransferDetails {
                    from,
                    to,
                    amount: Money(amount),
                    date,
                };
                (id, (details, deleted))
            })
            .collect()
    };
    let expenses = if wanted.is_empty() {
        HashMap::new()
    } else {
        let rows: Vec<(ExpenseId, String, bool)> = expenses::table
            .filter(expenses::account_id.eq(account))
            .filter(expenses::expense_id.eq_any(wanted))
            .select((
                expenses::expense_id,
                expenses::description,
                expenses::deleted,
            ))
            .load(conn)?;
        rows.into_iter()
            .map(|(id, description, deleted)| (id, (description, deleted)))
            .collect()
    };
    // Categories and schedules are few per account: all of them, in two small queries.
    let categories: Vec<(CategoryId, String)> = categories::table
        .filter(categories::account_id.eq(account))
        .select((categories::category_id, categories::name))
        .load(conn)?;
    let schedules: Vec<(ScheduleId, String)> = schedules::table
        .filter(schedules::account_id.eq(account))
        .select((schedules::schedule_id, schedules::description))
        .load(conn)?;
    Ok(HistoryView {
        total,
        events,
        expenses,
        previous_amounts,
        previous_transfers,
        transfers,
        categories: categories.into_iter().collect(),
        schedules: schedules.into_iter().collect(),
    })
}

/// By event version of each correction: the expense's amount, or the whole payment, before it.
type BeforeCorrections = (HashMap<i64, Money>, HashMap<i64, TransferDetails>);

/// For each correction on the page, the expense's amount (or the whole payment) just before
/// it: from the latest earlier recording or correction of that expense or payment, found
/// through the event store's subject index.
fn amounts_before(
    conn: &mut Connection,
    account: AccountId,
    page: &[EventEnvelope<AccountEvent>],
    corrected: &[uuid::Uuid],
) -> Result<BeforeCorrections, ReadError> {
    let Some(newest) = page.iter().map(|e| e.version).max() else {
        return Ok(Default::default());
    };
    if corrected.is_empty() {
        return Ok(Default::default());
    }
    // Oldest first: each recording or correction sets the amount the next correction starts from.
    let earlier = event_store::load_subjects::<SharedAccount>(conn, account.0, corrected, newest)?;
    let mut amount_now: HashMap<ExpenseId, Money> = HashMap::new();
    let mut before = HashMap::new();
    let mut transfer_now: HashMap<TransferId, TransferDetails> = HashMap::new();
    let mut transfer_before = HashMap::new();
    for envelope in &earlier {
        match &envelope.event {
            AccountEvent::ExpenseRecorded {
                expense_id,
                details,
                ..
            }
            | AccountEvent::RefundRecorded {
                expense_id,
                details,
                ..
            } => {
                amount_now.insert(*expense_id, details.amount);
            }
            AccountEvent::ExpenseCorrected {
                expense_id,
                details,
                ..
            } => {
                if let Some(amount) = amount_now.insert(*expense_id, details.amount) {
                    before.insert(envelope.version, amount);
                }
            }
            AccountEvent::TransferRecorded {
                transfer_id,
                details,
            } => {
                transfer_now.insert(*transfer_id, details.clone());
            }
            AccountEvent::TransferCorrected {
                transfer_id,
                details,
            } => {
                if let Some(was) = transfer_now.insert(*transfer_id, details.clone()) {
                    transfer_before.insert(envelope.version, was);
                }
            }
            _ => {}
        }
    }
    Ok((before, transfer_before))
}

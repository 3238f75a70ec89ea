//! The latest expenses kept with each snapshot in the history, so the account "as it was"
//! right after any change shows its latest expenses from one stored list and the few events
//! after it, however much was corrected or deleted since (without it, every expense changed
//! after the point had to be folded from its events: 1,500 of them at the middle of a
//! 100,000-event account).
//!
//! The command path reads the list from the expenses read model (projected in the same
//! transaction); a rebuild, the benchmark's seeding and `verify` fold it from the events with
//! [`LatestFold`]. Both order as the dashboard does: newest date first, then the most recently
//! recorded.

use crate::domain::{
    AccountEvent, AccountId, CategoryId, ExpenseId, ForeignAmount, MemberId, ScheduleId,
};
use crate::event_sourcing::EventEnvelope;
use crate::infrastructure::db::{DbConnection, on_backend};
use crate::infrastructure::schema::expenses;
use chrono::NaiveDate;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// How many expenses each kept snapshot lists: the dashboard's ten, and ten more so that the
/// events up to the next snapshot (ten by default) can each take one out and still leave ten.
pub const KEPT: usize = 20;

/// One expense as the dashboard's latest list shows it, at the snapshot's version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptExpense {
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
    /// Changes so far.
    pub revision: i32,
    /// Its category, if any.
    pub category: Option<CategoryId>,
    /// The recurring bill it is an occurrence of, if any.
    pub schedule: Option<ScheduleId>,
    /// Global position of its recording event (the order among expenses of one date).
    pub recorded_position: i64,
    /// Money coming in (lists kept before refunds existed have none).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub refund: bool,
    /// When paid in another currency (lists kept before that existed have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_in: Option<ForeignAmount>,
}

impl KeptExpense {
    /// The dashboard's order, as a key that sorts ascending from the oldest.
    fn key(&self) -> (NaiveDate, i64, ExpenseId) {
        (self.date, self.recorded_position, self.id)
    }
}

/// The list as stored: JSON of the expenses, newest first.
pub fn to_json(list: &[KeptExpense]) -> Result<String, serde_json::Error> {
    serde_json::to_string(list)
}

/// A stored list; `None` when it cannot be read (the caller then works without it).
pub fn from_json(json: &str) -> Option<Vec<KeptExpense>> {
    serde_json::from_str(json).ok()
}

/// The account's latest [`KEPT`] expenses now, from the expenses read model (up to date
/// inside the command's transaction).
pub fn from_read_model(
    conn: &mut DbConnection,
    account: AccountId,
) -> QueryResult<Vec<KeptExpense>> {
    type Row = (
        ExpenseId,
        MemberId,
        i64,
        String,
        NaiveDate,
        String,
        i32,
        i32,
        Option<CategoryId>,
        Option<ScheduleId>,
        i64,
        String,
        Option<String>,
    );
    let rows: Vec<Row> = on_backend!(conn, |c| expenses::table
        .filter(expenses::account_id.eq(account))
        .filter(expenses::deleted.eq(false))
        .order((
            expenses::expense_date.desc(),
            expenses::recorded_position.desc(),
        ))
        .limit(KEPT as i64)
        .select((
            expenses::expense_id,
            expenses::payer_id,
            expenses::amount,
            expenses::description,
            expenses::expense_date,
            expenses::split_mode,
            expenses::participant_count,
            expenses::revision,
            expenses::category_id,
            expenses::schedule_id,
            expenses::recorded_position,
            expenses::kind,
            expenses::paid_in,
        ))
        .load(c))?;
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                payer,
                amount,
                description,
                date,
                split_mode,
                participant_count,
                revision,
                category,
                schedule,
                recorded_position,
                kind,
                paid_in,
            )| KeptExpense {
                id,
                payer,
                amount,
                description,
                date,
                split_mode,
                participant_count,
                revision,
                category,
                schedule,
                recorded_position,
                refund: kind == super::REFUND,
                paid_in: paid_in.and_then(|json| serde_json::from_str(&json).ok()),
            },
        )
        .collect())
}

/// One account's expenses folded from its events, as the read model would hold them.
#[derive(Debug, Default, Clone)]
pub struct LatestFold {
    expenses: HashMap<ExpenseId, (KeptExpense, bool)>,
    /// The keys of those not deleted.
    live: BTreeSet<(NaiveDate, i64, ExpenseId)>,
}

impl LatestFold {
    /// Folds one stored event in (its position orders expenses of one date).
    pub fn apply(&mut self, envelope: &EventEnvelope<AccountEvent>) {
        let position = envelope.position.unwrap_or(envelope.version);
        match &envelope.event {
            AccountEvent::ExpenseRecorded {
                expense_id,
                details,
                shares,
                ..
            }
            | AccountEvent::RefundRecorded {
                expense_id,
                details,
                shares,
            } => {
                let (refund, from_schedule) = match &envelope.event {
                    AccountEvent::ExpenseRecorded { from_schedule, .. } => (false, *from_schedule),
                    _ => (true, None),
                };
                let kept = KeptExpense {
                    id: *expense_id,
                    payer: details.payer,
                    amount: details.amount.cents(),
                    description: details.description.to_string(),
                    date: details.date,
                    split_mode: details.split.mode_name().to_owned(),
                    participant_count: i32::try_from(shares.len()).unwrap_or(i32::MAX),
                    revision: 1,
                    category: details.category,
                    schedule: from_schedule,
                    recorded_position: position,
                    refund,
                    paid_in: details.foreign.clone(),
                };
                self.live.insert(kept.key());
                self.expenses.insert(*expense_id, (kept, false));
            }
            AccountEvent::ExpenseCorrected {
                expense_id,
                details,
                shares,
            } => {
                if let Some((kept, deleted)) = self.expenses.get_mut(expense_id) {
                    if !*deleted {
                        self.live.remove(&kept.key());
                    }
                    kept.payer = details.payer;
                    kept.amount = details.amount.cents();
                    kept.description = details.description.to_string();
                    kept.date = details.date;
                    kept.split_mode = details.split.mode_name().to_owned();
                    kept.participant_count = i32::try_from(shares.len()).unwrap_or(i32::MAX);
                    kept.category = details.category;
                    kept.paid_in = details.foreign.clone();
                    kept.revision += 1;
                    if !*deleted {
                        self.live.insert(kept.key());
                    }
                }
            }
            AccountEvent::ExpenseDeleted { expense_id }
            | AccountEvent::ExpenseRestored { expense_id } => {
                let deleting = matches!(envelope.event, AccountEvent::ExpenseDeleted { .. });
                if let Some((kept, deleted)) = self.expenses.get_mut(expense_id) {
                    kept.revision += 1;
                    *deleted = deleting;
                    if deleting {
                        self.live.remove(&kept.key());
                    } else {
                        self.live.insert(kept.key());
                    }
                }
            }
            _ => {}
        }
    }

    /// The newest `n` expenses not deleted, newest first.
    pub fn top(&self, n: usize) -> Vec<KeptExpense> {
        self.live
            .iter()
            .rev()
            .take(n)
            .filter_map(|(_, _, id)| self.expenses.get(id).map(|(kept, _)| kept.clone()))
            .collect()
    }

    /// Every expense folded so far that is not deleted, in no particular order.
    pub fn into_live(self) -> impl Iterator<Item = KeptExpense> {
        self.expenses
            .into_values()
            .filter(|(_, deleted)| !deleted)
            .map(|(kept, _)| kept)
    }
}

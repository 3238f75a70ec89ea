//! What a snapshot of an account keeps, and how the command path finds what a command is
//! about.

use super::*;
use crate::domain::ids::{AccountId, ExpenseId, TransferId};
use crate::domain::money::Currency;
use crate::domain::names::AccountName;
use crate::event_sourcing::Snapshotting;
use serde::{Deserialize, Serialize};

/// What a snapshot keeps: the account and its members with their balances, its categories,
/// schedules and time zone. Expenses and transfers are not in it; the command path loads the
/// few a command needs by their ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSnapshot {
    /// Name and currency, once opened.
    pub opened: Option<(AccountName, Currency)>,
    /// Members in joining order, with balances.
    pub members: Vec<Member>,
    /// Categories in order.
    pub categories: Vec<Category>,
    /// Recurring bills.
    pub schedules: std::collections::BTreeMap<crate::domain::ids::ScheduleId, ScheduleState>,
    /// The flat's time zone.
    pub time_zone: crate::domain::time_zone::TimeZone,
    /// Expense count and live total.
    pub expense_totals: ExpenseTotals,
}

impl Snapshotting for SharedAccount {
    // 2: categories, schedules and the time zone. 3: the expense totals (a version 2
    // snapshot cannot say them, so it is not used; the command path then saves a new one).
    const SNAPSHOT_SCHEMA_VERSION: i32 = 3;
    type Snapshot = AccountSnapshot;

    fn snapshot(&self) -> AccountSnapshot {
        AccountSnapshot {
            opened: self.opened.clone(),
            members: self.members.clone(),
            categories: self.categories.clone(),
            schedules: self.schedules.clone(),
            time_zone: self.time_zone,
            expense_totals: self.expense_totals,
        }
    }

    fn restore(snapshot: AccountSnapshot) -> Self {
        SharedAccount {
            opened: snapshot.opened,
            members: snapshot.members,
            categories: snapshot.categories,
            schedules: snapshot.schedules,
            time_zone: snapshot.time_zone,
            expense_totals: snapshot.expense_totals,
            ..SharedAccount::default()
        }
    }

    /// Folds only the expense or transfer an event is about, without touching balances:
    /// balances before the snapshot are already in it.
    fn hydrate(&mut self, event: &AccountEvent) {
        use AccountEvent as E;
        match event {
            E::ExpenseRecorded {
                expense_id,
                details,
                shares,
                ..
            }
            | E::RefundRecorded {
                expense_id,
                details,
                shares,
            } => {
                self.expenses.insert(
                    *expense_id,
                    ExpenseState {
                        recorded_as: details.clone(),
                        details: details.clone(),
                        shares: shares.clone(),
                        deleted: false,
                        revision: 1,
                        refund: matches!(event, E::RefundRecorded { .. }),
                    },
                );
            }
            E::ExpenseCorrected {
                expense_id,
                details,
                shares,
            } => {
                if let Some(e) = self.expenses.get_mut(expense_id) {
                    e.details = details.clone();
                    e.shares = shares.clone();
                    e.revision += 1;
                }
            }
            E::ExpenseDeleted { expense_id } | E::ExpenseRestored { expense_id } => {
                let deleting = matches!(event, E::ExpenseDeleted { .. });
                if let Some(e) = self.expenses.get_mut(expense_id)
                    && e.deleted != deleting
                {
                    e.deleted = deleting;
                    e.revision += 1;
                }
            }
            E::TransferRecorded {
                transfer_id,
                details,
            } => {
                self.transfers.insert(
                    *transfer_id,
                    TransferState {
                        recorded_as: details.clone(),
                        details: details.clone(),
                        deleted: false,
                        revision: 1,
                    },
                );
            }
            E::TransferCorrected {
                transfer_id,
                details,
            } => {
                if let Some(t) = self.transfers.get_mut(transfer_id) {
                    t.details = details.clone();
                    t.revision += 1;
                }
            }
            E::TransferDeleted { transfer_id } | E::TransferRestored { transfer_id } => {
                let deleting = matches!(event, E::TransferDeleted { .. });
                if let Some(t) = self.transfers.get_mut(transfer_id)
                    && t.deleted != deleting
                {
                    t.deleted = deleting;
                    t.revision += 1;
                }
            }
            _ => {}
        }
    }

    fn subject(command: &AccountCommand) -> Option<uuid::Uuid> {
        use AccountCommand as C;
        match command {
            C::RecordExpense { expense_id, .. }
            | C::RecordRefund { expense_id, .. }
            | C::CorrectExpense { expense_id, .. }
            | C::DeleteExpense { expense_id }
            | C::RestoreExpense { expense_id } => Some(expense_id.0),
            C::RecordTransfer { transfer_id, .. }
            | C::CorrectTransfer { transfer_id, .. }
            | C::DeleteTransfer { transfer_id }
            | C::RestoreTransfer { transfer_id } => Some(transfer_id.0),
            _ => None,
        }
    }
}

impl SharedAccount {
    /// Whether the expense or transfer with this id is in the state: folded from the events
    /// after the snapshot, or read for an earlier command.
    pub fn holds(&self, subject: uuid::Uuid) -> bool {
        self.expenses.contains_key(&ExpenseId(subject))
            || self.transfers.contains_key(&TransferId(subject))
    }
}

/// Convenience for ids in tests and tools.
impl AccountId {
    /// The account id as the aggregate id stored with its events.
    pub fn aggregate_id(&self) -> uuid::Uuid {
        self.0
    }
}

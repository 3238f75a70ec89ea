//! The account's state as the aggregate folds it from its events.

use super::*;
use crate::domain::balances::Balance;
use crate::domain::exchange::{ExchangeError, convert_shares};
use crate::domain::ids::{ExpenseId, MemberId, ScheduleId, TransferId, UserId};
use crate::domain::money::{Currency, Money};
use crate::domain::names::{AccountName, MemberName};
use crate::domain::split::Share;
use crate::domain::time_zone::TimeZone;
use crate::event_sourcing::DecisionContext;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// A member as the aggregate knows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Their id.
    pub id: MemberId,
    /// Their name.
    pub name: MemberName,
    /// Their user, once joined.
    pub user_id: Option<UserId>,
    /// Whether they take part in new expenses.
    pub active: bool,
    /// Their running totals.
    pub balance: Balance,
}

/// An expense as the aggregate knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpenseState {
    /// What it was first recorded as, to recognise a repeated submit.
    pub recorded_as: ExpenseDetails,
    /// What it says now.
    pub details: ExpenseDetails,
    /// The cents per participant now.
    pub shares: Vec<Share>,
    /// Deleted expenses count for nothing.
    pub deleted: bool,
    /// 1 when recorded, +1 for each correction, deletion or restoration.
    pub revision: u32,
    /// Money coming in, booked with the sign reversed; fixed when recorded (absent before
    /// refunds existed, hence the default).
    #[serde(default)]
    pub refund: bool,
}

impl ExpenseState {
    /// How this entry moves balances: 1 for an expense, −1 for a refund.
    pub fn sign(&self) -> i64 {
        if self.refund { -1 } else { 1 }
    }
}

/// A payment between members as the aggregate knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferState {
    /// What it was first recorded as, to recognise a repeated submit.
    pub recorded_as: TransferDetails,
    /// What it says now.
    pub details: TransferDetails,
    /// Deleted payments count for nothing.
    pub deleted: bool,
    /// 1 when recorded, +1 for each correction, deletion or restoration.
    pub revision: u32,
}

/// How many expenses the account has and what the live ones add up to: the expense list's
/// count and total, written as they are (not as a change) with every version, so that a read
/// model that missed a write is right again after the next one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpenseTotals {
    /// Every expense ever recorded, deleted ones included.
    pub recorded: i64,
    /// Those not deleted.
    pub live: i64,
    /// The amounts of those not deleted.
    pub live_total: Money,
}

/// The shared account's state, folded from its events.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedAccount {
    /// Name and currency, once opened.
    pub opened: Option<(AccountName, Currency)>,
    /// Members in the order they joined.
    pub members: Vec<Member>,
    /// Every expense ever recorded.
    pub expenses: HashMap<ExpenseId, ExpenseState>,
    /// Every transfer ever recorded.
    pub transfers: HashMap<TransferId, TransferState>,
    /// Categories in the order they were added (the starting set first).
    pub categories: Vec<Category>,
    /// Recurring bills.
    pub schedules: BTreeMap<ScheduleId, ScheduleState>,
    /// The flat's time zone.
    pub time_zone: TimeZone,
    /// Expense count and live total.
    pub expense_totals: ExpenseTotals,
}

impl SharedAccount {
    /// The member with this id.
    pub fn member(&self, id: MemberId) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    pub(super) fn member_mut(&mut self, id: MemberId) -> Option<&mut Member> {
        self.members.iter_mut().find(|m| m.id == id)
    }

    /// The member linked to this user.
    pub fn member_for_user(&self, user: UserId) -> Option<&Member> {
        self.members.iter().find(|m| m.user_id == Some(user))
    }

    /// Each member's net, in joining order: the input of settle-up.
    pub fn nets(&self) -> Vec<(MemberId, Money)> {
        self.members
            .iter()
            .map(|m| (m.id, m.balance.net()))
            .collect()
    }

    pub(super) fn currency(&self) -> Result<Currency, AccountError> {
        self.opened
            .as_ref()
            .map_or(Err(AccountError::NotOpened), |(_, c)| Ok(*c))
    }

    pub(super) fn check_name_free(&self, name: &MemberName) -> Result<(), AccountError> {
        let key = name.key();
        if self.members.iter().any(|m| m.name.key() == key) {
            Err(AccountError::NameTaken(name.to_string()))
        } else {
            Ok(())
        }
    }

    pub(super) fn check_date(
        date: NaiveDate,
        context: &DecisionContext,
    ) -> Result<(), AccountError> {
        let earliest = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN);
        let latest = context
            .today
            .checked_add_months(Months::new(12))
            .unwrap_or(NaiveDate::MAX);
        if date < earliest || date > latest {
            Err(AccountError::DateOutOfRange(latest))
        } else {
            Ok(())
        }
    }

    /// Checks an expense's content and allocates its cents. Members already on the expense
    /// (`previous`) may stay on it after they were deactivated; new ones must be active.
    pub(super) fn decide_expense(
        &self,
        expense_id: ExpenseId,
        details: &ExpenseDetails,
        previous: Option<&ExpenseDetails>,
        context: &DecisionContext,
    ) -> Result<Vec<Share>, AccountError> {
        let currency = self.currency()?;
        currency.check_amount(details.amount)?;
        Self::check_date(details.date, context)?;
        self.check_category(details.category, previous.and_then(|p| p.category))?;
        let was_on = |id: MemberId| {
            previous.is_some_and(|p| p.payer == id || p.split.participants().contains(&id))
        };
        match self.member(details.payer) {
            None => return Err(AccountError::UnknownMember),
            Some(m) if !m.active && !was_on(m.id) => return Err(AccountError::PayerInactive),
            Some(_) => {}
        }
        for id in details.split.participants() {
            match self.member(id) {
                None => return Err(AccountError::UnknownMember),
                Some(m) if !m.active && !was_on(id) => {
                    return Err(AccountError::ParticipantInactive(m.name.to_string()));
                }
                Some(_) => {}
            }
        }
        let seed = u64::from_le_bytes(expense_id.as_bytes()[8..16].try_into().unwrap_or([0; 8]));
        let Some(foreign) = &details.foreign else {
            return Ok(details.split.allocate(details.amount, seed)?);
        };
        // Split as entered, in the currency paid (exact amounts are in it), then scaled to the
        // converted total: the account's cents add up exactly, whatever the rate.
        foreign.currency.check_amount(foreign.amount)?;
        let converted = foreign.converted(currency)?;
        if converted != details.amount {
            return Err(ExchangeError::Mismatch {
                currency,
                expected: converted,
            }
            .into());
        }
        let original = details.split.allocate(foreign.amount, seed)?;
        Ok(convert_shares(&original, converted, seed))
    }

    pub(super) fn existing_expense(&self, id: ExpenseId) -> Result<&ExpenseState, AccountError> {
        self.expenses.get(&id).ok_or(AccountError::UnknownExpense)
    }

    pub(super) fn existing_transfer(&self, id: TransferId) -> Result<&TransferState, AccountError> {
        self.transfers.get(&id).ok_or(AccountError::UnknownTransfer)
    }

    /// The rules a payment's content follows, recorded or corrected.
    pub(super) fn check_transfer(
        &self,
        details: &TransferDetails,
        context: &DecisionContext,
    ) -> Result<(), AccountError> {
        let currency = self.currency()?;
        if details.from == details.to {
            return Err(AccountError::TransferToSelf);
        }
        // Inactive members may still pay back or be paid back: settling up is how
        // someone who moved out leaves square.
        for id in [details.from, details.to] {
            self.member(id).ok_or(AccountError::UnknownMember)?;
        }
        currency.check_amount(details.amount)?;
        Self::check_date(details.date, context)
    }

    pub(super) fn book_transfer(&mut self, details: &TransferDetails, sign: i64) {
        let amount = Money(sign * details.amount.cents());
        if let Some(m) = self.member_mut(details.from) {
            m.balance.sent += amount;
        }
        if let Some(m) = self.member_mut(details.to) {
            m.balance.received += amount;
        }
    }

    /// Adds (`presence` 1) or takes away (−1) an entry that counts. A refund (`refund`)
    /// is still one entry of the list, but its money goes the other way: the receiver's
    /// `paid`, each sharer's `owed` and the live total go down by it.
    pub(super) fn book_expense(
        &mut self,
        details: &ExpenseDetails,
        shares: &[Share],
        presence: i64,
        refund: bool,
    ) {
        self.expense_totals.live += presence;
        let sign = if refund { -presence } else { presence };
        self.expense_totals.live_total += Money(sign * details.amount.cents());
        if let Some(payer) = self.member_mut(details.payer) {
            payer.balance.paid += Money(sign * details.amount.cents());
        }
        for share in shares {
            if let Some(m) = self.member_mut(share.member_id) {
                m.balance.owed += Money(sign * share.amount.cents());
            }
        }
    }
}

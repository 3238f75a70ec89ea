//! The rules: deciding a command (`handle`) and folding an event (`apply`).

use super::*;
use crate::domain::balances::Balance;
use crate::event_sourcing::{Aggregate, DecisionContext, Snapshotting};

impl Aggregate for SharedAccount {
    const TYPE: &'static str = "shared_account";
    type Command = AccountCommand;
    type Event = AccountEvent;
    type Error = AccountError;

    fn handle(
        &self,
        command: &AccountCommand,
        context: &DecisionContext,
    ) -> Result<Vec<AccountEvent>, AccountError> {
        use AccountCommand as C;
        use AccountEvent as E;
        if self.opened.is_none() && !matches!(command, C::Open { .. }) {
            return Err(AccountError::NotOpened);
        }
        match command {
            C::Open {
                name,
                currency,
                member_id,
                member_name,
                user_id,
            } => {
                if self.opened.is_some() {
                    return Err(AccountError::AlreadyOpened);
                }
                Ok(vec![
                    E::AccountOpened {
                        name: name.clone(),
                        currency: *currency,
                    },
                    E::MemberAdded {
                        member_id: *member_id,
                        name: member_name.clone(),
                        user_id: Some(*user_id),
                    },
                ])
            }
            C::Rename { name } => {
                if self.opened.as_ref().is_some_and(|(n, _)| n == name) {
                    return Ok(vec![]);
                }
                Ok(vec![E::AccountRenamed { name: name.clone() }])
            }
            C::AddMember {
                member_id,
                name,
                user_id,
            } => {
                if let Some(existing) = self.member(*member_id) {
                    // The same add submitted twice is harmless.
                    return if existing.name == *name && existing.user_id == *user_id {
                        Ok(vec![])
                    } else {
                        Err(AccountError::MemberIdTaken)
                    };
                }
                if let Some(user) = user_id
                    && self.member_for_user(*user).is_some()
                {
                    return Err(AccountError::UserAlreadyMember);
                }
                self.check_name_free(name)?;
                Ok(vec![E::MemberAdded {
                    member_id: *member_id,
                    name: name.clone(),
                    user_id: *user_id,
                }])
            }
            C::LinkMember { member_id, user_id } => {
                let member = self.member(*member_id).ok_or(AccountError::UnknownMember)?;
                if member.user_id == Some(*user_id) {
                    // Rejoining as oneself: nothing to link, but come back if one had left.
                    return Ok(if member.active {
                        vec![]
                    } else {
                        vec![E::MemberReactivated {
                            member_id: *member_id,
                        }]
                    });
                }
                if self.member_for_user(*user_id).is_some() {
                    return Err(AccountError::UserAlreadyMember);
                }
                if member.user_id.is_some() {
                    return Err(AccountError::MemberAlreadyLinked);
                }
                let mut events = vec![E::MemberLinked {
                    member_id: *member_id,
                    user_id: *user_id,
                }];
                if !member.active {
                    events.push(E::MemberReactivated {
                        member_id: *member_id,
                    });
                }
                Ok(events)
            }
            C::DeactivateMember { member_id } => {
                let member = self.member(*member_id).ok_or(AccountError::UnknownMember)?;
                if !member.active {
                    return Ok(vec![]);
                }
                if self.members.iter().filter(|m| m.active).count() == 1 {
                    return Err(AccountError::LastActiveMember);
                }
                Ok(vec![E::MemberDeactivated {
                    member_id: *member_id,
                }])
            }
            C::ReactivateMember { member_id } => {
                let member = self.member(*member_id).ok_or(AccountError::UnknownMember)?;
                if member.active {
                    return Ok(vec![]);
                }
                Ok(vec![E::MemberReactivated {
                    member_id: *member_id,
                }])
            }
            C::RecordExpense {
                expense_id,
                details,
            }
            | C::RecordRefund {
                expense_id,
                details,
            } => {
                let refund = matches!(command, C::RecordRefund { .. });
                if let Some(existing) = self.expenses.get(expense_id) {
                    // A repeated submit is harmless only as the same kind of entry.
                    return if existing.recorded_as == *details && existing.refund == refund {
                        Ok(vec![])
                    } else {
                        Err(AccountError::ExpenseIdTaken)
                    };
                }
                let shares = self.decide_expense(*expense_id, details, None, context)?;
                Ok(vec![if refund {
                    E::RefundRecorded {
                        expense_id: *expense_id,
                        details: details.clone(),
                        shares,
                    }
                } else {
                    E::ExpenseRecorded {
                        expense_id: *expense_id,
                        details: details.clone(),
                        shares,
                        from_schedule: None,
                    }
                }])
            }
            C::CorrectExpense {
                expense_id,
                details,
                expected_revision,
            } => {
                let existing = self.existing_expense(*expense_id)?;
                if existing.details == *details {
                    return Ok(vec![]);
                }
                if let Some(expected) = expected_revision
                    && *expected != existing.revision
                {
                    return Err(AccountError::StaleExpense {
                        current: existing.revision,
                    });
                }
                if existing.deleted {
                    return Err(AccountError::ExpenseIsDeleted);
                }
                let shares =
                    self.decide_expense(*expense_id, details, Some(&existing.details), context)?;
                Ok(vec![E::ExpenseCorrected {
                    expense_id: *expense_id,
                    details: details.clone(),
                    shares,
                }])
            }
            C::DeleteExpense { expense_id } => {
                if self.existing_expense(*expense_id)?.deleted {
                    return Ok(vec![]);
                }
                Ok(vec![E::ExpenseDeleted {
                    expense_id: *expense_id,
                }])
            }
            C::RestoreExpense { expense_id } => {
                if !self.existing_expense(*expense_id)?.deleted {
                    return Ok(vec![]);
                }
                Ok(vec![E::ExpenseRestored {
                    expense_id: *expense_id,
                }])
            }
            C::RecordTransfer {
                transfer_id,
                details,
            } => {
                if let Some(existing) = self.transfers.get(transfer_id) {
                    return if existing.recorded_as == *details {
                        Ok(vec![])
                    } else {
                        Err(AccountError::TransferIdTaken)
                    };
                }
                self.check_transfer(details, context)?;
                Ok(vec![E::TransferRecorded {
                    transfer_id: *transfer_id,
                    details: details.clone(),
                }])
            }
            C::CorrectTransfer {
                transfer_id,
                details,
                expected_revision,
            } => {
                let existing = self.existing_transfer(*transfer_id)?;
                if existing.details == *details {
                    return Ok(vec![]);
                }
                if let Some(expected) = expected_revision
                    && *expected != existing.revision
                {
                    return Err(AccountError::StaleTransfer {
                        current: existing.revision,
                    });
                }
                if existing.deleted {
                    return Err(AccountError::TransferIsDeleted);
                }
                self.check_transfer(details, context)?;
                Ok(vec![E::TransferCorrected {
                    transfer_id: *transfer_id,
                    details: details.clone(),
                }])
            }
            C::DeleteTransfer { transfer_id } => {
                if self.existing_transfer(*transfer_id)?.deleted {
                    return Ok(vec![]);
                }
                Ok(vec![E::TransferDeleted {
                    transfer_id: *transfer_id,
                }])
            }
            C::RestoreTransfer { transfer_id } => {
                if !self.existing_transfer(*transfer_id)?.deleted {
                    return Ok(vec![]);
                }
                Ok(vec![E::TransferRestored {
                    transfer_id: *transfer_id,
                }])
            }
            C::SetTimeZone { time_zone } => Ok(if self.time_zone == *time_zone {
                vec![]
            } else {
                vec![E::TimeZoneSet {
                    time_zone: *time_zone,
                }]
            }),
            C::AddCategory { .. }
            | C::RenameCategory { .. }
            | C::ArchiveCategory { .. }
            | C::RestoreCategory { .. } => self.decide_category(command),
            C::CreateSchedule { .. }
            | C::ChangeSchedule { .. }
            | C::SkipOccurrence { .. }
            | C::PauseSchedule { .. }
            | C::ResumeSchedule { .. }
            | C::StopSchedule { .. }
            | C::PostDue => self.decide_schedule(command, context),
        }
    }

    fn apply(&mut self, event: &AccountEvent) {
        use AccountEvent as E;
        match event {
            E::AccountOpened { name, currency } => {
                self.opened = Some((name.clone(), *currency));
                self.categories = default_categories();
            }
            E::AccountRenamed { name } => {
                if let Some((n, _)) = self.opened.as_mut() {
                    *n = name.clone();
                }
            }
            E::MemberAdded {
                member_id,
                name,
                user_id,
            } => self.members.push(Member {
                id: *member_id,
                name: name.clone(),
                user_id: *user_id,
                active: true,
                balance: Balance::default(),
            }),
            E::MemberLinked { member_id, user_id } => {
                if let Some(m) = self.member_mut(*member_id) {
                    m.user_id = Some(*user_id);
                }
            }
            E::MemberDeactivated { member_id } => {
                if let Some(m) = self.member_mut(*member_id) {
                    m.active = false;
                }
            }
            E::MemberReactivated { member_id } => {
                if let Some(m) = self.member_mut(*member_id) {
                    m.active = true;
                }
            }
            E::ExpenseRecorded {
                details, shares, ..
            } => {
                self.expense_totals.recorded += 1;
                self.book_expense(details, shares, 1, false);
                self.apply_schedule(event);
                self.hydrate(event);
            }
            E::RefundRecorded {
                details, shares, ..
            } => {
                self.expense_totals.recorded += 1;
                self.book_expense(details, shares, 1, true);
                self.hydrate(event);
            }
            E::ExpenseCorrected {
                expense_id,
                details,
                shares,
            } => {
                // A refund stays a refund: both bookings take its reversed sign.
                if let Some(old) = self.expenses.get(expense_id)
                    && !old.deleted
                {
                    let (old_details, old_shares) = (old.details.clone(), old.shares.clone());
                    let refund = old.refund;
                    self.book_expense(&old_details, &old_shares, -1, refund);
                    self.book_expense(details, shares, 1, refund);
                }
                self.hydrate(event);
            }
            E::ExpenseDeleted { expense_id } | E::ExpenseRestored { expense_id } => {
                let deleting = matches!(event, E::ExpenseDeleted { .. });
                if let Some(old) = self.expenses.get(expense_id)
                    && old.deleted != deleting
                {
                    let (old_details, old_shares) = (old.details.clone(), old.shares.clone());
                    let refund = old.refund;
                    self.book_expense(
                        &old_details,
                        &old_shares,
                        if deleting { -1 } else { 1 },
                        refund,
                    );
                }
                self.hydrate(event);
            }
            E::TransferRecorded { details, .. } => {
                self.book_transfer(details, 1);
                self.hydrate(event);
            }
            E::TransferCorrected {
                transfer_id,
                details,
            } => {
                if let Some(old) = self.transfers.get(transfer_id)
                    && !old.deleted
                {
                    let old_details = old.details.clone();
                    self.book_transfer(&old_details, -1);
                    self.book_transfer(details, 1);
                }
                self.hydrate(event);
            }
            E::TransferDeleted { transfer_id } | E::TransferRestored { transfer_id } => {
                let deleting = matches!(event, E::TransferDeleted { .. });
                if let Some(old) = self.transfers.get(transfer_id)
                    && old.deleted != deleting
                {
                    let old_details = old.details.clone();
                    self.book_transfer(&old_details, if deleting { -1 } else { 1 });
                }
                self.hydrate(event);
            }
            E::TimeZoneSet { time_zone } => self.time_zone = *time_zone,
            E::CategoryAdded { category_id, name } => self.categories.push(Category {
                id: *category_id,
                name: name.clone(),
                archived: false,
            }),
            E::CategoryRenamed { category_id, name } => {
                if let Some(c) = self.category_mut(*category_id) {
                    c.name = name.clone();
                }
            }
            E::CategoryArchived { category_id } | E::CategoryRestored { category_id } => {
                let archived = matches!(event, E::CategoryArchived { .. });
                if let Some(c) = self.category_mut(*category_id) {
                    c.archived = archived;
                }
            }
            E::ScheduleCreated { .. }
            | E::ScheduleChanged { .. }
            | E::OccurrenceSkipped { .. }
            | E::SchedulePaused { .. }
            | E::ScheduleResumed { .. }
            | E::ScheduleStopped { .. } => self.apply_schedule(event),
        }
    }
}

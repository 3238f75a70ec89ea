//! Recurring bills: when each occurrence falls, and the rules for schedules and posting.

use super::*;
use crate::domain::ids::{ExpenseId, ScheduleId};
use crate::event_sourcing::{Aggregate, DecisionContext};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Whether a schedule records its occurrences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScheduleStatus {
    /// Occurrences are recorded when due.
    Active,
    /// Nothing is recorded; occurrences falling meanwhile are passed over.
    Paused,
    /// Ended for good.
    Stopped,
}

/// A schedule as the aggregate knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleState {
    /// What it says now.
    pub details: ScheduleDetails,
    /// Occurrences before this day are done with: recorded, skipped or passed over while
    /// paused. Only ever moves forward, so a change never reaches back into the past.
    pub cursor: NaiveDate,
    /// Coming occurrences someone chose to leave out.
    pub skipped: BTreeSet<NaiveDate>,
    /// Active, paused or stopped.
    pub status: ScheduleStatus,
    /// Why the schedule paused itself, when it did.
    pub paused_because: Option<String>,
}

/// The most occurrences one `PostDue` records, so a schedule started long ago catches up in
/// several bounded transactions rather than one huge one; the poster repeats until nothing
/// is due.
pub const MAX_POSTED_PER_COMMAND: usize = 100;

impl ScheduleState {
    /// The first occurrence still to come (on or after the cursor, not skipped, not past the
    /// end), whatever the status; `None` once the schedule has ended.
    pub fn next_occurrence(&self) -> Option<NaiveDate> {
        if self.status == ScheduleStatus::Stopped {
            return None;
        }
        self.occurrences_from(self.cursor).next()
    }

    /// The coming occurrences from `from` on, skipping the skipped ones, up to the end date.
    pub fn occurrences_from(&self, from: NaiveDate) -> impl Iterator<Item = NaiveDate> + '_ {
        let recurrence = self.details.recurrence;
        let start = self.details.expense.date;
        let until = self.details.until;
        let mut next = recurrence.first_on_or_after(start, from);
        std::iter::from_fn(move || {
            let date = next?;
            next = date
                .succ_opt()
                .and_then(|d| recurrence.first_on_or_after(start, d));
            Some(date)
        })
        .take_while(move |d| until.is_none_or(|u| *d <= u))
        .filter(|d| !self.skipped.contains(d))
    }

    /// The occurrences due by `today` (the account's date), oldest first; none unless active.
    pub fn due(&self, today: NaiveDate) -> Vec<NaiveDate> {
        if self.status != ScheduleStatus::Active {
            return Vec::new();
        }
        self.occurrences_from(self.cursor)
            .take_while(|d| *d <= today)
            .take(MAX_POSTED_PER_COMMAND)
            .collect()
    }
}

impl SharedAccount {
    /// The account's date at the command's instant.
    pub fn local_today(&self, context: &DecisionContext) -> NaiveDate {
        self.time_zone.date_at(context.now)
    }

    fn schedule(&self, id: ScheduleId) -> Result<&ScheduleState, AccountError> {
        self.schedules.get(&id).ok_or(AccountError::UnknownSchedule)
    }

    fn live_schedule(&self, id: ScheduleId) -> Result<&ScheduleState, AccountError> {
        let schedule = self.schedule(id)?;
        if schedule.status == ScheduleStatus::Stopped {
            return Err(AccountError::ScheduleStopped);
        }
        Ok(schedule)
    }

    /// The checks an expense gets, on the schedule's first occurrence, plus the end date.
    fn check_schedule(
        &self,
        schedule_id: ScheduleId,
        details: &ScheduleDetails,
        context: &DecisionContext,
    ) -> Result<(), AccountError> {
        let start = details.expense.date;
        if details.until.is_some_and(|until| until < start) {
            return Err(AccountError::UntilBeforeStart);
        }
        let id = ExpenseId::occurrence(schedule_id, start);
        self.decide_expense(id, &details.expense, None, context)?;
        Ok(())
    }

    pub(super) fn decide_schedule(
        &self,
        command: &AccountCommand,
        context: &DecisionContext,
    ) -> Result<Vec<AccountEvent>, AccountError> {
        use AccountCommand as C;
        use AccountEvent as E;
        match command {
            C::CreateSchedule {
                schedule_id,
                details,
            } => {
                if let Some(existing) = self.schedules.get(schedule_id) {
                    // A repeated submit of the same form changes nothing.
                    return if existing.details == *details {
                        Ok(vec![])
                    } else {
                        Err(AccountError::ScheduleIdTaken)
                    };
                }
                self.check_schedule(*schedule_id, details, context)?;
                let created = E::ScheduleCreated {
                    schedule_id: *schedule_id,
                    details: details.clone(),
                };
                // Occurrences already due (the first one, typically) are recorded with it.
                let mut after = self.clone();
                after.apply(&created);
                let mut events = vec![created];
                events.extend(after.post_due(context, Some(*schedule_id)));
                Ok(events)
            }
            C::ChangeSchedule {
                schedule_id,
                details,
            } => {
                let existing = self.live_schedule(*schedule_id)?;
                if existing.details == *details {
                    return Ok(vec![]);
                }
                self.check_schedule(*schedule_id, details, context)?;
                Ok(vec![E::ScheduleChanged {
                    schedule_id: *schedule_id,
                    details: details.clone(),
                }])
            }
            C::SkipOccurrence { schedule_id, date } => {
                let existing = self.live_schedule(*schedule_id)?;
                if existing.skipped.contains(date) {
                    return Ok(vec![]);
                }
                let details = &existing.details;
                if !details.recurrence.falls_on(details.expense.date, *date)
                    || details.until.is_some_and(|u| *date > u)
                {
                    return Err(AccountError::NotAnOccurrence);
                }
                if *date < existing.cursor {
                    return Err(AccountError::OccurrencePassed);
                }
                Ok(vec![E::OccurrenceSkipped {
                    schedule_id: *schedule_id,
                    date: *date,
                }])
            }
            C::PauseSchedule { schedule_id } => {
                let existing = self.live_schedule(*schedule_id)?;
                if existing.status == ScheduleStatus::Paused {
                    return Ok(vec![]);
                }
                Ok(vec![E::SchedulePaused {
                    schedule_id: *schedule_id,
                    reason: None,
                }])
            }
            C::ResumeSchedule { schedule_id } => {
                let existing = self.live_schedule(*schedule_id)?;
                if existing.status == ScheduleStatus::Active {
                    return Ok(vec![]);
                }
                let resumed = E::ScheduleResumed {
                    schedule_id: *schedule_id,
                    from: self.local_today(context),
                };
                // Today's occurrence, if one falls today, is recorded at once.
                let mut after = self.clone();
                after.apply(&resumed);
                let mut events = vec![resumed];
                events.extend(after.post_due(context, Some(*schedule_id)));
                Ok(events)
            }
            C::StopSchedule { schedule_id } => {
                if self.schedule(*schedule_id)?.status == ScheduleStatus::Stopped {
                    return Ok(vec![]);
                }
                Ok(vec![E::ScheduleStopped {
                    schedule_id: *schedule_id,
                }])
            }
            C::PostDue => Ok(self.post_due(context, None)),
            _ => Ok(vec![]),
        }
    }

    /// The occurrences due by the account's today, as expenses in date order (then by
    /// schedule). An occurrence that can no longer be recorded as it stands (its payer moved
    /// out, say) pauses its schedule with the reason instead, so the others still post and
    /// someone can fix it.
    fn post_due(&self, context: &DecisionContext, only: Option<ScheduleId>) -> Vec<AccountEvent> {
        let today = self.local_today(context);
        let mut due: Vec<(NaiveDate, ScheduleId)> = self
            .schedules
            .iter()
            .filter(|(id, _)| only.is_none_or(|o| o == **id))
            .flat_map(|(id, s)| s.due(today).into_iter().map(move |d| (d, *id)))
            .collect();
        due.sort();
        due.truncate(MAX_POSTED_PER_COMMAND);
        let mut paused: BTreeSet<ScheduleId> = BTreeSet::new();
        let mut events = Vec::new();
        for (date, schedule_id) in due {
            if paused.contains(&schedule_id) {
                continue;
            }
            let Some(schedule) = self.schedules.get(&schedule_id) else {
                continue;
            };
            let expense_id = ExpenseId::occurrence(schedule_id, date);
            if self.expenses.contains_key(&expense_id) {
                continue;
            }
            let details = ExpenseDetails {
                date,
                ..schedule.details.expense.clone()
            };
            match self.decide_expense(expense_id, &details, None, context) {
                Ok(shares) => events.push(AccountEvent::ExpenseRecorded {
                    expense_id,
                    details,
                    shares,
                    from_schedule: Some(schedule_id),
                }),
                Err(why) => {
                    paused.insert(schedule_id);
                    events.push(AccountEvent::SchedulePaused {
                        schedule_id,
                        reason: Some(format!(
                            "the occurrence of {date} could not be recorded: {why}"
                        )),
                    });
                }
            }
        }
        events
    }

    pub(super) fn apply_schedule(&mut self, event: &AccountEvent) {
        use AccountEvent as E;
        match event {
            E::ScheduleCreated {
                schedule_id,
                details,
            } => {
                self.schedules.insert(
                    *schedule_id,
                    ScheduleState {
                        details: details.clone(),
                        cursor: details.expense.date,
                        skipped: BTreeSet::new(),
                        status: ScheduleStatus::Active,
                        paused_because: None,
                    },
                );
            }
            E::ScheduleChanged {
                schedule_id,
                details,
            } => {
                if let Some(s) = self.schedules.get_mut(schedule_id) {
                    s.details = details.clone();
                }
            }
            E::OccurrenceSkipped { schedule_id, date } => {
                if let Some(s) = self.schedules.get_mut(schedule_id) {
                    s.skipped.insert(*date);
                }
            }
            E::SchedulePaused {
                schedule_id,
                reason,
            } => {
                if let Some(s) = self.schedules.get_mut(schedule_id) {
                    s.status = ScheduleStatus::Paused;
                    s.paused_because = reason.clone();
                }
            }
            E::ScheduleResumed { schedule_id, from } => {
                if let Some(s) = self.schedules.get_mut(schedule_id) {
                    s.status = ScheduleStatus::Active;
                    s.paused_because = None;
                    s.cursor = s.cursor.max(*from);
                }
            }
            E::ScheduleStopped { schedule_id } => {
                if let Some(s) = self.schedules.get_mut(schedule_id) {
                    s.status = ScheduleStatus::Stopped;
                }
            }
            E::ExpenseRecorded {
                details,
                from_schedule: Some(schedule_id),
                ..
            } => {
                if let Some(s) = self.schedules.get_mut(schedule_id)
                    && let Some(next) = details.date.succ_opt()
                {
                    s.cursor = s.cursor.max(next);
                }
            }
            _ => {}
        }
    }
}

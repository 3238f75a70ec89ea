//! Recurring bills, one given / when / then scenario per rule, and a property test that
//! posters racing over random clocks record every due occurrence exactly once.

use super::tests::{Flat, account, date, description, expense, fold};
use super::*;
use crate::domain::ids::{ExpenseId, ScheduleId};
use crate::domain::money::Money;
use crate::domain::recurrence::Recurrence;
use crate::domain::time_zone::TimeZone;
use crate::event_sourcing::testing::noon;
use crate::event_sourcing::{Aggregate, DecisionContext};
use chrono::{DateTime, NaiveDate, Utc};
use proptest::prelude::*;
use std::collections::BTreeSet;

/// Rent: Sam pays 900.00 for Sam and Alex, monthly from `start`.
fn rent(f: &Flat, start: NaiveDate, until: Option<NaiveDate>) -> ScheduleDetails {
    ScheduleDetails {
        expense: ExpenseDetails {
            description: description("Rent"),
            date: start,
            ..expense(f.sam, &[f.sam, f.alex], 90_000)
        },
        recurrence: Recurrence::monthly(),
        until,
    }
}

fn two(f: &Flat) -> Vec<AccountEvent> {
    let mut events = f.opened();
    events.push(super::tests::added(f.alex, "Alex"));
    events
}

fn created(id: ScheduleId, details: &ScheduleDetails) -> AccountEvent {
    AccountEvent::ScheduleCreated {
        schedule_id: id,
        details: details.clone(),
    }
}

/// The occurrence dates an outcome records, in order, checking each is a proper occurrence.
fn posted(events: &[AccountEvent], schedule: ScheduleId) -> Vec<NaiveDate> {
    events
        .iter()
        .filter_map(|e| match e {
            AccountEvent::ExpenseRecorded {
                expense_id,
                details,
                from_schedule: Some(s),
                ..
            } if *s == schedule => {
                assert_eq!(*expense_id, ExpenseId::occurrence(schedule, details.date));
                Some(details.date)
            }
            _ => None,
        })
        .collect()
}

fn post_due_on(events: &[AccountEvent], today: NaiveDate) -> Vec<AccountEvent> {
    account(events.to_vec())
        .today(today)
        .when(AccountCommand::PostDue)
        .0
        .expect("posting never fails")
}

// ---------------------------------------------------------------------------------------
// Creating
// ---------------------------------------------------------------------------------------

#[test]
fn creating_a_schedule_records_it_and_its_first_occurrence_when_that_is_today() {
    let f = Flat::new();
    let id = ScheduleId::new();
    let details = rent(&f, date(2026, 11, 26), None);
    let events = account(two(&f))
        .when(AccountCommand::CreateSchedule {
            schedule_id: id,
            details: details.clone(),
        })
        .0
        .expect("accepted");
    assert_eq!(events[0], created(id, &details));
    assert_eq!(posted(&events, id), vec![date(2026, 11, 26)]);
    let AccountEvent::ExpenseRecorded {
        details: occurrence,
        shares,
        ..
    } = &events[1]
    else {
        panic!("expected the occurrence, got {events:?}");
    };
    assert_eq!(occurrence.amount, Money(90_000));
    assert_eq!(occurrence.description.as_str(), "Rent");
    assert_eq!(shares.iter().map(|s| s.amount.cents()).sum::<i64>(), 90_000);
}

#[test]
fn creating_a_schedule_starting_in_the_future_records_nothing_yet() {
    let f = Flat::new();
    let id = ScheduleId::new();
    let details = rent(&f, date(2026, 12, 1), None);
    account(two(&f))
        .when(AccountCommand::CreateSchedule {
            schedule_id: id,
            details: details.clone(),
        })
        .then(vec![created(id, &details)]);
}

#[test]
fn creating_a_schedule_that_started_months_ago_catches_up_in_date_order() {
    let f = Flat::new();
    let id = ScheduleId::new();
    let details = rent(&f, date(2026, 8, 31), None);
    let events = account(two(&f))
        .when(AccountCommand::CreateSchedule {
            schedule_id: id,
            details,
        })
        .0
        .expect("accepted");
    assert_eq!(
        posted(&events, id),
        vec![date(2026, 8, 31), date(2026, 9, 30), date(2026, 10, 31)]
    );
}

#[test]
fn creating_the_same_schedule_twice_changes_nothing() {
    let f = Flat::new();
    let id = ScheduleId::new();
    let details = rent(&f, date(2026, 12, 1), None);
    account(super::tests::with(two(&f), [created(id, &details)]))
        .when(AccountCommand::CreateSchedule {
            schedule_id: id,
            details,
        })
        .then_nothing();
}

#[test]
fn reusing_a_schedule_id_for_another_bill_is_refused() {
    let f = Flat::new();
    let id = ScheduleId::new();
    let details = rent(&f, date(2026, 12, 1), None);
    account(super::tests::with(two(&f), [created(id, &details)]))
        .when(AccountCommand::CreateSchedule {
            schedule_id: id,
            details: rent(&f, date(2026, 12, 2), None),
        })
        .then_error(AccountError::ScheduleIdTaken);
}

#[test]
fn a_schedule_ending_before_it_starts_is_refused() {
    let f = Flat::new();
    account(two(&f))
        .when(AccountCommand::CreateSchedule {
            schedule_id: ScheduleId::new(),
            details: rent(&f, date(2026, 12, 1), Some(date(2026, 11, 30))),
        })
        .then_error(AccountError::UntilBeforeStart);
}

#[test]
fn a_schedule_gets_every_check_an_expense_gets() {
    let f = Flat::new();
    let mut details = rent(&f, date(2026, 12, 1), None);
    details.expense.amount = Money(0);
    let outcome = account(two(&f)).when(AccountCommand::CreateSchedule {
        schedule_id: ScheduleId::new(),
        details,
    });
    assert!(matches!(outcome.0, Err(AccountError::Amount(_))));
    account(f.three_kim_inactive())
        .when(AccountCommand::CreateSchedule {
            schedule_id: ScheduleId::new(),
            details: ScheduleDetails {
                expense: ExpenseDetails {
                    date: date(2026, 12, 1),
                    ..f.dinner(3000)
                },
                recurrence: Recurrence::monthly(),
                until: None,
            },
        })
        .then_error(AccountError::ParticipantInactive("Kim".to_owned()));
}

// ---------------------------------------------------------------------------------------
// Posting
// ---------------------------------------------------------------------------------------

#[test]
fn posting_records_each_month_end_occurrence_on_the_last_day_of_shorter_months() {
    let f = Flat::new();
    let id = ScheduleId::new();
    let given = super::tests::with(two(&f), [created(id, &rent(&f, date(2027, 1, 31), None))]);
    let events = post_due_on(&given, date(2027, 5, 31));
    assert_eq!(
        posted(&events, id),
        vec![
            date(2027, 1, 31),
            date(2027, 2, 28),
            date(2027, 3, 31),
            date(2027, 4, 30),
            date(2027, 5, 31)
        ]
    );
}

#[test]
fn posting_on_the_29th_follows_leap_years() {
    let f = Flat::new();
    let id = ScheduleId::new();
    let given = super::tests::with(two(&f), [created(id, &rent(&f, date(2027, 12, 29), None))]);
    let events = post_due_on(&given, date(2028, 3, 1));
    assert_eq!(
        posted(&events, id),
        vec![date(2027, 12, 29), date(2028, 1, 29), date(2028, 2, 29)]
    );
}

#[test]
fn posting_again_the_same_day_records_nothing_twice() {
    let f = Flat::new();
    let id = ScheduleId::new();
    let mut history = super::tests::with(two(&f), [created(id, &rent(&f, date(2026, 9, 1), None))]);
    let first = post_due_on(&history, date(2026, 11, 26));
    assert_eq!(posted(&first, id).len(), 3);
    history.extend(first);
    assert!(post_due_on(&history, date(2026, 11, 26)).is_empty());
    assert_eq!(
        posted(&post_due_on(&history, date(2026, 12, 1)), id),
        vec![date(2026, 12, 1)]
    );
}

#[test]
fn nothing_is_posted_before_the_start_or_after_the_end() {
    let f = Flat::new();
    let id = ScheduleId::new();
    let given = super::tests::with(
        two(&f),
        [created(
            id,
            &rent(&f, date(2026, 9, 15), Some(date(2026, 11, 14))),
        )],
    );
    assert!(post_due_on(&given, date(2026, 9, 14)).is_empty());
    assert_eq!(
        posted(&post_due_on(&given, date(2027, 6, 1)), id),
        vec![date(2026, 9, 15), date(2026, 10, 15)]
    );
}

#[test]
fn an_end_date_on_an_occurrence_includes_it() {
    let f = Flat::new();
    let id = ScheduleId::new();
    let given = super::tests::with(
        two(&f),
        [created(
            id,
            &rent(&f, date(2026, 9, 15), Some(date(2026, 10, 15))),
        )],
    );
    assert_eq!(
        posted(&post_due_on(&given, date(2027, 6, 1)), id),
        vec![date(2026, 9, 15), date(2026, 10, 15)]
    );
    let state = fold(&given);
    assert_eq!(
        state.schedules[&id].next_occurrence(),
        Some(date(2026, 9, 15))
    );
}

#[test]
fn catch_up_interleaves_several_schedules_by_date() {
    let f = Flat::new();
    let (a, b) = (ScheduleId::new(), ScheduleId::new());
    let mut weekly = rent(&f, date(2026, 11, 2), None);
    weekly.recurrence = Recurrence::parse("week", "1").expect("valid");
    weekly.expense.description = description("Cleaner");
    let given = super::tests::with(
        two(&f),
        [
            created(a, &rent(&f, date(2026, 11, 10), None)),
            created(b, &weekly),
        ],
    );
    let events = post_due_on(&given, date(2026, 11, 26));
    let dates: Vec<NaiveDate> = events
        .iter()
        .filter_map(|e| match e {
            AccountEvent::ExpenseRecorded { details, .. } => Some(details.date),
            _ => None,
        })
        .collect();
    assert_eq!(
        dates,
        vec![
            date(2026, 11, 2),
            date(2026, 11, 9),
            date(2026, 11, 10),
            date(2026, 11, 16),
            date(2026, 11, 23)
        ]
    );
}

#[test]
fn a_long_catch_up_is_recorded_in_bounded_batches_that_continue_in_order() {
    let f = Flat::new();
    let id = ScheduleId::new();
    let mut daily_ish = rent(&f, date(2020, 1, 6), None);
    daily_ish.recurrence = Recurrence::parse("week", "1").expect("valid");
    let mut history = super::tests::with(two(&f), [created(id, &daily_ish)]);
    let mut all = Vec::new();
    loop {
        let batch = post_due_on(&history, date(2026, 11, 26));
        if batch.is_empty() {
            break;
        }
        assert!(batch.len() <= MAX_POSTED_PER_COMMAND);
        all.extend(posted(&batch, id));
        history.extend(batch);
    }
    let expected: Vec<NaiveDate> = (0..)
        .map_while(|n| {
            Recurrence::parse("week", "1")
                .ok()?
                .nth(date(2020, 1, 6), n)
        })
        .take_while(|d| *d <= date(2026, 11, 26))
        .collect();
    assert_eq!(all, expected);
}

#[test]
fn the_due_day_is_the_accounts_day_in_its_time_zone() {
    let f = Flat::new();
    let id = ScheduleId::new();
    let given = super::tests::with(
        two(&f),
        [
            AccountEvent::TimeZoneSet {
                time_zone: TimeZone::parse("Pacific/Auckland").expect("known"),
            },
            created(id, &rent(&f, date(2026, 12, 1), None)),
        ],
    );
    // 30 November 13:00 UTC is already 1 December (02:00) in Auckland, not yet in UTC.
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-11-30T13:00:00Z")
        .expect("valid")
        .with_timezone(&Utc);
    let events = account(given.clone())
        .now(now)
        .when(AccountCommand::PostDue)
        .0
        .expect("accepted");
    assert_eq!(posted(&events, id), vec![date(2026, 12, 1)]);
    let in_utc: Vec<AccountEvent> = given
        .into_iter()
        .filter(|e| !matches!(e, AccountEvent::TimeZoneSet { .. }))
        .collect();
    assert!(
        account(in_utc)
            .now(now)
            .when(AccountCommand::PostDue)
            .0
            .expect("ok")
            .is_empty()
    );
}

#[test]
fn an_occurrence_that_cannot_be_recorded_pauses_its_schedule_with_the_reason() {
    let f = Flat::new();
    let id = ScheduleId::new();
    let given = super::tests::with(
        two(&f),
        [
            created(id, &rent(&f, date(2026, 12, 1), None)),
            added(f.kim, "Kim"),
            AccountEvent::MemberDeactivated { member_id: f.alex },
        ],
    );
    let events = post_due_on(&given, date(2027, 1, 5));
    assert_eq!(events.len(), 1, "{events:?}");
    let AccountEvent::SchedulePaused {
        schedule_id,
        reason: Some(reason),
    } = &events[0]
    else {
        panic!("expected a pause, got {events:?}");
    };
    assert_eq!(*schedule_id, id);
    assert!(reason.contains("Alex is not an active member"), "{reason}");
}

fn added(member: crate::domain::ids::MemberId, name: &str) -> AccountEvent {
    super::tests::added(member, name)
}

// ---------------------------------------------------------------------------------------
// Changing, skipping, pausing, stopping
// ---------------------------------------------------------------------------------------

#[test]
fn a_change_applies_to_occurrences_not_yet_recorded_only() {
    let f = Flat::new();
    let id = ScheduleId::new();
    let mut history =
        super::tests::with(two(&f), [created(id, &rent(&f, date(2026, 10, 1), None))]);
    history.extend(post_due_on(&history, date(2026, 11, 26)));
    let mut dearer = rent(&f, date(2026, 10, 1), None);
    dearer.expense.amount = Money(95_000);
    account(history.clone())
        .when(AccountCommand::ChangeSchedule {
            schedule_id: id,
            details: dearer.clone(),
        })
        .then(vec![AccountEvent::ScheduleChanged {
            schedule_id: id,
            details: dearer.clone(),
        }]);
    history.push(AccountEvent::ScheduleChanged {
        schedule_id: id,
        details: dearer,
    });
    let state = fold(&history);
    let amounts = |d: NaiveDate| {
        state.expenses[&ExpenseId::occurrence(id, d)]
            .details
            .amount
            .cents()
    };
    assert_eq!(amounts(date(2026, 10, 1)), 90_000);
    assert_eq!(amounts(date(2026, 11, 1)), 90_000);
    let next = post_due_on(&history, date(2026, 12, 1));
    let [AccountEvent::ExpenseRecorded { details, .. }] = next.as_slice() else {
        panic!("expected December's rent, got {next:?}");
    };
    assert_eq!(details.amount, Money(95_000));
}

#[test]
fn moving_the_day_of_a_schedule_never_reaches_back_before_what_was_recorded() {
    let f = Flat::new();
    let id = ScheduleId::new();
    let mut history =
        super::tests::with(two(&f), [created(id, &rent(&f, date(2026, 10, 5), None))]);
    history.extend(post_due_on(&history, date(2026, 11, 26)));
    // Now due on the 1st, from October: October and November 1st are before the cursor.
    history.push(AccountEvent::ScheduleChanged {
        schedule_id: id,
        details: rent(&f, date(2026, 10, 1), None),
    });
    assert!(post_due_on(&history, date(2026, 11, 30)).is_empty());
    assert_eq!(
        posted(&post_due_on(&history, date(2026, 12, 1)), id),
        vec![date(2026, 12, 1)]
    );
}

#[test]
fn a_skipped_occurrence_is_not_recorded_and_the_next_one_is() {
    let f = Flat::new();
    let id = ScheduleId::new();
    let given = super::tests::with(two(&f), [created(id, &rent(&f, date(2026, 12, 1), None))]);
    account(given.clone())
        .when(AccountCommand::SkipOccurrence {
            schedule_id: id,
            date: date(2027, 1, 1),
        })
        .then(vec![AccountEvent::OccurrenceSkipped {
            schedule_id: id,
            date: date(2027, 1, 1),
        }]);
    let history = super::tests::with(
        given,
        [AccountEvent::OccurrenceSkipped {
            schedule_id: id,
            date: date(2027, 1, 1),
        }],
    );
    assert_eq!(
        posted(&post_due_on(&history, date(2027, 2, 1)), id),
        vec![date(2026, 12, 1), date(2027, 2, 1)]
    );
    assert_eq!(
        fold(&history).schedules[&id].next_occurrence(),
        Some(date(2026, 12, 1))
    );
}

#[test]
fn skipping_a_date_the_schedule_does_not_fall_on_is_refused() {
    let f = Flat::new();
    let id = ScheduleId::new();
    let given = super::tests::with(
        two(&f),
        [created(
            id,
            &rent(&f, date(2026, 12, 1), Some(date(2027, 3, 1))),
        )],
    );
    for wrong in [date(2027, 1, 2), date(2027, 4, 1)] {
        account(given.clone())
            .when(AccountCommand::SkipOccurrence {
                schedule_id: id,
                date: wrong,
            })
            .then_error(AccountError::NotAnOccurrence);
    }
}

#[test]
fn skipping_an_occurrence_already_recorded_is_refused() {
    let f = Flat::new();
    let id = ScheduleId::new();
    let mut history =
        super::tests::with(two(&f), [created(id, &rent(&f, date(2026, 11, 1), None))]);
    history.extend(post_due_on(&history, date(2026, 11, 26)));
    account(history)
        .when(AccountCommand::SkipOccurrence {
            schedule_id: id,
            date: date(2026, 11, 1),
        })
        .then_error(AccountError::OccurrencePassed);
}

#[test]
fn a_paused_schedule_records_nothing_and_resuming_passes_over_what_fell_meanwhile() {
    let f = Flat::new();
    let id = ScheduleId::new();
    let mut history =
        super::tests::with(two(&f), [created(id, &rent(&f, date(2026, 11, 1), None))]);
    history.extend(post_due_on(&history, date(2026, 11, 26)));
    account(history.clone())
        .when(AccountCommand::PauseSchedule { schedule_id: id })
        .then(vec![AccountEvent::SchedulePaused {
            schedule_id: id,
            reason: None,
        }]);
    history.push(AccountEvent::SchedulePaused {
        schedule_id: id,
        reason: None,
    });
    assert!(post_due_on(&history, date(2027, 2, 15)).is_empty());
    // Resumed on 15 February: December to February were passed over; March is next.
    account(history.clone())
        .today(date(2027, 2, 15))
        .when(AccountCommand::ResumeSchedule { schedule_id: id })
        .then(vec![AccountEvent::ScheduleResumed {
            schedule_id: id,
            from: date(2027, 2, 15),
        }]);
    history.push(AccountEvent::ScheduleResumed {
        schedule_id: id,
        from: date(2027, 2, 15),
    });
    assert!(post_due_on(&history, date(2027, 2, 28)).is_empty());
    assert_eq!(
        posted(&post_due_on(&history, date(2027, 3, 1)), id),
        vec![date(2027, 3, 1)]
    );
}

#[test]
fn resuming_on_an_occurrence_day_records_that_days_occurrence() {
    let f = Flat::new();
    let id = ScheduleId::new();
    let history = super::tests::with(
        two(&f),
        [
            created(id, &rent(&f, date(2026, 12, 1), None)),
            AccountEvent::SchedulePaused {
                schedule_id: id,
                reason: None,
            },
        ],
    );
    let events = account(history)
        .today(date(2027, 1, 1))
        .when(AccountCommand::ResumeSchedule { schedule_id: id })
        .0
        .expect("accepted");
    assert_eq!(posted(&events, id), vec![date(2027, 1, 1)]);
}

#[test]
fn pausing_a_paused_or_resuming_an_active_schedule_changes_nothing() {
    let f = Flat::new();
    let id = ScheduleId::new();
    let given = super::tests::with(two(&f), [created(id, &rent(&f, date(2026, 12, 1), None))]);
    account(given.clone())
        .when(AccountCommand::ResumeSchedule { schedule_id: id })
        .then_nothing();
    account(super::tests::with(
        given,
        [AccountEvent::SchedulePaused {
            schedule_id: id,
            reason: None,
        }],
    ))
    .when(AccountCommand::PauseSchedule { schedule_id: id })
    .then_nothing();
}

#[test]
fn a_stopped_schedule_records_nothing_and_refuses_changes() {
    let f = Flat::new();
    let id = ScheduleId::new();
    let details = rent(&f, date(2026, 12, 1), None);
    let history = super::tests::with(
        two(&f),
        [
            created(id, &details),
            AccountEvent::ScheduleStopped { schedule_id: id },
        ],
    );
    assert!(post_due_on(&history, date(2027, 6, 1)).is_empty());
    assert_eq!(fold(&history).schedules[&id].next_occurrence(), None);
    for command in [
        AccountCommand::PauseSchedule { schedule_id: id },
        AccountCommand::ResumeSchedule { schedule_id: id },
        AccountCommand::ChangeSchedule {
            schedule_id: id,
            details: rent(&f, date(2026, 12, 2), None),
        },
        AccountCommand::SkipOccurrence {
            schedule_id: id,
            date: date(2027, 1, 1),
        },
    ] {
        account(history.clone())
            .when(command)
            .then_error(AccountError::ScheduleStopped);
    }
    account(history)
        .when(AccountCommand::StopSchedule { schedule_id: id })
        .then_nothing();
}

#[test]
fn commands_about_an_unknown_schedule_are_refused() {
    let f = Flat::new();
    account(two(&f))
        .when(AccountCommand::PauseSchedule {
            schedule_id: ScheduleId::new(),
        })
        .then_error(AccountError::UnknownSchedule);
}

#[test]
fn an_occurrence_can_be_corrected_and_deleted_like_any_expense_without_touching_the_schedule() {
    let f = Flat::new();
    let id = ScheduleId::new();
    let details = rent(&f, date(2026, 11, 1), None);
    let mut history = super::tests::with(two(&f), [created(id, &details)]);
    history.extend(post_due_on(&history, date(2026, 11, 26)));
    let occurrence = ExpenseId::occurrence(id, date(2026, 11, 1));
    let mut corrected = details.expense.clone();
    corrected.date = date(2026, 11, 1);
    corrected.amount = Money(80_000);
    let events = account(history.clone())
        .when(AccountCommand::CorrectExpense {
            expense_id: occurrence,
            details: corrected,
            expected_revision: Some(1),
        })
        .0
        .expect("accepted");
    history.extend(events);
    history.extend(
        account(history.clone())
            .when(AccountCommand::DeleteExpense {
                expense_id: occurrence,
            })
            .0
            .expect("accepted"),
    );
    let state = fold(&history);
    assert_eq!(state.schedules[&id].details, details);
    assert_eq!(
        state.schedules[&id].next_occurrence(),
        Some(date(2026, 12, 1))
    );
    // A deleted occurrence stays done: it is not posted again.
    assert!(post_due_on(&history, date(2026, 11, 30)).is_empty());
}

// ---------------------------------------------------------------------------------------
// Racing posters
// ---------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Posters run at random instants (not in order: clocks of several instances differ);
    /// each decides on the state it read, and only one of the posters that read the same
    /// version may commit (the store's unique version key), the others retry on fresh
    /// state. Every due occurrence is then recorded exactly once, in order per schedule.
    #[test]
    fn racing_posters_over_random_clocks_record_each_due_occurrence_exactly_once(
        starts in proptest::collection::vec((0u32..120, 0usize..3, 1u16..3), 1..4),
        clocks in proptest::collection::vec(0u32..200, 1..24),
        racers in 1usize..5,
    ) {
        let f = Flat::new();
        let base = date(2026, 1, 1);
        let mut history = two(&f);
        let mut schedules = Vec::new();
        for (offset, unit, every) in &starts {
            let id = ScheduleId::new();
            let unit = ["week", "month", "year"][*unit];
            let mut details = rent(&f, base + chrono::Days::new(u64::from(*offset)), None);
            details.recurrence = Recurrence::parse(unit, &every.to_string()).expect("valid");
            history.push(created(id, &details));
            schedules.push((id, details));
        }
        let latest = clocks.iter().copied().max().unwrap_or(0);
        for chunk in clocks.chunks(racers) {
            // Every racer of the chunk reads the same state; the first to commit wins.
            let state = fold(&history);
            let mut committed = false;
            for day in chunk {
                let context = DecisionContext::at(noon(base + chrono::Days::new(u64::from(*day))));
                let events = state.handle(&AccountCommand::PostDue, &context).expect("never fails");
                if events.is_empty() {
                    continue;
                }
                if !committed {
                    history.extend(events);
                    committed = true;
                } else {
                    // Lost the race: retry on fresh state, as the repository does.
                    let fresh = fold(&history);
                    history.extend(fresh.handle(&AccountCommand::PostDue, &context).expect("ok"));
                }
            }
        }
        // Catch up to the latest clock, then compare with every occurrence due by then.
        let last = noon(base + chrono::Days::new(u64::from(latest)));
        loop {
            let more = fold(&history).handle(&AccountCommand::PostDue, &DecisionContext::at(last)).expect("ok");
            if more.is_empty() { break; }
            history.extend(more);
        }
        let today = base + chrono::Days::new(u64::from(latest));
        for (id, details) in &schedules {
            let got = posted(&history, *id);
            let unique: BTreeSet<_> = got.iter().collect();
            prop_assert_eq!(unique.len(), got.len(), "an occurrence recorded twice");
            let mut sorted = got.clone();
            sorted.sort();
            prop_assert_eq!(&sorted, &got, "occurrences out of order");
            let expected: Vec<NaiveDate> = (0..)
                .map_while(|n| details.recurrence.nth(details.expense.date, n))
                .take_while(|d| *d <= today)
                .collect();
            prop_assert_eq!(got, expected);
        }
    }
}

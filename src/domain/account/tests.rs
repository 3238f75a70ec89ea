//! The shared account's rules, one given / when / then scenario per rule, the event codec,
//! and a property test over random histories.

use super::*;
use crate::domain::balances::Balance;
use crate::domain::ids::{CategoryId, ExpenseId, MemberId, ScheduleId, TransferId, UserId};
use crate::domain::money::{AmountError, Currency, Money};
use crate::domain::names::{AccountName, CategoryName, Description, MemberName};
use crate::domain::recurrence::Recurrence;
use crate::domain::split::{Portion, largest_remainder};
use crate::domain::split::{Share, Split, SplitError};
use crate::domain::time_zone::TimeZone;
use crate::event_sourcing::testing::{Scenario, given};
use crate::event_sourcing::{Aggregate, DecisionContext, DecodeError, DomainEvent};
use chrono::NaiveDate;
use proptest::prelude::*;
use std::collections::{BTreeMap, HashSet};

// ---------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------

pub(super) fn eur() -> Currency {
    Currency::from_code("EUR").expect("EUR is known")
}

pub(super) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// The last date an expense may have when today is the scenarios' 2026-11-26.
pub(super) fn latest_allowed() -> NaiveDate {
    date(2027, 11, 26)
}

pub(super) fn member_name(s: &str) -> MemberName {
    MemberName::parse(s).expect("valid member name")
}

pub(super) fn account_name(s: &str) -> AccountName {
    AccountName::parse(s).expect("valid account name")
}

pub(super) fn description(s: &str) -> Description {
    Description::parse(s).expect("valid description")
}

pub(super) fn account(events: Vec<AccountEvent>) -> Scenario<SharedAccount> {
    given::<SharedAccount>(events)
}

/// A flat of three: Sam opened the account, Alex and Kim were added (not linked).
pub(super) struct Flat {
    pub(super) sam: MemberId,
    pub(super) alex: MemberId,
    pub(super) kim: MemberId,
    pub(super) sam_user: UserId,
}

impl Flat {
    pub(super) fn new() -> Self {
        Flat {
            sam: MemberId::new(),
            alex: MemberId::new(),
            kim: MemberId::new(),
            sam_user: UserId::new(),
        }
    }

    /// Only the opening: Sam alone.
    pub(super) fn opened(&self) -> Vec<AccountEvent> {
        vec![
            AccountEvent::AccountOpened {
                name: account_name("Flat 3B"),
                currency: eur(),
            },
            AccountEvent::MemberAdded {
                member_id: self.sam,
                name: member_name("Sam"),
                user_id: Some(self.sam_user),
            },
        ]
    }

    /// Sam, Alex and Kim, all active.
    pub(super) fn three(&self) -> Vec<AccountEvent> {
        let mut events = self.opened();
        events.push(added(self.alex, "Alex"));
        events.push(added(self.kim, "Kim"));
        events
    }

    /// Sam, Alex and Kim, with Kim moved out.
    pub(super) fn three_kim_inactive(&self) -> Vec<AccountEvent> {
        let mut events = self.three();
        events.push(AccountEvent::MemberDeactivated {
            member_id: self.kim,
        });
        events
    }

    /// Sam pays `cents` for all three, split equally.
    pub(super) fn dinner(&self, cents: i64) -> ExpenseDetails {
        expense(self.sam, &[self.sam, self.alex, self.kim], cents)
    }

    pub(super) fn transfer(&self, from: MemberId, to: MemberId, cents: i64) -> TransferDetails {
        TransferDetails {
            from,
            to,
            amount: Money(cents),
            date: date(2026, 11, 20),
        }
    }
}

pub(super) fn added(member_id: MemberId, name: &str) -> AccountEvent {
    AccountEvent::MemberAdded {
        member_id,
        name: member_name(name),
        user_id: None,
    }
}

pub(super) fn expense(payer: MemberId, participants: &[MemberId], cents: i64) -> ExpenseDetails {
    ExpenseDetails {
        payer,
        amount: Money(cents),
        description: description("Dinner"),
        date: date(2026, 11, 20),
        split: Split::Equally {
            participants: participants.to_vec(),
        },
        category: None,
        foreign: None,
    }
}

pub(super) fn shares(parts: &[(MemberId, i64)]) -> Vec<Share> {
    parts
        .iter()
        .map(|(member_id, c)| Share {
            member_id: *member_id,
            amount: Money(*c),
        })
        .collect()
}

/// A past `ExpenseRecorded`; the cents do not depend on the tie-break for even amounts.
pub(super) fn recorded(expense_id: ExpenseId, details: &ExpenseDetails) -> AccountEvent {
    AccountEvent::ExpenseRecorded {
        expense_id,
        details: details.clone(),
        shares: details
            .split
            .allocate(details.amount, 0)
            .expect("valid split"),
        from_schedule: None,
    }
}

pub(super) fn corrected(expense_id: ExpenseId, details: &ExpenseDetails) -> AccountEvent {
    AccountEvent::ExpenseCorrected {
        expense_id,
        details: details.clone(),
        shares: details
            .split
            .allocate(details.amount, 0)
            .expect("valid split"),
    }
}

pub(super) fn with(
    mut events: Vec<AccountEvent>,
    more: impl IntoIterator<Item = AccountEvent>,
) -> Vec<AccountEvent> {
    events.extend(more);
    events
}

pub(super) fn fold(events: &[AccountEvent]) -> SharedAccount {
    let mut state = SharedAccount::default();
    for e in events {
        state.apply(e);
    }
    state
}

pub(super) fn net(state: &SharedAccount, id: MemberId) -> i64 {
    state
        .member(id)
        .expect("known member")
        .balance
        .net()
        .cents()
}

pub(super) fn nets_sum(state: &SharedAccount) -> i64 {
    state.nets().iter().map(|(_, n)| n.cents()).sum()
}

// ---------------------------------------------------------------------------------------
// Opening
// ---------------------------------------------------------------------------------------

#[test]
fn opening_an_account_adds_the_opener_as_its_first_member_linked_to_them() {
    let f = Flat::new();
    account(vec![])
        .when(AccountCommand::Open {
            name: account_name("Flat 3B"),
            currency: eur(),
            member_id: f.sam,
            member_name: member_name("Sam"),
            user_id: f.sam_user,
        })
        .then(f.opened());
}

#[test]
fn the_opener_is_an_active_member_linked_to_their_user_after_opening() {
    let f = Flat::new();
    let state = fold(&f.opened());
    assert_eq!(state.opened, Some((account_name("Flat 3B"), eur())));
    assert_eq!(state.members.len(), 1);
    let sam = &state.members[0];
    assert_eq!(
        (sam.id, sam.user_id, sam.active),
        (f.sam, Some(f.sam_user), true)
    );
    assert_eq!(state.member_for_user(f.sam_user).map(|m| m.id), Some(f.sam));
}

#[test]
fn opening_an_account_twice_is_refused() {
    let f = Flat::new();
    account(f.opened())
        .when(AccountCommand::Open {
            name: account_name("Other"),
            currency: eur(),
            member_id: MemberId::new(),
            member_name: member_name("Robin"),
            user_id: UserId::new(),
        })
        .then_error(AccountError::AlreadyOpened);
}

#[test]
fn every_command_before_the_account_is_opened_is_refused() {
    let f = Flat::new();
    let commands = vec![
        AccountCommand::Rename {
            name: account_name("Flat"),
        },
        AccountCommand::AddMember {
            member_id: f.alex,
            name: member_name("Alex"),
            user_id: None,
        },
        AccountCommand::LinkMember {
            member_id: f.sam,
            user_id: f.sam_user,
        },
        AccountCommand::DeactivateMember { member_id: f.sam },
        AccountCommand::ReactivateMember { member_id: f.sam },
        AccountCommand::RecordExpense {
            expense_id: ExpenseId::new(),
            details: f.dinner(3000),
        },
        AccountCommand::CorrectExpense {
            expense_id: ExpenseId::new(),
            details: f.dinner(3000),
            expected_revision: None,
        },
        AccountCommand::DeleteExpense {
            expense_id: ExpenseId::new(),
        },
        AccountCommand::RestoreExpense {
            expense_id: ExpenseId::new(),
        },
        AccountCommand::RecordTransfer {
            transfer_id: TransferId::new(),
            details: f.transfer(f.alex, f.sam, 100),
        },
    ];
    for command in commands {
        account(vec![])
            .when(command)
            .then_error(AccountError::NotOpened);
    }
}

// ---------------------------------------------------------------------------------------
// Renaming
// ---------------------------------------------------------------------------------------

#[test]
fn renaming_the_account_records_the_new_name() {
    let f = Flat::new();
    account(f.opened())
        .when(AccountCommand::Rename {
            name: account_name("Flat 4C"),
        })
        .then(vec![AccountEvent::AccountRenamed {
            name: account_name("Flat 4C"),
        }]);
}

#[test]
fn renaming_the_account_to_its_current_name_changes_nothing() {
    let f = Flat::new();
    account(f.opened())
        .when(AccountCommand::Rename {
            name: account_name("Flat 3B"),
        })
        .then_nothing();
}

#[test]
fn a_renamed_account_keeps_its_currency() {
    let f = Flat::new();
    let state = fold(&with(
        f.opened(),
        [AccountEvent::AccountRenamed {
            name: account_name("Flat 4C"),
        }],
    ));
    assert_eq!(state.opened, Some((account_name("Flat 4C"), eur())));
}

// ---------------------------------------------------------------------------------------
// Members
// ---------------------------------------------------------------------------------------

#[test]
fn adding_a_member_records_them_without_a_user() {
    let f = Flat::new();
    account(f.opened())
        .when(AccountCommand::AddMember {
            member_id: f.alex,
            name: member_name("Alex"),
            user_id: None,
        })
        .then(vec![added(f.alex, "Alex")]);
}

#[test]
fn an_added_member_is_active_and_unlinked() {
    let f = Flat::new();
    let state = fold(&f.three());
    let alex = state.member(f.alex).expect("added");
    assert!(alex.active);
    assert_eq!(alex.user_id, None);
    assert_eq!(alex.balance, Balance::default());
}

#[test]
fn adding_a_member_whose_name_differs_only_in_case_is_refused() {
    let f = Flat::new();
    let sam_lower = MemberId::new();
    account(with(f.opened(), [added(sam_lower, "sam")]))
        .when(AccountCommand::AddMember {
            member_id: MemberId::new(),
            name: member_name("SAM"),
            user_id: None,
        })
        .then_error(AccountError::NameTaken("SAM".into()));
}

#[test]
fn adding_a_member_with_the_name_of_an_inactive_member_is_refused() {
    let f = Flat::new();
    account(f.three_kim_inactive())
        .when(AccountCommand::AddMember {
            member_id: MemberId::new(),
            name: member_name("kim"),
            user_id: None,
        })
        .then_error(AccountError::NameTaken("kim".into()));
}

#[test]
fn adding_the_same_member_twice_with_the_same_id_changes_nothing() {
    let f = Flat::new();
    account(f.three())
        .when(AccountCommand::AddMember {
            member_id: f.alex,
            name: member_name("Alex"),
            user_id: None,
        })
        .then_nothing();
}

#[test]
fn reusing_a_member_id_for_another_name_is_refused() {
    let f = Flat::new();
    account(f.three())
        .when(AccountCommand::AddMember {
            member_id: f.alex,
            name: member_name("Robin"),
            user_id: None,
        })
        .then_error(AccountError::MemberIdTaken);
}

#[test]
fn linking_a_member_records_the_user() {
    let f = Flat::new();
    let user = UserId::new();
    account(f.three())
        .when(AccountCommand::LinkMember {
            member_id: f.alex,
            user_id: user,
        })
        .then(vec![AccountEvent::MemberLinked {
            member_id: f.alex,
            user_id: user,
        }]);
}

#[test]
fn a_linked_member_is_found_by_their_user() {
    let f = Flat::new();
    let user = UserId::new();
    let state = fold(&with(
        f.three(),
        [AccountEvent::MemberLinked {
            member_id: f.alex,
            user_id: user,
        }],
    ));
    assert_eq!(state.member_for_user(user).map(|m| m.id), Some(f.alex));
}

#[test]
fn linking_the_same_user_to_the_same_member_again_changes_nothing() {
    let f = Flat::new();
    account(f.three())
        .when(AccountCommand::LinkMember {
            member_id: f.sam,
            user_id: f.sam_user,
        })
        .then_nothing();
}

#[test]
fn linking_a_user_who_is_already_another_member_is_refused() {
    let f = Flat::new();
    account(f.three())
        .when(AccountCommand::LinkMember {
            member_id: f.alex,
            user_id: f.sam_user,
        })
        .then_error(AccountError::UserAlreadyMember);
}

#[test]
fn linking_a_member_already_linked_to_another_user_is_refused() {
    let f = Flat::new();
    account(f.three())
        .when(AccountCommand::LinkMember {
            member_id: f.sam,
            user_id: UserId::new(),
        })
        .then_error(AccountError::MemberAlreadyLinked);
}

#[test]
fn linking_an_unknown_member_is_refused() {
    let f = Flat::new();
    account(f.three())
        .when(AccountCommand::LinkMember {
            member_id: MemberId::new(),
            user_id: UserId::new(),
        })
        .then_error(AccountError::UnknownMember);
}

#[test]
fn linking_an_inactive_member_reactivates_them() {
    let f = Flat::new();
    let user = UserId::new();
    account(f.three_kim_inactive())
        .when(AccountCommand::LinkMember {
            member_id: f.kim,
            user_id: user,
        })
        .then(vec![
            AccountEvent::MemberLinked {
                member_id: f.kim,
                user_id: user,
            },
            AccountEvent::MemberReactivated { member_id: f.kim },
        ]);
}

#[test]
fn relinking_a_user_to_their_own_inactive_member_reactivates_them() {
    let f = Flat::new();
    let user = UserId::new();
    account(with(
        f.three(),
        [
            AccountEvent::MemberLinked {
                member_id: f.kim,
                user_id: user,
            },
            AccountEvent::MemberDeactivated { member_id: f.kim },
        ],
    ))
    .when(AccountCommand::LinkMember {
        member_id: f.kim,
        user_id: user,
    })
    .then(vec![AccountEvent::MemberReactivated { member_id: f.kim }]);
}

#[test]
fn deactivating_a_member_records_it() {
    let f = Flat::new();
    account(f.three())
        .when(AccountCommand::DeactivateMember { member_id: f.kim })
        .then(vec![AccountEvent::MemberDeactivated { member_id: f.kim }]);
}

#[test]
fn a_deactivated_member_keeps_their_history_and_balance() {
    let f = Flat::new();
    let id = ExpenseId::new();
    let state = fold(&with(
        f.three(),
        [
            recorded(id, &f.dinner(3000)),
            AccountEvent::MemberDeactivated { member_id: f.kim },
        ],
    ));
    let kim = state.member(f.kim).expect("still known");
    assert!(!kim.active);
    assert_eq!(kim.balance.net(), Money(-1000));
    assert_eq!(state.members.len(), 3);
}

#[test]
fn deactivating_an_inactive_member_changes_nothing() {
    let f = Flat::new();
    account(f.three_kim_inactive())
        .when(AccountCommand::DeactivateMember { member_id: f.kim })
        .then_nothing();
}

#[test]
fn deactivating_the_only_member_is_refused() {
    let f = Flat::new();
    account(f.opened())
        .when(AccountCommand::DeactivateMember { member_id: f.sam })
        .then_error(AccountError::LastActiveMember);
}

#[test]
fn deactivating_the_last_active_member_is_refused_even_with_inactive_ones() {
    let f = Flat::new();
    account(with(
        f.three_kim_inactive(),
        [AccountEvent::MemberDeactivated { member_id: f.alex }],
    ))
    .when(AccountCommand::DeactivateMember { member_id: f.sam })
    .then_error(AccountError::LastActiveMember);
}

#[test]
fn deactivating_an_unknown_member_is_refused() {
    let f = Flat::new();
    account(f.three())
        .when(AccountCommand::DeactivateMember {
            member_id: MemberId::new(),
        })
        .then_error(AccountError::UnknownMember);
}

#[test]
fn reactivating_an_inactive_member_records_it() {
    let f = Flat::new();
    account(f.three_kim_inactive())
        .when(AccountCommand::ReactivateMember { member_id: f.kim })
        .then(vec![AccountEvent::MemberReactivated { member_id: f.kim }]);
}

#[test]
fn a_reactivated_member_is_active_again() {
    let f = Flat::new();
    let state = fold(&with(
        f.three_kim_inactive(),
        [AccountEvent::MemberReactivated { member_id: f.kim }],
    ));
    assert!(state.member(f.kim).expect("known").active);
}

#[test]
fn reactivating_an_active_member_changes_nothing() {
    let f = Flat::new();
    account(f.three())
        .when(AccountCommand::ReactivateMember { member_id: f.kim })
        .then_nothing();
}

#[test]
fn reactivating_an_unknown_member_is_refused() {
    let f = Flat::new();
    account(f.three())
        .when(AccountCommand::ReactivateMember {
            member_id: MemberId::new(),
        })
        .then_error(AccountError::UnknownMember);
}

// ---------------------------------------------------------------------------------------
// Recording expenses
// ---------------------------------------------------------------------------------------

fn record(expense_id: ExpenseId, details: ExpenseDetails) -> AccountCommand {
    AccountCommand::RecordExpense {
        expense_id,
        details,
    }
}

#[test]
fn recording_an_expense_stores_each_participants_cents() {
    let f = Flat::new();
    let id = ExpenseId::new();
    account(f.three())
        .when(record(id, f.dinner(3000)))
        .then(vec![AccountEvent::ExpenseRecorded {
            expense_id: id,
            details: f.dinner(3000),
            shares: shares(&[(f.sam, 1000), (f.alex, 1000), (f.kim, 1000)]),
            from_schedule: None,
        }]);
}

#[test]
fn recording_an_expense_that_does_not_divide_evenly_gives_the_odd_cent_to_one_participant() {
    let f = Flat::new();
    let outcome = account(f.three()).when(record(ExpenseId::new(), f.dinner(1000)));
    let events = outcome.0.expect("accepted");
    let [AccountEvent::ExpenseRecorded { shares, .. }] = events.as_slice() else {
        panic!("expected one ExpenseRecorded, got {events:?}");
    };
    let members: Vec<_> = shares.iter().map(|s| s.member_id).collect();
    assert_eq!(
        members,
        vec![f.sam, f.alex, f.kim],
        "one share per participant, in order"
    );
    let mut cents: Vec<_> = shares.iter().map(|s| s.amount.cents()).collect();
    cents.sort_unstable();
    assert_eq!(cents, vec![333, 333, 334]);
}

#[test]
fn recording_an_expense_split_by_shares_stores_the_weighted_cents() {
    let f = Flat::new();
    let id = ExpenseId::new();
    let details = ExpenseDetails {
        split: Split::ByShares {
            shares: vec![
                Portion {
                    member_id: f.sam,
                    value: 1,
                },
                Portion {
                    member_id: f.alex,
                    value: 2,
                },
            ],
        },
        ..f.dinner(100)
    };
    account(f.three())
        .when(record(id, details.clone()))
        .then(vec![AccountEvent::ExpenseRecorded {
            expense_id: id,
            details,
            shares: shares(&[(f.sam, 33), (f.alex, 67)]),
            from_schedule: None,
        }]);
}

#[test]
fn recording_an_expense_of_zero_is_refused() {
    let f = Flat::new();
    account(f.three())
        .when(record(ExpenseId::new(), f.dinner(0)))
        .then_error(AccountError::Amount(AmountError::NotPositive));
}

#[test]
fn recording_a_negative_expense_is_refused() {
    let f = Flat::new();
    account(f.three())
        .when(record(ExpenseId::new(), f.dinner(-300)))
        .then_error(AccountError::Amount(AmountError::NotPositive));
}

#[test]
fn recording_an_expense_of_one_cent_is_accepted() {
    let f = Flat::new();
    let id = ExpenseId::new();
    let details = expense(f.sam, &[f.alex], 1);
    account(f.three())
        .when(record(id, details.clone()))
        .then(vec![AccountEvent::ExpenseRecorded {
            expense_id: id,
            details,
            shares: shares(&[(f.alex, 1)]),
            from_schedule: None,
        }]);
}

#[test]
fn recording_an_expense_of_exactly_one_million_is_accepted() {
    let f = Flat::new();
    let id = ExpenseId::new();
    let details = expense(f.sam, &[f.sam, f.alex], 100_000_000);
    account(f.three())
        .when(record(id, details.clone()))
        .then(vec![AccountEvent::ExpenseRecorded {
            expense_id: id,
            details,
            shares: shares(&[(f.sam, 50_000_000), (f.alex, 50_000_000)]),
            from_schedule: None,
        }]);
}

#[test]
fn recording_an_expense_over_one_million_is_refused() {
    let f = Flat::new();
    account(f.three())
        .when(record(ExpenseId::new(), f.dinner(100_000_001)))
        .then_error(AccountError::Amount(AmountError::TooLarge));
}

#[test]
fn recording_an_expense_dated_the_first_of_january_2000_is_accepted() {
    let f = Flat::new();
    let details = ExpenseDetails {
        date: date(2000, 1, 1),
        ..f.dinner(3000)
    };
    let id = ExpenseId::new();
    account(f.three())
        .when(record(id, details.clone()))
        .then(vec![recorded(id, &details)]);
}

#[test]
fn recording_an_expense_dated_before_2000_is_refused() {
    let f = Flat::new();
    let details = ExpenseDetails {
        date: date(1999, 12, 31),
        ..f.dinner(3000)
    };
    account(f.three())
        .when(record(ExpenseId::new(), details))
        .then_error(AccountError::DateOutOfRange(latest_allowed()));
}

#[test]
fn recording_an_expense_dated_twelve_months_ahead_is_accepted() {
    let f = Flat::new();
    let details = ExpenseDetails {
        date: latest_allowed(),
        ..f.dinner(3000)
    };
    let id = ExpenseId::new();
    account(f.three())
        .when(record(id, details.clone()))
        .then(vec![recorded(id, &details)]);
}

#[test]
fn recording_an_expense_dated_more_than_twelve_months_ahead_is_refused() {
    let f = Flat::new();
    let details = ExpenseDetails {
        date: date(2027, 11, 27),
        ..f.dinner(3000)
    };
    account(f.three())
        .when(record(ExpenseId::new(), details))
        .then_error(AccountError::DateOutOfRange(latest_allowed()));
}

#[test]
fn the_latest_expense_date_follows_today() {
    let f = Flat::new();
    let details = |d| ExpenseDetails {
        date: d,
        ..f.dinner(3000)
    };
    let scenario = account(f.three()).today(date(2025, 1, 31));
    let id = ExpenseId::new();
    scenario
        .when(record(id, details(date(2026, 1, 31))))
        .then(vec![recorded(id, &details(date(2026, 1, 31)))]);
    scenario
        .when(record(ExpenseId::new(), details(date(2026, 2, 1))))
        .then_error(AccountError::DateOutOfRange(date(2026, 1, 31)));
}

#[test]
fn recording_an_expense_with_an_inactive_payer_is_refused() {
    let f = Flat::new();
    account(f.three_kim_inactive())
        .when(record(
            ExpenseId::new(),
            expense(f.kim, &[f.sam, f.alex], 3000),
        ))
        .then_error(AccountError::PayerInactive);
}

#[test]
fn recording_an_expense_with_an_unknown_payer_is_refused() {
    let f = Flat::new();
    account(f.three())
        .when(record(
            ExpenseId::new(),
            expense(MemberId::new(), &[f.sam, f.alex], 3000),
        ))
        .then_error(AccountError::UnknownMember);
}

#[test]
fn recording_an_expense_with_an_inactive_participant_is_refused() {
    let f = Flat::new();
    account(f.three_kim_inactive())
        .when(record(ExpenseId::new(), f.dinner(3000)))
        .then_error(AccountError::ParticipantInactive("Kim".into()));
}

#[test]
fn recording_an_expense_with_an_unknown_participant_is_refused() {
    let f = Flat::new();
    account(f.three())
        .when(record(
            ExpenseId::new(),
            expense(f.sam, &[f.sam, MemberId::new()], 3000),
        ))
        .then_error(AccountError::UnknownMember);
}

#[test]
fn recording_an_expense_without_participants_is_refused() {
    let f = Flat::new();
    account(f.three())
        .when(record(ExpenseId::new(), expense(f.sam, &[], 3000)))
        .then_error(AccountError::Split(SplitError::NoParticipants));
}

#[test]
fn recording_an_expense_whose_percentages_do_not_add_up_is_refused() {
    let f = Flat::new();
    let details = ExpenseDetails {
        split: Split::ByPercentages {
            percentages: vec![
                Portion {
                    member_id: f.sam,
                    value: 5000,
                },
                Portion {
                    member_id: f.alex,
                    value: 4000,
                },
            ],
        },
        ..f.dinner(3000)
    };
    account(f.three())
        .when(record(ExpenseId::new(), details))
        .then_error(AccountError::Split(SplitError::PercentagesMismatch {
            got: 9000,
        }));
}

#[test]
fn recording_the_same_expense_twice_changes_nothing() {
    let f = Flat::new();
    let id = ExpenseId::new();
    account(with(f.three(), [recorded(id, &f.dinner(3000))]))
        .when(record(id, f.dinner(3000)))
        .then_nothing();
}

#[test]
fn recording_another_expense_under_a_used_id_is_refused() {
    let f = Flat::new();
    let id = ExpenseId::new();
    account(with(f.three(), [recorded(id, &f.dinner(3000))]))
        .when(record(id, f.dinner(3300)))
        .then_error(AccountError::ExpenseIdTaken);
}

#[test]
fn resubmitting_an_expense_after_it_was_corrected_changes_nothing() {
    let f = Flat::new();
    let id = ExpenseId::new();
    account(with(
        f.three(),
        [
            recorded(id, &f.dinner(3000)),
            corrected(id, &f.dinner(3300)),
        ],
    ))
    .when(record(id, f.dinner(3000)))
    .then_nothing();
}

// ---------------------------------------------------------------------------------------
// Correcting expenses
// ---------------------------------------------------------------------------------------

fn correct(
    expense_id: ExpenseId,
    details: ExpenseDetails,
    expected_revision: Option<u32>,
) -> AccountCommand {
    AccountCommand::CorrectExpense {
        expense_id,
        details,
        expected_revision,
    }
}

#[test]
fn correcting_an_expense_records_its_whole_new_content_and_cents() {
    let f = Flat::new();
    let id = ExpenseId::new();
    let new = expense(f.alex, &[f.sam, f.alex], 5000);
    account(with(f.three(), [recorded(id, &f.dinner(3000))]))
        .when(correct(id, new.clone(), Some(1)))
        .then(vec![AccountEvent::ExpenseCorrected {
            expense_id: id,
            details: new,
            shares: shares(&[(f.sam, 2500), (f.alex, 2500)]),
        }]);
}

#[test]
fn correcting_without_an_expected_revision_is_accepted() {
    let f = Flat::new();
    let id = ExpenseId::new();
    account(with(
        f.three(),
        [
            recorded(id, &f.dinner(3000)),
            corrected(id, &f.dinner(3300)),
        ],
    ))
    .when(correct(id, f.dinner(6000), None))
    .then(vec![corrected(id, &f.dinner(6000))]);
}

#[test]
fn correcting_an_unknown_expense_is_refused() {
    let f = Flat::new();
    account(f.three())
        .when(correct(ExpenseId::new(), f.dinner(3000), None))
        .then_error(AccountError::UnknownExpense);
}

#[test]
fn correcting_a_deleted_expense_is_refused() {
    let f = Flat::new();
    let id = ExpenseId::new();
    account(with(
        f.three(),
        [
            recorded(id, &f.dinner(3000)),
            AccountEvent::ExpenseDeleted { expense_id: id },
        ],
    ))
    .when(correct(id, f.dinner(3300), Some(2)))
    .then_error(AccountError::ExpenseIsDeleted);
}

#[test]
fn correcting_with_a_stale_revision_is_refused_with_the_current_one() {
    let f = Flat::new();
    let id = ExpenseId::new();
    account(with(
        f.three(),
        [
            recorded(id, &f.dinner(3000)),
            corrected(id, &f.dinner(3300)),
        ],
    ))
    .when(correct(id, f.dinner(6000), Some(1)))
    .then_error(AccountError::StaleExpense { current: 2 });
}

#[test]
fn a_correction_that_changes_nothing_records_nothing() {
    let f = Flat::new();
    let id = ExpenseId::new();
    account(with(f.three(), [recorded(id, &f.dinner(3000))]))
        .when(correct(id, f.dinner(3000), Some(1)))
        .then_nothing();
}

#[test]
fn repeating_a_correction_that_was_already_made_records_nothing() {
    let f = Flat::new();
    let id = ExpenseId::new();
    account(with(
        f.three(),
        [
            recorded(id, &f.dinner(3000)),
            corrected(id, &f.dinner(3300)),
        ],
    ))
    .when(correct(id, f.dinner(3300), Some(1)))
    .then_nothing();
}

#[test]
fn a_deactivated_participant_already_on_the_expense_may_stay_on_it() {
    let f = Flat::new();
    let id = ExpenseId::new();
    account(with(
        f.three(),
        [
            recorded(id, &f.dinner(3000)),
            AccountEvent::MemberDeactivated { member_id: f.kim },
        ],
    ))
    .when(correct(id, f.dinner(6000), Some(1)))
    .then(vec![corrected(id, &f.dinner(6000))]);
}

#[test]
fn a_deactivated_payer_of_the_expense_may_stay_its_payer() {
    let f = Flat::new();
    let id = ExpenseId::new();
    let before = expense(f.kim, &[f.sam, f.kim], 3000);
    let after = expense(f.kim, &[f.sam, f.kim], 4000);
    account(with(
        f.three(),
        [
            recorded(id, &before),
            AccountEvent::MemberDeactivated { member_id: f.kim },
        ],
    ))
    .when(correct(id, after.clone(), Some(1)))
    .then(vec![corrected(id, &after)]);
}

#[test]
fn adding_an_inactive_participant_by_correction_is_refused() {
    let f = Flat::new();
    let id = ExpenseId::new();
    account(with(
        f.three_kim_inactive(),
        [recorded(id, &expense(f.sam, &[f.sam, f.alex], 3000))],
    ))
    .when(correct(id, f.dinner(3000), Some(1)))
    .then_error(AccountError::ParticipantInactive("Kim".into()));
}

#[test]
fn making_an_inactive_member_the_payer_by_correction_is_refused() {
    let f = Flat::new();
    let id = ExpenseId::new();
    account(with(
        f.three_kim_inactive(),
        [recorded(id, &expense(f.sam, &[f.sam, f.alex], 3000))],
    ))
    .when(correct(id, expense(f.kim, &[f.sam, f.alex], 3000), Some(1)))
    .then_error(AccountError::PayerInactive);
}

#[test]
fn a_correction_is_checked_like_a_new_expense() {
    let f = Flat::new();
    let id = ExpenseId::new();
    let scenario = account(with(f.three(), [recorded(id, &f.dinner(3000))]));
    scenario
        .when(correct(id, f.dinner(0), Some(1)))
        .then_error(AccountError::Amount(AmountError::NotPositive));
    scenario
        .when(correct(id, f.dinner(100_000_001), Some(1)))
        .then_error(AccountError::Amount(AmountError::TooLarge));
    scenario
        .when(correct(
            id,
            ExpenseDetails {
                date: date(2027, 11, 27),
                ..f.dinner(3000)
            },
            Some(1),
        ))
        .then_error(AccountError::DateOutOfRange(latest_allowed()));
    scenario
        .when(correct(
            id,
            expense(MemberId::new(), &[f.sam], 3000),
            Some(1),
        ))
        .then_error(AccountError::UnknownMember);
    scenario
        .when(correct(id, expense(f.sam, &[], 3000), Some(1)))
        .then_error(AccountError::Split(SplitError::NoParticipants));
}

// ---------------------------------------------------------------------------------------
// Deleting and restoring expenses
// ---------------------------------------------------------------------------------------

#[test]
fn deleting_an_expense_records_it() {
    let f = Flat::new();
    let id = ExpenseId::new();
    account(with(f.three(), [recorded(id, &f.dinner(3000))]))
        .when(AccountCommand::DeleteExpense { expense_id: id })
        .then(vec![AccountEvent::ExpenseDeleted { expense_id: id }]);
}

#[test]
fn deleting_a_deleted_expense_changes_nothing() {
    let f = Flat::new();
    let id = ExpenseId::new();
    account(with(
        f.three(),
        [
            recorded(id, &f.dinner(3000)),
            AccountEvent::ExpenseDeleted { expense_id: id },
        ],
    ))
    .when(AccountCommand::DeleteExpense { expense_id: id })
    .then_nothing();
}

#[test]
fn the_expense_totals_follow_recording_correcting_deleting_and_restoring() {
    let f = Flat::new();
    let (a, b) = (ExpenseId::new(), ExpenseId::new());
    let totals = |events: Vec<AccountEvent>| fold(&events).expense_totals;
    let two = with(
        f.three(),
        [recorded(a, &f.dinner(3000)), recorded(b, &f.dinner(1000))],
    );
    assert_eq!(
        totals(two.clone()),
        ExpenseTotals {
            recorded: 2,
            live: 2,
            live_total: Money(4000)
        }
    );
    let corrected_a = with(two.clone(), [corrected(a, &f.dinner(2500))]);
    assert_eq!(
        totals(corrected_a.clone()),
        ExpenseTotals {
            recorded: 2,
            live: 2,
            live_total: Money(3500)
        }
    );
    let deleted_b = with(
        corrected_a,
        [AccountEvent::ExpenseDeleted { expense_id: b }],
    );
    assert_eq!(
        totals(deleted_b.clone()),
        ExpenseTotals {
            recorded: 2,
            live: 1,
            live_total: Money(2500)
        }
    );
    let restored_b = with(deleted_b, [AccountEvent::ExpenseRestored { expense_id: b }]);
    assert_eq!(
        totals(restored_b),
        ExpenseTotals {
            recorded: 2,
            live: 2,
            live_total: Money(3500)
        }
    );
}

#[test]
fn deleting_an_unknown_expense_is_refused() {
    let f = Flat::new();
    account(f.three())
        .when(AccountCommand::DeleteExpense {
            expense_id: ExpenseId::new(),
        })
        .then_error(AccountError::UnknownExpense);
}

#[test]
fn restoring_a_deleted_expense_records_it() {
    let f = Flat::new();
    let id = ExpenseId::new();
    account(with(
        f.three(),
        [
            recorded(id, &f.dinner(3000)),
            AccountEvent::ExpenseDeleted { expense_id: id },
        ],
    ))
    .when(AccountCommand::RestoreExpense { expense_id: id })
    .then(vec![AccountEvent::ExpenseRestored { expense_id: id }]);
}

#[test]
fn restoring_an_expense_that_is_not_deleted_changes_nothing() {
    let f = Flat::new();
    let id = ExpenseId::new();
    account(with(f.three(), [recorded(id, &f.dinner(3000))]))
        .when(AccountCommand::RestoreExpense { expense_id: id })
        .then_nothing();
}

#[test]
fn restoring_an_unknown_expense_is_refused() {
    let f = Flat::new();
    account(f.three())
        .when(AccountCommand::RestoreExpense {
            expense_id: ExpenseId::new(),
        })
        .then_error(AccountError::UnknownExpense);
}

// ---------------------------------------------------------------------------------------
// Transfers
// ---------------------------------------------------------------------------------------

fn pay_back(transfer_id: TransferId, details: TransferDetails) -> AccountCommand {
    AccountCommand::RecordTransfer {
        transfer_id,
        details,
    }
}

#[test]
fn recording_a_transfer_records_it() {
    let f = Flat::new();
    let id = TransferId::new();
    account(f.three())
        .when(pay_back(id, f.transfer(f.alex, f.sam, 1000)))
        .then(vec![AccountEvent::TransferRecorded {
            transfer_id: id,
            details: f.transfer(f.alex, f.sam, 1000),
        }]);
}

#[test]
fn a_transfer_to_oneself_is_refused() {
    let f = Flat::new();
    account(f.three())
        .when(pay_back(TransferId::new(), f.transfer(f.sam, f.sam, 1000)))
        .then_error(AccountError::TransferToSelf);
}

#[test]
fn a_member_who_moved_out_can_still_settle_their_debts() {
    // Inactive members take no part in new expenses, but paying back is how they leave square.
    let f = Flat::new();
    let transfer = f.transfer(f.kim, f.sam, 1000);
    let id = TransferId::new();
    account(f.three_kim_inactive())
        .when(pay_back(id, transfer.clone()))
        .then(vec![AccountEvent::TransferRecorded {
            transfer_id: id,
            details: transfer,
        }]);
}

#[test]
fn a_transfer_with_a_stranger_is_refused() {
    let f = Flat::new();
    account(f.three())
        .when(pay_back(
            TransferId::new(),
            f.transfer(MemberId::new(), f.sam, 1000),
        ))
        .then_error(AccountError::UnknownMember);
}

#[test]
fn a_transfer_with_an_unknown_member_is_refused() {
    let f = Flat::new();
    account(f.three())
        .when(pay_back(
            TransferId::new(),
            f.transfer(f.sam, MemberId::new(), 1000),
        ))
        .then_error(AccountError::UnknownMember);
}

#[test]
fn a_transfer_of_zero_is_refused() {
    let f = Flat::new();
    account(f.three())
        .when(pay_back(TransferId::new(), f.transfer(f.alex, f.sam, 0)))
        .then_error(AccountError::Amount(AmountError::NotPositive));
}

#[test]
fn a_negative_transfer_is_refused() {
    let f = Flat::new();
    account(f.three())
        .when(pay_back(TransferId::new(), f.transfer(f.alex, f.sam, -5)))
        .then_error(AccountError::Amount(AmountError::NotPositive));
}

#[test]
fn a_transfer_of_exactly_one_million_is_accepted() {
    let f = Flat::new();
    let id = TransferId::new();
    account(f.three())
        .when(pay_back(id, f.transfer(f.alex, f.sam, 100_000_000)))
        .then(vec![AccountEvent::TransferRecorded {
            transfer_id: id,
            details: f.transfer(f.alex, f.sam, 100_000_000),
        }]);
}

#[test]
fn a_transfer_over_one_million_is_refused() {
    let f = Flat::new();
    account(f.three())
        .when(pay_back(
            TransferId::new(),
            f.transfer(f.alex, f.sam, 100_000_001),
        ))
        .then_error(AccountError::Amount(AmountError::TooLarge));
}

#[test]
fn a_transfer_dated_outside_the_allowed_range_is_refused() {
    let f = Flat::new();
    let scenario = account(f.three());
    for d in [date(1999, 12, 31), date(2027, 11, 27)] {
        scenario
            .when(pay_back(
                TransferId::new(),
                TransferDetails {
                    date: d,
                    ..f.transfer(f.alex, f.sam, 1000)
                },
            ))
            .then_error(AccountError::DateOutOfRange(latest_allowed()));
    }
}

#[test]
fn recording_the_same_transfer_twice_changes_nothing() {
    let f = Flat::new();
    let id = TransferId::new();
    account(with(
        f.three(),
        [AccountEvent::TransferRecorded {
            transfer_id: id,
            details: f.transfer(f.alex, f.sam, 1000),
        }],
    ))
    .when(pay_back(id, f.transfer(f.alex, f.sam, 1000)))
    .then_nothing();
}

#[test]
fn recording_another_transfer_under_a_used_id_is_refused() {
    let f = Flat::new();
    let id = TransferId::new();
    account(with(
        f.three(),
        [AccountEvent::TransferRecorded {
            transfer_id: id,
            details: f.transfer(f.alex, f.sam, 1000),
        }],
    ))
    .when(pay_back(id, f.transfer(f.alex, f.sam, 1100)))
    .then_error(AccountError::TransferIdTaken);
}

// ---------------------------------------------------------------------------------------
// Correcting, deleting and restoring payments
// ---------------------------------------------------------------------------------------

fn paid_back(transfer_id: TransferId, details: TransferDetails) -> AccountEvent {
    AccountEvent::TransferRecorded {
        transfer_id,
        details,
    }
}

fn correct_transfer(
    transfer_id: TransferId,
    details: TransferDetails,
    expected_revision: Option<u32>,
) -> AccountCommand {
    AccountCommand::CorrectTransfer {
        transfer_id,
        details,
        expected_revision,
    }
}

#[test]
fn correcting_a_payment_records_its_whole_new_content() {
    let f = Flat::new();
    let id = TransferId::new();
    account(with(
        f.three(),
        [paid_back(id, f.transfer(f.alex, f.sam, 2000))],
    ))
    .when(correct_transfer(
        id,
        f.transfer(f.alex, f.kim, 2500),
        Some(1),
    ))
    .then(vec![AccountEvent::TransferCorrected {
        transfer_id: id,
        details: f.transfer(f.alex, f.kim, 2500),
    }]);
}

#[test]
fn a_payment_correction_that_changes_nothing_records_nothing() {
    let f = Flat::new();
    let id = TransferId::new();
    account(with(
        f.three(),
        [paid_back(id, f.transfer(f.alex, f.sam, 2000))],
    ))
    .when(correct_transfer(
        id,
        f.transfer(f.alex, f.sam, 2000),
        Some(1),
    ))
    .then_nothing();
}

#[test]
fn a_payment_correction_from_an_older_revision_is_stale() {
    let f = Flat::new();
    let id = TransferId::new();
    account(with(
        f.three(),
        [
            paid_back(id, f.transfer(f.alex, f.sam, 2000)),
            AccountEvent::TransferCorrected {
                transfer_id: id,
                details: f.transfer(f.alex, f.sam, 1600),
            },
        ],
    ))
    .when(correct_transfer(
        id,
        f.transfer(f.alex, f.sam, 1800),
        Some(1),
    ))
    .then_error(AccountError::StaleTransfer { current: 2 });
}

#[test]
fn a_deleted_payment_cannot_be_corrected() {
    let f = Flat::new();
    let id = TransferId::new();
    account(with(
        f.three(),
        [
            paid_back(id, f.transfer(f.alex, f.sam, 2000)),
            AccountEvent::TransferDeleted { transfer_id: id },
        ],
    ))
    .when(correct_transfer(
        id,
        f.transfer(f.alex, f.sam, 2500),
        Some(2),
    ))
    .then_error(AccountError::TransferIsDeleted);
}

#[test]
fn an_unknown_payment_cannot_be_corrected_deleted_or_restored() {
    let f = Flat::new();
    let scenario = account(f.three());
    let id = TransferId::new();
    scenario
        .when(correct_transfer(id, f.transfer(f.alex, f.sam, 2500), None))
        .then_error(AccountError::UnknownTransfer);
    scenario
        .when(AccountCommand::DeleteTransfer { transfer_id: id })
        .then_error(AccountError::UnknownTransfer);
    scenario
        .when(AccountCommand::RestoreTransfer { transfer_id: id })
        .then_error(AccountError::UnknownTransfer);
}

#[test]
fn a_corrected_payment_follows_the_rules_of_a_new_one() {
    let f = Flat::new();
    let id = TransferId::new();
    let scenario = account(with(
        f.three(),
        [paid_back(id, f.transfer(f.alex, f.sam, 2000))],
    ));
    scenario
        .when(correct_transfer(
            id,
            f.transfer(f.sam, f.sam, 2000),
            Some(1),
        ))
        .then_error(AccountError::TransferToSelf);
    scenario
        .when(correct_transfer(
            id,
            f.transfer(MemberId::new(), f.sam, 2000),
            Some(1),
        ))
        .then_error(AccountError::UnknownMember);
    scenario
        .when(correct_transfer(id, f.transfer(f.alex, f.sam, 0), Some(1)))
        .then_error(AccountError::Amount(AmountError::NotPositive));
    scenario
        .when(correct_transfer(
            id,
            TransferDetails {
                date: date(1999, 12, 31),
                ..f.transfer(f.alex, f.sam, 2000)
            },
            Some(1),
        ))
        .then_error(AccountError::DateOutOfRange(latest_allowed()));
}

#[test]
fn deleting_a_payment_records_it_once() {
    let f = Flat::new();
    let id = TransferId::new();
    let recorded = with(f.three(), [paid_back(id, f.transfer(f.alex, f.sam, 2000))]);
    account(recorded.clone())
        .when(AccountCommand::DeleteTransfer { transfer_id: id })
        .then(vec![AccountEvent::TransferDeleted { transfer_id: id }]);
    account(with(
        recorded,
        [AccountEvent::TransferDeleted { transfer_id: id }],
    ))
    .when(AccountCommand::DeleteTransfer { transfer_id: id })
    .then_nothing();
}

#[test]
fn restoring_a_payment_records_it_only_when_deleted() {
    let f = Flat::new();
    let id = TransferId::new();
    let recorded = with(f.three(), [paid_back(id, f.transfer(f.alex, f.sam, 2000))]);
    account(recorded.clone())
        .when(AccountCommand::RestoreTransfer { transfer_id: id })
        .then_nothing();
    account(with(
        recorded,
        [AccountEvent::TransferDeleted { transfer_id: id }],
    ))
    .when(AccountCommand::RestoreTransfer { transfer_id: id })
    .then(vec![AccountEvent::TransferRestored { transfer_id: id }]);
}

#[test]
fn a_repeated_recording_of_a_corrected_payment_still_changes_nothing() {
    // The settle-up button's id is recognised by what was first recorded, as for expenses.
    let f = Flat::new();
    let id = TransferId::new();
    account(with(
        f.three(),
        [
            paid_back(id, f.transfer(f.alex, f.sam, 2000)),
            AccountEvent::TransferCorrected {
                transfer_id: id,
                details: f.transfer(f.alex, f.sam, 1500),
            },
        ],
    ))
    .when(pay_back(id, f.transfer(f.alex, f.sam, 2000)))
    .then_nothing();
}

#[test]
fn correcting_deleting_and_restoring_a_payment_moves_the_balances() {
    let f = Flat::new();
    let id = TransferId::new();
    let mut events = with(
        f.three(),
        [
            recorded(ExpenseId::new(), &f.dinner(3000)),
            paid_back(id, f.transfer(f.alex, f.sam, 1000)),
        ],
    );
    let state = fold(&events);
    assert_eq!((net(&state, f.sam), net(&state, f.alex)), (1000, 0));
    events.push(AccountEvent::TransferCorrected {
        transfer_id: id,
        details: f.transfer(f.kim, f.sam, 600),
    });
    let state = fold(&events);
    assert_eq!(
        (net(&state, f.sam), net(&state, f.alex), net(&state, f.kim)),
        (1400, -1000, -400)
    );
    assert_eq!(state.transfers[&id].revision, 2);
    events.push(AccountEvent::TransferDeleted { transfer_id: id });
    let state = fold(&events);
    assert_eq!(
        (net(&state, f.sam), net(&state, f.alex), net(&state, f.kim)),
        (2000, -1000, -1000)
    );
    assert!(state.transfers[&id].deleted);
    events.push(AccountEvent::TransferRestored { transfer_id: id });
    let state = fold(&events);
    assert_eq!(
        (net(&state, f.sam), net(&state, f.kim)),
        (1400, -400),
        "restored as last corrected"
    );
    assert_eq!(state.transfers[&id].revision, 4);
    assert_eq!(nets_sum(&state), 0);
}

// ---------------------------------------------------------------------------------------
// Balances (apply)
// ---------------------------------------------------------------------------------------

#[test]
fn an_expense_credits_the_payer_and_charges_each_participant_their_share() {
    let f = Flat::new();
    let state = fold(&with(
        f.three(),
        [recorded(ExpenseId::new(), &f.dinner(3000))],
    ));
    let sam = state.member(f.sam).expect("known").balance;
    assert_eq!((sam.paid, sam.owed), (Money(3000), Money(1000)));
    assert_eq!(net(&state, f.sam), 2000);
    assert_eq!(net(&state, f.alex), -1000);
    assert_eq!(net(&state, f.kim), -1000);
    assert_eq!(nets_sum(&state), 0);
}

#[test]
fn an_expense_keeps_its_recorded_content_and_starts_at_revision_one() {
    let f = Flat::new();
    let id = ExpenseId::new();
    let state = fold(&with(f.three(), [recorded(id, &f.dinner(3000))]));
    let e = &state.expenses[&id];
    assert_eq!(e.revision, 1);
    assert!(!e.deleted);
    assert_eq!(e.details, f.dinner(3000));
    assert_eq!(e.recorded_as, f.dinner(3000));
}

#[test]
fn a_correction_replaces_the_old_amounts_in_the_balances() {
    let f = Flat::new();
    let id = ExpenseId::new();
    let state = fold(&with(
        f.three(),
        [
            recorded(id, &f.dinner(3000)),
            corrected(id, &expense(f.alex, &[f.sam, f.alex], 5000)),
        ],
    ));
    assert_eq!(net(&state, f.sam), -2500);
    assert_eq!(net(&state, f.alex), 2500);
    assert_eq!(net(&state, f.kim), 0);
    assert_eq!(state.member(f.sam).expect("known").balance.paid, Money(0));
    assert_eq!(nets_sum(&state), 0);
    let e = &state.expenses[&id];
    assert_eq!(e.revision, 2);
    assert_eq!(
        e.recorded_as,
        f.dinner(3000),
        "what it was first recorded as stays"
    );
}

#[test]
fn deleting_an_expense_takes_it_out_of_the_balances() {
    let f = Flat::new();
    let id = ExpenseId::new();
    let state = fold(&with(
        f.three(),
        [
            recorded(id, &f.dinner(3000)),
            AccountEvent::ExpenseDeleted { expense_id: id },
        ],
    ));
    assert!(
        state
            .members
            .iter()
            .all(|m| m.balance == Balance::default())
    );
    let e = &state.expenses[&id];
    assert!(e.deleted);
    assert_eq!(e.revision, 2);
}

#[test]
fn restoring_an_expense_puts_it_back_in_the_balances() {
    let f = Flat::new();
    let id = ExpenseId::new();
    let state = fold(&with(
        f.three(),
        [
            recorded(id, &f.dinner(3000)),
            AccountEvent::ExpenseDeleted { expense_id: id },
            AccountEvent::ExpenseRestored { expense_id: id },
        ],
    ));
    assert_eq!(net(&state, f.sam), 2000);
    assert_eq!(net(&state, f.alex), -1000);
    assert_eq!(net(&state, f.kim), -1000);
    let e = &state.expenses[&id];
    assert!(!e.deleted);
    assert_eq!(e.revision, 3);
}

#[test]
fn a_transfer_moves_the_balances_of_both_members() {
    let f = Flat::new();
    let state = fold(&with(
        f.three(),
        [
            recorded(ExpenseId::new(), &f.dinner(3000)),
            AccountEvent::TransferRecorded {
                transfer_id: TransferId::new(),
                details: f.transfer(f.alex, f.sam, 1000),
            },
        ],
    ));
    assert_eq!(
        state.member(f.alex).expect("known").balance.sent,
        Money(1000)
    );
    assert_eq!(
        state.member(f.sam).expect("known").balance.received,
        Money(1000)
    );
    assert_eq!(net(&state, f.sam), 1000);
    assert_eq!(net(&state, f.alex), 0);
    assert_eq!(net(&state, f.kim), -1000);
    assert_eq!(nets_sum(&state), 0);
}

#[test]
fn nets_list_every_member_in_joining_order_and_always_sum_to_zero() {
    let f = Flat::new();
    let (e1, e2, e3) = (ExpenseId::new(), ExpenseId::new(), ExpenseId::new());
    let history = with(
        f.three(),
        [
            recorded(e1, &f.dinner(1000)),
            recorded(e2, &expense(f.alex, &[f.alex, f.kim], 777)),
            AccountEvent::TransferRecorded {
                transfer_id: TransferId::new(),
                details: f.transfer(f.kim, f.sam, 250),
            },
            recorded(e3, &expense(f.kim, &[f.sam], 99)),
            corrected(e1, &expense(f.sam, &[f.alex, f.kim], 1001)),
            AccountEvent::ExpenseDeleted { expense_id: e2 },
            AccountEvent::MemberDeactivated { member_id: f.kim },
            AccountEvent::ExpenseRestored { expense_id: e2 },
        ],
    );
    let mut state = SharedAccount::default();
    for e in &history {
        state.apply(e);
        assert_eq!(nets_sum(&state), 0, "after {e:?}");
    }
    let order: Vec<_> = state.nets().iter().map(|(id, _)| *id).collect();
    assert_eq!(order, vec![f.sam, f.alex, f.kim]);
}

#[test]
fn a_deactivated_member_keeps_their_share_of_past_expenses() {
    let f = Flat::new();
    let state = fold(&with(
        f.three(),
        [
            recorded(ExpenseId::new(), &f.dinner(3000)),
            AccountEvent::MemberDeactivated { member_id: f.kim },
        ],
    ));
    assert_eq!(net(&state, f.kim), -1000);
}

#[test]
fn settling_up_suggestions_clear_the_balances_when_recorded_as_transfers() {
    let f = Flat::new();
    let mut state = fold(&with(
        f.three(),
        [
            recorded(ExpenseId::new(), &f.dinner(1000)),
            recorded(ExpenseId::new(), &expense(f.alex, &[f.alex, f.kim], 777)),
        ],
    ));
    let context = DecisionContext::at(crate::event_sourcing::testing::noon(date(2026, 11, 26)));
    for s in crate::domain::settle_up(&state.nets()) {
        let events = state
            .handle(
                &pay_back(
                    TransferId::new(),
                    TransferDetails {
                        from: s.from,
                        to: s.to,
                        amount: s.amount,
                        date: date(2026, 11, 26),
                    },
                ),
                &context,
            )
            .expect("a suggestion is a valid transfer");
        for e in &events {
            state.apply(e);
        }
    }
    assert!(state.nets().iter().all(|(_, n)| *n == Money::ZERO));
}

// ---------------------------------------------------------------------------------------
// Event codec
// ---------------------------------------------------------------------------------------

/// One event of each kind.
fn one_of_each() -> Vec<AccountEvent> {
    let f = Flat::new();
    let id = ExpenseId::new();
    let schedule = ScheduleId::new();
    let category = CategoryId::new();
    let rent = ScheduleDetails {
        expense: expense(f.sam, &[f.sam, f.alex], 90_000),
        recurrence: Recurrence::monthly(),
        until: Some(date(2027, 6, 30)),
    };
    let mut events = f.opened();
    events.extend([
        AccountEvent::TimeZoneSet {
            time_zone: TimeZone::parse("Europe/Madrid").expect("known"),
        },
        AccountEvent::CategoryAdded {
            category_id: category,
            name: CategoryName::parse("Cleaner").expect("valid"),
        },
        AccountEvent::CategoryRenamed {
            category_id: category,
            name: CategoryName::parse("Cleaning").expect("valid"),
        },
        AccountEvent::CategoryArchived {
            category_id: category,
        },
        AccountEvent::CategoryRestored {
            category_id: category,
        },
        AccountEvent::ScheduleCreated {
            schedule_id: schedule,
            details: rent.clone(),
        },
        AccountEvent::ScheduleChanged {
            schedule_id: schedule,
            details: ScheduleDetails {
                until: None,
                ..rent
            },
        },
        AccountEvent::OccurrenceSkipped {
            schedule_id: schedule,
            date: date(2026, 12, 20),
        },
        AccountEvent::SchedulePaused {
            schedule_id: schedule,
            reason: Some("Alex moved out".to_owned()),
        },
        AccountEvent::ScheduleResumed {
            schedule_id: schedule,
            from: date(2027, 1, 5),
        },
        AccountEvent::ScheduleStopped {
            schedule_id: schedule,
        },
        AccountEvent::AccountRenamed {
            name: account_name("Flat 4C"),
        },
        added(f.alex, "Alex"),
        AccountEvent::MemberLinked {
            member_id: f.alex,
            user_id: UserId::new(),
        },
        AccountEvent::MemberDeactivated { member_id: f.alex },
        AccountEvent::MemberReactivated { member_id: f.alex },
        AccountEvent::ExpenseRecorded {
            expense_id: id,
            details: ExpenseDetails {
                split: Split::ByPercentages {
                    percentages: vec![
                        Portion {
                            member_id: f.sam,
                            value: 3333,
                        },
                        Portion {
                            member_id: f.alex,
                            value: 6667,
                        },
                    ],
                },
                category: Some(CategoryId(uuid::Uuid::from_u128(DEFAULT_CATEGORIES[3].0))),
                ..expense(f.sam, &[], 100)
            },
            shares: shares(&[(f.sam, 33), (f.alex, 67)]),
            from_schedule: Some(schedule),
        },
        AccountEvent::ExpenseCorrected {
            expense_id: id,
            details: ExpenseDetails {
                split: Split::ByExactAmounts {
                    amounts: vec![
                        Portion {
                            member_id: f.sam,
                            value: 40,
                        },
                        Portion {
                            member_id: f.alex,
                            value: 60,
                        },
                    ],
                },
                ..expense(f.alex, &[], 100)
            },
            shares: shares(&[(f.sam, 40), (f.alex, 60)]),
        },
        AccountEvent::ExpenseDeleted { expense_id: id },
        AccountEvent::ExpenseRestored { expense_id: id },
        AccountEvent::TransferRecorded {
            transfer_id: TransferId::new(),
            details: f.transfer(f.sam, f.alex, 1234),
        },
        AccountEvent::TransferCorrected {
            transfer_id: TransferId::new(),
            details: f.transfer(f.alex, f.sam, 999),
        },
        AccountEvent::TransferDeleted {
            transfer_id: TransferId::new(),
        },
        AccountEvent::TransferRestored {
            transfer_id: TransferId::new(),
        },
        AccountEvent::RefundRecorded {
            expense_id: ExpenseId::new(),
            details: ExpenseDetails {
                description: description("Deposit back"),
                ..expense(f.alex, &[f.sam, f.alex], 5000)
            },
            shares: shares(&[(f.sam, 2500), (f.alex, 2500)]),
        },
    ]);
    events
}

/// Exhaustive on purpose: a new variant fails to compile here until `one_of_each` has it.
fn variant_index(event: &AccountEvent) -> usize {
    use AccountEvent as E;
    match event {
        E::AccountOpened { .. } => 0,
        E::AccountRenamed { .. } => 1,
        E::MemberAdded { .. } => 2,
        E::MemberLinked { .. } => 3,
        E::MemberDeactivated { .. } => 4,
        E::MemberReactivated { .. } => 5,
        E::ExpenseRecorded { .. } => 6,
        E::ExpenseCorrected { .. } => 7,
        E::ExpenseDeleted { .. } => 8,
        E::ExpenseRestored { .. } => 9,
        E::TransferRecorded { .. } => 10,
        E::TimeZoneSet { .. } => 11,
        E::CategoryAdded { .. } => 12,
        E::CategoryRenamed { .. } => 13,
        E::CategoryArchived { .. } => 14,
        E::CategoryRestored { .. } => 15,
        E::ScheduleCreated { .. } => 16,
        E::ScheduleChanged { .. } => 17,
        E::OccurrenceSkipped { .. } => 18,
        E::SchedulePaused { .. } => 19,
        E::ScheduleResumed { .. } => 20,
        E::ScheduleStopped { .. } => 21,
        E::TransferCorrected { .. } => 22,
        E::TransferDeleted { .. } => 23,
        E::TransferRestored { .. } => 24,
        E::RefundRecorded { .. } => 25,
    }
}
const VARIANTS: usize = 26;

#[test]
fn the_examples_cover_every_kind_of_event() {
    let covered: HashSet<_> = one_of_each().iter().map(variant_index).collect();
    assert_eq!(covered, (0..VARIANTS).collect());
}

#[test]
fn every_event_round_trips_through_its_stored_payload() {
    for event in one_of_each() {
        let payload = event.to_payload().expect("serialisable");
        let back = AccountEvent::from_stored(event.event_type(), event.schema_version(), &payload)
            .unwrap_or_else(|e| panic!("{} does not decode: {e}", event.event_type()));
        assert_eq!(back, event, "payload {payload}");
    }
}

#[test]
fn a_stored_payload_holds_the_data_without_the_type_tag() {
    for event in one_of_each() {
        let payload = event.to_payload().expect("serialisable");
        let value: serde_json::Value = serde_json::from_str(&payload).expect("json");
        let object = value.as_object().expect("every payload is an object");
        assert!(!object.contains_key("type"), "{payload}");
        assert!(!object.contains_key("data"), "{payload}");
    }
}

#[test]
fn events_carrying_expense_details_are_at_their_versions_and_every_other_event_at_one() {
    // Without an amount in another currency (see `tests_currencies` for one with).
    for event in one_of_each() {
        let expected = match event {
            AccountEvent::ExpenseRecorded { .. } | AccountEvent::ExpenseCorrected { .. } => 2,
            _ => 1,
        };
        assert_eq!(event.schema_version(), expected, "{}", event.event_type());
    }
}

#[test]
fn the_type_list_matches_the_type_of_every_event() {
    let listed: HashSet<&str> = AccountEvent::TYPES.iter().copied().collect();
    assert_eq!(
        listed.len(),
        AccountEvent::TYPES.len(),
        "no type listed twice"
    );
    let actual: HashSet<&str> = one_of_each().iter().map(|e| e.event_type()).collect();
    assert_eq!(listed, actual);
    assert_eq!(actual.len(), VARIANTS, "one type name per variant");
}

#[test]
fn an_unknown_event_type_cannot_be_decoded() {
    let result = AccountEvent::from_stored("expense_exploded", 1, "{}");
    assert!(
        matches!(&result, Err(DecodeError::UnknownType(t)) if t == "expense_exploded"),
        "{result:?}"
    );
}

#[test]
fn an_unknown_schema_version_cannot_be_decoded() {
    let event = AccountEvent::ExpenseDeleted {
        expense_id: ExpenseId::new(),
    };
    let payload = event.to_payload().expect("serialisable");
    for version in [0, 2, -1] {
        let result = AccountEvent::from_stored("expense_deleted", version, &payload);
        assert!(
            matches!(
                &result,
                Err(DecodeError::UnknownVersion { event_type, version: v })
                    if event_type == "expense_deleted" && *v == version
            ),
            "{result:?}"
        );
    }
}

#[test]
fn a_payload_with_a_missing_field_cannot_be_decoded() {
    let f = Flat::new();
    let event = AccountEvent::TransferRecorded {
        transfer_id: TransferId::new(),
        details: f.transfer(f.sam, f.alex, 100),
    };
    let mut value: serde_json::Value =
        serde_json::from_str(&event.to_payload().expect("serialisable")).expect("json");
    value
        .as_object_mut()
        .expect("object")
        .remove("transfer_id")
        .expect("the field was there");
    let result = AccountEvent::from_stored("transfer_recorded", 1, &value.to_string());
    assert!(
        matches!(&result, Err(DecodeError::Payload { event_type, .. }) if event_type == "transfer_recorded"),
        "{result:?}"
    );
    let result = AccountEvent::from_stored("expense_deleted", 1, "{}");
    assert!(
        matches!(result, Err(DecodeError::Payload { .. })),
        "{result:?}"
    );
}

#[test]
fn a_payload_that_is_not_one_json_value_cannot_be_decoded() {
    let event = AccountEvent::ExpenseDeleted {
        expense_id: ExpenseId::new(),
    };
    let payload = event.to_payload().expect("serialisable");
    for tampered in [
        format!(r#"{payload},"type":"account_opened""#),
        format!("{payload} {payload}"),
        String::new(),
        payload.trim_end_matches('}').to_owned(),
    ] {
        let result = AccountEvent::from_stored("expense_deleted", 1, &tampered);
        assert!(
            matches!(&result, Err(DecodeError::Payload { event_type, .. }) if event_type == "expense_deleted"),
            "{tampered}: {result:?}"
        );
    }
}

#[test]
fn a_payload_that_is_not_json_cannot_be_decoded() {
    let result = AccountEvent::from_stored("expense_deleted", 1, "not json");
    assert!(
        matches!(result, Err(DecodeError::Payload { .. })),
        "{result:?}"
    );
}

#[test]
fn a_member_added_payload_without_a_user_decodes_as_not_linked() {
    let id = MemberId::new();
    let payload = format!(r#"{{"member_id":"{id}","name":"Alex"}}"#);
    let event = AccountEvent::from_stored("member_added", 1, &payload).expect("decodes");
    assert_eq!(event, added(id, "Alex"));
}

// ---------------------------------------------------------------------------------------
// Property: balances stay consistent over random histories
// ---------------------------------------------------------------------------------------

/// An abstract step; indices are reduced modulo what exists when it is played.
#[derive(Debug, Clone)]
enum Step {
    Expense {
        payer: usize,
        mask: u8,
        cents: i64,
        mode: u8,
        weights: Vec<i64>,
    },
    Correct {
        which: usize,
        payer: usize,
        mask: u8,
        cents: i64,
        mode: u8,
        weights: Vec<i64>,
    },
    Delete {
        which: usize,
    },
    Restore {
        which: usize,
    },
    Transfer {
        from: usize,
        to: usize,
        cents: i64,
    },
    CorrectTransfer {
        which: usize,
        from: usize,
        to: usize,
        cents: i64,
    },
    DeleteTransfer {
        which: usize,
    },
    RestoreTransfer {
        which: usize,
    },
}

fn cents_strategy() -> impl Strategy<Value = i64> {
    prop_oneof![
        1_i64..=100,
        100_i64..=100_000,
        Just(100_000_000),
        1_i64..=100_000_000
    ]
}

fn step_strategy() -> impl Strategy<Value = Step> {
    let weights = prop::collection::vec(1_i64..=5, 6);
    prop_oneof![
        4 => (any::<usize>(), any::<u8>(), cents_strategy(), 0_u8..4, weights.clone())
            .prop_map(|(payer, mask, cents, mode, weights)| Step::Expense { payer, mask, cents, mode, weights }),
        2 => (any::<usize>(), any::<usize>(), any::<u8>(), cents_strategy(), 0_u8..4, weights)
            .prop_map(|(which, payer, mask, cents, mode, weights)| Step::Correct { which, payer, mask, cents, mode, weights }),
        1 => any::<usize>().prop_map(|which| Step::Delete { which }),
        1 => any::<usize>().prop_map(|which| Step::Restore { which }),
        2 => (any::<usize>(), any::<usize>(), cents_strategy())
            .prop_map(|(from, to, cents)| Step::Transfer { from, to, cents }),
        1 => (any::<usize>(), any::<usize>(), any::<usize>(), cents_strategy())
            .prop_map(|(which, from, to, cents)| Step::CorrectTransfer { which, from, to, cents }),
        1 => any::<usize>().prop_map(|which| Step::DeleteTransfer { which }),
        1 => any::<usize>().prop_map(|which| Step::RestoreTransfer { which }),
    ]
}

/// Builds a valid expense among `members` from an abstract description.
fn build_details(
    members: &[MemberId],
    payer: usize,
    mask: u8,
    cents: i64,
    mode: u8,
    weights: &[i64],
) -> ExpenseDetails {
    let n = members.len();
    let mut chosen: Vec<usize> = (0..n).filter(|i| mask & (1 << i) != 0).collect();
    if chosen.is_empty() {
        chosen.push(usize::from(mask) % n);
    }
    let ids: Vec<MemberId> = chosen.iter().map(|&i| members[i]).collect();
    let w: Vec<i64> = chosen.iter().map(|&i| weights[i]).collect();
    let portions = |values: Vec<i64>| -> Vec<Portion> {
        ids.iter()
            .zip(values)
            .map(|(member_id, value)| Portion {
                member_id: *member_id,
                value,
            })
            .collect()
    };
    let split = match mode {
        1 => Split::ByShares {
            shares: portions(w.clone()),
        },
        // Each part is at least 10000 / 30, so never zero.
        2 => Split::ByPercentages {
            percentages: portions(largest_remainder(Split::HUNDRED_PERCENT, &w, 0)),
        },
        // Exact amounts need at least one cent each.
        3 if cents >= 30 => Split::ByExactAmounts {
            amounts: portions(largest_remainder(cents, &w, 0)),
        },
        _ => Split::Equally { participants: ids },
    };
    ExpenseDetails {
        payer: members[payer % n],
        amount: Money(cents),
        description: description("Random"),
        date: date(2026, 11, 1),
        split,
        category: None,
        foreign: None,
    }
}

/// What the history should have booked, kept apart from the aggregate's own state.
#[derive(Default)]
struct Model {
    expenses: BTreeMap<ExpenseId, (ExpenseDetails, Vec<Share>, bool)>,
    order: Vec<ExpenseId>,
    transfers: BTreeMap<TransferId, (TransferDetails, bool)>,
    transfer_order: Vec<TransferId>,
}

impl Model {
    fn observe(&mut self, event: &AccountEvent) {
        match event {
            AccountEvent::ExpenseRecorded {
                expense_id,
                details,
                shares,
                ..
            } => {
                self.order.push(*expense_id);
                self.expenses
                    .insert(*expense_id, (details.clone(), shares.clone(), false));
            }
            AccountEvent::ExpenseCorrected {
                expense_id,
                details,
                shares,
            } => {
                let e = self.expenses.get_mut(expense_id).expect("known expense");
                e.0 = details.clone();
                e.1 = shares.clone();
            }
            AccountEvent::ExpenseDeleted { expense_id } => {
                self.expenses.get_mut(expense_id).expect("known expense").2 = true;
            }
            AccountEvent::ExpenseRestored { expense_id } => {
                self.expenses.get_mut(expense_id).expect("known expense").2 = false;
            }
            AccountEvent::TransferRecorded {
                transfer_id,
                details,
            } => {
                self.transfer_order.push(*transfer_id);
                self.transfers
                    .insert(*transfer_id, (details.clone(), false));
            }
            AccountEvent::TransferCorrected {
                transfer_id,
                details,
            } => {
                self.transfers
                    .get_mut(transfer_id)
                    .expect("known payment")
                    .0 = details.clone();
            }
            AccountEvent::TransferDeleted { transfer_id } => {
                self.transfers
                    .get_mut(transfer_id)
                    .expect("known payment")
                    .1 = true;
            }
            AccountEvent::TransferRestored { transfer_id } => {
                self.transfers
                    .get_mut(transfer_id)
                    .expect("known payment")
                    .1 = false;
            }
            _ => {}
        }
    }

    fn owed(&self, member: MemberId) -> i64 {
        self.expenses
            .values()
            .filter(|(_, _, deleted)| !deleted)
            .flat_map(|(_, shares, _)| shares)
            .filter(|s| s.member_id == member)
            .map(|s| s.amount.cents())
            .sum()
    }

    fn sent(&self, member: MemberId) -> i64 {
        self.transfers
            .values()
            .filter(|(t, deleted)| !deleted && t.from == member)
            .map(|(t, _)| t.amount.cents())
            .sum()
    }

    fn received(&self, member: MemberId) -> i64 {
        self.transfers
            .values()
            .filter(|(t, deleted)| !deleted && t.to == member)
            .map(|(t, _)| t.amount.cents())
            .sum()
    }

    fn paid(&self, member: MemberId) -> i64 {
        self.expenses
            .values()
            .filter(|(d, _, deleted)| !deleted && d.payer == member)
            .map(|(d, _, _)| d.amount.cents())
            .sum()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn random_histories_keep_nets_summing_to_zero_and_owed_equal_to_the_shares(
        member_count in 2_usize..=6,
        steps in prop::collection::vec(step_strategy(), 1..40),
    ) {
        let context = DecisionContext::at(crate::event_sourcing::testing::noon(date(2026, 11, 26)));
        let mut state = SharedAccount::default();
        let mut model = Model::default();
        let members: Vec<MemberId> = (0..member_count).map(|_| MemberId::new()).collect();
        let mut setup = vec![AccountCommand::Open {
            name: account_name("Random flat"),
            currency: eur(),
            member_id: members[0],
            member_name: member_name("Member 0"),
            user_id: UserId::new(),
        }];
        for (i, id) in members.iter().enumerate().skip(1) {
            setup.push(AccountCommand::AddMember {
                member_id: *id,
                name: member_name(&format!("Member {i}")),
                user_id: None,
            });
        }
        for command in &setup {
            for event in &state.handle(command, &context).expect("setup is valid") {
                state.apply(event);
            }
        }
        for step in &steps {
            let command = match step {
                Step::Expense { payer, mask, cents, mode, weights } => AccountCommand::RecordExpense {
                    expense_id: ExpenseId::new(),
                    details: build_details(&members, *payer, *mask, *cents, *mode, weights),
                },
                Step::Correct { which, payer, mask, cents, mode, weights } => {
                    let live: Vec<ExpenseId> = model
                        .order
                        .iter()
                        .filter(|id| !model.expenses[*id].2)
                        .copied()
                        .collect();
                    if live.is_empty() {
                        continue;
                    }
                    let id = live[which % live.len()];
                    AccountCommand::CorrectExpense {
                        expense_id: id,
                        details: build_details(&members, *payer, *mask, *cents, *mode, weights),
                        expected_revision: Some(state.expenses[&id].revision),
                    }
                }
                Step::Delete { which } | Step::Restore { which } => {
                    if model.order.is_empty() {
                        continue;
                    }
                    let expense_id = model.order[which % model.order.len()];
                    if matches!(step, Step::Delete { .. }) {
                        AccountCommand::DeleteExpense { expense_id }
                    } else {
                        AccountCommand::RestoreExpense { expense_id }
                    }
                }
                Step::Transfer { from, to, cents } => {
                    let from = from % member_count;
                    let mut to = to % member_count;
                    if to == from {
                        to = (to + 1) % member_count;
                    }
                    AccountCommand::RecordTransfer {
                        transfer_id: TransferId::new(),
                        details: TransferDetails {
                            from: members[from],
                            to: members[to],
                            amount: Money(*cents),
                            date: date(2026, 11, 2),
                        },
                    }
                }
                Step::CorrectTransfer { which, from, to, cents } => {
                    let live: Vec<TransferId> = model
                        .transfer_order
                        .iter()
                        .filter(|id| !model.transfers[*id].1)
                        .copied()
                        .collect();
                    if live.is_empty() {
                        continue;
                    }
                    let id = live[which % live.len()];
                    let from = from % member_count;
                    let mut to = to % member_count;
                    if to == from {
                        to = (to + 1) % member_count;
                    }
                    AccountCommand::CorrectTransfer {
                        transfer_id: id,
                        details: TransferDetails {
                            from: members[from],
                            to: members[to],
                            amount: Money(*cents),
                            date: date(2026, 11, 3),
                        },
                        expected_revision: Some(state.transfers[&id].revision),
                    }
                }
                Step::DeleteTransfer { which } | Step::RestoreTransfer { which } => {
                    if model.transfer_order.is_empty() {
                        continue;
                    }
                    let transfer_id = model.transfer_order[which % model.transfer_order.len()];
                    if matches!(step, Step::DeleteTransfer { .. }) {
                        AccountCommand::DeleteTransfer { transfer_id }
                    } else {
                        AccountCommand::RestoreTransfer { transfer_id }
                    }
                }
            };
            let events = state
                .handle(&command, &context)
                .map_err(|e| TestCaseError::fail(format!("{command:?} refused: {e}")))?;
            for event in &events {
                state.apply(event);
                model.observe(event);
            }
            prop_assert_eq!(nets_sum(&state), 0);
            for m in &state.members {
                prop_assert_eq!(m.balance.owed.cents(), model.owed(m.id), "owed of {}", m.name);
                prop_assert_eq!(m.balance.paid.cents(), model.paid(m.id), "paid of {}", m.name);
                prop_assert_eq!(m.balance.sent.cents(), model.sent(m.id));
                prop_assert_eq!(m.balance.received.cents(), model.received(m.id));
            }
            for (id, (details, shares, _)) in &model.expenses {
                let total: i64 = shares.iter().map(|s| s.amount.cents()).sum();
                prop_assert_eq!(total, details.amount.cents(), "shares of {} add up", id);
            }
        }
    }
}

//! Refunds: money coming in, split like an expense with the sign reversed, one given / when /
//! then scenario per rule, and their event codec.

use super::tests::{
    Flat, account, corrected, date, description, expense, fold, net, nets_sum, recorded, shares,
    with,
};
use super::*;
use crate::domain::ids::ExpenseId;
use crate::domain::money::{AmountError, Money};
use crate::domain::split::Split;
use crate::event_sourcing::{Aggregate, DomainEvent, Snapshotting};

fn refund(expense_id: ExpenseId, details: ExpenseDetails) -> AccountCommand {
    AccountCommand::RecordRefund {
        expense_id,
        details,
    }
}

/// A past `RefundRecorded`; the cents do not depend on the tie-break for even amounts.
fn refunded(expense_id: ExpenseId, details: &ExpenseDetails) -> AccountEvent {
    AccountEvent::RefundRecorded {
        expense_id,
        details: details.clone(),
        shares: details
            .split
            .allocate(details.amount, 0)
            .expect("valid split"),
    }
}

/// Alex received `cents` (the deposit back) for all three, split equally.
fn deposit(f: &Flat, cents: i64) -> ExpenseDetails {
    ExpenseDetails {
        description: description("Deposit back"),
        ..expense(f.alex, &[f.sam, f.alex, f.kim], cents)
    }
}

#[test]
fn recording_a_refund_records_its_own_event_with_each_participants_cents() {
    let f = Flat::new();
    let id = ExpenseId::new();
    account(f.three())
        .when(refund(id, deposit(&f, 3000)))
        .then(vec![AccountEvent::RefundRecorded {
            expense_id: id,
            details: deposit(&f, 3000),
            shares: shares(&[(f.sam, 1000), (f.alex, 1000), (f.kim, 1000)]),
        }]);
}

#[test]
fn a_refund_lowers_the_receivers_paid_and_each_sharers_owed() {
    let f = Flat::new();
    let id = ExpenseId::new();
    let state = fold(&with(f.three(), [refunded(id, &deposit(&f, 3000))]));
    let alex = state.member(f.alex).expect("known").balance;
    assert_eq!(alex.paid, Money(-3000), "the receiver's paid goes down");
    assert_eq!(
        alex.owed,
        Money(-1000),
        "their own share comes off what they owe"
    );
    // Alex holds the others' parts of the money: Alex owes them, they are owed.
    assert_eq!(net(&state, f.alex), -2000);
    assert_eq!(net(&state, f.sam), 1000);
    assert_eq!(net(&state, f.kim), 1000);
    assert_eq!(nets_sum(&state), 0);
    assert!(state.expenses[&id].refund, "the state knows it is a refund");
}

#[test]
fn a_refund_of_an_expense_with_the_same_split_cancels_it() {
    let f = Flat::new();
    let state = fold(&with(
        f.three(),
        [
            recorded(ExpenseId::new(), &deposit(&f, 3000)),
            refunded(ExpenseId::new(), &deposit(&f, 3000)),
        ],
    ));
    for m in [f.sam, f.alex, f.kim] {
        assert_eq!(net(&state, m), 0);
    }
}

#[test]
fn repeating_a_refund_changes_nothing() {
    let f = Flat::new();
    let id = ExpenseId::new();
    account(with(f.three(), [refunded(id, &deposit(&f, 3000))]))
        .when(refund(id, deposit(&f, 3000)))
        .then_nothing();
}

#[test]
fn reusing_a_refunds_id_for_another_refund_is_refused() {
    let f = Flat::new();
    let id = ExpenseId::new();
    account(with(f.three(), [refunded(id, &deposit(&f, 3000))]))
        .when(refund(id, deposit(&f, 4500)))
        .then_error(AccountError::ExpenseIdTaken);
}

#[test]
fn recording_an_expense_under_a_refunds_id_is_refused_even_with_the_same_content() {
    let f = Flat::new();
    let id = ExpenseId::new();
    account(with(f.three(), [refunded(id, &deposit(&f, 3000))]))
        .when(AccountCommand::RecordExpense {
            expense_id: id,
            details: deposit(&f, 3000),
        })
        .then_error(AccountError::ExpenseIdTaken);
}

#[test]
fn recording_a_refund_under_an_expenses_id_is_refused_even_with_the_same_content() {
    let f = Flat::new();
    let id = ExpenseId::new();
    account(with(f.three(), [recorded(id, &deposit(&f, 3000))]))
        .when(refund(id, deposit(&f, 3000)))
        .then_error(AccountError::ExpenseIdTaken);
}

#[test]
fn a_refund_of_zero_or_less_is_refused_like_an_expense() {
    let f = Flat::new();
    for amount in [0, -500] {
        account(f.three())
            .when(refund(ExpenseId::new(), deposit(&f, amount)))
            .then_error(AccountError::Amount(AmountError::NotPositive));
    }
}

#[test]
fn a_refund_received_by_an_inactive_member_is_refused() {
    let f = Flat::new();
    account(f.three_kim_inactive())
        .when(refund(
            ExpenseId::new(),
            ExpenseDetails {
                payer: f.kim,
                ..expense(f.kim, &[f.sam, f.alex], 1000)
            },
        ))
        .then_error(AccountError::PayerInactive);
}

#[test]
fn a_refund_shared_with_an_inactive_member_is_refused() {
    let f = Flat::new();
    account(f.three_kim_inactive())
        .when(refund(ExpenseId::new(), deposit(&f, 3000)))
        .then_error(AccountError::ParticipantInactive("Kim".into()));
}

#[test]
fn a_refund_dated_too_far_ahead_is_refused() {
    let f = Flat::new();
    account(f.three())
        .when(refund(
            ExpenseId::new(),
            ExpenseDetails {
                date: date(2030, 1, 1),
                ..deposit(&f, 3000)
            },
        ))
        .then_error(AccountError::DateOutOfRange(date(2027, 11, 26)));
}

#[test]
fn correcting_a_refund_records_an_expense_correction() {
    let f = Flat::new();
    let id = ExpenseId::new();
    let new = ExpenseDetails {
        split: Split::Equally {
            participants: vec![f.sam, f.alex],
        },
        ..deposit(&f, 5000)
    };
    account(with(f.three(), [refunded(id, &deposit(&f, 3000))]))
        .when(AccountCommand::CorrectExpense {
            expense_id: id,
            details: new.clone(),
            expected_revision: Some(1),
        })
        .then(vec![AccountEvent::ExpenseCorrected {
            expense_id: id,
            details: new,
            shares: shares(&[(f.sam, 2500), (f.alex, 2500)]),
        }]);
}

#[test]
fn a_corrected_refund_stays_a_refund_and_keeps_the_reversed_sign() {
    let f = Flat::new();
    let id = ExpenseId::new();
    let state = fold(&with(
        f.three(),
        [
            refunded(id, &deposit(&f, 3000)),
            corrected(id, &deposit(&f, 6000)),
        ],
    ));
    assert!(
        state.expenses[&id].refund,
        "a correction cannot make it an expense"
    );
    assert_eq!(net(&state, f.alex), -4000);
    assert_eq!(net(&state, f.sam), 2000);
    assert_eq!(net(&state, f.kim), 2000);
}

#[test]
fn correcting_a_refund_with_a_stale_revision_is_refused() {
    let f = Flat::new();
    let id = ExpenseId::new();
    account(with(
        f.three(),
        [
            refunded(id, &deposit(&f, 3000)),
            corrected(id, &deposit(&f, 3300)),
        ],
    ))
    .when(AccountCommand::CorrectExpense {
        expense_id: id,
        details: deposit(&f, 6000),
        expected_revision: Some(1),
    })
    .then_error(AccountError::StaleExpense { current: 2 });
}

#[test]
fn deleting_a_refund_records_an_expense_deletion_and_takes_it_out_of_the_balances() {
    let f = Flat::new();
    let id = ExpenseId::new();
    let given = with(f.three(), [refunded(id, &deposit(&f, 3000))]);
    account(given.clone())
        .when(AccountCommand::DeleteExpense { expense_id: id })
        .then(vec![AccountEvent::ExpenseDeleted { expense_id: id }]);
    let state = fold(&with(
        given,
        [AccountEvent::ExpenseDeleted { expense_id: id }],
    ));
    for m in [f.sam, f.alex, f.kim] {
        assert_eq!(state.member(m).expect("known").balance.net(), Money(0));
    }
    assert!(state.expenses[&id].refund && state.expenses[&id].deleted);
}

#[test]
fn restoring_a_refund_brings_back_the_reversed_sign() {
    let f = Flat::new();
    let id = ExpenseId::new();
    let given = with(
        f.three(),
        [
            refunded(id, &deposit(&f, 3000)),
            AccountEvent::ExpenseDeleted { expense_id: id },
        ],
    );
    account(given.clone())
        .when(AccountCommand::RestoreExpense { expense_id: id })
        .then(vec![AccountEvent::ExpenseRestored { expense_id: id }]);
    let state = fold(&with(
        given,
        [AccountEvent::ExpenseRestored { expense_id: id }],
    ));
    assert_eq!(net(&state, f.alex), -2000);
    assert_eq!(net(&state, f.sam), 1000);
}

#[test]
fn correcting_a_deleted_refund_is_refused() {
    let f = Flat::new();
    let id = ExpenseId::new();
    account(with(
        f.three(),
        [
            refunded(id, &deposit(&f, 3000)),
            AccountEvent::ExpenseDeleted { expense_id: id },
        ],
    ))
    .when(AccountCommand::CorrectExpense {
        expense_id: id,
        details: deposit(&f, 6000),
        expected_revision: None,
    })
    .then_error(AccountError::ExpenseIsDeleted);
}

#[test]
fn a_refund_hydrated_after_a_snapshot_is_still_a_refund_when_corrected() {
    // The command path restores the snapshot (balances with the refund in them) and hydrates
    // the refund's own events: a correction must still reverse its sign.
    let f = Flat::new();
    let id = ExpenseId::new();
    let past = with(f.three(), [refunded(id, &deposit(&f, 3000))]);
    let mut state = SharedAccount::restore(fold(&past).snapshot());
    state.hydrate(&past[past.len() - 1]);
    assert!(state.expenses[&id].refund);
    state.apply(&corrected(id, &deposit(&f, 6000)));
    assert_eq!(net(&state, f.alex), -4000);
    assert_eq!(nets_sum(&state), 0);
}

#[test]
fn an_expense_state_stored_before_refunds_existed_reads_as_an_expense() {
    let f = Flat::new();
    let id = ExpenseId::new();
    let state = fold(&with(f.three(), [recorded(id, &deposit(&f, 3000))]));
    let mut value = serde_json::to_value(&state.expenses[&id]).expect("serialisable");
    value.as_object_mut().expect("object").remove("refund");
    let back: ExpenseState = serde_json::from_value(value).expect("reads without the field");
    assert!(!back.refund);
}

#[test]
fn the_refund_event_has_its_own_stable_type_name_at_version_one() {
    let f = Flat::new();
    let event = refunded(ExpenseId::new(), &deposit(&f, 3000));
    assert_eq!(event.event_type(), "refund_recorded");
    assert_eq!(event_types::REFUND_RECORDED, "refund_recorded");
    assert_eq!(
        event.schema_version(),
        1,
        "version 2 is only for a refund in another currency"
    );
    assert!(AccountEvent::TYPES.contains(&"refund_recorded"));
    assert!(
        <AccountEvent as DomainEvent>::SUBJECT_TYPES.contains(&"refund_recorded"),
        "history and the as-of view find a refund by its subject"
    );
}

#[test]
fn the_refund_event_round_trips_through_its_stored_payload() {
    let f = Flat::new();
    let id = ExpenseId::new();
    let event = refunded(id, &deposit(&f, 3000));
    assert_eq!(event.subject_id(), Some(id.0));
    let payload = event.to_payload().expect("serialisable");
    let value: serde_json::Value = serde_json::from_str(&payload).expect("json");
    for field in ["expense_id", "details", "shares"] {
        assert!(value.get(field).is_some(), "{field} in {payload}");
    }
    let back = AccountEvent::from_stored("refund_recorded", 2, &payload).expect("decodes");
    assert_eq!(back, event);
    let v1 = AccountEvent::from_stored("refund_recorded", 1, &payload).expect("version 1 reads");
    assert_eq!(
        v1, event,
        "a version 1 payload has no amount in another currency"
    );
    assert!(
        AccountEvent::from_stored("refund_recorded", 3, &payload).is_err(),
        "no version 3 yet"
    );
}

#[test]
fn a_refund_command_is_about_its_expense() {
    let f = Flat::new();
    let id = ExpenseId::new();
    assert_eq!(
        SharedAccount::subject(&refund(id, deposit(&f, 3000))),
        Some(id.0)
    );
}

#[test]
fn the_expense_totals_count_a_refund_as_an_entry_and_take_it_off_the_total() {
    let f = Flat::new();
    let (dinner, back) = (ExpenseId::new(), ExpenseId::new());
    let totals = |events: &[AccountEvent]| fold(events).expense_totals;
    let expected = |recorded, live, cents| ExpenseTotals {
        recorded,
        live,
        live_total: Money(cents),
    };
    let both = with(
        f.three(),
        [
            recorded(dinner, &f.dinner(3000)),
            refunded(back, &deposit(&f, 1000)),
        ],
    );
    assert_eq!(totals(&both), expected(2, 2, 2000));
    let corrected_back = with(both, [corrected(back, &deposit(&f, 1500))]);
    assert_eq!(totals(&corrected_back), expected(2, 2, 1500));
    let deleted_back = with(
        corrected_back,
        [AccountEvent::ExpenseDeleted { expense_id: back }],
    );
    assert_eq!(totals(&deleted_back), expected(2, 1, 3000));
    let restored_back = with(
        deleted_back,
        [AccountEvent::ExpenseRestored { expense_id: back }],
    );
    assert_eq!(totals(&restored_back), expected(2, 2, 1500));
}

//! Expenses paid in another currency than the account's: the original amount and the rate
//! are kept, the shares are the exact conversion. One given / when / then scenario per rule.

use super::tests::{Flat, account, expense, fold, net, nets_sum, shares, with};
use super::*;
use crate::domain::exchange::{ExchangeError, ForeignAmount, Rate};
use crate::domain::ids::{ExpenseId, MemberId};
use crate::domain::money::{AmountError, Currency, Money};
use crate::domain::names::AccountName;
use crate::domain::split::{Portion, Split};
use crate::event_sourcing::{Aggregate, DecisionContext, DomainEvent};
use chrono::{TimeZone, Utc};

fn code(c: &str) -> Currency {
    Currency::from_code(c).expect("known currency")
}

fn paid_in(c: &str, minor: i64, rate: &str) -> ForeignAmount {
    ForeignAmount {
        currency: code(c),
        amount: Money(minor),
        rate: Rate::parse(rate).expect("valid rate"),
    }
}

/// `details` paid in another currency, with the converted amount the account's `currency`
/// gets.
fn abroad(
    mut details: ExpenseDetails,
    foreign: ForeignAmount,
    currency: Currency,
) -> ExpenseDetails {
    details.amount = foreign.converted(currency).expect("converts");
    details.foreign = Some(foreign);
    details
}

fn record(expense_id: ExpenseId, details: ExpenseDetails) -> AccountCommand {
    AccountCommand::RecordExpense {
        expense_id,
        details,
    }
}

/// Decides `command` on `history` and returns the shares it records.
fn recorded_shares(history: &[AccountEvent], command: &AccountCommand) -> Vec<(MemberId, i64)> {
    let context = DecisionContext::at(
        Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0)
            .single()
            .expect("a time"),
    );
    let events = fold(history).handle(command, &context).expect("accepted");
    match &events[..] {
        [AccountEvent::ExpenseRecorded { shares, .. }] => shares
            .iter()
            .map(|s| (s.member_id, s.amount.cents()))
            .collect(),
        other => panic!("{other:?}"),
    }
}

/// Sam, Alex and Kim in an account kept in `currency`.
fn flat_in(f: &Flat, currency: &str) -> Vec<AccountEvent> {
    let mut events = f.three();
    events[0] = AccountEvent::AccountOpened {
        name: AccountName::parse("Flat 3B").expect("name"),
        currency: code(currency),
    };
    events
}

#[test]
fn an_expense_paid_in_yen_keeps_the_yen_and_the_rate_and_splits_the_euros() {
    let f = Flat::new();
    let id = ExpenseId::new();
    // ¥12,000 at 0.0062 is €74.40: €24.80 each.
    let details = abroad(f.dinner(0), paid_in("JPY", 12_000, "0.0062"), code("EUR"));
    assert_eq!(details.amount, Money(7440));
    account(f.three())
        .when(record(id, details.clone()))
        .then(vec![AccountEvent::ExpenseRecorded {
            expense_id: id,
            details,
            shares: shares(&[(f.sam, 2480), (f.alex, 2480), (f.kim, 2480)]),
            from_schedule: None,
        }]);
}

#[test]
fn the_converted_shares_add_up_to_the_converted_total_by_largest_remainder() {
    let f = Flat::new();
    // ¥10,000 at 0.0061 is €61.00; a third is €20.333…: two get 20.33, one 20.34.
    let details = abroad(f.dinner(0), paid_in("JPY", 10_000, "0.0061"), code("EUR"));
    let got = recorded_shares(&f.three(), &record(ExpenseId::new(), details));
    let mut cents: Vec<i64> = got.iter().map(|(_, c)| *c).collect();
    assert_eq!(cents.iter().sum::<i64>(), 6100);
    cents.sort_unstable();
    assert_eq!(cents, vec![2033, 2033, 2034]);
}

#[test]
fn exact_amounts_are_entered_in_the_currency_paid() {
    let f = Flat::new();
    let split = Split::ByExactAmounts {
        amounts: vec![
            Portion {
                member_id: f.sam,
                value: 7_000,
            },
            Portion {
                member_id: f.alex,
                value: 3_000,
            },
        ],
    };
    let details = abroad(
        ExpenseDetails {
            split,
            ..f.dinner(0)
        },
        paid_in("JPY", 10_000, "0.0062"),
        code("EUR"),
    );
    let got = recorded_shares(&f.three(), &record(ExpenseId::new(), details));
    assert_eq!(got, vec![(f.sam, 4340), (f.alex, 1860)]);
}

#[test]
fn exact_amounts_that_do_not_add_up_to_the_amount_paid_are_refused() {
    let f = Flat::new();
    let split = Split::ByExactAmounts {
        amounts: vec![Portion {
            member_id: f.sam,
            value: 6200,
        }],
    };
    // 62.00 would be the converted total in euros, but the amounts are in yen.
    let details = abroad(
        ExpenseDetails {
            split,
            ..f.dinner(0)
        },
        paid_in("JPY", 10_000, "0.0062"),
        code("EUR"),
    );
    account(f.three())
        .when(record(ExpenseId::new(), details))
        .then_error(AccountError::Split(
            crate::domain::split::SplitError::ExactAmountsMismatch {
                expected: 10_000,
                got: 6200,
            },
        ));
}

#[test]
fn a_converted_amount_that_is_not_the_conversion_is_refused() {
    let f = Flat::new();
    let mut details = abroad(f.dinner(0), paid_in("USD", 1000, "0.92"), code("EUR"));
    details.amount = Money(900);
    account(f.three())
        .when(record(ExpenseId::new(), details))
        .then_error(AccountError::Exchange(ExchangeError::Mismatch {
            currency: code("EUR"),
            expected: Money(920),
        }));
}

#[test]
fn the_accounts_own_currency_is_not_another_one() {
    let f = Flat::new();
    let mut details = f.dinner(1000);
    details.foreign = Some(paid_in("EUR", 1000, "1"));
    account(f.three())
        .when(record(ExpenseId::new(), details))
        .then_error(AccountError::Exchange(ExchangeError::SameCurrency));
}

#[test]
fn an_amount_that_converts_to_less_than_a_cent_is_refused() {
    let f = Flat::new();
    let mut details = f.dinner(1);
    details.foreign = Some(paid_in("JPY", 1, "0.001"));
    account(f.three())
        .when(record(ExpenseId::new(), details))
        .then_error(AccountError::Exchange(ExchangeError::ConvertsToNothing(
            "EUR".into(),
        )));
}

#[test]
fn the_amount_paid_follows_the_rules_of_its_own_currency() {
    let f = Flat::new();
    let mut details = f.dinner(1);
    // Over a million yen.
    details.foreign = Some(paid_in("JPY", 1_000_001, "0.0062"));
    account(f.three())
        .when(record(ExpenseId::new(), details))
        .then_error(AccountError::Amount(AmountError::TooLarge));
}

#[test]
fn accounts_in_currencies_of_zero_and_three_digits_convert_exactly() {
    let f = Flat::new();
    // A yen account: €10.00 at 162.35 is ¥1,623.5, rounded once to ¥1,624; thirds 541/541/542.
    let details = abroad(f.dinner(0), paid_in("EUR", 1000, "162.35"), code("JPY"));
    assert_eq!(details.amount, Money(1624));
    let got = recorded_shares(&flat_in(&f, "JPY"), &record(ExpenseId::new(), details));
    let mut yen: Vec<i64> = got.iter().map(|(_, c)| *c).collect();
    yen.sort_unstable();
    assert_eq!(yen, vec![541, 541, 542]);
    // A dinar account: $30.00 at 0.3075 is KWD 9.225, a third each, to the fils.
    let details = abroad(f.dinner(0), paid_in("USD", 3000, "0.3075"), code("KWD"));
    assert_eq!(details.amount, Money(9225));
    let got = recorded_shares(&flat_in(&f, "KWD"), &record(ExpenseId::new(), details));
    assert_eq!(got, vec![(f.sam, 3075), (f.alex, 3075), (f.kim, 3075)]);
}

#[test]
fn a_later_rate_never_changes_what_was_recorded() {
    let f = Flat::new();
    let (first, second) = (ExpenseId::new(), ExpenseId::new());
    let at = |rate| abroad(f.dinner(0), paid_in("USD", 3000, rate), code("EUR"));
    let history = with(
        f.three(),
        [
            super::tests::recorded(first, &at("0.90")),
            super::tests::recorded(second, &at("0.95")),
        ],
    );
    let state = fold(&history);
    // €27.00 and €28.50: Sam paid both, owes a third of each.
    assert_eq!(net(&state, f.sam), 2700 + 2850 - 900 - 950);
    assert_eq!(state.expenses[&first].details.amount, Money(2700));
    assert_eq!(
        state.expenses[&first].details.foreign,
        Some(paid_in("USD", 3000, "0.90"))
    );
    assert_eq!(nets_sum(&state), 0);
}

#[test]
fn a_refund_in_another_currency_is_converted_like_an_expense() {
    let f = Flat::new();
    let details = abroad(
        expense(f.alex, &[f.sam, f.alex], 0),
        paid_in("GBP", 5000, "1.17"),
        code("EUR"),
    );
    let context = DecisionContext::at(
        Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0)
            .single()
            .expect("a time"),
    );
    let events = fold(&f.three())
        .handle(
            &AccountCommand::RecordRefund {
                expense_id: ExpenseId::new(),
                details,
            },
            &context,
        )
        .expect("accepted");
    let state = fold(&with(f.three(), events));
    assert_eq!(net(&state, f.alex), -2925);
    assert_eq!(net(&state, f.sam), 2925);
}

#[test]
fn expense_events_written_at_version_two_replay_without_another_currency() {
    let f = Flat::new();
    let id = ExpenseId::new();
    // What version 2 wrote: no `foreign` key at all.
    let v2 = format!(
        r#"{{"expense_id":"{}","details":{{"payer":"{}","amount":3000,"description":"Dinner","date":"2026-11-20","split":{{"mode":"equally","participants":["{}","{}"]}},"category":null}},"shares":[{{"member_id":"{}","amount":1500}},{{"member_id":"{}","amount":1500}}]}}"#,
        id.0, f.sam.0, f.sam.0, f.alex.0, f.sam.0, f.alex.0
    );
    let event = AccountEvent::from_stored(event_types::EXPENSE_RECORDED, 2, &v2)
        .unwrap_or_else(|e| panic!("version 2 reads: {e}"));
    let AccountEvent::ExpenseRecorded { details, .. } = &event else {
        panic!("{event:?}");
    };
    assert_eq!(details.foreign, None);
    let state = fold(&with(f.three(), [event.clone()]));
    assert_eq!(net(&state, f.sam), 1500);
    // Written today it is version 3, and the currency is in the payload.
    let today = super::tests::recorded(
        id,
        &abroad(f.dinner(0), paid_in("JPY", 12_000, "0.0062"), code("EUR")),
    );
    assert_eq!(today.schema_version(), 3);
    // Without one it stays at version 2, which the release before reads.
    assert_eq!(
        super::tests::recorded(id, &f.dinner(3000)).schema_version(),
        2
    );
    let payload = today.to_payload().expect("serialisable");
    assert!(payload.contains(r#""foreign":{"currency":{"code":"JPY","minor_units":0},"amount":12000,"rate":"0.0062"}"#), "{payload}");
    assert_eq!(
        AccountEvent::from_stored(event_types::EXPENSE_RECORDED, 3, &payload).ok(),
        Some(today)
    );
}

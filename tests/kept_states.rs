//! The command path keeps each account's state between commands: every decision it takes
//! from a kept state is the one a full replay of the history takes, also after another
//! instance wrote, after a snapshot dropped the expenses from memory, after a refusal and
//! after a write that failed.

mod common;

use common::*;
use tally::application::{AccountRepository, CommandError};
use tally::domain::*;
use tally::event_sourcing::{Aggregate, Metadata};
use tally::infrastructure::db::DbConnection;
use tally::projections::verify::verify;

const EVERY: i64 = 3;

/// Runs `command` through `repo` and checks that it decided what a replay of the whole
/// history decides: the same number of events, or the same refusal.
fn decide_as_replay(
    conn: &mut DbConnection,
    repo: &AccountRepository,
    flat: &Flat,
    command: AccountCommand,
) -> Result<usize, CommandError> {
    let replayed = AccountRepository::retrieve(conn, flat.account).expect("replay");
    let expected = replayed.state.handle(&command, &context());
    let got = repo
        .execute(
            conn,
            flat.account,
            &command,
            &Metadata::default(),
            &context(),
        )
        .map(|d| d.recorded);
    match (&expected, &got) {
        (Ok(events), Ok(recorded)) => assert_eq!(events.len(), *recorded, "{command:?}"),
        (Err(refusal), Err(CommandError::Rejected(got))) => assert_eq!(refusal, got, "{command:?}"),
        _ => panic!("{command:?}: a replay decides {expected:?}, the repository {got:?}"),
    }
    got
}

fn record(id: ExpenseId, details: &ExpenseDetails) -> AccountCommand {
    AccountCommand::RecordExpense {
        expense_id: id,
        details: details.clone(),
    }
}

fn filler(flat: &Flat, i: usize) -> AccountCommand {
    let m = &flat.members;
    record(
        ExpenseId::new(),
        &expense(m[i % m.len()], 100 + i as i64, "Filler", m),
    )
}

fn kept_states_decide_as_a_replay(db: TestDb) {
    let mut conn = db.conn();
    let flat = open_flat(&mut conn, &["Sam", "Alex", "Kim"]);
    let m = flat.members.clone();
    let kept = AccountRepository::with_snapshot_every(EVERY);
    let other_instance = AccountRepository::with_snapshot_every(EVERY);
    let run = |conn: &mut DbConnection, command| decide_as_replay(conn, &kept, &flat, command);

    // An expense, then enough others for several snapshots: the kept state drops it.
    let early = ExpenseId::new();
    let early_details = expense(m[0], 999, "Early", &m);
    assert_eq!(run(&mut conn, record(early, &early_details)).ok(), Some(1));
    for i in 0..8 {
        assert_eq!(run(&mut conn, filler(&flat, i)).ok(), Some(1));
    }
    assert_eq!(
        run(&mut conn, record(early, &early_details)).ok(),
        Some(0),
        "a repeat"
    );
    let corrected = ExpenseDetails {
        amount: Money(1500),
        ..early_details.clone()
    };
    let correct = |details: &ExpenseDetails, revision| AccountCommand::CorrectExpense {
        expense_id: early,
        details: details.clone(),
        expected_revision: Some(revision),
    };
    assert_eq!(run(&mut conn, correct(&corrected, 1)).ok(), Some(1));
    assert!(
        matches!(
            run(&mut conn, correct(&early_details, 1)),
            Err(CommandError::Rejected(_))
        ),
        "a stale edit is refused"
    );
    // The refusal left the kept state as it was.
    assert_eq!(run(&mut conn, filler(&flat, 9)).ok(), Some(1));

    // Another instance writes: the kept state is behind and must not be used.
    let theirs = ExpenseId::new();
    let their_details = expense(m[1], 4242, "Theirs", &m);
    other_instance
        .execute(
            &mut conn,
            flat.account,
            &record(theirs, &their_details),
            &Metadata::default(),
            &context(),
        )
        .expect("recorded elsewhere");
    assert_eq!(
        run(&mut conn, record(theirs, &their_details)).ok(),
        Some(0),
        "their expense is known here"
    );
    for command in [
        AccountCommand::DeleteExpense { expense_id: theirs },
        AccountCommand::DeleteExpense { expense_id: theirs },
        AccountCommand::RestoreExpense { expense_id: theirs },
        AccountCommand::DeleteExpense { expense_id: early },
    ] {
        run(&mut conn, command).ok();
    }

    // A transfer, pushed behind a snapshot, then changed from the kept state.
    let transfer = TransferId::new();
    let transfer_details = TransferDetails {
        from: m[2],
        to: m[0],
        amount: Money(2000),
        date: today(),
    };
    let record_transfer = AccountCommand::RecordTransfer {
        transfer_id: transfer,
        details: transfer_details.clone(),
    };
    assert_eq!(run(&mut conn, record_transfer.clone()).ok(), Some(1));
    for i in 10..14 {
        run(&mut conn, filler(&flat, i)).expect("filler");
    }
    assert_eq!(run(&mut conn, record_transfer).ok(), Some(0), "a repeat");
    assert_eq!(
        run(
            &mut conn,
            AccountCommand::CorrectTransfer {
                transfer_id: transfer,
                details: TransferDetails {
                    amount: Money(2100),
                    ..transfer_details
                },
                expected_revision: Some(1),
            }
        )
        .ok(),
        Some(1)
    );
    assert_eq!(
        run(
            &mut conn,
            AccountCommand::DeleteTransfer {
                transfer_id: transfer
            }
        )
        .ok(),
        Some(1)
    );

    // A write that fails in the store (the id is another account's): nothing kept from it.
    let next_door = open_flat(&mut conn, &["Robin"]);
    let taken = ExpenseId::new();
    let robin = next_door.members[0];
    other_instance
        .execute(
            &mut conn,
            next_door.account,
            &record(taken, &expense(robin, 500, "Theirs", &[robin])),
            &Metadata::default(),
            &context(),
        )
        .expect("recorded next door");
    assert!(matches!(
        kept.execute(
            &mut conn,
            flat.account,
            &record(taken, &expense(m[0], 500, "Mine", &m)),
            &Metadata::default(),
            &context(),
        ),
        Err(CommandError::IdTaken)
    ));
    assert_eq!(run(&mut conn, filler(&flat, 20)).ok(), Some(1));

    let report = verify(&mut conn).expect("verify");
    assert!(report.is_ok(), "{:#?}", report.problems);
}

backend_tests!(kept_states_decide_as_a_replay);

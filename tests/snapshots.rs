//! Snapshots: loading uses the newest one plus later events, and decides exactly as a full
//! replay would; bad snapshots are ignored or reported, never trusted.

mod common;

use common::*;
use diesel::prelude::*;
use tally::application::{AccountRepository, CommandError};
use tally::domain::*;
use tally::event_sourcing::{Metadata, Snapshotting};
use tally::infrastructure::db::DbConnection;
use tally::infrastructure::schema::{events, snapshots};
use tally::projections::rebuild::rebuild_projections;
use tally::projections::rows::ReadModelDump;
use tally::projections::verify::verify;

const EVERY: i64 = 3;

/// The expense list's count and total kept on the account row (moved by each event) equal a
/// count and sum of the expense rows themselves.
fn assert_list_totals_match_the_rows(conn: &mut DbConnection, when: &str) {
    use tally::infrastructure::schema::{accounts, expenses};
    let kept: Vec<(Vec<u8>, i64, i64, i64)> = accounts::table
        .select((
            accounts::account_id,
            accounts::expense_count,
            accounts::live_expense_count,
            accounts::live_expense_total,
        ))
        .load(conn)
        .expect("accounts");
    assert!(!kept.is_empty());
    for (account, count, live, total) in kept {
        let rows: Vec<(i64, bool)> = expenses::table
            .filter(expenses::account_id.eq(&account))
            .select((expenses::amount, expenses::deleted))
            .load(conn)
            .expect("expenses");
        let live_rows: Vec<i64> = rows.iter().filter(|r| !r.1).map(|r| r.0).collect();
        assert_eq!(count, rows.len() as i64, "count {when}");
        assert_eq!(live, live_rows.len() as i64, "live count {when}");
        assert_eq!(total, live_rows.iter().sum::<i64>(), "live total {when}");
    }
}

fn run3(
    conn: &mut DbConnection,
    flat: &Flat,
    command: AccountCommand,
) -> Result<usize, CommandError> {
    AccountRepository::with_snapshot_every(EVERY)
        .execute(
            conn,
            flat.account,
            &command,
            &Metadata::default(),
            &context(),
        )
        .map(|d| d.recorded)
}

fn snapshot_version(conn: &mut DbConnection, flat: &Flat) -> Option<i64> {
    snapshots::table
        .find(flat.account.as_bytes().as_slice())
        .select(snapshots::version)
        .first(conn)
        .optional()
        .expect("query")
}

fn assert_same_as_replay(conn: &mut DbConnection, flat: &Flat, command: &AccountCommand) {
    let partial = AccountRepository::retrieve_for(conn, flat.account, command).expect("load");
    let full = AccountRepository::retrieve(conn, flat.account).expect("replay");
    assert_eq!(partial.version, full.version);
    assert_eq!(
        partial.state.snapshot(),
        full.state.snapshot(),
        "members and balances"
    );
    if let Some(subject) = SharedAccount::subject(command) {
        let id = ExpenseId(subject);
        assert_eq!(
            partial.state.expenses.get(&id),
            full.state.expenses.get(&id),
            "the command's expense"
        );
    }
}

fn old_expenses_are_found_across_snapshots(db: TestDb) {
    let mut conn = db.conn();
    let flat = open_flat(&mut conn, &["Sam", "Alex", "Kim"]);
    let m = flat.members.clone();
    let early = ExpenseId::new();
    let early_details = expense(m[0], 999, "Early", &m);
    let record_early = AccountCommand::RecordExpense {
        expense_id: early,
        details: early_details.clone(),
    };
    assert_eq!(run3(&mut conn, &flat, record_early.clone()).ok(), Some(1));
    for i in 0..10 {
        let c = AccountCommand::RecordExpense {
            expense_id: ExpenseId::new(),
            details: expense(m[i % 3], 100 + i as i64, "Filler", &m),
        };
        assert_eq!(run3(&mut conn, &flat, c).ok(), Some(1));
    }
    assert!(
        snapshot_version(&mut conn, &flat).is_some_and(|v| v > 4),
        "snapshots were written"
    );

    // The same expense submitted again long after: still recognised, nothing recorded.
    assert_same_as_replay(&mut conn, &flat, &record_early);
    assert_eq!(run3(&mut conn, &flat, record_early).ok(), Some(0));
    let other_content = AccountCommand::RecordExpense {
        expense_id: early,
        details: ExpenseDetails {
            amount: Money(1000),
            ..early_details.clone()
        },
    };
    assert!(matches!(
        run3(&mut conn, &flat, other_content),
        Err(CommandError::Rejected(AccountError::ExpenseIdTaken))
    ));
    // Correct, delete and restore the early expense: balances move exactly as in a replay.
    let correct = AccountCommand::CorrectExpense {
        expense_id: early,
        details: expense(m[1], 1500, "Early (fixed)", &m[..2]),
        expected_revision: Some(1),
    };
    assert_same_as_replay(&mut conn, &flat, &correct);
    assert_eq!(run3(&mut conn, &flat, correct).ok(), Some(1));
    for c in [
        AccountCommand::DeleteExpense { expense_id: early },
        AccountCommand::RestoreExpense { expense_id: early },
        AccountCommand::DeleteExpense { expense_id: early },
    ] {
        assert_same_as_replay(&mut conn, &flat, &c);
        assert_eq!(run3(&mut conn, &flat, c).ok(), Some(1));
    }
    // A later command about something else replays the tail's references to old expenses.
    let unrelated = AccountCommand::AddMember {
        member_id: MemberId::new(),
        name: MemberName::parse("Jo").expect("name"),
        user_id: None,
    };
    assert_same_as_replay(&mut conn, &flat, &unrelated);
    run3(&mut conn, &flat, unrelated).expect("added");
    let report = verify(&mut conn).expect("verify");
    assert!(report.is_ok(), "{:#?}", report.problems);
}

/// A payment recorded long before the newest snapshot is still found when it is repeated,
/// corrected, deleted and restored, and the balances move exactly as in a full replay.
fn old_payments_are_found_across_snapshots(db: TestDb) {
    let mut conn = db.conn();
    let flat = open_flat(&mut conn, &["Sam", "Alex", "Kim"]);
    let m = flat.members.clone();
    let early = TransferId::new();
    let details = TransferDetails {
        from: m[1],
        to: m[0],
        amount: Money(2000),
        date: today(),
    };
    let record = AccountCommand::RecordTransfer {
        transfer_id: early,
        details: details.clone(),
    };
    assert_eq!(run3(&mut conn, &flat, record.clone()).ok(), Some(1));
    for i in 0..8 {
        let c = AccountCommand::RecordExpense {
            expense_id: ExpenseId::new(),
            details: expense(m[i % 3], 100 + i as i64, "Filler", &m),
        };
        assert_eq!(run3(&mut conn, &flat, c).ok(), Some(1));
    }
    assert!(snapshot_version(&mut conn, &flat).is_some_and(|v| v > 4));
    assert_eq!(run3(&mut conn, &flat, record).ok(), Some(0), "a repeat");
    let same = |partial: &SharedAccount, full: &SharedAccount| {
        assert_eq!(partial.snapshot(), full.snapshot());
        assert_eq!(partial.transfers.get(&early), full.transfers.get(&early));
    };
    for c in [
        AccountCommand::CorrectTransfer {
            transfer_id: early,
            details: TransferDetails {
                from: m[2],
                amount: Money(2500),
                ..details.clone()
            },
            expected_revision: Some(1),
        },
        AccountCommand::DeleteTransfer { transfer_id: early },
        AccountCommand::RestoreTransfer { transfer_id: early },
        AccountCommand::DeleteTransfer { transfer_id: early },
    ] {
        let partial = AccountRepository::retrieve_for(&mut conn, flat.account, &c).expect("load");
        let full = AccountRepository::retrieve(&mut conn, flat.account).expect("replay");
        same(&partial.state, &full.state);
        assert_eq!(run3(&mut conn, &flat, c).ok(), Some(1));
    }
    let stale = AccountCommand::CorrectTransfer {
        transfer_id: early,
        details,
        expected_revision: Some(1),
    };
    assert!(matches!(
        run3(&mut conn, &flat, stale),
        Err(CommandError::Rejected(AccountError::StaleTransfer {
            current: 5
        }))
    ));
    let report = verify(&mut conn).expect("verify");
    assert!(report.is_ok(), "{:#?}", report.problems);
}

fn a_snapshot_of_an_unknown_format_is_ignored(db: TestDb) {
    let mut conn = db.conn();
    let flat = open_flat(&mut conn, &["Sam", "Alex"]);
    for i in 0..6 {
        let c = AccountCommand::RecordExpense {
            expense_id: ExpenseId::new(),
            details: expense(flat.members[0], 100 + i, "Bread", &flat.members),
        };
        run3(&mut conn, &flat, c).expect("recorded");
    }
    diesel::update(snapshots::table)
        .set((
            snapshots::schema_version.eq(999),
            snapshots::state.eq("{\"from\":\"the future\"}"),
        ))
        .execute(&mut conn)
        .expect("tamper");
    let c = AccountCommand::RecordExpense {
        expense_id: ExpenseId::new(),
        details: expense(flat.members[1], 50, "Milk", &flat.members),
    };
    assert_same_as_replay(&mut conn, &flat, &c);
    run3(&mut conn, &flat, c).expect("recorded on a full replay");
    let report = verify(&mut conn).expect("verify");
    assert!(
        report.is_ok(),
        "an unknown format is not a problem, just unused: {:#?}",
        report.problems
    );
    // The next command need not replay everything again: a readable snapshot was saved by the
    // one that had to, though its version is not a multiple of EVERY.
    let (format, at): (i32, i64) = snapshots::table
        .select((snapshots::schema_version, snapshots::version))
        .first(&mut conn)
        .expect("snapshot");
    let version: i64 = tally::infrastructure::schema::accounts::table
        .select(tally::infrastructure::schema::accounts::version)
        .first(&mut conn)
        .expect("account version");
    assert_eq!(format, SharedAccount::SNAPSHOT_SCHEMA_VERSION);
    assert_eq!(at, version);
    assert_ne!(
        at % EVERY,
        0,
        "saved because the old one was unreadable, not because it was due"
    );
}

fn verify_reports_a_snapshot_that_disagrees_with_the_events(db: TestDb) {
    let mut conn = db.conn();
    let flat = open_flat(&mut conn, &["Sam", "Alex"]);
    for i in 0..6 {
        let c = AccountCommand::RecordExpense {
            expense_id: ExpenseId::new(),
            details: expense(flat.members[0], 100 + i, "Bread", &flat.members),
        };
        run3(&mut conn, &flat, c).expect("recorded");
    }
    let state: String = snapshots::table
        .select(snapshots::state)
        .first(&mut conn)
        .expect("row");
    let forged = state.replacen("\"paid\":", "\"paid\":7", 1);
    assert_ne!(forged, state);
    diesel::update(snapshots::table)
        .set(snapshots::state.eq(&forged))
        .execute(&mut conn)
        .expect("tamper");
    let report = verify(&mut conn).expect("verify");
    assert!(
        report.problems.iter().any(|p| p.contains("snapshot")),
        "{:#?}",
        report.problems
    );
    rebuild_projections(&mut conn, &mut |_, _| {}).expect("rebuild writes fresh snapshots");
    let report = verify(&mut conn).expect("verify");
    assert!(report.is_ok(), "{:#?}", report.problems);
}

fn snapshots_change_no_decision_and_no_row(db: TestDb) {
    // The same history with a snapshot after every event and with none gives the same rows.
    let other = TestDb::sqlite();
    let mut with = db.conn();
    let mut without = other.conn();
    let ids: Vec<ExpenseId> = (0..8).map(|_| ExpenseId::new()).collect();
    let flat_a = open_flat(&mut with, &["Sam", "Alex", "Kim"]);
    let flat_b = open_flat(&mut without, &["Sam", "Alex", "Kim"]);
    let script = |flat: &Flat| -> Vec<AccountCommand> {
        let m = &flat.members;
        let mut v = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            v.push(AccountCommand::RecordExpense {
                expense_id: *id,
                details: expense(m[i % 3], 1000 + i as i64, "Thing", m),
            });
        }
        v.push(AccountCommand::CorrectExpense {
            expense_id: ids[0],
            details: expense(m[2], 777, "Thing", &m[1..]),
            expected_revision: Some(1),
        });
        v.push(AccountCommand::DeleteExpense { expense_id: ids[1] });
        v.push(AccountCommand::DeactivateMember { member_id: m[2] });
        v.push(AccountCommand::CorrectExpense {
            expense_id: ids[2],
            details: expense(m[2], 5, "Thing", m),
            expected_revision: Some(1),
        });
        v.push(AccountCommand::RestoreExpense { expense_id: ids[1] });
        v.push(AccountCommand::RecordExpense {
            expense_id: ids[3],
            details: expense(m[0], 1003, "Thing", m),
        });
        v
    };
    for (a, b) in script(&flat_a).into_iter().zip(script(&flat_b)) {
        let ra = AccountRepository::with_snapshot_every(1)
            .execute(
                &mut with,
                flat_a.account,
                &a,
                &Metadata::default(),
                &context(),
            )
            .map(|d| d.recorded);
        let rb = AccountRepository::with_snapshot_every(i64::MAX)
            .execute(
                &mut without,
                flat_b.account,
                &b,
                &Metadata::default(),
                &context(),
            )
            .map(|d| d.recorded);
        assert_eq!(
            format!("{ra:?}"),
            format!("{rb:?}"),
            "same decision for {a:?}"
        );
    }
    let types = |conn: &mut DbConnection| -> Vec<String> {
        events::table
            .order(events::position.asc())
            .select(events::event_type)
            .load(conn)
            .expect("types")
    };
    assert_eq!(types(&mut with), types(&mut without));
    let nets = |conn: &mut DbConnection| -> Vec<(String, i64)> {
        let mut v: Vec<_> = ReadModelDump::read(conn)
            .expect("dump")
            .members
            .into_iter()
            .map(|m| (m.name, m.net))
            .collect();
        v.sort();
        v
    };
    assert_eq!(nets(&mut with), nets(&mut without));
    assert!(verify(&mut with).expect("verify").is_ok());
}

fn events_written_without_a_subject_are_still_found(db: TestDb) {
    // A previous version of tally, still serving during a deploy, writes no subject_id.
    let mut conn = db.conn();
    let flat = open_flat(&mut conn, &["Sam", "Alex"]);
    let early = ExpenseId::new();
    let details = expense(flat.members[0], 999, "Early", &flat.members);
    let record = AccountCommand::RecordExpense {
        expense_id: early,
        details: details.clone(),
    };
    run3(&mut conn, &flat, record.clone()).expect("recorded");
    for i in 0..6 {
        let c = AccountCommand::RecordExpense {
            expense_id: ExpenseId::new(),
            details: expense(flat.members[1], 10 + i, "Filler", &flat.members),
        };
        run3(&mut conn, &flat, c).expect("recorded");
    }
    diesel::update(events::table)
        .set(events::subject_id.eq(None::<Vec<u8>>))
        .execute(&mut conn)
        .expect("forget subjects");
    assert_same_as_replay(&mut conn, &flat, &record);
    assert_eq!(
        run3(&mut conn, &flat, record).ok(),
        Some(0),
        "still recognised as a repeat"
    );
    let delete = AccountCommand::DeleteExpense { expense_id: early };
    assert_same_as_replay(&mut conn, &flat, &delete);
    assert_eq!(run3(&mut conn, &flat, delete).ok(), Some(1));
    assert!(verify(&mut conn).expect("verify").is_ok());
}

/// The latest expenses of `account` right after `version` as an independent replay sees
/// them: every expense not deleted then, newest date first, then the latest recorded.
fn latest_by_replay(
    conn: &mut DbConnection,
    flat: &Flat,
    version: i64,
) -> Vec<(ExpenseId, i64, String, chrono::NaiveDate, i32)> {
    let events = tally::infrastructure::event_store::load::<SharedAccount>(conn, flat.account.0, 0)
        .expect("events");
    let then = tally::event_sourcing::Versioned::<SharedAccount>::replay(
        events.iter().take_while(|e| e.version <= version),
    );
    let recorded_at: std::collections::HashMap<ExpenseId, i64> = events
        .iter()
        .filter_map(|e| match &e.event {
            AccountEvent::ExpenseRecorded { expense_id, .. } => {
                Some((*expense_id, e.position.expect("stored")))
            }
            _ => None,
        })
        .collect();
    let mut live: Vec<_> = then
        .state
        .expenses
        .iter()
        .filter(|(_, e)| !e.deleted)
        .map(|(id, e)| {
            (
                (e.details.date, recorded_at[id]),
                (
                    *id,
                    e.details.amount.cents(),
                    e.details.description.to_string(),
                    e.details.date,
                    i32::try_from(e.revision).expect("small"),
                ),
            )
        })
        .collect();
    live.sort_by_key(|entry| std::cmp::Reverse(entry.0));
    live.into_iter().take(10).map(|(_, view)| view).collect()
}

fn assert_as_of_matches_replay(conn: &mut DbConnection, flat: &Flat, newest: i64, what: &str) {
    use tally::read::as_of::{Point, as_of};
    for version in 1..=newest {
        let view = as_of(conn, flat.account, Point::After(version))
            .expect("read")
            .expect("a change");
        let shown: Vec<_> = view
            .latest
            .iter()
            .map(|e| (e.id, e.amount, e.description.clone(), e.date, e.revision))
            .collect();
        assert_eq!(
            shown,
            latest_by_replay(conn, flat, version),
            "{what}: latest expenses right after change {version}"
        );
    }
}

/// Random records, corrections that move dates back and forth, deletions and restorations,
/// with a snapshot every three changes: the as-of view's latest expenses equal a replay at
/// every change, from the lists kept with the snapshots, from the events alone where no list
/// was kept, and after a rebuild; `verify` checks the kept lists and finds a tampered one.
fn the_latest_expenses_as_of_every_change_match_a_replay(db: TestDb) {
    let mut conn = db.conn();
    let flat = open_flat(&mut conn, &["Sam", "Alex", "Kim"]);
    let m = flat.members.clone();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let mut ids: Vec<(ExpenseId, u32, bool)> = Vec::new();
    for step in 0..90_i64 {
        let day = today() - chrono::Duration::days(i64::try_from(next(15)).expect("small"));
        let pick = usize::try_from(next(ids.len().max(1) as u64)).expect("small");
        let command = match (next(10), ids.get(pick).copied()) {
            (0..=3, Some((id, revision, false))) => {
                ids[pick].1 += 1;
                AccountCommand::CorrectExpense {
                    expense_id: id,
                    details: ExpenseDetails {
                        date: day,
                        ..expense(m[pick % 3], 1000 + step, "Corrected", &m)
                    },
                    expected_revision: Some(revision),
                }
            }
            (4 | 5, Some((id, _, deleted))) => {
                ids[pick].1 += 1;
                ids[pick].2 = !deleted;
                if deleted {
                    AccountCommand::RestoreExpense { expense_id: id }
                } else {
                    AccountCommand::DeleteExpense { expense_id: id }
                }
            }
            _ => {
                let id = ExpenseId::new();
                ids.push((id, 1, false));
                AccountCommand::RecordExpense {
                    expense_id: id,
                    details: ExpenseDetails {
                        date: day,
                        ..expense(m[step as usize % 3], 100 + step, "Bought", &m)
                    },
                }
            }
        };
        let outcome = run3(&mut conn, &flat, command);
        assert!(matches!(outcome, Ok(1)), "step {step}: {outcome:?}");
    }
    let newest = 1 + 3 + 90;
    let kept: i64 = tally::infrastructure::schema::snapshot_history::table
        .filter(tally::infrastructure::schema::snapshot_history::latest.is_not_null())
        .count()
        .get_result(&mut conn)
        .expect("count");
    assert!(kept >= 30, "a list was kept with every snapshot ({kept})");
    assert_as_of_matches_replay(&mut conn, &flat, newest, "kept lists");
    assert_list_totals_match_the_rows(&mut conn, "after the commands");
    let report = verify(&mut conn).expect("verify");
    assert!(report.is_ok(), "{:#?}", report.problems);

    // A tampered list is found by verify.
    use tally::infrastructure::schema::snapshot_history as h;
    let (version, json): (i64, Option<String>) = h::table
        .filter(h::latest.is_not_null())
        .order(h::version.desc())
        .select((h::version, h::latest))
        .first(&mut conn)
        .expect("a kept list");
    let tampered = json
        .expect("kept")
        .replacen("\"amount\":", "\"amount\":1", 1);
    diesel::update(h::table.filter(h::version.eq(version)))
        .set(h::latest.eq(Some(tampered)))
        .execute(&mut conn)
        .expect("tamper");
    let report = verify(&mut conn).expect("verify");
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("latest expenses kept") && p.contains(&version.to_string())),
        "{:#?}",
        report.problems
    );

    // Snapshots kept before the lists existed: the view works from the events alone.
    diesel::update(h::table)
        .set(h::latest.eq(None::<String>))
        .execute(&mut conn)
        .expect("forget the lists");
    assert_as_of_matches_replay(&mut conn, &flat, newest, "without kept lists");

    // A rebuild keeps fresh lists (at its own snapshot interval) that verify accepts.
    rebuild_projections(&mut conn, &mut |_, _| {}).expect("rebuild");
    let report = verify(&mut conn).expect("verify");
    assert!(report.is_ok(), "{:#?}", report.problems);
    assert_as_of_matches_replay(&mut conn, &flat, newest, "after a rebuild");
    assert_list_totals_match_the_rows(&mut conn, "after a rebuild");
}

backend_tests!(
    old_payments_are_found_across_snapshots,
    the_latest_expenses_as_of_every_change_match_a_replay,
    events_written_without_a_subject_are_still_found,
    old_expenses_are_found_across_snapshots,
    a_snapshot_of_an_unknown_format_is_ignored,
    verify_reports_a_snapshot_that_disagrees_with_the_events,
    snapshots_change_no_decision_and_no_row,
);

//! Backups: an account's events out as JSON and back in, on either backend, byte-identical.

mod common;

use common::*;
use tally::application::AccountRepository;
use tally::application::backup::{BackupError, export_account, import_account};
use tally::application::import::{default_mapping, import_into};
use tally::domain::*;
use tally::projections::verify::verify;

const FILE: &str = "Date,Description,Category,Cost,Currency,Sam,Alex\n\
2026-01-02,Rent,General,90.00,EUR,45.00,-45.00\n";

/// An account with members, expenses (one corrected, one deleted), payments (one corrected,
/// one deleted, restored and deleted again) and an import.
fn busy_account(db: &TestDb) -> (AccountId, Vec<ExpenseId>) {
    let mut conn = db.conn();
    let flat = open_flat(&mut conn, &["Sam", "Alex", "Kim"]);
    let a = record(
        &mut conn,
        &flat,
        expense(flat.members[0], 1000, "Bread", &flat.members),
    );
    let b = record(
        &mut conn,
        &flat,
        expense(flat.members[1], 2501, "Wine", &flat.members),
    );
    run(
        &mut conn,
        flat.account,
        AccountCommand::DeleteExpense { expense_id: b },
    );
    let payment = |amount: i64| TransferDetails {
        from: flat.members[2],
        to: flat.members[0],
        amount: Money(amount),
        date: today(),
    };
    let (corrected, deleted) = (TransferId::new(), TransferId::new());
    for (transfer_id, amount) in [(corrected, 333), (deleted, 100)] {
        run(
            &mut conn,
            flat.account,
            AccountCommand::RecordTransfer {
                transfer_id,
                details: payment(amount),
            },
        );
    }
    run(
        &mut conn,
        flat.account,
        AccountCommand::CorrectTransfer {
            transfer_id: corrected,
            details: payment(444),
            expected_revision: Some(1),
        },
    );
    run(
        &mut conn,
        flat.account,
        AccountCommand::DeleteTransfer {
            transfer_id: deleted,
        },
    );
    // Deleted, restored and deleted again: every kind of payment event is in the backup.
    for command in [
        AccountCommand::RestoreTransfer {
            transfer_id: deleted,
        },
        AccountCommand::DeleteTransfer {
            transfer_id: deleted,
        },
    ] {
        run(&mut conn, flat.account, command);
    }
    let plan = tally::import::parse(FILE.as_bytes()).expect("plan");
    let mapping = default_mapping(&plan, &db.load(flat.account).state).expect("mapping");
    import_into(
        &mut conn,
        &AccountRepository::default(),
        flat.account,
        &plan,
        &mapping,
        None,
        &context(),
    )
    .expect("import");
    (flat.account, vec![a, b])
}

fn nets(db: &TestDb, account: AccountId) -> Vec<(MemberId, Money)> {
    db.load(account).state.nets()
}

fn round_trip(from: TestDb, to: TestDb) {
    let (account, expenses) = busy_account(&from);
    let backup = export_account(&mut from.conn(), account).expect("export");
    assert!(
        !String::from_utf8_lossy(&backup).contains("<b>"),
        "markup is escaped in the download"
    );
    let restored = import_account(&mut to.conn(), &backup).expect("restore");
    assert_eq!(restored, account);
    assert_eq!(
        nets(&from, account),
        nets(&to, account),
        "identical balances"
    );
    let state = to.load(account).state;
    for id in &expenses {
        assert!(state.expenses.contains_key(id), "expense ids kept");
    }
    let again = export_account(&mut to.conn(), account).expect("export again");
    assert_eq!(
        String::from_utf8_lossy(&backup),
        String::from_utf8_lossy(&again),
        "backup → restore → backup is byte-identical"
    );
    let report = verify(&mut to.conn()).expect("verify");
    assert!(report.is_ok(), "{:?}", report.problems);

    let before = report.events;
    match import_account(&mut to.conn(), &backup) {
        Err(BackupError::Exists(id)) => assert_eq!(id, account),
        other => panic!("a second restore must be refused, got {other:?}"),
    }
    assert_eq!(verify(&mut to.conn()).expect("verify").events, before);
}

#[test]
fn sqlite_to_sqlite() {
    round_trip(TestDb::sqlite(), TestDb::sqlite());
}

#[cfg(feature = "mysql")]
#[test]
fn sqlite_to_mariadb_and_back() {
    let Some(mysql) = TestDb::mysql() else { return };
    round_trip(TestDb::sqlite(), mysql);
    let Some(mysql) = TestDb::mysql() else { return };
    round_trip(mysql, TestDb::sqlite());
}

fn broken_backups_are_refused_and_write_nothing(db: TestDb) {
    let other = TestDb::sqlite();
    let (account, _) = busy_account(&other);
    let good = String::from_utf8(export_account(&mut other.conn(), account).expect("export"))
        .expect("utf-8");
    let cases = [
        ("truncated", good[..good.len() / 2].to_string()),
        (
            "another format",
            good.replacen("tally-account-backup", "something-else", 1),
        ),
        (
            "newer",
            good.replacen("\"version\": 1,", "\"version\": 99,", 1),
        ),
        (
            "unknown event",
            good.replacen("\"member_added\"", "\"nonsense\"", 1),
        ),
        (
            "a gap in versions",
            good.replacen("\"version\": 2,", "\"version\": 7,", 1),
        ),
        ("not JSON", "\u{0}\u{1}binary".to_string()),
    ];
    for (what, text) in cases {
        let err = import_account(&mut db.conn(), text.as_bytes());
        assert!(err.is_err(), "{what} must be refused");
        assert_eq!(
            verify(&mut db.conn()).expect("verify").events,
            0,
            "{what}: nothing written"
        );
    }
    assert!(matches!(
        tally::import::parse(good.as_bytes()),
        Err(tally::import::ImportError::IsBackup)
    ));
}

backend_tests!(broken_backups_are_refused_and_write_nothing);

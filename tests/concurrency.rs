//! Many writers on one account at once: nothing lost, nothing doubled.

mod common;

use common::*;
use diesel::prelude::*;
use std::sync::{Arc, Barrier};
use tally::application::AccountRepository;
use tally::domain::*;
use tally::event_sourcing::Metadata;
use tally::infrastructure::schema::events;
use tally::projections::verify::verify;

const THREADS: usize = 16;
const PER_THREAD: usize = 50;

fn versions(db: &TestDb) -> Vec<i64> {
    events::table
        .select(events::version)
        .order(events::version.asc())
        .load(&mut db.conn())
        .expect("versions")
}

fn expense_events(db: &TestDb) -> i64 {
    events::table
        .filter(events::event_type.eq("expense_recorded"))
        .count()
        .get_result(&mut db.conn())
        .expect("count")
}

/// Runs `work(thread_index, connection)` on THREADS threads released at the same moment.
fn in_parallel(
    db: &TestDb,
    work: impl Fn(usize, &mut tally::infrastructure::db::DbConnection) + Send + Sync + 'static,
) {
    let work = Arc::new(work);
    let start = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let mut conn = db.conn();
            let (work, start) = (work.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                work(t, &mut conn);
            })
        })
        .collect();
    for h in handles {
        h.join().expect("writer thread panicked");
    }
}

fn sixteen_writers_fifty_expenses_each_lose_and_double_nothing(db: TestDb) {
    let flat = Arc::new(open_flat(&mut db.conn(), &["Sam", "Alex", "Kim", "Jo"]));
    let opened_version = versions(&db).len();
    let f = flat.clone();
    in_parallel(&db, move |t, conn| {
        for i in 0..PER_THREAD {
            let payer = f.members[(t + i) % f.members.len()];
            let details = expense(
                payer,
                100 + (t * PER_THREAD + i) as i64,
                &format!("t{t} #{i}"),
                &f.members,
            );
            let done = AccountRepository::default()
                .execute(
                    conn,
                    f.account,
                    &AccountCommand::RecordExpense {
                        expense_id: ExpenseId::new(),
                        details,
                    },
                    &Metadata::default(),
                    &context(),
                )
                .expect("every write goes through");
            assert_eq!(done.recorded, 1);
        }
    });
    assert_eq!(expense_events(&db), (THREADS * PER_THREAD) as i64);
    let v = versions(&db);
    assert_eq!(v.len(), opened_version + THREADS * PER_THREAD);
    assert!(
        v.iter().enumerate().all(|(i, v)| *v == i as i64 + 1),
        "versions contiguous from 1 with no gap and no duplicate"
    );
    let report = verify(&mut db.conn()).expect("verify");
    assert!(report.is_ok(), "{:#?}", report.problems);
}

fn the_same_expense_submitted_from_every_thread_is_recorded_once(db: TestDb) {
    let flat = Arc::new(open_flat(&mut db.conn(), &["Sam", "Alex"]));
    let ids: Arc<Vec<ExpenseId>> = Arc::new((0..20).map(|_| ExpenseId::new()).collect());
    let f = flat.clone();
    in_parallel(&db, move |_, conn| {
        for (i, id) in ids.iter().enumerate() {
            let details = expense(f.members[0], 1000 + i as i64, "Double submit", &f.members);
            AccountRepository::default()
                .execute(
                    conn,
                    f.account,
                    &AccountCommand::RecordExpense {
                        expense_id: *id,
                        details,
                    },
                    &Metadata::default(),
                    &context(),
                )
                .expect("a repeat is not an error");
        }
    });
    assert_eq!(expense_events(&db), 20);
    let report = verify(&mut db.conn()).expect("verify");
    assert!(report.is_ok(), "{:#?}", report.problems);
}

backend_tests!(
    sixteen_writers_fifty_expenses_each_lose_and_double_nothing,
    the_same_expense_submitted_from_every_thread_is_recorded_once,
);

/// SQLite's group commit: commands that arrive while the database is busy are written
/// together, one transaction for the batch, each command still all or nothing (a refused
/// one leaves no trace, the others go through) and answered only after the commit.
#[test]
fn commands_queued_while_sqlite_is_busy_are_committed_together() {
    use tally::application::CommandError;
    use tally::application::group_commit::{GroupCommit, QueuedCommand};
    use tally::event_sourcing::DecisionContext;

    let db = TestDb::sqlite();
    let flat = open_flat(&mut db.conn(), &["Ann", "Ben", "Cleo"]);
    let opened = db.load(flat.account).version;
    let pool = db.pool(4);
    let group = Arc::new(GroupCommit::default());
    // Hold the write gate, as a batch being written would, while eight commands arrive.
    let gate = pool
        .get()
        .expect("connection")
        .write_gate()
        .expect("a SQLite gate");
    let busy = gate.lock().expect("gate");
    let everyone = flat.members.clone();
    let stranger = MemberId::new();
    let handles: Vec<_> = (0..8)
        .map(|i| {
            let (pool, group) = (pool.clone(), group.clone());
            let details = if i == 5 {
                expense(stranger, 500, "Refused: not a member", &everyone)
            } else {
                expense(everyone[i % 3], 100 + i as i64, "Groceries", &everyone)
            };
            let account_id = flat.account;
            std::thread::spawn(move || {
                let command = QueuedCommand {
                    account_id,
                    command: AccountCommand::RecordExpense {
                        expense_id: ExpenseId::new(),
                        details,
                    },
                    metadata: Metadata::default(),
                    context: DecisionContext::on(today()),
                };
                group.execute(&pool, AccountRepository::default(), command)
            })
        })
        .collect();
    // The first command leads and waits at the gate; the other seven queue behind it.
    while group.queued() < 8 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    drop(busy);
    let results: Vec<_> = handles
        .into_iter()
        .map(|h| h.join().expect("thread"))
        .collect();
    assert_eq!(group.batches(), 1, "all eight in one batch");
    for (i, result) in results.iter().enumerate() {
        match (i, result) {
            (5, Err(CommandError::Rejected(_))) => {}
            (5, other) => panic!("the stranger's expense was not refused: {other:?}"),
            (_, Ok(done)) => assert_eq!(done.recorded, 1),
            (_, Err(e)) => panic!("command {i} failed: {e:?}"),
        }
    }
    // Seven expenses, nothing of the refused one.
    let state = db.load(flat.account);
    assert_eq!(state.version, opened + 7);
    let paid: i64 = state
        .state
        .members
        .iter()
        .map(|m| m.balance.paid.cents())
        .sum();
    assert_eq!(
        paid,
        (0..8).filter(|i| *i != 5).map(|i| 100 + i).sum::<i64>()
    );
    assert_eq!(expense_events(&db), 7);
    let report = verify(&mut db.conn()).expect("verify runs");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

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

//! Many writers on one account at once: nothing lost, nothing doubled, whether they are
//! threads of one server (which keeps the account's state between commands), each a server
//! of its own, or both.

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

/// Which repositories the writers use: one that keeps the accounts' states is one server;
/// a new one for every command is as many servers as commands.
#[derive(Clone, Copy)]
enum Servers {
    /// A new repository for each command.
    PerCommand,
    /// One repository for every thread.
    One,
    /// One for the even threads, a new one per command for the odd ones.
    Mixed,
}

impl Servers {
    fn repository(self, shared: &AccountRepository, thread: usize) -> AccountRepository {
        match self {
            Servers::One => shared.clone(),
            Servers::Mixed if thread.is_multiple_of(2) => shared.clone(),
            Servers::PerCommand | Servers::Mixed => AccountRepository::default(),
        }
    }
}

fn sixteen_writers_fifty_expenses_each_lose_and_double_nothing(db: TestDb) {
    sixteen_writers(db, Servers::PerCommand);
}

fn sixteen_writers_of_one_server_lose_and_double_nothing(db: TestDb) {
    sixteen_writers(db, Servers::One);
}

fn sixteen_writers_of_two_kinds_of_server_lose_and_double_nothing(db: TestDb) {
    sixteen_writers(db, Servers::Mixed);
}

fn sixteen_writers(db: TestDb, servers: Servers) {
    let flat = Arc::new(open_flat(&mut db.conn(), &["Sam", "Alex", "Kim", "Jo"]));
    let opened_version = versions(&db).len();
    let f = flat.clone();
    let shared = AccountRepository::default();
    in_parallel(&db, move |t, conn| {
        for i in 0..PER_THREAD {
            let payer = f.members[(t + i) % f.members.len()];
            let details = expense(
                payer,
                100 + (t * PER_THREAD + i) as i64,
                &format!("t{t} #{i}"),
                &f.members,
            );
            let done = servers
                .repository(&shared, t)
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
    the_same_expense_from_every_thread(db, Servers::PerCommand);
}

fn the_same_expense_from_every_thread_of_one_server_is_recorded_once(db: TestDb) {
    the_same_expense_from_every_thread(db, Servers::One);
}

fn the_same_expense_from_two_kinds_of_server_is_recorded_once(db: TestDb) {
    the_same_expense_from_every_thread(db, Servers::Mixed);
}

fn the_same_expense_from_every_thread(db: TestDb, servers: Servers) {
    let flat = Arc::new(open_flat(&mut db.conn(), &["Sam", "Alex"]));
    let ids: Arc<Vec<ExpenseId>> = Arc::new((0..20).map(|_| ExpenseId::new()).collect());
    let f = flat.clone();
    let shared = AccountRepository::default();
    in_parallel(&db, move |t, conn| {
        for (i, id) in ids.iter().enumerate() {
            let details = expense(f.members[0], 1000 + i as i64, "Double submit", &f.members);
            servers
                .repository(&shared, t)
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

/// Runs `commands` on one account through its group commit while the pool's only connection
/// is busy, as with a batch being written: the first leads and waits for it, the others queue
/// behind in order, and all are let go at once. The group (for its counts) and each result.
fn queued_behind_a_busy_connection(
    db: &TestDb,
    account_id: AccountId,
    repository: &AccountRepository,
    commands: Vec<AccountCommand>,
) -> (
    Arc<tally::application::group_commit::GroupCommit>,
    Vec<Result<tally::application::Executed, tally::application::CommandError>>,
) {
    use tally::application::group_commit::{AccountGroups, GroupCommit, QueuedCommand};
    use tally::event_sourcing::DecisionContext;

    let group = if matches!(db.url, tally::infrastructure::db::DatabaseUrl::Sqlite(_)) {
        Arc::new(GroupCommit::default())
    } else {
        AccountGroups::default().of(account_id)
    };
    let pool = db.pool(1);
    let busy = pool.get().expect("connection");
    let count = commands.len();
    let handles: Vec<_> = commands
        .into_iter()
        .enumerate()
        .map(|(i, command)| {
            let (pool, group, repository) = (pool.clone(), group.clone(), repository.clone());
            // In order: each waits until the one before is queued.
            while group.queued() < i {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            std::thread::spawn(move || {
                let queued = QueuedCommand {
                    account_id,
                    command,
                    metadata: Metadata::default(),
                    context: DecisionContext::on(today()),
                };
                group.execute(&pool, &repository, queued)
            })
        })
        .collect();
    while group.queued() < count {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    drop(busy);
    let results = handles
        .into_iter()
        .map(|h| h.join().expect("thread"))
        .collect();
    (group, results)
}

/// The group commit of the server's backend (one queue for SQLite, one per account on
/// MariaDB): commands that arrive while the writer before them still holds the connection
/// are written in one batch, each still all or nothing (a refused one and one whose id is
/// another account's leave no trace, the others go through), a repeat within the batch is
/// recognised, and every command is answered only after the commit.
fn commands_queued_behind_a_busy_writer_are_committed_together(db: TestDb) {
    use tally::application::CommandError;

    let flat = open_flat(&mut db.conn(), &["Ann", "Ben", "Cleo"]);
    let opened = db.load(flat.account).version;
    let repository = AccountRepository::default();
    let everyone = flat.members.clone();
    let stranger = MemberId::new();
    let repeated = (
        ExpenseId::new(),
        expense(everyone[2], 102, "Twice", &everyone),
    );
    let next_door = open_flat(&mut db.conn(), &["Robin"]);
    let taken = record(
        &mut db.conn(),
        &next_door,
        expense(next_door.members[0], 900, "Next door", &next_door.members),
    );
    let commands = (0..8)
        .map(|i| {
            let (expense_id, details) = match i {
                5 => (
                    ExpenseId::new(),
                    expense(stranger, 500, "Refused: not a member", &everyone),
                ),
                2 | 6 => repeated.clone(),
                7 => (taken, expense(everyone[1], 107, "Id taken", &everyone)),
                _ => (
                    ExpenseId::new(),
                    expense(everyone[i % 3], 100 + i as i64, "Groceries", &everyone),
                ),
            };
            AccountCommand::RecordExpense {
                expense_id,
                details,
            }
        })
        .collect();
    let (group, results) =
        queued_behind_a_busy_connection(&db, flat.account, &repository, commands);
    assert_eq!(group.batches(), 1, "all eight in one batch");
    let mut recorded = 0;
    for (i, result) in results.iter().enumerate() {
        match (i, result) {
            (5, Err(CommandError::Rejected(_))) => {}
            (5, other) => panic!("the stranger's expense was not refused: {other:?}"),
            (7, Err(CommandError::IdTaken)) => {}
            (7, other) => panic!("the taken id was not refused: {other:?}"),
            (_, Ok(done)) => recorded += done.recorded,
            (_, Err(e)) => panic!("command {i} failed: {e:?}"),
        }
    }
    assert_eq!(recorded, 5, "five expenses, the repeat once");
    let state = db.load(flat.account);
    assert_eq!(state.version, opened + 5);
    let paid = total_paid(&state.state);
    assert_eq!(paid, [0, 1, 2, 3, 4].iter().map(|i| 100 + i).sum::<i64>());
    assert_eq!(expense_events(&db), 5 + 1, "and next door's");
    let report = verify(&mut db.conn()).expect("verify runs");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

/// A batch whose commands correct and delete expenses the kept state no longer holds (they
/// were recorded before its last snapshot) and ones recorded earlier in the same batch: each
/// decides on the state the one before left, the batch's rows are written together, and the
/// result is what a replay of the events says.
fn a_batch_changes_old_expenses_and_its_own(db: TestDb) {
    use tally::event_sourcing::DecisionContext;

    let flat = open_flat(&mut db.conn(), &["Ann", "Ben", "Cleo"]);
    let everyone = flat.members.clone();
    let repository = AccountRepository::default();
    let context = DecisionContext::on(today());
    // Twelve expenses through the repository: a snapshot on the way, so the state it keeps
    // holds none of the first ones.
    let old: Vec<ExpenseId> = (0..12)
        .map(|i| {
            let expense_id = ExpenseId::new();
            let details = expense(everyone[i % 3], 1_000 + i as i64, "Old", &everyone);
            let command = AccountCommand::RecordExpense {
                expense_id,
                details,
            };
            repository
                .execute(
                    &mut db.conn(),
                    flat.account,
                    &command,
                    &Metadata::default(),
                    &context,
                )
                .expect("recorded");
            expense_id
        })
        .collect();
    let fresh = ExpenseId::new();
    let commands = vec![
        AccountCommand::CorrectExpense {
            expense_id: old[0],
            details: expense(everyone[1], 2_000, "Old, corrected", &everyone),
            expected_revision: None,
        },
        AccountCommand::RecordExpense {
            expense_id: fresh,
            details: expense(everyone[0], 300, "New", &everyone),
        },
        AccountCommand::DeleteExpense { expense_id: old[1] },
        AccountCommand::CorrectExpense {
            expense_id: fresh,
            details: expense(everyone[2], 450, "New, corrected", &everyone[..2]),
            expected_revision: None,
        },
        AccountCommand::DeleteExpense { expense_id: old[1] },
        AccountCommand::RecordExpense {
            expense_id: ExpenseId::new(),
            details: expense(everyone[1], 77, "Last", &everyone),
        },
    ];
    let before = db.load(flat.account).version;
    let (group, results) =
        queued_behind_a_busy_connection(&db, flat.account, &repository, commands);
    let recorded: Vec<usize> = results
        .into_iter()
        .map(|r| r.expect("executed").recorded)
        .collect();
    assert_eq!(group.batches(), 1, "all six in one batch");
    assert_eq!(
        recorded,
        [1, 1, 1, 1, 0, 1],
        "the second deletion changes nothing"
    );
    let replayed = db.load(flat.account);
    assert_eq!(replayed.version, before + 5);
    let old_paid: i64 = (2..12).map(|i| 1_000 + i).sum();
    assert_eq!(total_paid(&replayed.state), old_paid + 2_000 + 450 + 77);
    // The next command starts from the state the batch kept: it must be the replay's.
    let next = AccountCommand::DeleteExpense { expense_id: old[2] };
    repository
        .execute(
            &mut db.conn(),
            flat.account,
            &next,
            &Metadata::default(),
            &context,
        )
        .expect("deleted");
    let after = db.load(flat.account);
    assert_eq!(
        total_paid(&after.state),
        old_paid - 1_002 + 2_000 + 450 + 77
    );
    let report = verify(&mut db.conn()).expect("verify runs");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

backend_tests!(
    a_batch_changes_old_expenses_and_its_own,
    commands_queued_behind_a_busy_writer_are_committed_together,
    sixteen_writers_fifty_expenses_each_lose_and_double_nothing,
    sixteen_writers_of_one_server_lose_and_double_nothing,
    sixteen_writers_of_two_kinds_of_server_lose_and_double_nothing,
    the_same_expense_submitted_from_every_thread_is_recorded_once,
    the_same_expense_from_every_thread_of_one_server_is_recorded_once,
    the_same_expense_from_two_kinds_of_server_is_recorded_once,
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
                group.execute(&pool, &AccountRepository::default(), command)
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
    let paid = total_paid(&state.state);
    assert_eq!(
        paid,
        (0..8).filter(|i| *i != 5).map(|i| 100 + i).sum::<i64>()
    );
    assert_eq!(expense_events(&db), 7);
    let report = verify(&mut db.conn()).expect("verify runs");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

/// SQLite's group commit over several accounts: each account's commands are decided in turn
/// and written as one, inside a savepoint of their own. A refusal leaves the rest of its
/// account's commands going through; a command the store refuses (an id another account
/// holds) rolls back only its own account's part, whose commands are then run one by one;
/// the other accounts' commands are committed with the batch, and the states it leaves are
/// the ones a replay gives.
#[test]
fn a_sqlite_batch_writes_each_accounts_commands_together() {
    use tally::application::CommandError;
    use tally::application::group_commit::{GroupCommit, QueuedCommand};
    use tally::event_sourcing::DecisionContext;

    let db = TestDb::sqlite();
    let ours = open_flat(&mut db.conn(), &["Ann", "Ben", "Cleo"]);
    let theirs = open_flat(&mut db.conn(), &["Dev", "Eli"]);
    let next_door = open_flat(&mut db.conn(), &["Robin"]);
    let taken = record(
        &mut db.conn(),
        &next_door,
        expense(next_door.members[0], 900, "Next door", &next_door.members),
    );
    let opened: Vec<i64> = [&ours, &theirs, &next_door]
        .iter()
        .map(|flat| db.load(flat.account).version)
        .collect();
    let stranger = MemberId::new();
    // (account, expense id, payer, cents), interleaved as requests arrive.
    let plan: Vec<(&Flat, ExpenseId, MemberId, i64)> = vec![
        (&ours, ExpenseId::new(), ours.members[0], 100),
        (&theirs, ExpenseId::new(), theirs.members[0], 200),
        (&ours, ExpenseId::new(), ours.members[1], 101),
        (&theirs, taken, theirs.members[1], 201),
        (&next_door, ExpenseId::new(), next_door.members[0], 300),
        (&ours, ExpenseId::new(), stranger, 102),
        (&theirs, ExpenseId::new(), theirs.members[1], 202),
        (&next_door, ExpenseId::new(), next_door.members[0], 301),
    ];
    let pool = db.pool(4);
    let group = Arc::new(GroupCommit::default());
    let repository = AccountRepository::default();
    let gate = pool
        .get()
        .expect("connection")
        .write_gate()
        .expect("a SQLite gate");
    let busy = gate.lock().expect("gate");
    let handles: Vec<_> = plan
        .iter()
        .map(|(flat, expense_id, payer, cents)| {
            let (pool, group, repository) = (pool.clone(), group.clone(), repository.clone());
            let command = QueuedCommand {
                account_id: flat.account,
                command: AccountCommand::RecordExpense {
                    expense_id: *expense_id,
                    details: expense(*payer, *cents, "Groceries", &flat.members),
                },
                metadata: Metadata::default(),
                context: DecisionContext::on(today()),
            };
            std::thread::spawn(move || group.execute(&pool, &repository, command))
        })
        .collect();
    while group.queued() < plan.len() {
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
            (3, Err(CommandError::IdTaken)) => {}
            (3, other) => panic!("the taken id was not refused: {other:?}"),
            (5, Err(CommandError::Rejected(_))) => {}
            (5, other) => panic!("the stranger's expense was not refused: {other:?}"),
            (_, Ok(done)) => assert_eq!(done.recorded, 1, "command {i}"),
            (_, Err(e)) => panic!("command {i} failed: {e:?}"),
        }
    }
    let paid = |flat: &Flat| total_paid(&db.load(flat.account).state);
    assert_eq!(db.load(ours.account).version, opened[0] + 2);
    assert_eq!(paid(&ours), 100 + 101);
    assert_eq!(db.load(theirs.account).version, opened[1] + 2);
    assert_eq!(paid(&theirs), 200 + 202);
    assert_eq!(db.load(next_door.account).version, opened[2] + 2);
    assert_eq!(paid(&next_door), 900 + 300 + 301);
    // The next commands start from the states the batch kept: they must be the replay's.
    let context = DecisionContext::on(today());
    for (flat, expense_id) in [(&ours, plan[0].1), (&next_door, plan[4].1)] {
        repository
            .execute(
                &mut db.conn(),
                flat.account,
                &AccountCommand::DeleteExpense { expense_id },
                &Metadata::default(),
                &context,
            )
            .expect("deleted");
    }
    assert_eq!(paid(&ours), 101);
    assert_eq!(paid(&next_door), 900 + 301);
    let report = verify(&mut db.conn()).expect("verify runs");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

//! The command path on every backend: one transaction, read models, rebuild and verify.

mod common;

use common::*;
use diesel::prelude::*;
use tally::application::{AccountRepository, CommandError};
use tally::domain::*;
use tally::event_sourcing::Metadata;
use tally::infrastructure::schema::{events, members};
use tally::projections::rebuild::rebuild_projections;
use tally::projections::rows::ReadModelDump;
use tally::projections::verify::verify;

fn event_count(conn: &mut tally::infrastructure::db::DbConnection) -> i64 {
    events::table.count().get_result(conn).expect("count")
}

fn nets(dump: &ReadModelDump) -> Vec<(String, i64)> {
    let mut v: Vec<_> = dump
        .members
        .iter()
        .map(|m| (m.name.clone(), m.net))
        .collect();
    v.sort();
    v
}

fn assert_verified(conn: &mut tally::infrastructure::db::DbConnection) {
    let report = verify(conn).expect("verify runs");
    assert!(report.is_ok(), "verify found: {:#?}", report.problems);
}

fn opening_an_account_fills_the_read_models(db: TestDb) {
    let mut conn = db.conn();
    let flat = open_flat(&mut conn, &["Sam", "Alex"]);
    let dump = ReadModelDump::read(&mut conn).expect("read");
    assert_eq!(dump.accounts.len(), 1);
    assert_eq!(dump.accounts[0].name, "Flat 3B");
    assert_eq!(dump.accounts[0].currency_code, "EUR");
    assert_eq!(dump.accounts[0].version, 3, "opened + 2 members");
    assert_eq!(dump.members.len(), 2);
    assert_eq!(
        dump.user_accounts.len(),
        1,
        "the opener belongs to the account"
    );
    assert_eq!(dump.user_accounts[0].user_id, flat.opener);
    assert_eq!(dump.user_accounts[0].member_id, flat.members[0]);
    assert_verified(&mut conn);
}

fn an_expense_moves_balances_and_lists_its_shares(db: TestDb) {
    let mut conn = db.conn();
    let flat = open_flat(&mut conn, &["Sam", "Alex", "Kim"]);
    let m = &flat.members;
    record(&mut conn, &flat, expense(m[0], 1000, "Internet", m));
    let dump = ReadModelDump::read(&mut conn).expect("read");
    assert_eq!(dump.expenses.len(), 1);
    assert_eq!(dump.expenses[0].amount, 1000);
    assert_eq!(dump.expenses[0].participant_count, 3);
    let mut shares: Vec<i64> = dump.shares.iter().map(|s| s.amount).collect();
    shares.sort();
    assert_eq!(
        shares,
        vec![333, 333, 334],
        "exact cents, one gets the odd cent"
    );
    let sam = dump.members.iter().find(|r| r.name == "Sam").expect("Sam");
    assert_eq!(sam.paid, 1000);
    assert_eq!(sam.net, 1000 - sam.owed);
    assert_eq!(
        dump.members.iter().map(|r| r.net).sum::<i64>(),
        0,
        "nets sum to zero"
    );
    assert_verified(&mut conn);
}

fn a_repeated_expense_is_recorded_once(db: TestDb) {
    let mut conn = db.conn();
    let flat = open_flat(&mut conn, &["Sam", "Alex"]);
    let details = expense(flat.members[1], 2500, "Groceries", &flat.members);
    let id = ExpenseId::new();
    let command = AccountCommand::RecordExpense {
        expense_id: id,
        details: details.clone(),
    };
    let first = run(&mut conn, flat.account, command.clone());
    let again = run(&mut conn, flat.account, command);
    assert_eq!(first.recorded, 1);
    assert_eq!(again.recorded, 0, "a double submit records nothing");
    assert_eq!(again.version, first.version);
    let different = AccountCommand::RecordExpense {
        expense_id: id,
        details: ExpenseDetails {
            amount: Money(2600),
            ..details
        },
    };
    let err = AccountRepository::default()
        .execute(
            &mut conn,
            flat.account,
            &different,
            &Metadata::default(),
            &context(),
        )
        .expect_err("same id, other content");
    assert!(matches!(
        err,
        CommandError::Rejected(AccountError::ExpenseIdTaken)
    ));
    assert_eq!(
        ReadModelDump::read(&mut conn).expect("read").expenses.len(),
        1
    );
}

fn a_refused_command_writes_nothing(db: TestDb) {
    let mut conn = db.conn();
    let flat = open_flat(&mut conn, &["Sam", "Alex"]);
    let before_events = event_count(&mut conn);
    let before = ReadModelDump::read(&mut conn).expect("read");
    let refused = [
        AccountCommand::AddMember {
            member_id: MemberId::new(),
            name: MemberName::parse("SAM").expect("name"),
            user_id: None,
        },
        AccountCommand::RecordExpense {
            expense_id: ExpenseId::new(),
            details: expense(flat.members[0], 0, "Nothing", &flat.members),
        },
        AccountCommand::RecordExpense {
            expense_id: ExpenseId::new(),
            details: expense(MemberId::new(), 100, "Stranger", &flat.members),
        },
        AccountCommand::DeleteExpense {
            expense_id: ExpenseId::new(),
        },
    ];
    for command in refused {
        let result = AccountRepository::default().execute(
            &mut conn,
            flat.account,
            &command,
            &Metadata::default(),
            &context(),
        );
        assert!(
            matches!(result, Err(CommandError::Rejected(_))),
            "{command:?} gave {result:?}"
        );
    }
    assert_eq!(event_count(&mut conn), before_events);
    assert_eq!(ReadModelDump::read(&mut conn).expect("read"), before);
}

fn commands_on_an_unopened_account_are_refused(db: TestDb) {
    let mut conn = db.conn();
    let result = AccountRepository::default().execute(
        &mut conn,
        AccountId::new(),
        &AccountCommand::Rename {
            name: AccountName::parse("x").expect("name"),
        },
        &Metadata::default(),
        &context(),
    );
    assert!(matches!(
        result,
        Err(CommandError::Rejected(AccountError::NotOpened))
    ));
    assert_eq!(event_count(&mut conn), 0);
}

/// Every kind of event, then: the tables equal a replay, and a rebuild gives the same rows.
fn a_full_history_rebuilds_to_identical_rows(db: TestDb) {
    let mut conn = db.conn();
    let flat = open_flat(&mut conn, &["Sam", "Alex", "Kim", "Jo"]);
    let m = flat.members.clone();
    let internet = record(&mut conn, &flat, expense(m[0], 3000, "Internet", &m[..3]));
    let rent = record(
        &mut conn,
        &flat,
        ExpenseDetails {
            split: Split::ByShares {
                shares: vec![
                    Portion {
                        member_id: m[0],
                        value: 2,
                    },
                    Portion {
                        member_id: m[1],
                        value: 1,
                    },
                    Portion {
                        member_id: m[2],
                        value: 1,
                    },
                ],
            },
            ..expense(m[1], 100_001, "Rent", &[])
        },
    );
    record(
        &mut conn,
        &flat,
        ExpenseDetails {
            split: Split::ByPercentages {
                percentages: vec![
                    Portion {
                        member_id: m[2],
                        value: 3333,
                    },
                    Portion {
                        member_id: m[3],
                        value: 6667,
                    },
                ],
            },
            ..expense(m[2], 999, "Pizza", &[])
        },
    );
    run(
        &mut conn,
        flat.account,
        AccountCommand::CorrectExpense {
            expense_id: internet,
            details: expense(m[0], 3100, "Internet (Nov)", &m),
            expected_revision: Some(1),
        },
    );
    run(
        &mut conn,
        flat.account,
        AccountCommand::DeleteExpense { expense_id: rent },
    );
    run(
        &mut conn,
        flat.account,
        AccountCommand::RestoreExpense { expense_id: rent },
    );
    run(
        &mut conn,
        flat.account,
        AccountCommand::DeleteExpense {
            expense_id: internet,
        },
    );
    run(
        &mut conn,
        flat.account,
        AccountCommand::RecordTransfer {
            transfer_id: TransferId::new(),
            details: TransferDetails {
                from: m[2],
                to: m[1],
                amount: Money(1234),
                date: today(),
            },
        },
    );
    run(
        &mut conn,
        flat.account,
        AccountCommand::DeactivateMember { member_id: m[3] },
    );
    run(
        &mut conn,
        flat.account,
        AccountCommand::LinkMember {
            member_id: m[1],
            user_id: UserId::new(),
        },
    );
    run(
        &mut conn,
        flat.account,
        AccountCommand::Rename {
            name: AccountName::parse("Flat 3B (2027)").expect("name"),
        },
    );
    let other = open_flat(&mut conn, &["Lee", "Max"]);
    record(
        &mut conn,
        &other,
        expense(other.members[1], 777, "Soap", &other.members),
    );
    // Back to the first account: the replay meets its events in two separate runs.
    record(&mut conn, &flat, expense(m[1], 450, "Bread", &m[..3]));

    assert_verified(&mut conn);
    let before = ReadModelDump::read(&mut conn).expect("read");
    assert_eq!(before.user_accounts.len(), 3);
    assert_eq!(before.transfers.len(), 1);
    let mut calls = 0;
    let report = rebuild_projections(&mut conn, &mut |_, _| calls += 1).expect("rebuild");
    assert_eq!(report.accounts, 2);
    assert_eq!(report.events as i64, event_count(&mut conn));
    assert!(calls >= 2, "progress reported");
    let after = ReadModelDump::read(&mut conn).expect("read");
    assert_eq!(before.differences(&after), Vec::<String>::new());
    assert_eq!(before, after, "rebuild produces identical rows");
    // The replayed state agrees with the read model's balances.
    let state = db.load(flat.account).state;
    let mut from_state: Vec<(String, i64)> = state
        .members
        .iter()
        .map(|m| (m.name.to_string(), m.balance.net().cents()))
        .collect();
    from_state.extend(
        db.load(other.account)
            .state
            .members
            .iter()
            .map(|m| (m.name.to_string(), m.balance.net().cents())),
    );
    from_state.sort();
    assert_eq!(nets(&after), from_state);
}

fn verify_reports_a_tampered_read_model_and_a_version_gap(db: TestDb) {
    let mut conn = db.conn();
    let flat = open_flat(&mut conn, &["Sam", "Alex"]);
    record(
        &mut conn,
        &flat,
        expense(flat.members[0], 500, "Bread", &flat.members),
    );
    diesel::update(members::table.filter(members::name.eq("Alex")))
        .set((
            members::paid.eq(members::paid + 1),
            members::net.eq(members::net + 1),
        ))
        .execute(&mut conn)
        .expect("tamper");
    let report = verify(&mut conn).expect("verify runs");
    assert!(!report.is_ok());
    assert!(
        report.problems.iter().any(|p| p.contains("members")),
        "names the table: {:#?}",
        report.problems
    );
    assert!(
        report.problems.iter().any(|p| p.contains("nets sum to 1")),
        "names the broken sum: {:#?}",
        report.problems
    );
    // The tables were left as they were: verify is read-only.
    let alex_paid: i64 = members::table
        .filter(members::name.eq("Alex"))
        .select(members::paid)
        .first(&mut conn)
        .expect("row");
    assert_eq!(alex_paid, 1);

    rebuild_projections(&mut conn, &mut |_, _| {}).expect("rebuild repairs");
    assert_verified(&mut conn);
    diesel::delete(events::table.filter(events::version.eq(2_i64)))
        .execute(&mut conn)
        .expect("punch a hole");
    let report = verify(&mut conn).expect("verify runs");
    assert!(
        report.problems.iter().any(|p| p.contains("not contiguous")),
        "{:#?}",
        report.problems
    );
}

fn stale_corrections_are_refused(db: TestDb) {
    let mut conn = db.conn();
    let flat = open_flat(&mut conn, &["Sam", "Alex"]);
    let id = record(
        &mut conn,
        &flat,
        expense(flat.members[0], 500, "Bread", &flat.members),
    );
    let edit = |cents| AccountCommand::CorrectExpense {
        expense_id: id,
        details: expense(flat.members[0], cents, "Bread", &flat.members),
        expected_revision: Some(1),
    };
    run(&mut conn, flat.account, edit(600));
    let stale = AccountRepository::default().execute(
        &mut conn,
        flat.account,
        &edit(700),
        &Metadata::default(),
        &context(),
    );
    assert!(
        matches!(
            stale,
            Err(CommandError::Rejected(AccountError::StaleExpense {
                current: 2
            }))
        ),
        "{stale:?}"
    );
    let dump = ReadModelDump::read(&mut conn).expect("read");
    assert_eq!(dump.expenses[0].amount, 600, "the newer value stays");
    assert_eq!(dump.expenses[0].revision, 2);
}

/// A rebuild replays each account in version order whatever the positions say: on a Galera
/// cluster positions come from each node's own auto-increment series. `verify` still names an
/// event whose position falls below the one before it in its account (the as-of view compares
/// positions within an account).
fn a_rebuild_follows_versions_not_positions(db: TestDb) {
    let mut conn = db.conn();
    let a = open_flat(&mut conn, &["Sam", "Alex", "Kim"]);
    let b = open_flat(&mut conn, &["Jo", "Lee"]);
    record(
        &mut conn,
        &a,
        expense(a.members[1], 3000, "Internet", &a.members),
    );
    record(
        &mut conn,
        &b,
        expense(b.members[0], 1234, "Bread", &b.members),
    );
    record(
        &mut conn,
        &a,
        expense(a.members[2], 999, "Pizza", &a.members[1..]),
    );
    let before = ReadModelDump::read(&mut conn).expect("read");
    let top: i64 = events::table
        .select(diesel::dsl::max(events::position))
        .first::<Option<i64>>(&mut conn)
        .expect("max")
        .expect("events");
    // Alex's joining (version 2) now sorts after every other event by position.
    let moved = diesel::update(
        events::table
            .filter(events::aggregate_id.eq(a.account.0.as_bytes().as_slice()))
            .filter(events::version.eq(2)),
    )
    .set(events::position.eq(top + 100))
    .execute(&mut conn)
    .expect("move");
    assert_eq!(moved, 1);
    rebuild_projections(&mut conn, &mut |_, _| {}).expect("rebuild");
    assert_eq!(ReadModelDump::read(&mut conn).expect("read"), before);
    let report = verify(&mut conn).expect("verify runs");
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert!(
        report.problems[0].contains("version 3 has a lower position"),
        "{:?}",
        report.problems
    );
}

/// `accounts.roster_version` is the version of the last event that changed the members or
/// categories. The migration that added the column filled it in for existing accounts with
/// one `UPDATE` over the events: run again on accounts whose value is lost, it gives back what
/// the projections wrote.
fn the_roster_version_follows_members_and_categories(db: TestDb) {
    use tally::infrastructure::schema::accounts;
    let mut conn = db.conn();
    let roster_version = |conn: &mut tally::infrastructure::db::DbConnection, flat: &Flat| {
        accounts::table
            .find(flat.account)
            .select((accounts::roster_version, accounts::version))
            .first::<(i64, i64)>(conn)
            .expect("account row")
    };
    let flat = open_flat(&mut conn, &["Sam", "Alex"]);
    let opened = roster_version(&mut conn, &flat);
    assert_eq!(opened.0, opened.1, "the last member added");
    record(
        &mut conn,
        &flat,
        expense(flat.members[0], 100, "Milk", &flat.members),
    );
    let after_expense = roster_version(&mut conn, &flat);
    assert_eq!(
        after_expense,
        (opened.0, opened.1 + 1),
        "an expense leaves it"
    );
    run(
        &mut conn,
        flat.account,
        AccountCommand::DeactivateMember {
            member_id: flat.members[1],
        },
    );
    let moved_out = roster_version(&mut conn, &flat);
    assert_eq!(moved_out.0, moved_out.1);
    let other = open_flat(&mut conn, &["Jo"]);
    run(
        &mut conn,
        other.account,
        AccountCommand::AddCategory {
            category_id: CategoryId::new(),
            name: CategoryName::parse("Cleaner").expect("name"),
        },
    );
    record(
        &mut conn,
        &other,
        expense(other.members[0], 100, "Soap", &other.members),
    );
    let projected = ReadModelDump::read(&mut conn).expect("read");
    diesel::update(accounts::table)
        .set(accounts::roster_version.eq(0))
        .execute(&mut conn)
        .expect("forget");
    // The same text for both backends.
    let backend = include_str!("../migrations/sqlite/2026-12-03-000701_roster_version/up.sql");
    assert_eq!(
        backend,
        include_str!("../migrations/mysql/2026-12-03-000701_roster_version/up.sql")
    );
    let fill = &backend[backend.find("UPDATE accounts").expect("the UPDATE")..];
    diesel::sql_query(fill).execute(&mut conn).expect("fill");
    assert_eq!(ReadModelDump::read(&mut conn).expect("read"), projected);
    assert_verified(&mut conn);
}

backend_tests!(
    the_roster_version_follows_members_and_categories,
    a_rebuild_follows_versions_not_positions,
    opening_an_account_fills_the_read_models,
    an_expense_moves_balances_and_lists_its_shares,
    a_repeated_expense_is_recorded_once,
    a_refused_command_writes_nothing,
    commands_on_an_unopened_account_are_refused,
    a_full_history_rebuilds_to_identical_rows,
    verify_reports_a_tampered_read_model_and_a_version_gap,
    stale_corrections_are_refused,
);

/// The statements MariaDB counted for this session so far (`Questions`, which includes
/// BEGIN, COMMIT and protocol round trips such as Diesel's multi-statement switches, but not
/// the preparing of a statement).
#[cfg(feature = "mysql")]
fn questions(conn: &mut tally::infrastructure::db::DbConnection) -> i64 {
    session_status(conn, "Questions")
}

/// One of this session's counters.
#[cfg(feature = "mysql")]
fn session_status(conn: &mut tally::infrastructure::db::DbConnection, name: &str) -> i64 {
    #[derive(QueryableByName)]
    struct Status {
        #[diesel(sql_type = diesel::sql_types::Text, column_name = "Value")]
        value: String,
    }
    let rows: Vec<Status> = diesel::sql_query(format!("SHOW SESSION STATUS LIKE '{name}'"))
        .load(conn)
        .expect("status");
    rows[0].value.parse().expect("a number")
}

/// An expense command sends MariaDB at most 10 statements, BEGIN and COMMIT included, and
/// prepares almost none of them anew: the
/// lock and the snapshot in one, the events after it in one (or, from the state the server
/// kept, the expense's earlier events, none for a new one), the event inserted with its
/// position returned, the expense, its shares, the monthly totals, the account and the
/// balances in one. Counted over 30 commands on a warm connection (every third snapshot
/// write included), both by a new repository for each command (reading the account from the
/// store) and by one that keeps the account's state between commands, as the server does;
/// the read models are still exactly what the events say.
#[cfg(feature = "mysql")]
#[test]
fn an_expense_costs_mariadb_at_most_ten_statements() {
    let Some(db) = TestDb::mysql() else {
        return;
    };
    let mut conn = db.conn();
    let flat = open_flat(&mut conn, &["Ann", "Ben", "Cleo"]);
    let everyone = flat.members.clone();
    record(
        &mut conn,
        &flat,
        expense(flat.members[0], 999, "Warm-up", &everyone),
    );
    let commands = 30;
    let kept = AccountRepository::default();
    for (path, repository) in [
        ("from the store", None),
        ("from the kept state", Some(&kept)),
    ] {
        let before = questions(&mut conn);
        let prepared_before = session_status(&mut conn, "Com_stmt_prepare");
        for i in 0..commands {
            let payer = flat.members[i % 3];
            let command = AccountCommand::RecordExpense {
                expense_id: ExpenseId::new(),
                details: expense(payer, 1000 + i as i64, "Groceries", &everyone),
            };
            repository
                .cloned()
                .unwrap_or_default()
                .execute(
                    &mut conn,
                    flat.account,
                    &command,
                    &Metadata::default(),
                    &context(),
                )
                .expect("recorded");
        }
        // Each SHOW STATUS is prepared, and all but the first count as statements.
        let prepared = session_status(&mut conn, "Com_stmt_prepare") - prepared_before - 1;
        let sent = questions(&mut conn) - before - 3;
        let per_command = sent as f64 / commands as f64;
        eprintln!(
            "{per_command:.2} statements per expense command {path} ({sent} for {commands}), \
             {prepared} prepared"
        );
        assert!(
            per_command <= 10.0,
            "{per_command:.1} statements per expense command {path} ({sent} for {commands})"
        );
        // The insert of the shares, the monthly totals' upsert and the update of the
        // account and balances are kept prepared like the rest: only a snapshot's statements
        // (one command in ten) and, from the store, the events read are prepared anew.
        let prepared_per_command = prepared as f64 / commands as f64;
        let most = if repository.is_some() { 0.5 } else { 1.5 };
        assert!(
            prepared_per_command <= most,
            "{prepared} statements prepared for {commands} expense commands {path}"
        );
    }
    assert_verified(&mut conn);
    let state = db.load(flat.account);
    let paid = total_paid(&state.state);
    let expected: i64 = 999 + 2 * (0..commands as i64).map(|i| 1000 + i).sum::<i64>();
    assert_eq!(paid, expected);
}

/// On SQLite an expense command prepares almost none of its statements anew: Diesel's
/// statement cache serves them all, where it would parse again on every run each UPDATE and
/// upsert it builds and each multi-row insert. Counted by the connection's instrumentation
/// (a statement run is prepared anew when the cache never took its text) over 30 commands on
/// a warm connection, from the store and from the kept state, as on MariaDB above.
#[cfg(feature = "sqlite")]
#[test]
fn an_expense_on_sqlite_runs_statements_kept_prepared() {
    use diesel::connection::{Connection as _, InstrumentationEvent};
    use std::collections::HashSet;
    use std::sync::{Arc, Mutex};

    #[derive(Default)]
    struct Seen {
        cached: HashSet<String>,
        run: Vec<String>,
    }
    let db = TestDb::sqlite();
    let mut conn = db.conn();
    let seen = Arc::new(Mutex::new(Seen::default()));
    let recorder = Arc::clone(&seen);
    conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
        let mut seen = recorder.lock().expect("not poisoned");
        match event {
            InstrumentationEvent::CacheQuery { sql, .. } => {
                seen.cached.insert(sql.to_owned());
            }
            InstrumentationEvent::StartQuery { query, .. } => {
                let text = query.to_string();
                let sql = text.split(" -- binds:").next().unwrap_or_default();
                seen.run.push(sql.to_owned());
            }
            _ => {}
        }
    });
    let flat = open_flat(&mut conn, &["Ann", "Ben", "Cleo"]);
    let everyone = flat.members.clone();
    record(
        &mut conn,
        &flat,
        expense(flat.members[0], 999, "Warm-up", &everyone),
    );
    let commands = 30;
    let kept = AccountRepository::default();
    for (path, repository) in [
        ("from the store", None),
        ("from the kept state", Some(&kept)),
    ] {
        seen.lock().expect("not poisoned").run.clear();
        for i in 0..commands {
            let payer = flat.members[i % 3];
            let command = AccountCommand::RecordExpense {
                expense_id: ExpenseId::new(),
                details: expense(payer, 1000 + i as i64, "Groceries", &everyone),
            };
            repository
                .cloned()
                .unwrap_or_default()
                .execute(
                    &mut conn,
                    flat.account,
                    &command,
                    &Metadata::default(),
                    &context(),
                )
                .expect("recorded");
        }
        let seen = seen.lock().expect("not poisoned");
        // Transactions are begun, ended and nested by statements SQLite parses in no time.
        let transaction = |sql: &str| {
            ["BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"]
                .iter()
                .any(|word| sql.trim_start().to_uppercase().starts_with(word))
        };
        let anew: Vec<&String> = seen
            .run
            .iter()
            .filter(|sql| !transaction(sql) && !seen.cached.contains(sql.as_str()))
            .collect();
        assert!(seen.run.len() > 3 * commands, "the statements were seen");
        let per_command = anew.len() as f64 / commands as f64;
        eprintln!(
            "{per_command:.2} statements prepared anew per expense command {path} \
             ({} of {} run)",
            anew.len(),
            seen.run.len()
        );
        // A snapshot's statements (one command in ten) and, from the store, the read of the
        // events.
        let most = if repository.is_some() { 0.5 } else { 1.5 };
        assert!(
            per_command <= most,
            "{} statements prepared anew for {commands} expense commands {path}: {anew:#?}",
            anew.len()
        );
    }
    assert_verified(&mut conn);
    let state = db.load(flat.account);
    let expected: i64 = 999 + 2 * (0..commands as i64).map(|i| 1000 + i).sum::<i64>();
    assert_eq!(total_paid(&state.state), expected);
}

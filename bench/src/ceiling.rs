//! The database's own limit: the expense command straight through
//! `tally::application::AccountRepository::execute` from OS threads with their own connections (no HTTP,
//! session, CSRF, pool or templates), and a hand-written minimal write transaction through
//! Diesel; and the statements each of them sends to MariaDB. With [`crate::seed`] the only
//! module that calls the app's command path, event store and schema.

use crate::backend::{BackendReport, Stage};
use crate::db::session_counters;
use crate::load::{Run, RunKey, Scenario, finish_run, thread_load};
use crate::report::thousands;
use crate::seed::{BenchAccount, Seeded, Users, account_version, metadata_for};
use anyhow::{Context, Result, anyhow};
use chrono::{NaiveDate, Utc};
use diesel::prelude::*;
use std::sync::Arc;
use tally::application::AccountRepository;
use tally::clock::now_micros;
use tally::domain::{AccountCommand, AccountId, ExpenseId, MemberId, SharedAccount, UserId};
use tally::event_sourcing::{Aggregate, DecisionContext, DomainEvent};
use tally::infrastructure::db::DbConnection;
use tally::infrastructure::schema::{accounts, events, members};
use uuid::Uuid;

/// The DB-limit command: the benchmark expense (as the HTTP POST records it) through
/// `execute_with`, the app's whole transaction.
#[derive(Clone)]
struct RecordExpense {
    users: Arc<Vec<UserId>>,
    /// The expense's date.
    today: NaiveDate,
    /// One repository for every thread, as the server has (it keeps the accounts' states).
    repository: AccountRepository,
}

impl RecordExpense {
    fn new(stage: &Stage, users: &Users) -> Self {
        RecordExpense {
            users: Arc::new(users.ids.clone()),
            today: stage.today,
            repository: AccountRepository::with_snapshot_every(stage.every),
        }
    }

    /// Worker `i` records as user `i` mod 4, deciding with `decided_on` as today.
    fn run(
        &self,
        conn: &mut DbConnection,
        account: &BenchAccount,
        i: usize,
        decided_on: NaiveDate,
    ) -> Result<()> {
        let user = i % self.users.len();
        let command = AccountCommand::RecordExpense {
            expense_id: ExpenseId::new(),
            details: account.details(user, self.today)?,
        };
        self.repository
            .execute(
                conn,
                account.id,
                &command,
                &metadata_for(self.users[user]),
                &DecisionContext::on(decided_on),
            )
            .map_err(|e| anyhow!("execute_with failed: {e}"))?;
        Ok(())
    }
}

/// `execute_with` on one account (the twin of the HTTP runs' account) from each
/// `--post-clients` number of threads; then, on MariaDB, its statements per command.
pub(crate) fn limit_runs(
    stage: &mut Stage,
    report: &mut BackendReport,
    users: &Users,
    twin: &BenchAccount,
    size: i64,
) -> Result<()> {
    let record = RecordExpense::new(stage, users);
    for &n in &stage.env.args.post_clients {
        let at = account_version(&mut stage.conn, twin.id)?;
        let timing = stage.timing();
        let (record, account) = (record.clone(), twin.clone());
        let tx = move |c: &mut DbConnection, i: usize| {
            record.run(c, &account, i, Utc::now().date_naive())
        };
        let watch = |t: &_| stage.watcher.watch(t);
        let (w, watched) = thread_load(stage.db, n, &timing, tx, watch)?;
        let key = RunKey {
            scenario: Scenario::Limit,
            size,
            events_at_start: at,
            clients: n,
        };
        report
            .runs
            .push(finish_run(stage.backend, key, w, &timing, watched)?);
    }
    let today = stage.today;
    let profiled = statements_per_command(&mut stage.conn, 50, |c| record.run(c, twin, 0, today))?;
    if let Some(p) = profiled {
        report.statement_profiles.push((
            format!("execute_with, RecordExpense, {} events", thousands(size)),
            p,
        ));
    }
    let timed = time_per_statement(&mut stage.conn, 200, |c| record.run(c, twin, 0, today))?;
    if let Some(t) = timed {
        report.statement_times.push((
            format!("execute_with, RecordExpense, {} events", thousands(size)),
            t,
        ));
    }
    Ok(())
}

/// `execute_with` from one thread per spread account, thread *i* on account *i*.
pub(crate) fn limit_spread_run(
    stage: &mut Stage,
    users: &Users,
    spread: &[BenchAccount],
) -> Result<Run> {
    let n = spread.len();
    let record = RecordExpense::new(stage, users);
    let spread = Arc::new(spread.to_vec());
    let today = stage.today;
    let tx =
        move |c: &mut DbConnection, i: usize| record.run(c, &spread[i % spread.len()], i, today);
    let timing = stage.timing();
    let watch = |t: &_| stage.watcher.watch(t);
    let (w, watched) = thread_load(stage.db, n, &timing, tx, watch)?;
    let key = RunKey {
        scenario: Scenario::LimitSpread,
        size: 10,
        events_at_start: 10,
        clients: n,
    };
    finish_run(stage.backend, key, w, &timing, watched)
}

/// The raw transaction on its own account from each `--post-clients` number of threads;
/// then, on MariaDB, its statements per transaction.
pub(crate) fn raw_runs(
    stage: &mut Stage,
    report: &mut BackendReport,
    seeded: &Seeded,
) -> Result<()> {
    let raw = Arc::new(RawTx::prepare(&mut stage.conn, seeded, stage.today)?);
    for &n in &stage.env.args.post_clients {
        let at = account_version(&mut stage.conn, seeded.raw.id)?;
        let timing = stage.timing();
        let tx_raw = Arc::clone(&raw);
        let watch = |t: &_| stage.watcher.watch(t);
        let (w, watched) = thread_load(stage.db, n, &timing, move |c, _| tx_raw.run(c), watch)?;
        let key = RunKey {
            scenario: Scenario::Raw,
            size: 10,
            events_at_start: at,
            clients: n,
        };
        report
            .runs
            .push(finish_run(stage.backend, key, w, &timing, watched)?);
    }
    if let Some(p) = statements_per_command(&mut stage.conn, 50, |c| raw.run(c))? {
        report
            .statement_profiles
            .push(("raw SQL transaction".into(), p));
    }
    if let Some(t) = time_per_statement(&mut stage.conn, 200, |c| raw.run(c))? {
        report
            .statement_times
            .push(("raw SQL transaction".into(), t));
    }
    Ok(())
}

/// The raw transaction from one thread per spread account, thread *i* on account *i*: the
/// database's own ceiling when writes do not queue behind one account's lock. Run last: its
/// event rows have no read models behind them, so nothing reads those accounts afterwards.
pub(crate) fn raw_spread_run(stage: &mut Stage, seeded: &Seeded) -> Result<Run> {
    let n = seeded.spread.len();
    let raws = seeded
        .spread
        .iter()
        .enumerate()
        .map(|(i, account)| {
            let user = seeded.users.ids[i % seeded.users.ids.len()];
            RawTx::prepare_for(&mut stage.conn, account, user, stage.today)
        })
        .collect::<Result<Vec<_>>>()?;
    let raws = Arc::new(raws);
    let tx = move |c: &mut DbConnection, i: usize| raws[i % raws.len()].run(c);
    let timing = stage.timing();
    let watch = |t: &_| stage.watcher.watch(t);
    let (w, watched) = thread_load(stage.db, n, &timing, tx, watch)?;
    let key = RunKey {
        scenario: Scenario::RawSpread,
        size: 10,
        events_at_start: 10,
        clients: n,
    };
    finish_run(stage.backend, key, w, &timing, watched)
}

/// Statements per command on MariaDB, from the session's own counters over `n` commands
/// (the SHOW itself is taken off), so nothing else on the server can blur them.
fn statements_per_command(
    conn: &mut DbConnection,
    n: usize,
    mut tx: impl FnMut(&mut DbConnection) -> Result<()>,
) -> Result<Option<Vec<f64>>> {
    let Some(before) = session_counters(conn) else {
        return Ok(None);
    };
    for _ in 0..n {
        tx(conn)?;
    }
    let Some(after) = session_counters(conn) else {
        return Ok(None);
    };
    Ok(Some(
        before
            .iter()
            .zip(&after)
            .enumerate()
            .map(|(i, (b, a))| {
                // The SHOW STATUS of the first reading counts once in Questions.
                let own = if i == 0 { 1 } else { 0 };
                a.saturating_sub(*b + own) as f64 / n as f64
            })
            .collect(),
    ))
}

/// Where the time of `n` commands on one connection goes, statement by statement: each
/// statement's text (its start) with how often it ran and its time from sending to the last
/// row, per command, as Diesel's instrumentation sees it; and the whole command's time. On
/// one connection with no other writer, a command's time is what it holds the account's
/// lock for when writers queue; the gap between the two is the app's own work in between.
pub(crate) fn time_per_statement(
    conn: &mut DbConnection,
    n: usize,
    mut tx: impl FnMut(&mut DbConnection) -> Result<()>,
) -> Result<Option<StatementTimes>> {
    use diesel::connection::{Instrumentation, InstrumentationEvent};
    use std::collections::BTreeMap;
    use std::sync::Mutex;
    use std::time::Instant;

    type Totals = Arc<Mutex<BTreeMap<String, (usize, f64)>>>;
    struct Timer {
        started: Option<Instant>,
        totals: Totals,
    }
    impl Instrumentation for Timer {
        fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
            match event {
                InstrumentationEvent::StartQuery { .. } => self.started = Some(Instant::now()),
                InstrumentationEvent::FinishQuery { query, .. } => {
                    let ms = self
                        .started
                        .take()
                        .map_or(0.0, |s| s.elapsed().as_secs_f64() * 1e3);
                    let text = query.to_string();
                    let key: String = text
                        .split(" -- binds")
                        .next()
                        .unwrap_or_default()
                        .replace('`', "")
                        .chars()
                        .take(48)
                        .collect();
                    let mut totals = self.totals.lock().unwrap_or_else(|e| e.into_inner());
                    let entry = totals.entry(key).or_default();
                    entry.0 += 1;
                    entry.1 += ms;
                }
                _ => {}
            }
        }
    }
    #[cfg(feature = "mysql")]
    if let DbConnection::Mysql(c) = conn {
        use diesel::Connection;
        let totals: Totals = Arc::default();
        c.set_instrumentation(Timer {
            started: None,
            totals: totals.clone(),
        });
        let start = Instant::now();
        let mut outcome = Ok(());
        for _ in 0..n {
            outcome = tx(conn);
            if outcome.is_err() {
                break;
            }
        }
        let whole = start.elapsed().as_secs_f64() * 1e3 / n as f64;
        if let DbConnection::Mysql(c) = conn {
            c.set_instrumentation(None::<Box<dyn Instrumentation>>);
        }
        outcome?;
        let totals = totals.lock().unwrap_or_else(|e| e.into_inner());
        let mut statements: Vec<(String, f64, f64)> = totals
            .iter()
            .map(|(sql, (count, ms))| (sql.clone(), *count as f64 / n as f64, ms / n as f64))
            .collect();
        statements.sort_by(|a, b| b.2.total_cmp(&a.2));
        return Ok(Some(StatementTimes { statements, whole }));
    }
    let _ = (conn, n, &mut tx);
    Ok(None)
}

/// See [`time_per_statement`]: (statement, times per command, ms per command), slowest first.
#[derive(Debug, Clone, Default)]
pub(crate) struct StatementTimes {
    pub(crate) statements: Vec<(String, f64, f64)>,
    /// A whole command, in ms.
    pub(crate) whole: f64,
}

/// The hand-written minimal write transaction: lock the account row, read the newest
/// events, insert one event row, update two members and the account.
pub(crate) struct RawTx {
    account: AccountId,
    members: [MemberId; 2],
    event_type: &'static str,
    payload: String,
    metadata: String,
}

fn lock_account(conn: &mut DbConnection, id: &[u8]) -> QueryResult<i64> {
    match conn {
        #[cfg(feature = "mysql")]
        DbConnection::Mysql(c) => accounts::table
            .find(id)
            .select(accounts::version)
            .for_update()
            .first(c),
        DbConnection::Sqlite(c) => {
            // SQLite has no row locks: the first write takes the database's write lock.
            diesel::update(accounts::table.find(id))
                .set(accounts::version.eq(accounts::version))
                .execute(c)?;
            accounts::table.find(id).select(accounts::version).first(c)
        }
    }
}

impl RawTx {
    /// The event the app would record for the benchmark expense on the raw account, as the
    /// payload every raw transaction inserts.
    fn prepare(conn: &mut DbConnection, seeded: &Seeded, today: NaiveDate) -> Result<RawTx> {
        Self::prepare_for(conn, &seeded.raw, seeded.users.ids[0], today)
    }

    /// The same for any seeded account, recorded as `user`.
    fn prepare_for(
        conn: &mut DbConnection,
        account: &BenchAccount,
        user: UserId,
        today: NaiveDate,
    ) -> Result<RawTx> {
        let state = AccountRepository::retrieve(conn, account.id)?;
        let command = AccountCommand::RecordExpense {
            expense_id: ExpenseId::new(),
            details: account.details(0, today)?,
        };
        let event = state
            .state
            .handle(&command, &DecisionContext::on(today))
            .map_err(|e| anyhow!("{e}"))?
            .into_iter()
            .next()
            .context("no event")?;
        Ok(RawTx {
            account: account.id,
            members: [account.members[0], account.members[1]],
            event_type: event.event_type(),
            payload: event.to_payload()?,
            metadata: serde_json::to_string(&metadata_for(user))?,
        })
    }

    fn run(&self, conn: &mut DbConnection) -> Result<()> {
        conn.transaction::<(), diesel::result::Error, _>(|c| {
            let id = self.account.as_bytes().as_slice();
            let version = lock_account(c, id)?;
            let _newest: Vec<(i64, String)> = events::table
                .filter(events::aggregate_id.eq(id))
                .order(events::version.desc())
                .limit(3)
                .select((events::version, events::payload))
                .load(c)?;
            let now = now_micros().naive_utc();
            let event_id = Uuid::now_v7();
            let subject = Uuid::new_v4();
            diesel::insert_into(events::table)
                .values((
                    events::event_id.eq(event_id.as_bytes().as_slice()),
                    events::aggregate_type.eq(SharedAccount::TYPE),
                    events::aggregate_id.eq(id),
                    events::version.eq(version + 1),
                    events::event_type.eq(self.event_type),
                    events::schema_version.eq(1),
                    events::payload.eq(&self.payload),
                    events::metadata.eq(&self.metadata),
                    events::recorded_at.eq(now),
                    events::subject_id.eq(Some(subject.as_bytes().as_slice())),
                ))
                .execute(c)?;
            for (member, paid, owed) in [
                (self.members[0], 1234_i64, 617_i64),
                (self.members[1], 0, 617),
            ] {
                diesel::update(members::table.find(member.as_bytes().as_slice()))
                    .set((
                        members::paid.eq(members::paid + paid),
                        members::owed.eq(members::owed + owed),
                        members::net.eq(members::net + (paid - owed)),
                    ))
                    .execute(c)?;
            }
            diesel::update(accounts::table.find(id))
                .set((
                    accounts::version.eq(version + 1),
                    accounts::updated_at.eq(now),
                ))
                .execute(c)?;
            Ok(())
        })
        .map_err(|e| anyhow!("raw transaction failed: {e}"))
    }
}

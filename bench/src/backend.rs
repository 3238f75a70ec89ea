//! One backend end to end: start-up, a fresh seeded database, the server, signed-in clients,
//! then every run (HTTP here, the database's limit in [`crate::ceiling`]).

use crate::Env;
use crate::ceiling;
use crate::db::{Backend, Database, mysql_version};
use crate::http::{Client, sign_in_all};
use crate::load::{Ask, Run, RunKey, Scenario, Timing, expense_form, finish_run, http_load};
use crate::procfs::{Watcher, find_process};
use crate::seed::{BenchAccount, Seeded, account_version, seed_all};
use crate::servers::{Server, measure_startup};
use anyhow::Result;
use chrono::{NaiveDate, Utc};
use std::time::Duration;
use tally::infrastructure::db::DbConnection;

pub(crate) struct BackendReport {
    pub(crate) backend: Backend,
    pub(crate) runs: Vec<Run>,
    pub(crate) startup: Vec<Duration>,
    pub(crate) seeding: Vec<(String, i64, Duration)>,
    pub(crate) verify: String,
    pub(crate) rss_load_kib: Option<u64>,
    pub(crate) rss_idle_kib: Option<u64>,
    pub(crate) rss_signin_kib: Option<u64>,
    pub(crate) rss_sampled_kib: Option<u64>,
    pub(crate) server_version: Option<String>,
    pub(crate) notes: Vec<String>,
    /// (what, counters per command) from MariaDB's session status.
    pub(crate) statement_profiles: Vec<(String, Vec<f64>)>,
    /// Where a command's time goes, statement by statement (MariaDB).
    pub(crate) statement_times: Vec<(String, crate::ceiling::StatementTimes)>,
}

impl BackendReport {
    /// An empty report, filled in as the runs go.
    pub(crate) fn new(backend: Backend, server_version: Option<String>) -> Self {
        BackendReport {
            backend,
            runs: Vec::new(),
            startup: Vec::new(),
            seeding: Vec::new(),
            verify: String::new(),
            rss_load_kib: None,
            rss_idle_kib: None,
            rss_signin_kib: None,
            rss_sampled_kib: None,
            server_version,
            notes: Vec::new(),
            statement_profiles: Vec::new(),
            statement_times: Vec::new(),
        }
    }
}

/// What the runs of one backend share: the seeded database, a connection to it (to read the
/// accounts' sizes), what to watch, the day the expenses are dated, the snapshot interval.
pub(crate) struct Stage<'a> {
    pub(crate) env: &'a Env,
    pub(crate) backend: Backend,
    pub(crate) db: &'a Database,
    pub(crate) conn: DbConnection,
    pub(crate) watcher: Watcher,
    pub(crate) today: NaiveDate,
    pub(crate) every: i64,
}

impl Stage<'_> {
    /// The timing of a run starting now: `--warmup`, then `--duration` measured.
    pub(crate) fn timing(&self) -> Timing {
        Timing::new(self.env.args.warmup(), self.env.args.duration())
    }
}

pub(crate) fn run_backend(env: &Env, backend: Backend) -> Result<BackendReport> {
    let args = &env.args;
    eprintln!("== {} ==", backend.label());
    let server_version = if backend == Backend::Mysql {
        mysql_version(args)
    } else {
        None
    };
    let mut report = BackendReport::new(backend, server_version);

    eprintln!(
        "  start-up on fresh databases ({} runs)",
        args.startup_runs()
    );
    report.startup = measure_startup(env, backend)?;

    let db = Database::fresh(backend, args, "main")?;
    let seeded = seed_all(env, &db, &mut report)?;
    let (mut server, _) = Server::start(
        &env.bin,
        &db,
        args,
        &env.secret,
        env.log_path(backend, "server")?,
        &[],
        Duration::from_secs(60),
    )?;
    let mut clients = sign_in_clients(env, &server, &seeded, &mut report)?;
    let mut stage = Stage {
        env,
        backend,
        db: &db,
        conn: db.connect()?,
        watcher: watcher(env, backend, &server),
        today: Utc::now().date_naive(),
        every: args.snapshot_every(),
    };
    run_all(&mut stage, &mut report, &mut clients, &seeded)?;

    report.rss_load_kib = server.status_kib("VmHWM:");
    report.rss_sampled_kib = report.runs.iter().filter_map(|r| r.rss_kib).max();
    server.stop();
    if !args.keep {
        let _ = std::fs::remove_file(&server.log);
    }
    drop(server);
    drop(stage);
    drop(db);
    Ok(report)
}

/// Every run, in the report's order: per size the GETs, the POSTs and the DB limit; then the
/// raw ceiling; then the many-flats runs.
fn run_all(
    stage: &mut Stage,
    report: &mut BackendReport,
    clients: &mut [Client],
    seeded: &Seeded,
) -> Result<()> {
    for (i, (account, twin)) in seeded.sized.iter().enumerate() {
        let size = stage.env.args.sizes()[i];
        for &n in &stage.env.args.get_clients() {
            report
                .runs
                .push(get_run(stage, &mut clients[..n], account, size)?);
        }
        for scenario in [Scenario::AsOfMiddle, Scenario::AsOfToday] {
            for &n in &stage.env.args.get_clients() {
                report.runs.push(as_of_run(
                    stage,
                    &mut clients[..n],
                    account,
                    size,
                    scenario,
                )?);
            }
        }
        // The statistics page (default period: the last 12 months) at the 16 clients.
        let n = STATS_CLIENTS.min(clients.len());
        // The expense list's first page at the same 16 clients (issue 15: flat with history),
        // and the new-expense form: kept by no view cache, so it shows what a page read
        // afresh costs at each size.
        for scenario in [Scenario::Stats, Scenario::List, Scenario::Form] {
            report
                .runs
                .push(page_run(stage, &mut clients[..n], account, size, scenario)?);
        }
        for &n in &stage.env.args.post_clients {
            report
                .runs
                .push(post_run(stage, &mut clients[..n], account, size)?);
        }
        ceiling::limit_runs(stage, report, &seeded.users, twin, size)?;
    }
    // The raw ceiling, on its own account (its event rows have no read models behind them).
    ceiling::raw_runs(stage, report, seeded)?;
    // Many flats at once: client/thread i writes to account i.
    if !seeded.spread.is_empty() {
        let n = seeded.spread.len();
        report
            .runs
            .push(post_spread_run(stage, &mut clients[..n], &seeded.spread)?);
        report.runs.push(ceiling::limit_spread_run(
            stage,
            &seeded.users,
            &seeded.spread,
        )?);
        report.runs.push(ceiling::raw_spread_run(stage, seeded)?);
    }
    Ok(())
}

/// What the runs watch: the server, mariadbd, and MariaDB's `Questions` counter.
fn watcher(env: &Env, backend: Backend, server: &Server) -> Watcher {
    let mysql = backend == Backend::Mysql;
    Watcher {
        server: Some(server.pid),
        db: if mysql {
            find_process(&["mariadbd", "mysqld"])
        } else {
            None
        },
        mysql_server: mysql.then(|| env.args.mysql_url.trim_end_matches('/').to_owned()),
    }
}

/// Signs in every client the runs need, with the server's RSS before and after, then resets
/// the server's peak RSS so the peak covers the measured load only.
fn sign_in_clients(
    env: &Env,
    server: &Server,
    seeded: &Seeded,
    report: &mut BackendReport,
) -> Result<Vec<Client>> {
    report.rss_idle_kib = server.status_kib("VmRSS:");
    let n_clients = env.args.max_clients();
    eprintln!("  signing in {n_clients} clients over HTTP");
    let clients = sign_in_all(env, server, seeded, n_clients)?;
    report.rss_signin_kib = server.status_kib("VmRSS:");
    if !server.reset_peak_rss() {
        report
            .notes
            .push("could not reset VmHWM (clear_refs); the peak includes sign-in".into());
    }
    Ok(clients)
}

/// The POST every client sends: the expense form of its own session and member.
fn post_asks(stage: &Stage, clients: &[Client], accounts: &[&BenchAccount]) -> Result<Vec<Ask>> {
    let mut asks = Vec::new();
    for (c, account) in clients.iter().zip(accounts) {
        asks.push(Ask::PostExpense {
            path: format!("{}/expenses", account.path()),
            back: account.path(),
            prefix: expense_form(&c.csrf, account, c.user, stage.today)?,
        });
    }
    Ok(asks)
}

/// Clients of the statistics GET run (the target is at 16).
const STATS_CLIENTS: usize = 16;

/// GETs of one of an account's pages (statistics, the expense list, the new-expense form) by
/// every client; each must answer 200.
fn page_run(
    stage: &mut Stage,
    clients: &mut [Client],
    account: &BenchAccount,
    size: i64,
    scenario: Scenario,
) -> Result<Run> {
    let n = clients.len();
    let page = match scenario {
        Scenario::List => "expenses",
        Scenario::Form => "expenses/new",
        _ => "statistics",
    };
    let asks = vec![
        Ask::Get {
            path: format!("{}/{page}", account.path())
        };
        n
    ];
    let at = account_version(&mut stage.conn, account.id)?;
    let timing = stage.timing();
    let watch = |t: &Timing| stage.watcher.watch(t);
    let (w, watched) = http_load(&stage.env.rt, clients, asks, &timing, watch)?;
    let key = RunKey {
        scenario,
        size,
        events_at_start: at,
        clients: n,
    };
    finish_run(stage.backend, key, w, &timing, watched)
}

/// Dashboard GETs of one account by every client.
fn get_run(
    stage: &mut Stage,
    clients: &mut [Client],
    account: &BenchAccount,
    size: i64,
) -> Result<Run> {
    let n = clients.len();
    let asks = vec![
        Ask::Get {
            path: account.path()
        };
        n
    ];
    let at = account_version(&mut stage.conn, account.id)?;
    let timing = stage.timing();
    let watch = |t: &Timing| stage.watcher.watch(t);
    let (w, watched) = http_load(&stage.env.rt, clients, asks, &timing, watch)?;
    let key = RunKey {
        scenario: Scenario::Get,
        size,
        events_at_start: at,
        clients: n,
    };
    finish_run(stage.backend, key, w, &timing, watched)
}

/// As-of GETs of one account by every client: right after its middle change (a kept
/// snapshot and a few events, the expenses changed since), or at the end of today (every
/// seeded event was recorded today: the newest point, found through the recorded-at index).
fn as_of_run(
    stage: &mut Stage,
    clients: &mut [Client],
    account: &BenchAccount,
    size: i64,
    scenario: Scenario,
) -> Result<Run> {
    let n = clients.len();
    let at = account_version(&mut stage.conn, account.id)?;
    let path = match scenario {
        Scenario::AsOfToday => format!("{}/as-of?date={}", account.path(), stage.today),
        _ => format!("{}/as-of?after={}", account.path(), (at / 2).max(1)),
    };
    let asks = vec![Ask::Get { path }; n];
    let timing = stage.timing();
    let watch = |t: &Timing| stage.watcher.watch(t);
    let (w, watched) = http_load(&stage.env.rt, clients, asks, &timing, watch)?;
    let key = RunKey {
        scenario,
        size,
        events_at_start: at,
        clients: n,
    };
    finish_run(stage.backend, key, w, &timing, watched)
}

/// Expense POSTs to one account by every client; the account must grow by exactly as many
/// events as POSTs were answered 303.
fn post_run(
    stage: &mut Stage,
    clients: &mut [Client],
    account: &BenchAccount,
    size: i64,
) -> Result<Run> {
    let n = clients.len();
    let asks = post_asks(stage, clients, &vec![account; n])?;
    let at = account_version(&mut stage.conn, account.id)?;
    let timing = stage.timing();
    let watch = |t: &Timing| stage.watcher.watch(t);
    let (w, watched) = http_load(&stage.env.rt, clients, asks, &timing, watch)?;
    let ok_total: u64 = w.iter().map(|x| x.ok_total).sum();
    let key = RunKey {
        scenario: Scenario::Post,
        size,
        events_at_start: at,
        clients: n,
    };
    let mut run = finish_run(stage.backend, key, w, &timing, watched)?;
    let after = account_version(&mut stage.conn, account.id)?;
    if (after - at) as u64 != ok_total {
        run.notes.push(format!(
            "{ok_total} POSTs answered 303 but the account grew by {} events",
            after - at
        ));
        eprintln!("      WARNING: {}", run.notes.join("; "));
    }
    Ok(run)
}

/// Client *i* POSTs expenses to account *i*: many flats at once, no shared row lock.
fn post_spread_run(
    stage: &mut Stage,
    clients: &mut [Client],
    spread: &[BenchAccount],
) -> Result<Run> {
    let n = spread.len();
    let accounts: Vec<&BenchAccount> = spread.iter().collect();
    let asks = post_asks(stage, clients, &accounts)?;
    let timing = stage.timing();
    let watch = |t: &Timing| stage.watcher.watch(t);
    let (w, watched) = http_load(&stage.env.rt, clients, asks, &timing, watch)?;
    let key = RunKey {
        scenario: Scenario::PostSpread,
        size: 10,
        events_at_start: 10,
        clients: n,
    };
    finish_run(stage.backend, key, w, &timing, watched)
}

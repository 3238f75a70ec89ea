//! `tally-bench`: the benchmark harness behind `./scripts/bench` (see `bench/README.md`).
//!
//! For each backend (MariaDB, SQLite) it measures the start-up time of `tally serve` on fresh
//! databases, seeds users and accounts of 10 … 100,000 events through the library's own
//! decide/apply, event store, projections and snapshot code, starts the release server, signs
//! clients in over HTTP and drives it with a small keep-alive HTTP/1.1 load generator written
//! here on tokio; then it runs the same command transaction straight through Diesel
//! (`application::AccountRepository::execute`, and a hand-written minimal transaction) as the database's
//! ceiling. Results go to a Markdown report. Numbers never fail the run; broken measurements do.

use anyhow::{Context, Result, anyhow, bail};
use chrono::{NaiveDate, Utc};
use clap::Parser;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tally::application::{AccountRepository, DEFAULT_SNAPSHOT_EVERY};
use tally::clock::now_micros;
use tally::domain::{
    AccountCommand, AccountEvent, AccountId, AccountName, Currency, Description, ExpenseDetails,
    ExpenseId, MemberId, MemberName, Money, Portion, SharedAccount, Split, TransferDetails,
    TransferId, UserId,
};
use tally::event_sourcing::{
    Aggregate, DecisionContext, DomainEvent, EventEnvelope, Metadata, Snapshotting,
};
use tally::identity::{self, Email};
use tally::infrastructure::db::{DatabaseUrl, DbConnection};
use tally::infrastructure::event_store;
use tally::infrastructure::schema::{accounts, events, members};
use tally::infrastructure::snapshot_store;
use tally::projections;
use uuid::Uuid;

/// The password of every benchmark user.
const PASSWORD: &str = "bench horse battery staple";
/// Members of every benchmark account (a typical flat).
const MEMBER_NAMES: [&str; 4] = ["Ada", "Ben", "Cleo", "Dev"];
/// Events per seeding transaction.
const SEED_BATCH: i64 = 1_000;
/// Linux reports process CPU time in ticks of 1/100 s.
const USER_HZ: f64 = 100.0;

/// Benchmarks tally end to end and against the database's own limit.
#[derive(Parser, Debug, Clone)]
#[command(name = "tally-bench", about)]
struct Args {
    /// Tiny sizes (10 and 1,000 events), 2-second runs: proves the harness works.
    #[arg(long)]
    quick: bool,
    /// Events per benchmark account (default 10,1000,10000,100000; quick: 10,1000).
    #[arg(long, value_delimiter = ',')]
    sizes: Option<Vec<i64>>,
    /// Seconds measured per run (default 5; quick: 2).
    #[arg(long)]
    duration: Option<f64>,
    /// Seconds of warm-up before each measurement (default 1; quick: 0.5).
    #[arg(long)]
    warmup: Option<f64>,
    /// Concurrent clients for the expense POST and the database-limit runs.
    #[arg(long, value_delimiter = ',', default_value = "1,16")]
    post_clients: Vec<usize>,
    /// Concurrent clients for the dashboard GET runs.
    #[arg(long, value_delimiter = ',', default_value = "16,64")]
    get_clients: Vec<usize>,
    /// Backends to measure, in order: mysql (MariaDB), sqlite.
    #[arg(long, value_delimiter = ',', default_value = "mysql,sqlite")]
    backends: Vec<String>,
    /// MariaDB/MySQL server, without a database; the harness creates and drops its own.
    #[arg(
        long,
        env = "TALLY_BENCH_MYSQL_URL",
        default_value = "mysql://root@127.0.0.1:3306"
    )]
    mysql_url: String,
    /// The `tally` binary (default: next to this one).
    #[arg(long)]
    tally_bin: Option<PathBuf>,
    /// TALLY_DB_POOL_SIZE for the server (default: the app's default).
    #[arg(long, default_value_t = tally::config::DEFAULT_POOL_SIZE)]
    pool_size: u32,
    /// TALLY_SNAPSHOT_EVERY for the server and the seeding (default: the app's default).
    #[arg(long, env = "TALLY_SNAPSHOT_EVERY")]
    snapshot_every: Option<i64>,
    /// Start-ups on a fresh database, per backend (default 5; quick: 3).
    #[arg(long)]
    startup_runs: Option<usize>,
    /// Run `verify` on the seeded database (default: only with --quick; it replays every event
    /// into the read models, which takes minutes at 200,000 events on MariaDB).
    #[arg(long, default_missing_value = "true", num_args = 0..=1)]
    verify: Option<bool>,
    /// Skip the 16-clients-on-16-accounts runs.
    #[arg(long)]
    no_spread: bool,
    /// Extra environment for the server, e.g. `--server-env MALLOC_ARENA_MAX=2` (repeatable).
    #[arg(long, value_name = "KEY=VALUE")]
    server_env: Vec<String>,
    /// Where the report goes.
    #[arg(long, default_value = "bench/results")]
    out: PathBuf,
    /// Scratch space (SQLite files, server logs).
    #[arg(long, default_value = "bench/tmp")]
    work_dir: PathBuf,
    /// Keep the databases and server logs afterwards.
    #[arg(long)]
    keep: bool,
    /// Instead of the benchmark: profile the expense POST path with `perf` or `callgrind`.
    #[arg(long, value_parser = ["perf", "callgrind"])]
    profile: Option<String>,
    /// Seconds of load while profiling (perf), or requests recorded (callgrind: × 25).
    #[arg(long, default_value_t = 10.0)]
    profile_seconds: f64,
    /// What to profile: the expense POST or the dashboard GET.
    #[arg(long, value_parser = ["post", "get"], default_value = "post")]
    profile_target: String,
}

impl Args {
    fn sizes(&self) -> Vec<i64> {
        self.sizes.clone().unwrap_or_else(|| {
            if self.quick {
                vec![10, 1_000]
            } else {
                vec![10, 1_000, 10_000, 100_000]
            }
        })
    }
    fn duration(&self) -> Duration {
        Duration::from_secs_f64(self.duration.unwrap_or(if self.quick { 2.0 } else { 5.0 }))
    }
    fn warmup(&self) -> Duration {
        Duration::from_secs_f64(self.warmup.unwrap_or(if self.quick { 0.5 } else { 1.0 }))
    }
    fn startup_runs(&self) -> usize {
        self.startup_runs
            .unwrap_or(if self.quick { 3 } else { 5 })
            .max(1)
    }
    fn snapshot_every(&self) -> i64 {
        self.snapshot_every.unwrap_or(DEFAULT_SNAPSHOT_EVERY).max(1)
    }
    fn max_clients(&self) -> usize {
        let spread = if self.no_spread { 0 } else { SPREAD_ACCOUNTS };
        self.post_clients
            .iter()
            .chain(&self.get_clients)
            .copied()
            .chain([spread, 1])
            .max()
            .unwrap_or(1)
    }
}

/// Accounts (and clients) of the "many flats at once" runs.
const SPREAD_ACCOUNTS: usize = 16;

// =========================================================================================
// Backends and databases

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Backend {
    Mysql,
    Sqlite,
}

impl Backend {
    fn parse(s: &str) -> Result<Backend> {
        match s.trim().to_ascii_lowercase().as_str() {
            "mysql" | "mariadb" => Ok(Backend::Mysql),
            "sqlite" => Ok(Backend::Sqlite),
            other => bail!("unknown backend {other:?} (use mysql or sqlite)"),
        }
    }
    fn label(self) -> &'static str {
        match self {
            Backend::Mysql => "MariaDB",
            Backend::Sqlite => "SQLite",
        }
    }
}

/// A database that exists for this run, dropped (or deleted) afterwards unless kept.
struct Database {
    backend: Backend,
    url: DatabaseUrl,
    cleanup: Cleanup,
    keep: bool,
}

enum Cleanup {
    #[cfg_attr(not(feature = "mysql"), allow(dead_code))]
    MysqlDrop {
        server: String,
        name: String,
    },
    Files(PathBuf),
}

impl Database {
    fn fresh(backend: Backend, args: &Args, tag: &str) -> Result<Database> {
        static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let name = format!("tally_bench_{}_{}_{n}", std::process::id(), tag);
        match backend {
            Backend::Mysql => {
                #[cfg(feature = "mysql")]
                {
                    let server = args.mysql_url.trim_end_matches('/').to_owned();
                    let mut admin = diesel::MysqlConnection::establish(&server)
                        .with_context(|| format!("cannot reach MariaDB at {server}"))?;
                    diesel::sql_query(format!("CREATE DATABASE {name} CHARACTER SET utf8mb4"))
                        .execute(&mut admin)
                        .context("cannot create the benchmark database")?;
                    Ok(Database {
                        backend,
                        url: DatabaseUrl::parse(&format!("{server}/{name}")),
                        cleanup: Cleanup::MysqlDrop { server, name },
                        keep: args.keep,
                    })
                }
                #[cfg(not(feature = "mysql"))]
                {
                    let _ = name;
                    bail!("this build has no MySQL support; build with --features mysql")
                }
            }
            Backend::Sqlite => {
                std::fs::create_dir_all(&args.work_dir)?;
                let path = args.work_dir.join(format!("{name}.db"));
                let text = path.to_str().context("work dir is not UTF-8")?.to_owned();
                Ok(Database {
                    backend,
                    url: DatabaseUrl::parse(&text),
                    cleanup: Cleanup::Files(path),
                    keep: args.keep,
                })
            }
        }
    }

    /// Drops `tally_bench_<pid>_…` databases left by harness runs that were killed (their
    /// process is gone), when the server is on this machine.
    fn drop_stale(args: &Args) {
        #[cfg(feature = "mysql")]
        {
            #[derive(QueryableByName)]
            struct Row {
                #[diesel(sql_type = diesel::sql_types::Text)]
                name: String,
            }
            let server = args.mysql_url.trim_end_matches('/');
            if !(server.contains("@127.0.0.1") || server.contains("@localhost")) {
                return;
            }
            let Ok(mut admin) = diesel::MysqlConnection::establish(server) else {
                return;
            };
            let rows: Vec<Row> = diesel::sql_query(
                "SELECT schema_name AS name FROM information_schema.schemata \
                 WHERE schema_name LIKE 'tally\\_bench\\_%'",
            )
            .load(&mut admin)
            .unwrap_or_default();
            for row in rows {
                let pid = row
                    .name
                    .split('_')
                    .nth(2)
                    .and_then(|p| p.parse::<u32>().ok());
                if let Some(pid) = pid
                    && !Path::new(&format!("/proc/{pid}")).exists()
                {
                    eprintln!(
                        "dropping {} (left by a harness run that was stopped)",
                        row.name
                    );
                    let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS `{}`", row.name))
                        .execute(&mut admin);
                }
            }
        }
        #[cfg(not(feature = "mysql"))]
        let _ = args;
    }

    fn connect(&self) -> Result<DbConnection> {
        self.url
            .connect()
            .map_err(|e| anyhow!("cannot open the {} database: {e}", self.backend.label()))
    }

    fn url_text(&self) -> String {
        match &self.url {
            DatabaseUrl::Sqlite(p) | DatabaseUrl::Mysql(p) => p.clone(),
        }
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if self.keep {
            eprintln!("kept database: {}", self.url_text());
            return;
        }
        match &self.cleanup {
            #[cfg(feature = "mysql")]
            Cleanup::MysqlDrop { server, name } => {
                if let Ok(mut admin) = diesel::MysqlConnection::establish(server) {
                    let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name}"))
                        .execute(&mut admin);
                }
            }
            #[cfg(not(feature = "mysql"))]
            Cleanup::MysqlDrop { .. } => {}
            Cleanup::Files(path) => {
                for suffix in ["", "-wal", "-shm", ".secret-key"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(PathBuf::from(p));
                }
            }
        }
    }
}

// =========================================================================================
// The server process

struct Server {
    child: Child,
    pid: u32,
    addr: SocketAddr,
    log: PathBuf,
}

fn free_port() -> Result<u16> {
    let l = TcpListener::bind("127.0.0.1:0")?;
    Ok(l.local_addr()?.port())
}

fn random_hex(bytes: usize) -> String {
    let mut s = String::new();
    while s.len() < bytes * 2 {
        s.push_str(&Uuid::new_v4().simple().to_string());
    }
    s.truncate(bytes * 2);
    s
}

impl Server {
    /// Spawns `tally serve` and waits for /readyz; returns the server and the time from
    /// spawn to the first 200 (migrations included).
    fn start(
        bin: &Path,
        db: &Database,
        args: &Args,
        secret: &str,
        log: PathBuf,
        wrapper: &[String],
        ready_timeout: Duration,
    ) -> Result<(Server, Duration)> {
        let port = free_port()?;
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse()?;
        let log_file = std::fs::File::create(&log)
            .with_context(|| format!("cannot create {}", log.display()))?;
        let mut cmd = match wrapper.split_first() {
            Some((first, rest)) => {
                let mut c = Command::new(first);
                c.args(rest).arg(bin);
                c
            }
            None => Command::new(bin),
        };
        cmd.arg("serve")
            .env("TALLY_DATABASE_URL", db.url_text())
            .env("TALLY_BIND", addr.to_string())
            .env("TALLY_DB_POOL_SIZE", args.pool_size.to_string())
            .env("TALLY_SECRET_KEY", secret)
            .env("TALLY_SNAPSHOT_EVERY", args.snapshot_every().to_string())
            .env(
                "RUST_LOG",
                std::env::var("TALLY_BENCH_RUST_LOG").unwrap_or_else(|_| "info,diesel=warn".into()),
            )
            .stdin(Stdio::null())
            .envs(args.server_env.iter().filter_map(|kv| kv.split_once('=')))
            .stdout(log_file.try_clone()?)
            .stderr(log_file);
        let started = Instant::now();
        let child = cmd
            .spawn()
            .with_context(|| format!("cannot start {}", bin.display()))?;
        let pid = child.id();
        let mut server = Server {
            child,
            pid,
            addr,
            log,
        };
        loop {
            if let Some(status) = server.child.try_wait()? {
                bail!(
                    "the server exited before it was ready ({status}); its log:\n{}",
                    server.log_tail()
                );
            }
            if probe_ready(addr) {
                return Ok((server, started.elapsed()));
            }
            if started.elapsed() > ready_timeout {
                bail!(
                    "the server was not ready within {ready_timeout:?}; its log:\n{}",
                    server.log_tail()
                );
            }
            std::thread::sleep(Duration::from_millis(3));
        }
    }

    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }

    /// SIGTERM (graceful), then SIGKILL after a while.
    fn stop(&mut self) {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            return;
        }
        let _ = Command::new("kill")
            .args(["-TERM", &self.pid.to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    fn status_kib(&self, field: &str) -> Option<u64> {
        proc_status_kib(self.pid, field)
    }

    /// Resets the kernel's peak-RSS counter (VmHWM), so a later reading covers only the load.
    fn reset_peak_rss(&self) -> bool {
        std::fs::write(format!("/proc/{}/clear_refs", self.pid), "5").is_ok()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// One blocking GET /readyz; true on 200.
fn probe_ready(addr: SocketAddr) -> bool {
    let Ok(mut s) = TcpStream::connect_timeout(&addr, Duration::from_millis(200)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    if s.write_all(b"GET /readyz HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    buf.starts_with(b"HTTP/1.1 200")
}

// =========================================================================================
// /proc readings

fn proc_status_kib(pid: u32, field: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    text.lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// User + system CPU ticks of a process (all threads).
fn proc_ticks(pid: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &text[text.rfind(')')? + 1..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// (busy, total) jiffies of the whole machine.
fn machine_ticks() -> Option<(u64, u64)> {
    let text = std::fs::read_to_string("/proc/stat").ok()?;
    let line = text.lines().next()?;
    let v: Vec<u64> = line
        .split_whitespace()
        .skip(1)
        .filter_map(|x| x.parse().ok())
        .collect();
    let total: u64 = v.iter().take(8).sum();
    let idle = v.get(3).copied().unwrap_or(0) + v.get(4).copied().unwrap_or(0);
    Some((total - idle, total))
}

fn find_process(names: &[&str]) -> Option<u32> {
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        if let Ok(comm) = std::fs::read_to_string(format!("/proc/{pid}/comm"))
            && names.contains(&comm.trim())
        {
            return Some(pid);
        }
    }
    None
}

fn cores() -> f64 {
    std::thread::available_parallelism().map_or(1, |n| n.get()) as f64
}

/// CPU shares over one measured window, each as a fraction of the whole machine.
#[derive(Debug, Clone, Copy, Default)]
struct CpuShares {
    harness: f64,
    server: f64,
    db: f64,
    machine: f64,
}

/// What a watch over one window saw: CPU shares, the server's peak RSS (KiB), and MariaDB's
/// statements in the window.
type Watched = (CpuShares, Option<u64>, Option<u64>);

/// One reading: when, harness/server/DB ticks, machine (busy, total).
type CpuSample = (Instant, u64, u64, u64, (u64, u64));

struct CpuProbe {
    server: Option<u32>,
    db: Option<u32>,
    start: Option<CpuSample>,
}

impl CpuProbe {
    fn new(server: Option<u32>, db: Option<u32>) -> Self {
        CpuProbe {
            server,
            db,
            start: None,
        }
    }
    fn read(&self) -> (u64, u64, u64, (u64, u64)) {
        let t = |p: Option<u32>| p.and_then(|p| proc_ticks(&p.to_string())).unwrap_or(0);
        (
            proc_ticks("self").unwrap_or(0),
            t(self.server),
            t(self.db),
            machine_ticks().unwrap_or((0, 1)),
        )
    }
    fn begin(&mut self) {
        let (h, s, d, m) = self.read();
        self.start = Some((Instant::now(), h, s, d, m));
    }
    fn end(&self) -> CpuShares {
        let Some((t0, h0, s0, d0, m0)) = self.start else {
            return CpuShares::default();
        };
        let (h, s, d, m) = self.read();
        let capacity = t0.elapsed().as_secs_f64() * cores();
        let share = |a: u64, b: u64| (b.saturating_sub(a)) as f64 / USER_HZ / capacity;
        let busy = (m.0.saturating_sub(m0.0)) as f64 / (m.1.saturating_sub(m0.1)).max(1) as f64;
        CpuShares {
            harness: share(h0, h),
            server: share(s0, s),
            db: share(d0, d),
            machine: busy,
        }
    }
}

/// MariaDB's global `Questions` counter (statements received), for statements per request.
#[cfg(feature = "mysql")]
fn mysql_questions(server: &str) -> Option<u64> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        #[diesel(column_name = Value)]
        value: String,
    }
    let mut conn = diesel::MysqlConnection::establish(server).ok()?;
    let rows: Vec<Row> = diesel::sql_query("SHOW GLOBAL STATUS LIKE 'Questions'")
        .load(&mut conn)
        .ok()?;
    rows.first()?.value.parse().ok()
}

#[cfg(not(feature = "mysql"))]
fn mysql_questions(_server: &str) -> Option<u64> {
    None
}

/// The statement counters of this connection's own MariaDB session.
const SESSION_COUNTERS: [&str; 9] = [
    "Questions",
    "Com_stmt_prepare",
    "Com_stmt_execute",
    "Com_stmt_close",
    "Com_select",
    "Com_insert",
    "Com_update",
    "Com_begin",
    "Com_commit",
];

#[cfg(feature = "mysql")]
fn session_counters(conn: &mut DbConnection) -> Option<Vec<u64>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        #[diesel(column_name = Variable_name)]
        name: String,
        #[diesel(sql_type = diesel::sql_types::Text)]
        #[diesel(column_name = Value)]
        value: String,
    }
    #[allow(irrefutable_let_patterns)]
    let DbConnection::Mysql(c) = conn else {
        return None;
    };
    let rows: Vec<Row> = diesel::sql_query("SHOW SESSION STATUS").load(c).ok()?;
    Some(
        SESSION_COUNTERS
            .iter()
            .map(|name| {
                rows.iter()
                    .find(|r| r.name.eq_ignore_ascii_case(name))
                    .and_then(|r| r.value.parse().ok())
                    .unwrap_or(0)
            })
            .collect(),
    )
}

#[cfg(not(feature = "mysql"))]
fn session_counters(_conn: &mut DbConnection) -> Option<Vec<u64>> {
    None
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

// =========================================================================================
// Seeding, through the library's own code

/// The benchmark users (registered through `tally::identity`).
struct Users {
    ids: Vec<UserId>,
    emails: Vec<String>,
}

fn seed_users(conn: &mut DbConnection) -> Result<Users> {
    let hash = identity::password::hash(PASSWORD).map_err(|e| anyhow!("hashing failed: {e}"))?;
    let mut ids = Vec::new();
    let mut emails = Vec::new();
    for (i, name) in MEMBER_NAMES.iter().enumerate() {
        let email = format!("bench{i}@bench.example.org");
        let id = identity::register(
            conn,
            &Email::parse(&email).map_err(|e| anyhow!("{e}"))?,
            &MemberName::parse(name).map_err(|e| anyhow!("{e}"))?,
            &hash,
        )
        .map_err(|e| anyhow!("cannot register {email}: {e}"))?;
        ids.push(id);
        emails.push(email);
    }
    Ok(Users { ids, emails })
}

/// An account the benchmark uses: four members, one per benchmark user.
#[derive(Debug, Clone)]
struct BenchAccount {
    id: AccountId,
    /// Member ids by user index.
    members: Vec<MemberId>,
    /// Events when seeding finished.
    seeded: i64,
}

impl BenchAccount {
    fn path(&self) -> String {
        format!("/accounts/{}", self.id)
    }
    fn details(&self, payer: usize, today: NaiveDate) -> Result<ExpenseDetails> {
        Ok(ExpenseDetails {
            payer: self.members[payer % self.members.len()],
            amount: Money(1234),
            description: Description::parse("Bench expense").map_err(|e| anyhow!("{e}"))?,
            date: today,
            split: Split::Equally {
                participants: self.members.clone(),
            },
        })
    }
}

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const DESCRIPTIONS: [&str; 8] = [
    "Groceries",
    "Rent",
    "Internet",
    "Electricity",
    "Cleaning supplies",
    "Pizza night",
    "Toilet paper",
    "Plants",
];

/// A flat's history: mostly expenses (split equally or by shares), some payments back,
/// corrections and deletions, dated over the past years up to today.
struct Mix {
    rng: Rng,
    live: Vec<ExpenseId>,
    n: u64,
}

impl Mix {
    fn command(
        &mut self,
        state: &SharedAccount,
        members: &[MemberId],
        date: NaiveDate,
    ) -> Result<(AccountCommand, usize)> {
        let k = self.n;
        self.n += 1;
        let who = self.rng.below(members.len() as u64) as usize;
        if k % 20 == 19 {
            let other =
                (who + 1 + self.rng.below(members.len() as u64 - 1) as usize) % members.len();
            return Ok((
                AccountCommand::RecordTransfer {
                    transfer_id: TransferId::new(),
                    details: TransferDetails {
                        from: members[who],
                        to: members[other],
                        amount: Money(500 + self.rng.below(4_500) as i64),
                        date,
                    },
                },
                who,
            ));
        }
        if k % 50 == 49
            && let Some(&id) = self.live.get(
                self.live
                    .len()
                    .saturating_sub(1 + self.rng.below(20) as usize),
            )
            && let Some(existing) = state.expenses.get(&id)
        {
            let mut details = existing.details.clone();
            details.amount = Money(details.amount.0 + 100);
            return Ok((
                AccountCommand::CorrectExpense {
                    expense_id: id,
                    details,
                    expected_revision: Some(existing.revision),
                },
                who,
            ));
        }
        if k % 97 == 96 && self.live.len() > 10 {
            let i = self.rng.below(self.live.len() as u64) as usize;
            let id = self.live.swap_remove(i);
            return Ok((AccountCommand::DeleteExpense { expense_id: id }, who));
        }
        let expense_id = ExpenseId::new();
        self.live.push(expense_id);
        let split = if self.rng.below(5) == 0 {
            Split::ByShares {
                shares: members
                    .iter()
                    .map(|&m| Portion {
                        member_id: m,
                        value: 1 + self.rng.below(3) as i64,
                    })
                    .collect(),
            }
        } else {
            Split::Equally {
                participants: members.to_vec(),
            }
        };
        let description = format!(
            "{} #{k}",
            DESCRIPTIONS[self.rng.below(DESCRIPTIONS.len() as u64) as usize]
        );
        Ok((
            AccountCommand::RecordExpense {
                expense_id,
                details: ExpenseDetails {
                    payer: members[who],
                    amount: Money(100 + self.rng.below(20_000) as i64),
                    description: Description::parse(&description).map_err(|e| anyhow!("{e}"))?,
                    date,
                    split,
                },
            },
            who,
        ))
    }
}

fn metadata_for(user: UserId) -> Metadata {
    Metadata {
        user_id: Some(user.0),
        request_id: None,
    }
}

/// Opens an account with the four users as members (through `AccountRepository::execute`, exactly as the
/// app does), then brings it to `target` events: commands decided by the aggregate, events
/// folded, appended with `event_store::append`, read models written by `projections::project`
/// and snapshots saved with `snapshot_store::save` whenever the version crosses a multiple of
/// `snapshot_every` — the app's own write path, batched into transactions of
/// [`SEED_BATCH`] events so 100,000 events take seconds, not a commit each.
fn seed_account(
    conn: &mut DbConnection,
    users: &Users,
    name: &str,
    target: i64,
    snapshot_every: i64,
    seed: u64,
) -> Result<BenchAccount> {
    let today = Utc::now().date_naive();
    let context = DecisionContext { today };
    let account_id = AccountId::new();
    let members: Vec<MemberId> = users.ids.iter().map(|_| MemberId::new()).collect();
    let open = AccountCommand::Open {
        name: AccountName::parse(name).map_err(|e| anyhow!("{e}"))?,
        currency: Currency::from_code("EUR").map_err(|_| anyhow!("EUR unknown"))?,
        member_id: members[0],
        member_name: MemberName::parse(MEMBER_NAMES[0]).map_err(|e| anyhow!("{e}"))?,
        user_id: users.ids[0],
    };
    let run = |conn: &mut DbConnection, command: &AccountCommand, user: UserId| {
        AccountRepository::with_snapshot_every(snapshot_every)
            .execute(conn, account_id, command, &metadata_for(user), &context)
            .map_err(|e| anyhow!("seeding command failed: {e}"))
    };
    run(conn, &open, users.ids[0])?;
    for i in 1..users.ids.len() {
        let add = AccountCommand::AddMember {
            member_id: members[i],
            name: MemberName::parse(MEMBER_NAMES[i]).map_err(|e| anyhow!("{e}"))?,
            user_id: Some(users.ids[i]),
        };
        run(conn, &add, users.ids[i])?;
    }
    let loaded = AccountRepository::retrieve(conn, account_id)?;
    let mut state = loaded.state;
    let mut version = loaded.version;
    let mut mix = Mix {
        rng: Rng(seed),
        live: Vec::new(),
        n: 0,
    };
    let planned = (target - version).max(0);
    // Spread the dates over the past years (a few expenses a day), ending today.
    let span_days = (planned / 4).min(6_000);
    while version < target {
        let upto = (version + SEED_BATCH).min(target);
        conn.transaction::<(), anyhow::Error, _>(|conn| {
            let mut envelopes: Vec<EventEnvelope<AccountEvent>> = Vec::new();
            let mut snapshots: Vec<(SharedAccount, i64)> = Vec::new();
            while version < upto {
                let done = planned - (target - version);
                let days_ago = (planned - 1 - done) * span_days / planned.max(1);
                let date = today - chrono::Duration::days(days_ago);
                let (command, who) = mix.command(&state, &members, date)?;
                let new_events = state
                    .handle(&command, &context)
                    .map_err(|e| anyhow!("the aggregate refused a seeding command: {e}"))?;
                let before = version;
                let recorded_at = now_micros();
                for event in new_events {
                    state.apply(&event);
                    version += 1;
                    envelopes.push(EventEnvelope {
                        position: None,
                        event_id: Uuid::now_v7(),
                        aggregate_type: SharedAccount::TYPE,
                        aggregate_id: account_id.0,
                        version,
                        recorded_at,
                        metadata: metadata_for(users.ids[who]),
                        event,
                    });
                }
                if version / snapshot_every != before / snapshot_every {
                    snapshots.push((SharedAccount::restore(state.snapshot()), version));
                }
            }
            event_store::append(conn, &mut envelopes)?;
            projections::project(conn, account_id, &state, &envelopes)?;
            for (snapshot, at) in &snapshots {
                snapshot_store::save(conn, account_id.0, snapshot, *at)?;
            }
            Ok(())
        })?;
    }
    Ok(BenchAccount {
        id: account_id,
        members,
        seeded: version,
    })
}

fn account_version(conn: &mut DbConnection, account: AccountId) -> Result<i64> {
    Ok(accounts::table
        .find(account.as_bytes().as_slice())
        .select(accounts::version)
        .first(conn)?)
}

// =========================================================================================
// The HTTP/1.1 keep-alive client

/// One browser: a keep-alive connection and the session cookie.
struct Http {
    addr: SocketAddr,
    conn: Option<tokio::net::TcpStream>,
    rbuf: Vec<u8>,
    wbuf: Vec<u8>,
    cookie: Option<String>,
}

struct Response {
    status: u16,
    location: Option<String>,
    body: Vec<u8>,
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if hay.len() < from + needle.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

async fn fill(conn: &mut tokio::net::TcpStream, rbuf: &mut Vec<u8>) -> Result<()> {
    use tokio::io::AsyncReadExt;
    rbuf.reserve(16 * 1024);
    let n = conn.read_buf(rbuf).await?;
    if n == 0 {
        bail!("the server closed the connection");
    }
    if rbuf.len() > 16 * 1024 * 1024 {
        bail!("response too large");
    }
    Ok(())
}

impl Http {
    fn new(addr: SocketAddr) -> Http {
        Http {
            addr,
            conn: None,
            rbuf: Vec::with_capacity(64 * 1024),
            wbuf: Vec::with_capacity(4 * 1024),
            cookie: None,
        }
    }

    /// Closes the connection (the next request opens a new one).
    fn disconnect(&mut self) {
        self.conn = None;
        self.rbuf.clear();
    }

    async fn request(
        &mut self,
        method: &str,
        path: &str,
        form: Option<&str>,
        keep_body: bool,
    ) -> Result<Response> {
        if self.conn.is_none() {
            let s = tokio::net::TcpStream::connect(self.addr).await?;
            s.set_nodelay(true)?;
            self.conn = Some(s);
            self.rbuf.clear();
        }
        self.wbuf.clear();
        write!(
            self.wbuf,
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nUser-Agent: tally-bench\r\nAccept: text/html\r\n",
            self.addr
        )?;
        if let Some(c) = &self.cookie {
            write!(self.wbuf, "Cookie: {c}\r\n")?;
        }
        if let Some(body) = form {
            write!(
                self.wbuf,
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            )?;
        } else {
            self.wbuf.extend_from_slice(b"\r\n");
        }
        match self.exchange(keep_body).await {
            Ok((response, close)) => {
                if close {
                    self.disconnect();
                }
                Ok(response)
            }
            Err(e) => {
                self.disconnect();
                Err(e)
            }
        }
    }

    async fn exchange(&mut self, keep_body: bool) -> Result<(Response, bool)> {
        use tokio::io::AsyncWriteExt;
        let Http {
            conn,
            rbuf,
            wbuf,
            cookie,
            ..
        } = self;
        let conn = conn.as_mut().context("not connected")?;
        conn.write_all(wbuf).await?;
        let head_end = loop {
            if let Some(i) = find(rbuf, b"\r\n\r\n", 0) {
                break i + 4;
            }
            fill(conn, rbuf).await?;
        };
        let head = std::str::from_utf8(&rbuf[..head_end]).context("response head not UTF-8")?;
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap_or_default();
        let status: u16 = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .with_context(|| format!("bad status line {status_line:?}"))?;
        let mut length: Option<usize> = None;
        let mut chunked = false;
        let mut close = false;
        let mut location = None;
        for line in lines {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            if name.eq_ignore_ascii_case("content-length") {
                length = value.parse().ok();
            } else if name.eq_ignore_ascii_case("transfer-encoding") {
                chunked = value.to_ascii_lowercase().contains("chunked");
            } else if name.eq_ignore_ascii_case("connection") {
                close = value.eq_ignore_ascii_case("close");
            } else if name.eq_ignore_ascii_case("location") {
                location = Some(value.to_owned());
            } else if name.eq_ignore_ascii_case("set-cookie") {
                let pair = value.split(';').next().unwrap_or_default().trim();
                if let Some((n, v)) = pair.split_once('=')
                    && n == "tally_session"
                {
                    *cookie = if v.is_empty() {
                        None
                    } else {
                        Some(pair.to_owned())
                    };
                }
            }
        }
        let mut body = Vec::new();
        let consumed;
        if chunked {
            let mut pos = head_end;
            loop {
                let line_end = loop {
                    if let Some(i) = find(rbuf, b"\r\n", pos) {
                        break i;
                    }
                    fill(conn, rbuf).await?;
                };
                let size_text = std::str::from_utf8(&rbuf[pos..line_end])?;
                let size =
                    usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
                        .context("bad chunk size")?;
                pos = line_end + 2;
                if size == 0 {
                    // Optional trailers, then an empty line.
                    loop {
                        let end = loop {
                            if let Some(i) = find(rbuf, b"\r\n", pos) {
                                break i;
                            }
                            fill(conn, rbuf).await?;
                        };
                        let empty = end == pos;
                        pos = end + 2;
                        if empty {
                            break;
                        }
                    }
                    break;
                }
                while rbuf.len() < pos + size + 2 {
                    fill(conn, rbuf).await?;
                }
                if keep_body {
                    body.extend_from_slice(&rbuf[pos..pos + size]);
                }
                pos += size + 2;
            }
            consumed = pos;
        } else if let Some(n) = length {
            while rbuf.len() < head_end + n {
                fill(conn, rbuf).await?;
            }
            if keep_body {
                body.extend_from_slice(&rbuf[head_end..head_end + n]);
            }
            consumed = head_end + n;
        } else if status == 204 || status == 304 || (100..200).contains(&status) {
            consumed = head_end;
        } else {
            // No length: the body runs to the end of the connection.
            loop {
                use tokio::io::AsyncReadExt;
                rbuf.reserve(16 * 1024);
                if conn.read_buf(rbuf).await? == 0 {
                    break;
                }
            }
            if keep_body {
                body.extend_from_slice(&rbuf[head_end..]);
            }
            consumed = rbuf.len();
            close = true;
        }
        rbuf.drain(..consumed);
        Ok((
            Response {
                status,
                location,
                body,
            },
            close,
        ))
    }
}

/// The value of `<input … name="csrf_token" value="…">` in a page.
fn csrf_in(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?;
    let at = text.find("name=\"csrf_token\"")?;
    let rest = &text[at..];
    let v = rest.find("value=\"")? + "value=\"".len();
    let end = rest[v..].find('"')?;
    Some(rest[v..v + end].to_owned())
}

/// A signed-in client: its own session (cookie), its user and the session's CSRF token.
struct Client {
    http: Http,
    user: usize,
    csrf: String,
}

/// Signs in through the pages, as a browser would: GET /signin for the form's token, POST
/// the form (argon2 on the server), then GET the dashboard for the new session's token.
async fn sign_in(
    addr: SocketAddr,
    user: usize,
    email: String,
    dashboard: String,
) -> Result<Client> {
    let mut http = Http::new(addr);
    let page = http.request("GET", "/signin", None, true).await?;
    if page.status != 200 {
        bail!("GET /signin answered {}", page.status);
    }
    let token = csrf_in(&page.body).context("no csrf_token on /signin")?;
    let form = serde_urlencoded::to_string([
        ("csrf_token", token.as_str()),
        ("next", "/"),
        ("email", email.as_str()),
        ("password", PASSWORD),
    ])?;
    let r = http.request("POST", "/signin", Some(&form), true).await?;
    if r.status != 303 {
        bail!(
            "POST /signin answered {}: {}",
            r.status,
            String::from_utf8_lossy(&r.body)
                .chars()
                .take(300)
                .collect::<String>()
        );
    }
    let page = http.request("GET", &dashboard, None, true).await?;
    if page.status != 200 {
        bail!("GET {dashboard} after signing in answered {}", page.status);
    }
    let csrf = csrf_in(&page.body).context("no csrf_token on the dashboard")?;
    Ok(Client { http, user, csrf })
}

// =========================================================================================
// Runs

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Scenario {
    Get,
    Post,
    Limit,
    Raw,
    PostSpread,
    LimitSpread,
}

impl Scenario {
    fn label(self) -> &'static str {
        match self {
            Scenario::Get => "Dashboard GET",
            Scenario::Post => "Expense POST (HTTP)",
            Scenario::Limit => "DB limit: execute_with",
            Scenario::Raw => "DB limit: raw SQL",
            Scenario::PostSpread => "Expense POST, 16 accounts",
            Scenario::LimitSpread => "DB limit, 16 accounts",
        }
    }
}

#[derive(Debug, Clone)]
struct Run {
    scenario: Scenario,
    /// Size class (events seeded), for grouping.
    size: i64,
    /// Events in the account when the run started.
    events_at_start: i64,
    clients: usize,
    ok: usize,
    errors: u64,
    rps: f64,
    p50: f64,
    p90: f64,
    p99: f64,
    max: f64,
    cpu: CpuShares,
    statements: Option<f64>,
    rss_kib: Option<u64>,
    error_samples: Vec<String>,
    notes: Vec<String>,
}

/// What one worker (task or thread) saw.
#[derive(Default)]
struct WorkerResult {
    latencies_us: Vec<u32>,
    ok_total: u64,
    errors: u64,
    samples: Vec<String>,
}

impl WorkerResult {
    fn record(&mut self, t0: Instant, t1: Instant, start: Instant, end: Instant) {
        self.ok_total += 1;
        if t0 >= start && t1 <= end {
            self.latencies_us
                .push(u32::try_from((t1 - t0).as_micros()).unwrap_or(u32::MAX));
        }
    }
    fn error(&mut self, message: String) {
        self.errors += 1;
        if self.samples.len() < 3 {
            self.samples.push(message);
        }
    }
}

struct Timing {
    start: Instant,
    end: Instant,
}

impl Timing {
    fn new(warmup: Duration, duration: Duration) -> Timing {
        let start = Instant::now() + warmup;
        Timing {
            start,
            end: start + duration,
        }
    }
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    f64::from(sorted[rank.clamp(1, sorted.len()) - 1]) / 1000.0
}

/// Watches the window: CPU shares, peak RSS of the server, statements on MariaDB.
struct Watch {
    probe: CpuProbe,
    server: Option<u32>,
    questions: Option<(String, u64)>,
}

impl Watch {
    fn run(
        server: Option<u32>,
        db: Option<u32>,
        mysql_server: Option<&str>,
        timing: &Timing,
    ) -> Watched {
        let mut w = Watch {
            probe: CpuProbe::new(server, db),
            server,
            questions: None,
        };
        sleep_until(timing.start);
        w.probe.begin();
        if let Some(s) = mysql_server {
            w.questions = mysql_questions(s).map(|q| (s.to_owned(), q));
        }
        let mut rss_peak: Option<u64> = None;
        while Instant::now() < timing.end {
            if let Some(pid) = w.server
                && let Some(rss) = proc_status_kib(pid, "VmRSS:")
            {
                rss_peak = Some(rss_peak.map_or(rss, |p| p.max(rss)));
            }
            std::thread::sleep(
                Duration::from_millis(100)
                    .min(timing.end.saturating_duration_since(Instant::now())),
            );
        }
        let cpu = w.probe.end();
        let statements = w
            .questions
            .and_then(|(s, q0)| mysql_questions(&s).map(|q1| q1.saturating_sub(q0 + 1)));
        (cpu, rss_peak, statements)
    }
}

fn sleep_until(t: Instant) {
    let now = Instant::now();
    if t > now {
        std::thread::sleep(t - now);
    }
}

#[allow(clippy::too_many_arguments)]
fn finish_run(
    backend: Backend,
    scenario: Scenario,
    size: i64,
    events_at_start: i64,
    clients: usize,
    workers: Vec<WorkerResult>,
    timing: &Timing,
    watched: Watched,
) -> Result<Run> {
    let mut all: Vec<u32> = Vec::new();
    let mut errors = 0;
    let mut samples = Vec::new();
    for w in workers {
        all.extend(w.latencies_us);
        errors += w.errors;
        for s in w.samples {
            if samples.len() < 3 && !samples.contains(&s) {
                samples.push(s);
            }
        }
    }
    all.sort_unstable();
    let window = (timing.end - timing.start).as_secs_f64();
    let (cpu, rss, statements) = watched;
    let run = Run {
        scenario,
        size,
        events_at_start,
        clients,
        ok: all.len(),
        errors,
        rps: all.len() as f64 / window,
        p50: percentile(&all, 50.0),
        p90: percentile(&all, 90.0),
        p99: percentile(&all, 99.0),
        max: all.last().map_or(f64::NAN, |m| f64::from(*m) / 1000.0),
        cpu,
        statements: statements.map(|s| s as f64 / all.len().max(1) as f64),
        rss_kib: rss,
        error_samples: samples,
        notes: Vec::new(),
    };
    eprintln!(
        "    {:<28} {:>7} ev {:>3} cl: {:>8.1}/s  p50 {:>7.2} ms  p99 {:>7.2} ms  err {}  cpu: harness {:.0}% server {:.0}% db {:.0}% machine {:.0}%",
        scenario.label(),
        events_at_start,
        clients,
        run.rps,
        run.p50,
        run.p99,
        run.errors,
        cpu.harness * 100.0,
        cpu.server * 100.0,
        cpu.db * 100.0,
        cpu.machine * 100.0
    );
    for s in &run.error_samples {
        eprintln!("      error: {s}");
    }
    if run.ok == 0 {
        bail!(
            "{} on {} with {clients} client(s): no request succeeded ({})",
            scenario.label(),
            backend.label(),
            run.error_samples.join("; ")
        );
    }
    Ok(run)
}

/// What each HTTP client asks for during a run.
#[derive(Clone)]
enum Ask {
    Get {
        path: String,
    },
    /// POST a new expense to `path`; `prefix` is the form without its `expense_id`; the
    /// answer must be 303 to `back` (the dashboard).
    PostExpense {
        path: String,
        back: String,
        prefix: String,
    },
}

fn expense_form(
    csrf: &str,
    account: &BenchAccount,
    user: usize,
    today: NaiveDate,
) -> Result<String> {
    let ids: Vec<String> = account.members.iter().map(|m| m.to_string()).collect();
    let mut pairs: Vec<(String, String)> = vec![
        ("csrf_token".into(), csrf.into()),
        ("revision".into(), String::new()),
        ("amount".into(), "12.34".into()),
        ("description".into(), "Bench expense".into()),
        ("date".into(), today.to_string()),
        ("payer".into(), ids[user % ids.len()].clone()),
        ("split".into(), "equally".into()),
    ];
    for id in &ids {
        pairs.push(("participant".into(), id.clone()));
    }
    for id in &ids {
        pairs.push((format!("weight_{id}"), "1".into()));
    }
    Ok(serde_urlencoded::to_string(&pairs)?)
}

/// Runs HTTP clients for warm-up + duration; each client loops over its request.
fn http_load(
    rt: &tokio::runtime::Runtime,
    clients: &mut [Client],
    asks: Vec<Ask>,
    timing: &Timing,
    watch: impl FnOnce(&Timing) -> Watched,
) -> Result<(Vec<WorkerResult>, Watched)> {
    let taken: Vec<Client> = clients
        .iter_mut()
        .map(|c| Client {
            http: {
                let addr = c.http.addr;
                std::mem::replace(&mut c.http, Http::new(addr))
            },
            user: c.user,
            csrf: c.csrf.clone(),
        })
        .collect();
    let (start, end) = (timing.start, timing.end);
    let handles: Vec<_> = taken
        .into_iter()
        .zip(asks)
        .map(|(mut client, ask)| {
            rt.spawn(async move {
                client.http.disconnect();
                let mut w = WorkerResult {
                    latencies_us: Vec::with_capacity(16 * 1024),
                    ..WorkerResult::default()
                };
                let mut body = String::with_capacity(1024);
                while Instant::now() < end {
                    let (method, path, form, expect_location) = match &ask {
                        Ask::Get { path } => ("GET", path.as_str(), None, None),
                        Ask::PostExpense { path, back, prefix } => {
                            body.clear();
                            body.push_str(prefix);
                            body.push_str("&expense_id=");
                            body.push_str(&Uuid::new_v4().to_string());
                            (
                                "POST",
                                path.as_str(),
                                Some(body.as_str()),
                                Some(back.as_str()),
                            )
                        }
                    };
                    let t0 = Instant::now();
                    let result = tokio::time::timeout(
                        Duration::from_secs(30),
                        client.http.request(method, path, form, false),
                    )
                    .await;
                    let t1 = Instant::now();
                    match result {
                        Ok(Ok(r)) => {
                            let good = match expect_location {
                                None => r.status == 200,
                                Some(loc) => r.status == 303 && r.location.as_deref() == Some(loc),
                            };
                            if good {
                                w.record(t0, t1, start, end);
                            } else {
                                w.error(format!(
                                    "{method} {path}: HTTP {} (location {:?})",
                                    r.status, r.location
                                ));
                            }
                        }
                        Ok(Err(e)) => {
                            w.error(format!("{method} {path}: {e:#}"));
                            tokio::time::sleep(Duration::from_millis(10)).await;
                        }
                        Err(_) => {
                            client.http.disconnect();
                            w.error(format!("{method} {path}: no answer within 30 s"));
                        }
                    }
                }
                (client, w)
            })
        })
        .collect();
    let watched = watch(timing);
    let mut results = Vec::new();
    for (i, h) in handles.into_iter().enumerate() {
        let (client, w) = rt.block_on(h).context("a load task panicked")?;
        clients[i] = client;
        results.push(w);
    }
    Ok((results, watched))
}

/// Runs `threads` OS threads, each with its own connection, calling `tx` in a loop.
fn thread_load<F>(
    db: &Database,
    threads: usize,
    timing: &Timing,
    tx: F,
    watch: impl FnOnce(&Timing) -> Watched,
) -> Result<(Vec<WorkerResult>, Watched)>
where
    F: Fn(&mut DbConnection, usize) -> Result<()> + Send + Sync + 'static,
{
    let tx = Arc::new(tx);
    let mut conns = Vec::new();
    for _ in 0..threads {
        conns.push(db.connect()?);
    }
    let (start, end) = (timing.start, timing.end);
    let handles: Vec<_> = conns
        .into_iter()
        .enumerate()
        .map(|(i, mut conn)| {
            let tx = Arc::clone(&tx);
            std::thread::spawn(move || {
                let mut w = WorkerResult::default();
                while Instant::now() < end {
                    let t0 = Instant::now();
                    match tx(&mut conn, i) {
                        Ok(()) => w.record(t0, Instant::now(), start, end),
                        Err(e) => w.error(format!("{e:#}")),
                    }
                }
                w
            })
        })
        .collect();
    let watched = watch(timing);
    let mut results = Vec::new();
    for h in handles {
        results.push(h.join().map_err(|_| anyhow!("a load thread panicked"))?);
    }
    Ok((results, watched))
}

/// The hand-written minimal write transaction: lock the account row, read the newest
/// events, insert one event row, update two members and the account.
struct RawTx {
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
        #[cfg(feature = "sqlite")]
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

// =========================================================================================
// One backend, end to end

struct BackendReport {
    backend: Backend,
    runs: Vec<Run>,
    startup: Vec<Duration>,
    seeding: Vec<(String, i64, Duration)>,
    verify: String,
    rss_load_kib: Option<u64>,
    rss_idle_kib: Option<u64>,
    rss_signin_kib: Option<u64>,
    rss_sampled_kib: Option<u64>,
    server_version: Option<String>,
    notes: Vec<String>,
    /// (what, counters per command) from MariaDB's session status.
    statement_profiles: Vec<(String, Vec<f64>)>,
}

impl BackendReport {
    /// An empty report, filled in as the runs go.
    fn new(backend: Backend, server_version: Option<String>) -> Self {
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
        }
    }
}

struct Env {
    args: Args,
    bin: PathBuf,
    secret: String,
    rt: tokio::runtime::Runtime,
    stamp: String,
}

fn log_path(env: &Env, backend: Backend, what: &str) -> Result<PathBuf> {
    std::fs::create_dir_all(&env.args.work_dir)?;
    Ok(env.args.work_dir.join(format!(
        "{}-{}-{what}.log",
        env.stamp,
        backend.label().to_ascii_lowercase()
    )))
}

fn measure_startup(env: &Env, backend: Backend) -> Result<Vec<Duration>> {
    let mut times = Vec::new();
    for i in 0..env.args.startup_runs() {
        let db = Database::fresh(backend, &env.args, &format!("start{i}"))?;
        let log = log_path(env, backend, &format!("startup{i}"))?;
        let (mut server, ready) = Server::start(
            &env.bin,
            &db,
            &env.args,
            &env.secret,
            log.clone(),
            &[],
            Duration::from_secs(60),
        )?;
        server.stop();
        drop(server);
        if !env.args.keep {
            let _ = std::fs::remove_file(&log);
        }
        times.push(ready);
    }
    Ok(times)
}

fn mysql_version(args: &Args) -> Option<String> {
    #[cfg(feature = "mysql")]
    {
        #[derive(QueryableByName)]
        struct Row {
            #[diesel(sql_type = diesel::sql_types::Text)]
            v: String,
            #[diesel(sql_type = diesel::sql_types::Text)]
            f: String,
        }
        let mut c =
            diesel::MysqlConnection::establish(args.mysql_url.trim_end_matches('/')).ok()?;
        let rows: Vec<Row> = diesel::sql_query(
            "SELECT CAST(@@version AS CHAR) AS v, CAST(@@innodb_flush_log_at_trx_commit AS CHAR) AS f",
        )
        .load(&mut c)
        .ok()?;
        rows.first()
            .map(|r| format!("{} (innodb_flush_log_at_trx_commit={})", r.v, r.f))
    }
    #[cfg(not(feature = "mysql"))]
    {
        let _ = args;
        None
    }
}

struct Seeded {
    users: Users,
    /// Per size: the account the HTTP runs use, and a twin for the DB-limit runs, so both
    /// start at the same number of events.
    sized: Vec<(BenchAccount, BenchAccount)>,
    raw: BenchAccount,
    spread: Vec<BenchAccount>,
}

fn seed_all(env: &Env, db: &Database, report: &mut BackendReport) -> Result<Seeded> {
    let args = &env.args;
    let mut conn = db.connect()?;
    conn.run_migrations()
        .map_err(|e| anyhow!("migrations failed: {e}"))?;
    let users = seed_users(&mut conn)?;
    let every = args.snapshot_every();
    let mut sized = Vec::new();
    for (i, &size) in args.sizes().iter().enumerate() {
        let mut pair = Vec::new();
        for (j, role) in ["HTTP", "Diesel"].iter().enumerate() {
            if j == 1 && args.profile.is_some() {
                break;
            }
            let t = Instant::now();
            let a = seed_account(
                &mut conn,
                &users,
                &format!("Bench {size} events ({role})"),
                size,
                every,
                1000 + 10 * i as u64 + j as u64,
            )?;
            let took = t.elapsed();
            eprintln!(
                "  seeded an account of {} events for the {role} runs in {:.1} s",
                a.seeded,
                took.as_secs_f64()
            );
            report.seeding.push((
                format!("account of {size} events for the {role} runs"),
                a.seeded,
                took,
            ));
            pair.push(a);
        }
        let http = pair.remove(0);
        let diesel = pair.pop().unwrap_or_else(|| http.clone());
        sized.push((http, diesel));
    }
    let raw = seed_account(&mut conn, &users, "Bench raw SQL", 10, every, 7)?;
    let mut spread = Vec::new();
    if !args.no_spread {
        let t = Instant::now();
        for i in 0..SPREAD_ACCOUNTS {
            spread.push(seed_account(
                &mut conn,
                &users,
                &format!("Bench flat {i}"),
                10,
                every,
                2000 + i as u64,
            )?);
        }
        report.seeding.push((
            format!("{SPREAD_ACCOUNTS} accounts of 10 events"),
            10 * SPREAD_ACCOUNTS as i64,
            t.elapsed(),
        ));
    }
    // Seeding writes a bulk load's worth of WAL (hundreds of MiB at 100,000 events); a running
    // tally never has that much unmerged, and readers would search it on every page until the
    // next checkpoint. Merge it now, so the first runs measure the app, not the bulk load.
    if conn.is_sqlite() {
        conn.batch_execute("PRAGMA wal_checkpoint(TRUNCATE)")
            .context("checkpointing the seeded SQLite database")?;
    }
    // The seeded data must be exactly what the app writes: read models equal a replay,
    // snapshots equal a replay up to their version.
    if !args.verify.unwrap_or(args.quick) {
        report.verify = "not run (only with --quick by default, or --verify)".into();
        return Ok(Seeded {
            users,
            sized,
            raw,
            spread,
        });
    }
    let t = Instant::now();
    let verified =
        projections::verify::verify(&mut conn).map_err(|e| anyhow!("verify could not run: {e}"))?;
    if !verified.is_ok() {
        bail!(
            "the seeded {} database fails `verify`: {}",
            db.backend.label(),
            verified.problems.join("; ")
        );
    }
    report.verify = format!(
        "OK: {} events of {} aggregates ({:.1} s)",
        verified.events,
        verified.aggregates,
        t.elapsed().as_secs_f64()
    );
    eprintln!("  verify: {}", report.verify);
    Ok(Seeded {
        users,
        sized,
        raw,
        spread,
    })
}

fn sign_in_all(env: &Env, server: &Server, seeded: &Seeded, n: usize) -> Result<Vec<Client>> {
    let dashboard = seeded.sized.first().context("no sizes")?.0.path();
    let semaphore = Arc::new(tokio::sync::Semaphore::new(2));
    let handles: Vec<_> = (0..n)
        .map(|i| {
            let user = i % seeded.users.ids.len();
            let email = seeded.users.emails[user].clone();
            let dashboard = dashboard.clone();
            let addr = server.addr;
            let semaphore = Arc::clone(&semaphore);
            env.rt.spawn(async move {
                let _permit = semaphore.acquire().await?;
                sign_in(addr, user, email, dashboard).await
            })
        })
        .collect();
    let mut clients = Vec::new();
    for h in handles {
        clients.push(env.rt.block_on(h)??);
    }
    Ok(clients)
}

fn run_backend(env: &Env, backend: Backend) -> Result<BackendReport> {
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

    let (server, _) = Server::start(
        &env.bin,
        &db,
        args,
        &env.secret,
        log_path(env, backend, "server")?,
        &[],
        Duration::from_secs(60),
    )?;
    let db_pid = if backend == Backend::Mysql {
        find_process(&["mariadbd", "mysqld"])
    } else {
        None
    };
    let mysql_server =
        (backend == Backend::Mysql).then(|| args.mysql_url.trim_end_matches('/').to_owned());

    report.rss_idle_kib = server.status_kib("VmRSS:");
    let n_clients = args.max_clients();
    eprintln!("  signing in {n_clients} clients over HTTP");
    let mut clients = sign_in_all(env, &server, &seeded, n_clients)?;
    report.rss_signin_kib = server.status_kib("VmRSS:");
    if !server.reset_peak_rss() {
        report
            .notes
            .push("could not reset VmHWM (clear_refs); the peak includes sign-in".into());
    }

    let today = Utc::now().date_naive();
    let every = args.snapshot_every();
    let watch = |t: &Timing| Watch::run(Some(server.pid), db_pid, mysql_server.as_deref(), t);
    let mut conn = db.connect()?;
    let users = Arc::new(seeded.users.ids.clone());

    for (i, (account, twin)) in seeded.sized.iter().enumerate() {
        let size = args.sizes()[i];
        for &n in &args.get_clients {
            let asks = vec![
                Ask::Get {
                    path: account.path()
                };
                n
            ];
            let at = account_version(&mut conn, account.id)?;
            let timing = Timing::new(args.warmup(), args.duration());
            let (w, watched) = http_load(&env.rt, &mut clients[..n], asks, &timing, watch)?;
            report.runs.push(finish_run(
                backend,
                Scenario::Get,
                size,
                at,
                n,
                w,
                &timing,
                watched,
            )?);
        }
        for &n in &args.post_clients {
            let mut asks = Vec::new();
            for c in &clients[..n] {
                asks.push(Ask::PostExpense {
                    path: format!("{}/expenses", account.path()),
                    back: account.path(),
                    prefix: expense_form(&c.csrf, account, c.user, today)?,
                });
            }
            let at = account_version(&mut conn, account.id)?;
            let timing = Timing::new(args.warmup(), args.duration());
            let (w, watched) = http_load(&env.rt, &mut clients[..n], asks, &timing, watch)?;
            let ok_total: u64 = w.iter().map(|x| x.ok_total).sum();
            let mut run = finish_run(backend, Scenario::Post, size, at, n, w, &timing, watched)?;
            let after = account_version(&mut conn, account.id)?;
            if (after - at) as u64 != ok_total {
                run.notes.push(format!(
                    "{ok_total} POSTs answered 303 but the account grew by {} events",
                    after - at
                ));
                eprintln!("      WARNING: {}", run.notes.join("; "));
            }
            report.runs.push(run);
        }
        for &n in &args.post_clients {
            let at = account_version(&mut conn, twin.id)?;
            let timing = Timing::new(args.warmup(), args.duration());
            let account_c = twin.clone();
            let users_c = Arc::clone(&users);
            let tx = move |c: &mut DbConnection, i: usize| -> Result<()> {
                let user = i % users_c.len();
                let command = AccountCommand::RecordExpense {
                    expense_id: ExpenseId::new(),
                    details: account_c.details(user, today)?,
                };
                let context = DecisionContext {
                    today: Utc::now().date_naive(),
                };
                AccountRepository::with_snapshot_every(every)
                    .execute(
                        c,
                        account_c.id,
                        &command,
                        &metadata_for(users_c[user]),
                        &context,
                    )
                    .map_err(|e| anyhow!("execute_with failed: {e}"))?;
                Ok(())
            };
            let (w, watched) = thread_load(&db, n, &timing, tx, watch)?;
            report.runs.push(finish_run(
                backend,
                Scenario::Limit,
                size,
                at,
                n,
                w,
                &timing,
                watched,
            )?);
        }
        let profiled = statements_per_command(&mut conn, 50, |c| {
            let command = AccountCommand::RecordExpense {
                expense_id: ExpenseId::new(),
                details: twin.details(0, today)?,
            };
            AccountRepository::with_snapshot_every(every)
                .execute(
                    c,
                    twin.id,
                    &command,
                    &metadata_for(seeded.users.ids[0]),
                    &DecisionContext { today },
                )
                .map_err(|e| anyhow!("execute_with failed: {e}"))?;
            Ok(())
        })?;
        if let Some(p) = profiled {
            report.statement_profiles.push((
                format!("execute_with, RecordExpense, {} events", thousands(size)),
                p,
            ));
        }
    }

    // The raw ceiling, on its own account (its event rows have no read models behind them).
    {
        let state = AccountRepository::retrieve(&mut conn, seeded.raw.id)?;
        let command = AccountCommand::RecordExpense {
            expense_id: ExpenseId::new(),
            details: seeded.raw.details(0, today)?,
        };
        let event = state
            .state
            .handle(&command, &DecisionContext { today })
            .map_err(|e| anyhow!("{e}"))?
            .into_iter()
            .next()
            .context("no event")?;
        let raw = Arc::new(RawTx {
            account: seeded.raw.id,
            members: [seeded.raw.members[0], seeded.raw.members[1]],
            event_type: event.event_type(),
            payload: event.to_payload()?,
            metadata: serde_json::to_string(&metadata_for(seeded.users.ids[0]))?,
        });
        for &n in &args.post_clients {
            let at = account_version(&mut conn, seeded.raw.id)?;
            let timing = Timing::new(args.warmup(), args.duration());
            let raw = Arc::clone(&raw);
            let (w, watched) = thread_load(&db, n, &timing, move |c, _| raw.run(c), watch)?;
            report.runs.push(finish_run(
                backend,
                Scenario::Raw,
                10,
                at,
                n,
                w,
                &timing,
                watched,
            )?);
        }
        if let Some(p) = statements_per_command(&mut conn, 50, |c| raw.run(c))? {
            report
                .statement_profiles
                .push(("raw SQL transaction".into(), p));
        }
    }

    // Many flats at once: client/thread i writes to account i.
    if !seeded.spread.is_empty() {
        let n = seeded.spread.len();
        let mut asks = Vec::new();
        for (c, account) in clients[..n].iter().zip(&seeded.spread) {
            asks.push(Ask::PostExpense {
                path: format!("{}/expenses", account.path()),
                back: account.path(),
                prefix: expense_form(&c.csrf, account, c.user, today)?,
            });
        }
        let timing = Timing::new(args.warmup(), args.duration());
        let (w, watched) = http_load(&env.rt, &mut clients[..n], asks, &timing, watch)?;
        report.runs.push(finish_run(
            backend,
            Scenario::PostSpread,
            10,
            10,
            n,
            w,
            &timing,
            watched,
        )?);
        let spread = Arc::new(seeded.spread.clone());
        let users_c = Arc::clone(&users);
        let tx = move |c: &mut DbConnection, i: usize| -> Result<()> {
            let account = &spread[i % spread.len()];
            let user = i % users_c.len();
            let command = AccountCommand::RecordExpense {
                expense_id: ExpenseId::new(),
                details: account.details(user, today)?,
            };
            AccountRepository::with_snapshot_every(every)
                .execute(
                    c,
                    account.id,
                    &command,
                    &metadata_for(users_c[user]),
                    &DecisionContext { today },
                )
                .map_err(|e| anyhow!("execute_with failed: {e}"))?;
            Ok(())
        };
        let timing = Timing::new(args.warmup(), args.duration());
        let (w, watched) = thread_load(&db, n, &timing, tx, watch)?;
        report.runs.push(finish_run(
            backend,
            Scenario::LimitSpread,
            10,
            10,
            n,
            w,
            &timing,
            watched,
        )?);
    }

    report.rss_load_kib = server.status_kib("VmHWM:");
    report.rss_sampled_kib = report.runs.iter().filter_map(|r| r.rss_kib).max();
    let mut server = server;
    server.stop();
    if !args.keep {
        let _ = std::fs::remove_file(&server.log);
    }
    drop(server);
    drop(conn);
    drop(db);
    Ok(report)
}

// =========================================================================================
// Profiling the expense POST path

fn run_profile(env: &Env, tool: &str) -> Result<()> {
    let args = &env.args;
    let backend = Backend::parse(args.backends.first().map_or("mysql", String::as_str))?;
    let size = args
        .sizes
        .as_ref()
        .and_then(|s| s.first().copied())
        .unwrap_or(10_000);
    eprintln!(
        "== profiling the {} path with {tool} on {} ({size} events) ==",
        args.profile_target,
        backend.label()
    );
    let out_dir = args.out.clone();
    std::fs::create_dir_all(&out_dir)?;
    let mut report = BackendReport::new(backend, None);
    let profile_args = Args {
        sizes: Some(vec![size]),
        no_spread: true,
        ..args.clone()
    };
    let env2 = Env {
        args: profile_args,
        bin: env.bin.clone(),
        secret: env.secret.clone(),
        rt: tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()?,
        stamp: env.stamp.clone(),
    };
    let db = Database::fresh(backend, &env2.args, "profile")?;
    let seeded = seed_all(&env2, &db, &mut report)?;
    let account = seeded.sized.first().context("no account")?.0.clone();
    let today = Utc::now().date_naive();
    let base = out_dir.join(format!(
        "{}-profile-{tool}-{}-every{}",
        env.stamp,
        args.profile_target,
        args.snapshot_every()
    ));
    // Raw profiler data (large) goes to the scratch directory, the report to --out.
    std::fs::create_dir_all(&args.work_dir)?;
    let raw_base = args
        .work_dir
        .join(base.file_name().context("no file name")?);
    let callgrind_out = format!("{}.callgrind.out", raw_base.display());
    let wrapper: Vec<String> = if tool == "callgrind" {
        vec![
            "valgrind".into(),
            "--tool=callgrind".into(),
            "--instr-atstart=no".into(),
            format!("--callgrind-out-file={callgrind_out}"),
        ]
    } else {
        Vec::new()
    };
    let (mut server, _) = Server::start(
        &env.bin,
        &db,
        &env2.args,
        &env.secret,
        log_path(&env2, backend, "profile")?,
        &wrapper,
        Duration::from_secs(300),
    )?;
    let clients_n = if tool == "callgrind" { 4 } else { 16 };
    let mut clients = sign_in_all(&env2, &server, &seeded, clients_n)?;
    let get = args.profile_target == "get";
    let what = if get { "dashboard GET" } else { "expense POST" };
    let mut asks = Vec::new();
    for c in &clients {
        asks.push(if get {
            Ask::Get {
                path: account.path(),
            }
        } else {
            Ask::PostExpense {
                path: format!("{}/expenses", account.path()),
                back: account.path(),
                prefix: expense_form(&c.csrf, &account, c.user, today)?,
            }
        });
    }
    let mut text = String::new();
    if tool == "perf" {
        let data = format!("{}.perf.data", raw_base.display());
        let seconds = args.profile_seconds;
        let timing = Timing::new(Duration::from_secs(1), Duration::from_secs_f64(seconds));
        let perf_data = data.clone();
        let db_pid = if backend == Backend::Mysql {
            find_process(&["mariadbd", "mysqld"])
        } else {
            None
        };
        let pids = std::iter::once(server.pid)
            .chain(db_pid)
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let watch = move |t: &Timing| {
            sleep_until(t.start);
            // Only the server (and mariadbd): other work on the machine stays out.
            let child = Command::new("perf")
                .args([
                    "record",
                    "-e",
                    "cpu-clock",
                    "-F",
                    "999",
                    "-p",
                    &pids,
                    "-o",
                    &perf_data,
                    "--",
                    "sleep",
                ])
                .arg(format!("{seconds}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            if let Err(e) = child {
                eprintln!("perf failed: {e}");
            }
            (CpuShares::default(), None, None)
        };
        let (w, watched) = http_load(&env2.rt, &mut clients, asks, &timing, watch)?;
        let scenario = if get { Scenario::Get } else { Scenario::Post };
        let run = finish_run(
            backend, scenario, size, size, clients_n, w, &timing, watched,
        )?;
        let _ = writeln!(
            text,
            "# perf profile: {what}, {} clients, {} events, {:.0} req/s, p50 {:.2} ms, snapshot every {}\n",
            clients_n,
            size,
            run.rps,
            run.p50,
            args.snapshot_every()
        );
        let report_cmd = |extra: &[&str]| -> String {
            let mut c = Command::new("perf");
            c.args([
                "report",
                "-i",
                &data,
                "--stdio",
                "--no-children",
                "--percentage",
                "relative",
            ])
            .args(extra);
            match c.output() {
                Ok(o) => String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .filter(|l| !l.starts_with('#'))
                    .map(|l| format!("{}\n", l.trim_end().chars().take(220).collect::<String>()))
                    .collect(),
                Err(e) => format!("perf report failed: {e}\n"),
            }
        };
        let server_pid = server.pid.to_string();
        text.push_str("## CPU samples by thread name (server and mariadbd)\n\n```\n");
        text.push_str(&head_lines(&report_cmd(&["--sort", "comm"]), 30));
        text.push_str("```\n\n## Server: by shared object\n\n```\n");
        text.push_str(&head_lines(
            &report_cmd(&["--pid", &server_pid, "--sort", "dso"]),
            15,
        ));
        text.push_str("```\n\n## Server: top symbols (self time)\n\n```\n");
        text.push_str(&head_lines(
            &report_cmd(&["--pid", &server_pid, "--sort", "dso,symbol"]),
            80,
        ));
        text.push_str("```\n");
    } else {
        // Warm up, switch instrumentation on, record a fixed number of POSTs, dump.
        let posts = (args.profile_seconds * 25.0).max(20.0) as usize;
        let warm = Timing::new(Duration::ZERO, Duration::from_secs(10));
        let (w, _) = http_load(&env2.rt, &mut clients, asks.clone(), &warm, |t| {
            sleep_until(t.end);
            (CpuShares::default(), None, None)
        })?;
        let warmed: u64 = w.iter().map(|x| x.ok_total).sum();
        let control = |a: &[&str]| {
            Command::new("callgrind_control")
                .args(a)
                .arg(server.pid.to_string())
                .stdout(Stdio::null())
                .status()
        };
        control(&["-i", "on"])?;
        let t = Instant::now();
        let per_client = posts.div_ceil(clients.len());
        let handles: Vec<_> = clients
            .drain(..)
            .zip(asks)
            .map(|(mut client, ask)| {
                env2.rt.spawn(async move {
                    let mut ok = 0usize;
                    for _ in 0..per_client {
                        let done = match &ask {
                            Ask::PostExpense { path, prefix, .. } => {
                                let body = format!("{prefix}&expense_id={}", Uuid::new_v4());
                                client
                                    .http
                                    .request("POST", path, Some(&body), false)
                                    .await
                                    .is_ok_and(|r| r.status == 303)
                            }
                            Ask::Get { path } => client
                                .http
                                .request("GET", path, None, false)
                                .await
                                .is_ok_and(|r| r.status == 200),
                        };
                        ok += usize::from(done);
                    }
                    ok
                })
            })
            .collect();
        let mut ok = 0;
        for h in handles {
            ok += env2.rt.block_on(h)?;
        }
        let took = t.elapsed();
        control(&["-d"])?;
        control(&["-i", "off"])?;
        server.stop();
        // The dump taken right after the recorded requests: `<file>.1`.
        let dump = PathBuf::from(format!("{callgrind_out}.1"));
        let annotate = |inclusive: &str| -> String {
            match Command::new("callgrind_annotate")
                .arg(format!("--inclusive={inclusive}"))
                .arg("--threshold=99")
                .arg(&dump)
                .output()
            {
                Ok(o) => String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .filter(|l| l.contains('(') && l.contains("%)"))
                    .map(|l| format!("{}\n", l.chars().take(230).collect::<String>()))
                    .collect(),
                Err(e) => format!("callgrind_annotate failed: {e}\n"),
            }
        };
        let inclusive = annotate("yes");
        let total: u64 = inclusive
            .lines()
            .find(|l| l.contains("PROGRAM TOTALS"))
            .and_then(|l| l.split_whitespace().next())
            .map(|n| n.replace(',', ""))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let _ = writeln!(
            text,
            "# callgrind profile: {what}, {ok} requests recorded after {warmed} warm-up requests, {} events, snapshot every {}, {:.1} s under valgrind\n\nInstructions in the server per request: **{}** (deterministic: instruction counts, not time; \
             waiting for the database is not in them).\n",
            size,
            args.snapshot_every(),
            took.as_secs_f64(),
            thousands((total / ok.max(1) as u64) as i64)
        );
        let _ = writeln!(
            text,
            "## Inclusive (a function with everything it calls)\n\n```"
        );
        text.push_str(&head_lines(&inclusive, 110));
        text.push_str("```\n\n## Self\n\n```\n");
        text.push_str(&head_lines(&annotate("no"), 60));
        text.push_str("```\n");
        let _ = writeln!(
            text,
            "\nRaw data: `{}` (open with callgrind_annotate or kcachegrind).",
            dump.display()
        );
    }
    drop(server);
    let path = PathBuf::from(format!("{}.md", base.display()));
    std::fs::write(&path, &text)?;
    println!("{text}");
    eprintln!("profile written to {}", path.display());
    Ok(())
}

fn head_lines(s: &str, n: usize) -> String {
    let mut out = String::new();
    for line in s.lines().filter(|l| !l.trim().is_empty()).take(n) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

// =========================================================================================
// The report

fn ms(x: f64) -> String {
    if x.is_nan() {
        "–".into()
    } else if x < 10.0 {
        format!("{x:.2}")
    } else if x < 100.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.0}")
    }
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn thousands(n: i64) -> String {
    let s = n.abs().to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or("–".into(), |k| format!("{:.1} MiB", k as f64 / 1024.0))
}

fn median(v: &[Duration]) -> Duration {
    let mut s = v.to_vec();
    s.sort();
    s.get(s.len() / 2).copied().unwrap_or_default()
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "**missed**" }
}

fn find_run(r: &BackendReport, s: Scenario, size: i64, clients: usize) -> Option<&Run> {
    r.runs
        .iter()
        .find(|x| x.scenario == s && x.size == size && x.clients == clients)
}

fn render(env: &Env, reports: &[BackendReport], started: Instant, context: &str) -> String {
    let args = &env.args;
    let mut md = String::new();
    let _ = writeln!(md, "# tally benchmark, {}\n", env.stamp);
    md.push_str(context);
    let _ = writeln!(
        md,
        "- settings: {} s measured after {} s warm-up per run; server pool {}; snapshot every {} events; {} start-ups per backend{}\n- total harness time: {:.0} s\n",
        args.duration().as_secs_f64(),
        args.warmup().as_secs_f64(),
        args.pool_size,
        args.snapshot_every(),
        args.startup_runs(),
        if args.quick {
            "; **--quick** (tiny sizes, short runs)"
        } else {
            ""
        },
        started.elapsed().as_secs_f64()
    );

    // Side-by-side summary.
    md.push_str("## Results\n\n");
    md.push_str("Latencies in ms. `events` is the account's size class (events seeded).\n\n");
    let _ = write!(md, "| Scenario | Events | Clients |");
    for r in reports {
        let _ = write!(
            md,
            " {0} req/s | {0} p50 | {0} p99 | {0} errors |",
            r.backend.label()
        );
    }
    md.push('\n');
    md.push_str("|---|---:|---:|");
    for _ in reports {
        md.push_str("---:|---:|---:|---:|");
    }
    md.push('\n');
    let mut keys: Vec<(Scenario, i64, usize)> = reports
        .iter()
        .flat_map(|r| r.runs.iter().map(|x| (x.scenario, x.size, x.clients)))
        .collect();
    keys.sort_by_key(|&(s, size, c)| (size_order(s), size, s, c));
    keys.dedup();
    for (s, size, c) in &keys {
        let _ = write!(md, "| {} | {} | {} |", s.label(), thousands(*size), c);
        for r in reports {
            match find_run(r, *s, *size, *c) {
                Some(x) => {
                    let _ = write!(
                        md,
                        " {:.0} | {} | {} | {} |",
                        x.rps,
                        ms(x.p50),
                        ms(x.p99),
                        x.errors
                    );
                }
                None => md.push_str(" – | – | – | – |"),
            }
        }
        md.push('\n');
    }
    md.push('\n');

    // Targets.
    md.push_str("## Against the targets (reported, never asserted)\n\n");
    let _ = write!(md, "| Target |");
    for r in reports {
        let _ = write!(md, " {} |", r.backend.label());
    }
    md.push('\n');
    md.push_str("|---|");
    for _ in reports {
        md.push_str("---|");
    }
    md.push('\n');
    let sizes = args.sizes();
    let busiest = args.post_clients.iter().copied().max().unwrap_or(1);
    for &size in &sizes {
        let _ = write!(
            md,
            "| POST at {busiest} clients ≥ 50% of the DB limit (execute_with), {} events |",
            thousands(size)
        );
        for r in reports {
            let post = find_run(r, Scenario::Post, size, busiest);
            let limit = find_run(r, Scenario::Limit, size, busiest);
            match (post, limit) {
                (Some(p), Some(l)) if l.rps > 0.0 => {
                    let ratio = p.rps / l.rps;
                    let _ = write!(
                        md,
                        " {:.0} / {:.0} = {:.0}% {} |",
                        p.rps,
                        l.rps,
                        ratio * 100.0,
                        verdict(ratio >= 0.5)
                    );
                }
                _ => md.push_str(" – |"),
            }
        }
        md.push('\n');
    }
    if let (Some(&small), Some(&large)) = (sizes.first(), sizes.last()) {
        for &c in &args.post_clients {
            let _ = write!(
                md,
                "| POST p50 at {} events ≤ 1.5× p50 at {} events ({c} client{}) |",
                thousands(large),
                thousands(small),
                if c == 1 { "" } else { "s" }
            );
            for r in reports {
                match (
                    find_run(r, Scenario::Post, large, c),
                    find_run(r, Scenario::Post, small, c),
                ) {
                    (Some(l), Some(s)) => {
                        let ratio = l.p50 / s.p50;
                        let _ = write!(
                            md,
                            " {} / {} ms = {:.2}× {} |",
                            ms(l.p50),
                            ms(s.p50),
                            ratio,
                            verdict(ratio <= 1.5)
                        );
                    }
                    _ => md.push_str(" – |"),
                }
            }
            md.push('\n');
        }
    }
    let get16 = if args.get_clients.contains(&16) {
        16
    } else {
        args.get_clients.first().copied().unwrap_or(16)
    };
    for &size in &sizes {
        let _ = write!(
            md,
            "| Dashboard GET p99 < 10 ms at {get16} clients, {} events |",
            thousands(size)
        );
        for r in reports {
            match find_run(r, Scenario::Get, size, get16) {
                Some(x) => {
                    let _ = write!(md, " {} ms {} |", ms(x.p99), verdict(x.p99 < 10.0));
                }
                None => md.push_str(" – |"),
            }
        }
        md.push('\n');
    }
    md.push_str("| Server peak RSS under load < 64 MiB |");
    for r in reports {
        let peak = r.rss_load_kib.or(r.rss_sampled_kib);
        let _ = write!(
            md,
            " {} {} |",
            mib(peak),
            peak.map_or("–", |k| verdict(k < 64 * 1024))
        );
    }
    md.push('\n');
    md.push_str("| Start-up with migrations < 1 s (median) |");
    for r in reports {
        let m = median(&r.startup);
        let _ = write!(
            md,
            " {:.0} ms {} |",
            m.as_secs_f64() * 1000.0,
            verdict(m < Duration::from_secs(1))
        );
    }
    md.push_str("\n\n");

    // Other facts.
    md.push_str("## Server and seeding\n\n");
    for r in reports {
        let _ = writeln!(md, "### {}\n", r.backend.label());
        if let Some(v) = &r.server_version {
            let _ = writeln!(md, "- server: {v}");
        }
        let mut st: Vec<String> = r
            .startup
            .iter()
            .map(|d| format!("{:.0}", d.as_secs_f64() * 1000.0))
            .collect();
        st.sort_by_key(|s| s.parse::<u64>().unwrap_or(0));
        let _ = writeln!(
            md,
            "- start-up to /readyz 200 on a fresh database (migrations included): median {:.0} ms (runs: {} ms)",
            median(&r.startup).as_secs_f64() * 1000.0,
            st.join(", ")
        );
        let _ = writeln!(
            md,
            "- server RSS: {} when ready (before any request); {} after {} sign-ins (argon2, 2 at a time); peak during the measured load {} (VmHWM after a reset; sampled VmRSS max {})",
            mib(r.rss_idle_kib),
            mib(r.rss_signin_kib),
            args.max_clients(),
            mib(r.rss_load_kib),
            mib(r.rss_sampled_kib),
        );
        if !args.server_env.is_empty() {
            let _ = writeln!(
                md,
                "- extra server environment: `{}`",
                args.server_env.join(" ")
            );
        }
        for (what, events, took) in &r.seeding {
            let _ = writeln!(
                md,
                "- seeded {what}: {} events in {:.1} s ({:.0} events/s)",
                thousands(*events),
                took.as_secs_f64(),
                *events as f64 / took.as_secs_f64().max(1e-9)
            );
        }
        let _ = writeln!(md, "- `verify` on the seeded database: {}", r.verify);
        for n in &r.notes {
            let _ = writeln!(md, "- note: {n}");
        }
        md.push('\n');
    }

    for r in reports {
        if r.statement_profiles.is_empty() {
            continue;
        }
        let _ = writeln!(
            md,
            "## Statements per command ({}, the session's own counters over 50 commands)\n",
            r.backend.label()
        );
        md.push_str("| Command |");
        for name in SESSION_COUNTERS {
            let _ = write!(md, " {name} |");
        }
        md.push_str("\n|---|");
        for _ in SESSION_COUNTERS {
            md.push_str("---:|");
        }
        md.push('\n');
        for (what, values) in &r.statement_profiles {
            let _ = write!(md, "| {what} |");
            for v in values {
                let _ = write!(md, " {v:.1} |");
            }
            md.push('\n');
        }
        md.push('\n');
    }

    // Details with CPU shares.
    md.push_str("## Details\n\n");
    md.push_str(
        "CPU columns are shares of the whole machine (all cores) during the measured window: \
         the harness process (load generator, or the Diesel threads in the DB-limit rows), the \
         server, mariadbd, and everything that was busy (including other work on the machine). \
         `stmts/req` is MariaDB's global `Questions` counter per request (includes anything else \
         talking to that server).\n\n",
    );
    for r in reports {
        let _ = writeln!(md, "### {}\n", r.backend.label());
        md.push_str("| Scenario | Events at start | Clients | OK | req/s | p50 | p90 | p99 | max | errors | harness CPU | server CPU | DB CPU | machine busy | stmts/req | server RSS |\n");
        md.push_str(
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
        );
        let mut runs: Vec<&Run> = r.runs.iter().collect();
        runs.sort_by_key(|x| (size_order(x.scenario), x.size, x.scenario, x.clients));
        for x in runs {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {:.0} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                x.scenario.label(),
                thousands(x.events_at_start),
                x.clients,
                x.ok,
                x.rps,
                ms(x.p50),
                ms(x.p90),
                ms(x.p99),
                ms(x.max),
                x.errors,
                pct(x.cpu.harness),
                pct(x.cpu.server),
                if r.backend == Backend::Mysql {
                    pct(x.cpu.db)
                } else {
                    "–".into()
                },
                pct(x.cpu.machine),
                x.statements.map_or("–".into(), |s| format!("{s:.1}")),
                mib(x.rss_kib),
            );
        }
        md.push('\n');
        for x in &r.runs {
            for s in &x.error_samples {
                let _ = writeln!(
                    md,
                    "- error in {} ({} events, {} clients): {s}",
                    x.scenario.label(),
                    x.size,
                    x.clients
                );
            }
            for n in &x.notes {
                let _ = writeln!(
                    md,
                    "- note on {} ({} events, {} clients): {n}",
                    x.scenario.label(),
                    x.size,
                    x.clients
                );
            }
        }
        md.push('\n');
    }
    let max_loadgen = reports
        .iter()
        .flat_map(|r| &r.runs)
        .filter(|x| {
            matches!(
                x.scenario,
                Scenario::Get | Scenario::Post | Scenario::PostSpread
            )
        })
        .map(|x| x.cpu.harness)
        .fold(0.0_f64, f64::max);
    let _ = writeln!(
        md,
        "Load generator: at most {} of the machine ({:.0}% of one core) in any HTTP run; it runs on one tokio worker thread, so it can never take more than one core.\n",
        pct(max_loadgen),
        max_loadgen * cores() * 100.0
    );
    md
}

fn size_order(s: Scenario) -> u8 {
    match s {
        Scenario::Get | Scenario::Post | Scenario::Limit => 0,
        Scenario::Raw => 1,
        Scenario::PostSpread | Scenario::LimitSpread => 2,
    }
}

fn context_lines(args: &Args) -> String {
    let mut s = String::new();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_default();
    let mem_kib = proc_status_kib_meminfo().unwrap_or(0);
    let git = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let dirty = Command::new("git")
        .args(["status", "--porcelain", "--untracked-files=no"])
        .output()
        .ok()
        .is_some_and(|o| !o.stdout.is_empty());
    let _ = writeln!(
        s,
        "- machine: {} cores ({model}), {:.1} GiB RAM; load average at start: {}",
        cores(),
        mem_kib as f64 / 1024.0 / 1024.0,
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    let _ = writeln!(
        s,
        "- code: {}{}; release build; backends: {}",
        if git.is_empty() {
            "unknown revision".into()
        } else {
            git
        },
        if dirty {
            " (with uncommitted changes)"
        } else {
            ""
        },
        args.backends.join(", ")
    );
    s
}

fn proc_status_kib_meminfo() -> Option<u64> {
    let t = std::fs::read_to_string("/proc/meminfo").ok()?;
    t.lines()
        .find(|l| l.starts_with("MemTotal:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

// =========================================================================================

fn main() -> Result<()> {
    let args = Args::parse();
    let started = Instant::now();
    let bin = match &args.tally_bin {
        Some(b) => b.clone(),
        None => std::env::current_exe()?
            .parent()
            .context("no parent directory")?
            .join("tally"),
    };
    if !bin.exists() {
        bail!(
            "{} does not exist; build it with `cargo build --release --features mysql --bins`",
            bin.display()
        );
    }
    let env = Env {
        stamp: Utc::now().format("%Y-%m-%dT%H-%M-%SZ").to_string(),
        bin,
        secret: random_hex(64),
        rt: tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()?,
        args: args.clone(),
    };
    if let Some(tool) = &args.profile {
        return run_profile(&env, tool);
    }
    let backends: Vec<Backend> = args
        .backends
        .iter()
        .map(|b| Backend::parse(b))
        .collect::<Result<_>>()?;
    if backends.contains(&Backend::Mysql) {
        Database::drop_stale(&args);
    }
    let context = context_lines(&args);
    let mut reports = Vec::new();
    for backend in backends {
        reports.push(run_backend(&env, backend)?);
    }
    let mut load_end = String::new();
    let _ = writeln!(
        load_end,
        "- load average at the end: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    let md = render(&env, &reports, started, &format!("{context}{load_end}"));
    std::fs::create_dir_all(&args.out)?;
    let name = if args.quick {
        "quick-latest.md".to_owned()
    } else {
        format!("{}.md", env.stamp)
    };
    let path = args.out.join(name);
    std::fs::write(&path, &md).with_context(|| format!("cannot write {}", path.display()))?;
    println!("{md}");
    eprintln!("results written to {}", path.display());
    Ok(())
}

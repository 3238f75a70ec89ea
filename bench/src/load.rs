//! The runs: HTTP clients on the load generator's runtime, or OS threads with their own
//! database connections, for a warm-up and a measured window; and what a run measured.

use crate::db::{Backend, Database};
use crate::http::{Client, Http};
use crate::procfs::{CpuShares, Watched};
use crate::seed::BenchAccount;
use anyhow::{Context, Result, anyhow, bail};
use chrono::NaiveDate;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tally::infrastructure::db::DbConnection;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Scenario {
    Get,
    AsOfMiddle,
    AsOfToday,
    Stats,
    List,
    Form,
    Post,
    Limit,
    Raw,
    PostSpread,
    LimitSpread,
    RawSpread,
}

impl Scenario {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Scenario::Get => "Dashboard GET",
            Scenario::AsOfMiddle => "As-of GET, after the middle change",
            Scenario::AsOfToday => "As-of GET, end of today",
            Scenario::Stats => "Statistics GET",
            Scenario::List => "Expense list GET, first page",
            Scenario::Form => "New expense form GET",
            Scenario::Post => "Expense POST (HTTP)",
            Scenario::Limit => "DB limit: execute_with",
            Scenario::Raw => "DB limit: raw SQL",
            Scenario::PostSpread => "Expense POST, 16 accounts",
            Scenario::LimitSpread => "DB limit, 16 accounts",
            Scenario::RawSpread => "DB limit: raw SQL, 16 accounts",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Run {
    pub(crate) scenario: Scenario,
    /// Size class (events seeded), for grouping.
    pub(crate) size: i64,
    /// Events in the account when the run started.
    pub(crate) events_at_start: i64,
    pub(crate) clients: usize,
    pub(crate) ok: usize,
    pub(crate) errors: u64,
    pub(crate) rps: f64,
    pub(crate) p50: f64,
    pub(crate) p90: f64,
    pub(crate) p99: f64,
    pub(crate) max: f64,
    pub(crate) cpu: CpuShares,
    pub(crate) statements: Option<f64>,
    pub(crate) rss_kib: Option<u64>,
    pub(crate) error_samples: Vec<String>,
    pub(crate) notes: Vec<String>,
}

/// What one worker (task or thread) saw.
#[derive(Default)]
pub(crate) struct WorkerResult {
    latencies_us: Vec<u32>,
    pub(crate) ok_total: u64,
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

pub(crate) struct Timing {
    pub(crate) start: Instant,
    pub(crate) end: Instant,
}

impl Timing {
    pub(crate) fn new(warmup: Duration, duration: Duration) -> Timing {
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

/// Which run: what, on which size class, from how many events, with how many clients.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RunKey {
    pub(crate) scenario: Scenario,
    pub(crate) size: i64,
    pub(crate) events_at_start: i64,
    pub(crate) clients: usize,
}

/// All workers' latencies (sorted), errors, and up to three distinct error samples.
fn merge(workers: Vec<WorkerResult>) -> (Vec<u32>, u64, Vec<String>) {
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
    (all, errors, samples)
}

/// The run's numbers from what the workers and the watch saw; printed as it ends. A run in
/// which not one request succeeded is an error.
pub(crate) fn finish_run(
    backend: Backend,
    key: RunKey,
    workers: Vec<WorkerResult>,
    timing: &Timing,
    watched: Watched,
) -> Result<Run> {
    let (all, errors, samples) = merge(workers);
    let window = (timing.end - timing.start).as_secs_f64();
    let (cpu, rss, statements) = watched;
    let run = Run {
        scenario: key.scenario,
        size: key.size,
        events_at_start: key.events_at_start,
        clients: key.clients,
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
    print_run(&run);
    if run.ok == 0 {
        bail!(
            "{} on {} with {} client(s): no request succeeded ({})",
            run.scenario.label(),
            backend.label(),
            run.clients,
            run.error_samples.join("; ")
        );
    }
    Ok(run)
}

fn print_run(run: &Run) {
    let cpu = run.cpu;
    eprintln!(
        "    {:<28} {:>7} ev {:>3} cl: {:>8.1}/s  p50 {:>7.2} ms  p99 {:>7.2} ms  err {}  cpu: harness {:.0}% server {:.0}% db {:.0}% machine {:.0}%",
        run.scenario.label(),
        run.events_at_start,
        run.clients,
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
}

/// What each HTTP client asks for during a run.
#[derive(Clone)]
pub(crate) enum Ask {
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

/// The expense form the dashboard shows, filled in as a person would, without its
/// `expense_id` (each POST adds a fresh one).
pub(crate) fn expense_form(
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

impl Ask {
    /// Method, path, form (with a fresh `expense_id`, written into `body`) and, for a POST,
    /// the redirect it must answer with.
    fn request<'a>(
        &'a self,
        body: &'a mut String,
    ) -> (&'static str, &'a str, Option<&'a str>, Option<&'a str>) {
        match self {
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
        }
    }
}

/// One HTTP client's loop until the end of the window: a new connection, then its request
/// again and again; latencies of the requests inside the window are kept.
async fn client_loop(
    mut client: Client,
    ask: Ask,
    start: Instant,
    end: Instant,
) -> (Client, WorkerResult) {
    client.http.disconnect();
    let mut w = WorkerResult {
        latencies_us: Vec::with_capacity(16 * 1024),
        ..WorkerResult::default()
    };
    let mut body = String::with_capacity(1024);
    while Instant::now() < end {
        let (method, path, form, expect_location) = ask.request(&mut body);
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
}

/// Moves the clients out (leaving unconnected placeholders) so tasks can own them.
fn take_clients(clients: &mut [Client]) -> Vec<Client> {
    clients
        .iter_mut()
        .map(|c| Client {
            http: {
                let addr = c.http.addr;
                std::mem::replace(&mut c.http, Http::new(addr))
            },
            user: c.user,
            csrf: c.csrf.clone(),
        })
        .collect()
}

/// Runs HTTP clients for warm-up + duration; each client loops over its request.
pub(crate) fn http_load(
    rt: &tokio::runtime::Runtime,
    clients: &mut [Client],
    asks: Vec<Ask>,
    timing: &Timing,
    watch: impl FnOnce(&Timing) -> Watched,
) -> Result<(Vec<WorkerResult>, Watched)> {
    let (start, end) = (timing.start, timing.end);
    let handles: Vec<_> = take_clients(clients)
        .into_iter()
        .zip(asks)
        .map(|(client, ask)| rt.spawn(client_loop(client, ask, start, end)))
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
pub(crate) fn thread_load<F>(
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

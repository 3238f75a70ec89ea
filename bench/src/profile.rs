//! `--profile perf|callgrind`: one seeded account, the server under the profiler (callgrind)
//! or sampled by it (perf), driven by the same clients; the report names the hot functions.

use crate::backend::BackendReport;
use crate::db::{Backend, Database};
use crate::http::{Client, sign_in_all};
use crate::load::{Ask, RunKey, Scenario, Timing, expense_form, finish_run, http_load};
use crate::procfs::{CpuShares, find_process, sleep_until};
use crate::report::thousands;
use crate::seed::{BenchAccount, seed_all};
use crate::servers::Server;
use crate::{Env, args::Args, load_runtime};
use anyhow::{Context, Result};
use chrono::Utc;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use uuid::Uuid;

/// A profiling session: the server on the seeded account and its signed-in clients.
struct Profiling<'a> {
    env: &'a Env,
    /// The run's own environment: one size, no spread accounts.
    env2: Env,
    backend: Backend,
    size: i64,
    server: Server,
    clients: Vec<Client>,
    asks: Vec<Ask>,
    /// "dashboard GET" or "expense POST".
    what: &'static str,
    /// Where the raw profiler data goes (bench/tmp/<report name>).
    raw_base: PathBuf,
}

pub(crate) fn run_profile(env: &Env, tool: &str) -> Result<()> {
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
    let env2 = Env {
        args: Args {
            sizes: Some(vec![size]),
            no_spread: true,
            ..args.clone()
        },
        bin: env.bin.clone(),
        secret: env.secret.clone(),
        rt: load_runtime()?,
        stamp: env.stamp.clone(),
    };
    let db = Database::fresh(backend, &env2.args, "profile")?;
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
    let mut p = Profiling::start(env, env2, &db, tool, size, raw_base)?;
    let text = if tool == "perf" {
        p.perf()?
    } else {
        p.callgrind()?
    };
    drop(p);
    let path = PathBuf::from(format!("{}.md", base.display()));
    std::fs::write(&path, &text)?;
    println!("{text}");
    eprintln!("profile written to {}", path.display());
    Ok(())
}

impl<'a> Profiling<'a> {
    /// Seeds the account, starts the server (under valgrind for callgrind), signs clients in
    /// (4 for callgrind, 16 for perf) and prepares their requests.
    fn start(
        env: &'a Env,
        env2: Env,
        db: &Database,
        tool: &str,
        size: i64,
        raw_base: PathBuf,
    ) -> Result<Self> {
        let args = &env.args;
        let backend = db.backend;
        let mut report = BackendReport::new(backend, None);
        let seeded = seed_all(&env2, db, &mut report)?;
        let account = seeded.sized.first().context("no account")?.0.clone();
        let wrapper: Vec<String> = if tool == "callgrind" {
            vec![
                "valgrind".into(),
                "--tool=callgrind".into(),
                "--instr-atstart=no".into(),
                format!("--callgrind-out-file={}.callgrind.out", raw_base.display()),
            ]
        } else {
            Vec::new()
        };
        let (server, _) = Server::start(
            &env.bin,
            db,
            &env2.args,
            &env.secret,
            env2.log_path(backend, "profile")?,
            &wrapper,
            Duration::from_secs(300),
        )?;
        let clients_n = if tool == "callgrind" { 4 } else { 16 };
        let clients = sign_in_all(&env2, &server, &seeded, clients_n)?;
        let target = args.profile_target.as_str();
        let asks = profile_asks(&clients, &account, target)?;
        Ok(Profiling {
            env,
            env2,
            backend,
            size,
            server,
            clients,
            asks,
            what: match target {
                "get" => "dashboard GET",
                "statistics" => "statistics GET",
                _ => "expense POST",
            },
            raw_base,
        })
    }
}

/// Every client's request: the dashboard or statistics GET, or an expense POST of its own
/// session.
fn profile_asks(clients: &[Client], account: &BenchAccount, target: &str) -> Result<Vec<Ask>> {
    let today = Utc::now().date_naive();
    let mut asks = Vec::new();
    for c in clients {
        asks.push(match target {
            "get" => Ask::Get {
                path: account.path(),
            },
            "statistics" => Ask::Get {
                path: format!("{}/statistics", account.path()),
            },
            _ => Ask::PostExpense {
                path: format!("{}/expenses", account.path()),
                back: account.path(),
                prefix: expense_form(&c.csrf, account, c.user, today)?,
            },
        });
    }
    Ok(asks)
}

fn head_lines(s: &str, n: usize) -> String {
    let mut out = String::new();
    for line in s.lines().filter(|l| !l.trim().is_empty()).take(n) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

impl Profiling<'_> {
    /// Samples the server (and mariadbd) with `perf record -e cpu-clock` under load for
    /// `--profile-seconds`; the report: samples by thread, shared object and symbol.
    fn perf(&mut self) -> Result<String> {
        let args = &self.env.args;
        let data = format!("{}.perf.data", self.raw_base.display());
        let seconds = args.profile_seconds;
        let timing = Timing::new(Duration::from_secs(1), Duration::from_secs_f64(seconds));
        let db_pid = if self.backend == Backend::Mysql {
            find_process(&["mariadbd", "mysqld"])
        } else {
            None
        };
        let pids = std::iter::once(self.server.pid)
            .chain(db_pid)
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let perf_data = data.clone();
        let watch = move |t: &Timing| {
            sleep_until(t.start);
            perf_record(&pids, &perf_data, seconds);
            (CpuShares::default(), None, None)
        };
        let asks = std::mem::take(&mut self.asks);
        let (w, watched) = http_load(&self.env2.rt, &mut self.clients, asks, &timing, watch)?;
        let key = RunKey {
            scenario: match args.profile_target.as_str() {
                "get" => Scenario::Get,
                "statistics" => Scenario::Stats,
                _ => Scenario::Post,
            },
            size: self.size,
            events_at_start: self.size,
            clients: self.clients.len(),
        };
        let run = finish_run(self.backend, key, w, &timing, watched)?;
        let mut text = String::new();
        let _ = writeln!(
            text,
            "# perf profile: {}, {} clients, {} events, {:.0} req/s, p50 {:.2} ms, snapshot every {}\n",
            self.what,
            self.clients.len(),
            self.size,
            run.rps,
            run.p50,
            args.snapshot_every()
        );
        text.push_str(&perf_sections(&data, self.server.pid));
        Ok(text)
    }

    /// Warms up, switches callgrind's instrumentation on for a fixed number of requests
    /// (`--profile-seconds` × 25), dumps; the report: instructions per request and the top
    /// functions, inclusive and self.
    fn callgrind(&mut self) -> Result<String> {
        let args = &self.env.args;
        let requests = (args.profile_seconds * 25.0).max(20.0) as usize;
        let warm = Timing::new(Duration::ZERO, Duration::from_secs(10));
        let (w, _) = http_load(
            &self.env2.rt,
            &mut self.clients,
            self.asks.clone(),
            &warm,
            |t| {
                sleep_until(t.end);
                (CpuShares::default(), None, None)
            },
        )?;
        let warmed: u64 = w.iter().map(|x| x.ok_total).sum();
        let pid = self.server.pid.to_string();
        let control = |a: &[&str]| {
            Command::new("callgrind_control")
                .args(a)
                .arg(&pid)
                .stdout(Stdio::null())
                .status()
        };
        control(&["-i", "on"])?;
        let t = Instant::now();
        let ok = self.record_requests(requests)?;
        let took = t.elapsed();
        control(&["-d"])?;
        control(&["-i", "off"])?;
        self.server.stop();
        // The dump taken right after the recorded requests: `<file>.1`.
        let dump = PathBuf::from(format!("{}.callgrind.out.1", self.raw_base.display()));
        let inclusive = annotate(&dump, "yes");
        let total: u64 = inclusive
            .lines()
            .find(|l| l.contains("PROGRAM TOTALS"))
            .and_then(|l| l.split_whitespace().next())
            .map(|n| n.replace(',', ""))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let mut text = String::new();
        let _ = writeln!(
            text,
            "# callgrind profile: {}, {ok} requests recorded after {warmed} warm-up requests, {} events, snapshot every {}, {:.1} s under valgrind\n\nInstructions in the server per request: **{}** (deterministic: instruction counts, not time; \
             waiting for the database is not in them).\n",
            self.what,
            self.size,
            args.snapshot_every(),
            took.as_secs_f64(),
            thousands((total / ok.max(1) as u64) as i64)
        );
        text.push_str(&callgrind_sections(&inclusive, &dump));
        Ok(text)
    }

    /// `requests` requests spread over the clients, each client one after the other; the
    /// number answered as expected.
    fn record_requests(&mut self, requests: usize) -> Result<usize> {
        let per_client = requests.div_ceil(self.clients.len());
        let handles: Vec<_> = self
            .clients
            .drain(..)
            .zip(self.asks.clone())
            .map(|(mut client, ask)| {
                self.env2.rt.spawn(async move {
                    let mut ok = 0usize;
                    for _ in 0..per_client {
                        ok += usize::from(one_request(&mut client, &ask).await);
                    }
                    ok
                })
            })
            .collect();
        let mut ok = 0;
        for h in handles {
            ok += self.env2.rt.block_on(h)?;
        }
        Ok(ok)
    }
}

/// One request of a profiled client; true when it was answered as expected.
async fn one_request(client: &mut Client, ask: &Ask) -> bool {
    match ask {
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
    }
}

/// `perf record` of `pids` for `seconds`; only the server (and mariadbd): other work on the
/// machine stays out.
fn perf_record(pids: &str, data: &str, seconds: f64) {
    let child = Command::new("perf")
        .args([
            "record",
            "-e",
            "cpu-clock",
            "-F",
            "999",
            "-p",
            pids,
            "-o",
            data,
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
}

/// `perf report` of `data` with `extra` options, comments left out, long lines cut.
fn perf_report(data: &str, extra: &[&str]) -> String {
    let mut c = Command::new("perf");
    c.args([
        "report",
        "-i",
        data,
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
}

fn perf_sections(data: &str, server_pid: u32) -> String {
    let server_pid = server_pid.to_string();
    let mut text = String::new();
    text.push_str("## CPU samples by thread name (server and mariadbd)\n\n```\n");
    text.push_str(&head_lines(&perf_report(data, &["--sort", "comm"]), 30));
    text.push_str("```\n\n## Server: by shared object\n\n```\n");
    text.push_str(&head_lines(
        &perf_report(data, &["--pid", &server_pid, "--sort", "dso"]),
        15,
    ));
    text.push_str("```\n\n## Server: top symbols (self time)\n\n```\n");
    text.push_str(&head_lines(
        &perf_report(data, &["--pid", &server_pid, "--sort", "dso,symbol"]),
        80,
    ));
    text.push_str("```\n");
    text
}

/// `callgrind_annotate` of `dump`, inclusive or self, the function lines only.
fn annotate(dump: &Path, inclusive: &str) -> String {
    match Command::new("callgrind_annotate")
        .arg(format!("--inclusive={inclusive}"))
        .arg("--threshold=99")
        .arg(dump)
        .output()
    {
        Ok(o) => String::from_utf8_lossy(&o.stdout)
            .lines()
            .filter(|l| l.contains('(') && l.contains("%)"))
            .map(|l| format!("{}\n", l.chars().take(230).collect::<String>()))
            .collect(),
        Err(e) => format!("callgrind_annotate failed: {e}\n"),
    }
}

fn callgrind_sections(inclusive: &str, dump: &Path) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "## Inclusive (a function with everything it calls)\n\n```"
    );
    text.push_str(&head_lines(inclusive, 110));
    text.push_str("```\n\n## Self\n\n```\n");
    text.push_str(&head_lines(&annotate(dump, "no"), 60));
    text.push_str("```\n");
    let _ = writeln!(
        text,
        "\nRaw data: `{}` (open with callgrind_annotate or kcachegrind).",
        dump.display()
    );
    text
}

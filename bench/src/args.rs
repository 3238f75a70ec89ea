//! The command line: every option of `./scripts/bench` (and `tally-bench --help`).

use crate::seed::SPREAD_ACCOUNTS;
use clap::Parser;
use std::path::PathBuf;
use std::time::Duration;
use tally::application::DEFAULT_SNAPSHOT_EVERY;

/// Benchmarks tally end to end and against the database's own limit.
#[derive(Parser, Debug, Clone)]
#[command(name = "tally-bench", about)]
pub(crate) struct Args {
    /// Tiny sizes (10 and 1,000 events), 1-second runs, the dashboard at 16 clients only:
    /// proves the harness works.
    #[arg(long)]
    pub(crate) quick: bool,
    /// Events per benchmark account (default 10,1000,10000,100000; quick: 10,1000).
    #[arg(long, value_delimiter = ',')]
    pub(crate) sizes: Option<Vec<i64>>,
    /// Seconds measured per run (default 5; quick: 1).
    #[arg(long)]
    pub(crate) duration: Option<f64>,
    /// Seconds of warm-up before each measurement (default 1; quick: 0.25).
    #[arg(long)]
    pub(crate) warmup: Option<f64>,
    /// Concurrent clients for the expense POST and the database-limit runs.
    #[arg(long, value_delimiter = ',', default_value = "1,16")]
    pub(crate) post_clients: Vec<usize>,
    /// Concurrent clients for the dashboard GET runs (default 16,64; quick: 16).
    #[arg(long, value_delimiter = ',')]
    pub(crate) get_clients: Option<Vec<usize>>,
    /// Backends to measure, in order: mysql (MariaDB), sqlite.
    #[arg(long, value_delimiter = ',', default_value = "mysql,sqlite")]
    pub(crate) backends: Vec<String>,
    /// MariaDB/MySQL server, without a database; the harness creates and drops its own.
    #[arg(
        long,
        env = "TALLY_BENCH_MYSQL_URL",
        default_value = "mysql://root@127.0.0.1:3306"
    )]
    pub(crate) mysql_url: String,
    /// The `tally` binary (default: next to this one).
    #[arg(long)]
    pub(crate) tally_bin: Option<PathBuf>,
    /// TALLY_DB_POOL_SIZE for the server (default: the app's default).
    #[arg(long, default_value_t = tally::config::DEFAULT_POOL_SIZE)]
    pub(crate) pool_size: u32,
    /// TALLY_SNAPSHOT_EVERY for the server and the seeding (default: the app's default).
    #[arg(long, env = "TALLY_SNAPSHOT_EVERY")]
    pub(crate) snapshot_every: Option<i64>,
    /// Start-ups on a fresh database, per backend (default 5; quick: 3).
    #[arg(long)]
    pub(crate) startup_runs: Option<usize>,
    /// Run `verify` on the seeded database (default: only with --quick; it replays every event
    /// into the read models, which takes minutes at 200,000 events on MariaDB).
    #[arg(long, default_missing_value = "true", num_args = 0..=1)]
    pub(crate) verify: Option<bool>,
    /// Skip the 16-clients-on-16-accounts runs.
    #[arg(long)]
    pub(crate) no_spread: bool,
    /// Extra environment for the server, e.g. `--server-env MALLOC_ARENA_MAX=2` (repeatable).
    #[arg(long, value_name = "KEY=VALUE")]
    pub(crate) server_env: Vec<String>,
    /// Where the report goes.
    #[arg(long, default_value = "bench/results")]
    pub(crate) out: PathBuf,
    /// Scratch space (SQLite files, server logs).
    #[arg(long, default_value = "bench/tmp")]
    pub(crate) work_dir: PathBuf,
    /// Keep the databases and server logs afterwards.
    #[arg(long)]
    pub(crate) keep: bool,
    /// Instead of the benchmark: profile the expense POST path with `perf` or `callgrind`.
    #[arg(long, value_parser = ["perf", "callgrind"])]
    pub(crate) profile: Option<String>,
    /// Seconds of load while profiling (perf), or requests recorded (callgrind: × 25).
    #[arg(long, default_value_t = 10.0)]
    pub(crate) profile_seconds: f64,
    /// Instead of the benchmark: time the as-of read at the oldest, middle and newest points
    /// of one seeded account per size (no server; see `as_of_probe.rs`).
    #[arg(long)]
    pub(crate) as_of_probe: bool,
    /// What to profile: the expense POST, the dashboard GET or the statistics GET.
    #[arg(long, value_parser = ["post", "get", "statistics"], default_value = "post")]
    pub(crate) profile_target: String,
}

impl Args {
    pub(crate) fn sizes(&self) -> Vec<i64> {
        self.sizes.clone().unwrap_or_else(|| {
            if self.quick {
                vec![10, 1_000]
            } else {
                vec![10, 1_000, 10_000, 100_000]
            }
        })
    }
    pub(crate) fn get_clients(&self) -> Vec<usize> {
        self.get_clients
            .clone()
            .unwrap_or_else(|| if self.quick { vec![16] } else { vec![16, 64] })
    }
    pub(crate) fn duration(&self) -> Duration {
        Duration::from_secs_f64(self.duration.unwrap_or(if self.quick { 1.0 } else { 5.0 }))
    }
    pub(crate) fn warmup(&self) -> Duration {
        Duration::from_secs_f64(self.warmup.unwrap_or(if self.quick { 0.25 } else { 1.0 }))
    }
    pub(crate) fn startup_runs(&self) -> usize {
        self.startup_runs
            .unwrap_or(if self.quick { 3 } else { 5 })
            .max(1)
    }
    pub(crate) fn snapshot_every(&self) -> i64 {
        self.snapshot_every.unwrap_or(DEFAULT_SNAPSHOT_EVERY).max(1)
    }
    pub(crate) fn max_clients(&self) -> usize {
        let spread = if self.no_spread { 0 } else { SPREAD_ACCOUNTS };
        self.post_clients
            .iter()
            .copied()
            .chain(self.get_clients())
            .chain([spread, 1])
            .max()
            .unwrap_or(1)
    }
}

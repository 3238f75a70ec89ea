//! `tally-bench`: the benchmark harness behind `./scripts/bench` (see `bench/README.md`).
//!
//! For each backend (MariaDB, SQLite) it measures the start-up time of `tally serve` on fresh
//! databases, seeds users and accounts of 10 … 100,000 events through the library's own
//! decide/apply, event store, projections and snapshot code, starts the release server, signs
//! clients in over HTTP and drives it with a small keep-alive HTTP/1.1 load generator written
//! here on tokio; then it runs the same command transaction straight through Diesel
//! (`application::execute_with`, and a hand-written minimal transaction) as the database's
//! ceiling. Results go to a Markdown report. Numbers never fail the run; broken measurements do.
//!
//! Modules: [`args`] (options), [`db`] (fresh databases, MariaDB counters), [`servers`]
//! (`tally serve` processes), [`seed`] and [`ceiling`] (the only ones calling the app's
//! command path, event store, read models and schema), [`http`] and [`load`] (the load
//! generator and the runs), [`procfs`] (CPU and memory readings), [`backend`] (one backend end
//! to end), [`profile`] (`--profile`), [`as_of_probe`] (`--as-of-probe`) and [`report`]
//! (the Markdown).

mod args;
mod as_of_probe;
mod backend;
mod ceiling;
mod db;
mod http;
mod load;
mod procfs;
mod profile;
mod report;
mod seed;
mod servers;

use anyhow::{Context, Result, bail};
use args::Args;
use chrono::Utc;
use clap::Parser;
use db::{Backend, Database};
use std::path::PathBuf;
use std::time::Instant;

/// What every part of a harness run shares.
pub(crate) struct Env {
    pub(crate) args: Args,
    /// The `tally` binary.
    pub(crate) bin: PathBuf,
    /// TALLY_SECRET_KEY of every server.
    pub(crate) secret: String,
    /// The load generator's runtime: one worker thread.
    pub(crate) rt: tokio::runtime::Runtime,
    /// UTC start time, in report and log file names.
    pub(crate) stamp: String,
}

impl Env {
    /// A server log under the work directory.
    pub(crate) fn log_path(&self, backend: Backend, what: &str) -> Result<PathBuf> {
        std::fs::create_dir_all(&self.args.work_dir)?;
        Ok(self.args.work_dir.join(format!(
            "{}-{}-{what}.log",
            self.stamp,
            backend.label().to_ascii_lowercase()
        )))
    }
}

/// The load generator's runtime: one tokio worker thread, so it never takes more than a core.
pub(crate) fn load_runtime() -> Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?)
}

/// `--tally-bin`, or `tally` next to this binary (both live in the workspace's target/release).
fn tally_bin(args: &Args) -> Result<PathBuf> {
    let bin = match &args.tally_bin {
        Some(b) => b.clone(),
        None => std::env::current_exe()?
            .parent()
            .context("no parent directory")?
            .join("tally"),
    };
    if !bin.exists() {
        bail!(
            "{} does not exist; build it with `cargo build --release --features mysql --bin tally`",
            bin.display()
        );
    }
    Ok(bin)
}

fn main() -> Result<()> {
    let args = Args::parse();
    if args.as_of_probe {
        return as_of_probe::run_probe(&args);
    }
    let started = Instant::now();
    let env = Env {
        stamp: Utc::now().format("%Y-%m-%dT%H-%M-%SZ").to_string(),
        bin: tally_bin(&args)?,
        secret: servers::random_hex(64),
        rt: load_runtime()?,
        args: args.clone(),
    };
    if let Some(tool) = &args.profile {
        return profile::run_profile(&env, tool);
    }
    let backends: Vec<Backend> = args
        .backends
        .iter()
        .map(|b| Backend::parse(b))
        .collect::<Result<_>>()?;
    if backends.contains(&Backend::Mysql) {
        Database::drop_stale(&args);
    }
    let context = report::context_lines(&args);
    let mut reports = Vec::new();
    for backend in backends {
        reports.push(backend::run_backend(&env, backend)?);
    }
    let context = format!("{context}{}", report::load_end_line());
    let md = report::render(&env, &reports, started, &context);
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

//! `tally serve` as a child process: started on a free port, ready when `/readyz` answers 200,
//! stopped with SIGTERM; and the start-up measurement on fresh databases.

use crate::Env;
use crate::args::Args;
use crate::db::{Backend, Database};
use crate::procfs::proc_status_kib;
use anyhow::{Context, Result, bail};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use uuid::Uuid;

pub(crate) struct Server {
    child: Child,
    pub(crate) pid: u32,
    pub(crate) addr: SocketAddr,
    pub(crate) log: PathBuf,
}

fn free_port() -> Result<u16> {
    let l = TcpListener::bind("127.0.0.1:0")?;
    Ok(l.local_addr()?.port())
}

pub(crate) fn random_hex(bytes: usize) -> String {
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
    pub(crate) fn start(
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
        let mut cmd = serve_command(bin, wrapper, db, args, secret, addr);
        cmd.stdout(log_file.try_clone()?).stderr(log_file);
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
        server.wait_ready(started, ready_timeout)?;
        Ok((server, started.elapsed()))
    }

    /// Polls /readyz until it answers 200; fails when the server exits or times out.
    fn wait_ready(&mut self, started: Instant, ready_timeout: Duration) -> Result<()> {
        loop {
            if let Some(status) = self.child.try_wait()? {
                bail!(
                    "the server exited before it was ready ({status}); its log:\n{}",
                    self.log_tail()
                );
            }
            if probe_ready(self.addr) {
                return Ok(());
            }
            if started.elapsed() > ready_timeout {
                bail!(
                    "the server was not ready within {ready_timeout:?}; its log:\n{}",
                    self.log_tail()
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
    pub(crate) fn stop(&mut self) {
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

    pub(crate) fn status_kib(&self, field: &str) -> Option<u64> {
        proc_status_kib(self.pid, field)
    }

    /// Resets the kernel's peak-RSS counter (VmHWM), so a later reading covers only the load.
    pub(crate) fn reset_peak_rss(&self) -> bool {
        std::fs::write(format!("/proc/{}/clear_refs", self.pid), "5").is_ok()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `tally serve` (under `wrapper`, e.g. valgrind, when given) with the benchmark's environment.
fn serve_command(
    bin: &Path,
    wrapper: &[String],
    db: &Database,
    args: &Args,
    secret: &str,
    addr: SocketAddr,
) -> Command {
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
        .env("TALLY_PUBLIC_URL", format!("http://{addr}"))
        .env("TALLY_SNAPSHOT_EVERY", args.snapshot_every().to_string())
        .env(
            "RUST_LOG",
            std::env::var("TALLY_BENCH_RUST_LOG").unwrap_or_else(|_| "info,diesel=warn".into()),
        )
        .stdin(Stdio::null())
        .envs(args.server_env.iter().filter_map(|kv| kv.split_once('=')));
    cmd
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

/// Start-up times of `tally serve` on fresh, empty databases (migrations included).
pub(crate) fn measure_startup(env: &Env, backend: Backend) -> Result<Vec<Duration>> {
    let mut times = Vec::new();
    for i in 0..env.args.startup_runs() {
        let db = Database::fresh(backend, &env.args, &format!("start{i}"))?;
        let log = env.log_path(backend, &format!("startup{i}"))?;
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

//! Real processes for the fault tests: the `tally` binary started and killed like an
//! operator would, a private MariaDB server that can be stopped without disturbing anyone,
//! a load-driving HTTP client that never panics on a dead server, and event-store queries.
#![allow(dead_code)]

use diesel::prelude::*;
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};
use tally::infrastructure::db::DatabaseUrl;
use tally::infrastructure::schema::events;

/// The secret key every test server uses (64+ bytes, so sessions survive a restart).
pub const SECRET_KEY: &str =
    "fault-tests-secret-key-0123456789abcdef0123456789abcdef0123456789abcdef";

/// Whether MariaDB must be there (CI, or `./scripts/test` found a server).
pub fn mysql_required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
        || std::env::var("TALLY_REQUIRE_MYSQL").is_ok_and(|v| v == "1")
}

// ----- tally ---------------------------------------------------------------------------

/// A running `tally serve` with its log kept in memory.
pub struct Server {
    child: Child,
    /// The port it listens on (127.0.0.1).
    pub port: u16,
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts `tally serve` on this database on a free loopback port and waits (at most
    /// 60 s) until it logs the port.
    pub fn start(database_url: &str) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tally"))
            .arg("serve")
            .env("TALLY_DATABASE_URL", database_url)
            .env("TALLY_BIND", "127.0.0.1:0")
            .env("TALLY_SECRET_KEY", SECRET_KEY)
            .env("TALLY_PUBLIC_URL", "http://127.0.0.1:8080")
            .env("RUST_LOG", "info,diesel=warn")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start tally serve");
        let stderr = child.stderr.take().expect("stderr");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (port_tx, port_rx) = mpsc::channel();
        let kept = log.clone();
        // Keep draining the log so the server never blocks on (or dies of) a full pipe.
        std::thread::spawn(move || {
            let mut port_tx = Some(port_tx);
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if let Some(rest) = line.split("port=").nth(1)
                    && let Some(port) = rest
                        .split_whitespace()
                        .next()
                        .and_then(|p| p.parse::<u16>().ok())
                    && let Some(tx) = port_tx.take()
                {
                    let _ = tx.send(port);
                }
                if let Ok(mut log) = kept.lock() {
                    log.push(line);
                }
            }
        });
        let port = match port_rx.recv_timeout(Duration::from_secs(60)) {
            Ok(port) => port,
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                let text = log.lock().map(|l| l.join("\n")).unwrap_or_default();
                panic!("tally serve did not log its port ({e}); its log:\n{text}");
            }
        };
        Server {
            child,
            port,
            base: format!("http://127.0.0.1:{port}"),
            log,
        }
    }

    /// SIGKILL: no shutdown, no flushing, in-flight requests cut off.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// The last `n` log lines, for failure messages.
    pub fn log_tail(&self, n: usize) -> String {
        let log = self.log.lock().map(|l| l.clone()).unwrap_or_default();
        let from = log.len().saturating_sub(n);
        log[from..].join("\n")
    }

    /// Every log line containing `needle`.
    pub fn log_lines_with(&self, needle: &str) -> Vec<String> {
        let log = self.log.lock().map(|l| l.clone()).unwrap_or_default();
        log.into_iter().filter(|l| l.contains(needle)).collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// `tally verify` on this database: its exit status and output.
pub fn verify(database_url: &str) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tally"))
        .arg("verify")
        .env("TALLY_DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .env("NO_COLOR", "1")
        .output()
        .expect("run tally verify");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// Asserts that `tally verify` passes.
#[track_caller]
pub fn assert_verifies(database_url: &str) {
    let (ok, text) = verify(database_url);
    assert!(ok, "tally verify failed:\n{text}");
    assert!(text.contains("OK:"), "{text}");
}

// ----- The event store ---------------------------------------------------------------

/// One stored event: its type and JSON payload.
pub struct StoredEvent {
    pub event_type: String,
    pub payload: serde_json::Value,
}

/// Every event in the store, in order.
pub fn stored_events(database_url: &str) -> Vec<StoredEvent> {
    let mut conn = DatabaseUrl::parse(database_url)
        .connect()
        .expect("connect to read the event store");
    let rows: Vec<(String, String)> = events::table
        .order(events::position)
        .select((events::event_type, events::payload))
        .load(&mut conn)
        .expect("read events");
    rows.into_iter()
        .map(|(event_type, payload)| StoredEvent {
            payload: serde_json::from_str(&payload).expect("payloads are JSON"),
            event_type,
        })
        .collect()
}

/// How many times each value of `field` occurs among the events of type `event_type`.
pub fn ids_in(events: &[StoredEvent], event_type: &str, field: &str) -> HashMap<String, usize> {
    let mut seen = HashMap::new();
    for e in events.iter().filter(|e| e.event_type == event_type) {
        let id = e.payload[field]
            .as_str()
            .unwrap_or_else(|| panic!("{event_type} without {field}: {}", e.payload))
            .to_owned();
        *seen.entry(id).or_insert(0) += 1;
    }
    seen
}

/// How many events of this type there are.
pub fn count(events: &[StoredEvent], event_type: &str) -> usize {
    events.iter().filter(|e| e.event_type == event_type).count()
}

/// Asserts that every acknowledged expense is recorded, exactly once.
#[track_caller]
pub fn assert_all_acknowledged_recorded(database_url: &str, acknowledged: &[String]) {
    let events = stored_events(database_url);
    let recorded = ids_in(&events, "expense_recorded", "expense_id");
    let lost: Vec<&String> = acknowledged
        .iter()
        .filter(|id| !recorded.contains_key(*id))
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged expenses are missing from the event store: {lost:?}",
        lost.len(),
        acknowledged.len()
    );
    let doubled: Vec<(&String, &usize)> = recorded.iter().filter(|(_, n)| **n > 1).collect();
    assert!(doubled.is_empty(), "recorded more than once: {doubled:?}");
}

// ----- A private MariaDB ------------------------------------------------------------

/// A MariaDB server of its own in a temporary directory, on a free loopback port, that a
/// test may stop and start again (the shared server on 3306 is never touched).
pub struct PrivateMariaDb {
    dir: tempfile::TempDir,
    /// The port it listens on (127.0.0.1).
    pub port: u16,
    child: Option<Child>,
    as_root: bool,
}

/// Flags that keep a throwaway server small and quick to start and stop.
const SMALL_SERVER: &[&str] = &[
    "--innodb-buffer-pool-size=32M",
    "--innodb-log-file-size=16M",
    "--innodb-buffer-pool-dump-at-shutdown=OFF",
    "--innodb-buffer-pool-load-at-startup=OFF",
];

impl PrivateMariaDb {
    /// Creates a data directory with `mariadb-install-db` (root without a password) and
    /// starts the server. `None` when MariaDB's programs are missing and MariaDB is not
    /// required; panics with the reason otherwise.
    pub fn start() -> Option<PrivateMariaDb> {
        let missing: Vec<&str> = ["mariadb-install-db", "mariadbd"]
            .into_iter()
            .filter(|p| which(p).is_none())
            .collect();
        if !missing.is_empty() {
            let why = format!("{missing:?} not found (apt-get install -y mariadb-server)");
            if mysql_required() {
                panic!("a private MariaDB is required but {why}");
            }
            eprintln!("SKIPPED: cannot start a private MariaDB: {why}");
            return None;
        }
        let dir = tempfile::Builder::new()
            .prefix("tally-mdb-")
            .tempdir()
            .expect("temp dir");
        let as_root = is_root();
        if as_root {
            // mariadbd refuses to run as root; it runs as `mysql`, who must own its files.
            run_ok(
                Command::new("chown")
                    .args(["mysql:mysql", dir.path().to_str().expect("utf-8 path")]),
            );
        }
        let mut install = Command::new(which("mariadb-install-db").expect("found above"));
        install
            .arg("--no-defaults")
            .arg(format!("--datadir={}", dir.path().join("data").display()))
            .arg("--auth-root-authentication-method=normal")
            .arg("--skip-test-db")
            .args(SMALL_SERVER);
        if as_root {
            install.arg("--user=mysql");
        }
        run_ok(&mut install);
        let mut db = PrivateMariaDb {
            dir,
            port: free_port(),
            child: None,
            as_root,
        };
        db.resume();
        Some(db)
    }

    /// `mysql://root@127.0.0.1:<port>` (no database).
    pub fn server_url(&self) -> String {
        format!("mysql://root@127.0.0.1:{}", self.port)
    }

    /// Creates a database and returns its URL.
    pub fn create_database(&self, name: &str) -> String {
        let mut admin =
            diesel::MysqlConnection::establish(&self.server_url()).expect("admin connection");
        diesel::sql_query(format!("CREATE DATABASE {name} CHARACTER SET utf8mb4"))
            .execute(&mut admin)
            .expect("create database");
        format!("{}/{name}", self.server_url())
    }

    /// Starts the server on the existing data directory and port; waits until it answers.
    pub fn resume(&mut self) {
        assert!(self.child.is_none(), "already running");
        let data = self.dir.path().join("data");
        let mut command = Command::new(which("mariadbd").expect("mariadbd"));
        command
            .arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .arg(format!(
                "--socket={}",
                self.dir.path().join("sock").display()
            ))
            .arg(format!(
                "--pid-file={}",
                self.dir.path().join("pid").display()
            ))
            .arg(format!(
                "--log-error={}",
                self.dir.path().join("error.log").display()
            ))
            .arg(format!("--port={}", self.port))
            .arg("--bind-address=127.0.0.1")
            .arg("--skip-name-resolve")
            .args(SMALL_SERVER)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if self.as_root {
            command.arg("--user=mysql");
        }
        self.child = Some(command.spawn().expect("start mariadbd"));
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if diesel::MysqlConnection::establish(&self.server_url()).is_ok() {
                return;
            }
            if let Some(child) = self.child.as_mut()
                && let Ok(Some(status)) = child.try_wait()
            {
                panic!(
                    "mariadbd exited with {status} while starting:\n{}",
                    self.error_log()
                );
            }
            assert!(
                Instant::now() < deadline,
                "mariadbd did not answer within 60 s:\n{}",
                self.error_log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Stops the server the way an operator or a package upgrade does (SIGTERM), and waits
    /// until the process is gone.
    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(Some(_)) = child.try_wait() {
                return;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The server's error log, for failure messages.
    pub fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("error.log")).unwrap_or_default()
    }
}

impl Drop for PrivateMariaDb {
    fn drop(&mut self) {
        self.stop();
    }
}

fn which(program: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin".into(), "/usr/bin".into()])
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

#[track_caller]
fn run_ok(command: &mut Command) {
    let out = command.output().expect("run a MariaDB program");
    assert!(
        out.status.success(),
        "{command:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A loopback port nobody listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

// ----- A browser that survives a dead server -------------------------------------------

/// One answered request (or the transport error), with when it started and how long it took.
#[derive(Debug, Clone)]
pub struct Sample {
    /// "GET dashboard", "POST expense", ...
    pub what: &'static str,
    /// Start, since the load began.
    pub started: Duration,
    /// How long until the whole answer was read (or the error).
    pub took: Duration,
    /// The status, or `None` for a transport error.
    pub status: Option<u16>,
    /// The transport error, if any.
    pub error: Option<String>,
    /// Where a redirect points.
    pub location: Option<String>,
    /// The body (of error pages only, to keep memory small).
    pub body: String,
}

/// A cookie-keeping client that gives up after `timeout` instead of waiting forever.
pub fn client(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(timeout)
        .build()
        .expect("client")
}

/// Sends a request and reads the answer; never panics.
pub async fn timed(
    what: &'static str,
    origin: Instant,
    request: reqwest::RequestBuilder,
) -> (Sample, String) {
    let started = origin.elapsed();
    let t = Instant::now();
    let result = async {
        let resp = request.send().await?;
        let status = resp.status().as_u16();
        let location = resp
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = resp.text().await?;
        Ok::<_, reqwest::Error>((status, location, body))
    }
    .await;
    let took = t.elapsed();
    match result {
        Ok((status, location, body)) => (
            Sample {
                what,
                started,
                took,
                status: Some(status),
                error: None,
                location,
                body: if status >= 400 {
                    body.clone()
                } else {
                    String::new()
                },
            },
            body,
        ),
        Err(e) => (
            Sample {
                what,
                started,
                took,
                status: None,
                error: Some(format!("{e:#}")),
                location: None,
                body: String::new(),
            },
            String::new(),
        ),
    }
}

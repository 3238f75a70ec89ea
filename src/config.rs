//! Settings from environment variables, passed in (never global) so tests build their own.

use crate::infrastructure::db::DatabaseUrl;
use anyhow::{Context, bail};
use std::time::Duration;

/// Key material that must never be printed.
#[derive(Clone)]
pub struct SecretKey(Vec<u8>);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(***)")
    }
}

impl SecretKey {
    /// The shortest key accepted, in bytes.
    pub const MIN_BYTES: usize = 64;

    /// Wraps key bytes, refusing short keys.
    pub fn new(bytes: Vec<u8>) -> anyhow::Result<SecretKey> {
        if bytes.len() < Self::MIN_BYTES {
            bail!(
                "TALLY_SECRET_KEY must be at least {} bytes long (it has {}); \
                 generate one with `openssl rand -hex 64`",
                Self::MIN_BYTES,
                bytes.len()
            );
        }
        Ok(SecretKey(bytes))
    }

    /// A fresh random key.
    pub fn generate() -> SecretKey {
        SecretKey(crate::identity::random_bytes::<64>().to_vec())
    }

    /// The key bytes.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

/// Everything tally needs to start.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where the data lives.
    pub database_url: DatabaseUrl,
    /// Address and port to listen on.
    pub bind: String,
    /// Database connections kept open.
    pub pool_size: u32,
    /// Signs and encrypts session cookies, and derives invite links.
    pub secret_key: SecretKey,
    /// Mark cookies `Secure` (behind HTTPS).
    pub cookie_secure: bool,
    /// A session unused this long ends.
    pub session_idle_timeout: Duration,
    /// Write an aggregate snapshot every this many events.
    pub snapshot_every: i64,
}

/// Database connections per server. Measured with `scripts/bench` on 2 cores and MariaDB
/// (docs/PERFORMANCE.md): 16 connections let 16 busy clients run 16 queries at once and
/// doubled the dashboard's p99 (11 ms against 5.7–7 ms with 8) for no more requests/s;
/// 4 was no better than 8.
pub const DEFAULT_POOL_SIZE: u32 = 8;

impl Settings {
    /// Reads `TALLY_DATABASE_URL` (default `tally.db`), `TALLY_BIND` (default
    /// `127.0.0.1:8080`), `TALLY_DB_POOL_SIZE` (default 8), `TALLY_SECRET_KEY`,
    /// `TALLY_COOKIE_SECURE`, `TALLY_SESSION_IDLE_MINUTES` (default 14 days) and
    /// `TALLY_SNAPSHOT_EVERY` (default 10).
    pub fn from_env() -> anyhow::Result<Self> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let database_url =
            DatabaseUrl::parse(&var("TALLY_DATABASE_URL").unwrap_or_else(|| "tally.db".to_owned()));
        let bind = var("TALLY_BIND").unwrap_or_else(|| "127.0.0.1:8080".to_owned());
        let pool_size = match var("TALLY_DB_POOL_SIZE") {
            Some(v) => v
                .parse()
                .context("TALLY_DB_POOL_SIZE must be a whole number")?,
            None => DEFAULT_POOL_SIZE,
        };
        let secret_key = match var("TALLY_SECRET_KEY") {
            Some(key) => SecretKey::new(key.into_bytes())?,
            None => development_key(&database_url)?,
        };
        let cookie_secure = matches!(var("TALLY_COOKIE_SECURE").as_deref(), Some("true" | "1"));
        let idle_minutes: u64 = match var("TALLY_SESSION_IDLE_MINUTES") {
            Some(v) => v
                .parse()
                .context("TALLY_SESSION_IDLE_MINUTES must be a whole number")?,
            None => 14 * 24 * 60,
        };
        let snapshot_every: i64 = match var("TALLY_SNAPSHOT_EVERY") {
            Some(v) => v
                .parse()
                .ok()
                .filter(|n| *n >= 1)
                .context("TALLY_SNAPSHOT_EVERY must be a whole number of at least 1")?,
            None => crate::application::DEFAULT_SNAPSHOT_EVERY,
        };
        Ok(Settings {
            snapshot_every,
            database_url,
            bind,
            pool_size,
            secret_key,
            cookie_secure,
            session_idle_timeout: Duration::from_secs(idle_minutes * 60),
        })
    }
}

/// Reads only `TALLY_DATABASE_URL` (default `tally.db`): all the maintenance commands need.
pub fn database_url_from_env() -> DatabaseUrl {
    let url = std::env::var("TALLY_DATABASE_URL")
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "tally.db".to_owned());
    DatabaseUrl::parse(&url)
}

/// Without `TALLY_SECRET_KEY`, a SQLite install keeps a generated key in a file next to
/// the database, so restarts keep people signed in. A server database needs a real key.
fn development_key(url: &DatabaseUrl) -> anyhow::Result<SecretKey> {
    let DatabaseUrl::Sqlite(path) = url else {
        bail!("TALLY_SECRET_KEY is required with a MySQL/MariaDB database (64+ bytes)");
    };
    let key_path = format!("{path}.secret-key");
    match std::fs::read(&key_path) {
        Ok(bytes) => {
            SecretKey::new(bytes).with_context(|| format!("the key in {key_path} is unusable"))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = SecretKey::generate();
            write_private(&key_path, key.expose())
                .with_context(|| format!("cannot write a new secret key to {key_path}"))?;
            tracing::warn!(file = %key_path, "TALLY_SECRET_KEY is not set; generated a development key");
            Ok(key)
        }
        Err(e) => Err(e).with_context(|| format!("cannot read {key_path}")),
    }
}

fn write_private(path: &str, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(bytes)
}

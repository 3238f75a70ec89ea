//! Settings from environment variables, passed in (never global) so tests build their own.

use crate::clock::Clock;
use crate::database_url::DatabaseUrl;
use anyhow::{Context, bail};
use std::net::IpAddr;
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
        let mut bytes = vec![0_u8; 64];
        // The OS generator failing is unrecoverable for a security-sensitive service.
        if let Err(e) = getrandom::fill(&mut bytes) {
            panic!("the operating system's random generator failed: {e}");
        }
        SecretKey(bytes)
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
    /// Write an aggregate snapshot every this many events (`None`: the command path's
    /// default).
    pub snapshot_every: Option<i64>,
    /// The address people reach tally at: the base of every link it hands out (invite
    /// links). `None` means the address the server listens on (development only).
    pub public_url: Option<PublicUrl>,
    /// Proxies whose forwarded headers (`X-Forwarded-For`, `Forwarded`) are believed.
    pub trusted_proxies: TrustedProxies,
    /// How long failed sign-ins are counted against an address and a client.
    pub sign_in_window: Duration,
    /// How often the server records recurring bills that fell due (`None`: never; then
    /// `tally post-due` from cron does it).
    pub post_due_every: Option<Duration>,
    /// Where "forgot password" mails go out (`None`: no such page; the operator's
    /// `tally reset-password` remains).
    pub smtp: Option<SmtpSettings>,
    /// The clock pages read "now" and "today" from (tests move it).
    pub clock: Clock,
}

/// The mail server for "forgot password" links.
#[derive(Clone)]
pub struct SmtpSettings {
    /// `TALLY_SMTP_URL`, as lettre reads it: `smtps://user:pass@host:465` (TLS from the start),
    /// `smtp://user:pass@host:587?tls=required` (STARTTLS, refused without it),
    /// `smtp://host:25` (no TLS: a relay on the same machine only). Holds the password.
    pub url: String,
    /// `TALLY_SMTP_FROM`: the sender, `tally@example.org` or `Tally <tally@example.org>`.
    pub from: String,
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL may hold the password: only its scheme is printed.
        let scheme = self.url.split_once("://").map_or("?", |(s, _)| s);
        write!(f, "SmtpSettings({scheme}://***, from {:?})", self.from)
    }
}

impl SmtpSettings {
    /// Reads `TALLY_SMTP_URL` and `TALLY_SMTP_FROM`: both or neither.
    fn from_vars(
        url: Option<String>,
        from: Option<String>,
    ) -> anyhow::Result<Option<SmtpSettings>> {
        match (url, from) {
            (None, None) => Ok(None),
            (Some(url), Some(from)) => {
                if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
                    bail!(
                        "TALLY_SMTP_URL must start with smtp:// or smtps:// \
                         (e.g. smtps://user:password@mail.example.org:465)"
                    );
                }
                Ok(Some(SmtpSettings { url, from }))
            }
            (Some(_), None) => bail!(
                "TALLY_SMTP_FROM is required with TALLY_SMTP_URL: the address \
                 \"forgot password\" mails come from, e.g. tally@example.org"
            ),
            (None, Some(_)) => bail!(
                "TALLY_SMTP_FROM is set but TALLY_SMTP_URL is not: the mail server, e.g. \
                 smtps://user:password@mail.example.org:465"
            ),
        }
    }
}

/// How often the server looks for recurring bills that fell due, unless configured.
pub const DEFAULT_POST_DUE_EVERY: Duration = Duration::from_secs(60);

/// Database connections per server. Measured with `scripts/bench` on 2 cores and MariaDB
/// (docs/PERFORMANCE.md): 16 connections let 16 busy clients run 16 queries at once and
/// doubled the dashboard's p99 (11 ms against 5.7–7 ms with 8) for no more requests/s;
/// 4 was no better than 8.
pub const DEFAULT_POOL_SIZE: u32 = 8;

impl Settings {
    /// Reads `TALLY_DATABASE_URL` (default `tally.db`), `TALLY_BIND` (default
    /// `127.0.0.1:8080`), `TALLY_DB_POOL_SIZE` (default 8), `TALLY_SECRET_KEY`,
    /// `TALLY_COOKIE_SECURE`, `TALLY_SESSION_IDLE_MINUTES` (default 14 days),
    /// `TALLY_SNAPSHOT_EVERY` (default 10), `TALLY_PUBLIC_URL` (required with MySQL/MariaDB
    /// or a non-loopback `TALLY_BIND`), `TALLY_TRUSTED_PROXIES` (default none) and
    /// `TALLY_SIGNIN_WINDOW_SECONDS` (default 60), `TALLY_POST_DUE_SECONDS` (default 60,
    /// 0 turns the server's poster off) and `TALLY_SMTP_URL` with `TALLY_SMTP_FROM` (default
    /// none: no "forgot password" page).
    pub fn from_env() -> anyhow::Result<Self> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// Like [`Settings::from_env`], with the variables from `lookup`.
    pub fn from_vars(lookup: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let var = |name: &str| lookup(name).filter(|v| !v.is_empty());
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
        let public_url = match var("TALLY_PUBLIC_URL") {
            Some(url) => Some(PublicUrl::parse(&url)?),
            None => None,
        };
        if public_url.is_none() && needs_public_url(&database_url, &bind) {
            bail!(
                "TALLY_PUBLIC_URL is required with MySQL/MariaDB or when listening on a \
                 non-loopback address: the address people open tally at, e.g. \
                 https://tally.example.org (invite links are built from it)"
            );
        }
        let trusted_proxies =
            TrustedProxies::parse(var("TALLY_TRUSTED_PROXIES").as_deref().unwrap_or_default())?;
        // Behind HTTPS (the public address says so) cookies are Secure unless told otherwise.
        let cookie_secure = match var("TALLY_COOKIE_SECURE").as_deref() {
            Some(v) => matches!(v, "true" | "1"),
            None => public_url.as_ref().is_some_and(PublicUrl::is_https),
        };
        let sign_in_window = match var("TALLY_SIGNIN_WINDOW_SECONDS") {
            Some(v) => Duration::from_secs(
                v.parse()
                    .ok()
                    .filter(|n| (1..=86_400).contains(n))
                    .context(
                        "TALLY_SIGNIN_WINDOW_SECONDS must be a whole number from 1 to 86400",
                    )?,
            ),
            None => DEFAULT_SIGN_IN_WINDOW,
        };
        let idle_minutes: u64 = match var("TALLY_SESSION_IDLE_MINUTES") {
            Some(v) => v
                .parse()
                .context("TALLY_SESSION_IDLE_MINUTES must be a whole number")?,
            None => 14 * 24 * 60,
        };
        let snapshot_every = match var("TALLY_SNAPSHOT_EVERY") {
            Some(v) => Some(
                v.parse::<i64>()
                    .ok()
                    .filter(|n| *n >= 1)
                    .context("TALLY_SNAPSHOT_EVERY must be a whole number of at least 1")?,
            ),
            None => None,
        };
        let post_due_every = match var("TALLY_POST_DUE_SECONDS") {
            Some(v) => match v.parse::<u64>().ok().filter(|n| *n <= 86_400) {
                Some(0) => None,
                Some(n) => Some(Duration::from_secs(n)),
                None => bail!("TALLY_POST_DUE_SECONDS must be a whole number from 0 to 86400"),
            },
            None => Some(DEFAULT_POST_DUE_EVERY),
        };
        let smtp = SmtpSettings::from_vars(var("TALLY_SMTP_URL"), var("TALLY_SMTP_FROM"))?;
        Ok(Settings {
            smtp,
            clock: Clock::system(),
            post_due_every,
            snapshot_every,
            database_url,
            bind,
            pool_size,
            secret_key,
            cookie_secure,
            session_idle_timeout: Duration::from_secs(idle_minutes * 60),
            public_url,
            trusted_proxies,
            sign_in_window,
        })
    }
}

/// How long failed sign-ins count, unless configured otherwise.
pub const DEFAULT_SIGN_IN_WINDOW: Duration = Duration::from_secs(60);

/// A server database or a listener reachable from elsewhere means a real deployment: its
/// links must not name whatever address the server happens to listen on.
fn needs_public_url(database_url: &DatabaseUrl, bind: &str) -> bool {
    let loopback = bind
        .parse::<std::net::SocketAddr>()
        .map(|a| a.ip().is_loopback())
        .unwrap_or_else(|_| bind.starts_with("localhost:"));
    !matches!(database_url, DatabaseUrl::Sqlite(_)) || !loopback
}

/// The public base address, `http(s)://host[:port][/path]`, without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(String);

impl PublicUrl {
    /// Parses and checks a configured address.
    pub fn parse(input: &str) -> anyhow::Result<PublicUrl> {
        let url = input.trim().trim_end_matches('/');
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .context("TALLY_PUBLIC_URL must start with https:// or http://")?;
        let host = rest.split('/').next().unwrap_or_default();
        let acceptable = !host.is_empty()
            && url.len() <= 200
            && !host.contains('@')
            && url
                .chars()
                .all(|c| c.is_ascii_graphic() && !matches!(c, '?' | '#' | '"' | '<' | '>' | '\\'));
        if !acceptable {
            bail!(
                "TALLY_PUBLIC_URL must be an address like https://tally.example.org \
                 (scheme, host, optional port and path; no user, query or fragment)"
            );
        }
        Ok(PublicUrl(url.to_owned()))
    }

    /// The address of the server listening on `addr`, for development.
    pub fn of_listener(addr: std::net::SocketAddr) -> PublicUrl {
        PublicUrl(format!("http://{addr}"))
    }

    /// Whether it is served over HTTPS.
    pub fn is_https(&self) -> bool {
        self.0.starts_with("https://")
    }

    /// The address, without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Addresses of the proxies in front of tally, as single addresses or CIDR blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<(IpAddr, u8)>);

impl TrustedProxies {
    /// Parses a comma-separated list such as `127.0.0.1, ::1, 172.28.0.0/16`.
    pub fn parse(input: &str) -> anyhow::Result<TrustedProxies> {
        let mut blocks = Vec::new();
        for item in input.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (addr, bits) = match item.split_once('/') {
                Some((a, b)) => (a, Some(b)),
                None => (item, None),
            };
            let addr: IpAddr = addr.parse().with_context(|| {
                format!("TALLY_TRUSTED_PROXIES: {item:?} is not an IP address or CIDR block")
            })?;
            let max = if addr.is_ipv4() { 32 } else { 128 };
            let bits = match bits {
                Some(b) => b
                    .parse::<u8>()
                    .ok()
                    .filter(|n| *n <= max)
                    .with_context(|| format!("TALLY_TRUSTED_PROXIES: bad prefix in {item:?}"))?,
                None => max,
            };
            blocks.push((addr, bits));
        }
        Ok(TrustedProxies(blocks))
    }

    /// Loopback only (127.0.0.0/8 and ::1): a proxy on the same machine.
    pub fn loopback() -> TrustedProxies {
        TrustedProxies(vec![
            (IpAddr::from([127, 0, 0, 0]), 8),
            (IpAddr::from(std::net::Ipv6Addr::LOCALHOST), 128),
        ])
    }

    /// Whether `addr` is one of the trusted proxies.
    pub fn contains(&self, addr: IpAddr) -> bool {
        let addr = canonical(addr);
        self.0
            .iter()
            .any(|(block, bits)| in_block(addr, *block, *bits))
    }

    /// Whether no proxy is trusted.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// An IPv4 address mapped into IPv6 is the IPv4 address.
fn canonical(addr: IpAddr) -> IpAddr {
    match addr {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(addr, IpAddr::V4),
        v4 => v4,
    }
}

fn in_block(addr: IpAddr, block: IpAddr, bits: u8) -> bool {
    match (addr, canonical(block)) {
        (IpAddr::V4(a), IpAddr::V4(b)) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(bits)).unwrap_or(0);
            u32::from(a) & mask == u32::from(b) & mask
        }
        (IpAddr::V6(a), IpAddr::V6(b)) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(bits)).unwrap_or(0);
            u128::from(a) & mask == u128::from(b) & mask
        }
        _ => false,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_urls_are_checked() {
        let url = PublicUrl::parse("https://tally.example.org/").expect("valid");
        assert_eq!(url.as_str(), "https://tally.example.org");
        assert!(url.is_https());
        assert!(PublicUrl::parse("http://127.0.0.1:8080/flat").is_ok());
        for bad in [
            "",
            "tally.example.org",
            "ftp://x.org",
            "https://",
            "https://user@evil.example",
            "https://x.org/?q=1",
            "https://x.org/#a",
            "https://x .org",
            "javascript:alert(1)",
        ] {
            assert!(PublicUrl::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn smtp_settings_come_in_pairs_and_never_print_the_password() {
        let read = |url: Option<&str>, from: Option<&str>| {
            SmtpSettings::from_vars(url.map(str::to_owned), from.map(str::to_owned))
        };
        assert!(read(None, None).expect("none is fine").is_none());
        let smtp = read(
            Some("smtps://tally:hunter2@mail.example.org:465"),
            Some("tally@example.org"),
        )
        .expect("valid")
        .expect("configured");
        let printed = format!("{smtp:?}");
        assert!(
            !printed.contains("hunter2") && !printed.contains("tally:"),
            "{printed}"
        );
        assert!(crate::mail::Mailer::new(&smtp).is_ok());
        assert!(read(Some("smtp://127.0.0.1:25"), None).is_err());
        assert!(read(None, Some("tally@example.org")).is_err());
        assert!(read(Some("mail.example.org"), Some("tally@example.org")).is_err());
        let bad_from = read(Some("smtp://127.0.0.1:25"), Some("not an address"))
            .expect("read")
            .expect("configured");
        assert!(crate::mail::Mailer::new(&bad_from).is_err());
    }

    #[test]
    fn trusted_proxies_match_addresses_and_blocks() {
        let t = TrustedProxies::parse("10.1.2.3, 172.28.0.0/16,::1").expect("valid");
        assert!(t.contains("10.1.2.3".parse().expect("ip")));
        assert!(!t.contains("10.1.2.4".parse().expect("ip")));
        assert!(t.contains("172.28.200.9".parse().expect("ip")));
        assert!(!t.contains("172.29.0.1".parse().expect("ip")));
        assert!(t.contains("::1".parse().expect("ip")));
        assert!(t.contains("::ffff:10.1.2.3".parse().expect("ip")));
        assert!(TrustedProxies::parse("").expect("empty").is_empty());
        assert!(TrustedProxies::loopback().contains("127.0.0.1".parse().expect("ip")));
        for bad in ["localhost", "10.0.0.0/33", "::1/129", "1.2.3"] {
            assert!(TrustedProxies::parse(bad).is_err(), "{bad:?}");
        }
        assert!(
            TrustedProxies::parse("0.0.0.0/0")
                .expect("all")
                .contains("8.8.8.8".parse().expect("ip"))
        );
    }

    fn settings(vars: &[(&str, &str)]) -> anyhow::Result<Settings> {
        let key = "k".repeat(64);
        Settings::from_vars(|name| {
            if name == "TALLY_SECRET_KEY" {
                return Some(key.clone());
            }
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn proxies_links_and_secure_cookies_come_from_configuration() {
        let mysql = ("TALLY_DATABASE_URL", "mysql://tally@db:3306/tally");
        let error = settings(&[mysql]).expect_err("MySQL needs a public address");
        assert!(format!("{error:#}").contains("TALLY_PUBLIC_URL"));
        let s = settings(&[mysql, ("TALLY_PUBLIC_URL", "https://flat.example.org")]).expect("ok");
        assert!(s.cookie_secure, "an https address means Secure cookies");
        assert!(
            s.trusted_proxies.is_empty(),
            "no proxy is trusted unless configured"
        );
        let s = settings(&[
            mysql,
            ("TALLY_PUBLIC_URL", "https://flat.example.org"),
            ("TALLY_COOKIE_SECURE", "false"),
            ("TALLY_TRUSTED_PROXIES", "127.0.0.1,::1"),
        ])
        .expect("ok");
        assert!(!s.cookie_secure, "an explicit setting wins");
        assert!(s.trusted_proxies.contains("::1".parse().expect("ip")));
        assert!(settings(&[("TALLY_TRUSTED_PROXIES", "everyone")]).is_err());
        assert!(settings(&[("TALLY_PUBLIC_URL", "evil.example")]).is_err());
        assert!(settings(&[("TALLY_BIND", "0.0.0.0:8080")]).is_err());
        let dev = settings(&[]).expect("SQLite on loopback needs nothing");
        assert_eq!(dev.public_url, None);
        assert!(!dev.cookie_secure);
        assert_eq!(dev.sign_in_window, DEFAULT_SIGN_IN_WINDOW);
    }

    #[test]
    fn a_deployment_needs_a_public_url() {
        let sqlite = DatabaseUrl::parse("tally.db");
        assert!(!needs_public_url(&sqlite, "127.0.0.1:8080"));
        assert!(!needs_public_url(&sqlite, "localhost:8080"));
        assert!(needs_public_url(&sqlite, "0.0.0.0:8080"));
        let mysql = DatabaseUrl::parse("mysql://root@127.0.0.1:3306/test");
        assert!(needs_public_url(&mysql, "127.0.0.1:8080"));
    }
}

//! Settings from environment variables, passed in (never global) so tests build their own.

use crate::infrastructure::db::DatabaseUrl;

/// Everything tally needs to start.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where the data lives.
    pub database_url: DatabaseUrl,
    /// Address and port to listen on.
    pub bind: String,
    /// Database connections kept open.
    pub pool_size: u32,
}

impl Settings {
    /// Reads `TALLY_DATABASE_URL` (default `tally.db`), `TALLY_BIND` (default
    /// `127.0.0.1:8080`) and `TALLY_DB_POOL_SIZE` (default 8).
    pub fn from_env() -> anyhow::Result<Self> {
        let database_url =
            std::env::var("TALLY_DATABASE_URL").unwrap_or_else(|_| "tally.db".to_owned());
        let bind = std::env::var("TALLY_BIND").unwrap_or_else(|_| "127.0.0.1:8080".to_owned());
        let pool_size = match std::env::var("TALLY_DB_POOL_SIZE") {
            Ok(v) => v
                .parse()
                .map_err(|_| anyhow::anyhow!("TALLY_DB_POOL_SIZE must be a whole number"))?,
            Err(_) => 8,
        };
        Ok(Settings {
            database_url: DatabaseUrl::parse(&database_url),
            bind,
            pool_size,
        })
    }
}

//! Connections: one type for SQLite and MySQL/MariaDB, a pool, and embedded migrations.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use std::time::Duration;

/// A connection to whichever backend the URL chose.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    /// The embedded default.
    #[cfg(feature = "sqlite")]
    Sqlite(diesel::SqliteConnection),
    /// The production store.
    #[cfg(feature = "mysql")]
    Mysql(diesel::MysqlConnection),
}

#[cfg(not(any(feature = "sqlite", feature = "mysql")))]
compile_error!("enable at least one database backend: feature `sqlite` or `mysql`");

/// Which backend a database URL selects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A SQLite file (a plain path or `sqlite://path`).
    Sqlite(String),
    /// A MySQL or MariaDB server (`mysql://user:password@host:port/database`).
    Mysql(String),
}

/// Why a database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The binary was built without that backend.
    #[error("this build of tally has no {0} support; rebuild with `--features {0}`")]
    BackendNotBuilt(&'static str),
    /// Connecting failed.
    #[error("cannot connect to the database")]
    Connection(#[from] ConnectionError),
    /// The pool gave up.
    #[error("the database is not reachable")]
    Pool(#[from] r2d2::PoolError),
    /// A query failed.
    #[error("database error")]
    Query(#[from] diesel::result::Error),
    /// Migrations failed.
    #[error("cannot apply migrations: {0}")]
    Migration(String),
}

impl DatabaseUrl {
    /// Reads `TALLY_DATABASE_URL`-style text.
    pub fn parse(url: &str) -> Self {
        if url.starts_with("mysql://") || url.starts_with("mariadb://") {
            DatabaseUrl::Mysql(url.replacen("mariadb://", "mysql://", 1))
        } else if let Some(path) = url.strip_prefix("sqlite://") {
            DatabaseUrl::Sqlite(path.to_owned())
        } else {
            DatabaseUrl::Sqlite(url.strip_prefix("sqlite:").unwrap_or(url).to_owned())
        }
    }

    /// The backend's name, for logs.
    pub fn backend(&self) -> &'static str {
        match self {
            DatabaseUrl::Sqlite(_) => "sqlite",
            DatabaseUrl::Mysql(_) => "mysql",
        }
    }

    /// Opens one connection, set up the way tally needs it.
    pub fn connect(&self) -> Result<DbConnection, DbError> {
        match self {
            #[cfg(feature = "sqlite")]
            DatabaseUrl::Sqlite(path) => {
                let mut conn = diesel::SqliteConnection::establish(path)?;
                // WAL lets readers work while one writer commits; FULL sync keeps every
                // acknowledged commit across a power cut; the busy timeout queues writers.
                conn.batch_execute(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                     PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;",
                )
                .map_err(DbError::Query)?;
                Ok(DbConnection::Sqlite(conn))
            }
            #[cfg(feature = "mysql")]
            DatabaseUrl::Mysql(url) => {
                let mut conn = diesel::MysqlConnection::establish(url)?;
                // Timestamps are written by the app in UTC; keep the session in UTC too.
                diesel::sql_query("SET time_zone = '+00:00'")
                    .execute(&mut conn)
                    .map_err(DbError::Query)?;
                Ok(DbConnection::Mysql(conn))
            }
            #[allow(unreachable_patterns)]
            other => Err(DbError::BackendNotBuilt(other.backend())),
        }
    }
}

#[cfg(feature = "sqlite")]
const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
#[cfg(feature = "mysql")]
const MYSQL_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/mysql");

impl DbConnection {
    /// Applies every pending migration; returns how many ran.
    pub fn run_migrations(&mut self) -> Result<usize, DbError> {
        let applied = match self {
            #[cfg(feature = "sqlite")]
            DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
            #[cfg(feature = "mysql")]
            DbConnection::Mysql(c) => c.run_pending_migrations(MYSQL_MIGRATIONS).map(|v| v.len()),
        };
        applied.map_err(|e| DbError::Migration(e.to_string()))
    }

    /// Reverts every migration (used by tests of the `down.sql` files).
    pub fn revert_all_migrations(&mut self) -> Result<usize, DbError> {
        let reverted = match self {
            #[cfg(feature = "sqlite")]
            DbConnection::Sqlite(c) => c.revert_all_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
            #[cfg(feature = "mysql")]
            DbConnection::Mysql(c) => c.revert_all_migrations(MYSQL_MIGRATIONS).map(|v| v.len()),
        };
        reverted.map_err(|e| DbError::Migration(e.to_string()))
    }

    /// Whether this is the SQLite backend.
    pub fn is_sqlite(&self) -> bool {
        #[cfg(feature = "sqlite")]
        if matches!(self, DbConnection::Sqlite(_)) {
            return true;
        }
        false
    }
}

/// Opens connections for r2d2, choosing the backend from the URL (the derived
/// `establish` would try SQLite first and treat any URL as a file name).
#[derive(Debug, Clone)]
pub struct Manager {
    url: DatabaseUrl,
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = DbError;

    fn connect(&self) -> Result<DbConnection, DbError> {
        self.url.connect()
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), DbError> {
        diesel::sql_query("SELECT 1")
            .execute(conn)
            .map(|_| ())
            .map_err(DbError::Query)
    }

    /// Like Diesel's own manager: a connection dropped while panicking, or whose transaction
    /// manager is broken (a rollback failed, e.g. the server went away mid-transaction), is
    /// thrown away instead of being handed to the next request.
    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        use diesel::r2d2::R2D2Connection;
        std::thread::panicking() || conn.is_broken()
    }
}

/// The connection pool.
pub type DbPool = r2d2::Pool<Manager>;
/// A connection borrowed from the pool.
pub type PooledConn = r2d2::PooledConnection<Manager>;

/// How long a request waits for a connection before it gets the 503 page. While the
/// database is down every request waits this long, so it is short; under normal load a
/// connection is free within milliseconds. r2d2 also retries failed connects at most every
/// half of this, which bounds how soon tally notices that the database is back.
pub const CHECKOUT_TIMEOUT: Duration = Duration::from_secs(2);

/// Builds a pool; connections are checked when borrowed so a restarted database is
/// picked up again without restarting tally.
pub fn build_pool(url: &DatabaseUrl, max_size: u32) -> Result<DbPool, DbError> {
    r2d2::Pool::builder()
        .max_size(max_size)
        .min_idle(Some(1))
        .connection_timeout(CHECKOUT_TIMEOUT)
        .test_on_check_out(true)
        .build(Manager { url: url.clone() })
        .map_err(DbError::Pool)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_select_the_backend() {
        assert_eq!(
            DatabaseUrl::parse("tally.db"),
            DatabaseUrl::Sqlite("tally.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:///var/lib/tally.db"),
            DatabaseUrl::Sqlite("/var/lib/tally.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite://tally.db"),
            DatabaseUrl::Sqlite("tally.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("mysql://root@127.0.0.1:3306/test"),
            DatabaseUrl::Mysql("mysql://root@127.0.0.1:3306/test".into())
        );
    }
}

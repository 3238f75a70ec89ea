//! Connections: one type for SQLite and MySQL/MariaDB, a pool, and embedded migrations.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

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

/// Runs a query on the backend's own connection type instead of through [`DbConnection`].
///
/// The multi-backend connection serialises every query anew to find it in its statement
/// cache (SQL text built, identifiers escaped) on every call; the backend's own connection
/// caches a query by its type, so the hot queries of every request run through this.
/// The body is compiled once per backend, so it must be valid Diesel for both. Only the
/// storage and query layers use it (`pub(crate)`).
macro_rules! on_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            #[cfg(feature = "sqlite")]
            $crate::infrastructure::db::DbConnection::Sqlite($c) => $body,
            #[cfg(feature = "mysql")]
            $crate::infrastructure::db::DbConnection::Mysql($c) => $body,
        }
    };
}
pub(crate) use on_backend;

/// Inserts a slice of rows into a table, on either backend. One row goes by a single-row
/// insert, which Diesel keeps prepared. Many go in one statement on MySQL (a round trip each);
/// on SQLite, where a statement is a function call, each by that kept single-row insert: a
/// multi-row insert's text varies with its number of rows, so Diesel parses it anew every
/// time, and parsing cost a SQLite expense POST more than running its statements.
macro_rules! insert_rows {
    ($conn:expr, $table:path, $rows:expr) => {
        match (&mut *$conn, $rows) {
            #[cfg(feature = "sqlite")]
            ($crate::infrastructure::db::DbConnection::Sqlite(c), rows) => {
                rows.iter().try_fold(0usize, |inserted, row| {
                    diesel::insert_into($table)
                        .values(row)
                        .execute(c)
                        .map(|n| inserted + n)
                })
            }
            #[allow(unreachable_patterns)]
            (conn, [row]) => $crate::infrastructure::db::on_backend!(conn, |c| {
                diesel::insert_into($table).values(row).execute(c)
            }),
            #[allow(unreachable_patterns)]
            (conn, many) => $crate::infrastructure::db::on_backend!(conn, |c| {
                diesel::insert_into($table).values(many).execute(c)
            }),
        }
    };
}
pub(crate) use insert_rows;

pub use crate::database_url::DatabaseUrl;

/// SQLite's page cache for one connection during a large batch (an import), and back to the
/// usual size after it. Pages are only taken as they are touched; MySQL has no per-connection
/// cache to set, and a failure only costs speed.
pub fn set_batch_cache(conn: &mut DbConnection, large: bool) {
    // Irrefutable in a SQLite-only build.
    #[cfg(feature = "sqlite")]
    #[allow(irrefutable_let_patterns)]
    if let DbConnection::Sqlite(c) = conn {
        use diesel::RunQueryDsl;
        let kib = if large { BATCH_CACHE_KIB } else { CACHE_KIB };
        let sql = format!("PRAGMA cache_size = -{kib}");
        if let Err(e) = diesel::sql_query(sql).execute(c) {
            tracing::warn!(error = %e, "cannot set the page cache size");
        }
    }
    #[cfg(not(feature = "sqlite"))]
    let _ = (conn, large);
}

/// The page cache of a large batch, in KiB (a bound, not an allocation).
const BATCH_CACHE_KIB: u32 = 131_072;

/// Each connection's page cache otherwise, in KiB: half of SQLite's default. The pages a
/// request reads are few and the operating system caches the file anyway; eight connections
/// at the default 2 MiB each were a quarter of the server's memory under write load.
const CACHE_KIB: u32 = 1024;

/// Makes every SQLite connection this process opens plan a statement on its SQL alone (the
/// query planner stability guarantee). Otherwise SQLite marks a prepared statement stale
/// whenever a parameter its plan looked at is bound again, and re-parses and re-plans it on
/// its next run; since 3.47 a bound `LIMIT ?` counts, and Diesel binds the limit of every
/// `first()`. The session's statement of every request was parsed anew each time: a quarter
/// of an expense POST's instructions (`tally-bench --profile callgrind --backends sqlite`).
/// tally has no statistics tables (no `ANALYZE`) and no partial indexes, which are the
/// plans a bound value could improve.
#[cfg(feature = "sqlite")]
pub(crate) fn plan_on_the_sql_alone() {
    use libsqlite3_sys as ffi;
    use std::ffi::{c_char, c_int};

    unsafe extern "C" fn on_open(
        db: *mut ffi::sqlite3,
        _error: *mut *mut c_char,
        _api: *const ffi::sqlite3_api_routines,
    ) -> c_int {
        // SAFETY: SQLite passes the connection being opened; this option takes an int and an
        // optional pointer for the previous setting.
        unsafe {
            ffi::sqlite3_db_config(
                db,
                ffi::SQLITE_DBCONFIG_ENABLE_QPSG,
                1 as c_int,
                std::ptr::null_mut::<c_int>(),
            )
        };
        ffi::SQLITE_OK
    }

    static REGISTERED: std::sync::Once = std::sync::Once::new();
    REGISTERED.call_once(|| {
        // SAFETY: registers a function with the signature SQLite calls for each new connection.
        let rc = unsafe { ffi::sqlite3_auto_extension(Some(on_open)) };
        if rc != ffi::SQLITE_OK {
            tracing::warn!(rc, "cannot set SQLite's query planner stability guarantee");
        }
    });
}

/// SQLite statements of a fixed text with bound values, which the connection keeps prepared.
/// Diesel prepares every `UPDATE` and upsert it builds anew on each run (a changeset may leave
/// columns out, so it never caches one); on SQLite parsing those cost a write more than
/// running them. Each statement's type names its text through a marker (`M`), by which
/// Diesel's statement cache finds it: one marker, one text.
#[cfg(feature = "sqlite")]
pub(crate) mod kept_sqlite {
    use diesel::QueryResult;
    use diesel::query_builder::{AstPass, QueryFragment, QueryId};
    use diesel::sql_types::{BigInt, Binary, Date, Timestamp};
    use diesel::sqlite::Sqlite;
    use std::marker::PhantomData;

    /// A bound value.
    pub(crate) enum Value<'a> {
        Bytes(&'a [u8]),
        BigInt(i64),
        Date(chrono::NaiveDate),
        Timestamp(chrono::NaiveDateTime),
    }

    /// `sql` with a `?` for each of `values`, in order.
    pub(crate) struct Statement<'a, M> {
        sql: &'static str,
        values: Vec<Value<'a>>,
        marker: PhantomData<M>,
    }

    impl<'a, M: 'static> Statement<'a, M> {
        pub(crate) fn new(sql: &'static str, values: Vec<Value<'a>>) -> Self {
            debug_assert_eq!(sql.matches('?').count(), values.len(), "{sql}");
            Statement {
                sql,
                values,
                marker: PhantomData,
            }
        }

        /// Runs it; the rows it changed.
        pub(crate) fn run(self, c: &mut diesel::SqliteConnection) -> QueryResult<usize> {
            diesel::RunQueryDsl::execute(self, c)
        }
    }

    impl<M: 'static> QueryId for Statement<'_, M> {
        type QueryId = M;
        const HAS_STATIC_QUERY_ID: bool = true;
    }

    impl<M> QueryFragment<Sqlite> for Statement<'_, M> {
        fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Sqlite>) -> QueryResult<()> {
            let mut pieces = self.sql.split('?');
            out.push_sql(pieces.next().unwrap_or_default());
            for (value, piece) in self.values.iter().zip(pieces) {
                match value {
                    Value::Bytes(b) => out.push_bind_param::<Binary, _>(b)?,
                    Value::BigInt(n) => out.push_bind_param::<BigInt, _>(n)?,
                    Value::Date(d) => out.push_bind_param::<Date, _>(d)?,
                    Value::Timestamp(t) => out.push_bind_param::<Timestamp, _>(t)?,
                }
                out.push_sql(piece);
            }
            Ok(())
        }
    }

    impl<M> diesel::RunQueryDsl<diesel::SqliteConnection> for Statement<'_, M> {}
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
    /// Opens one connection, set up the way tally needs it.
    pub fn connect(&self) -> Result<DbConnection, DbError> {
        match self {
            #[cfg(feature = "sqlite")]
            DatabaseUrl::Sqlite(path) => {
                plan_on_the_sql_alone();
                let mut conn = diesel::SqliteConnection::establish(path)?;
                // The busy timeout first: it queues writers, and switching to WAL (which lets
                // readers work while one writer commits) can find another connection opening
                // at the same moment. FULL sync keeps every acknowledged commit across a
                // power cut.
                conn.batch_execute(&format!(
                    "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; \
                     PRAGMA cache_size = -{CACHE_KIB};"
                ))
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
                let mut conn = DbConnection::Mysql(conn);
                if is_galera_node(&mut conn)? {
                    // Causal reads: every read on this connection first waits until the node
                    // has applied all that the cluster committed before it began, so a page
                    // shown right after a write on another node sees that write.
                    //
                    // A short idle timeout: when another node's write aborts a transaction
                    // while its client is preparing a statement, the server can answer with
                    // a packet the client does not expect; the client then waits for bytes
                    // that never come while the server waits for the next command
                    // (mysql-wsrep issue 287; MDEV-24255 is the same race for other commands).
                    // Only closing the connection ends that, so the server does it after
                    // `GALERA_IDLE_TIMEOUT` instead of the default eight hours. The request
                    // fails with a lost connection (503, retried by the proxy with the same
                    // form ids); a pooled connection idle that long is replaced when lent.
                    diesel::sql_query(format!(
                        "SET SESSION wsrep_sync_wait = 1, SESSION wait_timeout = {}",
                        GALERA_IDLE_TIMEOUT.as_secs()
                    ))
                    .execute(&mut conn)
                    .map_err(DbError::Query)?;
                }
                Ok(conn)
            }
            #[allow(unreachable_patterns)]
            other => Err(DbError::BackendNotBuilt(other.backend())),
        }
    }
}

/// How long a Galera node keeps one of tally's connections open while no command comes.
pub const GALERA_IDLE_TIMEOUT: Duration = Duration::from_secs(10);

/// One server variable or status value, as `SHOW VARIABLES` / `SHOW STATUS` list it.
#[derive(diesel::QueryableByName)]
struct ServerValue {
    #[diesel(sql_type = diesel::sql_types::Text, column_name = "Variable_name")]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Text, column_name = "Value")]
    value: String,
}

fn server_values(conn: &mut DbConnection, sql: &str) -> Result<Vec<ServerValue>, DbError> {
    diesel::sql_query(sql)
        .load::<ServerValue>(conn)
        .map_err(DbError::Query)
}

/// Whether the connection reached a MariaDB Galera cluster node (`wsrep_on`). Plain MariaDB
/// says `OFF`, MySQL has no such variable, SQLite is never one.
pub fn is_galera_node(conn: &mut DbConnection) -> Result<bool, DbError> {
    if conn.is_sqlite() {
        return Ok(false);
    }
    let galera = server_values(conn, "SHOW VARIABLES LIKE 'wsrep_on'")?
        .iter()
        .any(|v| v.value.eq_ignore_ascii_case("ON"));
    if galera {
        GALERA_SEEN.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    Ok(galera)
}

/// Set once a connection of this process has found a Galera node (each new MySQL connection
/// asks). Only there can a COMMIT answer OK for a transaction that was rolled back, so only
/// then does a command spend a statement checking that its write is stored.
static GALERA_SEEN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether this process has connected to a Galera node (see [`is_galera_node`]).
pub fn galera_seen() -> bool {
    GALERA_SEEN.load(std::sync::atomic::Ordering::Relaxed)
}

/// Transaction statements Diesel keeps prepared. Diesel's own transactions send `BEGIN` and
/// `COMMIT` as text with multi-statement mode switched on and off around each (two more round
/// trips apiece, which MariaDB counts as statements): four extra round trips inside the
/// account's lock on every command.
#[cfg(feature = "mysql")]
pub mod mysql_tx {
    use diesel::mysql::Mysql;
    use diesel::query_builder::{AstPass, QueryFragment, QueryId};
    use diesel::{MysqlConnection, QueryResult, RunQueryDsl};

    macro_rules! statement {
        ($name:ident, $sql:literal) => {
            #[derive(Debug, Clone, Copy, QueryId)]
            struct $name;
            impl QueryFragment<Mysql> for $name {
                fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Mysql>) -> QueryResult<()> {
                    out.push_sql($sql);
                    Ok(())
                }
            }
            impl RunQueryDsl<MysqlConnection> for $name {}
        };
    }
    statement!(Begin, "BEGIN");
    statement!(Commit, "COMMIT");
    statement!(Rollback, "ROLLBACK");

    /// Starts a transaction.
    pub fn begin(c: &mut MysqlConnection) -> QueryResult<()> {
        Begin.execute(c).map(|_| ())
    }

    /// Commits the transaction.
    pub fn commit(c: &mut MysqlConnection) -> QueryResult<()> {
        Commit.execute(c).map(|_| ())
    }

    /// Rolls the transaction back.
    pub fn rollback(c: &mut MysqlConnection) -> QueryResult<()> {
        Rollback.execute(c).map(|_| ())
    }
}

/// MySQL statements that the connection keeps prepared although their text is built at run
/// time. Diesel prepares anew, and closes after one use, every `sql_query`, `UPDATE` and
/// multi-row insert (their text could take unboundedly many forms): each prepare costs
/// MariaDB a round trip and a parse, each close another packet, and three of an expense
/// command's statements went that way. A [`Statement`](kept_prepared::Statement) takes its
/// values as bind parameters, so its text only varies with how many rows or members it
/// names; up to [`KEEP_PREPARED_UP_TO`](kept_prepared::KEEP_PREPARED_UP_TO) of those it is
/// kept prepared, one per text.
#[cfg(feature = "mysql")]
pub mod kept_prepared {
    use chrono::{NaiveDate, NaiveDateTime};
    use diesel::mysql::Mysql;
    use diesel::query_builder::{AstPass, QueryFragment, QueryId};
    use diesel::sql_types::{BigInt, Binary, Date, Timestamp};
    use diesel::{MysqlConnection, QueryResult, RunQueryDsl};

    /// The most rows (or members) a kept statement names: more would let one connection
    /// keep a statement for every size of an import's chunks.
    pub const KEEP_PREPARED_UP_TO: usize = 32;

    /// One bind parameter.
    #[derive(Debug, Clone, Copy)]
    pub enum Value<'a> {
        /// `BINARY` (ids).
        Bytes(&'a [u8]),
        /// `BIGINT` (cents, versions, counts).
        BigInt(i64),
        /// `DATE`.
        Date(NaiveDate),
        /// `DATETIME`.
        Timestamp(NaiveDateTime),
    }

    /// SQL with a `?` for each value, in order (the text has no other question mark).
    #[derive(Debug, Clone)]
    pub struct Statement<'a> {
        sql: String,
        values: Vec<Value<'a>>,
        keep: bool,
    }

    impl<'a> Statement<'a> {
        /// `sql` with its values; kept prepared when it names at most
        /// [`KEEP_PREPARED_UP_TO`] rows or members (`names`).
        pub fn new(sql: String, values: Vec<Value<'a>>, names: usize) -> Self {
            debug_assert_eq!(sql.matches('?').count(), values.len());
            Statement {
                sql,
                values,
                keep: names <= KEEP_PREPARED_UP_TO,
            }
        }

        /// Runs it; the number of rows it changed.
        pub fn run(self, c: &mut MysqlConnection) -> QueryResult<usize> {
            self.execute(c)
        }
    }

    impl QueryFragment<Mysql> for Statement<'_> {
        fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Mysql>) -> QueryResult<()> {
            if !self.keep {
                out.unsafe_to_cache_prepared();
            }
            let mut pieces = self.sql.split('?');
            out.push_sql(pieces.next().unwrap_or_default());
            for (value, piece) in self.values.iter().zip(pieces) {
                match value {
                    Value::Bytes(b) => out.push_bind_param::<Binary, [u8]>(b)?,
                    Value::BigInt(n) => out.push_bind_param::<BigInt, i64>(n)?,
                    Value::Date(d) => out.push_bind_param::<Date, NaiveDate>(d)?,
                    Value::Timestamp(t) => out.push_bind_param::<Timestamp, NaiveDateTime>(t)?,
                }
                out.push_sql(piece);
            }
            Ok(())
        }
    }

    impl QueryId for Statement<'_> {
        // Kept by its text and bind types, not by its Rust type.
        type QueryId = ();
        const HAS_STATIC_QUERY_ID: bool = false;
    }

    impl RunQueryDsl<MysqlConnection> for Statement<'_> {}
}

/// Whether the database can take this instance's requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Readiness {
    /// It answers (and, on a Galera node, the node is synced with its cluster).
    Ready,
    /// A Galera node that answers but is not synced: a joiner, a donor, or one that lost its
    /// cluster's quorum. Its state, as the node reports it.
    NotSynced(String),
}

/// Checks the database for readiness: it answers, and a Galera node is also ready
/// (`wsrep_ready`) and synced (`wsrep_local_state_comment`); a node that only answers may be
/// cut off from the cluster's quorum or still receiving its state.
pub fn readiness(conn: &mut DbConnection) -> Result<Readiness, DbError> {
    if !is_galera_node(conn)? {
        diesel::sql_query("SELECT 1")
            .execute(conn)
            .map_err(DbError::Query)?;
        return Ok(Readiness::Ready);
    }
    let status = server_values(
        conn,
        "SHOW STATUS WHERE Variable_name IN ('wsrep_ready', 'wsrep_local_state_comment')",
    )?;
    Ok(galera_readiness(&status))
}

fn galera_readiness(status: &[ServerValue]) -> Readiness {
    let value = |name: &str| {
        status
            .iter()
            .find(|v| v.name.eq_ignore_ascii_case(name))
            .map_or("", |v| v.value.as_str())
    };
    let (ready, state) = (value("wsrep_ready"), value("wsrep_local_state_comment"));
    if ready.eq_ignore_ascii_case("ON") && state == "Synced" {
        Readiness::Ready
    } else {
        Readiness::NotSynced(format!("wsrep_ready={ready}, state={state}"))
    }
}

/// How long a process waits for another one's migrations before giving up.
pub const MIGRATION_LOCK_WAIT: Duration = Duration::from_secs(120);
/// A migration lock older than this was left by a process that died while migrating.
const MIGRATION_LOCK_STALE_SECONDS: i64 = 600;

/// The migration lock: one row in its own table, taken by inserting it. A unique key is the
/// one lock that holds across a Galera cluster (`GET_LOCK` is per node, row locks do not
/// reach other nodes): of two nodes inserting the row at once, certification lets one commit.
/// On a plain server and SQLite the primary key does the same.
struct MigrationLock {
    holder: String,
}

impl MigrationLock {
    fn acquire(conn: &mut DbConnection, wait: Duration) -> Result<MigrationLock, DbError> {
        let create = if conn.is_sqlite() {
            "CREATE TABLE IF NOT EXISTS tally_migration_lock (id INTEGER NOT NULL PRIMARY KEY, \
             holder VARCHAR(64) NOT NULL, taken_at BIGINT NOT NULL)"
        } else {
            // InnoDB: a MyISAM table would not be replicated by Galera.
            "CREATE TABLE IF NOT EXISTS tally_migration_lock (id INT NOT NULL PRIMARY KEY, \
             holder VARCHAR(64) NOT NULL, taken_at BIGINT NOT NULL) ENGINE=InnoDB"
        };
        diesel::sql_query(create)
            .execute(conn)
            .map_err(DbError::Query)?;
        let holder = uuid::Uuid::new_v4().simple().to_string();
        let deadline = Instant::now() + wait;
        loop {
            let now = chrono::Utc::now().timestamp();
            diesel::sql_query("DELETE FROM tally_migration_lock WHERE id = 1 AND taken_at < ?")
                .bind::<diesel::sql_types::BigInt, _>(now - MIGRATION_LOCK_STALE_SECONDS)
                .execute(conn)
                .or_else(ignore_contention)?;
            let taken = diesel::sql_query(
                "INSERT INTO tally_migration_lock (id, holder, taken_at) VALUES (1, ?, ?)",
            )
            .bind::<diesel::sql_types::Text, _>(&holder)
            .bind::<diesel::sql_types::BigInt, _>(now)
            .execute(conn);
            match taken {
                Ok(_) => return Ok(MigrationLock { holder }),
                Err(e) if is_contention(&e) && Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(200));
                }
                Err(e) if is_contention(&e) => {
                    return Err(DbError::Migration(format!(
                        "another process kept the migration lock (table tally_migration_lock) \
                         for {} s",
                        wait.as_secs()
                    )));
                }
                Err(e) => return Err(DbError::Query(e)),
            }
        }
    }

    fn release(self, conn: &mut DbConnection) -> Result<(), DbError> {
        diesel::sql_query("DELETE FROM tally_migration_lock WHERE id = 1 AND holder = ?")
            .bind::<diesel::sql_types::Text, _>(&self.holder)
            .execute(conn)
            .map_err(DbError::Query)?;
        Ok(())
    }
}

/// Someone else holds the row or is taking it: a duplicate key, or (Galera, SQLite) a
/// deadlock or busy database.
fn is_contention(e: &diesel::result::Error) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    match e {
        Error::DatabaseError(
            DatabaseErrorKind::UniqueViolation | DatabaseErrorKind::SerializationFailure,
            _,
        ) => true,
        Error::DatabaseError(_, info) => {
            let m = info.message();
            m.contains("Deadlock found")
                || m.contains("Lock wait timeout")
                || m.contains("database is locked")
        }
        _ => false,
    }
}

fn ignore_contention(e: diesel::result::Error) -> Result<usize, DbError> {
    if is_contention(&e) {
        Ok(0)
    } else {
        Err(DbError::Query(e))
    }
}

#[cfg(feature = "sqlite")]
const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
#[cfg(feature = "mysql")]
const MYSQL_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/mysql");

impl DbConnection {
    /// Applies every pending migration under the migration lock; returns how many ran. Many
    /// processes may start at once (instances on every node of a cluster): one applies the
    /// migrations, the others wait for it and then find nothing pending.
    pub fn run_migrations(&mut self) -> Result<usize, DbError> {
        let lock = MigrationLock::acquire(self, MIGRATION_LOCK_WAIT)?;
        let applied = self.run_pending_migrations_unlocked();
        let released = lock.release(self);
        let applied = applied?;
        released?;
        Ok(applied)
    }

    fn run_pending_migrations_unlocked(&mut self) -> Result<usize, DbError> {
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
    write_gate: Option<WriteGate>,
}

/// One writer at a time, in this process, for a SQLite database (see
/// [`PoolConnection::write_gate`]).
pub type WriteGate = Arc<Mutex<()>>;

/// A connection as the pool keeps it: the connection and what the pool knows of its health.
///
/// Checking every connection with a `SELECT 1` when it is borrowed doubled the statements of a
/// dashboard view. So a connection is only checked when it may be stale: it sat idle for
/// longer than [`TRUSTED_AFTER_USE`] (the database may have restarted meanwhile), or its last
/// user saw an error (which may have been a lost connection). A connection that fails the
/// check is dropped and replaced.
pub struct PoolConnection {
    conn: DbConnection,
    returned_at: Instant,
    suspect: bool,
    write_gate: Option<WriteGate>,
}

/// How long after its last use a connection is handed out without a check.
pub const TRUSTED_AFTER_USE: Duration = Duration::from_secs(1);

impl PoolConnection {
    /// Has the connection checked before it is lent again: call when work on it failed.
    pub fn mark_suspect(&mut self) {
        self.suspect = true;
    }

    /// For SQLite, the pool's write gate: hold it around a write transaction. SQLite allows
    /// one writer at a time and makes the others poll with growing sleeps (up to 100 ms
    /// each), which gave concurrent writers a p99 of several hundred milliseconds; waiting on
    /// an in-process lock instead wakes the next writer as soon as the last one commits.
    /// `None` for MySQL/MariaDB, whose row locks queue writers by themselves.
    pub fn write_gate(&self) -> Option<WriteGate> {
        self.write_gate.clone()
    }

    fn needs_check(&self) -> bool {
        self.suspect || self.returned_at.elapsed() > TRUSTED_AFTER_USE
    }
}

impl Deref for PoolConnection {
    type Target = DbConnection;
    fn deref(&self) -> &DbConnection {
        &self.conn
    }
}

impl DerefMut for PoolConnection {
    fn deref_mut(&mut self) -> &mut DbConnection {
        &mut self.conn
    }
}

impl ManageConnection for Manager {
    type Connection = PoolConnection;
    type Error = DbError;

    fn connect(&self) -> Result<PoolConnection, DbError> {
        Ok(PoolConnection {
            conn: self.url.connect()?,
            returned_at: Instant::now(),
            suspect: false,
            write_gate: self.write_gate.clone(),
        })
    }

    fn is_valid(&self, conn: &mut PoolConnection) -> Result<(), DbError> {
        if !conn.needs_check() {
            return Ok(());
        }
        diesel::sql_query("SELECT 1")
            .execute(&mut conn.conn)
            .map_err(DbError::Query)?;
        conn.suspect = false;
        Ok(())
    }

    /// Like Diesel's own manager: a connection dropped while panicking, or whose transaction
    /// manager is broken (a rollback failed, e.g. the server went away mid-transaction), is
    /// thrown away instead of being handed to the next request. r2d2 calls this whenever a
    /// connection comes back, so it also notes when that was.
    fn has_broken(&self, conn: &mut PoolConnection) -> bool {
        use diesel::r2d2::R2D2Connection;
        conn.returned_at = Instant::now();
        std::thread::panicking() || conn.conn.is_broken()
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

/// Builds a pool. Borrowed connections that may be stale are checked first (see
/// [`PoolConnection`]), so a restarted database is picked up again without restarting tally.
pub fn build_pool(url: &DatabaseUrl, max_size: u32) -> Result<DbPool, DbError> {
    r2d2::Pool::builder()
        .max_size(max_size)
        .min_idle(Some(1))
        .connection_timeout(CHECKOUT_TIMEOUT)
        .test_on_check_out(true)
        .build(Manager {
            url: url.clone(),
            write_gate: matches!(url, DatabaseUrl::Sqlite(_)).then(WriteGate::default),
        })
        .map_err(DbError::Pool)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A statement with a bound `LIMIT ?`, as every Diesel `first()` is, runs again and again
    /// from its one plan: SQLite does not re-prepare it when the limit is bound anew.
    #[cfg(feature = "sqlite")]
    #[test]
    fn a_sqlite_statement_is_planned_once_however_often_its_limit_is_bound() {
        use libsqlite3_sys as ffi;
        use std::ffi::c_int;

        let count_reprepares = || {
            let mut db = std::ptr::null_mut();
            let mut stmt = std::ptr::null_mut();
            let sql = c"SELECT value FROM json_each('[1,2,3]') LIMIT ?";
            let mut qpsg: c_int = -1;
            // SAFETY: a private in-memory database and one statement, both freed below.
            unsafe {
                assert_eq!(
                    ffi::sqlite3_open(c":memory:".as_ptr(), &mut db),
                    ffi::SQLITE_OK
                );
                ffi::sqlite3_db_config(
                    db,
                    ffi::SQLITE_DBCONFIG_ENABLE_QPSG,
                    -1 as c_int,
                    &mut qpsg as *mut c_int,
                );
                let prepared = ffi::sqlite3_prepare_v3(
                    db,
                    sql.as_ptr(),
                    -1,
                    ffi::SQLITE_PREPARE_PERSISTENT,
                    &mut stmt,
                    std::ptr::null_mut(),
                );
                assert_eq!(prepared, ffi::SQLITE_OK);
                for limit in [1, 1, 2, 1] {
                    ffi::sqlite3_bind_int(stmt, 1, limit);
                    assert_eq!(ffi::sqlite3_step(stmt), ffi::SQLITE_ROW);
                    ffi::sqlite3_reset(stmt);
                }
                let reprepared =
                    ffi::sqlite3_stmt_status(stmt, ffi::SQLITE_STMTSTATUS_REPREPARE, 0);
                ffi::sqlite3_finalize(stmt);
                ffi::sqlite3_close(db);
                (qpsg, reprepared)
            }
        };
        // Every connection opened through `connect` and after it.
        DatabaseUrl::Sqlite(":memory:".into())
            .connect()
            .expect("in-memory SQLite");
        let (qpsg, reprepared) = count_reprepares();
        assert_eq!(qpsg, 1, "the stability guarantee is on");
        assert_eq!(reprepared, 0, "planned once");
    }

    #[cfg(feature = "sqlite")]
    #[test]
    fn only_connections_that_may_be_stale_are_checked_before_use() {
        let manager = Manager {
            url: DatabaseUrl::Sqlite(":memory:".into()),
            write_gate: None,
        };
        let mut conn = manager.connect().expect("in-memory SQLite");
        assert!(!conn.needs_check(), "just opened");
        assert!(!manager.has_broken(&mut conn));
        assert!(!conn.needs_check(), "just given back");
        conn.mark_suspect();
        assert!(conn.needs_check(), "its last user saw an error");
        manager.is_valid(&mut conn).expect("SELECT 1 works");
        assert!(!conn.needs_check(), "checked, and fine");
        conn.returned_at = Instant::now() - TRUSTED_AFTER_USE - Duration::from_millis(1);
        assert!(conn.needs_check(), "idle for a while");
        manager.is_valid(&mut conn).expect("SELECT 1 works");
        assert!(!manager.has_broken(&mut conn));
        assert!(!conn.needs_check());
    }

    #[cfg(feature = "sqlite")]
    #[test]
    fn a_sqlite_pool_shares_one_write_gate() {
        let dir = std::env::temp_dir().join(format!("tally-gate-{}.db", uuid::Uuid::new_v4()));
        let url = DatabaseUrl::Sqlite(dir.display().to_string());
        let pool = build_pool(&url, 2).expect("pool");
        let a = pool.get().expect("a connection");
        let b = pool.get().expect("another connection");
        let (ga, gb) = (a.write_gate().expect("gate"), b.write_gate().expect("gate"));
        assert!(Arc::ptr_eq(&ga, &gb), "one gate for the whole pool");
        drop((a, b, pool));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", dir.display()));
        }
    }

    #[test]
    fn a_galera_node_is_ready_only_when_synced() {
        let status = |ready: &str, state: &str| {
            vec![
                ServerValue {
                    name: "wsrep_local_state_comment".into(),
                    value: state.into(),
                },
                ServerValue {
                    name: "wsrep_ready".into(),
                    value: ready.into(),
                },
            ]
        };
        assert_eq!(galera_readiness(&status("ON", "Synced")), Readiness::Ready);
        for (ready, state) in [
            ("ON", "Donor/Desynced"),
            ("ON", "Joining"),
            ("OFF", "Initialized"),
            ("OFF", "Synced"),
        ] {
            assert!(
                matches!(
                    galera_readiness(&status(ready, state)),
                    Readiness::NotSynced(_)
                ),
                "{ready} {state}"
            );
        }
        assert!(matches!(galera_readiness(&[]), Readiness::NotSynced(_)));
    }

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

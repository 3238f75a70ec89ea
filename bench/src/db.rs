//! The databases of a run: a fresh MariaDB database or SQLite file per use, dropped afterwards,
//! and MariaDB's own counters (server version, `Questions`, a session's statement counters).

use crate::args::Args;
use anyhow::{Context, Result, anyhow, bail};
#[cfg(feature = "mysql")]
use diesel::prelude::*;
use std::path::PathBuf;
use tally::infrastructure::db::{DatabaseUrl, DbConnection};

// =========================================================================================
// Backends and databases

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Backend {
    Mysql,
    Sqlite,
}

impl Backend {
    pub(crate) fn parse(s: &str) -> Result<Backend> {
        match s.trim().to_ascii_lowercase().as_str() {
            "mysql" | "mariadb" => Ok(Backend::Mysql),
            "sqlite" => Ok(Backend::Sqlite),
            other => bail!("unknown backend {other:?} (use mysql or sqlite)"),
        }
    }
    pub(crate) fn label(self) -> &'static str {
        match self {
            Backend::Mysql => "MariaDB",
            Backend::Sqlite => "SQLite",
        }
    }
}

/// A database that exists for this run, dropped (or deleted) afterwards unless kept.
pub(crate) struct Database {
    pub(crate) backend: Backend,
    url: DatabaseUrl,
    cleanup: Cleanup,
    keep: bool,
}

enum Cleanup {
    #[cfg_attr(not(feature = "mysql"), allow(dead_code))]
    MysqlDrop {
        server: String,
        name: String,
    },
    Files(PathBuf),
}

impl Database {
    pub(crate) fn fresh(backend: Backend, args: &Args, tag: &str) -> Result<Database> {
        static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let name = format!("tally_bench_{}_{}_{n}", std::process::id(), tag);
        match backend {
            Backend::Mysql => {
                #[cfg(feature = "mysql")]
                {
                    let server = args.mysql_url.trim_end_matches('/').to_owned();
                    let mut admin = diesel::MysqlConnection::establish(&server)
                        .with_context(|| format!("cannot reach MariaDB at {server}"))?;
                    diesel::sql_query(format!("CREATE DATABASE {name} CHARACTER SET utf8mb4"))
                        .execute(&mut admin)
                        .context("cannot create the benchmark database")?;
                    Ok(Database {
                        backend,
                        url: DatabaseUrl::parse(&format!("{server}/{name}")),
                        cleanup: Cleanup::MysqlDrop { server, name },
                        keep: args.keep,
                    })
                }
                #[cfg(not(feature = "mysql"))]
                {
                    let _ = name;
                    bail!("this build has no MySQL support; build with --features mysql")
                }
            }
            Backend::Sqlite => {
                std::fs::create_dir_all(&args.work_dir)?;
                let path = args.work_dir.join(format!("{name}.db"));
                let text = path.to_str().context("work dir is not UTF-8")?.to_owned();
                Ok(Database {
                    backend,
                    url: DatabaseUrl::parse(&text),
                    cleanup: Cleanup::Files(path),
                    keep: args.keep,
                })
            }
        }
    }

    /// Drops `tally_bench_<pid>_…` databases left by harness runs that were killed (their
    /// process is gone), when the server is on this machine.
    pub(crate) fn drop_stale(args: &Args) {
        #[cfg(feature = "mysql")]
        {
            #[derive(QueryableByName)]
            struct Row {
                #[diesel(sql_type = diesel::sql_types::Text)]
                name: String,
            }
            let server = args.mysql_url.trim_end_matches('/');
            if !(server.contains("@127.0.0.1") || server.contains("@localhost")) {
                return;
            }
            let Ok(mut admin) = diesel::MysqlConnection::establish(server) else {
                return;
            };
            let rows: Vec<Row> = diesel::sql_query(
                "SELECT schema_name AS name FROM information_schema.schemata \
                 WHERE schema_name LIKE 'tally\\_bench\\_%'",
            )
            .load(&mut admin)
            .unwrap_or_default();
            for row in rows {
                let pid = row
                    .name
                    .split('_')
                    .nth(2)
                    .and_then(|p| p.parse::<u32>().ok());
                if let Some(pid) = pid
                    && !std::path::Path::new(&format!("/proc/{pid}")).exists()
                {
                    eprintln!(
                        "dropping {} (left by a harness run that was stopped)",
                        row.name
                    );
                    let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS `{}`", row.name))
                        .execute(&mut admin);
                }
            }
        }
        #[cfg(not(feature = "mysql"))]
        let _ = args;
    }

    pub(crate) fn connect(&self) -> Result<DbConnection> {
        self.url
            .connect()
            .map_err(|e| anyhow!("cannot open the {} database: {e}", self.backend.label()))
    }

    pub(crate) fn url_text(&self) -> String {
        match &self.url {
            DatabaseUrl::Sqlite(p) | DatabaseUrl::Mysql(p) => p.clone(),
        }
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if self.keep {
            eprintln!("kept database: {}", self.url_text());
            return;
        }
        match &self.cleanup {
            #[cfg(feature = "mysql")]
            Cleanup::MysqlDrop { server, name } => {
                if let Ok(mut admin) = diesel::MysqlConnection::establish(server) {
                    let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name}"))
                        .execute(&mut admin);
                }
            }
            #[cfg(not(feature = "mysql"))]
            Cleanup::MysqlDrop { .. } => {}
            Cleanup::Files(path) => {
                for suffix in ["", "-wal", "-shm", ".secret-key"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(PathBuf::from(p));
                }
            }
        }
    }
}

/// MariaDB's global `Questions` counter (statements received), for statements per request.
#[cfg(feature = "mysql")]
pub(crate) fn mysql_questions(server: &str) -> Option<u64> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        #[diesel(column_name = Value)]
        value: String,
    }
    let mut conn = diesel::MysqlConnection::establish(server).ok()?;
    let rows: Vec<Row> = diesel::sql_query("SHOW GLOBAL STATUS LIKE 'Questions'")
        .load(&mut conn)
        .ok()?;
    rows.first()?.value.parse().ok()
}

#[cfg(not(feature = "mysql"))]
pub(crate) fn mysql_questions(_server: &str) -> Option<u64> {
    None
}

/// The statement counters of this connection's own MariaDB session.
pub(crate) const SESSION_COUNTERS: [&str; 9] = [
    "Questions",
    "Com_stmt_prepare",
    "Com_stmt_execute",
    "Com_stmt_close",
    "Com_select",
    "Com_insert",
    "Com_update",
    "Com_begin",
    "Com_commit",
];

#[cfg(feature = "mysql")]
pub(crate) fn session_counters(conn: &mut DbConnection) -> Option<Vec<u64>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        #[diesel(column_name = Variable_name)]
        name: String,
        #[diesel(sql_type = diesel::sql_types::Text)]
        #[diesel(column_name = Value)]
        value: String,
    }
    let DbConnection::Mysql(c) = conn else {
        return None;
    };
    let rows: Vec<Row> = diesel::sql_query("SHOW SESSION STATUS").load(c).ok()?;
    Some(
        SESSION_COUNTERS
            .iter()
            .map(|name| {
                rows.iter()
                    .find(|r| r.name.eq_ignore_ascii_case(name))
                    .and_then(|r| r.value.parse().ok())
                    .unwrap_or(0)
            })
            .collect(),
    )
}

#[cfg(not(feature = "mysql"))]
pub(crate) fn session_counters(_conn: &mut DbConnection) -> Option<Vec<u64>> {
    None
}

pub(crate) fn mysql_version(args: &Args) -> Option<String> {
    #[cfg(feature = "mysql")]
    {
        #[derive(QueryableByName)]
        struct Row {
            #[diesel(sql_type = diesel::sql_types::Text)]
            v: String,
            #[diesel(sql_type = diesel::sql_types::Text)]
            f: String,
        }
        let mut c =
            diesel::MysqlConnection::establish(args.mysql_url.trim_end_matches('/')).ok()?;
        let rows: Vec<Row> = diesel::sql_query(
            "SELECT CAST(@@version AS CHAR) AS v, CAST(@@innodb_flush_log_at_trx_commit AS CHAR) AS f",
        )
        .load(&mut c)
        .ok()?;
        rows.first()
            .map(|r| format!("{} (innodb_flush_log_at_trx_commit={})", r.v, r.f))
    }
    #[cfg(not(feature = "mysql"))]
    {
        let _ = args;
        None
    }
}

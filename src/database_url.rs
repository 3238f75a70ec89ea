//! Which database a URL names. A leaf: configuration and storage both read it, and it
//! depends on nothing (opening a connection is the storage layer's, `infrastructure::db`).

/// Which backend a database URL selects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A SQLite file (a plain path or `sqlite://path`).
    Sqlite(String),
    /// A MySQL or MariaDB server (`mysql://user:password@host:port/database`).
    Mysql(String),
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

    /// Whether this is a SQLite file.
    pub fn is_sqlite(&self) -> bool {
        matches!(self, DatabaseUrl::Sqlite(_))
    }

    /// The backend's name, for logs.
    pub fn backend(&self) -> &'static str {
        match self {
            DatabaseUrl::Sqlite(_) => "sqlite",
            DatabaseUrl::Mysql(_) => "mysql",
        }
    }
}

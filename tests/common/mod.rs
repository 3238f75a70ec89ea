//! Test helpers: a fresh database per test (a SQLite file, or a MariaDB database named by
//! a UUID), dropped afterwards.
#![allow(dead_code)]

pub mod smtp;
pub mod web;

use chrono::NaiveDate;
use tally::application::{AccountRepository, Executed};
use tally::domain::*;
use tally::event_sourcing::{DecisionContext, Metadata};
use tally::infrastructure::db::{DatabaseUrl, DbConnection, DbPool, build_pool};

/// A database that exists for one test.
pub struct TestDb {
    pub url: DatabaseUrl,
    _dir: Option<tempfile::TempDir>,
    #[cfg(feature = "mysql")]
    mysql: Option<(String, String)>,
}

impl TestDb {
    /// A new SQLite file in a temporary directory, migrated.
    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("tally-test.db");
        let db = TestDb {
            url: DatabaseUrl::parse(path.to_str().expect("utf-8 path")),
            _dir: Some(dir),
            #[cfg(feature = "mysql")]
            mysql: None,
        };
        db.conn().run_migrations().expect("migrations apply");
        db
    }

    /// A new MariaDB database on `TALLY_TEST_MYSQL_URL`, migrated; `None` (skip) when the
    /// server is unreachable, unless `CI` or `TALLY_REQUIRE_MYSQL` demand it.
    #[cfg(feature = "mysql")]
    pub fn mysql() -> Option<TestDb> {
        use diesel::Connection;
        use diesel::RunQueryDsl;
        let server = std::env::var("TALLY_TEST_MYSQL_URL")
            .unwrap_or_else(|_| "mysql://root@127.0.0.1:3306".to_owned());
        let server = server.trim_end_matches('/').to_owned();
        let required = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
            || std::env::var("TALLY_REQUIRE_MYSQL").is_ok_and(|v| v == "1");
        let mut admin = match diesel::MysqlConnection::establish(&server) {
            Ok(c) => c,
            Err(e) if required => panic!("MariaDB at {server} is required but unreachable: {e}"),
            Err(e) => {
                eprintln!("SKIPPED: MariaDB at {server} unreachable ({e})");
                return None;
            }
        };
        let name = format!("tally_test_{}", uuid::Uuid::new_v4().simple());
        diesel::sql_query(format!("CREATE DATABASE {name} CHARACTER SET utf8mb4"))
            .execute(&mut admin)
            .expect("create test database");
        let db = TestDb {
            url: DatabaseUrl::parse(&format!("{server}/{name}")),
            _dir: None,
            mysql: Some((server, name)),
        };
        db.conn().run_migrations().expect("migrations apply");
        Some(db)
    }

    /// A new connection.
    pub fn conn(&self) -> DbConnection {
        self.url.connect().expect("connect to test database")
    }

    /// A pool of `size` connections.
    pub fn pool(&self, size: u32) -> DbPool {
        build_pool(&self.url, size).expect("pool")
    }

    /// An account's whole state, replayed from its events.
    pub fn load(&self, account: AccountId) -> tally::event_sourcing::Versioned<SharedAccount> {
        AccountRepository::retrieve(&mut self.conn(), account).expect("load")
    }
}

#[cfg(feature = "mysql")]
impl Drop for TestDb {
    fn drop(&mut self) {
        use diesel::Connection;
        use diesel::RunQueryDsl;
        if let Some((server, name)) = &self.mysql
            && let Ok(mut admin) = diesel::MysqlConnection::establish(server)
        {
            let _ =
                diesel::sql_query(format!("DROP DATABASE IF EXISTS {name}")).execute(&mut admin);
        }
    }
}

/// Generates one `#[test]` per backend for each function `fn name(db: TestDb)`, in
/// modules `sqlite` and `mysql`, so counts per backend show in the test names.
#[macro_export]
macro_rules! backend_tests {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    super::$name($crate::common::TestDb::sqlite());
                }
            )*
        }
        #[cfg(feature = "mysql")]
        mod mysql {
            $(
                #[test]
                fn $name() {
                    if let Some(db) = $crate::common::TestDb::mysql() {
                        super::$name(db);
                    }
                }
            )*
        }
    };
}

/// The date tests pretend is today.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("valid date")
}

pub fn context() -> DecisionContext {
    DecisionContext::on(today())
}

pub fn eur() -> Currency {
    Currency::from_code("EUR").expect("EUR")
}

/// An opened account with members named `names` (the first is the opener).
pub struct Flat {
    pub account: AccountId,
    pub members: Vec<MemberId>,
    pub opener: UserId,
}

/// Runs a command on a connection with fixed "today".
pub fn run(conn: &mut DbConnection, account: AccountId, command: AccountCommand) -> Executed {
    AccountRepository::default()
        .execute(conn, account, &command, &Metadata::default(), &context())
        .unwrap_or_else(|e| panic!("command failed: {e:?}"))
}

pub fn open_flat(conn: &mut DbConnection, names: &[&str]) -> Flat {
    let account = AccountId::new();
    let opener = UserId::new();
    let mut members = vec![MemberId::new()];
    run(
        conn,
        account,
        AccountCommand::Open {
            name: AccountName::parse("Flat 3B").expect("name"),
            currency: eur(),
            member_id: members[0],
            member_name: MemberName::parse(names[0]).expect("name"),
            user_id: opener,
        },
    );
    for name in &names[1..] {
        members.push(add_member(conn, account, name));
    }
    Flat {
        account,
        members,
        opener,
    }
}

/// An equal-split expense paid by `payer` for `participants`.
pub fn expense(
    payer: MemberId,
    cents: i64,
    what: &str,
    participants: &[MemberId],
) -> ExpenseDetails {
    ExpenseDetails {
        payer,
        amount: Money(cents),
        description: Description::parse(what).expect("description"),
        date: today(),
        split: Split::Equally {
            participants: participants.to_vec(),
        },
        category: None,
        foreign: None,
    }
}

/// What the members of an account paid, together, in cents.
pub fn total_paid(account: &SharedAccount) -> i64 {
    account.members.iter().map(|m| m.balance.paid.cents()).sum()
}

pub fn record(conn: &mut DbConnection, flat: &Flat, details: ExpenseDetails) -> ExpenseId {
    let id = ExpenseId::new();
    run(
        conn,
        flat.account,
        AccountCommand::RecordExpense {
            expense_id: id,
            details,
        },
    );
    id
}

/// Adds a member by name (not linked to anyone) through the library.
pub fn add_member(conn: &mut DbConnection, account: AccountId, name: &str) -> MemberId {
    let id = MemberId::new();
    run(
        conn,
        account,
        AccountCommand::AddMember {
            member_id: id,
            name: MemberName::parse(name).expect("name"),
            user_id: None,
        },
    );
    id
}

//! The `tally` binary as an operator uses it.

mod common;

use common::*;
use diesel::prelude::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use tally::infrastructure::db::DatabaseUrl;
use tally::infrastructure::schema::members;

fn tally(db: &TestDb, args: &[&str]) -> std::process::Output {
    let url = match &db.url {
        DatabaseUrl::Sqlite(path) => path.clone(),
        DatabaseUrl::Mysql(url) => url.clone(),
    };
    Command::new(env!("CARGO_BIN_EXE_tally"))
        .args(args)
        .env("TALLY_DATABASE_URL", url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("run tally")
}

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn rebuild_and_verify_from_the_command_line(db: TestDb) {
    let mut conn = db.conn();
    let flat = open_flat(&mut conn, &["Sam", "Alex", "Kim"]);
    for cents in [1000, 2000, 333] {
        record(
            &mut conn,
            &flat,
            expense(flat.members[1], cents, "Shopping", &flat.members),
        );
    }
    let out = tally(&db, &["migrate"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("0 migration(s) applied"),
        "{}",
        text(&out)
    );

    let out = tally(&db, &["verify"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("checked 7 events of 1 aggregates"),
        "{}",
        text(&out)
    );

    diesel::update(members::table)
        .set(members::owed.eq(members::owed + 5))
        .execute(&mut conn)
        .expect("tamper");
    let out = tally(&db, &["verify"]);
    assert!(
        !out.status.success(),
        "verify must fail on a tampered read model"
    );
    assert!(text(&out).contains("PROBLEM: members"), "{}", text(&out));

    let out = tally(&db, &["rebuild-projections"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("from 7 events of 1 accounts"),
        "{}",
        text(&out)
    );
    let out = tally(&db, &["verify"]);
    assert!(out.status.success(), "rebuild repaired it: {}", text(&out));
}

fn http_get(port: u16, path: &str) -> String {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    response
}

fn serve_answers_health_and_readiness(db: TestDb) {
    let url = match &db.url {
        DatabaseUrl::Sqlite(path) => path.clone(),
        DatabaseUrl::Mysql(url) => url.clone(),
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_tally"))
        .arg("serve")
        .env("TALLY_DATABASE_URL", url)
        .env("TALLY_BIND", "127.0.0.1:0")
        .env("TALLY_SECRET_KEY", "k".repeat(64))
        .env("TALLY_PUBLIC_URL", "http://127.0.0.1:8080")
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .spawn()
        .expect("start tally");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let mut port = None;
    for line in lines.by_ref() {
        let line = line.expect("log line");
        if let Some(rest) = line.split("port=").nth(1) {
            port = rest
                .split_whitespace()
                .next()
                .and_then(|p| p.parse::<u16>().ok());
            break;
        }
    }
    let port = port.expect("the server logs its port");
    // Keep draining the log so the server never writes into a closed pipe.
    std::thread::spawn(move || lines.for_each(drop));
    let health = http_get(port, "/healthz");
    let ready = http_get(port, "/readyz");
    let _ = child.kill();
    let _ = child.wait();
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(ready.starts_with("HTTP/1.1 200"), "{ready}");
    assert!(ready.ends_with("ready\n"), "{ready}");
}

/// `tally reset-password EMAIL` prints a one-time link under TALLY_PUBLIC_URL whose token
/// the database keeps only as a hash; an unknown address is an error, not a link.
fn reset_password_prints_a_link(db: TestDb) {
    let mut conn = db.conn();
    let email = tally::identity::Email::parse("sam@example.org").expect("email");
    let name = tally::domain::MemberName::parse("Sam").expect("name");
    tally::identity::register(&mut conn, &email, &name, "not-a-real-hash").expect("user");
    let url = match &db.url {
        DatabaseUrl::Sqlite(path) => path.clone(),
        DatabaseUrl::Mysql(url) => url.clone(),
    };
    let out = Command::new(env!("CARGO_BIN_EXE_tally"))
        .args(["reset-password", "Sam@Example.org"])
        .env("TALLY_DATABASE_URL", &url)
        .env("TALLY_PUBLIC_URL", "https://tally.example.org/")
        .env("RUST_LOG", "warn")
        .output()
        .expect("run tally");
    assert!(out.status.success(), "{}", text(&out));
    let link = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let token = link
        .strip_prefix("https://tally.example.org/reset?token=")
        .unwrap_or_else(|| panic!("a reset link: {link}"));
    assert!(token.len() >= 43, "{token}");
    assert!(
        tally::identity::reset::user_for(&mut conn, token, chrono::Utc::now())
            .expect("query")
            .is_some()
    );
    let stored: Vec<Vec<u8>> = tally::infrastructure::schema::password_resets::table
        .select(tally::infrastructure::schema::password_resets::token_hash)
        .load(&mut conn)
        .expect("rows");
    assert_eq!(stored, vec![tally::identity::token_hash(token)]);
    let out = tally(&db, &["reset-password", "nobody@example.org"]);
    assert!(!out.status.success());
    assert!(text(&out).contains("no account"), "{}", text(&out));
}

backend_tests!(
    reset_password_prints_a_link,
    rebuild_and_verify_from_the_command_line,
    serve_answers_health_and_readiness,
);

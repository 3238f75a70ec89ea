//! `tally import` as an admin or a script uses it.

mod common;

use common::*;
use std::process::Command;
use tally::domain::*;
use tally::identity::{Email, register};
use tally::infrastructure::db::DatabaseUrl;
use tally::projections::verify::verify;

const FILE: &str = "Date,Description,Category,Cost,Currency,Ana,Ben\n\
2026-01-02,Rent,General,90.00,EUR,45.00,-45.00\n\
2026-01-03,Ana paid Ben,Payment,5.00,EUR,-5.00,5.00\n";

fn tally(db: &TestDb, args: &[&str]) -> (bool, String, String) {
    let url = match &db.url {
        DatabaseUrl::Sqlite(path) => path.clone(),
        DatabaseUrl::Mysql(url) => url.clone(),
    };
    let out = Command::new(env!("CARGO_BIN_EXE_tally"))
        .args(args)
        .env("TALLY_DATABASE_URL", url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("run tally");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn import_from_the_command_line(db: TestDb) {
    register(
        &mut db.conn(),
        &Email::parse("ben@example.com").expect("email"),
        &MemberName::parse("Ben").expect("name"),
        "x",
    )
    .expect("register");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("splitwise.csv");
    std::fs::write(&path, FILE).expect("write");
    let file = path.to_str().expect("utf-8");
    let base = [
        "import",
        file,
        "--new-account",
        "Flat",
        "--owner",
        "ben@example.com",
    ];

    let (ok, out, err) = tally(&db, &[&base[..], &["--as", "ben", "--dry-run"]].concat());
    assert!(ok, "{out}{err}");
    assert!(out.contains("1 expense(s), 1 transfer(s)"), "{out}");
    assert!(out.contains("Ana: 40.00 EUR"), "{out}");
    assert!(out.contains("dry run: nothing recorded"), "{out}");
    assert_eq!(verify(&mut db.conn()).expect("verify").events, 0);

    let (ok, out, err) = tally(&db, &[&base[..], &["--as", "ben"]].concat());
    assert!(ok, "{out}{err}");
    let last = out.lines().last().expect("a last line");
    let account: AccountId = last.parse().expect("the last line is the account id");
    let state = db.load(account).state;
    let ben = state
        .members
        .iter()
        .find(|m| m.name.as_str() == "Ben")
        .expect("Ben");
    assert!(ben.user_id.is_some(), "--as links the owner to Ben");
    assert_eq!(ben.balance.net().cents(), -4000);

    let (ok, out, _) = tally(&db, &[&base[..], &["--as", "ben"]].concat());
    assert!(ok);
    assert!(out.contains("imported before: nothing recorded"), "{out}");
    assert_eq!(out.lines().last(), Some(last));

    std::fs::write(&path, b"\x00\x01binary").expect("write");
    let (ok, _, err) = tally(&db, &base);
    assert!(!ok, "a bad file exits non-zero");
    assert!(err.contains("not UTF-8 text"), "{err}");
}

backend_tests!(import_from_the_command_line);

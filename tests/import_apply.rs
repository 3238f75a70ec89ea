//! Applying imported files: one transaction, ids from the file's hash, a second import of
//! the same file records nothing, a refused file leaves the database as it was. Both
//! backends. The peers' samples (when `../shared/reference/import/` is present) import to the
//! nets of FORMATS.md §8.

mod common;

use common::*;
use std::path::PathBuf;
use tally::application::AccountRepository;
use tally::application::import::{ImportApplyError, default_mapping, import_into, import_new};
use tally::domain::*;
use tally::identity::{Email, register};
use tally::import::parse;
use tally::projections::verify::verify;

const SPLITWISE: &str = "Date,Description,Category,Cost,Currency,Ana,Ben,Cleo\n\
\n\
2026-01-02,Rent,General,90.00,EUR,60.00,-30.00,-30.00\n\
2026-01-03,Two paid,General,100.00,EUR,20.00,20.00,-40.00\n\
2026-01-04,Ana paid Ben,Payment,10.00,EUR,10.00,-10.00,0.00\n\
\n\
2026-01-05,Total balance, , ,EUR,90.00,-20.00,-70.00\n";

fn owner(db: &TestDb) -> UserId {
    register(
        &mut db.conn(),
        &Email::parse("ana@example.com").expect("email"),
        &MemberName::parse("Ana").expect("name"),
        "x",
    )
    .expect("register")
}

fn nets_by_name(db: &TestDb, account: AccountId) -> Vec<(String, i64)> {
    let state = db.load(account).state;
    state
        .members
        .iter()
        .map(|m| (m.name.as_str().to_string(), m.balance.net().cents()))
        .collect()
}

fn events(db: &TestDb) -> i64 {
    verify(&mut db.conn()).expect("verify").events as i64
}

fn a_new_account_from_a_file_and_the_same_file_again(db: TestDb) {
    let user = owner(&db);
    let plan = parse(SPLITWISE.as_bytes()).expect("plan");
    let repo = AccountRepository::default();
    let name = AccountName::parse("From Splitwise").expect("name");
    let first = import_new(
        &mut db.conn(),
        &repo,
        &plan,
        name.clone(),
        eur(),
        user,
        0,
        &context(),
    )
    .expect("imported");
    assert!(first.recorded > 0);
    assert_eq!(
        nets_by_name(&db, first.account_id),
        vec![
            ("Ana".into(), 9000),
            ("Ben".into(), -2000),
            ("Cleo".into(), -7000)
        ]
    );
    let state = db.load(first.account_id).state;
    assert_eq!(
        state.members[0].user_id,
        Some(user),
        "the owner is the file's first person"
    );
    assert_eq!(state.expenses.len(), 2);
    assert_eq!(state.transfers.len(), 2);

    let again = import_new(
        &mut db.conn(),
        &repo,
        &plan,
        name,
        eur(),
        user,
        0,
        &context(),
    )
    .expect("second time");
    assert_eq!(again.account_id, first.account_id);
    assert_eq!(
        again.recorded, 0,
        "the same file records nothing the second time"
    );
    let report = verify(&mut db.conn()).expect("verify");
    assert!(report.is_ok(), "{:?}", report.problems);
}

fn into_an_account_people_join_members_of_the_same_name(db: TestDb) {
    let mut conn = db.conn();
    let flat = open_flat(&mut conn, &["ana", "Kim"]);
    let plan = parse(SPLITWISE.as_bytes()).expect("plan");
    let account = db.load(flat.account).state;
    let mapping = default_mapping(&plan, &account).expect("mapping");
    let repo = AccountRepository::default();
    let done = import_into(
        &mut conn,
        &repo,
        flat.account,
        &plan,
        &mapping,
        None,
        &context(),
    )
    .expect("imported");
    assert!(done.recorded > 0);
    assert_eq!(
        nets_by_name(&db, flat.account),
        vec![
            ("ana".into(), 9000),
            ("Kim".into(), 0),
            ("Ben".into(), -2000),
            ("Cleo".into(), -7000)
        ]
    );
    let account = db.load(flat.account).state;
    let mapping = default_mapping(&plan, &account).expect("mapping");
    let again = import_into(
        &mut conn,
        &repo,
        flat.account,
        &plan,
        &mapping,
        None,
        &context(),
    )
    .expect("again");
    assert_eq!(again.recorded, 0);
}

fn another_currency_is_refused_and_nothing_is_written(db: TestDb) {
    let mut conn = db.conn();
    let flat = open_flat(&mut conn, &["Ana"]);
    let before = events(&db);
    let usd = SPLITWISE.replace("EUR", "USD");
    let plan = parse(usd.as_bytes()).expect("plan");
    let account = db.load(flat.account).state;
    let mapping = default_mapping(&plan, &account).expect("mapping");
    let err = import_into(
        &mut conn,
        &AccountRepository::default(),
        flat.account,
        &plan,
        &mapping,
        None,
        &context(),
    )
    .expect_err("USD into EUR");
    assert!(matches!(err, ImportApplyError::Currency { .. }), "{err}");
    assert!(err.to_string().contains("USD"), "{err}");
    assert_eq!(events(&db), before);
}

fn a_row_the_account_refuses_rolls_back_the_whole_file(db: TestDb) {
    // 1999 is before the earliest date tally records: the third row is refused, and the two
    // rows before it are not written either.
    let file = SPLITWISE.replace("2026-01-04", "1999-01-04");
    let user = owner(&db);
    let before = events(&db);
    let plan = parse(file.as_bytes()).expect("plan");
    let err = import_new(
        &mut db.conn(),
        &AccountRepository::default(),
        &plan,
        AccountName::parse("X").expect("name"),
        eur(),
        user,
        0,
        &context(),
    )
    .expect_err("refused");
    assert!(err.to_string().starts_with("line 5: "), "{err}");
    assert_eq!(events(&db), before, "all or nothing");
}

fn reference(name: &str) -> Option<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/import");
    if !dir.is_dir() {
        assert!(
            !std::env::var("CI").is_ok_and(|v| v == "true" || v == "1"),
            "{} is missing under CI",
            dir.display()
        );
        return None;
    }
    Some(std::fs::read(dir.join(name)).expect("sample"))
}

/// A sample file, the account's currency, and some people's nets after the import.
type Sample<'a> = (&'a str, &'a str, &'a [(&'a str, i64)]);

fn peer_samples_import_to_their_nets(db: TestDb) {
    let user = owner(&db);
    let repo = AccountRepository::default();
    let cases: &[Sample] = &[
        (
            "ihatemoney/test_export_bills.json",
            "EUR",
            &[
                ("tata", -5534),
                ("jeanne", 18467),
                ("zorglub", -12733),
                ("pépé", -200),
            ],
        ),
        (
            "cospend/issue214_project_export_trimmed.csv",
            "EUR",
            &[("personA", 7499), ("personB", -2500), ("personC", -4999)],
        ),
        (
            "cospend/roundtrip_test_reconstructed.csv",
            "USD",
            &[("Alice", 611), ("Bob", 2722), ("Carol", -3333)],
        ),
        (
            "spliit/spliit-export.json",
            "EUR",
            &[("John", -1), ("Jane", 1)],
        ),
        (
            "spliit/spliit-export-features.json",
            "EUR",
            &[("Alice", -39250), ("Bob", 13100), ("Charlie", 26150)],
        ),
        (
            "splitwise/_2026-06-30_export.csv",
            "MKD",
            &[("John Doe", 149850), ("Jane Doe", -149850)],
        ),
        (
            "splitwise/splitwise-drift.csv",
            "MKD",
            &[("Person 1", 0), ("Person 7", 0)],
        ),
    ];
    for (file, currency, want) in cases {
        let Some(bytes) = reference(file) else { return };
        let plan = parse(&bytes).expect("plan");
        let done = import_new(
            &mut db.conn(),
            &repo,
            &plan,
            AccountName::parse("Imported").expect("name"),
            Currency::from_code(currency).expect("currency"),
            user,
            0,
            &context(),
        )
        .unwrap_or_else(|e| panic!("{file}: {e}"));
        let got = nets_by_name(&db, done.account_id);
        for (name, cents) in *want {
            assert!(
                got.contains(&(name.to_string(), *cents)),
                "{file}: {name} should be {cents}, got {got:?}"
            );
        }
    }
    let Some(bytes) = reference("splitwise/splitwise-multi-payer.csv") else {
        return;
    };
    let plan = parse(&bytes).expect("plan");
    let err = import_new(
        &mut db.conn(),
        &repo,
        &plan,
        AccountName::parse("Three currencies").expect("name"),
        Currency::from_code("MKD").expect("MKD"),
        user,
        0,
        &context(),
    )
    .expect_err("three currencies into one");
    assert!(matches!(err, ImportApplyError::Currency { .. }), "{err}");
    let report = verify(&mut db.conn()).expect("verify");
    assert!(report.is_ok(), "{:?}", report.problems);
}

/// More rows than one multi-row insert and one written slice hold: every row arrives once, in
/// order, and the read models equal a replay.
fn a_large_file_is_written_in_slices_and_reads_back_whole(db: TestDb) {
    let user = owner(&db);
    let mut file = String::from("Date,Description,Category,Cost,Currency,Ana,Ben,Cleo\n");
    let mut ana = 0;
    for i in 0..10_050_i64 {
        // Ana pays; Ben and Cleo each owe a third, rounded down, and Ana the rest.
        let cost = 300 + i % 97;
        let (ben, cleo) = (cost / 3, cost / 3);
        ana += ben + cleo;
        let money = |c: i64| {
            let sign = if c < 0 { "-" } else { "" };
            format!("{sign}{}.{:02}", c.abs() / 100, c.abs() % 100)
        };
        file.push_str(&format!(
            "2026-{:02}-{:02},Row {i},General,{},EUR,{},{},{}\n",
            1 + i % 12,
            1 + i % 28,
            money(cost),
            money(ben + cleo),
            money(-ben),
            money(-cleo),
        ));
    }
    let plan = parse(file.as_bytes()).expect("plan");
    assert_eq!(plan.counts(), (10_050, 0));
    let done = import_new(
        &mut db.conn(),
        &AccountRepository::default(),
        &plan,
        AccountName::parse("Years of bills").expect("name"),
        eur(),
        user,
        0,
        &context(),
    )
    .expect("import");
    let report = verify(&mut db.conn()).expect("verify");
    assert!(report.is_ok(), "{:?}", report.problems);
    // The account's opening, three members and one event per row.
    assert_eq!(report.events, 10_050 + 4);
    let state = db.load(done.account_id).state;
    assert_eq!(state.expense_totals.recorded, 10_050);
    assert_eq!(
        nets_by_name(&db, done.account_id)[0],
        ("Ana".to_string(), ana)
    );
}

backend_tests!(
    a_large_file_is_written_in_slices_and_reads_back_whole,
    a_new_account_from_a_file_and_the_same_file_again,
    into_an_account_people_join_members_of_the_same_name,
    another_currency_is_refused_and_nothing_is_written,
    a_row_the_account_refuses_rolls_back_the_whole_file,
    peer_samples_import_to_their_nets,
);

//! The exports for leaving, read back by tally's own importer, which reads those formats as
//! the peers' importers do: every member's balance survives exactly.

mod common;

use common::*;
use tally::domain::*;
use tally::import::write::{cospend_csv, ihatemoney_json};
use tally::import::{SourceFormat, parse};

fn exports_keep_every_balance(db: TestDb) {
    let mut conn = db.conn();
    let flat = open_flat(&mut conn, &["Sam", "Alex, Jr.", "Kim"]);
    // 10.00 three ways is 3.34 / 3.33 / 3.33: uneven shares, one bill per share.
    record(
        &mut conn,
        &flat,
        expense(flat.members[0], 1000, "Bread", &flat.members),
    );
    record(
        &mut conn,
        &flat,
        expense(flat.members[1], 900, "=1+1", &flat.members),
    );
    let gone = record(
        &mut conn,
        &flat,
        expense(flat.members[2], 5000, "Gone", &flat.members),
    );
    run(
        &mut conn,
        flat.account,
        AccountCommand::DeleteExpense { expense_id: gone },
    );
    run(
        &mut conn,
        flat.account,
        AccountCommand::RecordTransfer {
            transfer_id: TransferId::new(),
            details: TransferDetails {
                from: flat.members[2],
                to: flat.members[0],
                amount: Money(250),
                date: today(),
            },
        },
    );
    // A corrected payment leaves as it reads now, a deleted one not at all: the balances
    // the peers read back still equal tally's.
    let (fixed, dropped) = (TransferId::new(), TransferId::new());
    for transfer_id in [fixed, dropped] {
        run(
            &mut conn,
            flat.account,
            AccountCommand::RecordTransfer {
                transfer_id,
                details: TransferDetails {
                    from: flat.members[1],
                    to: flat.members[2],
                    amount: Money(777),
                    date: today(),
                },
            },
        );
    }
    run(
        &mut conn,
        flat.account,
        AccountCommand::CorrectTransfer {
            transfer_id: fixed,
            details: TransferDetails {
                from: flat.members[2],
                to: flat.members[1],
                amount: Money(123),
                date: today(),
            },
            expected_revision: None,
        },
    );
    run(
        &mut conn,
        flat.account,
        AccountCommand::DeleteTransfer {
            transfer_id: dropped,
        },
    );
    let state = db.load(flat.account).state;
    let want: Vec<i64> = state.nets().iter().map(|(_, m)| m.cents()).collect();

    let json = ihatemoney_json(&state);
    let plan = parse(json.as_bytes()).expect("our IHateMoney JSON reads back");
    assert_eq!(plan.format, SourceFormat::IHateMoneyJson);
    let nets = plan.nets();
    let got = nets.values().next().expect("one currency");
    let by_name =
        |people: &[String], name: &str| people.iter().position(|p| p == name).expect(name);
    for (member, cents) in state.members.iter().zip(&want) {
        assert_eq!(
            got[by_name(&plan.people, member.name.as_str())],
            *cents,
            "IHateMoney: {}",
            member.name
        );
    }

    let csv = cospend_csv(&state);
    let plan = parse(csv.as_bytes()).expect("our Cospend CSV reads back");
    assert_eq!(plan.format, SourceFormat::CospendCsv);
    let nets = plan.nets();
    let got = nets.values().next().expect("one currency");
    for (member, cents) in state.members.iter().zip(&want) {
        let name = member.name.as_str().replace(',', " ");
        assert_eq!(got[by_name(&plan.people, &name)], *cents, "Cospend: {name}");
    }
    assert!(!csv.contains("Gone"), "deleted expenses stay out");
    assert!(!csv.contains("7.77"), "deleted payments stay out");
    assert!(!json.contains("7.77"), "deleted payments stay out");
}

fn the_dashboard_offers_the_exports_and_the_backup(db: TestDb) {
    common::web::with_app(db, |app| async move {
        let a = app.me();
        a.register("leaver@example.org", "Lee").await;
        let account = a.open_account("Flat L", "Lee").await;
        let dashboard = a.get(&account).await;
        let links = dashboard.attrs("nav a", "href");
        for what in ["ihatemoney-bills.json", "cospend.csv", "backup.json"] {
            let path = format!("{account}/export/{what}");
            assert!(
                links.contains(&path),
                "the dashboard links {path}: {links:?}"
            );
            let page = a.get(&path).await;
            assert_eq!(page.status, reqwest::StatusCode::OK, "{path}");
            assert!(
                page.headers
                    .get("content-disposition")
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.starts_with("attachment")),
                "{path} is a download"
            );
            if what == "backup.json" {
                let fresh = TestDb::sqlite();
                tally::application::backup::import_account(&mut fresh.conn(), page.body.as_bytes())
                    .expect("the page's backup restores");
            } else {
                let plan = parse(page.body.as_bytes()).expect("reads back");
                // IHateMoney's bills carry no member list; Cospend's project has one.
                if what == "cospend.csv" {
                    assert_eq!(plan.people, vec!["Lee".to_string()]);
                }
            }
        }
        let stranger = app.browser();
        let page = stranger.get(&format!("{account}/export/backup.json")).await;
        assert_ne!(
            page.status,
            reqwest::StatusCode::OK,
            "only members download backups"
        );
    });
}

backend_tests!(
    exports_keep_every_balance,
    the_dashboard_offers_the_exports_and_the_backup,
);

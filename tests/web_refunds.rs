//! Refunds through HTTP: the "Record a refund" page, the balances it moves, and how a refund
//! shows in the expense list, its edit and delete pages, history, statistics and the CSV
//! export; correcting, deleting and restoring one keeps the reversed sign.

mod common;

use common::web::*;
use common::{TestDb, add_member, run};
use reqwest::StatusCode;
use tally::domain::*;
use tally::infrastructure::db::DbConnection;

/// A signed-in Sam with an account shared with Kim and Alex (added by name).
struct Flat {
    me: Browser,
    path: String,
    id: AccountId,
    sam: MemberId,
    kim: MemberId,
    alex: MemberId,
}

impl Flat {
    fn everyone(&self) -> Vec<MemberId> {
        vec![self.sam, self.kim, self.alex]
    }
}

async fn open_flat(app: &TestApp) -> Flat {
    let me = app.me();
    me.register("sam@example.org", "Sam").await;
    let path = me.open_account("Flat 3B", "Sam").await;
    let id: AccountId = path
        .trim_start_matches("/accounts/")
        .parse()
        .expect("account id in the location");
    let dashboard = me.get(&path).await;
    let sam: MemberId = dashboard
        .attr("#payer option[selected]", "value")
        .expect("payer")
        .parse()
        .expect("member id");
    let mut conn = app.db.conn();
    let kim = add_member(&mut conn, id, "Kim");
    let alex = add_member(&mut conn, id, "Alex");
    Flat {
        me,
        path,
        id,
        sam,
        kim,
        alex,
    }
}

/// Today by the real clock: the statistics page's month is the real one.
fn real_today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

fn deposit(flat: &Flat, receiver: MemberId, cents: i64) -> ExpenseDetails {
    ExpenseDetails {
        payer: receiver,
        amount: Money(cents),
        description: Description::parse("Deposit back").expect("description"),
        date: real_today(),
        split: Split::Equally {
            participants: flat.everyone(),
        },
        category: None,
        foreign: None,
    }
}

/// Records a refund through the library (quick seeding).
fn seed_refund(conn: &mut DbConnection, account: AccountId, details: ExpenseDetails) -> ExpenseId {
    let id = ExpenseId::new();
    run(
        conn,
        account,
        AccountCommand::RecordRefund {
            expense_id: id,
            details,
        },
    );
    id
}

/// The dashboard's balance rows, e.g. "Sam (you) €30.00 €10.00 €20.00".
async fn balances(flat: &Flat) -> Vec<String> {
    flat.me.get(&flat.path).await.texts(".balances tbody tr")
}

fn verify_clean(conn: &mut DbConnection) {
    let report = tally::projections::verify::verify(conn).expect("verify runs");
    assert!(report.is_ok(), "{:?}", report.problems);
}

fn recording_a_refund_through_its_page_reverses_the_balances(db: TestDb) {
    with_app(db, |app| async move {
        let flat = open_flat(&app).await;
        let dashboard = flat.me.get(&flat.path).await;
        let new = format!("{}/refunds/new", flat.path);
        assert!(
            dashboard.attrs("a", "href").contains(&new),
            "the dashboard links to the refund page"
        );
        let list = flat.me.get(&format!("{}/expenses", flat.path)).await;
        assert!(list.attrs("a", "href").contains(&new), "so does the list");

        let page = flat.me.get(&new).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.text("h1"), "Record a refund");
        assert_eq!(page.text("label[for=payer]"), "Received by");
        assert_eq!(page.text("form.expense-form button"), "Record refund");
        assert_eq!(
            page.attr("form.expense-form", "action"),
            Some(format!("{}/refunds", flat.path))
        );
        assert!(
            page.html().select(&sel("#repeat")).next().is_none(),
            "never repeats"
        );

        let mut fields = form_fields(&page, "form.expense-form");
        set(&mut fields, "amount", "30.00");
        set(&mut fields, "description", "Deposit back");
        set(&mut fields, "payer", &flat.alex.to_string());
        let done = post_fields(&flat.me, &format!("{}/refunds", flat.path), &fields).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        done.assert_redirect_to(&format!("{}/expenses", flat.path));
        let list = flat.me.get(&format!("{}/expenses", flat.path)).await;
        assert!(
            list.text(".flash")
                .contains("refund of €30.00 received by Alex"),
            "{}",
            list.text(".flash")
        );
        assert_eq!(list.text("table.expenses .badge.refund"), "Refund");
        assert_eq!(list.text("table.expenses td.num"), "-€30.00");
        assert!(
            list.text(".total").contains("-€30.00"),
            "{}",
            list.text(".total")
        );
        assert!(list.text(".total").contains("1 expense"));

        // Alex holds €20.00 of the others' money: Alex owes, Sam and Kim are owed.
        assert_eq!(
            balances(&flat).await,
            vec![
                "Sam (you) €0.00 -€10.00 €10.00",
                "Kim €0.00 -€10.00 €10.00",
                "Alex -€30.00 -€10.00 -€20.00",
            ]
        );
        let dashboard = flat.me.get(&flat.path).await;
        assert_eq!(dashboard.text("table.latest .badge.refund"), "Refund");
        assert_eq!(dashboard.text("table.latest td.num"), "-€30.00");

        // A second submit of the same form records nothing more.
        let again = post_fields(&flat.me, &format!("{}/refunds", flat.path), &fields).await;
        assert_eq!(again.status, StatusCode::SEE_OTHER);
        let list = flat.me.get(&format!("{}/expenses", flat.path)).await;
        assert!(list.text(".flash").starts_with("Already recorded"));
        assert_eq!(list.texts("table.expenses tbody tr").len(), 1);

        let history = flat.me.get(&format!("{}/history", flat.path)).await;
        assert!(
            history
                .body
                .contains("Sam recorded a refund of €30.00 received by Alex: Deposit back"),
            "{}",
            history.body
        );
        verify_clean(&mut app.db.conn());
    });
}

fn a_bad_refund_is_shown_again_with_a_message_per_field(db: TestDb) {
    with_app(db, |app| async move {
        let flat = open_flat(&app).await;
        let page = flat.me.get(&format!("{}/refunds/new", flat.path)).await;
        let good = form_fields(&page, "form.expense-form");
        let cases: Vec<(&str, &str, &str, &str)> = vec![
            ("amount", "", "amount", "an empty amount"),
            (
                "amount",
                "-5",
                "amount",
                "a negative amount (the page is for money in)",
            ),
            ("amount", "abc", "amount", "not a number"),
            ("description", "", "description", "no description"),
            ("date", "2026-13-01", "date", "no such date"),
            ("payer", "nobody", "payer", "an unknown receiver"),
            ("participant", "", "participants", "nobody to split among"),
        ];
        for (field, value, error_field, why) in cases {
            let mut fields = good.clone();
            if field == "participant" {
                fields.retain(|(k, _)| k != "participant");
            } else {
                set(&mut fields, field, value);
            }
            let shown = post_fields(&flat.me, &format!("{}/refunds", flat.path), &fields).await;
            assert_eq!(shown.status, StatusCode::UNPROCESSABLE_ENTITY, "{why}");
            assert_eq!(shown.text("h1"), "Record a refund", "{why}");
            let error = shown.text(&format!("#{error_field}-error"));
            assert!(!error.is_empty(), "{why}: a message beside {error_field}");
            if field == "payer" {
                assert_eq!(error, "Choose who received it.");
            }
            assert_eq!(shown.text("label[for=payer]"), "Received by", "{why}");
        }
        let list = flat.me.get(&format!("{}/expenses", flat.path)).await;
        assert!(
            list.texts("table.expenses tbody tr").is_empty(),
            "nothing recorded"
        );
    });
}

fn correcting_deleting_and_restoring_a_refund_keeps_it_a_refund(db: TestDb) {
    with_app(db, |app| async move {
        let flat = open_flat(&app).await;
        let id = seed_refund(&mut app.db.conn(), flat.id, deposit(&flat, flat.sam, 3000));
        let href = format!("{}/expenses/{id}", flat.path);
        let edit = flat.me.get(&format!("{href}/edit")).await;
        assert_eq!(edit.status, StatusCode::OK);
        assert_eq!(edit.text("h1"), "Edit a refund");
        assert_eq!(edit.text("label[for=payer]"), "Received by");
        let mut fields = form_fields(&edit, "form.expense-form");
        set(&mut fields, "amount", "60.00");
        let saved = post_fields(&flat.me, &href, &fields).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        assert_eq!(
            balances(&flat).await,
            vec![
                "Sam (you) -€60.00 -€20.00 -€40.00",
                "Kim €0.00 -€20.00 €20.00",
                "Alex €0.00 -€20.00 €20.00",
            ],
            "the correction keeps the reversed sign"
        );
        let list = flat.me.get(&format!("{}/expenses", flat.path)).await;
        assert_eq!(list.text("table.expenses td.num"), "-€60.00");

        let delete = flat.me.get(&format!("{href}/delete")).await;
        assert_eq!(delete.text("h1"), "Delete Deposit back, refund of €60.00?");
        assert!(
            delete.body.contains("A refund received by Sam"),
            "{}",
            delete.body
        );
        let deleted = flat.me.post(&format!("{href}/delete"), &[]).await;
        assert_eq!(deleted.status, StatusCode::SEE_OTHER);
        for row in balances(&flat).await {
            assert!(
                row.ends_with("€0.00"),
                "deleted, it counts for nothing: {row}"
            );
        }
        let list = flat.me.get(&format!("{}/expenses", flat.path)).await;
        assert!(
            list.text(".total").contains("€0.00"),
            "{}",
            list.text(".total")
        );

        let restored = flat
            .me
            .post(&format!("{href}/restore"), &[("back", "")])
            .await;
        assert!(restored.status.is_redirection(), "{}", restored.status);
        assert_eq!(
            balances(&flat).await[0],
            "Sam (you) -€60.00 -€20.00 -€40.00",
            "restored with the reversed sign"
        );
        let history = flat.me.get(&format!("{}/history", flat.path)).await;
        assert!(
            history
                .body
                .contains("corrected Deposit back: €30.00 → €60.00")
        );
        verify_clean(&mut app.db.conn());
    });
}

fn a_refund_nets_out_in_statistics_and_the_export(db: TestDb) {
    with_app(db, |app| async move {
        let flat = open_flat(&app).await;
        let mut conn = app.db.conn();
        run(
            &mut conn,
            flat.id,
            AccountCommand::RecordExpense {
                expense_id: ExpenseId::new(),
                details: ExpenseDetails {
                    description: Description::parse("Deposit").expect("text"),
                    ..deposit(&flat, flat.sam, 90_000)
                },
            },
        );
        seed_refund(&mut conn, flat.id, deposit(&flat, flat.kim, 60_000));

        let stats = flat.me.get(&format!("{}/statistics", flat.path)).await;
        assert_eq!(stats.status, StatusCode::OK, "{}", stats.body);
        // Sam paid €900 and Kim got €600 back: paid €900 and −€600, each share €300 − €200.
        assert_eq!(
            stats.texts(".totals tbody tr"),
            vec![
                "Sam €900.00 €100.00 €800.00",
                "Kim -€600.00 €100.00 -€700.00",
                "Alex €0.00 €100.00 -€100.00",
            ]
        );

        let csv = flat
            .me
            .get(&format!("{}/export/expenses.csv", flat.path))
            .await
            .body;
        let rows: Vec<Vec<&str>> = csv
            .lines()
            .map(|l| l.trim_end_matches('\r').split(',').collect())
            .collect();
        let refund = rows
            .iter()
            .find(|r| r.get(11) == Some(&"refund"))
            .unwrap_or_else(|| panic!("a refund row: {csv}"));
        assert_eq!(refund[1], "Deposit back");
        assert_eq!(refund[3], "Kim");
        assert_eq!(refund[4], "-600.00", "money coming in is negative");
        assert_eq!(&refund[7..10], &["-200.00", "-200.00", "-200.00"]);
        assert_eq!(refund[10], "no");
        let expense = rows
            .iter()
            .find(|r| r.get(11) == Some(&"expense"))
            .expect("the expense row");
        assert_eq!(expense[4], "900.00");
        verify_clean(&mut conn);
    });
}

fn sel(s: &str) -> scraper::Selector {
    scraper::Selector::parse(s).expect("valid selector")
}

backend_tests!(
    recording_a_refund_through_its_page_reverses_the_balances,
    a_bad_refund_is_shown_again_with_a_message_per_field,
    correcting_deleting_and_restoring_a_refund_keeps_it_a_refund,
    a_refund_nets_out_in_statistics_and_the_export,
);

//! Expenses paid in another currency, through HTTP: the form takes the amount in that
//! currency and the rate, the account keeps exact cents in its own, and the list, dashboard,
//! edit page and CSV export show both; bad rates are shown again with the reason and write
//! nothing. Both backends.

mod common;

use common::web::*;
use common::{TestDb, add_member};
use reqwest::StatusCode;
use tally::domain::*;
use tally::infrastructure::db::DbConnection;

struct Flat {
    me: Browser,
    path: String,
    sam: MemberId,
    alex: MemberId,
}

/// Sam (signed in), Kim and Alex in a euro account.
async fn open_flat(app: &TestApp) -> Flat {
    let me = app.me();
    me.register("sam@example.org", "Sam").await;
    let path = me.open_account("Flat 3B", "Sam").await;
    let id: AccountId = path
        .trim_start_matches("/accounts/")
        .parse()
        .expect("account id in the location");
    let sam: MemberId = me
        .get(&path)
        .await
        .attr("#payer option[selected]", "value")
        .expect("payer")
        .parse()
        .expect("member id");
    let mut conn = app.db.conn();
    add_member(&mut conn, id, "Kim");
    let alex = add_member(&mut conn, id, "Alex");
    Flat {
        me,
        path,
        sam,
        alex,
    }
}

async fn new_form(flat: &Flat) -> Vec<(String, String)> {
    let page = flat.me.get(&format!("{}/expenses/new", flat.path)).await;
    assert_eq!(page.status, StatusCode::OK);
    form_fields(&page, "form.expense-form")
}

fn verify_clean(conn: &mut DbConnection) {
    let report = tally::projections::verify::verify(conn).expect("verify runs");
    assert!(report.is_ok(), "{:?}", report.problems);
}

fn an_expense_paid_in_yen_is_kept_in_yen_and_counted_in_euros(db: TestDb) {
    with_app(db, |app| async move {
        let flat = open_flat(&app).await;
        let mut fields = new_form(&flat).await;
        set(&mut fields, "amount", "12000");
        set(&mut fields, "paid_in", "JPY");
        set(&mut fields, "rate", "0,0062");
        set(&mut fields, "description", "Ramen in Kyoto");
        let done = post_fields(&flat.me, &format!("{}/expenses", flat.path), &fields).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);

        let list = flat.me.get(&format!("{}/expenses", flat.path)).await;
        assert!(
            list.text(".flash")
                .contains("Ramen in Kyoto, JP¥12,000 (€74.40)"),
            "{}",
            list.text(".flash")
        );
        assert_eq!(
            list.text("table.expenses td.num"),
            "€74.40 JP¥12,000 at 0.0062",
            "the converted amount, and under it what was paid"
        );
        assert_eq!(
            list.text("table.expenses td.num .paid-in"),
            "JP¥12,000 at 0.0062"
        );
        let dashboard = flat.me.get(&flat.path).await;
        assert_eq!(
            dashboard.text("table.latest td.num .paid-in"),
            "JP¥12,000 at 0.0062"
        );
        // ¥12,000 at 0.0062 = €74.40, €24.80 each.
        assert_eq!(
            dashboard.texts(".balances tbody tr"),
            vec![
                "Sam (you) €74.40 €24.80 €49.60",
                "Kim €0.00 €24.80 -€24.80",
                "Alex €0.00 €24.80 -€24.80",
            ]
        );
        // The form proposes the rate last used for yen.
        let form = flat.me.get(&format!("{}/expenses/new", flat.path)).await;
        assert!(
            form.text("#rate-hint")
                .contains("Last used here: JPY 0.0062."),
            "{}",
            form.text("#rate-hint")
        );
        assert!(
            dashboard.text("#rate-hint").contains("JPY 0.0062"),
            "the dashboard's form too"
        );

        // The edit page shows the amount as paid, the currency and the rate.
        let edit_href = dashboard
            .attr("table.latest a", "href")
            .expect("the expense's edit link");
        let edit = flat.me.get(&edit_href).await;
        assert_eq!(edit.attr("#amount", "value").as_deref(), Some("12000"));
        assert_eq!(
            edit.attr("#paid_in option[selected]", "value").as_deref(),
            Some("JPY")
        );
        assert_eq!(edit.attr("#rate", "value").as_deref(), Some("0.0062"));
        // Corrected at another rate: the new conversion, nothing else moves.
        let mut fields = form_fields(&edit, "form.expense-form");
        set(&mut fields, "rate", "0.0065");
        let action = edit.attr("form.expense-form", "action").expect("action");
        let saved = post_fields(&flat.me, &action, &fields).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        let list = flat.me.get(&format!("{}/expenses", flat.path)).await;
        assert_eq!(
            list.text("table.expenses td.num"),
            "€78.00 JP¥12,000 at 0.0065"
        );

        let statistics = flat.me.get(&format!("{}/statistics", flat.path)).await;
        assert_eq!(
            statistics.texts("table.abroad tbody tr"),
            vec!["JPY JP¥12,000 €78.00 1"],
            "the statistics page shows what was paid abroad and what it counts as"
        );

        let history = flat.me.get(&format!("{}/history", flat.path)).await;
        assert!(
            history
                .body
                .contains("Sam recorded Ramen in Kyoto, €74.40 (JP¥12,000 at 0.0062)"),
            "{}",
            history.body
        );

        let csv = flat
            .me
            .get(&format!("{}/export/expenses.csv", flat.path))
            .await
            .body;
        let mut lines = csv.lines();
        let header = lines.next().expect("header");
        assert!(
            header.ends_with(",deleted,type,original amount,original currency,rate"),
            "{header}"
        );
        let row: Vec<&str> = lines.next().expect("a row").split(',').collect();
        assert_eq!(row[4], "78.00");
        assert_eq!(row[5], "EUR");
        assert_eq!(&row[row.len() - 3..], &["12000", "JPY", "0.0065"]);
        verify_clean(&mut app.db.conn());
    });
}

fn exact_parts_are_typed_in_the_currency_paid(db: TestDb) {
    with_app(db, |app| async move {
        let flat = open_flat(&app).await;
        let mut fields = new_form(&flat).await;
        set(&mut fields, "amount", "100.00");
        set(&mut fields, "paid_in", "USD");
        set(&mut fields, "rate", "0.92");
        set(&mut fields, "description", "Museum");
        set(&mut fields, "split", "by_exact_amounts");
        fields.retain(|(k, _)| k != "participant");
        for (who, part) in [(flat.sam, "70.00"), (flat.alex, "30.00")] {
            fields.push(("participant".into(), who.to_string()));
            set(&mut fields, &format!("exact_{who}"), part);
        }
        let done = post_fields(&flat.me, &format!("{}/expenses", flat.path), &fields).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        // $100 at 0.92 = €92.00: $70 → €64.40, $30 → €27.60.
        let dashboard = flat.me.get(&flat.path).await;
        assert_eq!(
            dashboard.texts(".balances tbody tr"),
            vec![
                "Sam (you) €92.00 €64.40 €27.60",
                "Kim €0.00 €0.00 €0.00",
                "Alex €0.00 €27.60 -€27.60",
            ]
        );
        verify_clean(&mut app.db.conn());
    });
}

fn a_bad_rate_or_currency_is_shown_again_and_writes_nothing(db: TestDb) {
    with_app(db, |app| async move {
        let flat = open_flat(&app).await;
        let good = new_form(&flat).await;
        let cases: Vec<(&str, &str, &str, &str)> = vec![
            ("JPY", "", "rate", "enter the rate"),
            ("JPY", "0", "rate", "more than zero"),
            ("JPY", "-0.5", "rate", "more than zero"),
            ("JPY", "1e300", "rate", "plain decimal"),
            (
                "JPY",
                "1234567890123456789012345678901234567890",
                "rate",
                "at most",
            ),
            ("JPY", "1,234.5", "rate", "one decimal separator"),
            ("JPY", "0.0000001", "rate", "less than the smallest unit"),
            ("JPY", "1000000", "rate", "the most an expense can be"),
            ("XYZ", "1", "paid_in", "choose a currency"),
            ("<script>", "1", "paid_in", "choose a currency"),
        ];
        for (currency, rate, field, message) in cases {
            let mut fields = good.clone();
            set(&mut fields, "amount", "1500");
            set(&mut fields, "paid_in", currency);
            set(&mut fields, "rate", rate);
            set(&mut fields, "description", "Sushi");
            let page = post_fields(&flat.me, &format!("{}/expenses", flat.path), &fields).await;
            assert_eq!(
                page.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{currency} {rate}: {}",
                page.body
            );
            let error = page.text(&format!("#{field}-error")).to_lowercase();
            assert!(error.contains(message), "{currency} {rate}: {error}");
            assert_eq!(page.attr("#amount", "value").as_deref(), Some("1500"));
            assert_eq!(page.attr("#rate", "value").as_deref(), Some(rate));
            assert_eq!(page.attr("#description", "value").as_deref(), Some("Sushi"));
        }
        let list = flat.me.get(&format!("{}/expenses", flat.path)).await;
        assert!(list.texts("table.expenses tbody tr").is_empty());
        // The account's own currency needs no rate, and one typed anyway is not used.
        let mut fields = good.clone();
        set(&mut fields, "amount", "15.00");
        set(&mut fields, "paid_in", "EUR");
        set(&mut fields, "rate", "nonsense");
        set(&mut fields, "description", "Bread");
        let done = post_fields(&flat.me, &format!("{}/expenses", flat.path), &fields).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        let list = flat.me.get(&format!("{}/expenses", flat.path)).await;
        assert_eq!(list.text("table.expenses td.num"), "€15.00");
        verify_clean(&mut app.db.conn());
    });
}

/// An ECB history file as the bank writes it: newest first, a trailing comma, `N/A` for a
/// currency it no longer quotes; 2024-06-15 and 16 are a weekend.
const ECB: &str = "Date,USD,JPY,CYP,GBP,\n\
2024-06-14,1.0707,168.17,N/A,0.84375,\n\
2024-06-13,1.0784,169.3,N/A,,\n\
2024-06-03,1.0842,170.04,N/A,0.8502,\n";

fn an_uploaded_ecb_file_gives_the_rate_of_the_expenses_date(db: TestDb) {
    with_app(db, |app| async move {
        let flat = open_flat(&app).await;
        let rates = format!("{}/rates", flat.path);
        let dashboard = flat.me.get(&flat.path).await;
        assert!(
            dashboard.attrs("a", "href").contains(&rates),
            "linked from the dashboard"
        );
        let page = flat.me.get(&rates).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.text("#rates-loaded"), "No rates loaded yet.");

        // Not a rates file: refused with the reason, nothing loaded.
        let refused = upload(&flat.me, &rates, "bills.csv", b"Name,Amount\nRent,900\n").await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            refused
                .text("#rates-error")
                .contains("first column must be Date"),
            "{}",
            refused.text("#rates-error")
        );
        let bad = upload(&flat.me, &rates, "r.csv", b"Date,USD\n2024-06-14,1e300\n").await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.text("#rates-error").contains("line 2, USD"));
        assert_eq!(
            flat.me.get(&rates).await.text("#rates-loaded"),
            "No rates loaded yet."
        );

        let done = upload(&flat.me, &rates, "eurofxref-hist.csv", ECB.as_bytes()).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        let page = flat.me.get(&rates).await;
        assert!(
            page.text(".flash")
                .contains("Rates of 3 days for 3 currencies loaded."),
            "{}",
            page.text(".flash")
        );
        assert_eq!(
            page.text("#rates-loaded"),
            "Loaded: 3 days, from 3 Jun 2024 to 14 Jun 2024; currencies on the last day: \
             GBP, JPY, USD. Rates are converted into EUR."
        );

        // A Sunday's dinner in yen, rate left empty: Friday's rate, 1 ÷ 168.17.
        let add = |amount: &'static str, currency: &'static str, date: &'static str| {
            let flat = &flat;
            async move {
                let mut fields = new_form(flat).await;
                set(&mut fields, "amount", amount);
                set(&mut fields, "paid_in", currency);
                set(&mut fields, "rate", "");
                set(&mut fields, "date", date);
                set(&mut fields, "description", "Abroad");
                post_fields(&flat.me, &format!("{}/expenses", flat.path), &fields).await
            }
        };
        let done = add("16817", "JPY", "2024-06-16").await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        let list = flat.me.get(&format!("{}/expenses", flat.path)).await;
        // ¥16,817 at 0.0059463638 = €100.00.
        assert_eq!(
            list.text("table.expenses td.num"),
            "€100.00 JP¥16,817 at 0.0059463638"
        );
        // No rate that week for the day: the form asks for one, the values kept.
        let missing = add("10.00", "USD", "2024-05-01").await;
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            missing
                .text("#rate-error")
                .to_lowercase()
                .contains("enter the rate")
        );
        // The pound has no rate on 2024-06-13: not taken from another day.
        let gap = add("10.00", "GBP", "2024-06-13").await;
        assert_eq!(gap.status, StatusCode::UNPROCESSABLE_ENTITY);
        // A typed rate wins over the loaded one.
        let mut fields = new_form(&flat).await;
        for (k, v) in [
            ("amount", "10.00"),
            ("paid_in", "USD"),
            ("rate", "0.5"),
            ("date", "2024-06-14"),
            ("description", "Typed"),
        ] {
            set(&mut fields, k, v);
        }
        let typed = post_fields(&flat.me, &format!("{}/expenses", flat.path), &fields).await;
        assert_eq!(typed.status, StatusCode::SEE_OTHER, "{}", typed.body);
        let list = flat
            .me
            .get(&format!("{}/expenses?q=Typed", flat.path))
            .await;
        // British English names the dollar it means.
        assert_eq!(list.text("table.expenses td.num"), "€5.00 US$10.00 at 0.5");
        verify_clean(&mut app.db.conn());
    });
}

/// Records an expense through the form: `paid_in` and `rate` empty for one in euros.
async fn record(flat: &Flat, what: &str, amount: &str, paid_in: &str, rate: &str, days_ago: u64) {
    let date = chrono::Utc::now().date_naive() - chrono::Days::new(days_ago);
    let mut fields = new_form(flat).await;
    set(&mut fields, "amount", amount);
    set(&mut fields, "paid_in", paid_in);
    set(&mut fields, "rate", rate);
    set(&mut fields, "description", what);
    set(&mut fields, "date", &date.to_string());
    let done = post_fields(&flat.me, &format!("{}/expenses", flat.path), &fields).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{what}: {}", done.body);
}

fn the_rate_proposed_is_the_newest_dated_expense_that_still_counts(db: TestDb) {
    with_app(db, |app| async move {
        let flat = open_flat(&app).await;
        record(&flat, "Ramen", "12000", "JPY", "0.0062", 20).await;
        record(&flat, "Groceries", "30.00", "", "", 1).await;
        record(&flat, "Sushi", "10000", "JPY", "0.0065", 2).await;
        // Recorded last but dated first: the yen's newer date wins for the yen.
        record(&flat, "Museum", "100.00", "USD", "0.92", 30).await;

        let hint = |page: &Page| page.text("#rate-hint");
        let form_hint =
            || async { hint(&flat.me.get(&format!("{}/expenses/new", flat.path)).await) };
        let proposed = form_hint().await;
        assert!(
            proposed.contains("Last used here: JPY 0.0065, USD 0.92."),
            "{proposed}"
        );
        let statistics = flat.me.get(&format!("{}/statistics", flat.path)).await;
        assert_eq!(
            statistics.texts("table.abroad tbody tr"),
            vec!["JPY JP¥22,000 €139.40 2", "USD US$100.00 €92.00 1"],
        );

        // Deleted, the sushi neither proposes its rate nor counts as paid abroad.
        let list = flat.me.get(&format!("{}/expenses", flat.path)).await;
        assert_eq!(
            list.texts("table.expenses .what")[..2],
            ["Groceries".to_owned(), "Sushi".to_owned()]
        );
        let sushi = list.attrs("a.delete", "href")[1].clone();
        let done = flat.me.post(&sushi, &[]).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        let proposed = form_hint().await;
        assert!(
            proposed.contains("Last used here: JPY 0.0062, USD 0.92."),
            "{proposed}"
        );
        let dashboard = flat.me.get(&flat.path).await;
        assert!(
            hint(&dashboard).contains("JPY 0.0062, USD 0.92"),
            "{}",
            hint(&dashboard)
        );
        let statistics = flat.me.get(&format!("{}/statistics", flat.path)).await;
        assert_eq!(
            statistics.texts("table.abroad tbody tr"),
            vec!["JPY JP¥12,000 €74.40 1", "USD US$100.00 €92.00 1"],
        );
        verify_clean(&mut app.db.conn());
    });
}

backend_tests!(
    an_uploaded_ecb_file_gives_the_rate_of_the_expenses_date,
    an_expense_paid_in_yen_is_kept_in_yen_and_counted_in_euros,
    exact_parts_are_typed_in_the_currency_paid,
    a_bad_rate_or_currency_is_shown_again_and_writes_nothing,
    the_rate_proposed_is_the_newest_dated_expense_that_still_counts,
);

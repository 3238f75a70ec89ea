//! The expense list with its filters and pages; correcting, deleting and restoring an
//! expense; every split mode through the form. Black-box, through HTTP.

mod common;

use chrono::{Duration, NaiveDate};
use common::web::*;
use common::{TestDb, add_member, run, today};
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
    fn list(&self) -> String {
        format!("{}/expenses", self.path)
    }

    fn expense(&self, id: ExpenseId) -> String {
        format!("{}/expenses/{id}", self.path)
    }

    fn everyone(&self) -> Vec<MemberId> {
        vec![self.sam, self.kim, self.alex]
    }
}

async fn open_flat(app: &TestApp, email: &str) -> Flat {
    let me = app.me();
    me.register(email, "Sam").await;
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

fn details(
    payer: MemberId,
    cents: i64,
    what: &str,
    date: NaiveDate,
    participants: &[MemberId],
) -> ExpenseDetails {
    ExpenseDetails {
        payer,
        amount: Money(cents),
        description: Description::parse(what).expect("description"),
        date,
        split: Split::Equally {
            participants: participants.to_vec(),
        },
        category: None,
        foreign: None,
    }
}

/// Records an expense through the library (quick seeding).
fn seed(conn: &mut DbConnection, account: AccountId, details: ExpenseDetails) -> ExpenseId {
    let id = ExpenseId::new();
    run(
        conn,
        account,
        AccountCommand::RecordExpense {
            expense_id: id,
            details,
        },
    );
    id
}

/// Ticks exactly these participants.
fn participants(fields: &mut Vec<(String, String)>, who: &[MemberId]) {
    fields.retain(|(k, _)| k != "participant");
    for m in who {
        fields.push(("participant".to_owned(), m.to_string()));
    }
}

/// Follows a redirect and returns the page.
async fn follow(b: &Browser, page: &Page) -> Page {
    b.get(page.location.as_deref().expect("a redirect")).await
}

/// The dashboard's balance rows, e.g. "Sam (you) €30.00 €10.00 €20.00".
async fn balances(flat: &Flat) -> Vec<String> {
    flat.me.get(&flat.path).await.texts(".balances tbody tr")
}

/// Descriptions of the listed expenses, in order (deleted ones too).
fn listed(page: &Page) -> Vec<String> {
    page.texts("table.expenses tbody tr td:nth-child(2) > span:first-child")
}

fn the_list_shows_fifty_per_page_newest_first(db: TestDb) {
    with_app(db, |app| async move {
        let flat = open_flat(&app, "sam@example.org").await;
        let mut conn = app.db.conn();
        let mut expected = Vec::new();
        for i in 0..55_i64 {
            // Several per day, so the recording order decides within a day.
            let date = today() - Duration::days(i % 6);
            let what = format!("Item {i:02}");
            seed(
                &mut conn,
                flat.id,
                details(flat.sam, 100 + i, &what, date, &flat.everyone()),
            );
            expected.push((date, i, what));
        }
        expected.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
        let names: Vec<String> = expected.into_iter().map(|(_, _, w)| w).collect();

        let first = flat.me.get(&flat.list()).await;
        assert_eq!(first.status, StatusCode::OK);
        assert_eq!(first.text("h1"), "Expenses");
        assert_eq!(listed(&first), names[..50].to_vec(), "newest first");
        assert_eq!(first.attr("a[rel=prev]", "href"), None);
        assert_eq!(first.text(".pager span"), "Page 1 of 2");
        // 55 × €1.00 + (0 + 1 + … + 54) cents = €69.85, over every page.
        assert!(
            first.text(".total").contains("€69.85"),
            "{}",
            first.text(".total")
        );
        assert!(first.text(".total").contains("55 expenses"));
        let next = first.attr("a[rel=next]", "href").expect("a Next link");
        assert!(next.contains("page=2"), "{next}");

        let second = flat.me.get(&next).await;
        assert_eq!(listed(&second), names[50..].to_vec());
        assert_eq!(second.attr("a[rel=next]", "href"), None);
        let prev = second.attr("a[rel=prev]", "href").expect("a Previous link");
        assert_eq!(listed(&flat.me.get(&prev).await), names[..50].to_vec());

        // The filters travel with the page links.
        let filtered = flat
            .me
            .get(&format!("{}?q=item&from=2026-11-01", flat.list()))
            .await;
        let next = filtered.attr("a[rel=next]", "href").expect("a Next link");
        assert!(
            next.contains("q=item") && next.contains("from=2026-11-01") && next.contains("page=2"),
            "{next}"
        );
        assert_eq!(listed(&flat.me.get(&next).await).len(), 5);

        // A page past the end shows the last one; nonsense shows the first.
        let past = flat.me.get(&format!("{}?page=99", flat.list())).await;
        assert_eq!(past.status, StatusCode::OK);
        assert_eq!(listed(&past), names[50..].to_vec());
        let nonsense = flat.me.get(&format!("{}?page=-3", flat.list())).await;
        assert_eq!(nonsense.status, StatusCode::OK);
        assert_eq!(listed(&nonsense).len(), 50);
    });
}

fn the_list_filters_by_member_text_and_dates(db: TestDb) {
    with_app(db, |app| async move {
        let flat = open_flat(&app, "sam@example.org").await;
        let mut conn = app.db.conn();
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).expect("date");
        seed(
            &mut conn,
            flat.id,
            details(
                flat.sam,
                3000,
                "Internet bill",
                day(11, 1),
                &[flat.sam, flat.kim],
            ),
        );
        seed(
            &mut conn,
            flat.id,
            details(
                flat.kim,
                2000,
                "Groceries 50% off",
                day(11, 10),
                &[flat.kim, flat.alex],
            ),
        );
        seed(
            &mut conn,
            flat.id,
            details(flat.alex, 1200, "Cinema", day(10, 15), &[flat.alex]),
        );
        let list = flat.list();
        let all = flat.me.get(&list).await;
        assert_eq!(
            listed(&all),
            vec!["Groceries 50% off", "Internet bill", "Cinema"]
        );
        assert!(all.text(".total").contains("€62.00"));

        let cases: Vec<(String, Vec<&str>, &str)> = vec![
            // Payer or participant.
            (
                format!("member={}", flat.kim),
                vec!["Groceries 50% off", "Internet bill"],
                "Kim paid one and shares the other",
            ),
            (
                format!("member={}", flat.alex),
                vec!["Groceries 50% off", "Cinema"],
                "Alex shares one and paid the other",
            ),
            (
                format!("member={}", flat.sam),
                vec!["Internet bill"],
                "Sam is only on the internet bill",
            ),
            // Text, whatever the case; LIKE's wildcards are plain characters.
            (
                "q=INTERNET".to_owned(),
                vec!["Internet bill"],
                "case does not matter",
            ),
            ("q=net%20b".to_owned(), vec!["Internet bill"], "a substring"),
            (
                "q=%25".to_owned(),
                vec!["Groceries 50% off"],
                "% is a character, not a wildcard",
            ),
            ("q=_".to_owned(), vec![], "_ is a character, not a wildcard"),
            ("q=rent".to_owned(), vec![], "nothing matches"),
            // Dates, both ends included.
            (
                "from=2026-11-01".to_owned(),
                vec!["Groceries 50% off", "Internet bill"],
                "from a day on",
            ),
            ("to=2026-10-31".to_owned(), vec!["Cinema"], "up to a day"),
            (
                "from=2026-11-01&to=2026-11-01".to_owned(),
                vec!["Internet bill"],
                "a single day",
            ),
            // Together.
            (
                format!("member={}&q=bill&from=2026-10-01&to=2026-11-30", flat.kim),
                vec!["Internet bill"],
                "all filters at once",
            ),
        ];
        for (query, expected, why) in cases {
            let page = flat.me.get(&format!("{list}?{query}")).await;
            assert_eq!(page.status, StatusCode::OK, "{why}");
            assert_eq!(listed(&page), expected, "{why} ({query})");
        }

        // The form shows the filters in use, and the total covers only what matches.
        let page = flat
            .me
            .get(&format!(
                "{list}?member={}&q=Bill&from=2026-10-20",
                flat.kim
            ))
            .await;
        assert_eq!(
            page.attr("#filter-member option[selected]", "value"),
            Some(flat.kim.to_string())
        );
        assert_eq!(page.attr("#filter-q", "value").as_deref(), Some("Bill"));
        assert_eq!(
            page.attr("#filter-from", "value").as_deref(),
            Some("2026-10-20")
        );
        assert!(page.text(".total").contains("€30.00"));
        assert!(page.text(".total").contains("1 expense;"));
        for control in ["#filter-member", "#filter-q", "#filter-from", "#filter-to"] {
            let id = control.trim_start_matches('#');
            assert!(
                page.attr(&format!("label[for={id}]"), "for").is_some(),
                "{control} has a label"
            );
        }
        assert_eq!(page.attr("form.filters", "method").as_deref(), Some("get"));
    });
}

fn a_bad_filter_gets_a_message_beside_the_field(db: TestDb) {
    with_app(db, |app| async move {
        let flat = open_flat(&app, "sam@example.org").await;
        let mut conn = app.db.conn();
        seed(
            &mut conn,
            flat.id,
            details(flat.sam, 3000, "Internet", today(), &flat.everyone()),
        );
        let list = flat.list();
        for (query, field) in [
            ("from=26.11.2026", "from"),
            ("from=2026-02-30", "from"),
            ("to=yesterday", "to"),
            ("from=%3Cscript%3E", "from"),
        ] {
            let page = flat.me.get(&format!("{list}?{query}")).await;
            assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
            assert!(
                page.text(&format!("#{field}-error"))
                    .contains("nter a date like 2026-11-26"),
                "{query}: {}",
                page.body
            );
            assert_eq!(
                page.attr(&format!("#filter-{field}"), "aria-invalid")
                    .as_deref(),
                Some("true")
            );
            assert_eq!(
                page.attr(&format!("#filter-{field}"), "value").as_deref(),
                Some(""),
                "a date input cannot hold what was typed"
            );
            assert_eq!(
                listed(&page),
                vec!["Internet"],
                "the bad filter is left out"
            );
        }
        let page = flat
            .me
            .get(&format!("{list}?from=2026-11-20&to=2026-11-01"))
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.text("#to-error").contains("before the start date"));
        let page = flat
            .me
            .get(&format!("{list}?member={}", MemberId::new()))
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.text("#member-error").contains("hoose a member"));
    });
}

fn correcting_an_expense_changes_the_balances(db: TestDb) {
    with_app(db, |app| async move {
        let flat = open_flat(&app, "sam@example.org").await;
        let mut conn = app.db.conn();
        let internet = seed(
            &mut conn,
            flat.id,
            details(flat.sam, 3000, "Internet", today(), &flat.everyone()),
        );
        assert_eq!(
            balances(&flat).await,
            vec![
                "Sam (you) €30.00 €10.00 €20.00",
                "Kim €0.00 €10.00 -€10.00",
                "Alex €0.00 €10.00 -€10.00",
            ]
        );
        let list = flat.me.get(&flat.list()).await;
        let edit_href = list.attr("a.edit", "href").expect("an Edit link");
        assert_eq!(edit_href, format!("{}/edit", flat.expense(internet)));

        let edit = flat.me.get(&edit_href).await;
        assert_eq!(edit.status, StatusCode::OK);
        assert_eq!(edit.text("h1"), "Edit an expense");
        assert_eq!(edit.attr("#amount", "value").as_deref(), Some("30.00"));
        assert_eq!(
            edit.attr("#description", "value").as_deref(),
            Some("Internet")
        );
        assert_eq!(edit.attr("#date", "value"), Some(today().to_string()));
        assert_eq!(
            edit.attr("input[name=revision]", "value").as_deref(),
            Some("1")
        );
        assert_eq!(
            edit.attr("input[name=expense_id]", "value"),
            Some(internet.to_string())
        );
        assert_eq!(
            edit.attr("input[name=split][checked]", "value").as_deref(),
            Some("equally")
        );
        assert_eq!(
            edit.attrs("input[name=participant][checked]", "value")
                .len(),
            3
        );
        assert_eq!(edit.text("form.expense-form button"), "Save changes");
        assert_eq!(
            edit.attr("form.expense-form", "action"),
            Some(flat.expense(internet))
        );
        assert!(
            edit.body.contains("/static/app.js"),
            "the split preview script"
        );

        let mut fields = form_fields(&edit, "form.expense-form");
        set(&mut fields, "amount", "45");
        set(&mut fields, "description", "Internet, November");
        participants(&mut fields, &[flat.sam, flat.kim]);
        let done = post_fields(&flat.me, &flat.expense(internet), &fields).await;
        done.assert_redirect_to(&flat.list());
        let after = follow(&flat.me, &done).await;
        assert_eq!(after.text(".flash"), "Saved Internet, November, €45.00.");
        assert_eq!(listed(&after), vec!["Internet, November"]);
        assert!(after.text(".total").contains("€45.00"));
        assert_eq!(
            balances(&flat).await,
            vec![
                "Sam (you) €45.00 €22.50 €22.50",
                "Kim €0.00 €22.50 -€22.50",
                "Alex €0.00 €0.00 €0.00",
            ]
        );
        let edit = flat.me.get(&edit_href).await;
        assert_eq!(
            edit.attr("input[name=revision]", "value").as_deref(),
            Some("2")
        );
        assert_eq!(
            edit.attrs("input[name=participant][checked]", "value"),
            vec![flat.sam.to_string(), flat.kim.to_string()]
        );

        // Saving again unchanged records nothing.
        let fields = form_fields(&edit, "form.expense-form");
        let done = post_fields(&flat.me, &flat.expense(internet), &fields).await;
        done.assert_redirect_to(&flat.list());
        let after = follow(&flat.me, &done).await;
        assert!(after.text(".flash").starts_with("Nothing changed"));
        assert_eq!(
            flat.me
                .get(&edit_href)
                .await
                .attr("input[name=revision]", "value")
                .as_deref(),
            Some("2")
        );
    });
}

fn a_bad_correction_is_shown_again_with_messages(db: TestDb) {
    with_app(db, |app| async move {
        let flat = open_flat(&app, "sam@example.org").await;
        let mut conn = app.db.conn();
        let internet = seed(
            &mut conn,
            flat.id,
            details(flat.sam, 3000, "Internet", today(), &flat.everyone()),
        );
        let other = seed(
            &mut conn,
            flat.id,
            details(flat.sam, 1000, "Milk", today(), &flat.everyone()),
        );
        let edit = flat
            .me
            .get(&format!("{}/edit", flat.expense(internet)))
            .await;
        let good = form_fields(&edit, "form.expense-form");
        let target = flat.expense(internet);

        let mut fields = good.clone();
        set(&mut fields, "amount", "12.345");
        set(&mut fields, "description", " ");
        let page = post_fields(&flat.me, &target, &fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.text("#amount-error").contains("at most 2 digits"));
        assert!(page.text("#description-error").contains("empty"));
        assert_eq!(page.attr("#amount", "value").as_deref(), Some("12.345"));
        assert_eq!(page.text("form.expense-form button"), "Save changes");
        assert_eq!(
            page.attr("input[name=revision]", "value").as_deref(),
            Some("1")
        );

        let mut fields = good.clone();
        participants(&mut fields, &[]);
        let page = post_fields(&flat.me, &target, &fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.text("#participants-error").contains("at least one"));

        let mut fields = good.clone();
        set(&mut fields, "date", "2026-13-01");
        let page = post_fields(&flat.me, &target, &fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.text("#date-error").contains("enter a date"));

        // The form of one expense posted to another's address.
        let mut fields = good.clone();
        set(&mut fields, "amount", "99");
        let page = post_fields(&flat.me, &flat.expense(other), &fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.text(".error-summary").contains("another expense"));

        // Without the revision it was loaded at, a save is refused.
        let mut fields = good.clone();
        set(&mut fields, "amount", "99");
        set(&mut fields, "revision", "");
        let page = post_fields(&flat.me, &target, &fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.text(".error-summary").contains("reload the page"));

        assert_eq!(
            listed(&flat.me.get(&flat.list()).await),
            vec!["Milk", "Internet"]
        );
        assert!(
            flat.me
                .get(&flat.list())
                .await
                .text(".total")
                .contains("€40.00"),
            "nothing changed"
        );
    });
}

fn a_stale_correction_gets_409_keeping_the_typed_values_beside_the_newer_ones(db: TestDb) {
    with_app(db, |app| async move {
        let flat = open_flat(&app, "sam@example.org").await;
        let mut conn = app.db.conn();
        let internet = seed(
            &mut conn,
            flat.id,
            details(flat.sam, 3000, "Internet", today(), &flat.everyone()),
        );
        let edit_href = format!("{}/edit", flat.expense(internet));
        let mine = flat.me.get(&edit_href).await;
        // Kim corrects it first.
        run(
            &mut conn,
            flat.id,
            AccountCommand::CorrectExpense {
                expense_id: internet,
                details: details(flat.kim, 3600, "Internet (Kim)", today(), &flat.everyone()),
                expected_revision: Some(1),
            },
        );
        let mut fields = form_fields(&mine, "form.expense-form");
        set(&mut fields, "amount", "40");
        let page = post_fields(&flat.me, &flat.expense(internet), &fields).await;
        assert_eq!(page.status, StatusCode::CONFLICT);
        assert!(
            page.text(".error-summary").starts_with(
                "Someone changed this expense while you were editing. Your values are kept below"
            ),
            "{}",
            page.text(".error-summary")
        );
        // What Sam typed stays; what Kim saved is said beside each field that differs.
        assert_eq!(page.attr("#amount", "value").as_deref(), Some("40"));
        assert_eq!(
            page.text("#amount-error"),
            "You typed €40.00; meanwhile someone changed it to €36.00."
        );
        assert_eq!(
            page.attr("#description", "value").as_deref(),
            Some("Internet")
        );
        assert_eq!(
            page.text("#description-error"),
            "You typed “Internet”; meanwhile someone changed it to “Internet (Kim)”."
        );
        assert_eq!(
            page.attr("#payer option[selected]", "value"),
            Some(flat.sam.to_string())
        );
        assert!(page.text("#payer-error").ends_with("changed it to Kim."));
        assert_eq!(
            page.attr("input[name=revision]", "value").as_deref(),
            Some("2")
        );
        assert_eq!(
            balances(&flat).await[1],
            "Kim €36.00 €12.00 €24.00",
            "nothing overwritten"
        );

        // Checked and saved again, Sam's version replaces Kim's.
        let fields = form_fields(&page, "form.expense-form");
        post_fields(&flat.me, &flat.expense(internet), &fields)
            .await
            .assert_redirect_to(&flat.list());
        let kim = balances(&flat).await[1].clone();
        assert!(kim.starts_with("Kim €0.00 €13.3"), "{kim}");
    });
}

fn deleting_asks_first_and_restoring_brings_it_back(db: TestDb) {
    with_app(db, |app| async move {
        let flat = open_flat(&app, "sam@example.org").await;
        let mut conn = app.db.conn();
        let internet = seed(
            &mut conn,
            flat.id,
            details(flat.sam, 3000, "Internet", today(), &flat.everyone()),
        );
        let before = balances(&flat).await;
        let list = flat.me.get(&flat.list()).await;
        let delete_href = list.attr("a.delete", "href").expect("a Delete link");

        let confirm = flat.me.get(&delete_href).await;
        assert_eq!(confirm.status, StatusCode::OK);
        assert_eq!(confirm.text("h1"), "Delete Internet, €30.00?");
        assert_eq!(
            confirm.attr("form.confirm", "action"),
            Some(format!("{}/delete", flat.expense(internet)))
        );
        assert_eq!(
            confirm.attr("form.confirm", "method").as_deref(),
            Some("post")
        );
        assert_eq!(confirm.attr("form.confirm a", "href"), Some(flat.list()));
        assert_eq!(balances(&flat).await, before, "looking deletes nothing");

        let done = flat.me.post(&delete_href, &[]).await;
        done.assert_redirect_to(&flat.list());
        let after = follow(&flat.me, &done).await;
        assert_eq!(
            after.text(".flash"),
            "Deleted Internet, €30.00. You can restore it from the history or the expense list."
        );
        assert_eq!(listed(&after), vec!["Internet"], "still listed");
        assert_eq!(after.text("tr.is-deleted .badge"), "deleted");
        assert!(
            after
                .text("tr.is-deleted button.restore")
                .starts_with("Restore")
        );
        assert_eq!(after.attr("a.edit", "href"), None);
        assert!(after.text(".total").contains("€0.00"));
        assert_eq!(
            balances(&flat).await,
            vec![
                "Sam (you) €0.00 €0.00 €0.00",
                "Kim €0.00 €0.00 €0.00",
                "Alex €0.00 €0.00 €0.00",
            ]
        );
        let confirm = flat.me.get(&delete_href).await;
        assert!(confirm.text("h1").contains("already deleted"));

        // Deleting twice is harmless.
        let again = flat.me.post(&delete_href, &[]).await;
        again.assert_redirect_to(&flat.list());
        assert!(
            follow(&flat.me, &again)
                .await
                .text(".flash")
                .starts_with("Already deleted")
        );

        // Restore from the list comes back to the same list.
        let back = after
            .attr("tr.is-deleted input[name=back]", "value")
            .expect("back");
        let restore = flat.expense(internet) + "/restore";
        let done = flat.me.post(&restore, &[("back", back.as_str())]).await;
        done.assert_redirect_to(&back);
        assert_eq!(
            follow(&flat.me, &done).await.text(".flash"),
            "Restored Internet, €30.00."
        );
        assert_eq!(balances(&flat).await, before, "balances go back");

        // A `back` that leaves the site is ignored.
        for evil in ["https://evil.example/", "//evil.example/x", ""] {
            let done = flat.me.post(&restore, &[("back", evil)]).await;
            assert_eq!(done.location, Some(flat.list()), "{evil:?}");
        }
    });
}

fn a_deleted_expense_must_be_restored_before_editing(db: TestDb) {
    with_app(db, |app| async move {
        let flat = open_flat(&app, "sam@example.org").await;
        let mut conn = app.db.conn();
        let internet = seed(
            &mut conn,
            flat.id,
            details(flat.sam, 3000, "Internet", today(), &flat.everyone()),
        );
        run(
            &mut conn,
            flat.id,
            AccountCommand::DeleteExpense {
                expense_id: internet,
            },
        );
        let edit_href = format!("{}/edit", flat.expense(internet));
        let edit = flat.me.get(&edit_href).await;
        assert_eq!(edit.status, StatusCode::OK);
        assert!(edit.text(".notice").contains("restore it first"));
        assert_eq!(
            edit.attr("input[name=revision]", "value").as_deref(),
            Some("2")
        );
        let mut fields = form_fields(&edit, "form.expense-form");
        set(&mut fields, "amount", "50");
        let page = post_fields(&flat.me, &flat.expense(internet), &fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            page.text(".error-summary").contains("restore it first"),
            "{}",
            page.text(".error-summary")
        );
        assert_eq!(page.attr("#amount", "value").as_deref(), Some("50"));

        // The page's own Restore button, then the same form goes through.
        let back = edit
            .attr(".notice input[name=back]", "value")
            .expect("back");
        flat.me
            .post(
                &format!("{}/restore", flat.expense(internet)),
                &[("back", back.as_str())],
            )
            .await
            .assert_redirect_to(&edit_href);
        let edit = flat.me.get(&edit_href).await;
        assert_eq!(edit.text(".notice"), "");
        let mut fields = form_fields(&edit, "form.expense-form");
        set(&mut fields, "amount", "50");
        post_fields(&flat.me, &flat.expense(internet), &fields)
            .await
            .assert_redirect_to(&flat.list());
        let sam = balances(&flat).await[0].clone();
        assert!(sam.starts_with("Sam (you) €50.00 €16.6"), "{sam}");
    });
}

fn unknown_and_foreign_expenses_are_not_found(db: TestDb) {
    with_app(db, |app| async move {
        let flat = open_flat(&app, "sam@example.org").await;
        // Sam's second account, with an expense of its own.
        let other_path = flat.me.open_account("Holiday", "Sam").await;
        let other_id: AccountId = other_path
            .trim_start_matches("/accounts/")
            .parse()
            .expect("account id");
        let holiday_sam: MemberId = flat
            .me
            .get(&other_path)
            .await
            .attr("#payer option[selected]", "value")
            .expect("payer")
            .parse()
            .expect("member id");
        let mut conn = app.db.conn();
        let foreign = seed(
            &mut conn,
            other_id,
            details(holiday_sam, 5000, "Hotel", today(), &[holiday_sam]),
        );
        let mine = seed(
            &mut conn,
            flat.id,
            details(flat.sam, 3000, "Internet", today(), &flat.everyone()),
        );
        let edit = flat.me.get(&format!("{}/edit", flat.expense(mine))).await;
        let mut fields = form_fields(&edit, "form.expense-form");
        set(&mut fields, "amount", "1");

        for id in [
            flat.expense(foreign),
            flat.expense(ExpenseId::new()),
            format!("{}/expenses/not-an-id", flat.path),
        ] {
            for get in [format!("{id}/edit"), format!("{id}/delete")] {
                assert_eq!(
                    flat.me.get(&get).await.status,
                    StatusCode::NOT_FOUND,
                    "GET {get}"
                );
            }
            for post in [format!("{id}/delete"), format!("{id}/restore")] {
                assert_eq!(
                    flat.me.post(&post, &[]).await.status,
                    StatusCode::NOT_FOUND,
                    "POST {post}"
                );
            }
            let mut fields = fields.clone();
            set(
                &mut fields,
                "expense_id",
                id.rsplit('/').next().unwrap_or(""),
            );
            assert_eq!(
                post_fields(&flat.me, &id, &fields).await.status,
                StatusCode::NOT_FOUND,
                "POST {id}"
            );
        }
        let holiday = flat.me.get(&format!("{other_path}/expenses")).await;
        assert_eq!(listed(&holiday), vec!["Hotel"]);
        assert!(holiday.text(".total").contains("€50.00"), "untouched");
    });
}

fn only_members_reach_expense_pages(db: TestDb) {
    with_app(db, |app| async move {
        let flat = open_flat(&app, "sam@example.org").await;
        let mut conn = app.db.conn();
        let internet = seed(
            &mut conn,
            flat.id,
            details(flat.sam, 3000, "Internet", today(), &flat.everyone()),
        );
        let expense = flat.expense(internet);
        let gets = [
            flat.list(),
            format!("{expense}/edit"),
            format!("{expense}/delete"),
        ];
        let anonymous = app.browser();
        for path in &gets {
            anonymous
                .get(path)
                .await
                .assert_redirect_to("/signin?next=");
        }
        let stranger = app.browser();
        stranger.register("eve@example.org", "Eve").await;
        for path in &gets {
            assert_eq!(
                stranger.get(path).await.status,
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }
        for path in [
            format!("{expense}/delete"),
            format!("{expense}/restore"),
            expense.clone(),
        ] {
            assert_eq!(
                stranger.post(&path, &[]).await.status,
                StatusCode::NOT_FOUND,
                "{path}"
            );
            // A member without the form's token is refused too.
            let page = flat.me.post_raw(&path, &[("csrf_token", "forged")]).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}");
        }
        assert_eq!(listed(&flat.me.get(&flat.list()).await), vec!["Internet"]);
        assert!(
            flat.me
                .get(&flat.list())
                .await
                .texts("tr.is-deleted")
                .is_empty()
        );
    });
}

fn every_split_mode_gives_exact_cents(db: TestDb) {
    with_app(db, |app| async move {
        let flat = open_flat(&app, "sam@example.org").await;
        let (sam, kim, alex) = (flat.sam, flat.kim, flat.alex);
        let record = |what: &'static str, mode: &'static str, values: [&'static str; 3]| {
            let flat = &flat;
            async move {
                let new = flat.me.get(&format!("{}/new", flat.list())).await;
                assert_eq!(new.status, StatusCode::OK);
                let mut fields = form_fields(&new, "form.expense-form");
                set(&mut fields, "amount", "100.00");
                set(&mut fields, "description", what);
                set(&mut fields, "split", mode);
                participants(&mut fields, &flat.everyone());
                let prefix = match mode {
                    "by_shares" => "weight",
                    "by_exact_amounts" => "exact",
                    _ => "percent",
                };
                for (m, v) in flat.everyone().iter().zip(values) {
                    set(&mut fields, &format!("{prefix}_{m}"), v);
                }
                let done = post_fields(&flat.me, &flat.list(), &fields).await;
                done.assert_redirect_to(&flat.path);
                fields
                    .iter()
                    .find(|(k, _)| k == "expense_id")
                    .map(|(_, v)| v.clone())
                    .expect("expense id")
            }
        };
        let shares = record("Shares", "by_shares", ["2", "1", "1"]).await;
        assert_eq!(
            balances(&flat).await,
            vec![
                "Sam (you) €100.00 €50.00 €50.00",
                "Kim €0.00 €25.00 -€25.00",
                "Alex €0.00 €25.00 -€25.00",
            ]
        );
        record("Percent", "by_percentages", ["50", "30", "20"]).await;
        assert_eq!(
            balances(&flat).await,
            vec![
                "Sam (you) €200.00 €100.00 €100.00",
                "Kim €0.00 €55.00 -€55.00",
                "Alex €0.00 €45.00 -€45.00",
            ]
        );
        record("Exact", "by_exact_amounts", ["33.33", "33.33", "33.34"]).await;
        assert_eq!(
            balances(&flat).await,
            vec![
                "Sam (you) €300.00 €133.33 €166.67",
                "Kim €0.00 €88.33 -€88.33",
                "Alex €0.00 €78.34 -€78.34",
            ]
        );
        record("Equal", "equally", ["", "", ""]).await;
        let rows = balances(&flat).await;
        // €100 three ways: €33.34 to one of them (which one depends on the expense id).
        let mut added: Vec<i64> = rows
            .iter()
            .zip([13_333, 8_833, 7_834])
            .map(|(row, before)| {
                let share = row.split(' ').rev().nth(1).unwrap_or("");
                share
                    .trim_start_matches('€')
                    .replace('.', "")
                    .parse::<i64>()
                    .expect("cents")
                    - before
            })
            .collect();
        added.sort();
        assert_eq!(added, vec![3_333, 3_333, 3_334], "{rows:?}");

        // The edit page shows the split as it was asked.
        let edit = flat
            .me
            .get(&format!("{}/expenses/{shares}/edit", flat.path))
            .await;
        assert_eq!(
            edit.attr("input[name=split][checked]", "value").as_deref(),
            Some("by_shares")
        );
        for (m, w) in [(sam, "2"), (kim, "1"), (alex, "1")] {
            assert_eq!(
                edit.attr(&format!("input[name=weight_{m}]"), "value")
                    .as_deref(),
                Some(w)
            );
        }
        assert_eq!(
            edit.attr(&format!("input[name=exact_{sam}]"), "value")
                .as_deref(),
            Some("50.00"),
            "the current cents, ready for exact amounts"
        );
        assert_eq!(
            edit.attr("form.expense-form", "data-minor-units")
                .as_deref(),
            Some("2")
        );
        assert_eq!(
            edit.attr("form.expense-form", "data-currency").as_deref(),
            Some("EUR")
        );
    });
}

fn a_split_that_does_not_add_up_is_refused_beside_the_split(db: TestDb) {
    with_app(db, |app| async move {
        let flat = open_flat(&app, "sam@example.org").await;
        let new = flat.me.get(&format!("{}/new", flat.list())).await;
        let base = form_fields(&new, "form.expense-form");
        let cases: [(&str, &str, [&str; 3], &str, &str); 4] = [
            (
                "by_exact_amounts",
                "exact",
                ["30", "30", "30"],
                "#split-error",
                "add up to €90.00 of €100.00: €10.00 missing.",
            ),
            (
                "by_percentages",
                "percent",
                ["50", "30", "10"],
                "#split-error",
                "add up to 90.00 % instead of 100 %",
            ),
            (
                "by_shares",
                "weight",
                ["2", "0", "1"],
                "td .field-error",
                "whole number of shares",
            ),
            (
                "by_percentages",
                "percent",
                ["50", "abc", "50"],
                "td .field-error",
                "percentage like 33.33",
            ),
        ];
        for (mode, prefix, values, selector, message) in cases {
            let mut fields = base.clone();
            set(&mut fields, "amount", "100.00");
            set(&mut fields, "description", "Rent");
            set(&mut fields, "split", mode);
            for (m, v) in flat.everyone().iter().zip(values) {
                set(&mut fields, &format!("{prefix}_{m}"), v);
            }
            let page = post_fields(&flat.me, &flat.list(), &fields).await;
            assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{mode}");
            assert!(
                page.text(selector).contains(message),
                "{mode}: {:?}",
                page.text(selector)
            );
            assert_eq!(
                page.attr("input[name=split][checked]", "value").as_deref(),
                Some(mode),
                "the chosen mode is kept"
            );
        }
        assert!(
            listed(&flat.me.get(&flat.list()).await).is_empty(),
            "nothing recorded"
        );
    });
}

backend_tests!(
    the_list_shows_fifty_per_page_newest_first,
    the_list_filters_by_member_text_and_dates,
    a_bad_filter_gets_a_message_beside_the_field,
    correcting_an_expense_changes_the_balances,
    a_bad_correction_is_shown_again_with_messages,
    a_stale_correction_gets_409_keeping_the_typed_values_beside_the_newer_ones,
    deleting_asks_first_and_restoring_brings_it_back,
    a_deleted_expense_must_be_restored_before_editing,
    unknown_and_foreign_expenses_are_not_found,
    only_members_reach_expense_pages,
    every_split_mode_gives_exact_cents,
    a_split_that_does_not_add_up_is_refused_beside_the_split,
);

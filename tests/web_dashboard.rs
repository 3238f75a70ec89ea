//! The dashboard, the add-expense form and recording payments, through HTTP.

mod common;

use common::TestDb;
use common::web::*;
use reqwest::StatusCode;

/// The add-expense form's fields from a page, with some overridden.
fn expense_fields(page: &Page, overrides: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields = form_fields(page, "form.expense-form");
    for (name, value) in overrides {
        set(&mut fields, name, value);
    }
    fields
}

fn a_new_account_shows_its_dashboard(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("sam@example.org", "Sam").await;
        let account = me.open_account("Flat 3B", "Sam").await;
        let page = me.get(&account).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.text("h1"), "Flat 3B");
        assert_eq!(page.texts(".balances tbody th"), vec!["Sam (you)"]);
        assert_eq!(page.text(".settled"), "Everyone is settled.");
        assert!(page.text(".flash").contains("Your shared account is open"));
        let home = me.get("/").await;
        assert_eq!(home.texts(".cards li strong"), vec!["Flat 3B"]);
        assert!(home.text(".cards li").contains("€0.00"));
    });
}

fn recording_an_expense_updates_the_dashboard_once(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("sam@example.org", "Sam").await;
        let account = me.open_account("Flat", "Sam").await;
        let dashboard = me.get(&account).await;
        let fields = expense_fields(
            &dashboard,
            &[("amount", "12,50"), ("description", "Milk & <b>bread</b>")],
        );
        let path = format!("{account}/expenses");
        let done = post_fields(&me, &path, &fields).await;
        done.assert_redirect_to(&account);
        let page = me.get(&account).await;
        assert_eq!(page.text(".flash"), "Recorded Milk & <b>bread</b>, €12.50.");
        assert_eq!(
            page.texts(".latest tbody td a"),
            vec!["Milk & <b>bread</b>"],
            "text is escaped, not markup"
        );
        assert!(!page.body.contains("<b>bread</b>"));
        // The same form submitted again (reload, double click) records nothing new.
        post_fields(&me, &path, &fields)
            .await
            .assert_redirect_to(&account);
        let again = me.get(&account).await;
        assert!(again.text(".flash").starts_with("Already recorded"));
        assert_eq!(again.texts(".latest tbody tr").len(), 1);
    });
}

fn a_bad_expense_is_shown_again_with_a_message_per_field(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("sam@example.org", "Sam").await;
        let account = me.open_account("Flat", "Sam").await;
        let dashboard = me.get(&account).await;
        let fields = expense_fields(
            &dashboard,
            &[
                ("amount", "12.345"),
                ("description", "   "),
                ("date", "1999-12-31"),
            ],
        );
        let page = post_fields(&me, &format!("{account}/expenses"), &fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            page.attr("#amount", "value").as_deref(),
            Some("12.345"),
            "typed value kept"
        );
        assert!(page.text("#amount-error").contains("at most 2 digits"));
        assert!(page.text("#description-error").contains("empty"));
        assert!(
            me.get(&account).await.texts(".latest tbody tr").is_empty(),
            "nothing recorded"
        );
        let out_of_range = expense_fields(
            &dashboard,
            &[
                ("amount", "5"),
                ("description", "Old"),
                ("date", "1999-12-31"),
            ],
        );
        let page = post_fields(&me, &format!("{account}/expenses"), &out_of_range).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            page.text("#date-error").contains("between 1 Jan 2000"),
            "{}",
            page.text("#date-error")
        );
    });
}

fn opening_an_account_twice_with_one_form_opens_one(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("sam@example.org", "Sam").await;
        let home = me.get("/").await;
        let id = home
            .attr("input[name=account_id]", "value")
            .expect("account id in the form");
        let fields = [
            ("account_id", id.as_str()),
            ("name", "Flat"),
            ("currency", "EUR"),
            ("member_name", "Sam"),
        ];
        let first = me.post("/accounts", &fields).await;
        let second = me.post("/accounts", &fields).await;
        first.assert_redirect_to(&format!("/accounts/{id}"));
        second.assert_redirect_to(&format!("/accounts/{id}"));
        assert_eq!(
            me.get("/").await.texts(".cards li strong"),
            vec!["Flat"],
            "one account"
        );
        let stranger = app.browser();
        stranger.register("eve@example.org", "Eve").await;
        let taken = stranger
            .post(
                "/accounts",
                &[
                    ("account_id", id.as_str()),
                    ("name", "Mine"),
                    ("currency", "EUR"),
                    ("member_name", "Eve"),
                ],
            )
            .await;
        assert_eq!(
            taken.status,
            StatusCode::NOT_FOUND,
            "someone else's id opens nothing"
        );
    });
}

/// The session cookie is encrypted; a page view that changes nothing in it sends none back.
fn viewing_a_page_sends_the_session_cookie_only_when_it_changed(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("sam@example.org", "Sam").await;
        let account = me.open_account("Flat 3B", "Sam").await;
        let set_cookie = |page: &Page| page.headers.get_all("set-cookie").iter().count();
        // Showing the flash message removes it from the session: a new cookie.
        let first = me.get(&account).await;
        assert!(first.text(".flash").contains("Your shared account is open"));
        assert_eq!(set_cookie(&first), 1, "{:?}", first.headers);
        // Nothing changed since: no cookie, and still signed in with the flash gone.
        let second = me.get(&account).await;
        assert_eq!(second.status, StatusCode::OK);
        assert_eq!(set_cookie(&second), 0, "{:?}", second.headers);
        assert!(second.texts(".flash").is_empty());
        assert_eq!(second.texts(".balances tbody th"), vec!["Sam (you)"]);
        let home = me.get("/").await;
        assert_eq!(set_cookie(&home), 0, "{:?}", home.headers);
    });
}

/// A partial repayment through the "Record a payment" page: prefilled from a settle-up
/// suggestion, any amount and date; bad input comes back with a message per field and the
/// typed values, and records nothing.
fn a_payment_of_any_amount_is_recorded_from_its_own_page(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("sam@example.org", "Sam").await;
        let account = me.open_account("Flat", "Sam").await;
        me.post(&format!("{account}/members"), &[("name", "Kim")])
            .await
            .assert_redirect_to(&account);
        let dashboard = me.get(&account).await;
        let fields = expense_fields(&dashboard, &[("amount", "30"), ("description", "Rent")]);
        let payer = dashboard
            .attr("#payer option[selected]", "value")
            .expect("payer");
        let kim = dashboard
            .attrs("input[name=participant]", "value")
            .into_iter()
            .find(|id| *id != payer)
            .expect("Kim's box");
        assert!(fields.iter().any(|(k, v)| k == "participant" && *v == kim));
        post_fields(&me, &format!("{account}/expenses"), &fields)
            .await
            .assert_redirect_to(&account);
        let dashboard = me.get(&account).await;
        assert_eq!(dashboard.text(".suggestion"), "Kim pays Sam €15.00");
        let partial = dashboard.attr("a.partial", "href").expect("another amount");
        let form = me.get(&partial).await;
        assert_eq!(form.status, StatusCode::OK);
        assert_eq!(form.text("h1"), "Record a payment");
        assert_eq!(form.attr("#amount", "value").as_deref(), Some("15.00"));
        assert_eq!(
            form.attr("#from option[selected]", "value"),
            Some(kim.clone())
        );
        assert_eq!(
            form.attr("#amount", "inputmode").as_deref(),
            Some("decimal")
        );

        let path = format!("{account}/transfers");
        let base = form_fields(&form, "form.payment-form");
        let sam = base
            .iter()
            .find(|(k, _)| k == "to")
            .map(|(_, v)| v.clone())
            .expect("to");
        for (overrides, field, message) in [
            (
                vec![("amount", "abc")],
                "#amount-error",
                "Enter an amount like 12.50.",
            ),
            (vec![("amount", "0")], "#amount-error", "more than zero"),
            (
                vec![("to", kim.as_str())],
                "#to-error",
                "two different members",
            ),
            (vec![("to", "")], "#to-error", "Choose who received"),
            (vec![("date", "2026-02-30")], "#date-error", "no such day"),
        ] {
            let mut fields = base.clone();
            for (name, value) in &overrides {
                set(&mut fields, name, value);
            }
            let page = post_fields(&me, &path, &fields).await;
            assert_eq!(
                page.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{overrides:?}"
            );
            assert!(
                page.text(field).contains(message),
                "{overrides:?}: {}",
                page.text(field)
            );
            assert_eq!(page.text("h1"), "Record a payment");
            let amount = overrides
                .iter()
                .find(|(k, _)| *k == "amount")
                .map_or("15.00", |(_, v)| v);
            assert_eq!(page.attr("#amount", "value").as_deref(), Some(amount));
        }
        assert_eq!(
            me.get(&account).await.text(".suggestion"),
            "Kim pays Sam €15.00"
        );

        let mut fields = base.clone();
        set(&mut fields, "amount", "5");
        set(&mut fields, "to", &sam);
        post_fields(&me, &path, &fields)
            .await
            .assert_redirect_to(&account);
        // Sent twice (a reload): recorded once.
        post_fields(&me, &path, &fields)
            .await
            .assert_redirect_to(&account);
        let after = me.get(&account).await;
        assert_eq!(after.text(".suggestion"), "Kim pays Sam €10.00");
        assert!(
            after
                .text(".flash")
                .starts_with("Already recorded: Kim paid Sam €5.00")
        );
    });
}

/// Pages keep views per account version in memory: a change made through another instance on
/// the same database must show at once on this one, never the view it kept.
fn a_change_made_through_another_instance_shows_at_once(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("sam@example.org", "Sam").await;
        let account = me.open_account("Flat", "Sam").await;
        let statistics = format!("{account}/statistics");
        let list = format!("{account}/expenses");
        let listed =
            |page: Page| page.texts("table.expenses tbody tr td:nth-child(2) > span:first-child");
        // The views are read, and kept, by the first instance.
        assert!(me.get(&account).await.texts(".latest tbody tr").is_empty());
        assert!(
            me.get(&statistics)
                .await
                .texts(".totals tbody tr")
                .is_empty()
        );
        assert!(listed(me.get(&list).await).is_empty());

        // The same secret, so the same session cookie signs this browser in on both.
        let second = tally::web::Application::build(app.settings()).expect("second instance");
        let other = Browser {
            base: format!("http://127.0.0.1:{}", second.port()),
            client: me.client.clone(),
        };
        let server = tokio::spawn(second.run());
        let dashboard = other.get(&account).await;
        let fields = expense_fields(&dashboard, &[("amount", "30.00"), ("description", "Paint")]);
        post_fields(&other, &format!("{account}/expenses"), &fields)
            .await
            .assert_redirect_to(&account);
        server.abort();

        let page = me.get(&account).await;
        assert_eq!(page.texts(".latest tbody td a"), vec!["Paint"]);
        assert_eq!(
            me.get(&statistics).await.texts(".totals tbody tr"),
            vec!["Sam €30.00 €30.00 €0.00"]
        );
        assert_eq!(listed(me.get(&list).await), vec!["Paint"]);
        // And a change through this instance shows too (the kept view is of the old version).
        let fields = expense_fields(&page, &[("amount", "5.00"), ("description", "Tape")]);
        post_fields(&me, &format!("{account}/expenses"), &fields).await;
        assert_eq!(
            me.get(&account).await.texts(".latest tbody td a"),
            vec!["Tape", "Paint"]
        );
        assert_eq!(
            me.get(&statistics).await.texts(".totals tbody tr"),
            vec!["Sam €35.00 €35.00 €0.00"]
        );
        assert_eq!(listed(me.get(&list).await), vec!["Tape", "Paint"]);
    });
}

/// The dashboard's and the list's bodies are rendered once per account version and kept (see
/// `web::body`): what is each reader's own must still be — "you" and the form's payer, the
/// form token, fresh ids in every form, the language — and a button on a kept page works.
fn a_kept_page_is_still_each_readers_own(db: TestDb) {
    with_app(db, |app| async move {
        let sam = app.me();
        sam.register("sam@example.org", "Sam").await;
        let account = sam.open_account("Flat", "Sam").await;
        let url = sam
            .get(&format!("{account}/members"))
            .await
            .attr("#invite-url", "value")
            .expect("an invite link");
        let join = &url[url.find("/join/").expect("a join link")..];
        let kim = app.browser();
        kim.register("kim@example.org", "Kim").await;
        kim.post(join, &[("choice", "new"), ("name", "Kim")])
            .await
            .assert_redirect_to(&account);
        let dashboard = sam.get(&account).await;
        let fields = expense_fields(&dashboard, &[("amount", "30"), ("description", "Rent")]);
        post_fields(&sam, &format!("{account}/expenses"), &fields)
            .await
            .assert_redirect_to(&account);

        // Read twice by Sam and once by Kim at the same version.
        let (sam_first, sam_again, kim_page) = (
            sam.get(&account).await,
            sam.get(&account).await,
            kim.get(&account).await,
        );
        for page in [&sam_first, &sam_again, &kim_page] {
            assert_eq!(page.status, StatusCode::OK);
            assert!(!page.body.contains("tally-hole"), "{}", page.body);
            assert_eq!(page.text(".suggestion"), "Kim pays Sam €15.00");
            assert_eq!(page.texts(".latest tbody td a"), vec!["Rent"]);
        }
        assert_eq!(
            sam_first.texts(".balances tbody th"),
            vec!["Sam (you)", "Kim"]
        );
        assert_eq!(
            kim_page.texts(".balances tbody th"),
            vec!["Sam", "Kim (you)"]
        );
        assert_eq!(sam_first.text("#payer option[selected]"), "Sam");
        assert_eq!(kim_page.text("#payer option[selected]"), "Kim");
        let (sam_token, kim_token) = (sam.csrf().await, kim.csrf().await);
        assert_ne!(sam_token, kim_token);
        assert!(
            sam_first
                .attrs("input[name=csrf_token]", "value")
                .iter()
                .all(|t| *t == sam_token)
        );
        assert!(
            kim_page
                .attrs("input[name=csrf_token]", "value")
                .iter()
                .all(|t| *t == kim_token)
        );
        for field in ["expense_id", "transfer_id"] {
            let selector = format!("input[name={field}]");
            let ids = [&sam_first, &sam_again, &kim_page].map(|p| p.attr(&selector, "value"));
            assert!(ids.iter().all(Option::is_some), "{field}: {ids:?}");
            assert!(
                ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2],
                "{field}: {ids:?}"
            );
        }

        // Kim's settle-up button, from the kept page, records the payment once.
        let settle = form_fields(&kim_page, "ul.settle form");
        post_fields(&kim, &format!("{account}/transfers"), &settle)
            .await
            .assert_redirect_to(&account);
        post_fields(&kim, &format!("{account}/transfers"), &settle).await;
        let settled = sam.get(&account).await;
        assert_eq!(settled.text(".settled"), "Everyone is settled.");

        // The same version in another language: the page is in that language.
        let list = format!("{account}/expenses");
        let heading = |page: &Page| page.text("h2, p.total");
        let english = [kim.get(&account).await, kim.get(&list).await];
        assert_eq!(english[1].texts("table.expenses td .what"), vec!["Rent"]);
        kim.post("/language", &[("lang", "es"), ("next", &account)])
            .await
            .assert_redirect_to(&account);
        for (path, english) in [account.as_str(), list.as_str()].into_iter().zip(&english) {
            let spanish = kim.get(path).await;
            assert_eq!(spanish.attr("html", "lang").as_deref(), Some("es"));
            assert_ne!(heading(&spanish), heading(english), "{path}");
            assert!(!spanish.body.contains("tally-hole"), "{}", spanish.body);
        }
        assert_eq!(
            sam.get(&list).await.attr("html", "lang").as_deref(),
            Some("en")
        );
    });
}

backend_tests!(
    a_kept_page_is_still_each_readers_own,
    a_change_made_through_another_instance_shows_at_once,
    a_payment_of_any_amount_is_recorded_from_its_own_page,
    viewing_a_page_sends_the_session_cookie_only_when_it_changed,
    opening_an_account_twice_with_one_form_opens_one,
    a_new_account_shows_its_dashboard,
    recording_an_expense_updates_the_dashboard_once,
    a_bad_expense_is_shown_again_with_a_message_per_field,
);

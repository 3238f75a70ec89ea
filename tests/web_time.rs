//! Each person's own time zone: history times on their clock, "today" in the date fields by
//! their calendar, the browser's zone proposed once, and a refused zone shown again.

mod common;

use chrono::{DateTime, TimeZone as _, Utc};
use common::TestDb;
use common::web::*;
use reqwest::StatusCode;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("valid")
        .with_timezone(&Utc)
}

/// The first history entry's shown time and its machine-readable instant.
async fn first_history_time(b: &Browser, account: &str) -> (String, DateTime<Utc>) {
    let page = b.get(&format!("{account}/history")).await;
    assert_eq!(page.status, StatusCode::OK);
    let shown = page.text("time");
    let instant = at(&page.attr("time", "datetime").expect("a time element"));
    (shown, instant)
}

async fn set_zone(b: &Browser, zone: &str) -> Page {
    b.post("/settings/time-zone", &[("time_zone", zone)]).await
}

fn history_times_are_shown_in_the_persons_zone(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("sam@example.org", "Sam").await;
        let account = me.open_account("Flat", "Sam").await;

        // Without a zone (no JavaScript proposed one): UTC, said so.
        let (utc_shown, instant) = first_history_time(&me, &account).await;
        assert_eq!(utc_shown, instant.format("%-d %b %Y %H:%M UTC").to_string());
        let hint = me.get(&format!("{account}/history")).await.text(".hint");
        assert!(hint.contains("Times are in UTC"), "{hint}");

        set_zone(&me, "Pacific/Auckland")
            .await
            .assert_redirect_to("/settings");
        let (shown, same) = first_history_time(&me, &account).await;
        assert_eq!(same, instant, "the instant itself does not change");
        let local = chrono_tz::Pacific::Auckland.from_utc_datetime(&instant.naive_utc());
        assert_eq!(shown, local.format("%-d %b %Y %H:%M %Z").to_string());
        assert!(
            shown.ends_with(" NZDT") || shown.ends_with(" NZST"),
            "with the zone's abbreviation: {shown}"
        );
        assert_ne!(shown, utc_shown, "Auckland is 12 or 13 hours ahead");
        let hint = me.get(&format!("{account}/history")).await.text(".hint");
        assert!(hint.contains("Times are in Pacific/Auckland"), "{hint}");

        // The settings page shows the chosen zone.
        let settings = me.get("/settings").await;
        assert_eq!(
            settings
                .attr("#time_zone option[selected]", "value")
                .as_deref(),
            Some("Pacific/Auckland")
        );
    });
}

fn today_in_the_date_fields_is_the_persons_date(db: TestDb) {
    with_app(db, |app| async move {
        // 20:00 UTC on 15 June is 08:00 on 16 June in Auckland (NZST, +12).
        app.settings().clock.set(at("2026-06-15T20:00:00Z"));
        let me = app.me();
        me.register("sam@example.org", "Sam").await;
        let account = me.open_account("Flat", "Sam").await;
        let dates = |b: Browser, account: String| async move {
            let new = b.get(&format!("{account}/expenses/new")).await;
            let dashboard = b.get(&account).await;
            let payment = b.get(&format!("{account}/payments/new")).await;
            [
                new.attr("#date", "value").unwrap_or_default(),
                dashboard.attr("#date", "value").unwrap_or_default(),
                payment.attr("#date", "value").unwrap_or_default(),
            ]
        };
        assert_eq!(dates(me.clone(), account.clone()).await, ["2026-06-15"; 3]);
        set_zone(&me, "Pacific/Auckland")
            .await
            .assert_redirect_to("/settings");
        assert_eq!(dates(me.clone(), account.clone()).await, ["2026-06-16"; 3]);

        // An expense dated by that default is recorded and listed in the one date form.
        let form = me.get(&format!("{account}/expenses/new")).await;
        let mut fields = form_fields(&form, "form.expense-form");
        set(&mut fields, "amount", "12.00");
        set(&mut fields, "description", "Bread");
        post_fields(&me, &format!("{account}/expenses"), &fields)
            .await
            .assert_redirect_to(&account);
        let list = me.get(&format!("{account}/expenses")).await;
        assert!(list.body.contains("16 Jun 2026"), "{}", list.body);

        // At a UTC time where both calendars agree, so do the fields.
        app.settings().clock.set(at("2026-06-15T09:00:00Z"));
        assert_eq!(dates(me.clone(), account.clone()).await, ["2026-06-15"; 3]);
    });
}

fn an_unknown_zone_is_refused_and_the_form_shown_again(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("sam@example.org", "Sam").await;
        set_zone(&me, "Europe/Madrid")
            .await
            .assert_redirect_to("/settings");
        for bad in ["Mars/Olympus", "", "europe/madrid ", "<b>UTC</b>", "UTC\0"] {
            let page = set_zone(&me, bad).await;
            assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad:?}");
            assert_eq!(
                page.text("#time_zone-error"),
                "Choose a time zone from the list (for example Europe/Madrid).",
                "{bad:?}"
            );
            assert_eq!(
                page.attr("#time_zone", "aria-invalid").as_deref(),
                Some("true")
            );
        }
        let settings = me.get("/settings").await;
        assert_eq!(
            settings
                .attr("#time_zone option[selected]", "value")
                .as_deref(),
            Some("Europe/Madrid"),
            "the refused values changed nothing"
        );
    });
}

fn the_browsers_zone_is_proposed_once(db: TestDb) {
    with_app(db, |app| async move {
        // Registering with the field the script fills in.
        let me = app.me();
        let page = me
            .post(
                "/signup",
                &[
                    ("email", "sam@example.org"),
                    ("display_name", "Sam"),
                    ("password", PASSWORD),
                    ("time_zone", "Asia/Tokyo"),
                ],
            )
            .await;
        page.assert_redirect_to("/");
        let settings = me.get("/settings").await;
        assert_eq!(
            settings
                .attr("#time_zone option[selected]", "value")
                .as_deref(),
            Some("Asia/Tokyo")
        );
        assert!(settings.attr("#time_zone", "data-propose").is_none());

        // A later sign-in from a browser elsewhere does not undo it.
        me.post("/signout", &[]).await;
        me.post(
            "/signin",
            &[
                ("email", "sam@example.org"),
                ("password", PASSWORD),
                ("time_zone", "America/Lima"),
            ],
        )
        .await
        .assert_redirect_to("/");
        let settings = me.get("/settings").await;
        assert_eq!(
            settings
                .attr("#time_zone option[selected]", "value")
                .as_deref(),
            Some("Asia/Tokyo")
        );

        // Someone without a zone (no JavaScript at registration) gets it at a sign-in; a
        // proposal that is no zone is ignored without a word.
        let ben = app.browser();
        ben.register("ben@example.org", "Ben").await;
        let settings = ben.get("/settings").await;
        assert_eq!(
            settings
                .attr("#time_zone option[selected]", "value")
                .as_deref(),
            Some("UTC")
        );
        assert!(settings.attr("#time_zone", "data-propose").is_some());
        ben.post("/signout", &[]).await;
        let signin = ben.get("/signin").await;
        assert!(
            signin
                .attr("input[name=time_zone][data-propose]", "value")
                .is_some()
        );
        for (proposal, expected) in [("Not/AZone", "UTC"), ("America/Lima", "America/Lima")] {
            ben.post(
                "/signin",
                &[
                    ("email", "ben@example.org"),
                    ("password", PASSWORD),
                    ("time_zone", proposal),
                ],
            )
            .await
            .assert_redirect_to("/");
            let settings = ben.get("/settings").await;
            assert_eq!(
                settings
                    .attr("#time_zone option[selected]", "value")
                    .as_deref(),
                Some(expected),
                "{proposal}"
            );
            ben.post("/signout", &[]).await;
        }
        // The script is served, and only as a file (the CSP forbids inline scripts).
        let script = app.browser().get("/static/timezone.js").await;
        assert_eq!(script.status, StatusCode::OK);
        assert!(script.body.contains("resolvedOptions().timeZone"));
    });
}

backend_tests!(
    history_times_are_shown_in_the_persons_zone,
    today_in_the_date_fields_is_the_persons_date,
    an_unknown_zone_is_refused_and_the_form_shown_again,
    the_browsers_zone_is_proposed_once,
);

//! "Forgot your password?" with a mail server configured: the link arrives by mail and works
//! once, an unknown address gets the same answer and no mail, requests are throttled, and
//! without mail settings the page does not exist.

mod common;

use common::TestDb;
use common::smtp::FakeSmtp;
use common::web::*;
use reqwest::StatusCode;
use std::time::Duration;

/// Long enough for a loaded machine to hand the mail over; only a failure waits this long.
const MAIL_WAIT: Duration = Duration::from_secs(20);
/// How long to wait for a mail that must not come.
const NO_MAIL_WAIT: Duration = Duration::from_secs(2);

fn with_mail<F, Fut>(db: TestDb, test: F)
where
    F: FnOnce(TestApp, FakeSmtp) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let smtp = FakeSmtp::start();
    let url = smtp.url.clone();
    with_app_configured(
        db,
        move |s| {
            s.smtp = Some(tally::config::SmtpSettings {
                url,
                from: "Tally <tally@example.org>".to_owned(),
            });
        },
        |app| test(app, smtp),
    );
}

/// Waits on the fake server's channel off the async threads.
async fn next_mail(smtp: &FakeSmtp, wait: Duration) -> Option<common::smtp::Mail> {
    tokio::task::block_in_place(|| smtp.next(wait))
}

fn the_link_arrives_by_mail_and_works_once(db: TestDb) {
    with_mail(db, |app, smtp| async move {
        let sam = app.browser();
        sam.register("Sam@Example.org", "Sam").await;
        sam.post("/signout", &[]).await;

        let visitor = app.browser();
        let signin = visitor.get("/signin").await;
        assert_eq!(
            signin.attr("a[href='/forgot']", "href").as_deref(),
            Some("/forgot"),
            "the sign-in page links to the forgot page when mail is configured"
        );
        let page = visitor.get("/forgot").await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.text("h1"), "Forgot your password?");

        let sent = visitor
            .post("/forgot", &[("email", "sam@example.org")])
            .await;
        sent.assert_redirect_to("/signin");
        let mail = next_mail(&smtp, MAIL_WAIT).await.expect("a mail arrives");
        assert!(
            mail.to.iter().any(|to| to.contains("Sam@Example.org")),
            "{mail:?}"
        );
        assert!(mail.from.contains("tally@example.org"), "{mail:?}");
        assert!(
            mail.text().contains("Subject: Reset your tally password"),
            "{mail:?}"
        );
        let token = mail.reset_token().expect("a reset link in the mail");
        assert!(
            mail.text()
                .contains(&format!("{}/reset?token={token}", app.base)),
            "the link starts with the public address: {}",
            mail.text()
        );

        let reset = visitor.get(&format!("/reset?token={token}")).await;
        assert_eq!(reset.status, StatusCode::OK);
        assert!(
            reset.attr("form.reset-form", "action").is_some(),
            "{}",
            reset.body
        );
        let new_password = "a brand new passphrase";
        let done = visitor
            .post(
                "/reset",
                &[
                    ("token", token.as_str()),
                    ("new_password", new_password),
                    ("confirm_password", new_password),
                ],
            )
            .await;
        done.assert_redirect_to("/signin");
        let again = visitor
            .post(
                "/reset",
                &[
                    ("token", token.as_str()),
                    ("new_password", "yet another passphrase"),
                    ("confirm_password", "yet another passphrase"),
                ],
            )
            .await;
        assert_eq!(
            again.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a link works once"
        );

        let signed_in = visitor
            .post(
                "/signin",
                &[("email", "sam@example.org"), ("password", new_password)],
            )
            .await;
        signed_in.assert_redirect_to("/");
    });
}

fn an_unknown_address_gets_the_same_answer_and_no_mail(db: TestDb) {
    with_mail(db, |app, smtp| async move {
        app.browser().register("sam@example.org", "Sam").await;
        let answer = |email: &'static str| {
            let visitor = app.browser();
            async move {
                let sent = visitor.post("/forgot", &[("email", email)]).await;
                let shown = visitor.get(sent.location.as_deref().unwrap_or("/")).await;
                (
                    sent.status,
                    sent.location,
                    shown.status,
                    shown.text(".flash"),
                )
            }
        };
        let unknown = answer("nobody@example.org").await;
        assert_eq!(
            next_mail(&smtp, NO_MAIL_WAIT).await.map(|m| m.to),
            None,
            "no mail for an address without an account"
        );
        let known = answer("sam@example.org").await;
        assert_eq!(unknown, known, "the answers are identical");
        assert_eq!(known.0, StatusCode::SEE_OTHER);
        assert!(
            known.3.starts_with("If an account exists for that address"),
            "{known:?}"
        );
        assert!(
            next_mail(&smtp, MAIL_WAIT).await.is_some(),
            "the known one is mailed"
        );
    });
}

fn requests_are_throttled_like_sign_ins(db: TestDb) {
    with_mail(db, |app, smtp| async move {
        app.browser().register("sam@example.org", "Sam").await;
        let visitor = app.browser();
        let mut statuses = Vec::new();
        for _ in 0..8 {
            let page = visitor
                .post("/forgot", &[("email", "sam@example.org")])
                .await;
            statuses.push(page.status.as_u16());
        }
        // The sign-in throttle allows five attempts per address and client in its window.
        assert_eq!(statuses[..5], [303; 5], "{statuses:?}");
        assert!(statuses[5..].iter().all(|s| *s == 429), "{statuses:?}");
        let mut mails = 0;
        while next_mail(&smtp, NO_MAIL_WAIT).await.is_some() {
            mails += 1;
        }
        assert_eq!(mails, 5, "nothing is mailed for a throttled request");
        // Signing in with the right password from this client is throttled too: it is the
        // same counter.
        let signin = visitor
            .post(
                "/signin",
                &[("email", "sam@example.org"), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(signin.status, StatusCode::TOO_MANY_REQUESTS);
    });
}

fn a_mailed_link_expires_after_an_hour(db: TestDb) {
    with_mail(db, |app, smtp| async move {
        app.browser().register("sam@example.org", "Sam").await;
        let visitor = app.browser();
        visitor
            .post("/forgot", &[("email", "sam@example.org")])
            .await
            .assert_redirect_to("/signin");
        let mail = next_mail(&smtp, MAIL_WAIT).await.expect("a mail arrives");
        assert!(
            mail.text().contains("It works once, for 60 minutes."),
            "{}",
            mail.text()
        );
        let token = mail.reset_token().expect("a link");
        app.settings()
            .clock
            .set(chrono::Utc::now() + chrono::Duration::minutes(61));
        let page = visitor.get(&format!("/reset?token={token}")).await;
        assert!(
            page.attr("form.reset-form", "action").is_none(),
            "{}",
            page.body
        );
        assert!(
            page.text(".notice")
                .starts_with("This reset link is not valid")
        );
        assert_eq!(
            page.attr(".notice a", "href").as_deref(),
            Some("/forgot"),
            "a new link can be asked for by mail"
        );
    });
}

fn a_malformed_address_is_shown_again_with_a_message(db: TestDb) {
    with_mail(db, |app, smtp| async move {
        let visitor = app.browser();
        let page = visitor
            .post("/forgot", &[("email", "not an address")])
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            page.attr("#email", "value").as_deref(),
            Some("not an address")
        );
        assert_eq!(
            page.text("#email-error"),
            "Enter an email address like sam@example.com."
        );
        assert!(next_mail(&smtp, NO_MAIL_WAIT).await.is_none());
    });
}

fn without_mail_settings_there_is_no_forgot_page(db: TestDb) {
    with_app(db, |app| async move {
        let visitor = app.browser();
        let signin = visitor.get("/signin").await;
        assert!(signin.attr("a[href='/forgot']", "href").is_none());
        assert!(signin.body.contains("Ask whoever runs this tally"));
        assert_eq!(visitor.get("/forgot").await.status, StatusCode::NOT_FOUND);
        let posted = visitor
            .post("/forgot", &[("email", "sam@example.org")])
            .await;
        assert_eq!(posted.status, StatusCode::NOT_FOUND);
    });
}

backend_tests!(
    the_link_arrives_by_mail_and_works_once,
    an_unknown_address_gets_the_same_answer_and_no_mail,
    requests_are_throttled_like_sign_ins,
    a_mailed_link_expires_after_an_hour,
    a_malformed_address_is_shown_again_with_a_message,
    without_mail_settings_there_is_no_forgot_page,
);

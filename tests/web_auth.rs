//! Register, sign in, sign out, sessions and throttling, through HTTP.

mod common;

use common::TestDb;
use common::web::*;
use reqwest::StatusCode;

fn registering_signs_you_in_and_shows_the_home_page(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        let anonymous = me.get("/").await;
        anonymous.assert_redirect_to("/signin?next=%2F");
        me.register("sam@example.org", "Sam").await;
        let home = me.get("/").await;
        assert_eq!(home.status, StatusCode::OK);
        assert_eq!(home.text("h1"), "Your shared accounts");
        assert_eq!(home.text("header .who"), "Sam");
        assert_eq!(
            home.text(".flash"),
            "Welcome to tally! Your account is ready."
        );
        assert_eq!(me.get("/").await.text(".flash"), "", "a flash shows once");
    });
}

fn registration_errors_keep_values_and_explain_each_field(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        let page = me
            .post(
                "/signup",
                &[
                    ("email", "not-an-email"),
                    ("display_name", "  "),
                    ("password", "short"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            page.attr("#email", "value").as_deref(),
            Some("not-an-email")
        );
        assert!(page.text("#email-error").contains("email address"));
        assert!(page.text("#display_name-error").contains("empty"));
        assert!(page.text("#password-error").contains("at least 10"));
        let common = me
            .post(
                "/signup",
                &[
                    ("email", "a@b.org"),
                    ("display_name", "A"),
                    ("password", "password123"),
                ],
            )
            .await;
        assert!(common.text("#password-error").contains("too common"));
    });
}

fn emails_are_unique_without_regard_to_case(db: TestDb) {
    with_app(db, |app| async move {
        app.me().register("Sam@Example.org", "Sam").await;
        let other = app.browser();
        let page = other
            .post(
                "/signup",
                &[
                    ("email", "sam@example.ORG"),
                    ("display_name", "Imposter"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.text("#email-error").contains("exists already"));
    });
}

fn signing_in_and_out_really_ends_the_session(db: TestDb) {
    with_app(db, |app| async move {
        app.me().register("kim@example.org", "Kim").await;
        let browser = app.browser();
        let wrong = browser
            .post(
                "/signin",
                &[
                    ("email", "kim@example.org"),
                    ("password", "not the password"),
                ],
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        let unknown = browser
            .post(
                "/signin",
                &[
                    ("email", "nobody@example.org"),
                    ("password", "not the password"),
                ],
            )
            .await;
        assert_eq!(
            unknown.text("#signin-error"),
            wrong.text("#signin-error"),
            "same message either way"
        );
        let ok = browser
            .post(
                "/signin",
                &[
                    ("email", "KIM@example.org"),
                    ("password", PASSWORD),
                    ("next", "/?from=test"),
                ],
            )
            .await;
        ok.assert_redirect_to("/?from=test");
        let cookie = ok
            .headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("tally_session="))
            .expect("session cookie set")
            .to_owned();
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Lax"), "{cookie}");
        let cookie_pair = cookie.split(';').next().expect("pair").to_owned();
        assert_eq!(browser.get("/").await.status, StatusCode::OK);

        browser
            .post("/signout", &[])
            .await
            .assert_redirect_to("/signin");
        browser.get("/").await.assert_redirect_to("/signin");
        // Replaying the old cookie after sign-out gets nowhere.
        let replay = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
            .get(app.url("/"))
            .header("cookie", cookie_pair)
            .send()
            .await
            .expect("GET");
        assert_eq!(replay.status(), StatusCode::SEE_OTHER);
    });
}

fn open_redirects_are_refused(db: TestDb) {
    with_app(db, |app| async move {
        app.me().register("lee@example.org", "Lee").await;
        let browser = app.browser();
        for evil in [
            "//evil.example/",
            "https://evil.example/",
            "/\\evil.example",
        ] {
            let page = browser
                .post(
                    "/signin",
                    &[
                        ("email", "lee@example.org"),
                        ("password", PASSWORD),
                        ("next", evil),
                    ],
                )
                .await;
            page.assert_redirect_to("/");
            assert_eq!(page.location.as_deref(), Some("/"), "{evil}");
        }
    });
}

fn five_failures_in_a_minute_lock_the_address(db: TestDb) {
    with_app(db, |app| async move {
        app.me().register("jo@example.org", "Jo").await;
        let browser = app.browser();
        for _ in 0..5 {
            let page = browser
                .post(
                    "/signin",
                    &[
                        ("email", "jo@example.org"),
                        ("password", "wrong wrong wrong"),
                    ],
                )
                .await;
            assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        }
        let locked = browser
            .post(
                "/signin",
                &[("email", "JO@example.org"), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(
            locked.status,
            StatusCode::TOO_MANY_REQUESTS,
            "even the right password waits"
        );
        assert_eq!(locked.text("h1"), "Too many attempts");
        let other = browser
            .post(
                "/signin",
                &[
                    ("email", "someone@example.org"),
                    ("password", "wrong wrong wrong"),
                ],
            )
            .await;
        assert_eq!(
            other.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "other addresses are not locked"
        );
    });
}

fn a_post_without_the_right_csrf_token_is_forbidden(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("max@example.org", "Max").await;
        let no_token = me
            .post_raw(
                "/accounts",
                &[
                    ("name", "Flat"),
                    ("currency", "EUR"),
                    ("member_name", "Max"),
                ],
            )
            .await;
        assert_eq!(no_token.status, StatusCode::FORBIDDEN);
        let wrong = me
            .post_raw(
                "/accounts",
                &[
                    ("csrf_token", "forged"),
                    ("name", "Flat"),
                    ("currency", "EUR"),
                    ("member_name", "Max"),
                ],
            )
            .await;
        assert_eq!(wrong.status, StatusCode::FORBIDDEN);
        assert!(
            me.get("/").await.texts(".cards li").is_empty(),
            "nothing was opened"
        );
    });
}

fn security_headers_are_on_every_page(db: TestDb) {
    with_app(db, |app| async move {
        for path in ["/signin", "/nowhere", "/healthz"] {
            let page = app.me().get(path).await;
            let csp = page
                .headers
                .get("content-security-policy")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            assert!(
                csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"),
                "{path}: {csp}"
            );
            assert_eq!(
                page.headers
                    .get("x-content-type-options")
                    .map(|v| v.as_bytes()),
                Some(&b"nosniff"[..])
            );
            assert!(page.headers.get("referrer-policy").is_some());
            assert!(page.headers.get("permissions-policy").is_some());
        }
        let missing = app.me().get("/nowhere").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert_eq!(missing.text("h1"), "Page not found");
    });
}

fn changing_the_password_signs_out_every_other_session(db: TestDb) {
    with_app(db, |app| async move {
        let laptop = app.me();
        laptop.register("ana@example.org", "Ana").await;
        let phone = app.browser();
        phone
            .post(
                "/signin",
                &[("email", "ana@example.org"), ("password", PASSWORD)],
            )
            .await
            .assert_redirect_to("/");
        let wrong = laptop
            .post(
                "/settings/password",
                &[
                    ("current_password", "nope nope nope"),
                    ("new_password", "a brand new secret"),
                    ("confirm_password", "a brand new secret"),
                ],
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            wrong
                .text("#current_password-error")
                .contains("not your current password")
        );
        let mismatch = laptop
            .post(
                "/settings/password",
                &[
                    ("current_password", PASSWORD),
                    ("new_password", "a brand new secret"),
                    ("confirm_password", "another one entirely"),
                ],
            )
            .await;
        assert!(mismatch.text("#confirm_password-error").contains("differ"));
        let done = laptop
            .post(
                "/settings/password",
                &[
                    ("current_password", PASSWORD),
                    ("new_password", "a brand new secret"),
                    ("confirm_password", "a brand new secret"),
                ],
            )
            .await;
        done.assert_redirect_to("/");
        assert_eq!(
            laptop.get("/").await.status,
            StatusCode::OK,
            "this browser stays signed in"
        );
        phone.get("/").await.assert_redirect_to("/signin");
        let old = app
            .browser()
            .post(
                "/signin",
                &[("email", "ana@example.org"), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(
            old.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "the old password no longer works"
        );
        app.browser()
            .post(
                "/signin",
                &[
                    ("email", "ana@example.org"),
                    ("password", "a brand new secret"),
                ],
            )
            .await
            .assert_redirect_to("/");
    });
}

/// A reset link from `tally reset-password` (here the library call it makes): the page sets
/// a new password once, signs out every device, keeps only the token's hash, refuses a used,
/// replaced or expired link without saying anything about the account.
fn a_reset_link_sets_a_new_password_once(db: TestDb) {
    with_app(db, |app| async move {
        let sam = app.me();
        sam.register("sam@example.org", "Sam").await;
        let user = {
            let mut conn = app.db.conn();
            let email = tally::identity::Email::parse("sam@example.org").expect("email");
            tally::identity::find_by_email(&mut conn, &email)
                .expect("query")
                .expect("user")
                .id()
        };
        let now = chrono::Utc::now();
        let mut conn = app.db.conn();
        let old = tally::identity::reset::create(&mut conn, user, now).expect("token");
        let token = tally::identity::reset::create(&mut conn, user, now).expect("token");
        let expired = tally::identity::reset::create(
            &mut conn,
            tally::domain::UserId::new(),
            now - chrono::Duration::minutes(61),
        )
        .expect("token");
        // Only hashes are stored.
        use diesel::prelude::*;
        let hashes: Vec<Vec<u8>> = tally::infrastructure::schema::password_resets::table
            .select(tally::infrastructure::schema::password_resets::token_hash)
            .load(&mut conn)
            .expect("rows");
        assert_eq!(hashes.len(), 2, "the newer link replaced the older one");
        assert!(
            hashes
                .iter()
                .all(|h| h.len() == 32 && !token.as_bytes().windows(32).any(|w| w == h.as_slice()))
        );

        let visitor = app.browser();
        for bad in [old.as_str(), expired.as_str(), "nonsense", ""] {
            let page = visitor.get(&format!("/reset?token={bad}")).await;
            assert_eq!(page.status, StatusCode::OK);
            assert!(
                page.text(".notice").contains("not valid"),
                "{bad}: {}",
                page.body
            );
            assert!(page.attr("form.reset-form", "action").is_none());
        }
        let page = visitor.get(&format!("/reset?token={token}")).await;
        assert_eq!(page.attr("input[name=token]", "value"), Some(token.clone()));
        let new_password = "a new password for sam";
        let mismatch = visitor
            .post(
                "/reset",
                &[
                    ("token", &token),
                    ("new_password", new_password),
                    ("confirm_password", "something else entirely"),
                ],
            )
            .await;
        assert_eq!(mismatch.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            mismatch.text("#confirm_password-error"),
            "The two new passwords differ."
        );
        let done = visitor
            .post(
                "/reset",
                &[
                    ("token", &token),
                    ("new_password", new_password),
                    ("confirm_password", new_password),
                ],
            )
            .await;
        done.assert_redirect_to("/signin");
        // Every session of Sam ended; the new password works, the old one does not.
        sam.get("/").await.assert_redirect_to("/signin");
        let wrong = visitor
            .post(
                "/signin",
                &[("email", "sam@example.org"), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        visitor
            .post(
                "/signin",
                &[("email", "sam@example.org"), ("password", new_password)],
            )
            .await
            .assert_redirect_to("/");
        // Used once: the link is spent.
        let again = app
            .browser()
            .post(
                "/reset",
                &[
                    ("token", &token),
                    ("new_password", "yet another password"),
                    ("confirm_password", "yet another password"),
                ],
            )
            .await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(again.text(".error-summary").contains("not valid"));
    });
}

backend_tests!(
    a_reset_link_sets_a_new_password_once,
    changing_the_password_signs_out_every_other_session,
    registering_signs_you_in_and_shows_the_home_page,
    registration_errors_keep_values_and_explain_each_field,
    emails_are_unique_without_regard_to_case,
    signing_in_and_out_really_ends_the_session,
    open_redirects_are_refused,
    five_failures_in_a_minute_lock_the_address,
    a_post_without_the_right_csrf_token_is_forbidden,
    security_headers_are_on_every_page,
);

//! Security properties that are not about a single form: sessions that end when idle,
//! secrets that never reach the log, security headers on every page of the router, secrets
//! stored only as hashes, and throttled password guessing.

mod common;

use chrono::{Duration as ChronoDuration, Utc};
use common::TestDb;
use common::web::*;
use diesel::prelude::*;
use reqwest::StatusCode;
use sha2::{Digest, Sha256};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tally::config::Settings;
use tally::domain::{ExpenseId, MemberId};
use tally::infrastructure::db::DatabaseUrl;
use tally::infrastructure::schema::{account_invites, events, user_sessions, users};
use tally::web::routes;

/// Runs a test against an app built from `settings_for(db)` changed by `edit`.
fn with_settings<F, Fut>(db: TestDb, edit: impl FnOnce(&mut Settings), test: F)
where
    F: FnOnce(Browser, TestDb) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    with_app_configured(db, edit, |app| test(app.me(), app.db));
}

/// Sets every session's last activity `minutes` into the past.
fn idle_for(db: &TestDb, minutes: i64) {
    let then = (Utc::now() - ChronoDuration::minutes(minutes)).naive_utc();
    diesel::update(user_sessions::table)
        .set(user_sessions::last_seen_at.eq(then))
        .execute(&mut db.conn())
        .expect("age the sessions");
}

fn session_count(db: &TestDb) -> i64 {
    user_sessions::table
        .count()
        .get_result(&mut db.conn())
        .expect("count sessions")
}

/// The `tally_session=…` pair a response set, if any.
fn session_cookie(page: &Page) -> Option<String> {
    page.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("tally_session="))
        .and_then(|c| c.split(';').next())
        .map(str::to_owned)
}

fn sessions_end_after_the_configured_idle_time(db: TestDb) {
    let idle = Duration::from_secs(10 * 60);
    with_settings(
        db,
        |s| s.session_idle_timeout = idle,
        |me, db| async move {
            let signup = me
                .post(
                    "/signup",
                    &[
                        ("email", "idle@example.org"),
                        ("display_name", "Ida"),
                        ("password", PASSWORD),
                    ],
                )
                .await;
            signup.assert_redirect_to("/");
            let cookie = session_cookie(&signup).expect("a session cookie");
            assert_eq!(me.get("/").await.status, StatusCode::OK);

            // Nine minutes idle: still signed in, and the activity time moves on.
            idle_for(&db, 9);
            assert_eq!(me.get("/").await.status, StatusCode::OK, "9 of 10 minutes");
            let seen: chrono::NaiveDateTime = user_sessions::table
                .select(user_sessions::last_seen_at)
                .first(&mut db.conn())
                .expect("session");
            assert!(
                Utc::now().naive_utc() - seen < ChronoDuration::minutes(1),
                "using the session refreshes its activity time"
            );

            // Eleven minutes idle: signed out, the session row is gone.
            idle_for(&db, 11);
            me.get("/").await.assert_redirect_to("/signin");
            assert_eq!(session_count(&db), 0, "the idle session was ended");
            // The old cookie, replayed by another client, gets nowhere either.
            let replay = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client")
                .get(format!("{}/", me.base))
                .header("cookie", cookie)
                .send()
                .await
                .expect("GET");
            assert_eq!(replay.status(), StatusCode::SEE_OTHER);
            // Signing in again works.
            me.post(
                "/signin",
                &[("email", "idle@example.org"), ("password", PASSWORD)],
            )
            .await
            .assert_redirect_to("/");
            assert_eq!(me.get("/").await.status, StatusCode::OK);
        },
    );
}

fn a_long_idle_timeout_keeps_sessions(db: TestDb) {
    with_settings(
        db,
        |s| s.session_idle_timeout = Duration::from_secs(24 * 3600),
        |me, db| async move {
            me.register("long@example.org", "Lou").await;
            idle_for(&db, 23 * 60);
            assert_eq!(me.get("/").await.status, StatusCode::OK, "23 of 24 hours");
            idle_for(&db, 25 * 60);
            me.get("/").await.assert_redirect_to("/signin");
        },
    );
}

// ----- Secrets and the log ------------------------------------------------------------------

/// Every `name="csrf_token"` value in a page.
fn csrf_tokens(page: &Page) -> Vec<String> {
    page.attrs("input[name=csrf_token]", "value")
}

/// Everything secret a run has seen, to look for in the log.
#[derive(Default)]
struct Secrets(Vec<(&'static str, String)>);

impl Secrets {
    fn add(&mut self, what: &'static str, value: impl Into<String>) {
        let value = value.into();
        if !value.is_empty() && !self.0.iter().any(|(_, v)| *v == value) {
            self.0.push((what, value));
        }
    }

    /// Cookies set and CSRF tokens shown by a response.
    fn note_page(&mut self, page: &Page) {
        if let Some(cookie) = session_cookie(page) {
            let value = cookie.trim_start_matches("tally_session=").to_owned();
            self.add("session cookie", value);
        }
        for token in csrf_tokens(page) {
            self.add("CSRF token", token);
        }
    }
}

fn database_url(db: &TestDb) -> String {
    match &db.url {
        DatabaseUrl::Sqlite(path) => path.clone(),
        DatabaseUrl::Mysql(url) => url.clone(),
    }
}

fn nothing_secret_reaches_the_log(db: TestDb) {
    let secret_key = format!("{}-the-server-secret-key", "k3y".repeat(24));
    let mut child = Command::new(env!("CARGO_BIN_EXE_tally"))
        .arg("serve")
        .env("TALLY_DATABASE_URL", database_url(&db))
        .env("TALLY_BIND", "127.0.0.1:0")
        .env("TALLY_SECRET_KEY", &secret_key)
        .env("TALLY_PUBLIC_URL", "http://127.0.0.1:8080")
        .env("TALLY_SESSION_IDLE_MINUTES", "30")
        .env("RUST_LOG", "debug")
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start tally");
    let log = Arc::new(Mutex::new(String::new()));
    let (port_tx, port_rx) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().expect("stderr");
    let reader = {
        let log = Arc::clone(&log);
        std::thread::spawn(move || {
            let mut sent = false;
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if !sent && let Some(rest) = line.split("port=").nth(1) {
                    let port = rest
                        .split_whitespace()
                        .next()
                        .and_then(|p| p.parse::<u16>().ok());
                    if let Some(port) = port {
                        let _ = port_tx.send(port);
                        sent = true;
                    }
                }
                let mut log = log.lock().expect("log");
                log.push_str(&line);
                log.push('\n');
            }
        })
    };
    let stdout = child.stdout.take().expect("stdout");
    let out_reader = {
        let log = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let mut log = log.lock().expect("log");
                log.push_str(&line);
                log.push('\n');
            }
        })
    };
    let port = port_rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the server logs its port");
    let base = format!("http://127.0.0.1:{port}");

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let secrets = runtime.block_on(async {
        let mut secrets = Secrets::default();
        secrets.add("server key", secret_key.clone());
        let first = "first password of Nora";
        let wrong = "a wrong guess at it";
        let second = "second password of Nora";
        let third = "password of Oskar the joiner";
        for (what, p) in [
            ("password", first),
            ("wrong password", wrong),
            ("new password", second),
            ("joiner's password", third),
        ] {
            secrets.add(what, p);
        }
        let nora = Browser {
            base: base.clone(),
            client: new_client(),
        };
        secrets.note_page(&nora.get("/signup").await);
        let page = nora
            .post(
                "/signup",
                &[
                    ("email", "nora@example.org"),
                    ("display_name", "Nora"),
                    ("password", first),
                ],
            )
            .await;
        page.assert_redirect_to("/");
        secrets.note_page(&page);
        secrets.note_page(&nora.get("/").await);
        nora.post("/signout", &[])
            .await
            .assert_redirect_to("/signin");
        let page = nora
            .post(
                "/signin",
                &[("email", "nora@example.org"), ("password", wrong)],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        secrets.note_page(&page);
        let page = nora
            .post(
                "/signin",
                &[("email", "nora@example.org"), ("password", first)],
            )
            .await;
        page.assert_redirect_to("/");
        secrets.note_page(&page);
        let page = nora
            .post(
                "/settings/password",
                &[
                    ("current_password", first),
                    ("new_password", second),
                    ("confirm_password", second),
                ],
            )
            .await;
        page.assert_redirect_to("/");
        secrets.note_page(&page);
        secrets.note_page(&nora.get("/settings/password").await);
        let account = nora.open_account("Flat N", "Nora").await;
        let members = nora.get(&format!("{account}/members")).await;
        secrets.note_page(&members);
        let old_token = invite_token(&members.body).expect("an invite link");
        secrets.add("invite token", old_token.clone());
        nora.post(&format!("{account}/invite"), &[])
            .await
            .assert_redirect_to(&format!("{account}/members"));
        let members = nora.get(&format!("{account}/members")).await;
        let token = invite_token(&members.body).expect("the new invite link");
        secrets.add("invite token", token.clone());

        let oskar = Browser {
            base: base.clone(),
            client: new_client(),
        };
        let page = oskar
            .post(
                "/signup",
                &[
                    ("email", "oskar@example.org"),
                    ("display_name", "Oskar"),
                    ("password", third),
                ],
            )
            .await;
        page.assert_redirect_to("/");
        secrets.note_page(&page);
        assert_eq!(
            oskar.get(&format!("/join/{old_token}")).await.status,
            StatusCode::NOT_FOUND,
            "the replaced link is dead"
        );
        let join = oskar.get(&format!("/join/{token}")).await;
        assert_eq!(join.status, StatusCode::OK);
        secrets.note_page(&join);
        // A refused POST to the join link is logged; its path holds the token.
        let refused = oskar
            .post_raw(&format!("/join/{token}"), &[("choice", "new")])
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let page = oskar
            .post(
                &format!("/join/{token}"),
                &[("choice", "new"), ("name", "Oskar")],
            )
            .await;
        page.assert_redirect_to(&account);
        secrets.note_page(&page);
        // A malformed expense id and an unknown page: logged at some level, no secret.
        assert_eq!(
            oskar
                .get(&format!("{account}/expenses/not-an-id/edit"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        secrets
    });
    let _ = child.kill();
    let _ = child.wait();
    let _ = reader.join();
    let _ = out_reader.join();

    // What the database holds is secret too: password hashes and stored token hashes.
    let mut secrets = secrets;
    let hashes: Vec<String> = users::table
        .select(users::password_hash)
        .load(&mut db.conn())
        .expect("hashes");
    for hash in hashes {
        secrets.add("password hash", hash);
    }

    let log = log.lock().expect("log").clone();
    assert!(
        log.lines().count() >= 5 && log.contains("port="),
        "the server logged too little to judge:\n{log}"
    );
    let mut leaks = Vec::new();
    for (what, value) in &secrets.0 {
        // As typed, and as a form body or query string carries it.
        let encoded = serde_urlencoded::to_string([("", value.as_str())])
            .expect("encode")
            .trim_start_matches('=')
            .to_owned();
        let mut forms = vec![value.clone()];
        if encoded != *value {
            forms.push(encoded);
        }
        for form in forms {
            // Short fragments of cookies could match by chance; secrets here are long.
            if form.len() >= 12
                && let Some(line) = log.lines().find(|l| l.contains(&form))
            {
                leaks.push(format!("{what} appears in: {line}"));
            }
        }
    }
    println!(
        "scanned {} log lines ({} bytes) for {} secrets",
        log.lines().count(),
        log.len(),
        secrets.0.len()
    );
    assert!(
        leaks.is_empty(),
        "secrets in the log:\n{}\n\nthe log:\n{log}",
        leaks.join("\n")
    );
}

// ----- Headers on every page ------------------------------------------------------------

/// What a response's security headers lack.
fn header_problems(page: &Page) -> Vec<String> {
    let header = |name: &str| {
        page.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    let mut problems = Vec::new();
    let csp = header("content-security-policy");
    for needed in [
        "default-src 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'none'",
    ] {
        if !csp.contains(needed) {
            problems.push(format!("CSP {csp:?} lacks {needed:?}"));
        }
    }
    for unsafe_source in ["unsafe-inline", "unsafe-eval", "*", "data: 'unsafe"] {
        if csp
            .split(';')
            .filter(|d| d.trim_start().starts_with("script-src") || d.contains("style-src"))
            .any(|d| d.contains(unsafe_source))
        {
            problems.push(format!("CSP {csp:?} allows {unsafe_source}"));
        }
    }
    if csp.contains("unsafe-inline") {
        problems.push(format!("CSP {csp:?} allows unsafe-inline"));
    }
    if header("x-content-type-options") != "nosniff" {
        problems.push("no X-Content-Type-Options: nosniff".to_owned());
    }
    let referrer = header("referrer-policy");
    if !matches!(
        referrer.as_str(),
        "no-referrer" | "same-origin" | "strict-origin" | "strict-origin-when-cross-origin"
    ) {
        problems.push(format!("Referrer-Policy {referrer:?}"));
    }
    let permissions = header("permissions-policy");
    for feature in ["camera=()", "microphone=()", "geolocation=()"] {
        if !permissions.contains(feature) {
            problems.push(format!(
                "Permissions-Policy {permissions:?} lacks {feature}"
            ));
        }
    }
    problems
}

fn security_headers_are_on_every_route_of_the_router(db: TestDb) {
    with_app(db, |app| async move {
        let a = app.me();
        a.register("headers@example.org", "Hana").await;
        let account = a.open_account("Flat H", "Hana").await;
        let dashboard = a.get(&account).await;
        let me: MemberId = dashboard
            .attr("#payer option[selected]", "value")
            .expect("member id")
            .parse()
            .expect("member id");
        let morgan = MemberId::new();
        a.post(
            &format!("{account}/members"),
            &[("name", "Morgan"), ("member_id", &morgan.to_string())],
        )
        .await
        .assert_redirect_to(&account);
        let expense = ExpenseId::new();
        let (me_s, morgan_s) = (me.to_string(), morgan.to_string());
        let today = Utc::now().date_naive().to_string();
        a.post(
            &format!("{account}/expenses"),
            &[
                ("expense_id", &expense.to_string()),
                ("amount", "12.00"),
                ("description", "Soap"),
                ("date", &today),
                ("payer", &me_s),
                ("participant", &me_s),
                ("participant", &morgan_s),
                ("split", "equally"),
            ],
        )
        .await
        .assert_redirect_to(&account);
        // A payment, whose pages are routes too.
        let transfer = ExpenseId::new();
        a.post(
            &format!("{account}/transfers"),
            &[
                ("transfer_id", &transfer.to_string()),
                ("from", &morgan_s),
                ("to", &me_s),
                ("amount", "5.00"),
            ],
        )
        .await
        .assert_redirect_to(&account);
        // A recurring bill (named by its form's id) and a category of the account's own.
        let schedule = ExpenseId::new();
        a.post(
            &format!("{account}/expenses"),
            &[
                ("expense_id", &schedule.to_string()),
                ("amount", "900.00"),
                ("description", "Rent"),
                ("date", &today),
                ("payer", &me_s),
                ("participant", &me_s),
                ("participant", &morgan_s),
                ("split", "equally"),
                ("repeat", "month"),
            ],
        )
        .await
        .assert_redirect_to(&account);
        let category = ExpenseId::new();
        a.post(
            &format!("{account}/categories"),
            &[("name", "Cleaner"), ("category_id", &category.to_string())],
        )
        .await
        .assert_redirect_to(&format!("{account}/categories"));
        let members = a.get(&format!("{account}/members")).await;
        let token = invite_token(&members.body).expect("invite link");
        let account_id = account.trim_start_matches("/accounts/").to_owned();
        let fill = |pattern: &str| {
            pattern
                .replace("{account_id}", &account_id)
                .replace("{expense_id}", &expense.to_string())
                .replace("{transfer_id}", &transfer.to_string())
                .replace("{member_id}", &morgan.to_string())
                .replace("{schedule_id}", &schedule.to_string())
                .replace("{category_id}", &category.to_string())
                .replace("{token}", &token)
        };
        let anonymous = app.browser();
        let mut problems = Vec::new();
        let mut checked = 0;
        for route in routes::all() {
            let path = fill(route.path);
            assert!(
                !path.contains('{'),
                "{route:?}: a parameter this test cannot fill"
            );
            let pages = if route.method == "get" {
                vec![
                    ("member", a.get(&path).await),
                    ("anonymous", anonymous.get(&path).await),
                ]
            } else {
                // Refusals and re-shown forms carry the headers too.
                vec![
                    ("no CSRF token", a.post_raw(&path, &[]).await),
                    ("anonymous", anonymous.post(&path, &[]).await),
                ]
            };
            for (who, page) in pages {
                checked += 1;
                for problem in header_problems(&page) {
                    problems.push(format!(
                        "{} {path} as {who} ({}): {problem}",
                        route.method.to_uppercase(),
                        page.status
                    ));
                }
            }
        }
        for path in ["/nowhere", "/static/none.css", "/accounts/not-an-id"] {
            checked += 1;
            let page = a.get(path).await;
            for problem in header_problems(&page) {
                problems.push(format!("GET {path} ({}): {problem}", page.status));
            }
        }
        println!("checked the headers of {checked} responses");
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    });
}

// ----- Secrets at rest, cookies, throttling ---------------------------------------------

fn secrets_are_stored_as_hashes_only(db: TestDb) {
    with_app(db, |app| async move {
        let a = app.me();
        let page = a.register("stored@example.org", "Stan").await;
        let cookie = page
            .headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("tally_session="))
            .expect("session cookie")
            .to_owned();
        for flag in ["HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(cookie.contains(flag), "{flag} missing in {cookie}");
        }
        let account = a.open_account("Flat S", "Stan").await;
        let members = a.get(&format!("{account}/members")).await;
        let token = invite_token(&members.body).expect("invite link");
        let mut conn = app.db.conn();
        let hash: String = users::table
            .select(users::password_hash)
            .first(&mut conn)
            .expect("user");
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "OWASP argon2id parameters: {hash}"
        );
        assert!(!hash.contains(PASSWORD));
        let sessions: Vec<Vec<u8>> = user_sessions::table
            .select(user_sessions::token_hash)
            .load(&mut conn)
            .expect("sessions");
        assert!(!sessions.is_empty() && sessions.iter().all(|h| h.len() == 32));
        let (nonce, stored): (Vec<u8>, Vec<u8>) = account_invites::table
            .select((account_invites::nonce, account_invites::token_hash))
            .first(&mut conn)
            .expect("invite");
        assert_eq!(stored, Sha256::digest(token.as_bytes()).to_vec());
        assert_ne!(nonce, token.as_bytes());
        let payloads: Vec<String> = events::table
            .select(events::payload)
            .load(&mut conn)
            .expect("events");
        assert!(
            payloads
                .iter()
                .all(|p| !p.contains(PASSWORD) && !p.contains(&token)),
            "no secret in the event store"
        );
    });
}

fn guessing_the_current_password_is_throttled(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("guess@example.org", "Gus").await;
        let guess = |current: &'static str| {
            let me = me.clone();
            async move {
                me.post(
                    "/settings/password",
                    &[
                        ("current_password", current),
                        ("new_password", "a brand new secret"),
                        ("confirm_password", "a brand new secret"),
                    ],
                )
                .await
            }
        };
        for _ in 0..5 {
            let page = guess("not my password at all").await;
            assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(
                page.text("#current_password-error")
                    .contains("not your current password")
            );
        }
        let locked = guess(PASSWORD).await;
        assert_eq!(
            locked.status,
            StatusCode::TOO_MANY_REQUESTS,
            "the sixth guess within a minute is refused, even a right one"
        );
        assert!(locked.headers.get("retry-after").is_some());
        // The same lock holds at the sign-in form, for the same address.
        let signin = app
            .browser()
            .post(
                "/signin",
                &[("email", "guess@example.org"), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(signin.status, StatusCode::TOO_MANY_REQUESTS);
        // An invalid new password is refused without checking the current one at all.
        let invalid = me
            .post(
                "/settings/password",
                &[
                    ("current_password", "whatever"),
                    ("new_password", "short"),
                    ("confirm_password", "short"),
                ],
            )
            .await;
        assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(invalid.text("#new_password-error").contains("at least 10"));
    });
}

fn sign_in_with_junk_addresses_is_refused_cleanly(db: TestDb) {
    with_app(db, |app| async move {
        let visitor = app.browser();
        let long = format!("{}@example.org", "x".repeat(10_000));
        for email in [long.as_str(), "İ".repeat(300).as_str(), "\0", "<script>"] {
            let page = visitor
                .post(
                    "/signin",
                    &[("email", email), ("password", "whatever it is")],
                )
                .await;
            assert_eq!(
                page.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{:?}: {}",
                email.chars().take(20).collect::<String>(),
                page.body.chars().take(200).collect::<String>()
            );
        }
        // Junk costs no hashing and is counted only against the client, which keeps one
        // row however many different texts it sends; past the client's limit, 429.
        let checks = app
            .password_checks
            .load(std::sync::atomic::Ordering::SeqCst);
        for _ in 4..tally::identity::throttle::PER_CLIENT {
            let page = visitor
                .post("/signin", &[("email", long.as_str()), ("password", "x")])
                .await;
            assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        }
        assert_eq!(
            app.password_checks
                .load(std::sync::atomic::Ordering::SeqCst),
            checks
        );
        let rows: i64 = tally::infrastructure::schema::sign_in_attempts::table
            .count()
            .get_result(&mut app.db.conn())
            .expect("count");
        assert_eq!(rows, 1);
        let page = visitor
            .post("/signin", &[("email", long.as_str()), ("password", "x")])
            .await;
        assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    });
}

backend_tests!(
    sessions_end_after_the_configured_idle_time,
    a_long_idle_timeout_keeps_sessions,
    nothing_secret_reaches_the_log,
    security_headers_are_on_every_route_of_the_router,
    secrets_are_stored_as_hashes_only,
    guessing_the_current_password_is_throttled,
    sign_in_with_junk_addresses_is_refused_cleanly,
);

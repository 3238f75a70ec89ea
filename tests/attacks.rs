//! Regression tests for what an outside probe found, each black-box on both backends:
//! parallel password guessing, guessing that locks the owner out, invite links that took
//! their host from a request header, huge bodies closed without an answer, and sign-up
//! telling strangers which addresses have an account (rationed). Impossible years and
//! hostile headers on every route are in `tests/web_hostile.rs`.

mod common;

use common::TestDb;
use common::web::*;
use diesel::prelude::*;
use reqwest::StatusCode;
use std::sync::atomic::Ordering;
use std::time::Duration;
use tally::config::{PublicUrl, TrustedProxies};
use tally::identity::throttle;
use tally::infrastructure::schema::sign_in_attempts;

const OWNER: &str = "owner@example.org";
const WRONG: &str = "not the password at all";

/// Signs in from `browser`, optionally as the client `via` names (through a trusted proxy).
async fn sign_in(browser: &Browser, email: &str, password: &str, via: Option<&str>) -> Page {
    let csrf = browser.csrf().await;
    let body = serde_urlencoded::to_string([
        ("csrf_token", csrf.as_str()),
        ("email", email),
        ("password", password),
    ])
    .expect("encode");
    let mut request = browser
        .client
        .post(format!("{}/signin", browser.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body);
    if let Some(client) = via {
        request = request.header("x-forwarded-for", client);
    }
    let response = request.send().await.expect("POST /signin");
    let status = response.status();
    let headers = response.headers().clone();
    let location = headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = response.text().await.expect("body");
    Page {
        status,
        location,
        headers,
        body,
    }
}

fn attempt_rows(db: &TestDb) -> i64 {
    sign_in_attempts::table
        .count()
        .get_result(&mut db.conn())
        .expect("count attempts")
}

/// Finding 1: fifty wrong passwords for one address at the same moment: at most five are checked
/// against the hash, the rest are 429; after the window the right password works.
fn parallel_wrong_passwords_get_at_most_five_hash_checks(db: TestDb) {
    let window = Duration::from_secs(3);
    with_app_configured(
        db,
        |s| s.sign_in_window = window,
        |app| async move {
            app.me().register(OWNER, "Olive").await;
            let mut browsers = Vec::new();
            for _ in 0..50 {
                let b = app.browser();
                b.csrf().await;
                browsers.push(b);
            }
            let before = app.password_checks.load(Ordering::SeqCst);
            let guesses = browsers.iter().map(|b| sign_in(b, OWNER, WRONG, None));
            let pages = futures_util::future::join_all(guesses).await;
            let checks = app.password_checks.load(Ordering::SeqCst) - before;
            let wrong = pages
                .iter()
                .filter(|p| p.status == StatusCode::UNPROCESSABLE_ENTITY)
                .count();
            let throttled = pages
                .iter()
                .filter(|p| p.status == StatusCode::TOO_MANY_REQUESTS)
                .count();
            println!(
                "50 parallel wrong passwords: {checks} hashed, {wrong} answered 422, {throttled} answered 429"
            );
            assert!(checks <= 5, "{checks} passwords were hashed");
            assert_eq!(wrong as u64, checks, "each check answered 'wrong'");
            assert_eq!(wrong + throttled, 50, "every other guess was refused");
            assert!(
                pages
                    .iter()
                    .filter(|p| p.status == StatusCode::TOO_MANY_REQUESTS)
                    .all(|p| p.headers.contains_key("retry-after"))
            );
            let right_too_soon = sign_in(&app.browser(), OWNER, PASSWORD, None).await;
            assert_eq!(right_too_soon.status, StatusCode::TOO_MANY_REQUESTS);
            tokio::time::sleep(window + Duration::from_millis(300)).await;
            let right = sign_in(&app.browser(), OWNER, PASSWORD, None).await;
            right.assert_redirect_to("/");
        },
    );
}

/// Finding 4: a stranger guessing from one client does not keep the owner out on another; many
/// clients together exhaust the address, yet the owner's known device still signs in.
fn guessing_cannot_lock_the_owner_out(db: TestDb) {
    with_app_configured(
        db,
        |s| s.trusted_proxies = TrustedProxies::loopback(),
        |app| async move {
            let phone = app.browser();
            phone.register(OWNER, "Olive").await; // this browser is now a known device
            let stranger = app.browser();
            for _ in 0..throttle::PER_ADDRESS_AND_CLIENT {
                let page = sign_in(&stranger, OWNER, WRONG, Some("198.51.100.66")).await;
                assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
            }
            let stopped = sign_in(&stranger, OWNER, PASSWORD, Some("198.51.100.66")).await;
            assert_eq!(
                stopped.status,
                StatusCode::TOO_MANY_REQUESTS,
                "the stranger waits"
            );
            let laptop = app.browser();
            let owner = sign_in(&laptop, OWNER, PASSWORD, Some("203.0.113.5")).await;
            owner.assert_redirect_to("/");
            // Now many clients: the address as a whole is over its limit.
            for i in 0..throttle::PER_ADDRESS {
                let client = format!("198.51.100.{}", 100 + i);
                sign_in(&app.browser(), OWNER, WRONG, Some(&client)).await;
            }
            let new_device = sign_in(&app.browser(), OWNER, PASSWORD, Some("203.0.113.77")).await;
            assert_eq!(
                new_device.status,
                StatusCode::TOO_MANY_REQUESTS,
                "an unknown device waits for the window"
            );
            let known = sign_in(&phone, OWNER, PASSWORD, Some("203.0.113.78")).await;
            known.assert_redirect_to("/");
            let known_again = sign_in(&laptop, OWNER, PASSWORD, Some("203.0.113.5")).await;
            known_again.assert_redirect_to("/");
        },
    );
}

/// Forwarded addresses from a client that is not a configured proxy change nothing: five
/// guesses, whatever `X-Forwarded-For` says, then 429.
fn forwarded_addresses_from_strangers_buy_no_guesses(db: TestDb) {
    with_app(db, |app| async move {
        app.me().register(OWNER, "Olive").await;
        let stranger = app.browser();
        for i in 0..throttle::PER_ADDRESS_AND_CLIENT {
            let page = sign_in(&stranger, OWNER, WRONG, Some(&format!("192.0.2.{i}"))).await;
            assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        }
        let page = sign_in(&stranger, OWNER, WRONG, Some("192.0.2.200")).await;
        assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    });
}

/// Text that is no address costs no hashing and leaves one row (the client's count); rows
/// of ended windows are pruned.
fn attempts_keep_no_junk_and_are_pruned(db: TestDb) {
    let window = Duration::from_secs(2);
    with_app_configured(
        db,
        |s| s.sign_in_window = window,
        |app| async move {
            let visitor = app.browser();
            let before = app.password_checks.load(Ordering::SeqCst);
            for junk in ["<script>", "not an address", &"x".repeat(5000)] {
                let page = sign_in(&visitor, junk, WRONG, None).await;
                assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
            }
            assert_eq!(
                app.password_checks.load(Ordering::SeqCst),
                before,
                "no hashing"
            );
            assert_eq!(attempt_rows(&app.db), 1, "only the client's count");
            sign_in(&visitor, "a@example.org", WRONG, None).await;
            assert_eq!(
                attempt_rows(&app.db),
                3,
                "address+client, address (client exists)"
            );
            tokio::time::sleep(window + Duration::from_millis(300)).await;
            sign_in(&visitor, "b@example.org", WRONG, None).await;
            assert_eq!(
                attempt_rows(&app.db),
                3,
                "the ended windows were pruned; b's two buckets and the client remain"
            );
        },
    );
}

/// Finding 2: invite links name the configured public address, whatever the request says.
fn invite_links_use_the_configured_address(db: TestDb) {
    with_app_configured(
        db,
        |s| {
            s.public_url = Some(PublicUrl::parse("https://tally.example.org/").expect("url"));
            s.trusted_proxies = TrustedProxies::loopback();
        },
        |app| async move {
            let me = app.me();
            me.register(OWNER, "Olive").await;
            let account = me.open_account("Flat", "Olive").await;
            for (name, value) in [
                ("x-forwarded-host", "evil.example"),
                ("forwarded", "host=evil.example;proto=http"),
                ("host", "evil.example"),
                ("x-forwarded-host", &"a".repeat(3 * 1024)),
                ("forwarded", &format!("host={}", "a".repeat(3 * 1024))),
            ] {
                let response = me
                    .client
                    .get(format!("{}{account}/members", me.base))
                    .header(name, value)
                    .send()
                    .await
                    .expect("GET");
                assert_eq!(response.status(), StatusCode::OK, "{name}");
                let body = response.text().await.expect("body");
                let link = invite_token(&body).expect("a link");
                assert!(
                    body.contains(&format!("https://tally.example.org/join/{link}")),
                    "{name}: the configured address"
                );
                assert!(!body.contains("evil.example"), "{name}");
            }
        },
    );
}

/// Finding 5: a 20 MB body gets its 413, read to the end (also without a declared length), and
/// the connection is fine for the next request.
fn huge_bodies_are_answered_413(db: TestDb) {
    with_app(db, |app| async move {
        let visitor = app.browser();
        let csrf = visitor.csrf().await;
        let mut body = format!("csrf_token={csrf}&email=x%40example.org&password=").into_bytes();
        body.resize(20 * 1024 * 1024, b'a');
        for chunked in [false, true] {
            let request = visitor
                .client
                .post(format!("{}/signin", visitor.base))
                .header("content-type", "application/x-www-form-urlencoded");
            let request = if chunked {
                let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
                    body.chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
                request.body(reqwest::Body::wrap_stream(futures_util::stream::iter(
                    chunks,
                )))
            } else {
                request.body(body.clone())
            };
            let response = request.send().await.expect("an answer, not a reset");
            assert_eq!(
                response.status(),
                StatusCode::PAYLOAD_TOO_LARGE,
                "chunked: {chunked}"
            );
            let text = response.text().await.expect("body");
            assert!(text.contains("too large"), "{text}");
            let next = visitor.get("/signin").await;
            assert_eq!(next.status, StatusCode::OK);
        }
    });
}

/// Sign-up says when an address has an account (see SECURITY.md), but only so often per
/// client; registering new addresses is not slowed.
fn sign_up_answers_about_existing_addresses_are_rationed(db: TestDb) {
    with_app(db, |app| async move {
        app.me().register(OWNER, "Olive").await;
        let prober = app.browser();
        let form = [
            ("email", OWNER),
            ("display_name", "Probe"),
            ("password", "a long enough password"),
        ];
        for _ in 0..throttle::SIGN_UPS_PER_CLIENT {
            let page = prober.post("/signup", &form).await;
            assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(page.text("#email-error").contains("exists already"));
        }
        let page = prober.post("/signup", &form).await;
        assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
        prober.register("new@example.org", "Newt").await;
    });
}

/// Twenty people signing in at the same moment, and again, all get in: reserving attempts
/// side by side never fails (on MariaDB, new buckets next to each other once deadlocked).
fn simultaneous_sign_ins_all_succeed(db: TestDb) {
    with_app(db, |app| async move {
        let emails: Vec<String> = (0..20)
            .map(|i| format!("flatmate{i}@example.org"))
            .collect();
        for email in &emails {
            app.browser().register(email, "Flatmate").await;
        }
        for round in 0..3 {
            let browsers: Vec<Browser> = emails.iter().map(|_| app.browser()).collect();
            for b in &browsers {
                b.csrf().await;
            }
            let attempts = browsers
                .iter()
                .zip(&emails)
                .map(|(b, email)| sign_in(b, email, PASSWORD, None));
            let pages = futures_util::future::join_all(attempts).await;
            for page in pages {
                assert_eq!(
                    page.status,
                    StatusCode::SEE_OTHER,
                    "round {round}: {}",
                    page.body
                );
            }
        }
    });
}

backend_tests!(
    simultaneous_sign_ins_all_succeed,
    parallel_wrong_passwords_get_at_most_five_hash_checks,
    guessing_cannot_lock_the_owner_out,
    forwarded_addresses_from_strangers_buy_no_guesses,
    attempts_keep_no_junk_and_are_pruned,
    invite_links_use_the_configured_address,
    huge_bodies_are_answered_413,
    sign_up_answers_about_existing_addresses_are_rationed,
);

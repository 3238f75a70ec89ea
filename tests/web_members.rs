//! The members page (adding, moving out and back), the invite link with its QR code, and
//! joining through it, through HTTP.

mod common;

use common::TestDb;
use common::web::*;
use diesel::prelude::*;
use reqwest::StatusCode;
use tally::domain::AccountId;
use tally::infrastructure::schema::{account_invites, events};

/// Registers `me` as Sam and opens "Flat 3B"; returns the account path.
async fn sams_flat(me: &Browser) -> String {
    me.register("sam@example.org", "Sam").await;
    me.open_account("Flat 3B", "Sam").await
}

/// Adds a member by name and checks it worked.
async fn add(me: &Browser, account: &str, name: &str) {
    let page = me
        .post(&format!("{account}/members"), &[("name", name)])
        .await;
    page.assert_redirect_to(&format!("{account}/members"));
}

/// The invite link shown on the members page.
async fn invite_url(me: &Browser, account: &str) -> String {
    let page = me.get(&format!("{account}/members")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.attr("#invite-url", "value").expect("an invite link")
}

/// The path part of an invite link, `/join/<token>`.
fn join_path(url: &str) -> String {
    let at = url.find("/join/").expect("a /join/ link");
    url[at..].to_owned()
}

/// The id of the member called `name` on a members page (from its action buttons).
fn member_id_of(page: &Page, name: &str) -> String {
    let html = page.html();
    let rows = scraper::Selector::parse("table.members tbody tr").expect("selector");
    let th = scraper::Selector::parse("th").expect("selector");
    let form = scraper::Selector::parse("form").expect("selector");
    for row in html.select(&rows) {
        let shown: String = row
            .select(&th)
            .next()
            .map(|e| e.text().collect())
            .unwrap_or_default();
        if shown.trim_end_matches(" (you)") == name {
            let action = row
                .select(&form)
                .next()
                .and_then(|f| f.value().attr("action"))
                .expect("an action form");
            return action.split('/').nth(4).expect("member id").to_owned();
        }
    }
    panic!("no member called {name} in {}", page.body);
}

/// Each member's "name | status | joined" on the members page.
fn member_lines(page: &Page) -> Vec<String> {
    let names = page.texts("table.members tbody th");
    let status = page.texts("table.members .member-status");
    let joined = page.texts("table.members .member-joined");
    names
        .iter()
        .zip(status)
        .zip(joined)
        .map(|((n, s), j)| format!("{n} | {s} | {j}"))
        .collect()
}

fn adding_a_member_by_name_lists_them_in_joining_order(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        let account = sams_flat(&me).await;
        add(&me, &account, "Kim").await;
        let page = me.get(&format!("{account}/members")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.text("h1"), "Members of Flat 3B");
        assert!(page.text(".flash").starts_with("Added Kim."));
        add(&me, &account, "  Lee   Park ").await;
        let page = me.get(&format!("{account}/members")).await;
        assert_eq!(
            member_lines(&page),
            vec![
                "Sam (you) | Active | Joined",
                "Kim | Active | Not yet joined",
                "Lee Park | Active | Not yet joined",
            ]
        );
        let dashboard = me.get(&account).await;
        assert_eq!(
            dashboard.texts(".balances tbody th"),
            vec!["Sam (you)", "Kim", "Lee Park"]
        );
    });
}

fn the_same_add_form_sent_twice_adds_once(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        let account = sams_flat(&me).await;
        let form = me.get(&format!("{account}/members")).await;
        let id = form
            .attr("form.add-member input[name=member_id]", "value")
            .expect("hidden id");
        let path = format!("{account}/members");
        for _ in 0..2 {
            me.post(&path, &[("member_id", &id), ("name", "Kim")])
                .await
                .assert_redirect_to(&path);
        }
        let page = me.get(&path).await;
        assert_eq!(page.text(".flash"), "Kim was already added.");
        assert_eq!(page.texts("table.members tbody th").len(), 2);
        // The same old form with another name is another addition.
        me.post(&path, &[("member_id", &id), ("name", "Lee")])
            .await
            .assert_redirect_to(&path);
        let page = me.get(&path).await;
        assert_eq!(
            page.texts("table.members tbody th"),
            vec!["Sam (you)", "Kim", "Lee"]
        );
    });
}

fn a_bad_member_name_is_shown_again_with_a_message(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        let account = sams_flat(&me).await;
        add(&me, &account, "Kim").await;
        let path = format!("{account}/members");
        let long = "x".repeat(61);
        let cases: &[(&str, &str, &str)] = &[
            (
                "KIM",
                "already a member called KIM",
                "same name, other case",
            ),
            ("  sam ", "already a member called sam", "the opener's name"),
            ("   ", "cannot be empty", "blank"),
            ("", "cannot be empty", "missing"),
            (long.as_str(), "at most 60", "too long"),
            ("Kim\u{200b}", "invisible", "hidden characters"),
        ];
        for (typed, message, why) in cases {
            let page = me.post(&path, &[("name", typed)]).await;
            assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{why}");
            assert!(
                page.text("#name-error").contains(message),
                "{why}: expected {message:?}, got {:?}",
                page.text("#name-error")
            );
            assert_eq!(
                page.attr("#name", "aria-invalid").as_deref(),
                Some("true"),
                "{why}"
            );
            assert_eq!(
                page.attr("#name", "value").as_deref(),
                Some(*typed),
                "{why}: typed value kept"
            );
            assert!(page.attr("#invite-url", "value").is_some(), "{why}");
        }
        let page = me.get(&path).await;
        assert_eq!(
            page.texts("table.members tbody th"),
            vec!["Sam (you)", "Kim"]
        );
    });
}

fn members_can_move_out_and_come_back(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        let account = sams_flat(&me).await;
        add(&me, &account, "Kim").await;
        let path = format!("{account}/members");
        let kim = member_id_of(&me.get(&path).await, "Kim");
        me.post(&format!("{path}/{kim}/deactivate"), &[])
            .await
            .assert_redirect_to(&path);
        let page = me.get(&path).await;
        assert!(page.text(".flash").starts_with("Kim has moved out"));
        assert_eq!(
            member_lines(&page),
            vec!["Sam (you) | Active | Joined", "Kim | Left | Not yet joined"]
        );
        assert_eq!(page.texts("button.reactivate"), vec!["Reactivate Kim"]);
        // No longer offered for new expenses; still listed in the balances.
        let dashboard = me.get(&account).await;
        assert!(!dashboard.texts("#payer option").contains(&"Kim".to_owned()));
        assert!(
            !dashboard
                .attrs("form.expense-form input[name=participant]", "value")
                .contains(&kim)
        );
        assert_eq!(
            dashboard.texts(".balances tbody th"),
            vec!["Sam (you)", "Kim (left)"]
        );
        // Deactivating twice changes nothing.
        me.post(&format!("{path}/{kim}/deactivate"), &[])
            .await
            .assert_redirect_to(&path);
        me.post(&format!("{path}/{kim}/reactivate"), &[])
            .await
            .assert_redirect_to(&path);
        let page = me.get(&path).await;
        assert!(page.text(".flash").starts_with("Kim is active again"));
        assert_eq!(
            member_lines(&page)[1],
            "Kim | Active | Not yet joined".to_owned()
        );
        let dashboard = me.get(&account).await;
        assert!(dashboard.texts("#payer option").contains(&"Kim".to_owned()));
        assert!(
            dashboard
                .attrs("form.expense-form input[name=participant]", "value")
                .contains(&kim)
        );
    });
}

fn the_last_active_member_cannot_leave(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        let account = sams_flat(&me).await;
        let path = format!("{account}/members");
        let sam = member_id_of(&me.get(&path).await, "Sam");
        me.post(&format!("{path}/{sam}/deactivate"), &[])
            .await
            .assert_redirect_to(&path);
        let page = me.get(&path).await;
        assert_eq!(
            page.text(".flash"),
            "Sam cannot leave: an account needs at least one active member."
        );
        assert_eq!(member_lines(&page), vec!["Sam (you) | Active | Joined"]);
        // With Kim gone too, Sam is again the last one.
        add(&me, &account, "Kim").await;
        let kim = member_id_of(&me.get(&path).await, "Kim");
        me.post(&format!("{path}/{kim}/deactivate"), &[]).await;
        me.post(&format!("{path}/{sam}/deactivate"), &[]).await;
        let page = me.get(&path).await;
        assert!(page.text(".flash").starts_with("Sam cannot leave"));
        assert_eq!(
            member_lines(&page),
            vec!["Sam (you) | Active | Joined", "Kim | Left | Not yet joined"]
        );
        // Unknown or malformed member ids are not found.
        let unknown = uuid::Uuid::new_v4();
        for bad in [unknown.to_string(), "nobody".to_owned()] {
            for action in ["deactivate", "reactivate"] {
                let page = me.post(&format!("{path}/{bad}/{action}"), &[]).await;
                assert_eq!(page.status, StatusCode::NOT_FOUND, "{action} {bad}");
            }
        }
    });
}

fn the_invite_link_is_stable_with_a_qr_code_and_a_copy_button(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        let account = sams_flat(&me).await;
        let first = invite_url(&me, &account).await;
        assert!(
            first.starts_with(&format!("{}/join/", app.base)),
            "absolute link: {first}"
        );
        let token = first.rsplit('/').next().expect("token");
        assert_eq!(token.len(), 43, "256 bits in base64url");
        assert!(
            token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        assert_eq!(
            invite_url(&me, &account).await,
            first,
            "same link on reload"
        );
        let page = me.get(&format!("{account}/members")).await;
        assert_eq!(page.attr("#invite-url", "readonly").as_deref(), Some(""));
        assert_eq!(page.text("label[for=invite-url]"), "Invite link");
        let copy = "button#copy-invite";
        assert_eq!(page.text(copy), "Copy link");
        assert!(page.attr(copy, "hidden").is_some(), "hidden without JS");
        assert_eq!(
            page.attr("figure.qr svg", "role").as_deref(),
            Some("img"),
            "QR code is an image"
        );
        assert!(
            page.attr("figure.qr svg", "aria-label")
                .is_some_and(|l| !l.is_empty())
        );
        assert!(page.attr("figure.qr svg path", "d").is_some());
        assert!(!page.text("figure.qr figcaption").is_empty());
        assert!(!page.body.contains("<?xml"), "no XML declaration in HTML");
        // The copy button's script, besides the one every page has (the service worker's).
        assert_eq!(
            page.attrs("script", "src"),
            vec![
                "/static/install.js".to_owned(),
                "/static/members.js".to_owned()
            ]
        );
        let script = me.get("/static/members.js").await;
        assert_eq!(script.status, StatusCode::OK);
        assert!(
            script.headers["content-type"]
                .to_str()
                .is_ok_and(|t| t.starts_with("text/javascript"))
        );
        assert!(script.body.contains("copy-invite"));
        assert!(
            page.texts(".replace-invite")
                .join(" ")
                .contains("stop working")
        );
    });
}

fn replacing_the_invite_link_ends_the_old_one(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        let account = sams_flat(&me).await;
        let old = invite_url(&me, &account).await;
        let replaced = me.post(&format!("{account}/invite"), &[]).await;
        replaced.assert_redirect_to(&format!("{account}/members"));
        let page = me.get(&format!("{account}/members")).await;
        assert!(page.text(".flash").contains("old link no longer works"));
        let new = page.attr("#invite-url", "value").expect("link");
        assert_ne!(new, old);
        assert_eq!(invite_url(&me, &account).await, new, "stable again");
        let kim = app.browser();
        kim.register("kim@example.org", "Kim").await;
        assert_eq!(
            kim.get(&join_path(&old)).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            kim.post(&join_path(&old), &[("choice", "new"), ("name", "Kim")])
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(kim.get(&join_path(&new)).await.status, StatusCode::OK);
        kim.post(&join_path(&new), &[("choice", "new"), ("name", "Kim")])
            .await
            .assert_redirect_to(&account);
    });
}

fn joining_as_a_member_added_by_name(db: TestDb) {
    with_app(db, |app| async move {
        let sam = app.me();
        let account = sams_flat(&sam).await;
        add(&sam, &account, "Kim").await;
        add(&sam, &account, "Lee").await;
        let link = join_path(&invite_url(&sam, &account).await);
        let kim = app.browser();
        kim.register("kim@example.org", "kim").await;
        let page = kim.get(&link).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.text("h1"), "Join Flat 3B");
        let offered: Vec<String> = page.texts(".join-choices label").into_iter().collect();
        assert_eq!(
            offered,
            vec!["I am Kim", "I am Lee", "Add me as a new member"],
            "the opener is already linked, so not offered"
        );
        let kim_id = page
            .attr("input[name=choice][checked]", "value")
            .expect("a choice is preselected");
        assert_ne!(
            kim_id, "new",
            "the member with the user's name is preselected"
        );
        assert_eq!(page.attr("#name", "value").as_deref(), Some("kim"));
        let done = kim.post(&link, &[("choice", &kim_id), ("name", "")]).await;
        done.assert_redirect_to(&account);
        let dashboard = kim.get(&account).await;
        assert_eq!(dashboard.text(".flash"), "Welcome to Flat 3B!");
        assert_eq!(
            dashboard.texts(".balances tbody th"),
            vec!["Sam", "Kim (you)", "Lee"]
        );
        let home = kim.get("/").await;
        assert_eq!(home.texts(".cards li strong"), vec!["Flat 3B"]);
        let members = sam.get(&format!("{account}/members")).await;
        assert_eq!(
            member_lines(&members),
            vec![
                "Sam (you) | Active | Joined",
                "Kim | Active | Joined",
                "Lee | Active | Not yet joined"
            ]
        );
        assert_eq!(
            kim.get(&format!("{account}/members")).await.status,
            StatusCode::OK
        );
    });
}

fn joining_as_a_member_who_moved_out_brings_them_back(db: TestDb) {
    with_app(db, |app| async move {
        let sam = app.me();
        let account = sams_flat(&sam).await;
        add(&sam, &account, "Kim").await;
        let path = format!("{account}/members");
        let kim_id = member_id_of(&sam.get(&path).await, "Kim");
        sam.post(&format!("{path}/{kim_id}/deactivate"), &[]).await;
        let link = join_path(&invite_url(&sam, &account).await);
        let kim = app.browser();
        kim.register("kim@example.org", "Kimberly").await;
        let page = kim.get(&link).await;
        assert!(page.texts(".join-choices label")[0].starts_with("I am Kim (moved out"));
        assert_eq!(
            page.attr("input[name=choice][checked]", "value").as_deref(),
            Some("new"),
            "no member has the user's name"
        );
        kim.post(&link, &[("choice", &kim_id), ("name", "Kimberly")])
            .await
            .assert_redirect_to(&account);
        assert_eq!(
            member_lines(&sam.get(&path).await)[1],
            "Kim | Active | Joined".to_owned()
        );
    });
}

fn joining_as_a_new_member(db: TestDb) {
    with_app(db, |app| async move {
        let sam = app.me();
        let account = sams_flat(&sam).await;
        let link = join_path(&invite_url(&sam, &account).await);
        let lee = app.browser();
        lee.register("lee@example.org", "Lee").await;
        let page = lee.get(&link).await;
        assert_eq!(
            page.texts(".join-choices label"),
            vec!["Add me as a new member"]
        );
        assert_eq!(
            page.attr("input[name=choice][checked]", "value").as_deref(),
            Some("new")
        );
        assert_eq!(page.attr("#name", "value").as_deref(), Some("Lee"));
        lee.post(&link, &[("choice", "new"), ("name", " Lee P ")])
            .await
            .assert_redirect_to(&account);
        let dashboard = lee.get(&account).await;
        assert_eq!(dashboard.text(".flash"), "Welcome to Flat 3B!");
        assert_eq!(
            dashboard.texts(".balances tbody th"),
            vec!["Sam", "Lee P (you)"]
        );
        assert_eq!(
            lee.get("/").await.texts(".cards li strong"),
            vec!["Flat 3B"]
        );
        assert_eq!(
            member_lines(&sam.get(&format!("{account}/members")).await)[1],
            "Lee P | Active | Joined".to_owned()
        );
    });
}

fn joining_errors_are_shown_on_the_join_page(db: TestDb) {
    with_app(db, |app| async move {
        let sam = app.me();
        let account = sams_flat(&sam).await;
        add(&sam, &account, "Kim").await;
        let link = join_path(&invite_url(&sam, &account).await);
        let sam_id = member_id_of(&sam.get(&format!("{account}/members")).await, "Sam");
        let lee = app.browser();
        lee.register("lee@example.org", "Lee").await;
        let cases: &[(&str, &str, &str, &str)] = &[
            (
                "new",
                "SAM",
                "#name-error",
                "already a member called SAM. If that is you",
            ),
            ("new", "  ", "#name-error", "cannot be empty"),
            ("", "Lee", "#choice-error", "Choose who you are"),
            ("nobody", "Lee", "#choice-error", "Choose who you are"),
            (sam_id.as_str(), "Lee", "#choice-error", "already joined"),
        ];
        for (choice, name, field, message) in cases {
            let page = lee.post(&link, &[("choice", choice), ("name", name)]).await;
            assert_eq!(
                page.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{choice:?} {name:?}"
            );
            assert!(
                page.text(field).contains(message),
                "{choice:?} {name:?}: expected {message:?} in {field}, got {:?}",
                page.text(field)
            );
            assert_eq!(page.attr("#name", "value").as_deref(), Some(*name));
            assert_eq!(page.text("h1"), "Join Flat 3B");
        }
        assert!(
            lee.get("/").await.texts(".cards li").is_empty(),
            "not joined"
        );
        // Two people pick Kim at once: the second is told and offered the rest.
        let kim = app.browser();
        kim.register("kim@example.org", "Kim").await;
        let kim_id = kim
            .get(&link)
            .await
            .attr("input[name=choice][checked]", "value")
            .expect("Kim preselected");
        lee.post(&link, &[("choice", &kim_id), ("name", "Lee")])
            .await
            .assert_redirect_to(&account);
        let late = kim
            .post(&link, &[("choice", &kim_id), ("name", "Kim")])
            .await;
        assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            late.text("#choice-error").contains("choose again"),
            "{}",
            late.text("#choice-error")
        );
        assert_eq!(
            late.texts(".join-choices label"),
            vec!["Add me as a new member"]
        );
        // Unknown tokens are not found.
        for bad in [
            "/join/nope",
            "/join/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        ] {
            assert_eq!(kim.get(bad).await.status, StatusCode::NOT_FOUND, "{bad}");
            assert_eq!(
                kim.post(bad, &[("choice", "new"), ("name", "Kim")])
                    .await
                    .status,
                StatusCode::NOT_FOUND
            );
        }
    });
}

fn a_signed_out_visitor_registers_and_comes_back_to_join(db: TestDb) {
    with_app(db, |app| async move {
        let sam = app.me();
        let account = sams_flat(&sam).await;
        let link = join_path(&invite_url(&sam, &account).await);
        let visitor = app.browser();
        let page = visitor.get(&link).await;
        let encoded = link.replace('/', "%2F");
        page.assert_redirect_to(&format!("/signin?next={encoded}"));
        let signin = visitor
            .get(page.location.as_deref().expect("location"))
            .await;
        let to_signup = signin
            .attr("main a[href^='/signup']", "href")
            .expect("link");
        assert!(
            to_signup == format!("/signup?next={encoded}")
                || to_signup == format!("/signup?next={link}"),
            "{to_signup}"
        );
        let signup = visitor.get(&format!("/signup?next={encoded}")).await;
        assert_eq!(
            signup.attr("input[name=next]", "value").as_deref(),
            Some(link.as_str())
        );
        let registered = visitor
            .post(
                "/signup",
                &[
                    ("email", "ana@example.org"),
                    ("display_name", "Ana"),
                    ("password", PASSWORD),
                    ("next", &link),
                ],
            )
            .await;
        assert_eq!(registered.status, StatusCode::SEE_OTHER);
        assert_eq!(registered.location.as_deref(), Some(link.as_str()));
        let join = visitor.get(&link).await;
        assert_eq!(join.status, StatusCode::OK);
        assert_eq!(join.text("h1"), "Join Flat 3B");
        visitor
            .post(&link, &[("choice", "new"), ("name", "Ana")])
            .await
            .assert_redirect_to(&account);
        // Signing in (instead of registering) also comes back.
        let returning = app.browser();
        returning.register("bo@example.org", "Bo").await;
        returning.post("/signout", &[]).await;
        returning
            .get(&link)
            .await
            .assert_redirect_to("/signin?next=");
        let signed_in = returning
            .post(
                "/signin",
                &[
                    ("email", "bo@example.org"),
                    ("password", PASSWORD),
                    ("next", &link),
                ],
            )
            .await;
        assert_eq!(signed_in.location.as_deref(), Some(link.as_str()));
    });
}

fn a_member_following_the_link_goes_to_the_dashboard(db: TestDb) {
    with_app(db, |app| async move {
        let sam = app.me();
        let account = sams_flat(&sam).await;
        add(&sam, &account, "Kim").await;
        let link = join_path(&invite_url(&sam, &account).await);
        sam.get(&link).await.assert_redirect_to(&account);
        assert_eq!(
            sam.get(&account).await.text(".flash"),
            "You are already a member."
        );
        let kim_id = member_id_of(&sam.get(&format!("{account}/members")).await, "Kim");
        sam.post(&link, &[("choice", &kim_id), ("name", "")])
            .await
            .assert_redirect_to(&account);
        assert_eq!(
            sam.get(&account).await.text(".flash"),
            "You are already a member."
        );
        assert_eq!(
            member_lines(&sam.get(&format!("{account}/members")).await)[1],
            "Kim | Active | Not yet joined".to_owned(),
            "nothing changed"
        );
    });
}

fn non_members_cannot_see_or_change_members(db: TestDb) {
    with_app(db, |app| async move {
        let sam = app.me();
        let account = sams_flat(&sam).await;
        let path = format!("{account}/members");
        let sam_id = member_id_of(&sam.get(&path).await, "Sam");
        let eve = app.browser();
        eve.register("eve@example.org", "Eve").await;
        assert_eq!(eve.get(&path).await.status, StatusCode::NOT_FOUND);
        for (post, fields) in [
            (path.clone(), vec![("name", "Eve")]),
            (format!("{path}/{sam_id}/deactivate"), vec![]),
            (format!("{path}/{sam_id}/reactivate"), vec![]),
            (format!("{account}/invite"), vec![]),
        ] {
            let page = eve.post(&post, &fields).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{post}");
        }
        let anonymous = app.browser();
        anonymous
            .get(&path)
            .await
            .assert_redirect_to("/signin?next=");
        assert_eq!(
            member_lines(&sam.get(&path).await),
            vec!["Sam (you) | Active | Joined"],
            "nothing changed"
        );
    });
}

fn the_database_holds_no_usable_invite_token(db: TestDb) {
    with_app(db, |app| async move {
        let sam = app.me();
        let account = sams_flat(&sam).await;
        let url = invite_url(&sam, &account).await;
        let token = url.rsplit('/').next().expect("token").to_owned();
        let account_id: AccountId = account
            .rsplit('/')
            .next()
            .and_then(|s| s.parse().ok())
            .expect("account id");
        let mut conn = app.db.conn();
        let rows: Vec<(Vec<u8>, Vec<u8>, Vec<u8>)> = account_invites::table
            .select((
                account_invites::account_id,
                account_invites::nonce,
                account_invites::token_hash,
            ))
            .load(&mut conn)
            .expect("invites");
        assert_eq!(rows.len(), 1, "one invite per account");
        let (stored_account, nonce, hash) = &rows[0];
        assert_eq!(stored_account.as_slice(), account_id.as_bytes());
        assert_eq!(nonce.len(), 16);
        assert_eq!(hash.len(), 32);
        assert_ne!(hash.as_slice(), token.as_bytes());
        assert_eq!(
            hash,
            &tally::identity::token_hash(&token),
            "SHA-256 of the token"
        );
        let contains =
            |haystack: &[u8], needle: &[u8]| haystack.windows(needle.len()).any(|w| w == needle);
        for column in [stored_account, nonce, hash] {
            assert!(!contains(column, token.as_bytes()));
        }
        let texts: Vec<(String, String)> = events::table
            .select((events::payload, events::metadata))
            .load(&mut conn)
            .expect("events");
        for (payload, metadata) in texts {
            assert!(!payload.contains(&token) && !metadata.contains(&token));
        }
        // Replacing keeps one row per account, with a new nonce and hash.
        sam.post(&format!("{account}/invite"), &[]).await;
        let after: Vec<(Vec<u8>, Vec<u8>)> = account_invites::table
            .select((account_invites::nonce, account_invites::token_hash))
            .load(&mut conn)
            .expect("invites");
        assert_eq!(after.len(), 1);
        assert_ne!(&after[0].0, nonce);
        assert_ne!(&after[0].1, hash);
    });
}

/// Whatever way someone signs in after opening an invite link — registering through the
/// header's link, a failed attempt first, changing their password before joining — they end
/// on the join page, and the home page offers the invite until they join.
fn every_path_from_an_invite_ends_on_the_join_page(db: TestDb) {
    with_app(db, |app| async move {
        let sam = app.me();
        let account = sams_flat(&sam).await;
        let link = join_path(&invite_url(&sam, &account).await);

        // Registering from the header's plain "Register" link, after a failed attempt.
        let ana = app.browser();
        ana.get(&link).await.assert_redirect_to("/signin?next=");
        let signin = ana
            .get(&format!("/signin?next={}", link.replace('/', "%2F")))
            .await;
        let header_register = signin
            .attr("header.site a[href^='/signup']", "href")
            .expect("a Register link");
        assert!(header_register.contains("next="), "{header_register}");
        let failed = ana
            .post(
                "/signin",
                &[("email", "ana@example.org"), ("password", "not it at all")],
            )
            .await;
        assert_eq!(failed.status, StatusCode::UNPROCESSABLE_ENTITY);
        let registered = ana
            .post(
                "/signup",
                &[
                    ("email", "ana@example.org"),
                    ("display_name", "Ana"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(registered.location.as_deref(), Some(link.as_str()));

        // Signing in from the plain sign-in page, then changing the password before joining.
        let bo = app.browser();
        bo.register("bo@example.org", "Bo").await;
        bo.post("/signout", &[]).await;
        bo.get(&link).await.assert_redirect_to("/signin?next=");
        let signed_in = bo
            .post(
                "/signin",
                &[("email", "bo@example.org"), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(signed_in.location.as_deref(), Some(link.as_str()));
        let home = bo.get("/").await;
        assert_eq!(
            home.attr("main a.button[href^='/join/']", "href"),
            Some(link.clone())
        );
        let new_password = "a brand new password for bo";
        let changed = bo
            .post(
                "/settings/password",
                &[
                    ("current_password", PASSWORD),
                    ("new_password", new_password),
                    ("confirm_password", new_password),
                ],
            )
            .await;
        assert_eq!(changed.location.as_deref(), Some(link.as_str()));
        bo.post(&link, &[("choice", "new"), ("name", "Bo")])
            .await
            .assert_redirect_to(&account);
        // Joined: the invite is spent for this browser.
        let home = bo.get("/").await;
        assert!(home.attr("main a[href^='/join/']", "href").is_none());
    });
}

/// The expense form keeps the account's members and categories in memory between requests
/// (under the version of the last change to them): a member added, moved out or back, and a
/// category added, show on the next form at once, and a form naming the new member goes in.
fn the_expense_form_follows_members_and_categories_as_they_change(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        let account = sams_flat(&me).await;
        let new_expense = format!("{account}/expenses/new");
        let form = me.get(&new_expense).await;
        assert_eq!(form.texts("#payer option"), vec!["Sam".to_owned()]);
        // The form read and kept; a few expenses later, still the same.
        for cents in ["1.00", "2.00"] {
            let mut fields = form_fields(&me.get(&new_expense).await, "form.expense-form");
            set(&mut fields, "amount", cents);
            set(&mut fields, "description", "Milk");
            post_fields(&me, &format!("{account}/expenses"), &fields)
                .await
                .assert_redirect_to(&account);
        }
        add(&me, &account, "Kim").await;
        let kim = member_id_of(&me.get(&format!("{account}/members")).await, "Kim");
        let form = me.get(&new_expense).await;
        assert!(form.texts("#payer option").contains(&"Kim".to_owned()));
        assert!(
            form.attrs("form.expense-form input[name=participant]", "value")
                .contains(&kim)
        );
        let mut fields = form_fields(&form, "form.expense-form");
        set(&mut fields, "amount", "30.00");
        set(&mut fields, "description", "Paint");
        set(&mut fields, "payer", &kim);
        post_fields(&me, &format!("{account}/expenses"), &fields)
            .await
            .assert_redirect_to(&account);
        let dashboard = me.get(&account).await;
        assert!(
            dashboard.text(".flash").contains("Paint"),
            "{}",
            dashboard.text(".flash")
        );
        me.post(&format!("{account}/members/{kim}/deactivate"), &[])
            .await
            .assert_redirect_to(&format!("{account}/members"));
        let form = me.get(&new_expense).await;
        assert!(
            !form
                .attrs("form.expense-form input[name=participant]", "value")
                .contains(&kim)
        );
        me.post(&format!("{account}/members/{kim}/reactivate"), &[])
            .await
            .assert_redirect_to(&format!("{account}/members"));
        let form = me.get(&new_expense).await;
        assert!(
            form.attrs("form.expense-form input[name=participant]", "value")
                .contains(&kim)
        );
        let category = uuid::Uuid::new_v4().to_string();
        me.post(
            &format!("{account}/categories"),
            &[("name", "Cleaner"), ("category_id", &category)],
        )
        .await
        .assert_redirect_to(&format!("{account}/categories"));
        let form = me.get(&new_expense).await;
        assert!(
            form.texts("#category option")
                .contains(&"Cleaner".to_owned())
        );
    });
}

backend_tests!(
    the_expense_form_follows_members_and_categories_as_they_change,
    adding_a_member_by_name_lists_them_in_joining_order,
    the_same_add_form_sent_twice_adds_once,
    a_bad_member_name_is_shown_again_with_a_message,
    members_can_move_out_and_come_back,
    the_last_active_member_cannot_leave,
    the_invite_link_is_stable_with_a_qr_code_and_a_copy_button,
    replacing_the_invite_link_ends_the_old_one,
    joining_as_a_member_added_by_name,
    joining_as_a_member_who_moved_out_brings_them_back,
    joining_as_a_new_member,
    joining_errors_are_shown_on_the_join_page,
    a_signed_out_visitor_registers_and_comes_back_to_join,
    every_path_from_an_invite_ends_on_the_join_page,
    a_member_following_the_link_goes_to_the_dashboard,
    non_members_cannot_see_or_change_members,
    the_database_holds_no_usable_invite_token,
);

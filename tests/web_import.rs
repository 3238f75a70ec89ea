//! The import pages, black-box: upload (multipart, the CSRF token in a field), preview,
//! mapping, confirm; a second import records nothing; hostile uploads are refused with the
//! reason and write nothing; a new account from a file. Sample files are written here from
//! the formats' description; one peer sample from `../shared/reference/import/` goes through
//! the page too (when that folder is present). Both backends.

mod common;

use common::web::*;
use common::*;
use futures_util::StreamExt;
use reqwest::StatusCode;
use std::path::PathBuf;
use tally::domain::{AccountId, Currency, Money};
use tally::projections::verify::verify;

const SPLITWISE: &str = "Date,Description,Category,Cost,Currency,Ana,Ben,Cleo\n\
\n\
2026-01-02,Rent,General,90.00,EUR,60.00,-30.00,-30.00\n\
2026-01-03,Two paid,General,100.00,EUR,20.00,20.00,-40.00\n\
2026-01-04,Ana paid Ben,Payment,10.00,EUR,10.00,-10.00,0.00\n\
\n\
2026-01-05,Total balance, , ,EUR,90.00,-20.00,-70.00\n";

const IHATEMONEY_JSON: &str = r#"[{"what": "Food", "bill_type": "Expense", "amount": 10.0, "currency": "EUR", "date": "2024-01-01", "payer_name": "z", "payer_weight": 2.0, "owers": ["z", "j", "t"]},
{"what": "back", "bill_type": "Reimbursement", "amount": 1.5, "currency": "EUR", "date": "2024-01-02", "payer_name": "t", "payer_weight": 1.0, "owers": ["z"]}]"#;

const SPLIIT_JSON: &str = r#"{"id":"g","name":"G","currency":"€","currencyCode":"EUR",
"participants":[{"id":"a","name":"A"},{"id":"b","name":"B"}],
"expenses":[
{"expenseDate":"2024-01-01T00:00:00.000Z","title":"even","amount":1001,"paidById":"a","paidFor":[{"participantId":"a","shares":300},{"participantId":"b","shares":200}],"isReimbursement":false,"splitMode":"EVENLY"},
{"expenseDate":"2024-01-02T00:00:00.000Z","title":"exact","amount":1000,"paidById":"b","paidFor":[{"participantId":"a","shares":700},{"participantId":"b","shares":300}],"isReimbursement":false,"splitMode":"BY_AMOUNT"},
{"expenseDate":"2024-01-03T00:00:00.000Z","title":"back","amount":100,"paidById":"a","paidFor":[{"participantId":"b","shares":100}],"isReimbursement":true,"splitMode":"EVENLY"}]}"#;

const COSPEND: &str = "name,weight,active,color\n\"A\",1,1,\"#000000\"\n\"B\",1.5,0,\"#000000\"\n\n\
what,amount,date,timestamp,payer_name,payer_weight,payer_active,owers,repeat,repeatfreq,repeatallactive,repeatuntil,categoryid,paymentmode,paymentmodeid,comment,deleted\n\
\"Food\",25,2024-01-15,1705276800,\"A\",1,1,\"A,B\",n,1,0,,0,n,0,\"\",0\n\
\"Back\",5,2024-01-16,1705276800,\"B\",1.5,0,\"A\",n,1,0,,-11,n,0,\"\",0\n\
\"Gone\",99,2024-01-16,1705276800,\"B\",1.5,0,\"A\",n,1,0,,0,n,0,\"\",1\n\
\"Who\",9,2024-01-16,1705276800,\"B\",1.5,0,\"A,Zed\",n,1,0,,0,n,0,\"\",0\n";

/// Uploads and follows to the preview.
async fn preview(b: &Browser, account: &str, name: &str, bytes: &[u8]) -> Page {
    let page = upload(b, &format!("{account}/import"), name, bytes).await;
    page.assert_redirect_to(&format!("{account}/import?file="));
    let preview = b.get(&page.location.expect("location")).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    preview
}

fn account_id(path: &str) -> AccountId {
    path.trim_start_matches("/accounts/")
        .parse()
        .expect("account id")
}

fn nets(db: &TestDb, account: &str) -> Vec<(String, i64)> {
    db.load(account_id(account))
        .state
        .members
        .iter()
        .map(|m| (m.name.as_str().to_owned(), m.balance.net().cents()))
        .collect()
}

fn events(db: &TestDb) -> i64 {
    verify(&mut db.conn()).expect("verify").events as i64
}

fn eur(cents: i64) -> String {
    Currency::from_code("EUR")
        .expect("EUR")
        .format(Money(cents))
}

/// Confirms the preview's form as shown (the default mapping), with `changes`.
async fn confirm(b: &Browser, account: &str, page: &Page, changes: &[(&str, &str)]) -> Page {
    let mut fields = form_fields(page, &format!("form[action='{account}/import/confirm']"));
    for (k, v) in changes {
        set(&mut fields, k, v);
    }
    if !changes.iter().any(|(k, _)| *k == "action") {
        set(&mut fields, "action", "import");
    }
    post_fields(b, &format!("{account}/import/confirm"), &fields).await
}

/// A file's name and text, its format's label, its expense and transfer counts, the nets.
type Case = (
    &'static str,
    &'static str,
    &'static str,
    (usize, usize),
    &'static [(&'static str, i64)],
);

fn every_format_previews_and_imports(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("ana@example.org", "Ana").await;
        let cases: [Case; 4] = [
            (
                "splitwise.csv",
                SPLITWISE,
                "Splitwise (CSV)",
                (2, 2),
                &[("Ana", 9000), ("Ben", -2000), ("Cleo", -7000)],
            ),
            (
                "bills.json",
                IHATEMONEY_JSON,
                "IHateMoney (JSON)",
                (1, 1),
                &[("z", 350), ("j", -250), ("t", -100)],
            ),
            (
                "spliit.json",
                SPLIIT_JSON,
                "Spliit (JSON)",
                (2, 1),
                &[("A", -100), ("B", 100)],
            ),
            (
                "cospend.csv",
                COSPEND,
                "Cospend (CSV)",
                (1, 1),
                &[("A", 1000), ("B", -1000)],
            ),
        ];
        for (i, (name, text, format, counts, want)) in cases.into_iter().enumerate() {
            let account = me.open_account(&format!("Flat {i}"), "Ana").await;
            let before = events(&app.db);
            let page = preview(&me, &account, name, text.as_bytes()).await;
            assert_eq!(events(&app.db), before, "{name}: a preview writes nothing");
            assert_eq!(page.text(".import-format"), format, "{name}");
            assert_eq!(
                page.text(".import-expenses"),
                counts.0.to_string(),
                "{name}"
            );
            assert_eq!(
                page.text(".import-transfers"),
                counts.1.to_string(),
                "{name}"
            );
            let people = page.texts("table.import-people tbody th");
            for (person, _) in want {
                assert!(people.contains(&person.to_string()), "{name}: {people:?}");
            }
            // The balances afterwards, computed before anything is written.
            let after = page.texts("table.import-after tbody tr");
            for (person, cents) in want.iter().filter(|(p, _)| *p != "Ana") {
                let row = format!("{person} {}", eur(*cents));
                assert!(after.contains(&row), "{name}: {row:?} in {after:?}");
            }
            if name == "cospend.csv" {
                assert!(
                    page.text(".import-unreadable").contains("Zed"),
                    "{name}: the unreadable row and why"
                );
            }
            let done = confirm(&me, &account, &page, &[]).await;
            done.assert_redirect_to(&account);
            let dashboard = me.get(&account).await;
            assert!(
                dashboard.text(".flash").starts_with("Imported"),
                "{}",
                dashboard.text(".flash")
            );
            let got = nets(&app.db, &account);
            for (person, cents) in want {
                assert!(
                    got.contains(&(person.to_string(), *cents)),
                    "{name}: {person} {cents} in {got:?}"
                );
            }
            let rows = dashboard.texts("table.balances tbody tr");
            for (person, cents) in want.iter().filter(|(p, _)| *p != "Ana") {
                assert!(
                    rows.iter()
                        .any(|r| r.starts_with(person) && r.ends_with(&eur(*cents))),
                    "{name}: {person} {cents} on the dashboard: {rows:?}"
                );
            }
        }
        assert!(verify(&mut app.db.conn()).expect("verify").is_ok());
    });
}

fn a_person_maps_to_a_member_and_a_second_import_records_nothing(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("ana@example.org", "Ana").await;
        let account = me.open_account("Flat", "Ana").await;
        me.post(&format!("{account}/members"), &[("name", "Kim")])
            .await
            .assert_redirect_to(&format!("{account}/members"));
        let kim = db_member(&app.db, &account, "Kim");
        let page = preview(&me, &account, "s.csv", SPLITWISE.as_bytes()).await;
        // Same name → that member; others new.
        let ana = db_member(&app.db, &account, "Ana");
        assert_eq!(
            page.attr("#person_0 option[selected]", "value").as_deref(),
            Some(ana.as_str())
        );
        assert_eq!(
            page.attr("#person_1 option[selected]", "value").as_deref(),
            Some("new")
        );
        // Ben is Kim: the preview shows the balances with that choice, and writes nothing.
        let before = events(&app.db);
        let again = confirm(
            &me,
            &account,
            &page,
            &[("person_1", &kim), ("action", "preview")],
        )
        .await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
        assert_eq!(events(&app.db), before);
        let after = again.texts("table.import-after tbody tr");
        assert!(after.contains(&format!("Kim {}", eur(-2000))), "{after:?}");
        assert!(!after.iter().any(|r| r.starts_with("Ben")), "{after:?}");
        let done = confirm(&me, &account, &again, &[]).await;
        done.assert_redirect_to(&account);
        assert_eq!(
            nets(&app.db, &account),
            vec![
                ("Ana".into(), 9000),
                ("Kim".into(), -2000),
                ("Cleo".into(), -7000)
            ]
        );
        // The same confirmation again, and the same file uploaded again: nothing new.
        let written = events(&app.db);
        let twice = confirm(&me, &account, &again, &[]).await;
        twice.assert_redirect_to(&account);
        let dashboard = me.get(&account).await;
        assert_eq!(
            dashboard.text(".flash"),
            "Nothing new: this file was imported already."
        );
        let page = preview(&me, &account, "s.csv", SPLITWISE.as_bytes()).await;
        assert!(page.body.contains("id=\"import-already\""), "{}", page.body);
        confirm(&me, &account, &page, &[])
            .await
            .assert_redirect_to(&account);
        let dashboard = me.get(&account).await;
        assert_eq!(
            dashboard.text(".flash"),
            "Nothing new: this file was imported already."
        );
        assert_eq!(events(&app.db), written, "the second import writes nothing");
    });
}

fn db_member(db: &TestDb, account: &str, name: &str) -> String {
    db.load(account_id(account))
        .state
        .members
        .iter()
        .find(|m| m.name.as_str() == name)
        .map(|m| m.id.to_string())
        .expect("member")
}

fn hostile_uploads_are_refused_with_the_reason(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("ana@example.org", "Ana").await;
        let account = me.open_account("Flat", "Ana").await;
        let path = format!("{account}/import");
        let huge = vec![b'a'; 10 * 1024 * 1024 + 1];
        let mut binary = b"PK\x03\x04".to_vec();
        binary.extend_from_slice(&[0, 159, 146, 150, 0, 1, 2]);
        let cases: Vec<(&str, Vec<u8>, StatusCode, &str)> = vec![
            (
                "wrong format",
                b"hello, world\nnot, an export\n".to_vec(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "does not recognise",
            ),
            (
                "binary",
                binary,
                StatusCode::UNPROCESSABLE_ENTITY,
                "not UTF-8 text",
            ),
            ("over 10 MiB", huge, StatusCode::PAYLOAD_TOO_LARGE, "10 MiB"),
            (
                "truncated JSON",
                br#"[{"what": "x", "amount": 1"#.to_vec(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "IHateMoney",
            ),
            (
                "missing column",
                b"what,amount,date,payer_name,owers\r\nx,1.0,2024-01-01,a,b\r\n".to_vec(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "payer_weight",
            ),
            (
                "empty file",
                Vec::new(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "empty",
            ),
            (
                "a tally backup",
                br#"{"format":"tally-account-backup","version":1,"events":[]}"#.to_vec(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "backup",
            ),
        ];
        for (label, bytes, status, reason) in cases {
            let before = events(&app.db);
            let page = upload(&me, &path, "f.csv", &bytes).await;
            assert_eq!(page.status, status, "{label}: {}", page.body);
            assert!(
                page.body.contains(reason),
                "{label}: {reason:?} in {}",
                page.body
            );
            assert_eq!(events(&app.db), before, "{label}: nothing written");
        }
        // No file chosen.
        let token = me.csrf().await;
        let page = send_upload(&me, &path, multipart(Some(&token), None)).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.body.contains("Choose a file"), "{}", page.body);
        // Another currency: refused at the preview, and at the confirmation.
        let usd = SPLITWISE.replace("EUR", "USD");
        let page = upload(&me, &path, "usd.csv", usd.as_bytes()).await;
        let shown = me.get(&page.location.expect("location")).await;
        assert_eq!(shown.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            shown.text("#import-error").contains("USD"),
            "{}",
            shown.body
        );
        let before = events(&app.db);
        let refused = confirm(&me, &account, &shown, &[]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text("#import-error").contains("USD"));
        assert_eq!(events(&app.db), before);
        // `;` separators and a BOM (as a spreadsheet saves it) read like the original.
        let semicolons = format!("\u{feff}{}", SPLITWISE.replace(',', ";"));
        let page = preview(&me, &account, "semi.csv", semicolons.as_bytes()).await;
        assert_eq!(page.text(".import-expenses"), "2");
        // Confirming a hash nobody uploaded.
        let page = me
            .post(
                &format!("{account}/import/confirm"),
                &[("file", &"ab".repeat(32)), ("action", "import")],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.text("#import-error").contains("Choose the file again"));
    });
}

fn uploads_need_the_csrf_token(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("ana@example.org", "Ana").await;
        let account = me.open_account("Flat", "Ana").await;
        let other = app.browser();
        other.register("ben@example.org", "Ben").await;
        let foreign = other.csrf().await;
        let file = Some(("s.csv", SPLITWISE.as_bytes()));
        for path in [format!("{account}/import"), "/import".to_owned()] {
            for token in [None, Some("x"), Some(foreign.as_str())] {
                let before = (events(&app.db), uploads(&app.db));
                let page = send_upload(&me, &path, multipart(token, file)).await;
                assert_eq!(page.status, StatusCode::FORBIDDEN, "{path} {token:?}");
                assert_eq!((events(&app.db), uploads(&app.db)), before);
            }
            // The token in the query string is not the form's field: refused too.
            let token = me.csrf().await;
            let page = send_upload(
                &me,
                &format!("{path}?csrf_token={token}"),
                multipart(None, file),
            )
            .await;
            assert_eq!(page.status, StatusCode::FORBIDDEN);
        }
        // A non-member cannot upload into the account, even with a valid token.
        let before = uploads(&app.db);
        let page = upload(
            &other,
            &format!("{account}/import"),
            "s.csv",
            SPLITWISE.as_bytes(),
        )
        .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        assert_eq!(uploads(&app.db), before);
        // Other POSTs keep their 256 KiB limit, multipart or not.
        let token = me.csrf().await;
        let mut big = multipart(Some(&token), Some(("s.csv", &vec![b'a'; 300 * 1024])));
        big.truncate(big.len());
        let page = send_upload(&me, &format!("{account}/members"), big).await;
        assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    });
}

fn uploads(db: &TestDb) -> i64 {
    use diesel::prelude::*;
    use tally::infrastructure::schema::import_uploads;
    import_uploads::table
        .count()
        .get_result(&mut db.conn())
        .expect("count")
}

fn a_new_account_from_a_file(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("ben@example.org", "Ben").await;
        let page = upload(&me, "/import", "s.csv", SPLITWISE.as_bytes()).await;
        page.assert_redirect_to("/import?file=");
        let preview = me.get(&page.location.expect("location")).await;
        assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
        assert_eq!(preview.text(".import-expenses"), "2");
        // The person of the user's name is chosen.
        assert_eq!(
            preview.attr("input[name=me][checked]", "value").as_deref(),
            Some("1")
        );
        let fields = form_fields(&preview, "form[action='/import/confirm']");
        let before = events(&app.db);
        let mut bad = fields.clone();
        set(&mut bad, "name", "");
        let refused = post_fields(&me, "/import/confirm", &bad).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(events(&app.db), before);
        let done = post_fields(&me, "/import/confirm", &fields).await;
        done.assert_redirect_to("/accounts/");
        let account = done.location.clone().expect("location");
        let dashboard = me.get(&account).await;
        assert_eq!(dashboard.status, StatusCode::OK);
        assert!(
            dashboard
                .text("table.balances tbody tr[aria-current]")
                .starts_with("Ben (you)"),
            "{:?}",
            dashboard.texts("table.balances tbody tr")
        );
        assert_eq!(
            nets(&app.db, &account),
            vec![
                ("Ben".into(), -2000),
                ("Ana".into(), 9000),
                ("Cleo".into(), -7000)
            ]
        );
        // The same again opens nothing new.
        let again = post_fields(&me, "/import/confirm", &fields).await;
        again.assert_redirect_to(&account);
        assert!(verify(&mut app.db.conn()).expect("verify").is_ok());
    });
}

/// A real peer sample through the page: Spliit's own export with its features.
fn a_peer_sample_imports_through_the_page(db: TestDb) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/import");
    if !dir.is_dir() {
        assert!(
            !std::env::var("CI").is_ok_and(|v| v == "true" || v == "1"),
            "{} is missing under CI",
            dir.display()
        );
        return;
    }
    let bytes = std::fs::read(dir.join("spliit/spliit-export-features.json")).expect("sample");
    with_app(db, |app| async move {
        let me = app.me();
        me.register("alice@example.org", "Alice").await;
        let account = me.open_account("Flat", "Alice").await;
        let page = preview(&me, &account, "spliit.json", &bytes).await;
        confirm(&me, &account, &page, &[])
            .await
            .assert_redirect_to(&account);
        let got = nets(&app.db, &account);
        for want in [("Alice", -39250), ("Bob", 13100), ("Charlie", 26150)] {
            assert!(
                got.contains(&(want.0.to_owned(), want.1)),
                "{want:?} in {got:?}"
            );
        }
    });
}

/// A file of more entries than one written slice: the confirmation answers at once with a
/// page that says how far the import is, a line per slice, then the outcome and a link.
fn a_large_file_shows_how_far_it_is_while_it_is_written(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("ana@example.org", "Ana").await;
        let account = me.open_account("Flat", "Ana").await;
        let mut file = String::from("Date,Description,Category,Cost,Currency,Ana,Ben,Cleo\n");
        for i in 0..10_050_i64 {
            // Ana pays 3.00; Ben and Cleo owe 1.00 each.
            file.push_str(&format!(
                "2026-{:02}-{:02},Row {i},General,3.00,EUR,2.00,-1.00,-1.00\n",
                1 + i % 12,
                1 + i % 28
            ));
        }
        let page = preview(&me, &account, "big.csv", file.as_bytes()).await;
        assert_eq!(page.text(".import-expenses"), "10,050");
        let mut fields = form_fields(&page, &format!("form[action='{account}/import/confirm']"));
        set(&mut fields, "action", "import");
        fields.insert(0, ("csrf_token".into(), me.csrf().await));
        let response = me
            .client
            .post(format!("{}{account}/import/confirm", me.base))
            .form(&fields)
            .send()
            .await
            .expect("confirm");
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response
                .headers()
                .get("x-accel-buffering")
                .and_then(|v| v.to_str().ok()),
            Some("no")
        );
        let headers = response.headers().clone();
        let mut stream = response.bytes_stream();
        // The page's top comes before the import is done (it takes seconds).
        let first = stream.next().await.expect("a first part").expect("bytes");
        let first = String::from_utf8_lossy(&first).into_owned();
        assert!(first.contains("<h1>Importing into Flat</h1>"), "{first}");
        assert!(!first.contains("import-done"), "{first}");
        let mut body = first;
        while let Some(part) = stream.next().await {
            body.push_str(&String::from_utf8_lossy(&part.expect("bytes")));
        }
        let done = Page {
            status: StatusCode::OK,
            location: None,
            headers,
            body,
        };
        // Three members joined (Ben and Cleo are new) and one event per row.
        assert_eq!(
            done.texts(".import-step"),
            vec![
                "Written 10,000 of 10,052 changes.",
                "Written 10,052 of 10,052 changes."
            ]
        );
        assert_eq!(
            done.text(".import-done"),
            "Imported 10,050 expenses and 0 transfers from Splitwise (CSV)."
        );
        assert_eq!(
            done.attr(".import-done + p a", "href"),
            Some(account.clone())
        );
        assert!(
            done.body.trim_end().ends_with("</html>"),
            "the page is whole"
        );
        assert_eq!(
            nets(&app.db, &account),
            vec![
                ("Ana".into(), 2 * 100 * 10_050),
                ("Ben".into(), -100 * 10_050),
                ("Cleo".into(), -100 * 10_050)
            ]
        );
        assert!(verify(&mut app.db.conn()).expect("verify").is_ok());
    });
}

backend_tests!(
    a_large_file_shows_how_far_it_is_while_it_is_written,
    every_format_previews_and_imports,
    a_person_maps_to_a_member_and_a_second_import_records_nothing,
    hostile_uploads_are_refused_with_the_reason,
    uploads_need_the_csrf_token,
    a_new_account_from_a_file,
    a_peer_sample_imports_through_the_page,
);

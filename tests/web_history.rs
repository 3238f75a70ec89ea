//! The history page and the CSV exports, through HTTP.

mod common;

use common::TestDb;
use common::web::*;
use diesel::prelude::*;
use reqwest::StatusCode;
use tally::application::AccountRepository;
use tally::domain::*;
use tally::event_sourcing::{DecisionContext, Metadata};
use tally::infrastructure::schema::{events, members};
use uuid::Uuid;

/// The account's id from its path, `/accounts/<id>`.
fn account_id(path: &str) -> AccountId {
    path.trim_start_matches("/accounts/")
        .parse()
        .expect("account id in the path")
}

/// Runs a command through the library, as `user` (or as nobody, like the command line).
fn exec(app: &TestApp, account: AccountId, user: Option<Uuid>, command: AccountCommand) {
    let mut conn = app.db.conn();
    let metadata = Metadata {
        user_id: user,
        request_id: None,
        import: None,
    };
    let context = DecisionContext::at(chrono::Utc::now());
    AccountRepository::default()
        .execute(&mut conn, account, &command, &metadata, &context)
        .unwrap_or_else(|e| panic!("command failed: {e:?}"));
}

/// A member of the account as the read model knows them.
struct Person {
    id: MemberId,
    user: Option<Uuid>,
}

/// The member called `name`.
fn person(app: &TestApp, account: AccountId, name: &str) -> Person {
    let mut conn = app.db.conn();
    let (id, user): (Vec<u8>, Option<Vec<u8>>) = members::table
        .filter(members::account_id.eq(account.as_bytes().as_slice()))
        .filter(members::name.eq(name))
        .select((members::member_id, members::user_id))
        .first(&mut conn)
        .expect("member exists");
    Person {
        id: MemberId::from_slice(&id).expect("member id"),
        user: user.map(|u| Uuid::from_slice(&u).expect("user id")),
    }
}

/// Adds a member by name as `user`, returning their id.
fn add_member(app: &TestApp, account: AccountId, user: Option<Uuid>, name: &str) -> MemberId {
    let id = MemberId::new();
    exec(
        app,
        account,
        user,
        AccountCommand::AddMember {
            member_id: id,
            name: MemberName::parse(name).expect("name"),
            user_id: None,
        },
    );
    id
}

/// Records an expense through the add-expense form; `split` is `equally` or `by_shares`,
/// with a weight per participant.
async fn post_expense(
    b: &Browser,
    account: &str,
    payer: MemberId,
    amount: &str,
    description: &str,
    split: &str,
    participants: &[(MemberId, i64)],
) -> ExpenseId {
    let expense_id = ExpenseId::new();
    let today = chrono::Utc::now().date_naive().to_string();
    let mut fields: Vec<(String, String)> = vec![
        ("expense_id".into(), expense_id.to_string()),
        ("revision".into(), String::new()),
        ("amount".into(), amount.into()),
        ("description".into(), description.into()),
        ("date".into(), today),
        ("payer".into(), payer.to_string()),
        ("split".into(), split.into()),
    ];
    for (m, weight) in participants {
        fields.push(("participant".into(), m.to_string()));
        fields.push((format!("weight_{m}"), weight.to_string()));
    }
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    b.post(&format!("{account}/expenses"), &pairs)
        .await
        .assert_redirect_to(account);
    expense_id
}

/// Records a payment through the dashboard's form.
async fn post_transfer(b: &Browser, account: &str, from: MemberId, to: MemberId, amount: &str) {
    let transfer_id = TransferId::new().to_string();
    let (from, to) = (from.to_string(), to.to_string());
    b.post(
        &format!("{account}/transfers"),
        &[
            ("transfer_id", transfer_id.as_str()),
            ("from", from.as_str()),
            ("to", to.as_str()),
            ("amount", amount),
        ],
    )
    .await
    .assert_redirect_to(account);
}

/// An expense's details with another amount or split, everything else as recorded.
fn details(payer: MemberId, cents: i64, description: &str, split: Split) -> ExpenseDetails {
    ExpenseDetails {
        payer,
        amount: Money(cents),
        description: Description::parse(description).expect("description"),
        date: chrono::Utc::now().date_naive(),
        split,
        category: None,
        foreign: None,
    }
}

fn history_tells_the_story_newest_first(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("sam@example.org", "Sam").await;
        let path = me.open_account("Flat 3B", "Sam").await;
        let account = account_id(&path);
        let sam = person(&app, account, "Sam");
        let as_sam = sam.user;
        let kim = add_member(&app, account, as_sam, "Kim");
        let alex = add_member(&app, account, None, "Alex");

        let internet = post_expense(
            &me,
            &path,
            sam.id,
            "30.00",
            "Internet",
            "equally",
            &[(sam.id, 1), (kim, 1), (alex, 1)],
        )
        .await;
        let equally = Split::Equally {
            participants: vec![sam.id, kim, alex],
        };
        exec(
            &app,
            account,
            as_sam,
            AccountCommand::CorrectExpense {
                expense_id: internet,
                details: details(sam.id, 3100, "Internet", equally),
                expected_revision: None,
            },
        );
        let by_shares = Split::ByShares {
            shares: vec![
                Portion {
                    member_id: sam.id,
                    value: 2,
                },
                Portion {
                    member_id: kim,
                    value: 1,
                },
            ],
        };
        exec(
            &app,
            account,
            as_sam,
            AccountCommand::CorrectExpense {
                expense_id: internet,
                details: details(sam.id, 3100, "Internet", by_shares),
                expected_revision: None,
            },
        );
        exec(
            &app,
            account,
            as_sam,
            AccountCommand::DeleteExpense {
                expense_id: internet,
            },
        );
        exec(
            &app,
            account,
            as_sam,
            AccountCommand::RestoreExpense {
                expense_id: internet,
            },
        );
        let milk = post_expense(&me, &path, sam.id, "4.50", "Milk", "equally", &[(kim, 1)]).await;
        post_expense(
            &me,
            &path,
            kim,
            "20",
            "Cleaning",
            "by_shares",
            &[(sam.id, 1), (kim, 3)],
        )
        .await;
        exec(
            &app,
            account,
            as_sam,
            AccountCommand::DeleteExpense { expense_id: milk },
        );
        post_transfer(&me, &path, kim, sam.id, "12").await;
        post_transfer(&me, &path, sam.id, alex, "5.5").await;
        exec(
            &app,
            account,
            as_sam,
            AccountCommand::DeactivateMember { member_id: alex },
        );
        exec(
            &app,
            account,
            as_sam,
            AccountCommand::ReactivateMember { member_id: alex },
        );
        exec(
            &app,
            account,
            as_sam,
            AccountCommand::Rename {
                name: AccountName::parse("Flat 4C").expect("name"),
            },
        );
        // Kim signs up and joins as the member Sam added.
        let kim_browser = app.browser();
        kim_browser.register("kim@example.org", "Kim K").await;
        let kim_user = {
            use tally::infrastructure::schema::users;
            let mut conn = app.db.conn();
            let bytes: Vec<u8> = users::table
                .filter(users::email.eq("kim@example.org"))
                .select(users::user_id)
                .first(&mut conn)
                .expect("Kim's user");
            UserId(Uuid::from_slice(&bytes).expect("uuid"))
        };
        exec(
            &app,
            account,
            Some(kim_user.0),
            AccountCommand::LinkMember {
                member_id: kim,
                user_id: kim_user,
            },
        );

        let history = format!("{path}/history");
        let page = me.get(&history).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert_eq!(page.text("h1"), "History");
        let expected = [
            "Kim joined as Kim",
            "Sam renamed the account to Flat 4C",
            "Sam reactivated Alex",
            "Sam deactivated Alex",
            "Sam paid Alex €5.50",
            "Kim paid Sam €12.00 (recorded by Sam)",
            "Sam deleted Milk",
            "Sam recorded Cleaning, €20.00, split 2 ways by shares",
            "Sam recorded Milk, €4.50, for Kim",
            "Sam restored Internet",
            "Sam deleted Internet",
            "Sam corrected Internet",
            "Sam corrected Internet: €30.00 → €31.00",
            "Sam recorded Internet, €30.00, split 3 ways",
            "Someone added Alex",
            "Sam added Kim",
            "Sam joined",
            "Sam opened the account Flat 3B in EUR",
        ];
        assert_eq!(page.texts("ol.history li .what"), expected);
        assert!(
            page.attr("nav[aria-label='History pages']", "class")
                .is_none()
        );

        // Each entry carries its time, readable (in the person's zone: UTC until they choose
        // one, said so) and machine-readable.
        let stamps = page.attrs("ol.history li time", "datetime");
        let shown = page.texts("ol.history li time");
        assert_eq!(stamps.len(), expected.len());
        for (stamp, text) in stamps.iter().zip(&shown) {
            let at = chrono::DateTime::parse_from_rfc3339(stamp)
                .unwrap_or_else(|e| panic!("{stamp:?} is not a date-time: {e}"));
            assert_eq!(*text, at.format("%-d %b %Y %H:%M UTC").to_string());
        }
        assert!(
            stamps.windows(2).all(|w| w[0] >= w[1]),
            "newest first: {stamps:?}"
        );
        let first = page.text("ol.history li");
        assert!(
            first.starts_with("Kim joined as Kim — ")
                && first.ends_with(&format!(
                    "{} show the account as it was after this change",
                    shown[0]
                )),
            "{first}"
        );

        // Only the deletion that still stands offers Restore, posting back to this page.
        let restore = format!("{path}/expenses/{milk}/restore");
        assert_eq!(page.attrs("form.restore", "action"), vec![restore.clone()]);
        assert_eq!(
            page.attr("form.restore input[name=back]", "value")
                .as_deref(),
            Some(history.as_str())
        );
        assert!(
            page.attr("form.restore input[name=csrf_token]", "value")
                .is_some_and(|t| !t.is_empty())
        );
        assert_eq!(page.text("form.restore button"), "Restore Milk");
        let restored = me.post(&restore, &[("back", history.as_str())]).await;
        restored.assert_redirect_to(&history);
        let after = me.get(&history).await;
        assert_eq!(after.text("ol.history li .what"), "Sam restored Milk");
        assert!(after.attrs("form.restore", "action").is_empty());
    });
}

fn history_pages_hold_fifty_events(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("sam@example.org", "Sam").await;
        let path = me.open_account("Flat", "Sam").await;
        let account = account_id(&path);
        let sam = person(&app, account, "Sam");
        // 2 events from opening, 55 expenses: 57 events, pages of 50 and 7.
        for i in 1..=55 {
            exec(
                &app,
                account,
                sam.user,
                AccountCommand::RecordExpense {
                    expense_id: ExpenseId::new(),
                    details: details(
                        sam.id,
                        100 * i,
                        &format!("Item {i}"),
                        Split::Equally {
                            participants: vec![sam.id],
                        },
                    ),
                },
            );
        }
        let history = format!("{path}/history");
        let first = me.get(&history).await;
        assert_eq!(first.status, StatusCode::OK);
        let items = first.texts("ol.history li .what");
        assert_eq!(items.len(), 50);
        assert_eq!(items[0], "Sam recorded Item 55, €55.00, for Sam");
        assert_eq!(items[49], "Sam recorded Item 6, €6.00, for Sam");
        assert_eq!(first.text(".pager span"), "Page 1 of 2");
        assert!(first.attr("a[rel=prev]", "href").is_none());
        let next = first.attr("a[rel=next]", "href").expect("a next link");
        assert_eq!(next, format!("{history}?page=2"));

        let second = me.get(&next).await;
        assert_eq!(second.status, StatusCode::OK);
        let items = second.texts("ol.history li .what");
        assert_eq!(items.len(), 7);
        assert_eq!(items[0], "Sam recorded Item 5, €5.00, for Sam");
        assert_eq!(items[6], "Sam opened the account Flat in EUR");
        assert_eq!(second.text(".pager span"), "Page 2 of 2");
        assert!(second.attr("a[rel=next]", "href").is_none());
        assert_eq!(
            second.attr("a[rel=prev]", "href").as_deref(),
            Some(history.as_str())
        );

        for bad in ["3", "0", "-1", "abc", "1.5", "99999999999999999999"] {
            let page = me.get(&format!("{history}?page={bad}")).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "page={bad}");
        }
        assert_eq!(
            me.get(&format!("{history}?page=1")).await.status,
            StatusCode::OK
        );
    });
}

fn history_and_exports_are_for_members_only(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("sam@example.org", "Sam").await;
        let path = me.open_account("Flat", "Sam").await;
        let stranger = app.browser();
        stranger.register("eve@example.org", "Eve").await;
        let anonymous = app.browser();
        let unknown = format!("/accounts/{}", AccountId::new());
        for suffix in ["/history", "/export/expenses.csv", "/export/balances.csv"] {
            let target = format!("{path}{suffix}");
            assert_eq!(me.get(&target).await.status, StatusCode::OK, "{target}");
            let page = stranger.get(&target).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{target}");
            assert!(!page.body.contains("Sam"), "nothing leaks: {}", page.body);
            anonymous
                .get(&target)
                .await
                .assert_redirect_to("/signin?next=");
            let missing = format!("{unknown}{suffix}");
            assert_eq!(me.get(&missing).await.status, StatusCode::NOT_FOUND);
        }
        assert_eq!(
            me.get("/accounts/not-an-id/history").await.status,
            StatusCode::NOT_FOUND
        );
    });
}

/// An account with formula-looking texts: Sam (signed in) and "-Kim", four expenses (one
/// deleted) and a payment. Returns the account's path and both member ids.
async fn tricky_account(app: &TestApp) -> (String, MemberId, MemberId) {
    let me = app.me();
    me.register("sam@example.org", "Sam").await;
    let path = me.open_account("Flat 3B / Küche", "Sam").await;
    let account = account_id(&path);
    let sam = person(app, account, "Sam");
    let kim = add_member(app, account, sam.user, "-Kim");
    post_expense(
        &me,
        &path,
        sam.id,
        "12.50",
        "=HYPERLINK(\"http://x\")",
        "equally",
        &[(sam.id, 1), (kim, 1)],
    )
    .await;
    post_expense(&me, &path, kim, "10", "+1", "equally", &[(sam.id, 1)]).await;
    post_expense(
        &me,
        &path,
        sam.id,
        "3",
        "-2",
        "by_shares",
        &[(sam.id, 1), (kim, 2)],
    )
    .await;
    let deleted = post_expense(
        &me,
        &path,
        kim,
        "7",
        "@SUM(A1)",
        "equally",
        &[(sam.id, 1), (kim, 1)],
    )
    .await;
    exec(
        app,
        account,
        sam.user,
        AccountCommand::DeleteExpense {
            expense_id: deleted,
        },
    );
    post_expense(
        &me,
        &path,
        sam.id,
        "4.50",
        "Milk, \"fresh\"",
        "equally",
        &[(kim, 1)],
    )
    .await;
    post_transfer(&me, &path, kim, sam.id, "1").await;
    (path, sam.id, kim)
}

/// Parses a CSV body into rows of cells.
fn parse_csv(body: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| {
            r.expect("valid CSV")
                .iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[track_caller]
fn assert_crlf(body: &str) {
    assert!(body.ends_with("\r\n"), "ends with CRLF");
    assert_eq!(
        body.matches('\n').count(),
        body.matches("\r\n").count(),
        "every line ends with CRLF: {body:?}"
    );
}

#[track_caller]
fn assert_download(page: &Page, file: &str) {
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let header = |name: &str| {
        page.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header("content-type"), "text/csv; charset=utf-8");
    assert_eq!(
        header("content-disposition"),
        format!("attachment; filename=\"{file}\"")
    );
}

fn expenses_csv_lists_every_expense_with_shares(db: TestDb) {
    with_app(db, |app| async move {
        let (path, _, _) = tricky_account(&app).await;
        let page = app.me().get(&format!("{path}/export/expenses.csv")).await;
        assert_download(&page, "Flat-3B-K-che-expenses.csv");
        assert_crlf(&page.body);
        assert!(
            page.body.contains("\"Milk, \"\"fresh\"\"\""),
            "quoted when needed: {}",
            page.body
        );
        let today = chrono::Utc::now().date_naive().to_string();
        // The cells after the date, without the category (none of these has one).
        let row = |cells: &[&str]| -> Vec<String> {
            let mut out = vec![today.clone()];
            out.extend(cells.iter().map(|c| (*c).to_owned()));
            out.insert(2, String::new());
            // Paid in the account's currency: no original amount, currency or rate.
            out.extend([String::new(), String::new(), String::new()]);
            out
        };
        let rows = parse_csv(&page.body);
        assert_eq!(
            rows,
            vec![
                vec![
                    "date",
                    "description",
                    "category",
                    "paid by",
                    "amount",
                    "currency",
                    "split mode",
                    "Sam",
                    "'-Kim",
                    "deleted",
                    "type",
                    "original amount",
                    "original currency",
                    "rate"
                ]
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>(),
                row(&[
                    "'=HYPERLINK(\"http://x\")",
                    "Sam",
                    "12.50",
                    "EUR",
                    "equally",
                    "6.25",
                    "6.25",
                    "no",
                    "expense"
                ]),
                row(&[
                    "'+1", "'-Kim", "10.00", "EUR", "equally", "10.00", "", "no", "expense"
                ]),
                row(&[
                    "'-2",
                    "Sam",
                    "3.00",
                    "EUR",
                    "by shares",
                    "1.00",
                    "2.00",
                    "no",
                    "expense"
                ]),
                row(&[
                    "'@SUM(A1)",
                    "'-Kim",
                    "7.00",
                    "EUR",
                    "equally",
                    "3.50",
                    "3.50",
                    "yes",
                    "expense"
                ]),
                row(&[
                    "Milk, \"fresh\"",
                    "Sam",
                    "4.50",
                    "EUR",
                    "equally",
                    "",
                    "4.50",
                    "no",
                    "expense"
                ]),
                // The payment: paid by its sender, owed in full by its receiver.
                row(&[
                    "Payment to Sam",
                    "'-Kim",
                    "1.00",
                    "EUR",
                    "",
                    "1.00",
                    "",
                    "no",
                    "payment"
                ]),
            ]
        );
    });
}

fn balances_csv_keeps_numbers_as_numbers(db: TestDb) {
    with_app(db, |app| async move {
        let (path, _, _) = tricky_account(&app).await;
        let page = app.me().get(&format!("{path}/export/balances.csv")).await;
        assert_download(&page, "Flat-3B-K-che-balances.csv");
        assert_crlf(&page.body);
        // Sam paid 12.50 + 3 + 4.50, owes 6.25 + 10 + 1, received 1: net 1.75.
        // -Kim paid 10, owes 6.25 + 2 + 4.50, sent 1: net -1.75 (a number, not a formula).
        assert_eq!(
            parse_csv(&page.body),
            vec![
                vec!["member", "paid", "share", "sent", "received", "net"],
                vec!["Sam", "20.00", "17.25", "0.00", "1.00", "1.75"],
                vec!["'-Kim", "10.00", "12.75", "1.00", "0.00", "-1.75"],
            ]
        );
        assert!(
            page.body
                .contains("\r\n'-Kim,10.00,12.75,1.00,0.00,-1.75\r\n")
        );
    });
}

fn exports_of_an_account_without_expenses_have_only_headers(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("sam@example.org", "Sam").await;
        let path = me.open_account("ÄÖÜ", "@Sam").await;
        let expenses = me.get(&format!("{path}/export/expenses.csv")).await;
        assert_download(&expenses, "tally-expenses.csv");
        assert_eq!(
            expenses.body,
            "date,description,category,paid by,amount,currency,split mode,'@Sam,deleted,type,original amount,original currency,rate\r\n"
        );
        let balances = me.get(&format!("{path}/export/balances.csv")).await;
        assert_download(&balances, "tally-balances.csv");
        assert_eq!(
            balances.body,
            "member,paid,share,sent,received,net\r\n'@Sam,0.00,0.00,0.00,0.00,0.00\r\n"
        );
    });
}

/// Every event a web request records carries that request's id (the id of its log span),
/// and events from one request share it while another request's differ.
fn events_recorded_through_the_web_carry_the_request_id(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("sam@example.org", "Sam").await;
        let path = me.open_account("Flat 3B", "Sam").await;
        let members = me.get(&format!("{path}/members")).await;
        let fields = vec![
            ("name".to_owned(), "Kim".to_owned()),
            (
                "member_id".to_owned(),
                members
                    .attr("input[name=member_id]", "value")
                    .expect("the add form's member id"),
            ),
        ];
        post_fields(&me, &format!("{path}/members"), &fields)
            .await
            .assert_redirect_to(&format!("{path}/members"));
        let account = account_id(&path);
        let stored: Vec<String> = events::table
            .filter(events::aggregate_id.eq(account.as_bytes().as_slice()))
            .order(events::version.asc())
            .select(events::metadata)
            .load(&mut app.db.conn())
            .expect("events");
        let ids: Vec<String> = stored
            .iter()
            .map(|json| {
                let metadata: Metadata = serde_json::from_str(json).expect("metadata JSON");
                metadata
                    .request_id
                    .unwrap_or_else(|| panic!("an event without a request id: {json}"))
            })
            .collect();
        assert_eq!(ids.len(), 3, "opened, the opener added, Kim added: {ids:?}");
        assert!(ids.iter().all(|id| id.len() == 32), "span ids: {ids:?}");
        assert_eq!(
            ids[0], ids[1],
            "one request opened the account and added Sam"
        );
        assert_ne!(ids[1], ids[2], "adding Kim was another request");
    });
}

/// Cents from a plain CSV amount ("-12.50", "" for nothing).
fn cents_of(cell: &str) -> i64 {
    if cell.is_empty() {
        return 0;
    }
    let negative = cell.starts_with('-');
    let digits: String = cell.chars().filter(char::is_ascii_digit).collect();
    let value: i64 = digits.parse().expect("an amount");
    if negative { -value } else { value }
}

/// On accounts filled at random (expenses in every split mode, refunds, payments, deletions,
/// corrections, payments corrected and deleted), each member's net worked out from the expenses export alone — what they
/// paid minus their column, rows not deleted — equals the net the dashboard shows.
fn the_exports_nets_equal_the_dashboards_on_random_accounts(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("sam@example.org", "Sam").await;
        let mut refunds = 0;
        for seed in 1..=4u64 {
            let path = me.open_account(&format!("Flat {seed}"), "Sam").await;
            let account = account_id(&path);
            let sam = person(&app, account, "Sam");
            let mut people = vec![sam.id];
            for name in ["Kim", "Lee", "Ana"].iter().take(1 + (seed as usize % 3)) {
                people.push(add_member(&app, account, sam.user, name));
            }
            // A small linear congruential generator: the same accounts on every run.
            let mut state = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let mut next = |bound: u64| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (state >> 33) % bound
            };
            let mut recorded = Vec::new();
            let mut paid = Vec::new();
            for _ in 0..25 {
                let pick = |n: u64| people[n as usize % people.len()];
                let amount = 1 + next(20_000) as i64;
                match next(10) {
                    0..=5 => {
                        let participants: Vec<MemberId> =
                            people.iter().copied().filter(|_| next(3) > 0).collect();
                        let participants = if participants.is_empty() {
                            vec![pick(next(9))]
                        } else {
                            participants
                        };
                        let split = match next(3) {
                            0 => Split::Equally {
                                participants: participants.clone(),
                            },
                            1 => Split::ByShares {
                                shares: participants
                                    .iter()
                                    .map(|m| Portion {
                                        member_id: *m,
                                        value: 1 + next(5) as i64,
                                    })
                                    .collect(),
                            },
                            _ => Split::ByPercentages {
                                percentages: participants
                                    .iter()
                                    .enumerate()
                                    .map(|(i, m)| Portion {
                                        member_id: *m,
                                        value: if i == 0 {
                                            10_000 - (participants.len() as i64 - 1) * 100
                                        } else {
                                            100
                                        },
                                    })
                                    .collect(),
                            },
                        };
                        let id = ExpenseId::new();
                        let details = ExpenseDetails {
                            payer: pick(next(9)),
                            amount: Money(amount),
                            description: Description::parse("Shopping").expect("text"),
                            date: chrono::Utc::now().date_naive() - chrono::Days::new(next(30)),
                            split,
                            category: None,
                            foreign: None,
                        };
                        // One in four is a refund (money coming in, the sign reversed).
                        let command = if next(4) == 0 {
                            AccountCommand::RecordRefund {
                                expense_id: id,
                                details,
                            }
                        } else {
                            AccountCommand::RecordExpense {
                                expense_id: id,
                                details,
                            }
                        };
                        exec(&app, account, sam.user, command);
                        recorded.push(id);
                    }
                    6..=7 => {
                        let from = pick(next(9));
                        let to = people.iter().copied().find(|m| *m != from).expect("two");
                        let id = TransferId::new();
                        exec(
                            &app,
                            account,
                            sam.user,
                            AccountCommand::RecordTransfer {
                                transfer_id: id,
                                details: TransferDetails {
                                    from,
                                    to,
                                    amount: Money(amount),
                                    date: chrono::Utc::now().date_naive()
                                        - chrono::Days::new(next(30)),
                                },
                            },
                        );
                        paid.push(id);
                    }
                    // A payment corrected (to other members and amount) or deleted.
                    9 if !paid.is_empty() => {
                        let which = next(paid.len() as u64) as usize;
                        let command = if next(2) == 0 {
                            AccountCommand::DeleteTransfer {
                                transfer_id: paid.remove(which),
                            }
                        } else {
                            let to = pick(next(9));
                            let from = people.iter().copied().find(|m| *m != to).expect("two");
                            AccountCommand::CorrectTransfer {
                                transfer_id: paid[which],
                                details: TransferDetails {
                                    from,
                                    to,
                                    amount: Money(amount),
                                    date: chrono::Utc::now().date_naive()
                                        - chrono::Days::new(next(30)),
                                },
                                expected_revision: None,
                            }
                        };
                        exec(&app, account, sam.user, command);
                    }
                    _ if !recorded.is_empty() => {
                        let gone = recorded.remove(next(recorded.len() as u64) as usize);
                        exec(
                            &app,
                            account,
                            sam.user,
                            AccountCommand::DeleteExpense { expense_id: gone },
                        );
                    }
                    _ => {}
                }
            }
            let csv = parse_csv(&me.get(&format!("{path}/export/expenses.csv")).await.body);
            refunds += csv
                .iter()
                .filter(|r| r.iter().any(|t| t == "refund"))
                .count();
            let header = &csv[0];
            let column = |name: &str| header.iter().position(|h| h == name).expect(name);
            let (paid_by, amount, deleted) =
                (column("paid by"), column("amount"), column("deleted"));
            let names: Vec<String> = header[column("split mode") + 1..deleted].to_vec();
            let mut nets = vec![0i64; names.len()];
            for row in csv.iter().skip(1).filter(|r| r[deleted] == "no") {
                let payer = names
                    .iter()
                    .position(|n| *n == row[paid_by])
                    .expect("payer");
                nets[payer] += cents_of(&row[amount]);
                for (i, net) in nets.iter_mut().enumerate() {
                    *net -= cents_of(&row[column("split mode") + 1 + i]);
                }
            }
            let dashboard = me.get(&path).await;
            let shown: Vec<i64> = dashboard
                .texts(".balances tbody td:nth-of-type(3)")
                .iter()
                .map(|net| cents_of(net))
                .collect();
            assert_eq!(nets, shown, "seed {seed}: {:?}", csv);
        }
        assert!(refunds > 0, "the random accounts hold refunds");
    });
}

backend_tests!(
    the_exports_nets_equal_the_dashboards_on_random_accounts,
    history_tells_the_story_newest_first,
    history_pages_hold_fifty_events,
    history_and_exports_are_for_members_only,
    expenses_csv_lists_every_expense_with_shares,
    balances_csv_keeps_numbers_as_numbers,
    exports_of_an_account_without_expenses_have_only_headers,
    events_recorded_through_the_web_carry_the_request_id,
);

//! The account as it was (`/accounts/<id>/as-of`), through HTTP: after each change it shows
//! what the dashboard showed at that moment; the end of a day counts what was recorded before
//! midnight UTC; members only; read-only; reached from the history and the dashboard; bad
//! addresses are refused with a message. Also: kept snapshots survive `verify` and
//! `rebuild-projections`.

mod common;

use chrono::{NaiveDate, NaiveDateTime};
use common::TestDb;
use common::web::*;
use diesel::prelude::*;
use reqwest::StatusCode;
use tally::application::AccountRepository;
use tally::domain::*;
use tally::event_sourcing::{DecisionContext, Metadata};
use tally::infrastructure::schema::{events, members, snapshot_history};
use tally::projections::{rebuild::rebuild_projections, verify::verify};
use uuid::Uuid;

/// The account's id from its path, `/accounts/<id>`.
fn account_id(path: &str) -> AccountId {
    path.trim_start_matches("/accounts/")
        .parse()
        .expect("account id in the path")
}

/// Runs a command through the library as `user`.
fn exec(app: &TestApp, account: AccountId, user: Option<Uuid>, command: AccountCommand) {
    let metadata = Metadata {
        user_id: user,
        request_id: None,
        import: None,
    };
    let context = DecisionContext::at(chrono::Utc::now());
    repository(app)
        .execute(&mut app.db.conn(), account, &command, &metadata, &context)
        .unwrap_or_else(|e| panic!("command failed: {e:?}"));
}

/// The repository with the app's snapshot policy.
fn repository(app: &TestApp) -> AccountRepository {
    app.settings()
        .snapshot_every
        .map_or_else(AccountRepository::default, |n| {
            AccountRepository::with_snapshot_every(n)
        })
}

/// The member called `name`: id and user.
fn person(app: &TestApp, account: AccountId, name: &str) -> (MemberId, Option<Uuid>) {
    let (id, user): (Vec<u8>, Option<Vec<u8>>) = members::table
        .filter(members::account_id.eq(account.as_bytes().as_slice()))
        .filter(members::name.eq(name))
        .select((members::member_id, members::user_id))
        .first(&mut app.db.conn())
        .expect("member exists");
    (
        MemberId::from_slice(&id).expect("member id"),
        user.map(|u| Uuid::from_slice(&u).expect("user id")),
    )
}

/// The account's newest version.
fn version(app: &TestApp, account: AccountId) -> i64 {
    events::table
        .filter(events::aggregate_id.eq(account.as_bytes().as_slice()))
        .select(diesel::dsl::max(events::version))
        .first::<Option<i64>>(&mut app.db.conn())
        .expect("version")
        .unwrap_or(0)
}

fn details(
    payer: MemberId,
    cents: i64,
    what: &str,
    date: NaiveDate,
    with: &[MemberId],
) -> ExpenseDetails {
    ExpenseDetails {
        payer,
        amount: Money(cents),
        description: Description::parse(what).expect("description"),
        date,
        split: Split::Equally {
            participants: with.to_vec(),
        },
        category: None,
        foreign: None,
    }
}

/// What the dashboard and the as-of page both show: balance rows, settle-up sentences and
/// latest expense rows.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shown {
    balances: Vec<String>,
    settle: Vec<String>,
    latest: Vec<String>,
    chart: String,
}

fn shown(page: &Page) -> Shown {
    Shown {
        balances: page.texts("table.balances tbody tr"),
        settle: page.texts(".suggestion"),
        latest: page.texts("table.latest tbody tr"),
        chart: page.text("svg.chart title"),
    }
}

/// The as-of page after `version`, checked to be a read-only past view.
async fn after(b: &Browser, path: &str, version: i64) -> Page {
    let page = b.get(&format!("{path}/as-of?after={version}")).await;
    assert_eq!(
        page.status,
        StatusCode::OK,
        "after {version}: {}",
        page.body
    );
    assert_read_only(&page, path);
    page
}

/// Marked as a past view, with a way back to now, and nothing on it posts.
#[track_caller]
fn assert_read_only(page: &Page, path: &str) {
    let title = page.text("title");
    let heading = page.text("h1");
    assert!(title.contains("as it was"), "title {title:?}");
    assert!(heading.contains("as it was"), "heading {heading:?}");
    let banner = page.text(".notice.past");
    assert!(
        banner.contains("as it was") && banner.contains("read-only"),
        "banner {banner:?}"
    );
    assert_eq!(
        page.attr(".notice.past a", "href").as_deref(),
        Some(path),
        "the banner links back to now"
    );
    // Only the site header's sign-out posts; nothing in the page itself.
    let posting: Vec<String> = page.attrs("main form", "method");
    assert!(
        posting.iter().all(|m| m.eq_ignore_ascii_case("get")),
        "forms in the page: {posting:?}"
    );
    assert!(page.texts("main input[name=csrf_token]").is_empty());
    assert!(
        page.attrs("main a", "href")
            .iter()
            .all(|h| !h.contains("/edit"))
    );
}

/// After each change, the as-of view of that change equals the dashboard of that moment:
/// expenses recorded (more than the latest list holds), corrected (amount, payer and date,
/// which moves it in the list), deleted, restored, a payment, a member added and one
/// deactivated, across several snapshots.
fn each_change_shows_what_the_dashboard_showed_then(db: TestDb) {
    with_app_configured(
        db,
        |s| s.snapshot_every = Some(4),
        |app| async move {
            let me = app.me();
            me.register("sam@example.org", "Sam").await;
            let path = me.open_account("Flat 3B", "Sam").await;
            let account = account_id(&path);
            let (sam, user) = person(&app, account, "Sam");
            let kim = MemberId::new();
            let alex = MemberId::new();
            for (id, name) in [(kim, "Kim"), (alex, "Alex")] {
                exec(
                    &app,
                    account,
                    user,
                    AccountCommand::AddMember {
                        member_id: id,
                        name: MemberName::parse(name).expect("name"),
                        user_id: None,
                    },
                );
            }
            let mut seen: Vec<(i64, Shown)> = Vec::new();
            let look = async |seen: &mut Vec<(i64, Shown)>| {
                let dashboard = me.get(&path).await;
                assert_eq!(dashboard.status, StatusCode::OK);
                seen.push((version(&app, account), shown(&dashboard)));
            };
            look(&mut seen).await;
            let day = |d: u32| NaiveDate::from_ymd_opt(2026, 3, d).expect("day");
            let mut expenses = Vec::new();
            for i in 0..12_u32 {
                let id = ExpenseId::new();
                let payer = [sam, kim, alex][i as usize % 3];
                exec(
                    &app,
                    account,
                    user,
                    AccountCommand::RecordExpense {
                        expense_id: id,
                        details: details(
                            payer,
                            1000 + i64::from(i) * 37,
                            &format!("Bill {i}"),
                            day(1 + i),
                            &[sam, kim, alex],
                        ),
                    },
                );
                expenses.push(id);
                look(&mut seen).await;
            }
            // Bill 1 becomes the newest by date, paid by Alex, for two.
            exec(
                &app,
                account,
                user,
                AccountCommand::CorrectExpense {
                    expense_id: expenses[1],
                    details: details(alex, 4321, "Bill 1 corrected", day(28), &[sam, alex]),
                    expected_revision: None,
                },
            );
            look(&mut seen).await;
            exec(
                &app,
                account,
                user,
                AccountCommand::DeleteExpense {
                    expense_id: expenses[11],
                },
            );
            look(&mut seen).await;
            exec(
                &app,
                account,
                user,
                AccountCommand::RecordTransfer {
                    transfer_id: TransferId::new(),
                    details: TransferDetails {
                        from: kim,
                        to: sam,
                        amount: Money(2500),
                        date: day(20),
                    },
                },
            );
            look(&mut seen).await;
            exec(
                &app,
                account,
                user,
                AccountCommand::DeactivateMember { member_id: alex },
            );
            look(&mut seen).await;
            exec(
                &app,
                account,
                user,
                AccountCommand::RestoreExpense {
                    expense_id: expenses[11],
                },
            );
            look(&mut seen).await;
            exec(
                &app,
                account,
                user,
                AccountCommand::CorrectExpense {
                    expense_id: expenses[3],
                    details: details(sam, 999, "Bill 3 again", day(2), &[sam, kim]),
                    expected_revision: None,
                },
            );
            look(&mut seen).await;
            let kept: i64 = snapshot_history::table
                .count()
                .get_result(&mut app.db.conn())
                .expect("count");
            assert!(kept >= 4, "snapshots are kept ({kept})");

            for (v, then) in &seen {
                let page = after(&me, &path, *v).await;
                assert_eq!(&shown(&page), then, "after change {v}");
                assert!(page.text("h1").contains(&format!("change {v}")));
            }
            // Between the looks too: every version answers, and the newest equals now.
            let newest = version(&app, account);
            for v in 1..=newest {
                after(&me, &path, v).await;
            }
            let now = shown(&me.get(&path).await);
            assert_eq!(shown(&after(&me, &path, newest).await), now);

            // The kept snapshots pass `verify`, and a rebuild keeps the views the same.
            let report = verify(&mut app.db.conn()).expect("verify");
            assert!(report.is_ok(), "{:?}", report.problems);
            rebuild_projections(&mut app.db.conn(), &mut |_, _| {}).expect("rebuild");
            let report = verify(&mut app.db.conn()).expect("verify");
            assert!(report.is_ok(), "{:?}", report.problems);
            for (v, then) in &seen {
                assert_eq!(
                    &shown(&after(&me, &path, *v).await),
                    then,
                    "rebuilt, after {v}"
                );
            }
            // A kept snapshot that lies is reported (the rebuild kept one every 10 changes).
            diesel::update(snapshot_history::table.filter(snapshot_history::version.eq(10)))
                .set(snapshot_history::state.eq(r#"{"opened":null,"members":[]}"#))
                .execute(&mut app.db.conn())
                .expect("tamper");
            let report = verify(&mut app.db.conn()).expect("verify");
            assert!(
                report
                    .problems
                    .iter()
                    .any(|p| p.contains("kept snapshot") && p.contains("version 10")),
                "{:?}",
                report.problems
            );
            // An account from before kept snapshots existed: replayed from its first event.
            diesel::delete(snapshot_history::table)
                .execute(&mut app.db.conn())
                .expect("forget kept snapshots");
            for (v, then) in &seen {
                assert_eq!(
                    &shown(&after(&me, &path, *v).await),
                    then,
                    "no snapshots, after {v}"
                );
            }
        },
    );
}

/// Sets when the events from `from` to `to` (versions) were recorded.
fn recorded(app: &TestApp, account: AccountId, from: i64, to: i64, at: NaiveDateTime) {
    diesel::update(
        events::table
            .filter(events::aggregate_id.eq(account.as_bytes().as_slice()))
            .filter(events::version.between(from, to)),
    )
    .set(events::recorded_at.eq(at))
    .execute(&mut app.db.conn())
    .expect("set recorded_at");
}

/// The end of a day is midnight UTC: an event a microsecond before counts, one at midnight
/// belongs to the next day. Before the opening, and days still to come, are refused with a
/// message; today shows the account now.
fn the_end_of_a_day_counts_what_was_recorded_before_midnight(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("sam@example.org", "Sam").await;
        let path = me.open_account("Flat 3B", "Sam").await;
        let account = account_id(&path);
        let (sam, user) = person(&app, account, "Sam");
        let kim = MemberId::new();
        exec(
            &app,
            account,
            user,
            AccountCommand::AddMember {
                member_id: kim,
                name: MemberName::parse("Kim").expect("name"),
                user_id: None,
            },
        );
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 3, d).expect("day");
        for (i, cents) in [1000, 3000, 5000].into_iter().enumerate() {
            exec(
                &app,
                account,
                user,
                AccountCommand::RecordExpense {
                    expense_id: ExpenseId::new(),
                    details: details(sam, cents, &format!("Bill {i}"), day(1), &[sam, kim]),
                },
            );
        }
        // Versions: 1 opened, 2 Sam, 3 Kim, 4–6 the bills.
        let at = |d: u32, h, m, s, micro| day(d).and_hms_micro_opt(h, m, s, micro).expect("time");
        recorded(&app, account, 1, 4, at(1, 10, 0, 0, 0));
        recorded(&app, account, 5, 5, at(2, 23, 59, 59, 999_999));
        recorded(&app, account, 6, 6, at(3, 0, 0, 0, 0));
        let sam_net = |page: &Page| page.texts("table.balances tbody tr td.num")[2].clone();
        for (date, net, version) in [
            ("2026-03-01", "€5.00", 4),
            ("2026-03-02", "€20.00", 5),
            ("2026-03-03", "€45.00", 6),
            ("2026-03-31", "€45.00", 6),
        ] {
            let page = me.get(&format!("{path}/as-of?date={date}")).await;
            assert_eq!(page.status, StatusCode::OK, "{date}: {}", page.body);
            assert_read_only(&page, &path);
            assert_eq!(sam_net(&page), net, "Sam's net at the end of {date}");
            assert!(
                page.text("h1").contains("at the end of"),
                "{date}: {}",
                page.text("h1")
            );
            assert!(
                page.text(".pager span")
                    .contains(&format!("Change {version} of 6"))
            );
            assert_eq!(page.attr("#as-of-date", "value").as_deref(), Some(date));
        }
        let named = me.get(&format!("{path}/as-of?date=2026-03-03")).await;
        assert!(
            named.text("h1").contains("at the end of 3 Mar 2026"),
            "{}",
            named.text("h1")
        );

        let before = me.get(&format!("{path}/as-of?date=2026-02-28")).await;
        assert_eq!(before.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            before.text("#date-error").contains("opened on 1 Mar 2026"),
            "{}",
            before.text("#date-error")
        );
        assert!(before.texts("table.balances").is_empty());

        // Today and yesterday with real times: today is now, yesterday (before any event
        // recorded today) is the account as the backdated events left it.
        recorded(&app, account, 6, 6, chrono::Utc::now().naive_utc());
        let today = chrono::Utc::now().date_naive();
        let yesterday = today.pred_opt().expect("yesterday");
        let now = shown(&me.get(&path).await);
        let page = me.get(&format!("{path}/as-of?date={today}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(shown(&page), now);
        let page = me.get(&format!("{path}/as-of?date={yesterday}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(sam_net(&page), "€20.00");
        let tomorrow = today.succ_opt().expect("tomorrow");
        let page = me.get(&format!("{path}/as-of?date={tomorrow}")).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.text("#date-error").contains("still to come"));
    });
}

/// Like the dashboard: anonymous visitors are sent to sign in, others get 404.
fn only_members_see_the_past(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("sam@example.org", "Sam").await;
        let path = me.open_account("Flat 3B", "Sam").await;
        let other = app.browser();
        other.register("eve@example.org", "Eve").await;
        let anonymous = app.browser();
        for query in [
            "?after=1",
            "?date=2026-03-01",
            "",
            "?after=999",
            "?after=abc",
        ] {
            let url = format!("{path}/as-of{query}");
            assert_eq!(other.get(&url).await.status, StatusCode::NOT_FOUND, "{url}");
            anonymous.get(&url).await.assert_redirect_to("/signin");
        }
        let own = me.get(&format!("{path}/as-of?after=1")).await;
        assert_eq!(own.status, StatusCode::OK);
        assert!(!own.body.contains("eve@example.org"));
    });
}

/// Every history entry links to the account after it; the dashboard's form asks for a day.
fn history_entries_and_the_dashboard_lead_to_the_past(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("sam@example.org", "Sam").await;
        let path = me.open_account("Flat 3B", "Sam").await;
        let account = account_id(&path);
        let (sam, user) = person(&app, account, "Sam");
        for i in 0..3 {
            exec(
                &app,
                account,
                user,
                AccountCommand::RecordExpense {
                    expense_id: ExpenseId::new(),
                    details: details(
                        sam,
                        100 + i,
                        &format!("Bill {i}"),
                        chrono::Utc::now().date_naive(),
                        &[sam],
                    ),
                },
            );
        }
        let history = me.get(&format!("{path}/history")).await;
        let links = history.attrs("ol.history a.as-of", "href");
        assert_eq!(links.len(), 5, "one link per entry");
        assert!(
            history.texts("ol.history a.as-of")[0]
                .contains("show the account as it was after this change")
        );
        for (href, version) in links.iter().zip([5, 4, 3, 2, 1]) {
            assert_eq!(href, &format!("{path}/as-of?after={version}"));
            let page = me.get(href).await;
            assert_eq!(page.status, StatusCode::OK);
            assert!(
                page.text("h1")
                    .contains(&format!("right after change {version}"))
            );
            // Opening is two changes (the account, its opener); then one expense each.
            assert_eq!(
                page.texts("table.latest tbody tr").len(),
                (version - 2).max(0) as usize
            );
        }
        let dashboard = me.get(&path).await;
        assert_eq!(
            dashboard.attr("form.as-of", "action"),
            Some(format!("{path}/as-of"))
        );
        assert_eq!(
            dashboard.attr("form.as-of", "method").as_deref(),
            Some("get")
        );
        assert_eq!(
            dashboard
                .attr("form.as-of input[type=date]", "name")
                .as_deref(),
            Some("date")
        );
        assert!(
            dashboard
                .text("form.as-of button")
                .contains("Show the account as it was")
        );
        // Without a choice: the form alone.
        let empty = me.get(&format!("{path}/as-of")).await;
        assert_eq!(empty.status, StatusCode::OK);
        assert!(empty.texts("table.balances").is_empty());
        assert_eq!(empty.attr("form.as-of", "method").as_deref(), Some("get"));
    });
}

/// Addresses that cannot be shown: a 4xx with a message, never a 5xx, and nothing shown as
/// if it were the past.
fn unusable_points_are_refused_with_a_message(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("sam@example.org", "Sam").await;
        let path = me.open_account("Flat 3B", "Sam").await;
        let cases: &[(&str, StatusCode, &str, &str)] = &[
            (
                "date=2026-13-45",
                StatusCode::UNPROCESSABLE_ENTITY,
                "#date-error",
                "no such day",
            ),
            (
                "date=2026-02-30",
                StatusCode::UNPROCESSABLE_ENTITY,
                "#date-error",
                "no such day",
            ),
            (
                "date=abc",
                StatusCode::UNPROCESSABLE_ENTITY,
                "#date-error",
                "like 2026-11-26",
            ),
            (
                "date=10000-01-01",
                StatusCode::UNPROCESSABLE_ENTITY,
                "#date-error",
                "between 0001-01-01",
            ),
            (
                "date=0001-01-01",
                StatusCode::UNPROCESSABLE_ENTITY,
                "#date-error",
                "opened on",
            ),
            (
                "after=-1",
                StatusCode::BAD_REQUEST,
                ".error-summary",
                "its number in the history",
            ),
            (
                "after=0",
                StatusCode::BAD_REQUEST,
                ".error-summary",
                "its number in the history",
            ),
            (
                "after=abc",
                StatusCode::BAD_REQUEST,
                ".error-summary",
                "its number in the history",
            ),
            (
                "after=1.5",
                StatusCode::BAD_REQUEST,
                ".error-summary",
                "its number in the history",
            ),
            (
                "after=%2B1",
                StatusCode::BAD_REQUEST,
                ".error-summary",
                "its number in the history",
            ),
            (
                "after=1e3",
                StatusCode::BAD_REQUEST,
                ".error-summary",
                "its number in the history",
            ),
            (
                "after=99999999999999999999999",
                StatusCode::BAD_REQUEST,
                ".error-summary",
                "its number in the history",
            ),
            (
                "after=9223372036854775807",
                StatusCode::NOT_FOUND,
                ".error-summary",
                "newest is change 2",
            ),
            (
                "after=3",
                StatusCode::NOT_FOUND,
                ".error-summary",
                "newest is change 2",
            ),
            (
                "after=1&date=2026-03-01",
                StatusCode::BAD_REQUEST,
                ".error-summary",
                "not both",
            ),
        ];
        for (query, status, selector, message) in cases {
            let page = me.get(&format!("{path}/as-of?{query}")).await;
            assert_eq!(page.status, *status, "{query}: {}", page.body);
            let said = page.text(selector);
            assert!(said.contains(message), "{query}: {selector} says {said:?}");
            assert!(
                page.texts("table.balances").is_empty(),
                "{query}: no past shown"
            );
        }
    });
}

backend_tests!(
    each_change_shows_what_the_dashboard_showed_then,
    the_end_of_a_day_counts_what_was_recorded_before_midnight,
    only_members_see_the_past,
    history_entries_and_the_dashboard_lead_to_the_past,
    unusable_points_are_refused_with_a_message,
);

//! The Statistics page through HTTP: numbers against a hand computation, periods, bad input,
//! access; and the monthly totals it reads against `tally verify` and the expenses tables.

mod common;

use chrono::{Datelike, Months, NaiveDate};
use common::TestDb;
use common::web::*;
use diesel::prelude::*;
use reqwest::StatusCode;
use std::collections::BTreeMap;
use tally::application::AccountRepository;
use tally::domain::*;
use tally::event_sourcing::{DecisionContext, Metadata};
use tally::infrastructure::db::DbConnection;
use tally::infrastructure::schema::{expense_shares, expenses, monthly_totals};
use uuid::Uuid;

/// The page's "this month" is today's (UTC), so the expenses are dated from the real clock.
fn real_today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

fn this_month() -> NaiveDate {
    real_today().with_day(1).expect("first day")
}

fn last_month() -> NaiveDate {
    this_month()
        .checked_sub_months(Months::new(1))
        .expect("a month earlier")
}

fn run(conn: &mut DbConnection, account: AccountId, command: AccountCommand) {
    AccountRepository::default()
        .execute(
            conn,
            account,
            &command,
            &Metadata::default(),
            &DecisionContext::on(real_today()),
        )
        .unwrap_or_else(|e| panic!("command failed: {e:?}"));
}

fn category(n: usize) -> Option<CategoryId> {
    Some(CategoryId(Uuid::from_u128(DEFAULT_CATEGORIES[n].0)))
}

const RENT: usize = 0;
const GROCERIES: usize = 3;

fn details(
    payer: MemberId,
    cents: i64,
    date: NaiveDate,
    category: Option<CategoryId>,
    participants: &[MemberId],
) -> ExpenseDetails {
    ExpenseDetails {
        payer,
        amount: Money(cents),
        description: Description::parse("Something").expect("description"),
        date,
        split: Split::Equally {
            participants: participants.to_vec(),
        },
        category,
        foreign: None,
    }
}

/// The flat of the hand computation: Sam (the signed-in opener), Alex and Kim (who leaves).
struct Flat {
    path: String,
    account: AccountId,
}

/// Last month: Sam pays 900.00 rent for all three; Alex pays 60.00 of groceries for Sam and
/// Alex, corrected to 90.00 for all three. This month: Kim's 45.00 groceries (deleted), Sam's
/// 30.00 groceries for Sam and Alex (deleted, then restored), Alex's 20.00 without category
/// for Alex and Kim; Alex pays Sam back 100.00 (a transfer, not spending). Then Kim leaves.
async fn flat(app: &TestApp) -> Flat {
    let me = app.me();
    me.register("sam@example.org", "Sam").await;
    let path = me.open_account("Flat 3B", "Sam").await;
    let account: AccountId = path
        .trim_start_matches("/accounts/")
        .parse()
        .expect("account id");
    let mut conn = app.db.conn();
    let sam = app.db.load(account).state.members[0].id;
    let (alex, kim) = (MemberId::new(), MemberId::new());
    for (id, name) in [(alex, "Alex"), (kim, "Kim")] {
        run(
            &mut conn,
            account,
            AccountCommand::AddMember {
                member_id: id,
                name: MemberName::parse(name).expect("name"),
                user_id: None,
            },
        );
    }
    let all = [sam, alex, kim];
    let previous = last_month().with_day(15).expect("15th");
    let current = this_month();
    let record = |conn: &mut DbConnection, details: ExpenseDetails| {
        let id = ExpenseId::new();
        run(
            conn,
            account,
            AccountCommand::RecordExpense {
                expense_id: id,
                details,
            },
        );
        id
    };
    record(
        &mut conn,
        details(sam, 90_000, previous, category(RENT), &all),
    );
    let groceries = record(
        &mut conn,
        details(alex, 6_000, previous, category(GROCERIES), &[sam, alex]),
    );
    run(
        &mut conn,
        account,
        AccountCommand::CorrectExpense {
            expense_id: groceries,
            details: details(alex, 9_000, previous, category(GROCERIES), &all),
            expected_revision: None,
        },
    );
    let deleted = record(
        &mut conn,
        details(kim, 4_500, current, category(GROCERIES), &all),
    );
    let restored = record(
        &mut conn,
        details(sam, 3_000, current, category(GROCERIES), &[sam, alex]),
    );
    record(&mut conn, details(alex, 2_000, current, None, &[alex, kim]));
    for command in [
        AccountCommand::DeleteExpense {
            expense_id: deleted,
        },
        AccountCommand::DeleteExpense {
            expense_id: restored,
        },
        AccountCommand::RestoreExpense {
            expense_id: restored,
        },
        AccountCommand::RecordTransfer {
            transfer_id: TransferId::new(),
            details: TransferDetails {
                from: alex,
                to: sam,
                amount: Money(10_000),
                date: current,
            },
        },
        AccountCommand::DeactivateMember { member_id: kim },
    ] {
        run(&mut conn, account, command);
    }
    Flat { path, account }
}

fn stats(flat: &Flat, query: &str) -> String {
    format!("{}/statistics{query}", flat.path)
}

fn month_input(month: NaiveDate) -> String {
    month.format("%Y-%m").to_string()
}

fn the_page_shows_what_a_hand_computation_gives(db: TestDb) {
    with_app(db, |app| async move {
        let flat = flat(&app).await;
        let me = app.me();
        let dashboard = me.get(&flat.path).await;
        assert!(
            dashboard.attrs("nav a", "href").contains(&stats(&flat, "")),
            "the dashboard links to the page"
        );
        let page = me.get(&stats(&flat, "")).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert_eq!(
            page.text(".summary"),
            "Sam paid €585.00 more than their share; Alex paid €245.00 less than their share; \
             Kim (left) paid €340.00 less than their share."
        );
        assert_eq!(
            page.texts(".totals tbody tr"),
            vec![
                "Sam €930.00 €345.00 €585.00",
                "Alex €110.00 €355.00 -€245.00",
                "Kim (left) €0.00 €340.00 -€340.00",
            ]
        );
        assert_eq!(
            page.texts(".per-category tbody tr"),
            vec![
                "Rent Sam €900.00 €300.00 €600.00",
                "Alex €0.00 €300.00 -€300.00",
                "Kim (left) €0.00 €300.00 -€300.00",
                "Groceries Sam €30.00 €45.00 -€15.00",
                "Alex €90.00 €45.00 €45.00",
                "Kim (left) €0.00 €30.00 -€30.00",
                "Uncategorised Sam €0.00 €0.00 €0.00",
                "Alex €20.00 €10.00 €10.00",
                "Kim (left) €0.00 €10.00 -€10.00",
            ]
        );
        let months = page.texts(".per-month tbody tr");
        assert_eq!(months.len(), 12 * 3, "every month of the 12, each member");
        let label =
            |m: NaiveDate| tally::web::pages::statistics::month_label(m, tally::i18n::Lang::En);
        assert_eq!(
            months[30],
            format!("{} Sam €900.00 €330.00 €570.00", label(last_month()))
        );
        assert_eq!(
            months[33],
            format!("{} Sam €30.00 €15.00 €15.00", label(this_month()))
        );
        // The charts: an image with a title each, two bars' texts per member and group.
        let svgs = page.attrs("svg.stat-chart", "role");
        assert_eq!(svgs, vec!["img", "img"]);
        assert_eq!(page.texts("svg.stat-chart title").len(), 2);
        assert!(page.text("svg.stat-chart title").contains("per month"));
        let chart_text = page.texts("svg.stat-chart text").join(" | ");
        assert!(chart_text.contains("paid €900.00"), "{chart_text}");
        assert!(chart_text.contains("Uncategorised"), "{chart_text}");
        assert!(page.text(".hint").contains("not counted"));
    });
}

fn periods_choose_the_months(db: TestDb) {
    with_app(db, |app| async move {
        let flat = flat(&app).await;
        let me = app.me();
        let this = me.get(&stats(&flat, "?period=this_month")).await;
        assert_eq!(this.status, StatusCode::OK);
        assert_eq!(
            this.text(".summary"),
            "Sam paid €15.00 more than their share; Alex paid €5.00 less than their share; \
             Kim (left) paid €10.00 less than their share."
        );
        assert_eq!(this.texts(".per-month tbody tr").len(), 3);
        let last = me.get(&stats(&flat, "?period=last_month")).await;
        assert_eq!(
            last.text(".summary"),
            "Sam paid €570.00 more than their share; Alex paid €240.00 less than their share; \
             Kim (left) paid €330.00 less than their share."
        );
        let month = month_input(last_month());
        let custom = me
            .get(&stats(
                &flat,
                &format!("?period=custom&from={month}&to={month}"),
            ))
            .await;
        assert_eq!(custom.status, StatusCode::OK);
        assert_eq!(custom.text(".summary"), last.text(".summary"));
        assert_eq!(
            custom.attr("#from", "value").as_deref(),
            Some(month.as_str())
        );
        let both = me
            .get(&stats(
                &flat,
                &format!(
                    "?period=custom&from={}&to={}",
                    month,
                    month_input(this_month())
                ),
            ))
            .await;
        assert_eq!(
            both.text(".summary"),
            me.get(&stats(&flat, "")).await.text(".summary")
        );
        let empty = me
            .get(&stats(&flat, "?period=custom&from=2001-01&to=2001-12"))
            .await;
        assert_eq!(empty.status, StatusCode::OK);
        assert_eq!(empty.text(".empty"), "No expenses in this period.");
        assert!(empty.texts("svg.stat-chart").is_empty());
    });
}

fn bad_periods_are_refused_with_a_message_per_field(db: TestDb) {
    const BAD: &[(&str, &[(&str, &str)])] = &[
        (
            "?period=custom&from=2026-13&to=2026-12",
            &[("from", "between 01 and 12")],
        ),
        (
            "?period=custom&from=26-01&to=2026-12",
            &[("from", "YYYY-MM")],
        ),
        (
            "?period=custom&from=2026-01-01&to=2026-12",
            &[("from", "YYYY-MM")],
        ),
        (
            "?period=custom&from=&to=2026-12",
            &[("from", "Choose a month")],
        ),
        (
            "?period=custom&from=0000-01&to=2026-12",
            &[("from", "between 0001 and 9999")],
        ),
        (
            "?period=custom&from=2026-05&to=2026-03",
            &[("to", "before the first month")],
        ),
        (
            "?period=custom&from=2000-01&to=2026-01",
            &[("to", "at most 10 years")],
        ),
        (
            "?period=custom&from=march&to=april",
            &[("from", "YYYY-MM"), ("to", "YYYY-MM")],
        ),
        (
            "?period=forever",
            &[("period", "Choose one of the periods")],
        ),
        (
            "?from=2026-05&to=2026-03",
            &[("to", "before the first month")],
        ),
    ];
    with_app(db, |app| async move {
        let me = app.me();
        me.register("sam@example.org", "Sam").await;
        let account = me.open_account("Flat", "Sam").await;
        for (query, fields) in BAD {
            let path = format!("{account}/statistics{query}");
            let page = me.get(&path).await;
            assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "GET {path}");
            assert!(
                !page.texts("form.period-form").is_empty(),
                "GET {path}: the form again"
            );
            for (field, message) in *fields {
                let shown = page.text(&format!("#{field}-error"));
                assert!(shown.contains(message), "GET {path}: {field}: {shown:?}");
            }
        }
        let page = me
            .get(&format!(
                "{account}/statistics?period=custom&from=2026-13&to=2026-12"
            ))
            .await;
        assert_eq!(page.attr("#from", "value").as_deref(), Some("2026-13"));
        assert_eq!(page.attr("#to", "value").as_deref(), Some("2026-12"));
    });
}

fn only_members_see_the_page(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        me.register("sam@example.org", "Sam").await;
        let account = me.open_account("Flat", "Sam").await;
        let empty = me.get(&format!("{account}/statistics")).await;
        assert_eq!(empty.status, StatusCode::OK);
        assert_eq!(empty.text(".empty"), "No expenses in this period.");
        let stranger = app.browser();
        stranger.register("eve@example.org", "Eve").await;
        let page = stranger.get(&format!("{account}/statistics")).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        let signed_out = app.browser().get(&format!("{account}/statistics")).await;
        signed_out.assert_redirect_to("/signin");
    });
}

fn the_binary(db: &TestDb, args: &[&str]) -> std::process::Output {
    let url = match &db.url {
        tally::infrastructure::db::DatabaseUrl::Sqlite(path) => path.clone(),
        tally::infrastructure::db::DatabaseUrl::Mysql(url) => url.clone(),
    };
    std::process::Command::new(env!("CARGO_BIN_EXE_tally"))
        .args(args)
        .env("TALLY_DATABASE_URL", url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("run tally")
}

/// `tally verify` agrees, and the totals equal a sum over the expenses tables.
fn the_totals_match_a_replay_and_the_expenses(db: TestDb) {
    with_app(db, |app| async move {
        let flat = flat(&app).await;
        let out = the_binary(&app.db, &["verify"]);
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let mut conn = app.db.conn();
        let stored: Vec<(NaiveDate, MemberId, CategoryId, i64, i64)> = monthly_totals::table
            .filter(monthly_totals::account_id.eq(flat.account))
            .filter(monthly_totals::paid.ne(0).or(monthly_totals::owed.ne(0)))
            .select((
                monthly_totals::month,
                monthly_totals::member_id,
                monthly_totals::category_id,
                monthly_totals::paid,
                monthly_totals::owed,
            ))
            .load(&mut conn)
            .expect("totals");
        let live: Vec<(ExpenseId, NaiveDate, MemberId, i64, Option<CategoryId>)> = expenses::table
            .filter(expenses::account_id.eq(flat.account))
            .filter(expenses::deleted.eq(false))
            .select((
                expenses::expense_id,
                expenses::expense_date,
                expenses::payer_id,
                expenses::amount,
                expenses::category_id,
            ))
            .load(&mut conn)
            .expect("expenses");
        let mut expected: BTreeMap<(NaiveDate, MemberId, CategoryId), (i64, i64)> = BTreeMap::new();
        let none = CategoryId(Uuid::nil());
        for (id, date, payer, amount, category) in &live {
            let month = date.with_day(1).expect("first day");
            let category = category.unwrap_or(none);
            expected.entry((month, *payer, category)).or_default().0 += amount;
            let shares: Vec<(MemberId, i64)> = expense_shares::table
                .filter(expense_shares::expense_id.eq(*id))
                .select((expense_shares::member_id, expense_shares::amount))
                .load(&mut conn)
                .expect("shares");
            for (member, cents) in shares {
                expected.entry((month, member, category)).or_default().1 += cents;
            }
        }
        let expected: Vec<_> = expected
            .into_iter()
            .filter(|(_, (p, o))| *p != 0 || *o != 0)
            .map(|((m, mem, c), (p, o))| (m, mem, c, p, o))
            .collect();
        let mut stored = stored;
        stored.sort();
        assert_eq!(stored, expected);
        assert_eq!(live.len(), 4, "two last month, two this month");
    });
}

backend_tests!(
    the_page_shows_what_a_hand_computation_gives,
    periods_choose_the_months,
    bad_periods_are_refused_with_a_message_per_field,
    only_members_see_the_page,
    the_totals_match_a_replay_and_the_expenses,
);

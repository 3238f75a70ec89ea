//! Recurring bills and categories through HTTP and through the posters that record them:
//! the form's repeat, the Recurring page's actions, the Categories page, the category filter
//! and column, the server's own poster, and racing posters recording each occurrence once.

mod common;

use chrono::{Days, Months, NaiveDate, Utc};
use common::TestDb;
use common::web::*;
use diesel::prelude::*;
use reqwest::StatusCode;
use std::collections::BTreeMap;
use tally::application::AccountRepository;
use tally::application::recurring::post_due;
use tally::domain::{AccountCommand, AccountId, Recurrence, ScheduleDetails, ScheduleId};
use tally::event_sourcing::{DecisionContext, Metadata};
use tally::infrastructure::schema::expenses;
use tally::projections::verify::verify;

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

async fn sams_flat(me: &Browser) -> String {
    me.register("sam@example.org", "Sam").await;
    let account = me.open_account("Flat 3B", "Sam").await;
    let page = me
        .post(&format!("{account}/members"), &[("name", "Alex")])
        .await;
    page.assert_redirect_to(&format!("{account}/members"));
    account
}

fn account_id(path: &str) -> AccountId {
    path.trim_start_matches("/accounts/")
        .parse()
        .expect("account id in the path")
}

/// Fills the add-expense form and sends it with `extra` fields set.
async fn add_expense(me: &Browser, account: &str, extra: &[(&str, &str)]) -> Page {
    let form = me.get(&format!("{account}/expenses/new")).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let mut fields = form_fields(&form, "form.expense-form");
    for (k, v) in extra {
        set(&mut fields, k, v);
    }
    post_fields(me, &format!("{account}/expenses"), &fields).await
}

/// Occurrences stored per schedule: date → how many expenses.
fn occurrences(db: &TestDb, account: AccountId) -> BTreeMap<NaiveDate, usize> {
    let mut conn = db.conn();
    let dates: Vec<NaiveDate> = expenses::table
        .filter(expenses::account_id.eq(account))
        .filter(expenses::schedule_id.is_not_null())
        .select(expenses::expense_date)
        .load(&mut conn)
        .expect("expenses");
    let mut out = BTreeMap::new();
    for d in dates {
        *out.entry(d).or_insert(0) += 1;
    }
    out
}

fn assert_verified(db: &TestDb) {
    let report = verify(&mut db.conn()).expect("verify runs");
    assert!(report.is_ok(), "verify: {:?}", report.problems);
}

fn monthly_from(start: NaiveDate, through: NaiveDate) -> Vec<NaiveDate> {
    (0..)
        .map_while(|n| Recurrence::monthly().nth(start, n))
        .take_while(|d| *d <= through)
        .collect()
}

fn a_repeating_expense_from_the_form_is_recorded_and_listed_as_recurring(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        let account = sams_flat(&me).await;
        let start = today() - Months::new(2);
        let page = add_expense(
            &me,
            &account,
            &[
                ("amount", "900"),
                ("description", "Rent"),
                ("date", &start.to_string()),
                ("repeat", "month"),
                ("repeat_every", "1"),
            ],
        )
        .await;
        page.assert_redirect_to(&account);
        let dashboard = me.get(&account).await;
        assert!(
            dashboard
                .body
                .contains("Recurring bill set up: Rent, €900.00, every month."),
            "{}",
            dashboard.body
        );
        // The first date and the two months since are recorded at once, each once.
        let id = account_id(&account);
        let expected = monthly_from(start, today());
        assert_eq!(
            occurrences(&app.db, id).keys().copied().collect::<Vec<_>>(),
            expected
        );
        assert!(occurrences(&app.db, id).values().all(|n| *n == 1));
        let list = me.get(&format!("{account}/expenses")).await;
        assert_eq!(list.texts("table .badge.recurring").len(), expected.len());
        let recurring = me.get(&format!("{account}/recurring")).await;
        assert_eq!(recurring.status, StatusCode::OK);
        assert_eq!(recurring.texts(".schedule-name"), vec!["Rent"]);
        let next = Recurrence::monthly()
            .first_on_or_after(start, today() + Days::new(1))
            .expect("a next date");
        assert_eq!(
            recurring.text(".schedule-next"),
            next.format("%-d %b %Y").to_string()
        );
        assert_eq!(recurring.text(".schedule-status"), "Active");
        let history = me.get(&format!("{account}/history")).await;
        assert!(
            history.body.contains("started the recurring bill Rent"),
            "{}",
            history.body
        );
        assert!(
            history.body.contains("The recurring bill Rent of"),
            "{}",
            history.body
        );
        // The same form again records nothing more.
        assert_verified(&app.db);
    });
}

fn the_same_repeating_form_sent_twice_sets_up_one_bill(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        let account = sams_flat(&me).await;
        let form = me.get(&format!("{account}/expenses/new")).await;
        let mut fields = form_fields(&form, "form.expense-form");
        for (k, v) in [
            ("amount", "40"),
            ("description", "Internet"),
            ("repeat", "month"),
        ] {
            set(&mut fields, k, v);
        }
        post_fields(&me, &format!("{account}/expenses"), &fields)
            .await
            .assert_redirect_to(&account);
        post_fields(&me, &format!("{account}/expenses"), &fields)
            .await
            .assert_redirect_to(&account);
        let dashboard = me.get(&account).await;
        assert!(
            dashboard.body.contains("Already set up: Internet"),
            "{}",
            dashboard.body
        );
        let recurring = me.get(&format!("{account}/recurring")).await;
        assert_eq!(recurring.texts(".schedule-name"), vec!["Internet"]);
        assert_eq!(occurrences(&app.db, account_id(&account)).len(), 1);
    });
}

fn bad_repeat_fields_are_shown_again_with_messages(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        let account = sams_flat(&me).await;
        let day = today().to_string();
        for (fields, field, message) in [
            (
                vec![("repeat", "fortnight")],
                "#repeat-error",
                "Choose weeks, months or years",
            ),
            (
                vec![("repeat", "month"), ("repeat_every", "0")],
                "#repeat_every-error",
                "Repeat every 1 to 99 months",
            ),
            (
                vec![("repeat", "week"), ("repeat_every", "abc")],
                "#repeat_every-error",
                "Repeat every 1 to 99 weeks",
            ),
            (
                vec![("repeat", "month"), ("until", "2001-01-01")],
                "#until-error",
                "The end date must be on or after the first date",
            ),
            (
                vec![("repeat", "month"), ("until", "2026-13-40")],
                "#until-error",
                "",
            ),
        ] {
            let mut all = vec![
                ("amount", "12"),
                ("description", "Cleaner"),
                ("date", day.as_str()),
            ];
            all.extend(fields.iter().copied());
            let page = add_expense(&me, &account, &all).await;
            assert_eq!(
                page.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{fields:?}: {}",
                page.body
            );
            assert!(
                page.text(field).contains(message),
                "{fields:?}: {}",
                page.text(field)
            );
            assert_eq!(
                page.attr("#description", "value").as_deref(),
                Some("Cleaner")
            );
        }
        assert!(occurrences(&app.db, account_id(&account)).is_empty());
        let recurring = me.get(&format!("{account}/recurring")).await;
        assert!(recurring.texts(".schedule-name").is_empty());
    });
}

/// Creates a monthly schedule through the repository, decided `days_ago` days ago.
fn schedule_in_the_past(
    db: &TestDb,
    account: AccountId,
    payer_and_split: &ScheduleDetails,
    days_ago: u64,
) {
    let mut conn = db.conn();
    let then = Utc::now() - chrono::Duration::days(days_ago as i64);
    AccountRepository::default()
        .execute(
            &mut conn,
            account,
            &AccountCommand::CreateSchedule {
                schedule_id: ScheduleId::new(),
                details: payer_and_split.clone(),
            },
            &Metadata::default(),
            &DecisionContext::at(then),
        )
        .expect("schedule created");
}

/// A monthly bill of Sam's for everyone, from `start`, as the form would make it.
async fn rent_details(me: &Browser, account: &str, start: NaiveDate) -> ScheduleDetails {
    let form = me.get(&format!("{account}/expenses/new")).await;
    let fields = form_fields(&form, "form.expense-form");
    let raw: Vec<(String, String)> = fields
        .into_iter()
        .map(|(k, v)| match k.as_str() {
            "amount" => (k, "300".to_owned()),
            "description" => (k, "Rent".to_owned()),
            "date" => (k, start.to_string()),
            _ => (k, v),
        })
        .collect();
    let members: Vec<String> = raw
        .iter()
        .filter(|(k, _)| k == "participant")
        .map(|(_, v)| v.clone())
        .collect();
    let payer = raw
        .iter()
        .find(|(k, _)| k == "payer")
        .map(|(_, v)| v.clone())
        .expect("payer");
    ScheduleDetails {
        expense: tally::domain::ExpenseDetails {
            payer: payer.parse().expect("member id"),
            amount: tally::domain::Money(30_000),
            description: tally::domain::Description::parse("Rent").expect("valid"),
            date: start,
            split: tally::domain::Split::Equally {
                participants: members.iter().map(|m| m.parse().expect("id")).collect(),
            },
            category: None,
            foreign: None,
        },
        recurrence: Recurrence::monthly(),
        until: None,
    }
}

fn missed_occurrences_are_caught_up_in_order_exactly_once(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        let account = sams_flat(&me).await;
        let id = account_id(&account);
        // Set up 100 days ago, starting then; the server was "down" since.
        let start = today() - Days::new(100);
        let details = rent_details(&me, &account, start).await;
        schedule_in_the_past(&app.db, id, &details, 100);
        assert_eq!(occurrences(&app.db, id).len(), 1, "only the first one then");
        let mut conn = app.db.conn();
        let report = post_due(&mut conn, &AccountRepository::default(), Utc::now(), None)
            .expect("posting runs");
        let expected = monthly_from(start, today());
        assert_eq!(report.recorded, expected.len() - 1);
        assert_eq!(
            occurrences(&app.db, id).keys().copied().collect::<Vec<_>>(),
            expected
        );
        let again = post_due(&mut conn, &AccountRepository::default(), Utc::now(), None)
            .expect("posting runs");
        assert_eq!(again.recorded, 0);
        // Their order in the account's history follows their dates.
        let history = me.get(&format!("{account}/history")).await;
        assert_eq!(
            history.body.matches("The recurring bill Rent of").count(),
            expected.len(),
            "{}",
            history.body
        );
        assert_verified(&app.db);
    });
}

fn racing_posters_over_random_clocks_record_each_occurrence_once(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        let account = sams_flat(&me).await;
        let id = account_id(&account);
        let start = today() - Days::new(400);
        for n in 0..3 {
            let mut details = rent_details(&me, &account, start + Days::new(n * 9)).await;
            if n == 1 {
                details.recurrence = Recurrence::parse("week", "2").expect("valid");
            }
            details.expense.description =
                tally::domain::Description::parse(&format!("Bill {n}")).expect("valid");
            schedule_in_the_past(&app.db, id, &details, 400 - n * 9);
        }
        // Eight posters, each with its own clock somewhere in the last 400 days (instances
        // whose clocks disagree), all at once on their own connections.
        let pool = app.db.pool(8);
        let clocks: Vec<i64> = (0..8).map(|i| (i * 53 + 17) % 400).collect();
        std::thread::scope(|scope| {
            for days_ago in &clocks {
                let pool = pool.clone();
                scope.spawn(move || {
                    let mut conn = pool.get().expect("connection");
                    let now = Utc::now() - chrono::Duration::days(*days_ago);
                    post_due(&mut conn, &AccountRepository::default(), now, None)
                        .expect("posting runs")
                });
            }
        });
        // Then all of them at the real now.
        std::thread::scope(|scope| {
            for _ in 0..4 {
                let pool = pool.clone();
                scope.spawn(move || {
                    let mut conn = pool.get().expect("connection");
                    post_due(&mut conn, &AccountRepository::default(), Utc::now(), None)
                        .expect("posting runs")
                });
            }
        });
        let mut conn = app.db.conn();
        let per_bill: Vec<(String, NaiveDate)> = expenses::table
            .filter(expenses::account_id.eq(id))
            .filter(expenses::schedule_id.is_not_null())
            .select((expenses::description, expenses::expense_date))
            .load(&mut conn)
            .expect("expenses");
        for n in 0..3u64 {
            let first = start + Days::new(n * 9);
            let recurrence = if n == 1 {
                Recurrence::parse("week", "2").expect("valid")
            } else {
                Recurrence::monthly()
            };
            let expected: Vec<NaiveDate> = (0..)
                .map_while(|k| recurrence.nth(first, k))
                .take_while(|d| *d <= today())
                .collect();
            let mut got: Vec<NaiveDate> = per_bill
                .iter()
                .filter(|(d, _)| *d == format!("Bill {n}"))
                .map(|(_, date)| *date)
                .collect();
            got.sort();
            assert_eq!(got, expected, "Bill {n}");
        }
        assert_verified(&app.db);
    });
}

fn the_servers_own_poster_records_what_fell_due(db: TestDb) {
    with_app_configured(
        db,
        |s| s.post_due_every = Some(std::time::Duration::from_secs(1)),
        |app| async move {
            let me = app.me();
            let account = sams_flat(&me).await;
            let id = account_id(&account);
            let start = today() - Days::new(70);
            let details = rent_details(&me, &account, start).await;
            schedule_in_the_past(&app.db, id, &details, 70);
            let expected = monthly_from(start, today());
            let mut waited = 0;
            while occurrences(&app.db, id).len() < expected.len() && waited < 100 {
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                waited += 1;
            }
            assert_eq!(
                occurrences(&app.db, id).keys().copied().collect::<Vec<_>>(),
                expected
            );
        },
    );
}

/// The Recurring page's line of a bill.
async fn schedule_line(me: &Browser, account: &str) -> (String, String, String) {
    let page = me.get(&format!("{account}/recurring")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    (
        page.text(".schedule-name"),
        page.text(".schedule-next"),
        page.text(".schedule-status"),
    )
}

fn edit_skip_pause_resume_and_stop_from_the_recurring_page(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        let account = sams_flat(&me).await;
        let id = account_id(&account);
        // Starts next month: nothing recorded yet.
        let start = today() + Months::new(1);
        add_expense(
            &me,
            &account,
            &[
                ("amount", "50"),
                ("description", "Cleaner"),
                ("date", &start.to_string()),
                ("repeat", "month"),
            ],
        )
        .await
        .assert_redirect_to(&account);
        assert!(occurrences(&app.db, id).is_empty());
        let page = me.get(&format!("{account}/recurring")).await;
        let edit = page.attr("a[href$='/edit']", "href").expect("an edit link");
        let schedule_path = edit.trim_end_matches("/edit").to_owned();

        // Edit: a new amount and another day.
        let form = me.get(&edit).await;
        assert_eq!(form.status, StatusCode::OK, "{}", form.body);
        assert_eq!(form.attr("#amount", "value").as_deref(), Some("50.00"));
        assert_eq!(
            form.attr("#repeat option[selected]", "value").as_deref(),
            Some("month")
        );
        let mut fields = form_fields(&form, "form.expense-form");
        set(&mut fields, "amount", "55");
        post_fields(&me, &schedule_path, &fields)
            .await
            .assert_redirect_to(&format!("{account}/recurring"));
        let recurring = me.get(&format!("{account}/recurring")).await;
        assert!(recurring.body.contains("€55.00"), "{}", recurring.body);
        // A bad edit is shown again with the values kept.
        set(&mut fields, "amount", "-3");
        let bad = post_fields(&me, &schedule_path, &fields).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad.attr("#amount", "value").as_deref(), Some("-3"));

        // Skip the next one: the one after becomes next.
        let next = start.format("%-d %b %Y").to_string();
        assert_eq!(schedule_line(&me, &account).await.1, next);
        me.post(
            &format!("{schedule_path}/status"),
            &[("action", "skip"), ("date", &start.to_string())],
        )
        .await
        .assert_redirect_to(&format!("{account}/recurring"));
        let after = Recurrence::monthly().nth(start, 1).expect("date");
        assert_eq!(
            schedule_line(&me, &account).await.1,
            after.format("%-d %b %Y").to_string()
        );
        // Skipping a date it does not fall on changes nothing and says why.
        me.post(
            &format!("{schedule_path}/status"),
            &[
                ("action", "skip"),
                ("date", &(after + Days::new(1)).to_string()),
            ],
        )
        .await;
        let page = me.get(&format!("{account}/recurring")).await;
        assert!(
            page.body.contains("does not fall on that date"),
            "{}",
            page.body
        );

        // Pause, resume, stop.
        me.post(&format!("{schedule_path}/status"), &[("action", "pause")])
            .await
            .assert_redirect_to(&format!("{account}/recurring"));
        assert_eq!(schedule_line(&me, &account).await.2, "Paused");
        me.post(&format!("{schedule_path}/status"), &[("action", "resume")])
            .await
            .assert_redirect_to(&format!("{account}/recurring"));
        assert_eq!(schedule_line(&me, &account).await.2, "Active");
        me.post(&format!("{schedule_path}/status"), &[("action", "stop")])
            .await
            .assert_redirect_to(&format!("{account}/recurring"));
        let (_, next, status) = schedule_line(&me, &account).await;
        assert_eq!((next.as_str(), status.as_str()), ("—", "Stopped"));
        // A stopped bill cannot be edited.
        let edited = post_fields(&me, &schedule_path, &fields).await;
        assert_ne!(edited.status, StatusCode::OK);
        let history = me.get(&format!("{account}/history")).await;
        for said in [
            "changed the recurring bill Cleaner from its next occurrence on",
            "skipped the recurring bill Cleaner of",
            "paused the recurring bill Cleaner",
            "resumed the recurring bill Cleaner",
            "stopped the recurring bill Cleaner",
        ] {
            assert!(history.body.contains(said), "{said}: {}", history.body);
        }
        // Unknown schedules and actions.
        let unknown = format!("{account}/recurring/{}", ScheduleId::new());
        assert_eq!(
            me.get(&format!("{unknown}/edit")).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            me.post(&format!("{unknown}/status"), &[("action", "pause")])
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            me.get(&format!("{account}/recurring/not-an-id/edit"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_verified(&app.db);
    });
}

fn the_time_zone_is_chosen_from_the_list(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        let account = sams_flat(&me).await;
        let page = me.get(&format!("{account}/recurring")).await;
        assert_eq!(
            page.attr("#time_zone option[selected]", "value").as_deref(),
            Some("UTC")
        );
        let bad = me
            .post(
                &format!("{account}/time-zone"),
                &[("time_zone", "Mars/Olympus")],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.text("#time_zone-error").contains("Choose a time zone"));
        me.post(
            &format!("{account}/time-zone"),
            &[("time_zone", "Europe/Madrid")],
        )
        .await
        .assert_redirect_to(&format!("{account}/recurring"));
        let page = me.get(&format!("{account}/recurring")).await;
        assert_eq!(
            page.attr("#time_zone option[selected]", "value").as_deref(),
            Some("Europe/Madrid")
        );
        assert_verified(&app.db);
    });
}

fn categories_can_be_added_renamed_archived_and_restored(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        let account = sams_flat(&me).await;
        let page = me.get(&format!("{account}/categories")).await;
        assert_eq!(
            page.texts(".category-name"),
            vec![
                "Rent",
                "Utilities",
                "Internet & phone",
                "Groceries",
                "Household",
                "Eating out",
                "Transport",
                "Other"
            ]
        );
        let id = page
            .attr("input[name=category_id]", "value")
            .expect("form id");
        me.post(
            &format!("{account}/categories"),
            &[("name", "Cleaner"), ("category_id", &id)],
        )
        .await
        .assert_redirect_to(&format!("{account}/categories"));
        // The same form again adds nothing; another name that exists is refused.
        me.post(
            &format!("{account}/categories"),
            &[("name", "Cleaner"), ("category_id", &id)],
        )
        .await
        .assert_redirect_to(&format!("{account}/categories"));
        let taken = me
            .post(&format!("{account}/categories"), &[("name", "groceries")])
            .await;
        assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            taken
                .text("#name-error")
                .contains("already a category called Groceries")
        );
        assert_eq!(taken.attr("#name", "value").as_deref(), Some("groceries"));
        let empty = me
            .post(&format!("{account}/categories"), &[("name", "  ")])
            .await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        let page = me.get(&format!("{account}/categories")).await;
        assert_eq!(page.texts(".category-name").len(), 9);
        let cleaner = format!("{account}/categories/{id}");
        me.post(&cleaner, &[("action", "rename"), ("name", "Cleaning")])
            .await
            .assert_redirect_to(&format!("{account}/categories"));
        me.post(&cleaner, &[("action", "archive")])
            .await
            .assert_redirect_to(&format!("{account}/categories"));
        let page = me.get(&format!("{account}/categories")).await;
        assert!(
            page.texts(".category-name")
                .contains(&"Cleaning".to_owned())
        );
        assert!(
            page.texts(".category-status")
                .contains(&"Archived".to_owned())
        );
        // Archived: not offered on the expense form.
        let form = me.get(&format!("{account}/expenses/new")).await;
        assert!(
            !form
                .texts("#category option")
                .contains(&"Cleaning".to_owned())
        );
        // Forcing it anyway is refused beside the field.
        let forced = add_expense(
            &me,
            &account,
            &[("amount", "10"), ("description", "Mop"), ("category", &id)],
        )
        .await;
        assert_eq!(
            forced.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            forced.body
        );
        assert!(
            forced.text("#category-error").contains("archived"),
            "{}",
            forced.text("#category-error")
        );
        me.post(&cleaner, &[("action", "restore")])
            .await
            .assert_redirect_to(&format!("{account}/categories"));
        let form = me.get(&format!("{account}/expenses/new")).await;
        assert!(
            form.texts("#category option")
                .contains(&"Cleaning".to_owned())
        );
        // Bad requests.
        let bad = me
            .post(&cleaner, &[("action", "rename"), ("name", "")])
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let bad = me.post(&cleaner, &[("action", "explode")]).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let unknown = format!("{account}/categories/{}", ScheduleId::new());
        assert_eq!(
            me.post(&unknown, &[("action", "archive")]).await.status,
            StatusCode::NOT_FOUND
        );
        let history = me.get(&format!("{account}/history")).await;
        for said in [
            "added the category Cleaner",
            "renamed a category to Cleaning",
            "archived the category Cleaning",
            "restored the category Cleaning",
        ] {
            assert!(history.body.contains(said), "{said}");
        }
        assert_verified(&app.db);
    });
}

fn expenses_carry_a_category_into_the_list_filter_and_the_csv(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        let account = sams_flat(&me).await;
        let form = me.get(&format!("{account}/expenses/new")).await;
        let options = form.attrs("#category option", "value");
        let groceries = form
            .html()
            .select(&scraper::Selector::parse("#category option").expect("selector"))
            .find(|o| o.text().collect::<String>() == "Groceries")
            .and_then(|o| o.value().attr("value").map(str::to_owned))
            .expect("a Groceries option");
        assert_eq!(options[0], "", "none is the first choice");
        add_expense(
            &me,
            &account,
            &[
                ("amount", "20"),
                ("description", "Veg"),
                ("category", &groceries),
            ],
        )
        .await
        .assert_redirect_to(&account);
        add_expense(&me, &account, &[("amount", "8"), ("description", "Stamps")])
            .await
            .assert_redirect_to(&account);
        let all = me.get(&format!("{account}/expenses")).await;
        assert_eq!(all.texts("td .what").len(), 2);
        assert_eq!(all.texts(".badge.category"), vec!["Groceries"]);
        let only = me
            .get(&format!("{account}/expenses?category={groceries}"))
            .await;
        assert_eq!(only.texts("td .what"), vec!["Veg"]);
        let none = me.get(&format!("{account}/expenses?category=none")).await;
        assert_eq!(none.texts("td .what"), vec!["Stamps"]);
        let bad = me
            .get(&format!("{account}/expenses?category=nonsense"))
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.text("#category-error").contains("Choose a category"));
        // Editing keeps the category and can change it.
        let csv = me.get(&format!("{account}/export/expenses.csv")).await;
        let lines: Vec<&str> = csv.body.lines().collect();
        assert!(
            lines[0].starts_with("date,description,category,"),
            "{}",
            lines[0]
        );
        assert!(csv.body.contains(",Veg,Groceries,"), "{}", csv.body);
        assert!(csv.body.contains(",Stamps,,"), "{}", csv.body);
        assert_verified(&app.db);
    });
}

fn non_members_cannot_see_or_change_recurring_bills_or_categories(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        let account = sams_flat(&me).await;
        let other = app.browser();
        other.register("kim@example.org", "Kim").await;
        for path in ["recurring", "categories"] {
            let page = other.get(&format!("{account}/{path}")).await;
            assert!(
                matches!(page.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
                "{path}: {}",
                page.status
            );
        }
        let page = other
            .post(
                &format!("{account}/time-zone"),
                &[("time_zone", "Europe/Madrid")],
            )
            .await;
        assert!(matches!(
            page.status,
            StatusCode::NOT_FOUND | StatusCode::FORBIDDEN
        ));
    });
}

backend_tests!(
    a_repeating_expense_from_the_form_is_recorded_and_listed_as_recurring,
    the_same_repeating_form_sent_twice_sets_up_one_bill,
    bad_repeat_fields_are_shown_again_with_messages,
    missed_occurrences_are_caught_up_in_order_exactly_once,
    racing_posters_over_random_clocks_record_each_occurrence_once,
    the_servers_own_poster_records_what_fell_due,
    edit_skip_pause_resume_and_stop_from_the_recurring_page,
    the_time_zone_is_chosen_from_the_list,
    categories_can_be_added_renamed_archived_and_restored,
    expenses_carry_a_category_into_the_list_filter_and_the_csv,
    non_members_cannot_see_or_change_recurring_bills_or_categories,
);

//! Faults, against MariaDB with real processes: the server killed under load, the database
//! stopped under load, and the two-tabs cases (stale edits, double submits, reloads and the
//! back button). Nothing acknowledged may be lost, nothing recorded twice.
//!
//! Each test starts the `tally` binary itself. The outage test stops a private MariaDB of its
//! own (never the shared one on 3306). Compiled only with `--features mysql`; under `CI` or
//! `TALLY_REQUIRE_MYSQL=1` a missing MariaDB is a failure, otherwise the tests skip.
#![cfg(feature = "mysql")]

mod common;
#[path = "faults/support.rs"]
mod support;

use common::TestDb;
use common::web::{Browser, Page, form_fields, set};
use reqwest::StatusCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::*;
use tally::infrastructure::db::DatabaseUrl;

/// The crash and outage tests load the machine and measure durations: one at a time.
static HEAVY: Mutex<()> = Mutex::new(());

fn one_heavy_test_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    HEAVY
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

fn url_of(db: &TestDb) -> String {
    match &db.url {
        DatabaseUrl::Mysql(url) => url.clone(),
        DatabaseUrl::Sqlite(_) => unreachable!("the fault tests run on MariaDB"),
    }
}

// ----- Forms ---------------------------------------------------------------------------

fn get<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no field {name} in {fields:?}"))
}

/// The urlencoded body of a form as submitted from a page with this CSRF token.
fn body(csrf: &str, fields: &[(String, String)]) -> String {
    let mut all = vec![("csrf_token".to_owned(), csrf.to_owned())];
    all.extend_from_slice(fields);
    serde_urlencoded::to_string(&all).expect("encode")
}

fn csrf_of(page: &Page) -> String {
    page.attr("input[name=csrf_token]", "value")
        .unwrap_or_else(|| panic!("no CSRF token in {}", page.body))
}

/// The path part of an invite link, `/join/<token>`.
fn join_path(url: &str) -> String {
    let at = url.find("/join/").expect("a /join/ link");
    url[at..].to_owned()
}

/// A signed-in browser on this server.
async fn signed_up(base: &str, email: &str, name: &str) -> Browser {
    let b = Browser {
        base: base.to_owned(),
        client: client(Duration::from_secs(30)),
    };
    b.register(email, name).await;
    b
}

/// Joins the account behind `account` (a path) as a new member through its invite link.
async fn join_as_new(owner: &Browser, joiner: &Browser, account: &str, name: &str) {
    let members = owner.get(&format!("{account}/members")).await;
    let invite = members
        .attr("#invite-url", "value")
        .expect("an invite link");
    let page = joiner
        .post(&join_path(&invite), &[("choice", "new"), ("name", name)])
        .await;
    page.assert_redirect_to(account);
}

// ----- Load ---------------------------------------------------------------------------

/// One simulated person recording expenses in one account, over and over.
#[derive(Clone)]
struct Loader {
    who: String,
    client: reqwest::Client,
    account: String,
    csrf: String,
    /// The add-expense form as the dashboard offers it.
    form: Vec<(String, String)>,
}

impl Loader {
    async fn new(browser: &Browser, who: &str, account: &str) -> Loader {
        let dashboard = browser.get(account).await;
        assert_eq!(dashboard.status, StatusCode::OK, "{}", dashboard.body);
        Loader {
            who: who.to_owned(),
            // The same cookies; every request of a round has its own timeout.
            client: browser.client.clone(),
            account: account.to_owned(),
            csrf: csrf_of(&dashboard),
            form: form_fields(&dashboard, "form.expense-form"),
        }
    }

    /// Views the dashboard (keeping its CSRF token fresh).
    async fn view(&mut self, base: &str, origin: Instant, timeout: Duration) -> Sample {
        let (sample, html) = timed(
            "GET dashboard",
            origin,
            self.client
                .get(format!("{base}{}", self.account))
                .timeout(timeout),
        )
        .await;
        if sample.status == Some(200) {
            let page = Page {
                status: StatusCode::OK,
                location: None,
                headers: Default::default(),
                body: html,
            };
            self.csrf = csrf_of(&page);
        }
        sample
    }

    /// Adds an expense through the dashboard's form (a fresh id, as a freshly loaded form
    /// has); returns the expense id when acknowledged with the redirect to the dashboard.
    async fn write(
        &self,
        base: &str,
        origin: Instant,
        n: usize,
        timeout: Duration,
    ) -> (Sample, Option<String>) {
        let expense_id = uuid::Uuid::new_v4().to_string();
        let mut fields = self.form.clone();
        set(&mut fields, "expense_id", &expense_id);
        set(
            &mut fields,
            "amount",
            &format!("{}.{:02}", 1 + n % 40, n % 100),
        );
        set(&mut fields, "description", &format!("{} #{n}", self.who));
        let (post, _) = timed(
            "POST expense",
            origin,
            self.client
                .post(format!("{base}{}/expenses", self.account))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body(&self.csrf, &fields))
                .timeout(timeout),
        )
        .await;
        let acked = post.status == Some(303) && post.location.as_deref() == Some(&self.account);
        (post, acked.then_some(expense_id))
    }

    /// One round: the dashboard, then a new expense.
    async fn round(
        &mut self,
        base: &str,
        origin: Instant,
        n: usize,
        timeout: Duration,
    ) -> (Vec<Sample>, Option<String>) {
        let page = self.view(base, origin, timeout).await;
        let (post, acked) = self.write(base, origin, n, timeout).await;
        (vec![page, post], acked)
    }
}

/// What a load task does over and over.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// View the dashboard, then add an expense.
    Rounds,
    /// Only view the dashboard.
    Views,
    /// Only add expenses.
    Writes,
}

/// What the load saw.
#[derive(Default)]
struct Observed {
    samples: Vec<(String, Sample)>,
    acknowledged: Vec<String>,
}

/// One load task: runs until `stop`, pausing briefly after transport errors.
struct Load {
    base: String,
    origin: Instant,
    timeout: Duration,
    stop: Arc<AtomicBool>,
    observed: Arc<Mutex<Observed>>,
}

impl Load {
    fn new(base: &str, timeout: Duration) -> Load {
        Load {
            base: base.to_owned(),
            origin: Instant::now(),
            timeout,
            stop: Arc::new(AtomicBool::new(false)),
            observed: Arc::new(Mutex::new(Observed::default())),
        }
    }

    fn spawn(&self, mut loader: Loader, mode: Mode) -> tokio::task::JoinHandle<()> {
        let (base, origin, timeout) = (self.base.clone(), self.origin, self.timeout);
        let (stop, observed) = (self.stop.clone(), self.observed.clone());
        tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                n += 1;
                let (samples, acked) = match mode {
                    Mode::Rounds => loader.round(&base, origin, n, timeout).await,
                    Mode::Views => (vec![loader.view(&base, origin, timeout).await], None),
                    Mode::Writes => {
                        let (sample, acked) = loader.write(&base, origin, n, timeout).await;
                        (vec![sample], acked)
                    }
                };
                let failed = samples.iter().any(|s| s.status.is_none());
                {
                    let mut o = observed.lock().expect("observed");
                    o.samples
                        .extend(samples.into_iter().map(|s| (loader.who.clone(), s)));
                    o.acknowledged.extend(acked);
                }
                if failed {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
        })
    }

    fn elapsed(&self) -> Duration {
        self.origin.elapsed()
    }

    /// Stops the tasks and returns what they saw.
    async fn finish(self, tasks: Vec<tokio::task::JoinHandle<()>>) -> Observed {
        self.stop.store(true, Ordering::SeqCst);
        for t in tasks {
            t.await.expect("load task");
        }
        std::mem::take(&mut *self.observed.lock().expect("observed"))
    }
}

/// The dashboard shown, or an expense recorded with the redirect to the dashboard.
fn normal(s: &Sample) -> bool {
    match s.what {
        "GET dashboard" => s.status == Some(200),
        _ => {
            s.status == Some(303)
                && s.location
                    .as_deref()
                    .is_some_and(|l| l.starts_with("/accounts/"))
        }
    }
}

fn describe(samples: &[&(String, Sample)]) -> String {
    samples
        .iter()
        .take(10)
        .map(|(who, s)| {
            format!(
                "{who} {} at {:?} took {:?}: {:?} {:?} {}",
                s.what,
                s.started,
                s.took,
                s.status,
                s.error,
                s.body.chars().take(300).collect::<String>()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

// ----- 1. Crash ------------------------------------------------------------------------

fn sigkill_under_load_loses_no_acknowledged_expense(db: TestDb) {
    let _heavy = one_heavy_test_at_a_time();
    let url = url_of(&db);
    let mut server = Server::start(&url);
    runtime().block_on(async {
        let base = server.base.clone();
        // Sam, Kim and Lee share one account; Dan has his own.
        let sam = signed_up(&base, "sam@example.org", "Sam").await;
        let flat = sam.open_account("Crash flat", "Sam").await;
        let kim = signed_up(&base, "kim@example.org", "Kim").await;
        join_as_new(&sam, &kim, &flat, "Kim").await;
        let lee = signed_up(&base, "lee@example.org", "Lee").await;
        join_as_new(&sam, &lee, &flat, "Lee").await;
        let dan = signed_up(&base, "dan@example.org", "Dan").await;
        let own = dan.open_account("Dan's", "Dan").await;

        let timeout = Duration::from_secs(10);
        let loaders = vec![
            Loader::new(&sam, "Sam", &flat).await,
            Loader::new(&kim, "Kim", &flat).await,
            Loader::new(&lee, "Lee", &flat).await,
            Loader::new(&dan, "Dan", &own).await,
        ];
        let load = Load::new(&base, timeout);
        let origin = load.origin;
        let tasks: Vec<_> = loaders
            .iter()
            .map(|l| load.spawn(l.clone(), Mode::Rounds))
            .collect();
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let acked_before_kill = load.observed.lock().expect("observed").acknowledged.len();
        let killed_at = load.elapsed();
        server.kill();
        let mut observed = load.finish(tasks).await;
        assert!(
            acked_before_kill >= 8,
            "the load hardly ran ({acked_before_kill} expenses acknowledged in 1.5 s); log:\n{}",
            server.log_tail(40)
        );
        // Before the kill, every request was answered normally.
        let unexpected: Vec<&(String, Sample)> = observed
            .samples
            .iter()
            .filter(|(_, s)| s.started + s.took < killed_at)
            .filter(|(_, s)| !normal(s))
            .collect();
        assert!(
            unexpected.is_empty(),
            "answers before the kill:\n{}",
            describe(&unexpected)
        );
        let cut_off = observed
            .samples
            .iter()
            .filter(|(_, s)| s.status.is_none())
            .count();
        // Consistent as the kill left it, before any restart.
        assert_verifies(&url);

        // Restarted on the same database (another port): everyone carries on where they were.
        let mut restarted = Server::start(&url);
        let base = restarted.base.clone();
        let mut after = Vec::new();
        for mut loader in loaders {
            for n in 0..3 {
                let (samples, acked) = loader.round(&base, origin, 1000 + n, timeout).await;
                for s in &samples {
                    assert!(
                        normal(s),
                        "{} after the restart: {s:?}\nlog:\n{}",
                        loader.who,
                        restarted.log_tail(40)
                    );
                }
                after.push(acked.expect("acknowledged after the restart"));
            }
        }
        observed.acknowledged.extend(after);
        restarted.kill();

        assert_verifies(&url);
        assert_all_acknowledged_recorded(&url, &observed.acknowledged);
        let recorded = count(&stored_events(&url), "expense_recorded");
        eprintln!(
            "crash: {} expenses acknowledged ({acked_before_kill} before the SIGKILL at {killed_at:?}), \
             {recorded} recorded, {cut_off} requests cut off by the kill",
            observed.acknowledged.len()
        );
    });
}

// ----- 2. Database outage --------------------------------------------------------------

/// The longest any request may take while the database is away.
const NO_REQUEST_HANGS: Duration = Duration::from_secs(8);
/// How long the database stays away.
const OUTAGE: Duration = Duration::from_secs(5);
/// How soon after the database is back everything works again.
const RECOVERY: Duration = Duration::from_secs(10);

fn a_database_outage_gives_quick_503s_and_heals_itself() {
    let _heavy = one_heavy_test_at_a_time();
    let Some(mut mariadb) = PrivateMariaDb::start() else {
        return;
    };
    let url = mariadb.create_database("tally_outage");
    let mut server = Server::start(&url);
    runtime().block_on(async {
        let base = server.base.clone();
        let sam = signed_up(&base, "sam@example.org", "Sam").await;
        let flat = sam.open_account("Outage flat", "Sam").await;
        let kim = signed_up(&base, "kim@example.org", "Kim").await;
        join_as_new(&sam, &kim, &flat, "Kim").await;
        let dan = signed_up(&base, "dan@example.org", "Dan").await;
        let own = dan.open_account("Dan's", "Dan").await;

        // Longer than the bound, so a hanging request shows up as a slow sample.
        let timeout = NO_REQUEST_HANGS + Duration::from_secs(7);
        let loaders = vec![
            Loader::new(&sam, "Sam", &flat).await,
            Loader::new(&kim, "Kim", &flat).await,
            Loader::new(&dan, "Dan", &own).await,
        ];
        let who: Vec<String> = loaders.iter().map(|l| l.who.clone()).collect();
        // Each person looks at the dashboard in one tab and adds expenses in another.
        let load = Load::new(&base, timeout);
        let mut tasks = Vec::new();
        for l in &loaders {
            tasks.push(load.spawn(l.clone(), Mode::Views));
            tasks.push(load.spawn(l.clone(), Mode::Writes));
        }
        tokio::time::sleep(Duration::from_millis(1500)).await;

        let stopping_at = load.elapsed();
        tokio::task::block_in_place(|| mariadb.stop());
        let down_at = load.elapsed();
        tokio::time::sleep(OUTAGE).await;
        let restarting_at = load.elapsed();
        tokio::task::block_in_place(|| mariadb.resume());
        let back_at = load.elapsed();

        // Wait until every person has seen their dashboard and recorded an expense again.
        let recovered = |o: &Observed| -> Vec<Option<Duration>> {
            who.iter()
                .map(|w| {
                    let first = |what: &str, status: u16| {
                        o.samples
                            .iter()
                            .filter(|(p, s)| {
                                p == w
                                    && s.what == what
                                    && s.started >= back_at
                                    && s.status == Some(status)
                            })
                            .map(|(_, s)| s.started + s.took)
                            .min()
                    };
                    Some(first("GET dashboard", 200)?.max(first("POST expense", 303)?))
                })
                .collect()
        };
        let deadline = Instant::now() + RECOVERY + Duration::from_secs(5);
        loop {
            let done = recovered(&load.observed.lock().expect("observed"))
                .iter()
                .all(Option::is_some);
            if done || Instant::now() > deadline {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let observed = load.finish(tasks).await;
        let all: Vec<&(String, Sample)> = observed.samples.iter().collect();
        let log = || server.log_tail(30);
        if std::env::var_os("FAULTS_DEBUG").is_some() {
            eprintln!(
                "stopping {stopping_at:?}, gone {down_at:?}, restarting {restarting_at:?}, back {back_at:?}"
            );
            for (w, s) in all.iter().filter(|(_, s)| s.started + s.took >= stopping_at) {
                eprintln!("{w} {} at {:?} took {:?}: {:?}", s.what, s.started, s.took, s.status);
            }
        }
        // The server stayed up and answered everything.
        let unanswered: Vec<_> = all
            .iter()
            .copied()
            .filter(|(_, s)| s.status.is_none())
            .collect();
        assert!(
            unanswered.is_empty(),
            "requests without an answer:\n{}",
            describe(&unanswered)
        );
        // None hangs.
        let slow: Vec<_> = all
            .iter()
            .copied()
            .filter(|(_, s)| s.took > NO_REQUEST_HANGS)
            .collect();
        assert!(
            slow.is_empty(),
            "requests slower than {NO_REQUEST_HANGS:?}:\n{}",
            describe(&slow)
        );
        // Only pages, redirects and the 503 page, never a 500 (or anything else).
        let odd: Vec<_> = all
            .iter()
            .copied()
            .filter(|(_, s)| !matches!(s.status, Some(200 | 303 | 503)))
            .collect();
        assert!(
            odd.is_empty(),
            "unexpected answers:\n{}\nlog:\n{}",
            describe(&odd),
            log()
        );
        // While the database was away, every request got the 503 page.
        let during: Vec<_> = all
            .iter()
            .copied()
            .filter(|(_, s)| s.started >= down_at && s.started + s.took <= restarting_at)
            .collect();
        let not_503: Vec<_> = during
            .iter()
            .copied()
            .filter(|(_, s)| s.status != Some(503) || !s.body.contains("Temporarily unavailable"))
            .collect();
        assert!(
            not_503.is_empty(),
            "during the outage:\n{}",
            describe(&not_503)
        );
        // And it got it while the database was still away: nobody waited for its return.
        for what in ["GET dashboard", "POST expense"] {
            assert!(
                during.iter().any(|(_, s)| s.what == what),
                "no {what} was answered while the database was away (from {down_at:?} to \
                 {restarting_at:?}): requests waited for it instead of getting a quick 503:\n{}",
                describe(
                    &all.iter()
                        .copied()
                        .filter(|(_, s)| s.started + s.took >= stopping_at)
                        .collect::<Vec<_>>()
                )
            );
        }
        // Back by itself: each person has a dashboard and a recorded expense soon.
        let times = recovered(&observed);
        for (w, t) in who.iter().zip(&times) {
            let t = t.unwrap_or_else(|| panic!("{w} never recovered; log:\n{}", log()));
            assert!(
                t <= back_at + RECOVERY,
                "{w} recovered {:?} after the database was back",
                t - back_at
            );
        }
        assert!(server.is_running(), "tally was not restarted");
        let ready = reqwest::get(format!("{base}/readyz"))
            .await
            .expect("readyz");
        assert_eq!(ready.status(), StatusCode::OK);

        server.kill();
        assert_verifies(&url);
        assert_all_acknowledged_recorded(&url, &observed.acknowledged);
        let slowest = during.iter().map(|(_, s)| s.took).max().unwrap_or_default();
        let recovery = times.iter().flatten().max().copied().unwrap_or_default() - back_at;
        eprintln!(
            "outage: MariaDB stopped at {stopping_at:?} (gone at {down_at:?}), started again at \
             {restarting_at:?} (answering at {back_at:?}); {} requests during the outage, all 503, \
             slowest {slowest:?}; everyone recovered within {recovery:?}; {} requests in all, \
             {} expenses acknowledged and present",
            during.len(),
            all.len(),
            observed.acknowledged.len()
        );
    });
}

// ----- 3. Two tabs -------------------------------------------------------------------

/// POSTs the same body twice at once, as a double click does.
async fn twice_at_once(b: &Browser, path: &str, body: String) -> (Page, Page) {
    tokio::join!(b.post_body(path, body.clone()), b.post_body(path, body))
}

#[track_caller]
fn assert_no_server_error(page: &Page, what: &str) {
    assert!(
        page.status.is_success() || page.status.is_redirection() || page.status.is_client_error(),
        "{what}: {} {}",
        page.status,
        page.body
    );
}

fn stale_edits_double_submits_reloads_and_back_buttons_record_once(db: TestDb) {
    let url = url_of(&db);
    let server = Server::start(&url);
    runtime().block_on(async {
        let base = server.base.clone();
        let sam = signed_up(&base, "sam@example.org", "Sam").await;
        let flat = sam.open_account("Tabs flat", "Sam").await;
        let kim = signed_up(&base, "kim@example.org", "Kim").await;
        join_as_new(&sam, &kim, &flat, "Kim").await;
        let expenses = format!("{flat}/expenses");

        // --- A stale edit, from two browsers.
        let dashboard = sam.get(&flat).await;
        let mut fields = form_fields(&dashboard, "form.expense-form");
        set(&mut fields, "amount", "30");
        set(&mut fields, "description", "Internet");
        let internet = get(&fields, "expense_id").to_owned();
        sam.post_body(&expenses, body(&csrf_of(&dashboard), &fields))
            .await
            .assert_redirect_to(&flat);
        let edit = format!("{expenses}/{internet}/edit");
        let target = format!("{expenses}/{internet}");
        let sams_tab = sam.get(&edit).await;
        let kims_tab = kim.get(&edit).await;
        assert_eq!(
            sams_tab.attr("input[name=revision]", "value").as_deref(),
            Some("1")
        );
        let mut kims = form_fields(&kims_tab, "form.expense-form");
        set(&mut kims, "amount", "36");
        set(&mut kims, "description", "Internet (Kim)");
        let kims_body = body(&csrf_of(&kims_tab), &kims);
        kim.post_body(&target, kims_body.clone())
            .await
            .assert_redirect_to(&expenses);
        let mut sams = form_fields(&sams_tab, "form.expense-form");
        set(&mut sams, "amount", "40");
        let sams_body = body(&csrf_of(&sams_tab), &sams);
        let refused = sam.post_body(&target, sams_body.clone()).await;
        assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
        assert!(
            refused
                .text(".error-summary")
                .starts_with("Kim changed this expense while you were editing"),
            "{}",
            refused.text(".error-summary")
        );
        // Sam's own values stay, with Kim's beside them.
        assert_eq!(refused.attr("#amount", "value").as_deref(), Some("40"));
        assert!(
            refused
                .text("#amount-error")
                .contains("changed it to €36.00")
        );
        assert_eq!(
            refused.attr("input[name=revision]", "value").as_deref(),
            Some("2")
        );
        // Sam's stale tab sent again, and Kim's form sent again (reload): nothing changes.
        assert_eq!(
            sam.post_body(&target, sams_body).await.status,
            StatusCode::CONFLICT
        );
        kim.post_body(&target, kims_body)
            .await
            .assert_redirect_to(&expenses);
        let now = sam.get(&edit).await;
        assert_eq!(now.attr("#amount", "value").as_deref(), Some("36.00"));
        assert_eq!(
            now.attr("#description", "value").as_deref(),
            Some("Internet (Kim)")
        );
        let events = stored_events(&url);
        assert_eq!(
            ids_in(&events, "expense_corrected", "expense_id").get(&internet),
            Some(&1),
            "exactly one correction"
        );

        // --- Add an expense: double click, reload, back button.
        let dashboard = sam.get(&flat).await;
        let csrf = csrf_of(&dashboard);
        let mut groceries = form_fields(&dashboard, "form.expense-form");
        set(&mut groceries, "amount", "12.50");
        set(&mut groceries, "description", "Groceries");
        let groceries_id = get(&groceries, "expense_id").to_owned();
        let (a, b) = twice_at_once(&sam, &expenses, body(&csrf, &groceries)).await;
        a.assert_redirect_to(&flat);
        b.assert_redirect_to(&flat);
        sam.post_body(&expenses, body(&csrf, &groceries))
            .await
            .assert_redirect_to(&flat);
        let newer = sam.get(&flat).await;
        assert!(
            newer.text(".flash").starts_with("Already recorded"),
            "{}",
            newer.text(".flash")
        );
        let mut cinema = form_fields(&newer, "form.expense-form");
        set(&mut cinema, "amount", "9");
        set(&mut cinema, "description", "Cinema");
        let cinema_id = get(&cinema, "expense_id").to_owned();
        assert_ne!(cinema_id, groceries_id, "a new form gets a new id");
        sam.post_body(&expenses, body(&csrf, &cinema))
            .await
            .assert_redirect_to(&flat);
        // Back to the old form: sent as it was, and then changed.
        sam.post_body(&expenses, body(&csrf, &groceries))
            .await
            .assert_redirect_to(&flat);
        set(&mut groceries, "amount", "13");
        let changed = sam.post_body(&expenses, body(&csrf, &groceries)).await;
        assert_no_server_error(&changed, "an old add form changed and sent again");
        assert_ne!(changed.status, StatusCode::SEE_OTHER, "not recorded again");
        let events = stored_events(&url);
        let recorded = ids_in(&events, "expense_recorded", "expense_id");
        assert_eq!(recorded.get(&groceries_id), Some(&1));
        assert_eq!(recorded.get(&cinema_id), Some(&1));
        assert_eq!(
            recorded.len(),
            3,
            "Internet, Groceries, Cinema: {recorded:?}"
        );

        // --- "Record this payment": double click, reload, back button.
        let payment_form = "form[action$='/transfers']";
        let dashboard = sam.get(&flat).await;
        let first = form_fields(&dashboard, payment_form);
        let first_id = get(&first, "transfer_id").to_owned();
        let transfers = format!("{flat}/transfers");
        let (a, b) = twice_at_once(&sam, &transfers, body(&csrf, &first)).await;
        a.assert_redirect_to(&flat);
        b.assert_redirect_to(&flat);
        sam.post_body(&transfers, body(&csrf, &first))
            .await
            .assert_redirect_to(&flat);
        assert!(
            sam.get(&flat)
                .await
                .text(".flash")
                .starts_with("Already recorded"),
        );
        // Something new to settle, paid once, then the old payment button again.
        let dashboard = sam.get(&flat).await;
        let mut more = form_fields(&dashboard, "form.expense-form");
        set(&mut more, "amount", "20");
        set(&mut more, "description", "Cleaning");
        sam.post_body(&expenses, body(&csrf, &more))
            .await
            .assert_redirect_to(&flat);
        let dashboard = sam.get(&flat).await;
        let second = form_fields(&dashboard, payment_form);
        let second_id = get(&second, "transfer_id").to_owned();
        sam.post_body(&transfers, body(&csrf, &second))
            .await
            .assert_redirect_to(&flat);
        sam.post_body(&transfers, body(&csrf, &first))
            .await
            .assert_redirect_to(&flat);
        let events = stored_events(&url);
        let paid = ids_in(&events, "transfer_recorded", "transfer_id");
        assert_eq!(paid.get(&first_id), Some(&1));
        assert_eq!(paid.get(&second_id), Some(&1));
        assert_eq!(paid.len(), 2, "{paid:?}");
        assert_eq!(
            sam.get(&flat).await.text(".settled"),
            "Everyone is settled."
        );

        // --- Adding a member: double click, reload, back button.
        let members = format!("{flat}/members");
        let page = sam.get(&members).await;
        let mut lee = form_fields(&page, "form.add-member");
        set(&mut lee, "name", "Lee");
        let (a, b) = twice_at_once(&sam, &members, body(&csrf, &lee)).await;
        a.assert_redirect_to(&members);
        b.assert_redirect_to(&members);
        sam.post_body(&members, body(&csrf, &lee))
            .await
            .assert_redirect_to(&members);
        let page = sam.get(&members).await;
        assert_eq!(page.text(".flash"), "Lee was already added.");
        let mut max = form_fields(&page, "form.add-member");
        set(&mut max, "name", "Max");
        sam.post_body(&members, body(&csrf, &max))
            .await
            .assert_redirect_to(&members);
        sam.post_body(&members, body(&csrf, &lee))
            .await
            .assert_redirect_to(&members);
        let events = stored_events(&url);
        let added = ids_in(&events, "member_added", "name");
        for name in ["Sam", "Kim", "Lee", "Max"] {
            assert_eq!(added.get(name), Some(&1), "{name}: {added:?}");
        }
        assert_eq!(added.len(), 4, "{added:?}");

        // --- Joining through the invite link: double click, reload, back button; as a new
        // member (Alex) and as the member added by name (Lee).
        let invite = sam
            .get(&members)
            .await
            .attr("#invite-url", "value")
            .expect("an invite link");
        let join = join_path(&invite);
        for (email, name) in [("alex@example.org", "Alex"), ("lee@example.org", "Lee")] {
            let person = signed_up(&base, email, name).await;
            let page = person.get(&join).await;
            assert_eq!(page.status, StatusCode::OK, "{}", page.body);
            let form = form_fields(&page, "form.join-form");
            if name == "Lee" {
                assert_ne!(get(&form, "choice"), "new", "Lee is offered as Lee");
            }
            let csrf = csrf_of(&page);
            let (a, b) = twice_at_once(&person, &join, body(&csrf, &form)).await;
            for p in [&a, &b] {
                assert_no_server_error(p, "a join sent twice at once");
            }
            eprintln!(
                "tabs: {name}'s join sent twice at once: {} and {}",
                a.status, b.status
            );
            assert!(
                [&a, &b].iter().any(|p| p.status == StatusCode::SEE_OTHER),
                "one of them joins: {} / {}",
                a.status,
                b.status
            );
            // Reload, and the back button to the join page's form.
            person
                .post_body(&join, body(&csrf, &form))
                .await
                .assert_redirect_to(&flat);
            assert_eq!(
                person.get(&flat).await.text(".flash"),
                "You are already a member."
            );
        }
        let events = stored_events(&url);
        let added = ids_in(&events, "member_added", "name");
        assert_eq!(added.get("Alex"), Some(&1), "{added:?}");
        assert_eq!(added.len(), 5, "{added:?}");
        assert_eq!(count(&events, "member_linked"), 1, "Lee linked once");
        let page = sam.get(&members).await;
        assert_eq!(
            page.texts("table.members tbody th"),
            vec!["Sam (you)", "Kim", "Lee", "Max", "Alex"]
        );

        assert_verifies(&url);
    });
}

mod mysql {
    use super::*;

    fn with_db(test: fn(TestDb)) {
        if let Some(db) = TestDb::mysql() {
            test(db);
        }
    }

    #[test]
    fn sigkill_under_load_loses_no_acknowledged_expense() {
        with_db(super::sigkill_under_load_loses_no_acknowledged_expense);
    }

    #[test]
    fn a_database_outage_gives_quick_503s_and_heals_itself() {
        super::a_database_outage_gives_quick_503s_and_heals_itself();
    }

    #[test]
    fn stale_edits_double_submits_reloads_and_back_buttons_record_once() {
        with_db(super::stale_edits_double_submits_reloads_and_back_buttons_record_once);
    }
}

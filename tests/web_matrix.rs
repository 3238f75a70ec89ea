//! The authorization matrix, generated from the router: every route of
//! `tally::web::routes::all()` is requested by an anonymous visitor, a signed-in user who is
//! not a member of the account, and a member, and every POST without and with a wrong CSRF
//! token. A new route is checked the moment it is registered; a route with a path parameter
//! the matrix cannot fill fails the test instead of slipping through.

mod common;

use common::TestDb;
use common::web::*;
use diesel::prelude::*;
use reqwest::StatusCode;
use std::fmt::Write as _;
use tally::domain::{AccountId, ExpenseId, MemberId, MemberName};
use tally::infrastructure::db::DbConnection;
use tally::infrastructure::schema::{
    account_invites, events, sign_in_attempts, user_sessions, users,
};
use tally::web::routes::{self, Access, RouteDef};

/// Path parameters the matrix knows how to fill.
const KNOWN_PARAMS: &[&str] = &[
    "account_id",
    "expense_id",
    "transfer_id",
    "member_id",
    "token",
    "schedule_id",
    "category_id",
];

/// Stands in for the invite token when no members page shows one.
const NO_TOKEN: &str = "no-invite-token-available";

/// Plausible form fields sent with every POST, so a request that slipped past a guard would
/// actually change something (and an unchanged database means something). Names get a
/// number so that each request could add someone new.
const PLAUSIBLE_FIELDS: &[(&str, &str)] = &[
    ("name", "Robin"),
    ("currency", "EUR"),
    ("member_name", "Robin"),
    ("choice", "new"),
];

/// Numbers the names in POST bodies.
static POSTS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);

/// What the matrix fills path parameters with.
struct Fixtures {
    /// Account X, of which A is a member and B is not.
    account: AccountId,
    /// Expense E in X.
    expense: ExpenseId,
    /// Payment P in X.
    transfer: tally::domain::TransferId,
    /// Member M of X, added by name.
    member: MemberId,
    /// Recurring bill S of X.
    schedule: tally::domain::ScheduleId,
    /// Category C of X.
    category: tally::domain::CategoryId,
    /// X's invite token, from A's members page, if that page shows one.
    token: Option<String>,
}

impl Fixtures {
    /// The route's path with every parameter filled, or the names it does not know.
    fn fill(&self, pattern: &str) -> Result<String, Vec<String>> {
        let mut out = String::new();
        let mut unknown = Vec::new();
        let mut rest = pattern;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let Some(len) = rest[start..].find('}') else {
                unknown.push(format!("unclosed brace in {pattern}"));
                break;
            };
            let name = &rest[start + 1..start + len];
            match name {
                "account_id" => out.push_str(&self.account.to_string()),
                "expense_id" => out.push_str(&self.expense.to_string()),
                "transfer_id" => out.push_str(&self.transfer.to_string()),
                "member_id" => out.push_str(&self.member.to_string()),
                "schedule_id" => out.push_str(&self.schedule.to_string()),
                "category_id" => out.push_str(&self.category.to_string()),
                "token" => out.push_str(self.token.as_deref().unwrap_or(NO_TOKEN)),
                other => unknown.push(other.to_owned()),
            }
            rest = &rest[start + len + 1..];
        }
        out.push_str(rest);
        if unknown.is_empty() {
            Ok(out)
        } else {
            Err(unknown)
        }
    }
}

/// Who makes a request.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Anonymous,
    NonMember,
    Member,
}

/// What a cell of the matrix accepts.
#[derive(Clone, Copy, Debug)]
enum Expect {
    Ok,
    Csv,
    SignIn,
    NotFound,
    Forbidden,
    /// POST without a session: the CSRF guard (403) or the sign-in redirect.
    ForbiddenOrSignIn,
    /// A valid form: done (303) or shown again with messages (422).
    Handled,
    /// 200, or a redirect the route makes by design.
    OkOrRedirect,
}

impl Expect {
    fn label(self) -> &'static str {
        match self {
            Expect::Ok => "200",
            Expect::Csv => "200 text/csv",
            Expect::SignIn => "303 /signin",
            Expect::NotFound => "404",
            Expect::Forbidden => "403",
            Expect::ForbiddenOrSignIn => "403|303 /signin",
            Expect::Handled => "303|422",
            Expect::OkOrRedirect => "200|303",
        }
    }

    fn accepts(self, page: &Page) -> bool {
        let to_signin = page.status == StatusCode::SEE_OTHER
            && page
                .location
                .as_deref()
                .is_some_and(|l| l.starts_with("/signin"));
        match self {
            Expect::Ok => page.status == StatusCode::OK,
            Expect::Csv => {
                page.status == StatusCode::OK
                    && page
                        .headers
                        .get(reqwest::header::CONTENT_TYPE)
                        .and_then(|v| v.to_str().ok())
                        .is_some_and(|v| v.starts_with("text/csv"))
            }
            Expect::SignIn => to_signin,
            Expect::NotFound => page.status == StatusCode::NOT_FOUND,
            Expect::Forbidden => page.status == StatusCode::FORBIDDEN,
            Expect::ForbiddenOrSignIn => page.status == StatusCode::FORBIDDEN || to_signin,
            Expect::Handled => {
                page.status == StatusCode::SEE_OTHER
                    || page.status == StatusCode::UNPROCESSABLE_ENTITY
            }
            Expect::OkOrRedirect => {
                page.status == StatusCode::OK || page.status == StatusCode::SEE_OTHER
            }
        }
    }
}

/// The columns of the printed matrix.
const COLUMNS: &[&str] = &[
    "anonymous",
    "non-member B",
    "member A",
    "no csrf",
    "wrong csrf",
];

/// One row of the matrix: a route and what each column got.
struct Row {
    route: String,
    cells: Vec<String>,
}

/// Everything checked so far, and what went wrong.
struct Matrix {
    rows: Vec<Row>,
    failures: Vec<String>,
    checks: usize,
    /// Fixture values and the parameter names printed instead of them.
    names: Vec<(String, &'static str)>,
}

impl Matrix {
    fn row(&mut self, route: &RouteDef) -> usize {
        self.rows.push(Row {
            route: format!("{route:?}"),
            cells: vec!["-".to_owned(); COLUMNS.len()],
        });
        self.rows.len() - 1
    }

    /// Records one request's outcome in a cell; `changed` names what the request changed in
    /// the database (None when it may change things).
    fn check(
        &mut self,
        row: usize,
        column: usize,
        expect: Expect,
        page: &Page,
        changed: Option<Vec<&'static str>>,
    ) {
        self.checks += 1;
        let mut got = page.status.as_u16().to_string();
        if page.status == StatusCode::SEE_OTHER
            && let Some(location) = &page.location
        {
            let path = location.split('?').next().unwrap_or_default();
            write!(got, " {}", self.redact(path)).unwrap_or_default();
        }
        let mut ok = expect.accepts(page) && !page.status.is_server_error();
        if let Some(changed) = changed.filter(|c| !c.is_empty()) {
            ok = false;
            write!(got, " CHANGED {}", changed.join("+")).unwrap_or_default();
        }
        let cell = format!("{got} {}", if ok { "ok" } else { "FAIL" });
        let target = &mut self.rows[row].cells[column];
        if target == "-" {
            *target = cell;
        } else {
            target.push_str(" / ");
            target.push_str(&cell);
        }
        if !ok {
            self.failures.push(format!(
                "{} as {}: expected {}, got {got}; body starts: {:?}",
                self.rows[row].route,
                COLUMNS[column],
                expect.label(),
                page.body.chars().take(200).collect::<String>()
            ));
        }
    }

    /// A path with fixture ids shown as their parameter names and other ids as `{new}`.
    fn redact(&self, path: &str) -> String {
        path.split('/')
            .map(|segment| {
                let (id, rest) = segment.split_once('#').unwrap_or((segment, ""));
                let shown = match self.names.iter().find(|(value, _)| value == id) {
                    Some((_, name)) => format!("{{{name}}}"),
                    None if uuid::Uuid::parse_str(id).is_ok() => "{new}".to_owned(),
                    None => id.to_owned(),
                };
                if rest.is_empty() {
                    shown
                } else {
                    format!("{shown}#{rest}")
                }
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    fn note(&mut self, row: usize, column: usize, note: &str) {
        self.rows[row].cells[column] = note.to_owned();
    }

    fn print(&self) -> String {
        let mut widths: Vec<usize> = COLUMNS.iter().map(|c| c.len()).collect();
        let mut route_width = "route".len();
        for row in &self.rows {
            route_width = route_width.max(row.route.len());
            for (w, cell) in widths.iter_mut().zip(&row.cells) {
                *w = (*w).max(cell.len());
            }
        }
        let mut out = String::new();
        let line = |out: &mut String, first: &str, cells: &[String]| {
            let _ = write!(out, "{first:<route_width$}");
            for (cell, w) in cells.iter().zip(&widths) {
                let _ = write!(out, " | {cell:<w$}");
            }
            out.push('\n');
        };
        let header: Vec<String> = COLUMNS.iter().map(|c| (*c).to_owned()).collect();
        line(&mut out, "route", &header);
        for row in &self.rows {
            line(&mut out, &row.route, &row.cells);
        }
        let _ = writeln!(
            out,
            "{} routes, {} checks, {} failed",
            self.rows.len(),
            self.checks,
            self.failures.len()
        );
        out
    }
}

fn event_count(conn: &mut DbConnection) -> i64 {
    events::table
        .count()
        .get_result(conn)
        .expect("count events")
}

/// What a refused request must not change: the events, and the identity tables a forged
/// sign-up, password change or invite replacement would touch (session activity times
/// aside, which every request may update).
#[derive(Debug, PartialEq)]
struct Snapshot {
    events: i64,
    users: Vec<(Vec<u8>, String, String, String)>,
    sessions: Vec<Vec<u8>>,
    invites: Vec<(Vec<u8>, Vec<u8>)>,
    sign_in_attempts: Vec<(Vec<u8>, i32)>,
}

fn snapshot(conn: &mut DbConnection) -> Snapshot {
    Snapshot {
        events: event_count(conn),
        users: users::table
            .order(users::user_id)
            .select((
                users::user_id,
                users::email,
                users::display_name,
                users::password_hash,
            ))
            .load(conn)
            .expect("users"),
        sessions: user_sessions::table
            .order(user_sessions::token_hash)
            .select(user_sessions::token_hash)
            .load(conn)
            .expect("sessions"),
        invites: account_invites::table
            .order(account_invites::account_id)
            .select((account_invites::account_id, account_invites::token_hash))
            .load(conn)
            .expect("invites"),
        sign_in_attempts: sign_in_attempts::table
            .order(sign_in_attempts::bucket)
            .select((sign_in_attempts::bucket, sign_in_attempts::attempts))
            .load(conn)
            .expect("sign-in attempts"),
    }
}

/// Names what differs between two snapshots.
fn changed(before: &Snapshot, after: &Snapshot) -> Vec<&'static str> {
    let mut what = Vec::new();
    if before.events != after.events {
        what.push("events");
    }
    if before.users != after.users {
        what.push("users");
    }
    if before.sessions != after.sessions {
        what.push("sessions");
    }
    if before.invites != after.invites {
        what.push("invites");
    }
    if before.sign_in_attempts != after.sign_in_attempts {
        what.push("sign-in attempts");
    }
    what
}

/// The id in `/accounts/<id>`.
fn account_id_of(path: &str) -> AccountId {
    path.trim_start_matches("/accounts/")
        .split(['/', '?'])
        .next()
        .unwrap_or_default()
        .parse()
        .expect("account id in the redirect")
}

/// The form body for a POST: the plausible fields, and a CSRF token when given.
fn body(token: Option<&str>) -> String {
    let n = POSTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut fields: Vec<(&str, String)> = Vec::new();
    if let Some(token) = token {
        fields.push(("csrf_token", token.to_owned()));
    }
    for (name, value) in PLAUSIBLE_FIELDS {
        let value = if value.starts_with("Robin") {
            format!("{value} {n}")
        } else {
            (*value).to_owned()
        };
        fields.push((name, value));
    }
    serde_urlencoded::to_string(fields).expect("encode")
}

/// GETs the member A may see redirect by design.
fn member_get_redirects(route: &RouteDef) -> bool {
    route.path.starts_with("/join/")
}

/// Public GETs that send a signed-in user elsewhere by design (no point signing in twice).
fn public_get_redirects_signed_in(route: &RouteDef) -> bool {
    matches!(route.path, "/signin" | "/signup")
}

/// Routes that need the invite token.
fn needs_token(route: &RouteDef) -> bool {
    route.path.contains("{token}")
}

fn authorization_matrix(db: TestDb) {
    // With mail configured, so that the "forgot password" routes exist too.
    let smtp = common::smtp::FakeSmtp::start();
    let url = smtp.url.clone();
    let with_mail = move |s: &mut tally::config::Settings| {
        s.smtp = Some(tally::config::SmtpSettings {
            url,
            from: "tally@example.org".to_owned(),
        });
    };
    with_app_configured(db, with_mail, |app| async move {
        let all = routes::all();

        // Every parameter must be fillable before anything else happens.
        let probe = Fixtures {
            account: AccountId::new(),
            expense: ExpenseId::new(),
            transfer: tally::domain::TransferId::new(),
            member: MemberId::new(),
            schedule: tally::domain::ScheduleId::new(),
            category: tally::domain::CategoryId::new(),
            token: None,
        };
        let mut seen = std::collections::HashSet::new();
        for route in &all {
            if let Err(unknown) = probe.fill(route.path) {
                panic!(
                    "{route:?} has path parameter(s) {unknown:?} the authorization matrix \
                     cannot fill; teach tests/web_matrix.rs (known: {KNOWN_PARAMS:?})"
                );
            }
            assert!(
                matches!(route.method, "get" | "post"),
                "{route:?}: the matrix checks GET and POST only"
            );
            assert!(
                seen.insert((route.method, route.path)),
                "{route:?} is registered twice"
            );
        }

        // A: a member of X, with member M, expense E and payment P. B: signed in, not a member.
        let a = app.me();
        a.register("a@example.org", "Alex").await;
        let account_path = a.open_account("Flat X", "Alex").await;
        let account = account_id_of(&account_path);
        let dashboard = a.get(&account_path).await;
        let a_member: MemberId = dashboard
            .attr("#payer option[selected]", "value")
            .expect("A's member id in the expense form")
            .parse()
            .expect("member id");
        let mut conn = app.db.conn();
        let member = MemberId::new();
        common::run(
            &mut conn,
            account,
            tally::domain::AccountCommand::AddMember {
                member_id: member,
                name: MemberName::parse("Morgan").expect("name"),
                user_id: None,
            },
        );
        let flat = common::Flat {
            account,
            members: vec![a_member, member],
            opener: tally::domain::UserId::new(),
        };
        let expense = common::record(
            &mut conn,
            &flat,
            common::expense(a_member, 3000, "Groceries", &[a_member, member]),
        );
        let transfer = tally::domain::TransferId::new();
        common::run(
            &mut conn,
            account,
            tally::domain::AccountCommand::RecordTransfer {
                transfer_id: transfer,
                details: tally::domain::TransferDetails {
                    from: member,
                    to: a_member,
                    amount: tally::domain::Money(500),
                    date: common::today(),
                },
            },
        );
        let schedule = tally::domain::ScheduleId::new();
        common::run(
            &mut conn,
            account,
            tally::domain::AccountCommand::CreateSchedule {
                schedule_id: schedule,
                details: tally::domain::ScheduleDetails {
                    expense: common::expense(a_member, 90_000, "Rent", &[a_member, member]),
                    recurrence: tally::domain::Recurrence::monthly(),
                    until: None,
                },
            },
        );
        let category = tally::domain::CategoryId::new();
        common::run(
            &mut conn,
            account,
            tally::domain::AccountCommand::AddCategory {
                category_id: category,
                name: tally::domain::CategoryName::parse("Cleaner").expect("name"),
            },
        );
        let members_page = a.get(&format!("{account_path}/members")).await;
        let token = if members_page.status == StatusCode::OK {
            invite_token(&members_page.body)
        } else {
            None
        };
        if token.is_none() {
            println!(
                "NOTE: no invite token (GET {account_path}/members gave {}); /join routes are \
                 checked with an unknown token and expect 404 where a token would matter",
                members_page.status
            );
        }
        let fx = Fixtures {
            account,
            expense,
            transfer,
            member,
            schedule,
            category,
            token,
        };

        let b = app.browser();
        b.register("b@example.org", "Blake").await;
        let a_csrf = a.csrf().await;
        let b_csrf = b.csrf().await;
        assert_ne!(a_csrf, b_csrf);
        let anon = app.browser();

        let mut names = vec![
            (fx.account.to_string(), "account_id"),
            (fx.expense.to_string(), "expense_id"),
            (fx.member.to_string(), "member_id"),
            (fx.schedule.to_string(), "schedule_id"),
            (fx.category.to_string(), "category_id"),
        ];
        if let Some(token) = &fx.token {
            names.push((token.clone(), "token"));
        }
        let mut matrix = Matrix {
            rows: Vec::new(),
            failures: Vec::new(),
            checks: 0,
            names,
        };
        let rows: Vec<usize> = all.iter().map(|r| matrix.row(r)).collect();
        let paths: Vec<String> = all
            .iter()
            .map(|r| fx.fill(r.path).expect("checked above"))
            .collect();
        // With no real invite token, a /join route is a 404 for everybody signed in.
        let token_missing = |r: &RouteDef| needs_token(r) && fx.token.is_none();

        // 1. Every GET, for every role. Reading changes nothing.
        let before = snapshot(&mut conn);
        for (i, route) in all.iter().enumerate() {
            if route.method != "get" {
                continue;
            }
            let (row, path) = (rows[i], &paths[i]);
            let csv = route.path.ends_with(".csv");
            let (anon_expect, b_expect, a_expect) = match route.access {
                Access::Public => {
                    let signed_in = if public_get_redirects_signed_in(route) {
                        Expect::OkOrRedirect
                    } else {
                        Expect::Ok
                    };
                    (Expect::Ok, signed_in, signed_in)
                }
                Access::SignedIn if token_missing(route) => {
                    (Expect::SignIn, Expect::NotFound, Expect::NotFound)
                }
                Access::SignedIn => (
                    Expect::SignIn,
                    Expect::Ok,
                    if member_get_redirects(route) {
                        Expect::OkOrRedirect
                    } else {
                        Expect::Ok
                    },
                ),
                Access::Member => (
                    Expect::SignIn,
                    Expect::NotFound,
                    if csv { Expect::Csv } else { Expect::Ok },
                ),
            };
            for (role, client, expect) in [
                (Role::Anonymous, &anon, anon_expect),
                (Role::NonMember, &b, b_expect),
                (Role::Member, &a, a_expect),
            ] {
                let page = client.get(path).await;
                let column = match role {
                    Role::Anonymous => 0,
                    Role::NonMember => 1,
                    Role::Member => 2,
                };
                matrix.check(row, column, expect, &page, None);
            }
            matrix.note(row, 3, "n/a");
            matrix.note(row, 4, "n/a");
        }
        let diff = changed(&before, &snapshot(&mut conn));
        if !diff.is_empty() {
            matrix
                .failures
                .push(format!("GET requests changed the database: {diff:?}"));
        }

        // 2. Every refusal of every POST leaves the events as they were.
        for (i, route) in all.iter().enumerate() {
            if route.method != "post" {
                continue;
            }
            let (row, path) = (rows[i], &paths[i]);
            // Each request is compared with the database right before it.
            let mut refusals: Vec<(usize, Expect, Page, Vec<&'static str>)> = Vec::new();
            // Anonymous, no session at all: the CSRF guard answers first.
            let before = snapshot(&mut conn);
            let page = app.browser().post_body(path, body(None)).await;
            let diff = changed(&before, &snapshot(&mut conn));
            refusals.push((0, Expect::ForbiddenOrSignIn, page, diff));
            if route.access != Access::Public {
                // Anonymous with a session and its valid token: sent to sign in.
                let token = anon.csrf().await;
                let before = snapshot(&mut conn);
                let page = anon.post_body(path, body(Some(&token))).await;
                let diff = changed(&before, &snapshot(&mut conn));
                refusals.push((0, Expect::SignIn, page, diff));
            }
            if route.access == Access::Member {
                let before = snapshot(&mut conn);
                let page = b.post_body(path, body(Some(&b_csrf))).await;
                let diff = changed(&before, &snapshot(&mut conn));
                refusals.push((1, Expect::NotFound, page, diff));
            }
            // The member's own session, without a token and with wrong ones (another
            // session's real token, and garbage).
            for (column, token) in [(3, None), (4, Some(b_csrf.as_str())), (4, Some("x"))] {
                let before = snapshot(&mut conn);
                let page = a.post_body(path, body(token)).await;
                let diff = changed(&before, &snapshot(&mut conn));
                refusals.push((column, Expect::Forbidden, page, diff));
            }
            for (column, expect, page, diff) in refusals {
                matrix.check(row, column, expect, &page, Some(diff));
            }
        }

        // 3. Valid POSTs: public ones from a fresh visitor (so /signout does not end A's
        // session), signed-in ones by A then B (B joining comes after every non-member
        // check), member ones by A, invite links (replaced by a member POST) first.
        let order = |r: &RouteDef| match r.access {
            Access::Public => 0,
            Access::SignedIn => 1,
            Access::Member => 2,
        };
        let mut posts: Vec<usize> = (0..all.len())
            .filter(|&i| all[i].method == "post")
            .collect();
        posts.sort_by_key(|&i| order(&all[i]));
        for i in posts {
            let (route, row, path) = (&all[i], rows[i], &paths[i]);
            let expect = if token_missing(route) {
                Expect::NotFound
            } else {
                Expect::Handled
            };
            match route.access {
                Access::Public => {
                    let visitor = app.browser();
                    let token = visitor.csrf().await;
                    let page = visitor.post_body(path, body(Some(&token))).await;
                    matrix.check(row, 0, expect, &page, None);
                }
                Access::SignedIn => {
                    let page = a.post_body(path, body(Some(&a_csrf))).await;
                    matrix.check(row, 2, expect, &page, None);
                    let page = b.post_body(path, body(Some(&b_csrf))).await;
                    matrix.check(row, 1, expect, &page, None);
                }
                Access::Member => {
                    let page = a.post_body(path, body(Some(&a_csrf))).await;
                    matrix.check(row, 2, expect, &page, None);
                }
            }
        }

        let printed = matrix.print();
        println!(
            "authorization matrix, one row per route of tally::web::routes::all()\n\
             cells: status [redirect path] ok|FAIL; several requests are separated by /\n\
             - anonymous: GET; POST without any session / with its own session's valid token\n\
             \x20 (public POSTs: a fresh visitor's valid token)\n\
             - non-member B: signed in, not in account X; POST with B's valid token\n\
             - member A: member of X; POST with A's valid token\n\
             - no csrf / wrong csrf: A's session without a token / with B's token / with \"x\";\n\
             \x20 every refused POST also checks that the database did not change (events, users,\n\
             \x20 sessions, invite links, sign-in failures)\n\n{printed}"
        );
        assert!(
            matrix.failures.is_empty(),
            "authorization matrix failures:\n{}\n\n{printed}",
            matrix.failures.join("\n")
        );
    });
}

backend_tests!(authorization_matrix);

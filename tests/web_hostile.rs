//! Hostile input on every form field of every POST route of `tally::web::routes::all()`.
//!
//! Every POST route has a field list in [`FIELDS`]; a POST route without one fails the test,
//! so a new route cannot skip it, and a field some handler reads but no list names fails
//! too. Each route gets its own app, database and fixture, and every field of it receives
//! the same table of hostile values ([`hostile_values`], 200+: huge and negative numbers,
//! `NaN`, exponents, non-ASCII and full-width digits, bidi overrides, zero-width and control
//! characters, NUL, 10 KB strings, SQL, HTML and script, malformed UTF-8 and
//! percent-encoding in the raw body, missing and repeated fields), the other fields valid.
//!
//! Every answer must be a 4xx with a message, or a 2xx/3xx for a value that is valid (checked
//! against the domain parser where one exists); never a 5xx. A refused request changes
//! nothing in the database; an accepted one redirects only within the site; no answer and
//! no page showing accepted text carries the hostile markup unescaped.

mod common;

use common::TestDb;
use common::web::{Browser, PASSWORD, invite_token, settings_for};
use diesel::prelude::*;
use reqwest::StatusCode;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::{Duration, Instant};
use tally::domain::{
    AccountId, AccountName, Currency, Description, ExpenseId, MemberId, MemberName, TransferId,
};
use tally::i18n::Lang;
use tally::identity::Email;
use tally::identity::password::NewPassword;
use tally::infrastructure::db::{DatabaseUrl, DbConnection};
use tally::infrastructure::schema::{
    account_invites, events, expenses, transfers, user_sessions, users,
};
use tally::web::Application;
use tally::web::routes::{self, RouteDef};

// ----- What is tested --------------------------------------------------------------------

/// Every field each POST route reads, besides `csrf_token`. `{member}` stands for the
/// signed-in member's id (the split table's fields are named per member).
const FIELDS: &[(&str, &[&str])] = &[
    (
        "/signup",
        &["email", "display_name", "password", "next", "time_zone"],
    ),
    ("/signin", &["next", "email", "password", "time_zone"]),
    ("/signout", &[]),
    ("/reset", &["token", "new_password", "confirm_password"]),
    ("/forgot", &["email"]),
    ("/settings/time-zone", &["time_zone"]),
    ("/language", &["lang", "next"]),
    (
        "/settings/password",
        &["new_password", "confirm_password", "current_password"],
    ),
    (
        "/accounts",
        &["name", "currency", "member_name", "account_id"],
    ),
    (
        "/accounts/{account_id}/transfers",
        &["transfer_id", "from", "to", "amount", "date"],
    ),
    ("/accounts/{account_id}/expenses", EXPENSE_FIELDS),
    ("/accounts/{account_id}/refunds", REFUND_FIELDS),
    (
        "/accounts/{account_id}/expenses/{expense_id}",
        EXPENSE_FIELDS,
    ),
    ("/accounts/{account_id}/expenses/{expense_id}/delete", &[]),
    (
        "/accounts/{account_id}/expenses/{expense_id}/restore",
        &["back"],
    ),
    (
        "/accounts/{account_id}/payments/{transfer_id}",
        &["transfer_id", "revision", "from", "to", "amount", "date"],
    ),
    ("/accounts/{account_id}/payments/{transfer_id}/delete", &[]),
    (
        "/accounts/{account_id}/payments/{transfer_id}/restore",
        &["back"],
    ),
    ("/accounts/{account_id}/members", &["name", "member_id"]),
    ("/accounts/{account_id}/members/{member_id}/deactivate", &[]),
    ("/accounts/{account_id}/members/{member_id}/reactivate", &[]),
    ("/accounts/{account_id}/invite", &[]),
    ("/join/{token}", &["choice", "name"]),
    (
        "/accounts/{account_id}/categories",
        &["name", "category_id"],
    ),
    (
        "/accounts/{account_id}/categories/{category_id}",
        &["action", "name"],
    ),
    (
        "/accounts/{account_id}/recurring/{schedule_id}",
        EXPENSE_FIELDS,
    ),
    (
        "/accounts/{account_id}/recurring/{schedule_id}/status",
        &["action", "date"],
    ),
    ("/accounts/{account_id}/time-zone", &["time_zone"]),
    // The upload routes read a multipart file (tests/web_import.rs sends those); an
    // urlencoded body is refused whatever it holds.
    ("/accounts/{account_id}/import", &[]),
    ("/accounts/{account_id}/rates", &[]),
    ("/import", &[]),
    (
        "/accounts/{account_id}/import/confirm",
        &["file", "action", "person_{member}"],
    ),
    ("/import/confirm", &["file", "name", "currency", "me"]),
];

/// The expense form's fields (adding and correcting).
const EXPENSE_FIELDS: &[&str] = &[
    "expense_id",
    "revision",
    "amount",
    "description",
    "date",
    "payer",
    "participant",
    "split",
    "weight_{member}",
    "exact_{member}",
    "percent_{member}",
    "category",
    "paid_in",
    "rate",
    "repeat",
    "repeat_every",
    "until",
];

/// The refund form's fields: the expense form's without repeating (a refund never repeats).
const REFUND_FIELDS: &[&str] = &[
    "expense_id",
    "revision",
    "amount",
    "description",
    "date",
    "payer",
    "participant",
    "split",
    "weight_{member}",
    "exact_{member}",
    "percent_{member}",
    "category",
    "paid_in",
    "rate",
];

/// Fields handlers read from GET query strings (the expense list's filters), not forms.
const QUERY_FIELDS: &[&str] = &["member", "category", "q", "from", "to", "page"];

/// Fields the as-of view (`GET /accounts/{account_id}/as-of`) reads from its query string.
const AS_OF_FIELDS: &[&str] = &["date", "after"];

/// Fields the Statistics page reads from its GET query string.
const STATISTICS_FIELDS: &[&str] = &["period", "from", "to"];

/// A route that reads no field gets the table in a field it does not read.
const UNREAD: &str = "unexpected";

/// Accepted requests after which a route that adds to an account's history moves on to a
/// fresh account.
const ROTATE_AFTER: usize = 40;

/// What each route's fixture and bookkeeping look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Signup,
    Signin,
    Signout,
    Reset,
    Password,
    OpenAccount,
    Transfer,
    Record,
    RecordRefund,
    Correct,
    Delete,
    Restore,
    CorrectTransfer,
    DeleteTransfer,
    RestoreTransfer,
    AddMember,
    Deactivate,
    Reactivate,
    Invite,
    Join,
    AddCategory,
    ChangeCategory,
    ChangeSchedule,
    ScheduleStatus,
    TimeZone,
    Forgot,
    UserTimeZone,
    Language,
    Import,
}

fn kind_of(path: &str) -> Option<Kind> {
    Some(match path {
        "/signup" => Kind::Signup,
        "/signin" => Kind::Signin,
        "/signout" => Kind::Signout,
        "/reset" => Kind::Reset,
        "/forgot" => Kind::Forgot,
        "/settings/time-zone" => Kind::UserTimeZone,
        "/language" => Kind::Language,
        "/settings/password" => Kind::Password,
        "/accounts" => Kind::OpenAccount,
        "/accounts/{account_id}/transfers" => Kind::Transfer,
        "/accounts/{account_id}/expenses" => Kind::Record,
        "/accounts/{account_id}/refunds" => Kind::RecordRefund,
        "/accounts/{account_id}/expenses/{expense_id}" => Kind::Correct,
        "/accounts/{account_id}/expenses/{expense_id}/delete" => Kind::Delete,
        "/accounts/{account_id}/expenses/{expense_id}/restore" => Kind::Restore,
        "/accounts/{account_id}/payments/{transfer_id}" => Kind::CorrectTransfer,
        "/accounts/{account_id}/payments/{transfer_id}/delete" => Kind::DeleteTransfer,
        "/accounts/{account_id}/payments/{transfer_id}/restore" => Kind::RestoreTransfer,
        "/accounts/{account_id}/members" => Kind::AddMember,
        "/accounts/{account_id}/members/{member_id}/deactivate" => Kind::Deactivate,
        "/accounts/{account_id}/members/{member_id}/reactivate" => Kind::Reactivate,
        "/accounts/{account_id}/invite" => Kind::Invite,
        "/join/{token}" => Kind::Join,
        "/accounts/{account_id}/categories" => Kind::AddCategory,
        "/accounts/{account_id}/categories/{category_id}" => Kind::ChangeCategory,
        "/accounts/{account_id}/recurring/{schedule_id}" => Kind::ChangeSchedule,
        "/accounts/{account_id}/recurring/{schedule_id}/status" => Kind::ScheduleStatus,
        "/accounts/{account_id}/time-zone" => Kind::TimeZone,
        "/accounts/{account_id}/import"
        | "/accounts/{account_id}/rates"
        | "/import"
        | "/accounts/{account_id}/import/confirm"
        | "/import/confirm" => Kind::Import,
        _ => return None,
    })
}

// ----- The hostile values ----------------------------------------------------------------

/// One hostile value of a field, and how it goes into the body.
#[derive(Clone)]
enum Value {
    /// Text, percent-encoded properly.
    Text(String),
    /// Bytes written after `name=` exactly as they are: malformed percent-encoding, raw
    /// invalid UTF-8, unencoded separators.
    Raw(Vec<u8>),
    /// The field is left out.
    Missing,
    /// The field twice: the valid value first, then this one.
    After(String),
    /// The field twice: this one first, then the valid value.
    Before(String),
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let short = |s: &str| {
            let n = s.chars().count();
            if n > 40 {
                format!("{:?}… ({n} chars)", s.chars().take(40).collect::<String>())
            } else {
                format!("{s:?}")
            }
        };
        match self {
            Value::Text(s) => f.write_str(&short(s)),
            Value::Raw(b) => write!(f, "raw {}", short(&String::from_utf8_lossy(b))),
            Value::Missing => f.write_str("missing"),
            Value::After(s) => write!(f, "repeated, then {}", short(s)),
            Value::Before(s) => write!(f, "repeated, first {}", short(s)),
        }
    }
}

/// The table every field gets: at least 200 values.
fn hostile_values() -> Vec<Value> {
    let texts: &[&str] = &[
        // Numbers: huge, negative, zero, exponents, not numbers at all.
        "0",
        "-0",
        "0.00",
        "-1",
        "-1.00",
        "-0.01",
        "1e9",
        "1e-9",
        "1e309",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "4294967295",
        "99999999999999999999999999999999",
        "1000000",
        "1000000.00",
        "1000000.01",
        "1000000001",
        "NaN",
        "nan",
        "inf",
        "Infinity",
        "0x1F",
        "1,000,000.00",
        "1.000.000,00",
        "12.50.1",
        ".",
        ",",
        "+5",
        "--5",
        "5-",
        "-",
        "½",
        "1/2",
        "50%",
        "100.01",
        // Years: before 1, 0, after 9999, chrono's own limit, and a day the calendar lacks.
        "-0001-01-01",
        "0000-01-01",
        "10000-01-01",
        "+275760-09-13",
        "275760-09-13",
        "2023-02-29",
        " 12.50 ",
        "\t12.50\n",
        "1 234.56",
        ".50",
        // Digits that are not ASCII.
        "١٢٣",
        "१२३",
        "１２３",
        "１２.５０",
        "𝟏𝟐𝟑",
        "٣٫٥",
        "Ⅻ",
        // Bidi controls and invisible characters.
        "\u{202e}",
        "\u{202e}12.50",
        "Sam\u{202e}gnp.exe",
        "\u{202d}Sam",
        "\u{2066}Sam\u{2069}",
        "\u{200e}",
        "\u{200f}12",
        "\u{061c}Sam",
        "\u{200b}",
        "S\u{200b}am",
        "\u{200d}",
        "\u{feff}",
        "\u{feff}12.50",
        "Sa\u{ad}m",
        "\u{34f}",
        "\u{115f}",
        "\u{3164}",
        "\u{ffa0}",
        "\u{180e}",
        "\u{fff9}x\u{fffb}",
        // Whitespace and control characters, NUL.
        "",
        " ",
        "\t",
        "\n",
        "\u{a0}",
        "\u{2028}",
        "  padded  ",
        "line\nbreak",
        "\0",
        "a\0b",
        "\u{8}",
        "\u{1b}[31mred\u{1b}[0m",
        "\u{7f}",
        "\u{9b}",
        // SQL.
        "' OR 1=1 --",
        "\" OR \"\"=\"",
        "'; DROP TABLE events; --",
        "\"; DROP TABLE events; --",
        "1; DELETE FROM users",
        "' UNION SELECT password_hash FROM users --",
        "1' AND SLEEP(5)--",
        "%' OR '1'='1",
        "\\",
        "\\'",
        "`",
        "');",
        "' || (SELECT 1) || '",
        "--",
        "' AND extractvalue(1,concat(0x7e,version()))--",
        "%",
        "_",
        "null",
        // HTML and script.
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "'><svg onload=alert(1)>",
        "<img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "<a href=\"javascript:alert(1)\">x</a>",
        "</textarea><script>alert(1)</script>",
        "</title><script>alert(1)</script>",
        "<iframe src=//evil.example></iframe>",
        "<style>body{display:none}</style>",
        "<meta http-equiv=refresh content=0;url=//evil.example>",
        "<base href=//evil.example/>",
        "<form action=//evil.example><button>x</button></form>",
        "\" autofocus onfocus=\"alert(1)",
        "' onmouseover='alert(1)",
        "<<script>script>alert(1)<</script>/script>",
        "&lt;script&gt;",
        "&#x3C;script&#x3E;",
        "<!--",
        "{{ 7*7 }}",
        "Tom & Jerry",
        "=1+1",
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "@SUM(A1)",
        "+1+1",
        "it's",
        "<b>bold</b>",
        "x\"y'z<>&",
        // Addresses: open redirects, traversal, header injection.
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "/%2F/evil.example",
        "/\t/evil.example",
        " //evil.example",
        "data:text/html,<script>alert(1)</script>",
        "/\r\nSet-Cookie: x=1",
        "/ok\0",
        "/%0d%0aLocation:%20//evil.example",
        "/ok#<script>alert(1)</script>",
        "/\u{202e}",
        "/",
        // Format strings and separators.
        "{0}",
        "%00",
        "&",
        "&csrf_token=x",
        "a=b&c=d",
        "\u{fffd}",
        // Dates.
        "2026-02-30",
        "2026-13-01",
        "0000-01-01",
        "1999-12-31",
        "9999-12-31",
        "+275760-09-13",
        "2026-11-26T00:00:00Z",
        "26/11/2026",
        "٢٠٢٦-١١-٢٦",
        "２０２６-１１-２６",
        // Ids, codes, modes.
        "00000000-0000-0000-0000-000000000000",
        "urn:uuid:00000000-0000-0000-0000-000000000000",
        "eur",
        "EUR\0",
        "€",
        "ЕUR",
        "E\u{200b}UR",
        "EQUALLY",
        "by_percentages\u{200b}",
        "new",
        // Email addresses.
        "a@b.c",
        "\"a\"@b.c",
        "a@b.c<script>",
        "a@[127.0.0.1]",
        "a\u{202e}@b.co",
        "üñí@çødé.org",
        // Other scripts, case and normalisation traps.
        "Zoë",
        "İstanbul",
        "😀",
        "👨‍👩‍👧",
        "Ａｄｍｉｎ",
        "Z̸̢̧a̴l̶g̷o̵",
    ];
    let mut values: Vec<Value> = texts.iter().map(|t| Value::Text((*t).to_owned())).collect();
    // Long values: just over each limit, and 10 KB.
    for long in [
        "a".repeat(61),
        "a".repeat(81),
        "a".repeat(121),
        "1".repeat(33),
        "a".repeat(10 * 1024),
        "é".repeat(5 * 1024),
        "😀".repeat(2600),
        "9".repeat(10 * 1024),
        " ".repeat(10 * 1024),
        "\u{202e}".repeat(3000),
        "<script>alert(1)</script>".repeat(400),
        "' OR 1=1 --".repeat(900),
        format!("a@{}.org", "b".repeat(300)),
        format!("{}@example.org", "x".repeat(300)),
        format!("/{}", "a".repeat(10 * 1024)),
    ] {
        values.push(Value::Text(long));
    }
    // Malformed percent-encoding and UTF-8, straight into the body.
    let raws: &[&[u8]] = &[
        b"%",
        b"%%",
        b"%zz",
        b"%C3%28",
        b"%FF%FE",
        b"%C0%AF",
        b"%ED%A0%80",
        b"%F4%90%80%80",
        b"%E2%80%AE",
        b"%00",
        b"a%2",
        b"&&&",
        b"===",
        b"+%2B+",
        b"%u0041",
        b"\xff\xfe",
        b"\xc3\x28",
        b"\x80",
        b"\xed\xa0\x80",
        b"<script>alert(1)</script>",
        b"%3Cscript%3Ealert(1)%3C/script%3E",
    ];
    values.extend(raws.iter().map(|r| Value::Raw(r.to_vec())));
    values.push(Value::Missing);
    for repeated in ["<script>alert(1)</script>", "-1", ""] {
        values.push(Value::After(repeated.to_owned()));
        values.push(Value::Before(repeated.to_owned()));
    }
    values
}

/// What a route that reads no field gets, in a field it does not read: the body-level part
/// of the table (malformed encoding, missing and repeated fields) and a few large or
/// dangerous texts. Its handler never looks at them, so the whole table would add nothing.
fn unread_values() -> Vec<Value> {
    hostile_values()
        .into_iter()
        .filter(|v| match v {
            Value::Text(t) => {
                t.len() > 1000 || t.contains(['\0', '\u{202e}', '<', '\'']) || t.starts_with("//")
            }
            _ => true,
        })
        .collect()
}

/// Hostile markup that must never appear unescaped in any answer.
const RAW_MARKUP: &[&str] = &[
    "<script>alert(1)",
    "<img src=x onerror",
    "<svg onload",
    "<iframe src=//evil",
    "<style>body{display:none}",
    "<meta http-equiv=refresh",
    "<base href=//evil",
    "<form action=//evil",
    "\" autofocus onfocus=\"alert",
    "' onmouseover='alert",
    "<a href=\"javascript:",
    "<b>bold</b>",
    "<<script>",
    "x\"y'z<>",
    "href=\"javascript:",
    "href=\"data:",
    "href=\"//evil",
];

/// HTML-escapes like the templates do (askama's `Html` escaper).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&#60;"),
            '>' => out.push_str("&#62;"),
            '&' => out.push_str("&#38;"),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

// ----- Requests ----------------------------------------------------------------------------

/// An answer, read.
struct Answer {
    status: StatusCode,
    location: Option<Vec<u8>>,
    content_type: String,
    body: String,
}

async fn send(browser: &Browser, path: &str, body: Vec<u8>, content_type: Option<&str>) -> Answer {
    let mut request = browser.client.post(format!("{}{path}", browser.base));
    if let Some(ct) = content_type {
        request = request.header("content-type", ct);
    }
    let size = body.len();
    let response = request
        .body(body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("POST {path} with a {size}-byte body: {e:?}"));
    read(response).await
}

async fn get(browser: &Browser, path: &str) -> Answer {
    let response = browser
        .client
        .get(format!("{}{path}", browser.base))
        .send()
        .await
        .expect("GET");
    read(response).await
}

async fn read(response: reqwest::Response) -> Answer {
    let status = response.status();
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .map(|v| v.as_bytes().to_vec());
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let body = response.bytes().await.expect("body");
    Answer {
        status,
        location,
        content_type,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

fn browser(base: &str) -> Browser {
    Browser {
        base: base.to_owned(),
        client: reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            // The server closes idle connections after 5 s; a client that reused one at that
            // moment would see it closed under its request (a slow, loaded machine).
            .pool_idle_timeout(Duration::from_secs(2))
            .timeout(Duration::from_secs(120))
            .build()
            .expect("client"),
    }
}

fn encode(name: &str, value: &str) -> Vec<u8> {
    serde_urlencoded::to_string([(name, value)])
        .expect("encode")
        .into_bytes()
}

/// The body: the CSRF token, then the valid fields with `target` (and its `companions`)
/// replaced by `value`, or `value` appended when the form has no such field.
fn build_body(csrf: &str, valid: &[(String, String)], targets: &[&str], value: &Value) -> Vec<u8> {
    let mut parts: Vec<Vec<u8>> = vec![encode("csrf_token", csrf)];
    let mut placed = Vec::new();
    let hostile = |name: &str, valid: Option<&str>| -> Vec<Vec<u8>> {
        let mut raw_part = name.as_bytes().to_vec();
        raw_part.push(b'=');
        match value {
            Value::Text(t) => vec![encode(name, t)],
            Value::Raw(bytes) => {
                raw_part.extend_from_slice(bytes);
                vec![raw_part]
            }
            Value::Missing => vec![],
            Value::After(t) => vec![encode(name, valid.unwrap_or("")), encode(name, t)],
            Value::Before(t) => vec![encode(name, t), encode(name, valid.unwrap_or(""))],
        }
    };
    for (name, v) in valid {
        if targets.contains(&name.as_str()) && !placed.contains(name) {
            placed.push(name.clone());
            parts.extend(hostile(name, Some(v)));
        } else {
            parts.push(encode(name, v));
        }
    }
    for target in targets {
        if !placed.iter().any(|p| p == target) {
            parts.extend(hostile(target, None));
        }
    }
    parts.join(&b'&')
}

/// The first value of a field as the server decodes the body ("" when missing).
fn sent(body: &[u8], name: &str) -> String {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .unwrap_or_default()
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
        .unwrap_or_default()
}

// ----- The database ----------------------------------------------------------------------

/// What a refused request must not change (session activity times aside): the events,
/// the users (and the owner's name, address and password hash), the sessions and the
/// invite links.
#[derive(Debug, PartialEq, Clone)]
struct Snapshot {
    events: i64,
    users: i64,
    owner: Option<(String, String, String)>,
    sessions: (i64, Option<chrono::NaiveDateTime>),
    invites: Vec<(Vec<u8>, Vec<u8>)>,
}

fn snapshot(conn: &mut DbConnection) -> Snapshot {
    tokio::task::block_in_place(|| Snapshot {
        events: events::table.count().get_result(conn).expect("events"),
        users: users::table.count().get_result(conn).expect("users"),
        owner: users::table
            .filter(users::email_key.eq("owner@example.org"))
            .select((users::email, users::display_name, users::password_hash))
            .first(conn)
            .optional()
            .expect("owner"),
        sessions: user_sessions::table
            .select((
                diesel::dsl::count_star(),
                diesel::dsl::max(user_sessions::created_at),
            ))
            .first(conn)
            .expect("sessions"),
        invites: account_invites::table
            .order(account_invites::account_id)
            .select((account_invites::account_id, account_invites::token_hash))
            .load(conn)
            .expect("invites"),
    })
}

fn differences(before: &Snapshot, after: &Snapshot) -> Vec<&'static str> {
    let mut what = Vec::new();
    if before.events != after.events {
        what.push("events");
    }
    if before.users != after.users || before.owner != after.owner {
        what.push("users");
    }
    if before.sessions != after.sessions {
        what.push("user_sessions");
    }
    if before.invites != after.invites {
        what.push("account_invites");
    }
    what
}

fn revision_of(conn: &mut DbConnection, expense: ExpenseId) -> i32 {
    tokio::task::block_in_place(|| {
        expenses::table
            .find(expense.as_bytes().as_slice())
            .select(expenses::revision)
            .first(conn)
            .expect("the fixture's expense")
    })
}

fn transfer_revision_of(conn: &mut DbConnection, transfer: TransferId) -> i32 {
    tokio::task::block_in_place(|| {
        transfers::table
            .find(transfer.as_bytes().as_slice())
            .select(transfers::revision)
            .first(conn)
            .expect("the fixture's payment")
    })
}

// ----- Fixtures ----------------------------------------------------------------------------

/// An account of the owner's: the owner as a member, Morgan added by name, an expense
/// shared by both, a payment, and the invite token.
#[derive(Clone)]
struct AccountFx {
    path: String,
    me: MemberId,
    morgan: MemberId,
    expense: ExpenseId,
    transfer: TransferId,
    token: String,
    /// A monthly bill starting next month (its id is the form's expense id).
    schedule: ExpenseId,
    /// A category of the account's own.
    category: tally::domain::CategoryId,
}

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

async fn post_ok(b: &Browser, csrf: &str, path: &str, fields: &[(&str, &str)]) -> String {
    let mut all = vec![("csrf_token", csrf)];
    all.extend_from_slice(fields);
    let body = serde_urlencoded::to_string(&all)
        .expect("encode")
        .into_bytes();
    let page = send(b, path, body, Some("application/x-www-form-urlencoded")).await;
    assert_eq!(
        page.status,
        StatusCode::SEE_OTHER,
        "fixture POST {path}: {}",
        page.body.chars().take(300).collect::<String>()
    );
    page.location
        .map(|l| String::from_utf8_lossy(&l).into_owned())
        .unwrap_or_default()
}

/// An account of the owner's; `full` adds an expense and a payment (a join target needs
/// only the members and the link).
async fn account_fixture(owner: &Browser, csrf: &str, name: &str, full: bool) -> AccountFx {
    let path = post_ok(
        owner,
        csrf,
        "/accounts",
        &[("name", name), ("currency", "EUR"), ("member_name", "Alex")],
    )
    .await;
    let dashboard = owner.get(&path).await;
    let me: MemberId = dashboard
        .attr("#payer option[selected]", "value")
        .expect("the owner's member id in the expense form")
        .parse()
        .expect("member id");
    let morgan = MemberId::new();
    post_ok(
        owner,
        csrf,
        &format!("{path}/members"),
        &[("name", "Morgan"), ("member_id", &morgan.to_string())],
    )
    .await;
    let (expense, transfer) = (ExpenseId::new(), TransferId::new());
    let (schedule, category) = (ExpenseId::new(), tally::domain::CategoryId::new());
    if full {
        let (me_s, morgan_s) = (me.to_string(), morgan.to_string());
        let next_month = (chrono::Utc::now().date_naive() + chrono::Months::new(1)).to_string();
        post_ok(
            owner,
            csrf,
            &format!("{path}/expenses"),
            &[
                ("expense_id", &schedule.to_string()),
                ("revision", ""),
                ("amount", "900.00"),
                ("description", "Rent"),
                ("date", &next_month),
                ("payer", &me_s),
                ("participant", &me_s),
                ("participant", &morgan_s),
                ("split", "equally"),
                ("repeat", "month"),
                ("repeat_every", "1"),
            ],
        )
        .await;
        post_ok(
            owner,
            csrf,
            &format!("{path}/categories"),
            &[("name", "Cleaner"), ("category_id", &category.to_string())],
        )
        .await;
        let (me_s, morgan_s, expense_s) = (me.to_string(), morgan.to_string(), expense.to_string());
        let day = today();
        post_ok(
            owner,
            csrf,
            &format!("{path}/expenses"),
            &[
                ("expense_id", &expense_s),
                ("revision", ""),
                ("amount", "30.00"),
                ("description", "Groceries"),
                ("date", &day),
                ("payer", &me_s),
                ("participant", &me_s),
                ("participant", &morgan_s),
                ("split", "equally"),
            ],
        )
        .await;
        post_ok(
            owner,
            csrf,
            &format!("{path}/transfers"),
            &[
                ("transfer_id", &transfer.to_string()),
                ("from", &morgan_s),
                ("to", &me_s),
                ("amount", "5.00"),
            ],
        )
        .await;
    }
    let members = get(owner, &format!("{path}/members")).await;
    let token = invite_token(&members.body).expect("the members page shows the invite link");
    AccountFx {
        path,
        me,
        morgan,
        expense,
        transfer,
        token,
        schedule,
        category,
    }
}

/// Fills a route's path parameters from the fixture.
fn fill(pattern: &str, x: &AccountFx, join_token: &str) -> String {
    let id_of = |path: &str| path.trim_start_matches("/accounts/").to_owned();
    pattern
        .replace("{account_id}", &id_of(&x.path))
        .replace("{expense_id}", &x.expense.to_string())
        .replace("{transfer_id}", &x.transfer.to_string())
        .replace("{member_id}", &x.morgan.to_string())
        .replace("{schedule_id}", &x.schedule.to_string())
        .replace("{category_id}", &x.category.to_string())
        .replace("{token}", join_token)
}

// ----- One route ---------------------------------------------------------------------------

/// Counts for the summary.
#[derive(Default)]
struct Tally {
    fields: usize,
    values: usize,
    requests: usize,
    accepted: usize,
    statuses: BTreeMap<u16, usize>,
    failures: Vec<String>,
    seconds: f64,
}

/// A route's app, fixture and state.
struct World {
    kind: Kind,
    pattern: &'static str,
    conn: DbConnection,
    owner: Browser,
    owner_csrf: String,
    visitor: Browser,
    visitor_csrf: String,
    joiner: Option<(Browser, String)>,
    x: AccountFx,
    y: AccountFx,
    /// The account the joiner is invited to now (a fresh one after every accepted join).
    join: Option<AccountFx>,
    password: String,
    n: usize,
    since_rotation: usize,
    last: Snapshot,
    tally: Tally,
    _db: TestDb,
}

/// A fresh database of the backend under test.
fn same_backend(sqlite: bool) -> TestDb {
    if sqlite {
        return TestDb::sqlite();
    }
    #[cfg(feature = "mysql")]
    {
        TestDb::mysql().expect("MariaDB answered a moment ago and must still answer")
    }
    #[cfg(not(feature = "mysql"))]
    unreachable!("built without MySQL")
}

impl World {
    async fn start(db: TestDb, kind: Kind, pattern: &'static str) -> World {
        let mut settings = settings_for(&db);
        settings.pool_size = 2;
        if kind == Kind::Forgot {
            // The page exists only with mail configured; the fake server outlives the test.
            settings.smtp = Some(tally::config::SmtpSettings {
                url: common::smtp::FakeSmtp::start().url,
                from: "tally@example.org".to_owned(),
            });
        }
        let app =
            tokio::task::block_in_place(|| Application::build(&settings)).expect("app builds");
        let base = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run());
        let owner = browser(&base);
        owner.register("owner@example.org", "Alex").await;
        let owner_csrf = owner.csrf().await;
        let x = account_fixture(&owner, &owner_csrf, "Flat X", true).await;
        let y = account_fixture(&owner, &owner_csrf, "Flat Y", true).await;
        let joiner = if kind == Kind::Join {
            let j = browser(&base);
            j.register("joiner@example.org", "Jo").await;
            let csrf = j.csrf().await;
            Some((j, csrf))
        } else {
            None
        };
        let join = if kind == Kind::Join {
            Some(account_fixture(&owner, &owner_csrf, "Join 0", false).await)
        } else {
            None
        };
        if kind == Kind::Restore {
            let delete = format!("{}/expenses/{}/delete", x.path, x.expense);
            post_ok(&owner, &owner_csrf, &delete, &[]).await;
        }
        if kind == Kind::RestoreTransfer {
            let delete = format!("{}/payments/{}/delete", x.path, x.transfer);
            post_ok(&owner, &owner_csrf, &delete, &[]).await;
        }
        let visitor = browser(&base);
        let visitor_csrf = visitor.csrf().await;
        let mut conn = db.conn();
        let last = snapshot(&mut conn);
        World {
            kind,
            pattern,
            conn,
            owner,
            owner_csrf,
            visitor,
            visitor_csrf,
            joiner,
            x,
            y,
            join,
            password: PASSWORD.to_owned(),
            n: 0,
            since_rotation: 0,
            last,
            tally: Tally::default(),
            _db: db,
        }
    }

    fn path(&self) -> String {
        let token = self.join.as_ref().map_or("none", |j| j.token.as_str());
        fill(self.pattern, &self.x, token)
    }

    /// Who sends this route's requests, with their CSRF token.
    fn sender(&self) -> (&Browser, &str) {
        match self.kind {
            Kind::Signup
            | Kind::Signin
            | Kind::Signout
            | Kind::Reset
            | Kind::Forgot
            | Kind::Language => (&self.visitor, &self.visitor_csrf),
            Kind::Join => {
                let (j, csrf) = self.joiner.as_ref().expect("joiner");
                (j, csrf)
            }
            _ => (&self.owner, &self.owner_csrf),
        }
    }

    /// Field names with `{member}` filled in.
    fn field(&self, name: &str) -> String {
        name.replace("{member}", &self.x.me.to_string())
    }

    /// A valid form for this route, fresh ids and names included; `target` picks the split
    /// mode its field belongs to.
    fn valid_form(&mut self, target: &str) -> Vec<(String, String)> {
        self.n += 1;
        let n = self.n;
        let pairs: Vec<(&str, String)> = match self.kind {
            Kind::Signup => vec![
                ("email", format!("user{n}@example.org")),
                ("display_name", "Sam".to_owned()),
                ("password", PASSWORD.to_owned()),
                ("next", "/".to_owned()),
            ],
            Kind::Signin => vec![
                ("email", "owner@example.org".to_owned()),
                ("password", self.password.clone()),
                ("next", "/".to_owned()),
            ],
            // A fresh link each time (for a user nobody signs in as): an accepted reset
            // spends it.
            Kind::Reset => {
                let token = tokio::task::block_in_place(|| {
                    tally::identity::reset::create(
                        &mut self.conn,
                        tally::domain::UserId::new(),
                        chrono::Utc::now(),
                    )
                })
                .expect("a reset link");
                let new = format!("a brand new secret {n}");
                vec![
                    ("token", token),
                    ("new_password", new.clone()),
                    ("confirm_password", new),
                ]
            }
            Kind::Password => {
                let new = format!("a brand new secret {n}");
                vec![
                    ("current_password", self.password.clone()),
                    ("new_password", new.clone()),
                    ("confirm_password", new),
                ]
            }
            Kind::OpenAccount => vec![
                ("name", format!("Flat {n}")),
                ("currency", "EUR".to_owned()),
                ("member_name", "Alex".to_owned()),
                ("account_id", AccountId::new().to_string()),
            ],
            Kind::Transfer => vec![
                ("transfer_id", TransferId::new().to_string()),
                ("from", self.x.morgan.to_string()),
                ("to", self.x.me.to_string()),
                ("amount", "5.00".to_owned()),
            ],
            // Each valid correction changes the amount, so it records an event.
            Kind::CorrectTransfer => vec![
                ("transfer_id", self.x.transfer.to_string()),
                (
                    "revision",
                    transfer_revision_of(&mut self.conn, self.x.transfer).to_string(),
                ),
                ("from", self.x.morgan.to_string()),
                ("to", self.x.me.to_string()),
                ("amount", format!("{}.00", 6 + n % 50)),
            ],
            Kind::Record | Kind::RecordRefund | Kind::Correct | Kind::ChangeSchedule => {
                let (id, revision) = if matches!(self.kind, Kind::Record | Kind::RecordRefund) {
                    (ExpenseId::new(), String::new())
                } else if self.kind == Kind::ChangeSchedule {
                    (self.x.schedule, String::new())
                } else {
                    let expense = self.x.expense;
                    (expense, revision_of(&mut self.conn, expense).to_string())
                };
                let split = if target.starts_with("weight_") {
                    "by_shares"
                } else if target.starts_with("exact_") {
                    "by_exact_amounts"
                } else if target.starts_with("percent_") {
                    "by_percentages"
                } else {
                    "equally"
                };
                let (me, morgan) = (self.x.me.to_string(), self.x.morgan.to_string());
                vec![
                    ("expense_id", id.to_string()),
                    ("revision", revision),
                    ("amount", "30.00".to_owned()),
                    ("description", "Groceries".to_owned()),
                    ("date", today()),
                    ("payer", me.clone()),
                    ("participant", me.clone()),
                    ("participant", morgan.clone()),
                    ("split", split.to_owned()),
                    ("weight_ME", "1".to_owned()),
                    ("weight_MORGAN", "1".to_owned()),
                    ("exact_ME", "15.00".to_owned()),
                    ("exact_MORGAN", "15.00".to_owned()),
                    ("percent_ME", "50".to_owned()),
                    ("percent_MORGAN", "50".to_owned()),
                    ("category", self.x.category.to_string()),
                    // A recurring bill's own form repeats; the add form's repeating path
                    // is the same parsing, met by the table through that route.
                    (
                        "repeat",
                        if self.kind == Kind::ChangeSchedule {
                            "month".to_owned()
                        } else {
                            String::new()
                        },
                    ),
                    ("repeat_every", "1".to_owned()),
                    ("until", String::new()),
                ]
            }
            Kind::AddCategory => vec![
                ("name", format!("Category {n}")),
                ("category_id", tally::domain::CategoryId::new().to_string()),
            ],
            Kind::ChangeCategory => vec![
                ("action", "rename".to_owned()),
                ("name", format!("Cleaner {n}")),
            ],
            Kind::ScheduleStatus => vec![
                (
                    "action",
                    if n.is_multiple_of(2) {
                        "pause"
                    } else {
                        "resume"
                    }
                    .to_owned(),
                ),
                ("date", String::new()),
            ],
            Kind::TimeZone => vec![(
                "time_zone",
                if n.is_multiple_of(2) {
                    "Europe/Madrid"
                } else {
                    "UTC"
                }
                .to_owned(),
            )],
            Kind::UserTimeZone => vec![(
                "time_zone",
                if n.is_multiple_of(2) {
                    "Pacific/Auckland"
                } else {
                    "UTC"
                }
                .to_owned(),
            )],
            // Addresses without an account: nothing is written, nothing is mailed.
            Kind::Forgot => vec![("email", format!("nobody{n}@example.org"))],
            // English, the visitor's language already: the pages the suite reads stay as they are.
            Kind::Language => vec![("lang", "en".to_owned()), ("next", "/".to_owned())],
            // No upload is kept for this hash: every answer is a refusal with the reason.
            Kind::Import => vec![
                ("file", "0".repeat(64)),
                ("action", "import".to_owned()),
                ("person_0", "new".to_owned()),
                ("name", format!("Flat {n}")),
                ("currency", "EUR".to_owned()),
                ("me", "0".to_owned()),
            ],
            Kind::Restore => vec![("back", format!("{}/expenses", self.x.path))],
            Kind::RestoreTransfer => vec![("back", format!("{}/payments", self.x.path))],
            Kind::AddMember => vec![
                ("name", format!("Robin {n}")),
                ("member_id", MemberId::new().to_string()),
            ],
            Kind::Join => vec![("choice", "new".to_owned()), ("name", format!("Jo {n}"))],
            Kind::Signout
            | Kind::Delete
            | Kind::DeleteTransfer
            | Kind::Deactivate
            | Kind::Reactivate
            | Kind::Invite => {
                vec![]
            }
        };
        let (me, morgan) = (self.x.me.to_string(), self.x.morgan.to_string());
        pairs
            .into_iter()
            .map(|(k, v)| (k.replace("ME", &me).replace("MORGAN", &morgan), v))
            .collect()
    }

    /// Values that only make sense for this route: ids of this and another account, stale
    /// revisions, addresses within the site.
    fn contextual(&mut self, field: &str) -> Vec<Value> {
        let t = |s: String| Value::Text(s);
        let (x, y) = (&self.x, &self.y);
        let members = |a: &AccountFx, b: &AccountFx| {
            vec![
                t(a.me.to_string()),
                t(a.morgan.to_string()),
                t(b.me.to_string()),
                t(b.morgan.to_string()),
                t(a.morgan.to_string().to_uppercase()),
                t(format!(" {} ", a.morgan)),
                t(format!("{}\0", a.me)),
                t(MemberId::new().to_string()),
            ]
        };
        match field {
            "payer" | "participant" | "from" | "to" => members(x, y),
            "choice" => {
                let join = self.join.as_ref().expect("join fixture");
                members(join, x)
            }
            "member_id" => members(x, y),
            // Accounts of the owner's (opening one again shows it) and an unknown one.
            "account_id" => vec![
                t(x.path.trim_start_matches("/accounts/").to_owned()),
                t(y.path.trim_start_matches("/accounts/").to_uppercase()),
                t(AccountId::new().to_string()),
            ],
            "expense_id" => vec![
                t(x.expense.to_string()),
                t(y.expense.to_string()),
                t(ExpenseId::new().to_string().to_uppercase()),
            ],
            "transfer_id" => vec![t(x.transfer.to_string()), t(y.transfer.to_string())],
            "revision" => {
                let r = revision_of(&mut self.conn, self.x.expense);
                vec![
                    t((r - 1).to_string()),
                    t((r + 1).to_string()),
                    t(format!("{r}.0")),
                    t(format!("+{r}")),
                ]
            }
            "back" | "next" => vec![
                t(format!("{}/expenses", y.path)),
                t("/settings/password".to_owned()),
                t(format!("{}/members#invite", x.path)),
            ],
            _ => vec![],
        }
    }

    /// The pages that show an accepted text, the first of which must show it (escaped).
    fn pages_showing(&self, field: &str, body: &[u8], location: &str) -> Vec<String> {
        match (self.kind, field) {
            (Kind::Signup, "display_name") => vec!["/".to_owned()],
            (Kind::OpenAccount, "name" | "member_name") => {
                vec![location.to_owned(), "/".to_owned()]
            }
            (Kind::Record | Kind::RecordRefund | Kind::Correct, "description") => {
                let id = sent(body, "expense_id");
                vec![
                    format!("{}/expenses/{id}/edit", self.x.path),
                    format!("{}/history", self.x.path),
                    format!("{}/expenses", self.x.path),
                    self.x.path.clone(),
                ]
            }
            (Kind::AddMember, "name") => vec![
                format!("{}/members", self.x.path),
                self.x.path.clone(),
                format!("{}/expenses/new", self.x.path),
            ],
            (Kind::AddCategory | Kind::ChangeCategory, "name") => vec![
                format!("{}/categories", self.x.path),
                format!("{}/expenses/new", self.x.path),
                format!("{}/history", self.x.path),
            ],
            (Kind::ChangeSchedule, "description") => vec![
                format!("{}/recurring", self.x.path),
                format!("{}/recurring/{}/edit", self.x.path, self.x.schedule),
                format!("{}/history", self.x.path),
            ],
            _ => vec![],
        }
    }

    fn fail(&mut self, field: &str, value: &Value, what: String) {
        if self.tally.failures.len() < 40 {
            self.tally.failures.push(format!(
                "POST {} field {field:?} = {value:?}: {what}",
                self.pattern
            ));
        } else if self.tally.failures.len() == 40 {
            self.tally
                .failures
                .push("… more failures left out".to_owned());
        }
    }

    /// Sends one hostile value in one field and checks the answer.
    async fn probe(&mut self, field: &str, value: &Value) {
        let target = self.field(field);
        let valid = self.valid_form(&target);
        let mut targets = vec![target.as_str()];
        if self.kind == Kind::Password && target == "new_password" {
            // The confirmation repeats the new password, or every value is just a mismatch.
            targets.push("confirm_password");
        }
        let (who, csrf) = self.sender();
        let who = who.clone();
        let body = build_body(csrf, &valid, &targets, value);
        let path = self.path();
        let answer = send(
            &who,
            &path,
            body.clone(),
            Some("application/x-www-form-urlencoded"),
        )
        .await;
        self.judge(field, &target, value, &body, &answer).await;
    }

    /// Whether the answer is acceptable, and the bookkeeping after it.
    async fn judge(&mut self, field: &str, target: &str, value: &Value, body: &[u8], a: &Answer) {
        self.tally.requests += 1;
        *self.tally.statuses.entry(a.status.as_u16()).or_default() += 1;
        let now = snapshot(&mut self.conn);
        for marker in RAW_MARKUP {
            if a.body.contains(marker) {
                self.fail(
                    field,
                    value,
                    format!("{} answer contains unescaped {marker:?}", a.status),
                );
            }
        }
        if a.status.is_server_error() || a.status.is_informational() {
            let start = a.body.chars().take(300).collect::<String>();
            self.fail(field, value, format!("answered {}: {start:?}", a.status));
            self.last = now;
            return;
        }
        if a.status.is_client_error() {
            if !has_message(a) {
                let start = a.body.chars().take(200).collect::<String>();
                self.fail(
                    field,
                    value,
                    format!("{} without a message: {start:?}", a.status),
                );
            }
            let changed = differences(&self.last, &now);
            if !changed.is_empty() {
                self.fail(
                    field,
                    value,
                    format!("refused with {} but changed {changed:?}", a.status),
                );
            }
            self.last = now;
            return;
        }
        // Accepted.
        self.tally.accepted += 1;
        self.last = now;
        let location = a
            .location
            .as_deref()
            .map(|l| String::from_utf8_lossy(l).into_owned());
        if a.status.is_redirection() {
            match &location {
                Some(l) if is_local(l) => {}
                other => self.fail(
                    field,
                    value,
                    format!("{} to a place outside the site: {other:?}", a.status),
                ),
            }
        }
        let typed = sent(body, target);
        if let Some(false) = valid_per_domain(self.kind, field, &typed) {
            self.fail(
                field,
                value,
                format!(
                    "accepted ({}) although the domain refuses {typed:?}",
                    a.status
                ),
            );
        }
        match self.kind {
            // Signing in or out starts a new session with a new token.
            Kind::Signup | Kind::Signin | Kind::Signout => {
                self.visitor_csrf = self.visitor.csrf().await;
            }
            Kind::Password => {
                self.password = sent(body, "new_password");
                self.owner_csrf = self.owner.csrf().await;
            }
            Kind::Join => {
                if field == "name" && typed.contains(['<', '>', '&', '"', '\'']) {
                    let join = self.join.clone().expect("join fixture");
                    let (j, _) = self.joiner.clone().expect("joiner");
                    self.shows_escaped(&j, field, value, &format!("{}/members", join.path), &typed)
                        .await;
                }
                // The joiner is a member now: invite them to a fresh account.
                let (owner, csrf) = (self.owner.clone(), self.owner_csrf.clone());
                let name = format!("Join {}", self.n);
                self.join = Some(account_fixture(&owner, &csrf, &name, false).await);
                self.last = snapshot(&mut self.conn);
                return;
            }
            _ => {}
        }
        if typed.contains(['<', '>', '&', '"', '\'']) {
            let pages = self.pages_showing(field, body, location.as_deref().unwrap_or("/"));
            let who = self.sender().0.clone();
            for (i, page) in pages.iter().enumerate() {
                if i == 0 {
                    self.shows_escaped(&who, field, value, page, &typed).await;
                } else {
                    let shown = get(&who, page).await;
                    self.no_raw_markup(field, value, page, &shown);
                }
            }
        }
        self.rotate_when_long().await;
    }

    /// Every command reads the account's whole history, so routes that add to it get a
    /// fresh account now and then: the run stays fast and every request still counts.
    async fn rotate_when_long(&mut self) {
        if !matches!(
            self.kind,
            Kind::Record
                | Kind::RecordRefund
                | Kind::Correct
                | Kind::Transfer
                | Kind::CorrectTransfer
                | Kind::AddMember
                | Kind::AddCategory
                | Kind::ChangeSchedule
                | Kind::ScheduleStatus
        ) {
            return;
        }
        self.since_rotation += 1;
        if self.since_rotation < ROTATE_AFTER {
            return;
        }
        self.since_rotation = 0;
        let (owner, csrf) = (self.owner.clone(), self.owner_csrf.clone());
        self.x = account_fixture(&owner, &csrf, &format!("Flat {}", self.n), true).await;
        if self.kind == Kind::Restore {
            let delete = format!("{}/expenses/{}/delete", self.x.path, self.x.expense);
            post_ok(&owner, &csrf, &delete, &[]).await;
        }
        self.last = snapshot(&mut self.conn);
    }

    /// GETs `page` and checks it shows the accepted text escaped and never raw.
    async fn shows_escaped(
        &mut self,
        who: &Browser,
        field: &str,
        value: &Value,
        page: &str,
        typed: &str,
    ) {
        let shown = get(who, page).await;
        self.no_raw_markup(field, value, page, &shown);
        let stored = stored_text(self.kind, field, typed);
        let escaped = escape(&stored);
        if shown.status != StatusCode::OK || !shown.body.contains(&escaped) {
            self.fail(
                field,
                value,
                format!(
                    "accepted, but GET {page} ({}) does not show it escaped as {escaped:?}",
                    shown.status
                ),
            );
        }
    }

    fn no_raw_markup(&mut self, field: &str, value: &Value, page: &str, shown: &Answer) {
        for marker in RAW_MARKUP {
            if shown.body.contains(marker) {
                self.fail(
                    field,
                    value,
                    format!("GET {page} shows unescaped {marker:?}"),
                );
            }
        }
    }

    /// Whole bodies that are wrong as a whole: other content types, too large, no fields.
    async fn bodies(&mut self) {
        let cases: [(&str, Option<&str>); 8] = [
            ("no content type", None),
            ("JSON content type", Some("application/json")),
            (
                "multipart content type",
                Some("multipart/form-data; boundary=x"),
            ),
            ("text content type", Some("text/plain; charset=utf-8")),
            (
                "form with a charset",
                Some("application/x-www-form-urlencoded; charset=ISO-8859-1"),
            ),
            ("300 KB body", Some("application/x-www-form-urlencoded")),
            ("only the token", Some("application/x-www-form-urlencoded")),
            ("JSON body", Some("application/json")),
        ];
        for (label, content_type) in cases {
            let valid = self.valid_form("");
            let (who, csrf) = self.sender();
            let (who, csrf) = (who.clone(), csrf.to_owned());
            let body = match label {
                "300 KB body" => {
                    let mut huge = build_body(&csrf, &valid, &[], &Value::Missing);
                    huge.extend_from_slice(b"&padding=");
                    huge.extend(std::iter::repeat_n(b'a', 300 * 1024));
                    huge
                }
                "only the token" => encode("csrf_token", &csrf),
                "JSON body" => format!("{{\"csrf_token\":\"{csrf}\"}}").into_bytes(),
                _ => build_body(&csrf, &valid, &[], &Value::Missing),
            };
            let answer = send(&who, &self.path(), body.clone(), content_type).await;
            let value = Value::Text(label.to_owned());
            self.judge("(whole body)", "(whole body)", &value, &body, &answer)
                .await;
        }
    }

    /// Every GET page of the app, as the owner: no hostile markup shows unescaped anywhere.
    async fn scan_every_page(&mut self) {
        let token = self
            .join
            .as_ref()
            .map_or(self.x.token.clone(), |j| j.token.clone());
        let owner = self.owner.clone();
        for route in routes::all().iter().filter(|r| r.method == "get") {
            let path = fill(route.path, &self.x, &token);
            let shown = get(&owner, &path).await;
            let value = Value::Text(path.clone());
            if shown.status.is_server_error() {
                self.fail(
                    "(page scan)",
                    &value,
                    format!("GET {path} answered {}", shown.status),
                );
            }
            if shown.content_type.starts_with("text/csv") {
                for cell in formula_cells(&shown.body) {
                    self.fail(
                        "(page scan)",
                        &value,
                        format!("GET {path}: formula cell {cell:?}"),
                    );
                }
            } else {
                self.no_raw_markup("(page scan)", &value, &path, &shown);
            }
        }
    }
}

/// Cells of a CSV file a spreadsheet would run as a formula (numbers aside).
fn formula_cells(csv_text: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_text.as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .flat_map(|record| record.iter().map(str::to_owned).collect::<Vec<_>>())
        .filter(|cell| {
            cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.parse::<f64>().is_err()
        })
        .collect()
}

/// Whether an answer explains itself: a plain-text message, a form message, a flash, or
/// the error page.
fn has_message(a: &Answer) -> bool {
    let body = a.body.trim();
    if a.content_type.starts_with("text/plain") {
        return body.len() >= 10;
    }
    [
        "role=\"alert\"",
        "class=\"field-error\"",
        "class=\"flash\"",
        "class=\"error-page\"",
    ]
    .iter()
    .any(|m| body.contains(m))
}

/// A redirect that stays on the site.
fn is_local(location: &str) -> bool {
    location.starts_with('/')
        && !location.starts_with("//")
        && !location.starts_with("/\\")
        && !location.chars().any(char::is_control)
}

/// Whether the domain's own parser takes the value (None: no parser to ask).
fn valid_per_domain(kind: Kind, field: &str, typed: &str) -> Option<bool> {
    let eur = Currency::from_code("EUR").expect("EUR");
    Some(match (kind, field) {
        (_, "amount") => tally::i18n::parse_amount(Lang::En, eur, typed).is_ok(),
        (_, "description") => Description::parse(typed).is_ok(),
        (Kind::OpenAccount, "name") => AccountName::parse(typed).is_ok(),
        (Kind::AddCategory | Kind::ChangeCategory, "name") => {
            tally::domain::CategoryName::parse(typed).is_ok()
        }
        (Kind::TimeZone | Kind::UserTimeZone, "time_zone") => {
            tally::domain::TimeZone::parse(typed).is_ok()
        }
        (Kind::Record | Kind::ChangeSchedule, "until") if !typed.trim().is_empty() => {
            tally::domain::dates::parse_day(typed).is_ok()
        }
        (_, "name" | "member_name" | "display_name") => MemberName::parse(typed).is_ok(),
        (Kind::Signup | Kind::Signin | Kind::Forgot, "email") => Email::parse(typed).is_ok(),
        (Kind::Signup, "password") | (Kind::Password | Kind::Reset, "new_password") => {
            NewPassword::parse(typed).is_ok()
        }
        (_, "currency") => Currency::from_code(typed).is_ok(),
        (
            Kind::Record
            | Kind::RecordRefund
            | Kind::Correct
            | Kind::ChangeSchedule
            | Kind::CorrectTransfer,
            "date",
        ) if !(kind == Kind::CorrectTransfer && typed.trim().is_empty()) => {
            tally::domain::dates::parse_day(typed).is_ok()
        }
        (Kind::Record | Kind::RecordRefund | Kind::Correct | Kind::ChangeSchedule, f)
            if f.starts_with("exact_") =>
        {
            tally::i18n::parse_amount(Lang::En, eur, typed).is_ok()
        }
        (Kind::Record | Kind::RecordRefund | Kind::Correct | Kind::ChangeSchedule, f)
            if f.starts_with("percent_") =>
        {
            tally::web::pages::expenses::parse_percent(typed).is_ok()
        }
        _ => return None,
    })
}

/// The text as stored after parsing (trimmed, inner whitespace collapsed).
fn stored_text(kind: Kind, field: &str, typed: &str) -> String {
    match (kind, field) {
        (_, "description") => Description::parse(typed).map(|d| d.to_string()),
        (Kind::OpenAccount, "name") => AccountName::parse(typed).map(|d| d.to_string()),
        (Kind::AddCategory | Kind::ChangeCategory, "name") => {
            tally::domain::CategoryName::parse(typed).map(|d| d.to_string())
        }
        _ => MemberName::parse(typed).map(|d| d.to_string()),
    }
    .unwrap_or_else(|_| typed.to_owned())
}

/// Runs the whole table against one route on its own app.
async fn run_route(
    db: TestDb,
    route: RouteDef,
    fields: &'static [&'static str],
) -> (String, Tally) {
    let started = Instant::now();
    let kind = kind_of(route.path).unwrap_or_else(|| {
        panic!(
            "POST {} has a field list but no fixture in tests/web_hostile.rs (kind_of)",
            route.path
        )
    });
    let mut world = World::start(db, kind, route.path).await;
    let (table, fields): (Vec<Value>, Vec<&str>) = if fields.is_empty() {
        (unread_values(), vec![UNREAD])
    } else {
        (hostile_values(), fields.to_vec())
    };
    for field in &fields {
        world.tally.fields += 1;
        let mut values = table.clone();
        values.extend(world.contextual(field));
        world.tally.values += values.len();
        for value in &values {
            world.probe(field, value).await;
        }
    }
    world.bodies().await;
    world.scan_every_page().await;
    world.tally.seconds = started.elapsed().as_secs_f64();
    (format!("POST {}", route.path), world.tally)
}

// ----- The tests -----------------------------------------------------------------------------

/// Every POST route has a field list, every list names a route, and every field a handler
/// reads is in some list (or is a GET filter).
#[test]
fn every_post_route_and_every_field_it_reads_is_listed() {
    let all = routes::all();
    let mut problems = Vec::new();
    for route in all.iter().filter(|r| r.method == "post") {
        if !FIELDS.iter().any(|(p, _)| *p == route.path) {
            problems.push(format!(
                "POST {} has no field list in FIELDS (tests/web_hostile.rs): list the form \
                 fields it reads, or an empty list if it reads none",
                route.path
            ));
        } else if kind_of(route.path).is_none() {
            problems.push(format!("POST {} has no fixture (kind_of)", route.path));
        }
    }
    for (path, _) in FIELDS {
        if !all.iter().any(|r| r.method == "post" && r.path == *path) {
            problems.push(format!("FIELDS lists {path}, which is not a POST route"));
        }
    }
    let listed: Vec<String> = FIELDS
        .iter()
        .flat_map(|(_, f)| f.iter())
        .chain(QUERY_FIELDS)
        .chain(AS_OF_FIELDS)
        .chain(STATISTICS_FIELDS)
        .map(|f| f.replace("{member}", ""))
        .collect();
    let read = fields_read_by_handlers();
    // The scan must see the handlers' fields at all, or it checks nothing.
    for known in [
        "email",
        "amount",
        "description",
        "weight_",
        "choice",
        "back",
    ] {
        assert!(
            read.iter().any(|(_, name)| name == known),
            "the source scan no longer finds the field {known:?}: {read:?}"
        );
    }
    for (file, name) in read {
        if name != "csrf_token" && !listed.contains(&name) {
            problems.push(format!(
                "{file} reads the form field {name:?}, which no route's list in FIELDS names"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Form field names in the page handlers' source: `raw.get/all/has("…")`, per-member
/// `format!("prefix_{…}")` names, and the fields of `#[derive(Deserialize)] struct …Form`.
fn fields_read_by_handlers() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/web/pages");
    let mut found = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("src/web/pages")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    for path in files {
        let source = std::fs::read_to_string(&path).expect("read source");
        let file = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        for call in ["raw.get(\"", "raw.all(\"", "raw.has(\""] {
            for (i, _) in source.match_indices(call) {
                let rest = &source[i + call.len()..];
                if let Some(end) = rest.find('"') {
                    found.push((file.clone(), rest[..end].to_owned()));
                }
            }
        }
        for call in ["raw.get(&format!(\"", "raw.all(&format!(\""] {
            for (i, _) in source.match_indices(call) {
                let rest = &source[i + call.len()..];
                if let Some(end) = rest.find('{') {
                    found.push((file.clone(), rest[..end].to_owned()));
                }
            }
        }
        // Per-member fields built in `portions("prefix", …)`.
        for (i, _) in source.match_indices("portions(\"") {
            let rest = &source[i + "portions(\"".len()..];
            if let Some(end) = rest.find('"') {
                found.push((file.clone(), format!("{}_", &rest[..end])));
            }
        }
        let mut lines = source.lines().peekable();
        let mut deserialize = false;
        while let Some(line) = lines.next() {
            let trimmed = line.trim();
            if trimmed.starts_with("#[derive(") && trimmed.contains("Deserialize") {
                deserialize = true;
                continue;
            }
            if trimmed.starts_with("#[") {
                continue;
            }
            let is_form = trimmed.contains("struct ")
                && trimmed
                    .split_whitespace()
                    .skip_while(|w| *w != "struct")
                    .nth(1)
                    .is_some_and(|name| name.trim_end_matches('{').ends_with("Form"));
            if deserialize && is_form && trimmed.ends_with('{') {
                for field_line in lines.by_ref() {
                    let f = field_line.trim();
                    if f.starts_with('}') {
                        break;
                    }
                    if f.starts_with("#") || f.starts_with("//") {
                        continue;
                    }
                    if let Some((name, _)) = f.split_once(':') {
                        let name = name.trim().trim_start_matches("pub ").trim();
                        found.push((file.clone(), name.to_owned()));
                    }
                }
            }
            deserialize = false;
        }
    }
    found
}

fn every_field_of_every_post_route_survives_hostile_values(db: TestDb) {
    let all = routes::all();
    // TALLY_HOSTILE_ROUTES=text runs only the routes whose path contains the text.
    let only = std::env::var("TALLY_HOSTILE_ROUTES").unwrap_or_default();
    let posts: Vec<(RouteDef, &'static [&'static str])> = all
        .iter()
        .filter(|r| r.method == "post" && r.path.contains(only.as_str()))
        .map(|r| {
            let fields = FIELDS
                .iter()
                .find(|(p, _)| *p == r.path)
                .map(|(_, f)| *f)
                .unwrap_or_else(|| {
                    panic!(
                        "POST {} has no field list in FIELDS (tests/web_hostile.rs)",
                        r.path
                    )
                });
            (*r, fields)
        })
        .collect();
    let table_size = hostile_values().len();
    assert!(table_size >= 200, "the table has only {table_size} values");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .expect("runtime");
    let started = Instant::now();
    let sqlite = matches!(db.url, DatabaseUrl::Sqlite(_));
    let results = runtime.block_on(async move {
        let mut tasks = Vec::new();
        let mut first = Some(db);
        for (route, fields) in posts {
            let db = match first.take() {
                Some(db) => db,
                None => tokio::task::block_in_place(|| same_backend(sqlite)),
            };
            tasks.push(tokio::spawn(run_route(db, route, fields)));
        }
        let mut results = Vec::new();
        for task in tasks {
            results.push(task.await.expect("route task"));
        }
        results
    });
    let mut report = String::new();
    let mut failures = Vec::new();
    let (mut requests, mut field_count, mut values) = (0, 0, 0);
    let _ = writeln!(
        report,
        "{:<60} {:>6} {:>7} {:>8} {:>8}  statuses",
        "route", "fields", "values", "requests", "accepted"
    );
    for (route, tally) in &results {
        requests += tally.requests;
        field_count += tally.fields;
        values += tally.values;
        let statuses = tally
            .statuses
            .iter()
            .map(|(s, n)| format!("{s}×{n}"))
            .collect::<Vec<_>>()
            .join(" ");
        let _ = writeln!(
            report,
            "{route:<60} {:>6} {:>7} {:>8} {:>8}  {statuses} ({:.0} s)",
            tally.fields, tally.values, tally.requests, tally.accepted, tally.seconds
        );
        failures.extend(tally.failures.iter().cloned());
    }
    let _ = writeln!(
        report,
        "{} POST routes, {field_count} fields, {table_size} table values + contextual ones = \
         {values} field values, {requests} requests, {} failures, {:.0} s",
        results.len(),
        failures.len(),
        started.elapsed().as_secs_f64()
    );
    println!("{report}");
    assert!(
        failures.is_empty(),
        "hostile input failures:\n{}\n\n{report}",
        failures.join("\n")
    );
}

/// A payment the dashboard cannot record is answered 422 with the reason, not a redirect
/// that looks like success, and records nothing.
fn a_refused_payment_says_why(db: TestDb) {
    common::web::with_app(db, |app| async move {
        let owner = app.me();
        owner.register("payer@example.org", "Pat").await;
        let csrf = owner.csrf().await;
        let x = account_fixture(&owner, &csrf, "Flat P", false).await;
        let events_before: i64 = events::table
            .count()
            .get_result(&mut app.db.conn())
            .expect("events");
        let (me, morgan) = (x.me.to_string(), x.morgan.to_string());
        let transfer = TransferId::new().to_string();
        for (fields, reason) in [
            (
                vec![
                    ("from", me.as_str()),
                    ("to", me.as_str()),
                    ("amount", "5.00"),
                ],
                "could not be recorded: a transfer needs two different members",
            ),
            (
                vec![
                    ("from", morgan.as_str()),
                    ("to", me.as_str()),
                    ("amount", "-5"),
                ],
                "the form was incomplete",
            ),
            (
                vec![("from", morgan.as_str()), ("amount", "5.00")],
                "incomplete",
            ),
        ] {
            let mut all = vec![("transfer_id", transfer.as_str())];
            all.extend(fields);
            let page = owner.post(&format!("{}/transfers", x.path), &all).await;
            assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{all:?}");
            assert!(
                page.text(".flash").contains(reason),
                "{all:?}: {:?}",
                page.text(".flash")
            );
            assert_eq!(page.text("h1"), "Flat P", "the dashboard again");
        }
        let events_after: i64 = events::table
            .count()
            .get_result(&mut app.db.conn())
            .expect("events");
        assert_eq!(events_before, events_after, "nothing recorded");
    });
}

/// The "years" row wherever a date is read: the expense form (adding and correcting) and
/// the expense list's filters. Each is a 422 with the form again and a message beside the
/// field, and nothing is written.
fn impossible_years_are_refused_wherever_a_date_is_read(db: TestDb) {
    const YEARS: &[(&str, &str)] = &[
        ("-0001-01-01", "between 0001-01-01 and 9999-12-31"),
        ("0000-01-01", "between 0001-01-01 and 9999-12-31"),
        ("10000-01-01", "between 0001-01-01 and 9999-12-31"),
        ("+275760-09-13", "between 0001-01-01 and 9999-12-31"),
        ("275760-09-13", "between 0001-01-01 and 9999-12-31"),
        ("2023-02-29", "no such day"),
    ];
    common::web::with_app(db, |app| async move {
        let owner = app.me();
        owner.register("years@example.org", "Yves").await;
        let csrf = owner.csrf().await;
        let x = account_fixture(&owner, &csrf, "Flat Y", true).await;
        let list = format!("{}/expenses", x.path);
        let before = snapshot(&mut app.db.conn());
        for (typed, message) in YEARS {
            for query in [
                vec![("from", *typed)],
                vec![("to", *typed)],
                vec![("from", *typed), ("to", *typed)],
            ] {
                let path = format!(
                    "{list}?{}",
                    serde_urlencoded::to_string(&query).expect("query")
                );
                let page = owner.get(&path).await;
                assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "GET {path}");
                assert!(
                    !page.texts("form.filters").is_empty(),
                    "GET {path}: the filter form again"
                );
                for (field, _) in &query {
                    let shown = page.text(&format!("#{field}-error"));
                    assert!(shown.contains(message), "GET {path}: {field}: {shown:?}");
                }
            }
            let me = x.me.to_string();
            let fields = |id: String| {
                vec![
                    ("expense_id".to_owned(), id),
                    ("amount".to_owned(), "12.00".to_owned()),
                    ("description".to_owned(), "Bread".to_owned()),
                    ("date".to_owned(), (*typed).to_owned()),
                    ("payer".to_owned(), me.clone()),
                    ("participant".to_owned(), me.clone()),
                    ("split".to_owned(), "equally".to_owned()),
                ]
            };
            let new =
                common::web::post_fields(&owner, &list, &fields(ExpenseId::new().to_string()))
                    .await;
            let edit_page = owner.get(&format!("{list}/{}/edit", x.expense)).await;
            let mut correction = common::web::form_fields(&edit_page, "form.expense-form");
            common::web::set(&mut correction, "date", typed);
            let edit =
                common::web::post_fields(&owner, &format!("{list}/{}", x.expense), &correction)
                    .await;
            for (what, page) in [("adding", new), ("correcting", edit)] {
                assert_eq!(
                    page.status,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "{what} with {typed}"
                );
                let shown = page.text("#date-error");
                assert!(shown.contains(message), "{what} with {typed}: {shown:?}");
            }
        }
        assert!(
            differences(&before, &snapshot(&mut app.db.conn())).is_empty(),
            "nothing written"
        );
    });
}

/// Every query field of the expense list gets the text part of the hostile table: never a
/// 5xx, and a refusal always says why.
fn every_filter_of_the_expense_list_survives_hostile_values(db: TestDb) {
    common::web::with_app(db, |app| async move {
        let owner = app.me();
        owner.register("filters@example.org", "Fil").await;
        let csrf = owner.csrf().await;
        let x = account_fixture(&owner, &csrf, "Flat F", true).await;
        let mut failures = Vec::new();
        let mut requests = 0;
        for field in QUERY_FIELDS {
            for value in hostile_values() {
                let query = match &value {
                    Value::Text(t) => encode(field, t),
                    Value::Raw(bytes) => [field.as_bytes(), b"=", bytes].concat(),
                    _ => continue,
                };
                let path = format!("{}/expenses?{}", x.path, String::from_utf8_lossy(&query));
                let Ok(url) = reqwest::Url::parse(&format!("{}{path}", owner.base)) else {
                    continue;
                };
                let answer = read(owner.client.get(url).send().await.expect("GET")).await;
                requests += 1;
                if answer.status.is_server_error() {
                    failures.push(format!("{field} = {value:?}: {}", answer.status));
                } else if answer.status.is_client_error() && !has_message(&answer) {
                    failures.push(format!(
                        "{field} = {value:?}: {} without a message",
                        answer.status
                    ));
                }
            }
        }
        assert!(requests > 5 * 200, "only {requests} requests");
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    });
}

/// Every query field of the Statistics page gets the text part of the hostile table, alone
/// and inside a custom range: never a 5xx, and a refusal always says why.
fn every_field_of_the_statistics_page_survives_hostile_values(db: TestDb) {
    common::web::with_app(db, |app| async move {
        let owner = app.me();
        owner.register("stats@example.org", "Stan").await;
        let csrf = owner.csrf().await;
        let x = account_fixture(&owner, &csrf, "Flat S", true).await;
        let mut failures = Vec::new();
        let mut requests = 0;
        for field in STATISTICS_FIELDS {
            for value in hostile_values() {
                let query = match &value {
                    Value::Text(t) => encode(field, t),
                    Value::Raw(bytes) => [field.as_bytes(), b"=", bytes].concat(),
                    _ => continue,
                };
                for prefix in ["", "period=custom&from=2026-01&to=2026-02&"] {
                    let path = format!(
                        "{}/statistics?{prefix}{}",
                        x.path,
                        String::from_utf8_lossy(&query)
                    );
                    let Ok(url) = reqwest::Url::parse(&format!("{}{path}", owner.base)) else {
                        continue;
                    };
                    let answer = read(owner.client.get(url).send().await.expect("GET")).await;
                    requests += 1;
                    if answer.status.is_server_error() {
                        failures.push(format!("{field} = {value:?}: {}", answer.status));
                    } else if answer.status.is_client_error() && !has_message(&answer) {
                        failures.push(format!(
                            "{field} = {value:?}: {} without a message",
                            answer.status
                        ));
                    }
                }
            }
        }
        assert!(requests > 3 * 200, "only {requests} requests");
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    });
}

/// Months the Statistics page's custom range refuses: a 422 with the form again, the typed
/// values kept, and a message beside the field.
fn impossible_months_are_refused_by_the_statistics_page(db: TestDb) {
    const MONTHS: &[(&str, &str, &str, &str)] = &[
        ("2026-13", "2026-12", "from", "between 01 and 12"),
        ("2026-00", "2026-12", "from", "between 01 and 12"),
        ("0000-01", "2026-12", "from", "between 0001 and 9999"),
        ("10000-01", "2026-12", "from", "YYYY-MM"),
        ("-0001-01", "2026-12", "from", "YYYY-MM"),
        ("+2026-01", "2026-12", "from", "YYYY-MM"),
        ("2026-1", "2026-12", "from", "YYYY-MM"),
        ("2026-01-15", "2026-12", "from", "YYYY-MM"),
        ("２０２６-01", "2026-12", "from", "YYYY-MM"),
        ("", "2026-12", "from", "Choose a month"),
        ("2026-01", "", "to", "Choose a month"),
        ("2026-05", "2026-04", "to", "before the first month"),
        ("1990-01", "2026-12", "to", "at most 10 years"),
        ("0001-01", "9999-12", "to", "at most 10 years"),
    ];
    common::web::with_app(db, |app| async move {
        let owner = app.me();
        owner.register("months@example.org", "Mo").await;
        let csrf = owner.csrf().await;
        let x = account_fixture(&owner, &csrf, "Flat M", true).await;
        for (from, to, field, message) in MONTHS {
            let query =
                serde_urlencoded::to_string([("period", "custom"), ("from", from), ("to", to)])
                    .expect("query");
            let path = format!("{}/statistics?{query}", x.path);
            let page = owner.get(&path).await;
            assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "GET {path}");
            assert!(
                !page.texts("form.period-form").is_empty(),
                "GET {path}: the form again"
            );
            assert_eq!(
                page.attr("#from", "value").as_deref(),
                Some(*from),
                "GET {path}"
            );
            assert_eq!(
                page.attr("#to", "value").as_deref(),
                Some(*to),
                "GET {path}"
            );
            let shown = page.text(&format!("#{field}-error"));
            assert!(shown.contains(message), "GET {path}: {field}: {shown:?}");
        }
    });
}

/// Headers an attacker controls, each with values that are long, odd, non-ASCII or meant to
/// mislead, sent to every route of the router (GET and POST, as the signed-in owner): never
/// a 5xx, and the invite link never takes its host from a request.
fn every_route_survives_hostile_headers(db: TestDb) {
    const HEADERS: &[&str] = &[
        "host",
        "x-forwarded-host",
        "x-forwarded-for",
        "x-forwarded-proto",
        "x-real-ip",
        "forwarded",
        "cookie",
        "accept-language",
        "content-type",
        "referer",
        "origin",
        "user-agent",
    ];
    let values: Vec<Vec<u8>> = [
        b"".to_vec(),
        b"evil.example".to_vec(),
        b"evil.example:99999".to_vec(),
        b"[::1".to_vec(),
        b"for=\"_hidden\";proto=javascript;host=evil.example".to_vec(),
        b"for=[2001:db8::1]:99999999, for=unknown".to_vec(),
        b"1.2.3.4, , ,999.1.1.1".to_vec(),
        b"<script>alert(1)</script>".to_vec(),
        b"' OR 1=1 --".to_vec(),
        b"tally_session=\x00; tally_device=..".to_vec(),
        b"multipart/form-data; boundary=".to_vec(),
        "évil.example, ünïcödé;q=0.9".as_bytes().to_vec(),
        b"\xff\xfe\x80".to_vec(),
        "a".repeat(3 * 1024).into_bytes(),
        "a".repeat(12 * 1024).into_bytes(),
        "ü".repeat(4 * 1024).into_bytes(),
        "x,".repeat(2000).into_bytes(),
    ]
    .to_vec();
    common::web::with_app(db, |app| async move {
        let owner = app.me();
        owner.register("headers@example.org", "Hed").await;
        let csrf = owner.csrf().await;
        let x = account_fixture(&owner, &csrf, "Flat H", true).await;
        let visitor = app.browser();
        let visitor_csrf = visitor.csrf().await;
        let bare = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // The server closes idle connections after 5 s; a client that reused one at that
            // moment would see it closed under its request (a slow, loaded machine).
            .pool_idle_timeout(Duration::from_secs(2))
            .build()
            .expect("client");
        let mut failures = Vec::new();
        let mut requests = 0;
        for route in routes::all() {
            let path = fill(route.path, &x, &x.token);
            // Signing out would end the owner's session for every later route.
            let (who, token) = if route.path == "/signout" {
                (&visitor, &visitor_csrf)
            } else {
                (&owner, &csrf)
            };
            for name in HEADERS {
                for value in &values {
                    let Ok(header) = reqwest::header::HeaderValue::from_bytes(value) else {
                        continue;
                    };
                    let url = format!("{}{path}", who.base);
                    // A cookie header of its own replaces the session's, and the answer may
                    // clear it: sent from a client without the owner's cookie jar.
                    let client = if *name == "cookie" {
                        &bare
                    } else {
                        &who.client
                    };
                    let request = if route.method == "get" {
                        client.get(url)
                    } else {
                        client
                            .post(url)
                            .header("content-type", "application/x-www-form-urlencoded")
                            .body(encode("csrf_token", token))
                    };
                    let answer =
                        read(request.header(*name, header).send().await.expect("request")).await;
                    requests += 1;
                    if answer.status.is_server_error() {
                        failures.push(format!(
                            "{} {path} with {name}: {:?}: {}",
                            route.method,
                            String::from_utf8_lossy(&value[..value.len().min(40)]),
                            answer.status
                        ));
                    }
                    if answer.body.contains("evil.example/join") || answer.body.contains("//évil")
                    {
                        failures.push(format!(
                            "{} {path} with {name}: a link to the header's host",
                            route.method
                        ));
                    }
                }
            }
        }
        // The members page under forwarded headers still shows the configured address.
        let members = owner
            .client
            .get(format!("{}{}/members", owner.base, x.path))
            .header("x-forwarded-host", "evil.example")
            .header("forwarded", "host=evil.example;proto=https")
            .header("x-forwarded-proto", "https")
            .send()
            .await
            .expect("GET");
        let members = read(members).await;
        assert_eq!(members.status, StatusCode::OK);
        assert!(
            members.body.contains(&format!("{}/join/", app.base)),
            "the invite link names the configured address"
        );
        assert!(
            requests > 30 * HEADERS.len() * 10,
            "only {requests} requests"
        );
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
    });
}

/// Every query field of the as-of view gets the text part of the hostile table, alone and
/// beside a valid value of the other: never a 5xx, a refusal always says why, and nothing is
/// written. Malformed dates, numbers that are not a change's and huge ones are 400 or 422.
fn every_field_of_the_as_of_view_survives_hostile_values(db: TestDb) {
    common::web::with_app(db, |app| async move {
        let owner = app.me();
        owner.register("asof@example.org", "Asa").await;
        let csrf = owner.csrf().await;
        let x = account_fixture(&owner, &csrf, "Flat P", true).await;
        let before = snapshot(&mut app.db.conn());
        let mut failures = Vec::new();
        let mut requests = 0;
        for field in AS_OF_FIELDS {
            for value in hostile_values() {
                let query = match &value {
                    Value::Text(t) => encode(field, t),
                    Value::Raw(bytes) => [field.as_bytes(), b"=", bytes].concat(),
                    _ => continue,
                };
                let path = format!("{}/as-of?{}", x.path, String::from_utf8_lossy(&query));
                let Ok(url) = reqwest::Url::parse(&format!("{}{path}", owner.base)) else {
                    continue;
                };
                let answer = read(owner.client.get(url).send().await.expect("GET")).await;
                requests += 1;
                if answer.status.is_server_error() {
                    failures.push(format!("{field} = {value:?}: {}", answer.status));
                } else if answer.status.is_client_error() && !has_message(&answer) {
                    failures.push(format!(
                        "{field} = {value:?}: {} without a message",
                        answer.status
                    ));
                }
            }
        }
        // The cases people meet: each refused with its status.
        for (query, status) in [
            ("date=2026-13-45", StatusCode::UNPROCESSABLE_ENTITY),
            ("date=2026-02-30", StatusCode::UNPROCESSABLE_ENTITY),
            ("date=26-11-2026", StatusCode::UNPROCESSABLE_ENTITY),
            ("date=-0001-01-01", StatusCode::UNPROCESSABLE_ENTITY),
            ("after=-1", StatusCode::BAD_REQUEST),
            ("after=abc", StatusCode::BAD_REQUEST),
            ("after=0", StatusCode::BAD_REQUEST),
            ("after=1e9", StatusCode::BAD_REQUEST),
            (
                "after=99999999999999999999999999999999",
                StatusCode::BAD_REQUEST,
            ),
            ("after=9223372036854775807", StatusCode::NOT_FOUND),
            ("after=1&date=2026-01-01", StatusCode::BAD_REQUEST),
        ] {
            let answer = get(&owner, &format!("{}/as-of?{query}", x.path)).await;
            requests += 1;
            if answer.status != status || !has_message(&answer) {
                failures.push(format!("{query}: {} (expected {status})", answer.status));
            }
        }
        assert!(requests > 2 * 200, "only {requests} requests");
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        assert!(
            differences(&before, &snapshot(&mut app.db.conn())).is_empty(),
            "nothing written"
        );
    });
}

backend_tests!(
    every_field_of_every_post_route_survives_hostile_values,
    every_field_of_the_as_of_view_survives_hostile_values,
    a_refused_payment_says_why,
    impossible_years_are_refused_wherever_a_date_is_read,
    every_filter_of_the_expense_list_survives_hostile_values,
    every_field_of_the_statistics_page_survives_hostile_values,
    impossible_months_are_refused_by_the_statistics_page,
    every_route_survives_hostile_headers,
);

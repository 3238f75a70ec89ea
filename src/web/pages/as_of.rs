//! The account as it was: the dashboard's balances, settle-up and latest expenses at the end
//! of a chosen day (`?date=YYYY-MM-DD`) or right after a change of the history
//! (`?after=<version>`). Read-only: nothing on it posts anywhere.

use super::dashboard::{BalanceLine, Chart, balances, chart, suggestions};
use crate::domain::dates;
use crate::read::as_of::{AsOfView, Missing, Point, as_of as read_as_of};
use crate::route;
use crate::web::account_view::{money, name_of};
use crate::web::context::{Member, PageContext};
use crate::web::errors::WebError;
use crate::web::forms::{FieldErrors, RawForm};
use crate::web::routing::RouteDef;
use crate::web::state::AppState;
use crate::web::view;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;

/// This module's routes.
pub fn routes() -> Vec<RouteDef> {
    vec![route!(get, "/accounts/{account_id}/as-of", Member, as_of)]
}

/// The address of the account as it was after the change with this version.
pub fn after_href(base: &str, version: i64) -> String {
    format!("{base}/as-of?after={version}")
}

/// A suggested payment then, as text only.
pub struct PastPayment {
    /// "Kim pays Sam €12.00".
    pub text: String,
}

/// An expense in the latest list then.
pub struct PastExpense {
    /// Date, formatted.
    pub date: String,
    /// What for.
    pub description: String,
    /// Who paid.
    pub payer: String,
    /// Amount, formatted.
    pub amount: String,
    /// Number of participants.
    pub participants: i32,
    /// Money coming in: labelled so, its amount shown negative.
    pub refund: bool,
}

/// What the page shows of the past point.
pub struct Past {
    /// "at the end of 3 March 2026" or "right after change 12 (26 Nov 2026 10:31 UTC)".
    pub when: String,
    /// The account's name then.
    pub name_then: String,
    /// Balances table.
    pub balances: Vec<BalanceLine>,
    /// Bar chart.
    pub chart: Chart,
    /// Settle-up then.
    pub payments: Vec<PastPayment>,
    /// Latest expenses then.
    pub latest: Vec<PastExpense>,
    /// The version shown and the newest.
    pub version: i64,
    /// The newest version now.
    pub newest: i64,
    /// The change before, if any.
    pub earlier: Option<String>,
    /// The change after, if any.
    pub later: Option<String>,
}

/// The as-of page: the past point, or only the form with why nothing is shown.
#[derive(Template)]
#[template(path = "as_of.html")]
struct AsOfPage {
    ctx: PageContext,
    account_name: String,
    base: String,
    /// The date in the form.
    date: String,
    errors: FieldErrors,
    /// Why nothing is shown (a point that does not exist, an unusable address).
    problem: Option<String>,
    past: Option<Past>,
}

/// What the query asks for, or the status and message that refuse it.
enum Wanted {
    /// Nothing chosen yet: the form alone.
    Nothing,
    /// A past point.
    Point(Point),
    /// A date that cannot be used: 422 with a message beside the field.
    BadDate(String),
    /// An address that cannot be used: 400 with a message.
    BadAddress(String),
}

/// Reads `date` or `after`; `today` bounds the date.
fn wanted(raw: &RawForm, today: NaiveDate) -> Wanted {
    let date = raw.get("date").trim();
    let after = raw.get("after").trim();
    match (date.is_empty(), after.is_empty()) {
        (true, true) => Wanted::Nothing,
        (false, false) => Wanted::BadAddress(
            "choose either a day or a change of the history, not both".to_owned(),
        ),
        (false, true) => match dates::parse_day(date) {
            // The end of a day still to come is unknown, so such a day is refused rather than
            // shown as "now" under a future date.
            Ok(day) if day > today => Wanted::BadDate(format!(
                "that day is still to come; choose {} or earlier",
                today
            )),
            Ok(day) => Wanted::Point(Point::EndOf(day)),
            Err(e) => Wanted::BadDate(e.to_string()),
        },
        (true, false) => match after.parse::<i64>() {
            Ok(version) if version >= 1 && after.bytes().all(|b| b.is_ascii_digit()) => {
                Wanted::Point(Point::After(version))
            }
            _ => Wanted::BadAddress(
                "the change must be given by its number in the history (1, 2, 3, …)".to_owned(),
            ),
        },
    }
}

async fn as_of(
    state: web::Data<AppState>,
    member: Member,
    query: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let raw = RawForm(query.into_inner());
    let today = state.today_for(&member.user);
    let typed_date = raw.get("date").trim();
    let shown_date = dates::parse_day(typed_date).map_or(String::new(), |_| typed_date.to_owned());
    let mut page = AsOfPage {
        account_name: member.account.name.clone(),
        base: member.base(),
        date: shown_date,
        errors: FieldErrors::default(),
        problem: None,
        past: None,
        ctx: member.ctx.clone(),
    };
    let point = match wanted(&raw, today) {
        Wanted::Nothing => return view::ok(&page),
        Wanted::BadDate(message) => {
            page.errors.add("date", message);
            return view::page(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
        Wanted::BadAddress(message) => {
            page.problem = Some(format!("This address cannot be shown: {message}."));
            return view::page(StatusCode::BAD_REQUEST, &page);
        }
        Wanted::Point(point) => point,
    };
    let account = member.account_id;
    let found = state
        .read(move |conn| read_as_of(conn, account, point))
        .await?;
    match found {
        Ok(then) => {
            page.past = Some(past(&member, &page.base, point, &then));
            view::ok(&page)
        }
        // A day before the opening was typed in the form: answered like a date that cannot be
        // used (422, beside the field). A change that does not exist came from an address:
        // 404, with the newest change named.
        Err(Missing::BeforeOpening { opened_at }) => {
            let opened = opened_at.map_or_else(
                || "was not opened yet".to_owned(),
                |at| format!("was opened on {}", view::day(at.date())),
            );
            let message = format!("the account {opened}; choose that day or later");
            match point {
                Point::EndOf(_) => {
                    page.errors.add("date", message);
                    view::page(StatusCode::UNPROCESSABLE_ENTITY, &page)
                }
                Point::After(_) => {
                    page.problem = Some(format!("Nothing to show: {message}."));
                    view::page(StatusCode::NOT_FOUND, &page)
                }
            }
        }
        Err(Missing::NoSuchChange { newest }) => {
            page.problem = Some(format!(
                "There is no such change yet: the newest is change {newest}."
            ));
            view::page(StatusCode::NOT_FOUND, &page)
        }
    }
}

/// The past point as the page shows it.
fn past(member: &Member, base: &str, point: Point, then: &AsOfView) -> Past {
    let currency = member.currency();
    let when = match point {
        Point::EndOf(day) => format!("at the end of {}", view::day(day)),
        Point::After(version) => format!(
            "right after change {version} ({})",
            view::minute(then.recorded_at.and_utc(), member.user.zone)
        ),
    };
    let members = &then.members;
    Past {
        when,
        name_then: then.account_name.clone(),
        balances: balances(members, member.member_id, currency),
        chart: chart(members, currency),
        payments: suggestions(members, currency)
            .into_iter()
            .map(|s| PastPayment {
                text: format!("{} pays {} {}", s.from, s.to, s.amount),
            })
            .collect(),
        latest: then
            .latest
            .iter()
            .map(|e| PastExpense {
                date: view::day(e.date),
                description: e.description.clone(),
                payer: name_of(members, e.payer),
                amount: money(currency, e.signed_amount()),
                participants: e.participant_count,
                refund: e.refund,
            })
            .collect(),
        version: then.version,
        newest: then.newest,
        earlier: (then.version > 1).then(|| after_href(base, then.version - 1)),
        later: (then.version < then.newest).then(|| after_href(base, then.version + 1)),
    }
}

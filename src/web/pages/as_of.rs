//! The account as it was: the dashboard's balances, settle-up and latest expenses at the end
//! of a chosen day (`?date=YYYY-MM-DD`) or right after a change of the history
//! (`?after=<version>`). Read-only: nothing on it posts anywhere.

use super::dashboard::{BalanceLine, Chart, balances, chart, suggestions};
use crate::domain::dates;
use crate::i18n::Lang;
use crate::read::as_of::{AsOfView, Missing, Point, as_of as read_as_of};
use crate::route;
use crate::web::account_view::{money_in, name_in};
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
    /// "Flat as it was at the end of 3 Mar 2026".
    pub title: String,
    /// "Change 12 of 40".
    pub change_of: String,
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
fn wanted(lang: Lang, raw: &RawForm, today: NaiveDate) -> Wanted {
    let date = raw.get("date").trim();
    let after = raw.get("after").trim();
    match (date.is_empty(), after.is_empty()) {
        (true, true) => Wanted::Nothing,
        (false, false) => Wanted::BadAddress(lang.t("as-of-not-both")),
        (false, true) => match dates::parse_day(date) {
            // The end of a day still to come is unknown, so such a day is refused rather than
            // shown as "now" under a future date.
            Ok(day) if day > today => {
                Wanted::BadDate(lang.t1("as-of-still-to-come", "today", lang.day(today)))
            }
            Ok(day) => Wanted::Point(Point::EndOf(day)),
            Err(e) => Wanted::BadDate(crate::i18n::Localize::localize(&e, lang)),
        },
        (true, false) => match after.parse::<i64>() {
            Ok(version) if version >= 1 && after.bytes().all(|b| b.is_ascii_digit()) => {
                Wanted::Point(Point::After(version))
            }
            _ => Wanted::BadAddress(lang.t("as-of-bad-change")),
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
    let lang = member.ctx.lang;
    let point = match wanted(lang, &raw, today) {
        Wanted::Nothing => return view::ok(&page),
        Wanted::BadDate(message) => {
            page.errors.add("date", message);
            return view::page(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
        Wanted::BadAddress(message) => {
            page.problem = Some(lang.t1("as-of-bad-address", "reason", message));
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
            let message = opened_at.map_or_else(
                || lang.t("as-of-not-opened"),
                |at| lang.t1("as-of-opened-on", "date", lang.day(at.date())),
            );
            match point {
                Point::EndOf(_) => {
                    page.errors.add("date", message);
                    view::page(StatusCode::UNPROCESSABLE_ENTITY, &page)
                }
                Point::After(_) => {
                    page.problem = Some(lang.t1("as-of-nothing", "reason", message));
                    view::page(StatusCode::NOT_FOUND, &page)
                }
            }
        }
        Err(Missing::NoSuchChange { newest }) => {
            page.problem = Some(lang.t1("as-of-no-such-change", "newest", newest));
            view::page(StatusCode::NOT_FOUND, &page)
        }
    }
}

/// The past point as the page shows it.
fn past(member: &Member, base: &str, point: Point, then: &AsOfView) -> Past {
    let currency = member.currency();
    let lang = member.ctx.lang;
    let when = match point {
        Point::EndOf(day) => lang.t1("as-of-at-end", "date", lang.day(day)),
        Point::After(version) => lang.t2(
            "as-of-right-after",
            ("version", version),
            (
                "when",
                lang.minute(then.recorded_at.and_utc(), member.user.zone),
            ),
        ),
    };
    let members = &then.members;
    Past {
        title: lang.t2(
            "as-of-title-then",
            ("name", then.account_name.as_str()),
            ("when", when.as_str()),
        ),
        change_of: lang.t2(
            "as-of-change-of",
            ("version", then.version),
            ("newest", then.newest),
        ),
        when,
        name_then: then.account_name.clone(),
        balances: balances(lang, members, member.member_id, currency),
        chart: chart(lang, members, currency),
        payments: suggestions(lang, members, currency)
            .into_iter()
            .map(|s| PastPayment { text: s.text })
            .collect(),
        latest: then
            .latest
            .iter()
            .map(|e| PastExpense {
                date: lang.day(e.date),
                description: e.description.clone(),
                payer: name_in(lang, members, e.payer),
                amount: money_in(lang, currency, e.signed_amount()),
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

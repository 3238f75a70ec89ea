//! The account dashboard: balances (table and chart), settle-up, latest expenses and the
//! add-expense form; and recording a payment between members.

use super::expense_form::{ExpenseForm, SPLIT_MODES};
use super::payment;
use crate::application::CommandError;
use crate::domain::{AccountCommand, AccountError, Currency, MemberId, Money, settle_up};
use crate::i18n::{Lang, Value};
use crate::read::dashboard::{DashboardView, dashboard as read_dashboard};
use crate::read::expense::ExpenseView;
use crate::read::members::MemberView;
use crate::route;
use crate::web::account_view::{list, load_members, money_in, name_in};
use crate::web::body::{self, BodyKey, Hole, KeptPage};
use crate::web::context::{self, Member, PageContext};
use crate::web::errors::WebError;
use crate::web::forms::{FieldErrors, RawForm};
use crate::web::routing::RouteDef;
use crate::web::state::AppState;
use crate::web::view;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

/// This module's routes.
pub fn routes() -> Vec<RouteDef> {
    vec![
        route!(get, "/accounts/{account_id}", Member, dashboard),
        route!(
            post,
            "/accounts/{account_id}/transfers",
            Member,
            record_transfer
        ),
    ]
}

/// A member's line in the balances table.
pub struct BalanceLine {
    /// Name.
    pub name: String,
    /// Whether this is the signed-in user.
    pub me: bool,
    /// Whether they left.
    pub active: bool,
    /// Paid, formatted.
    pub paid: String,
    /// Share, formatted.
    pub share: String,
    /// Net, formatted.
    pub net: String,
    /// The net without its sign, for the cards that say "owes" or "is owed" in words.
    pub net_abs: String,
    /// Sign of the net.
    pub sign: i8,
}

/// A suggested payment with the values its button posts.
pub struct Suggestion {
    /// "Kim pays Sam €12.50" in the page's language.
    pub text: String,
    /// "from Kim to Sam", for screen readers beside "Another amount".
    pub between: String,
    /// Payer's name.
    pub from: String,
    /// Receiver's name.
    pub to: String,
    /// Amount, formatted.
    pub amount: String,
    /// Form values.
    pub from_id: MemberId,
    /// Form values.
    pub to_id: MemberId,
    /// Amount as a plain decimal.
    pub amount_plain: String,
}

/// An expense in the latest list.
pub struct ExpenseLine {
    /// Date, formatted.
    pub date: String,
    /// What for.
    pub description: String,
    /// Who paid.
    pub payer: String,
    /// Amount, formatted.
    pub amount: String,
    /// Paid in another currency: "¥12,000 at 0.0062", "" otherwise.
    pub paid_in: String,
    /// Number of participants.
    pub participants: i32,
    /// Money coming in: labelled so, its amount shown negative.
    pub refund: bool,
    /// Edit link.
    pub edit_href: String,
}

/// One bar of the chart.
pub struct Bar {
    /// Name.
    pub name: String,
    /// Net, formatted.
    pub label: String,
    /// Rectangle x.
    pub x: i64,
    /// Rectangle width.
    pub width: i64,
    /// Row y.
    pub y: i64,
    /// Text baseline y.
    pub text_y: i64,
    /// Ahead or behind.
    pub positive: bool,
}

/// The chart's geometry.
pub struct Chart {
    /// Bars in member order.
    pub bars: Vec<Bar>,
    /// Total width (viewBox units).
    pub width: i64,
    /// Where the zero axis is.
    pub axis: i64,
    /// Each bar's height.
    pub bar_height: i64,
    /// Total height.
    pub height: i64,
    /// A sentence for screen readers.
    pub summary: String,
}

/// The dashboard's body, kept per account version, language and member (see `web::body`).
#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardBody {
    ctx: PageContext,
    /// Each settle-up button posts a fresh transfer id: pressing twice records once.
    new_transfer_id: &'static str,
    account_name: String,
    base: String,
    balances: Vec<BalanceLine>,
    chart: Chart,
    suggestions: Vec<Suggestion>,
    latest: Vec<ExpenseLine>,
    form: ExpenseForm,
    split_modes: &'static [(&'static str, &'static str)],
}

/// Chart geometry, narrow enough for a phone: per member a line with the name (left) and the
/// net (right), and under it a bar from the zero axis in the middle.
const WIDTH: i64 = 360;
const AXIS_X: i64 = WIDTH / 2;
const HALF_WIDTH: i64 = AXIS_X - 4;
const ROW: i64 = 44;
const BAR_HEIGHT: i64 = 14;

/// The bar chart of the members' nets.
pub(crate) fn chart(lang: Lang, members: &[MemberView], currency: Currency) -> Chart {
    let max = members
        .iter()
        .map(|m| m.net.abs())
        .max()
        .unwrap_or(0)
        .max(1);
    let bars = members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let width = (i128::from(m.net.abs()) * i128::from(HALF_WIDTH) / i128::from(max)) as i64;
            let top = i as i64 * ROW;
            Bar {
                name: m.name.clone(),
                label: money_in(lang, currency, m.net),
                x: if m.net >= 0 { AXIS_X } else { AXIS_X - width },
                width: width.max(if m.net == 0 { 0 } else { 2 }),
                y: top + 22,
                text_y: top + 16,
                positive: m.net >= 0,
            }
        })
        .collect();
    let summary: Vec<String> = members
        .iter()
        .map(|m| format!("{} {}", m.name, money_in(lang, currency, m.net)))
        .collect();
    Chart {
        bars,
        width: WIDTH,
        axis: AXIS_X,
        bar_height: BAR_HEIGHT,
        height: members.len() as i64 * ROW + 4,
        summary: lang.t1("account-chart-summary", "list", list(lang, &summary)),
    }
}

/// Settle-up suggestions from the members' nets, in joining order.
pub fn suggestions(lang: Lang, members: &[MemberView], currency: Currency) -> Vec<Suggestion> {
    let nets: Vec<(MemberId, Money)> = members.iter().map(|m| (m.id, Money(m.net))).collect();
    settle_up(&nets)
        .into_iter()
        .map(|s| {
            let from = name_in(lang, members, s.from);
            let to = name_in(lang, members, s.to);
            let amount = lang.money(s.amount, currency);
            Suggestion {
                text: pays(lang, &from, &to, &amount),
                between: lang.t2(
                    "dashboard-another-amount-between",
                    ("from", from.as_str()),
                    ("to", to.as_str()),
                ),
                from,
                to,
                amount,
                from_id: s.from,
                to_id: s.to,
                amount_plain: currency.format_plain(s.amount),
            }
        })
        .collect()
}

/// "Kim pays Sam €12.50".
fn pays(lang: Lang, from: &str, to: &str, amount: &str) -> String {
    lang.ta(
        "account-pays",
        &[
            ("from", Value::Text(from.to_owned())),
            ("to", Value::Text(to.to_owned())),
            ("amount", Value::Text(amount.to_owned())),
        ],
    )
}

/// "Kim paid Sam €12.50": a payment's summary in flash messages and on the delete page.
pub fn paid(lang: Lang, from: &str, to: &str, amount: &str) -> String {
    lang.ta(
        "account-paid",
        &[
            ("from", Value::Text(from.to_owned())),
            ("to", Value::Text(to.to_owned())),
            ("amount", Value::Text(amount.to_owned())),
        ],
    )
}

async fn dashboard(state: web::Data<AppState>, member: Member) -> Result<HttpResponse, WebError> {
    render(&state, member, StatusCode::OK).await
}

/// The balances table, in joining order.
pub(crate) fn balances(
    lang: Lang,
    members: &[MemberView],
    me: MemberId,
    currency: Currency,
) -> Vec<BalanceLine> {
    members
        .iter()
        .map(|m| BalanceLine {
            name: m.name.clone(),
            me: m.id == me,
            active: m.active,
            paid: money_in(lang, currency, m.paid),
            share: money_in(lang, currency, m.owed),
            net: money_in(lang, currency, m.net),
            net_abs: money_in(lang, currency, m.net.abs()),
            sign: m.net.signum() as i8,
        })
        .collect()
}

/// The latest expenses, each with its edit link.
fn latest_lines(
    lang: Lang,
    latest: &[ExpenseView],
    members: &[MemberView],
    currency: Currency,
    base: &str,
) -> Vec<ExpenseLine> {
    latest
        .iter()
        .map(|e| ExpenseLine {
            date: lang.day(e.date),
            description: e.description.clone(),
            payer: name_in(lang, members, e.payer),
            amount: money_in(lang, currency, e.signed_amount()),
            paid_in: e
                .paid_in
                .as_ref()
                .map(super::expense_list::paid_in_text)
                .unwrap_or_default(),
            participants: e.participant_count,
            refund: e.refund,
            edit_href: format!("{base}/expenses/{}/edit", e.id),
        })
        .collect()
}

/// The dashboard with a status: 200, or 422 with the reason a payment was refused shown
/// where the flash message goes.
async fn render(
    state: &AppState,
    member: Member,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let key = BodyKey {
        account: member.account_id,
        lang: member.ctx.lang,
        page: KeptPage::Dashboard(member.member_id),
    };
    let body = body::kept(&state.bodies, key, member.account.version, || {
        render_body(state, &member)
    })
    .await?;
    let today = state.today_for(&member.user);
    view::kept_page(
        status,
        member.ctx,
        &member.account.name,
        &body,
        today,
        view::APP_SCRIPT,
    )
}

/// The dashboard's body at the version the request read, with stand-ins for the form token,
/// today's date and the forms' fresh ids.
async fn render_body(state: &AppState, member: &Member) -> Result<String, WebError> {
    let currency = member.currency();
    let account = member.account_id;
    let view = state
        .read_cached(
            &state.views.dashboard,
            account,
            member.account.version,
            move |conn| read_dashboard(conn, account),
        )
        .await?;
    let DashboardView {
        members,
        latest,
        categories,
        last_rates,
    } = &*view;
    let base = member.base();
    let lang = member.ctx.lang;
    let balances = balances(lang, members, member.member_id, currency);
    let latest = latest_lines(lang, latest, members, currency, &base);
    let mut form = ExpenseForm::blank(
        format!("{base}/expenses"),
        member.member_id,
        members,
        categories,
        currency,
        state.today_for(&member.user),
    );
    form.expense_id = Hole::NewExpenseId.marker().to_owned();
    form.date = Hole::Today.marker().to_owned();
    form.last_rates = last_rates.clone();
    Ok(DashboardBody {
        account_name: member.account.name.clone(),
        chart: chart(lang, members, currency),
        suggestions: suggestions(lang, members, currency),
        new_transfer_id: Hole::NewTransferId.marker(),
        balances,
        latest,
        form,
        split_modes: SPLIT_MODES,
        base,
        ctx: body::context(lang),
    }
    .render()?)
}

/// A payment form that cannot be recorded: the dashboard again, with the reason.
async fn refuse(
    state: &AppState,
    mut member: Member,
    reason: String,
) -> Result<HttpResponse, WebError> {
    member.ctx.flash = Some(
        member
            .ctx
            .lang
            .t1("dashboard-payment-refused", "reason", reason),
    );
    render(state, member, StatusCode::UNPROCESSABLE_ENTITY).await
}

async fn record_transfer(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
    raw: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let raw = RawForm(raw.into_inner());
    let currency = member.currency();
    let members = load_members(&state, member.account_id).await?;
    // The payment page sends a date and shows messages beside its fields; a settle-up
    // button fills every field itself, so its refusal goes where the flash message goes.
    let from_page = raw.has("date");
    let today = state.today_for(&member.user);
    let lang = member.ctx.lang;
    let transfer = match payment::parse_payment(lang, &raw, &members, currency, today) {
        Ok(transfer) => transfer,
        Err(errors) if from_page => return payment::show_again(&member, &members, &raw, errors),
        Err(_) => {
            let reason = lang.t("dashboard-form-was-incomplete");
            return refuse(&state, member, reason).await;
        }
    };
    let details = &transfer.details;
    let summary = paid(
        lang,
        &name_in(lang, &members, details.from),
        &name_in(lang, &members, details.to),
        &lang.money(details.amount, currency),
    );
    let command = AccountCommand::RecordTransfer {
        transfer_id: transfer.transfer_id,
        details: transfer.details,
    };
    let message = match member.execute(&state, command).await {
        Ok(done) if done.recorded == 0 => lang.t1("payment-already-recorded", "summary", summary),
        Ok(_) => lang.t1("payment-recorded", "summary", summary),
        Err(CommandError::Rejected(e)) if from_page && payment::refusal_field(&e).is_some() => {
            let mut errors = FieldErrors::default();
            errors.add(payment::refusal_field(&e).unwrap_or("form"), &e);
            return payment::show_again(&member, &members, &raw, errors);
        }
        Err(CommandError::Rejected(
            e @ (AccountError::TransferToSelf | AccountError::Amount(_)),
        )) => {
            return refuse(
                &state,
                member,
                crate::i18n::Localize::localize(&e, crate::i18n::current()),
            )
            .await;
        }
        Err(e) => return Err(e.into()),
    };
    context::flash(&session, message);
    Ok(view::see_other(&member.base()))
}

//! The payments between members: the list, and correcting, deleting (after a confirmation
//! page) and restoring one, like an expense. A correction carries the revision it was made
//! from; a stale one is answered 409 with the person's values and what the other person saved.

use super::payment::{self, PaymentForm, PaymentPage};
use crate::application::CommandError;
use crate::domain::{AccountCommand, AccountError, Currency, Money, TransferDetails, TransferId};
use crate::i18n::{Lang, Value};
use crate::read::members::MemberView;
use crate::read::payments::PaymentView;
use crate::route;
use crate::web::account_view::{load_members, money_in, name_in};
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
use serde::Deserialize;

/// This module's routes.
pub fn routes() -> Vec<RouteDef> {
    vec![
        route!(get, "/accounts/{account_id}/payments", Member, list_page),
        route!(
            get,
            "/accounts/{account_id}/payments/{transfer_id}/edit",
            Member,
            edit_page
        ),
        route!(
            post,
            "/accounts/{account_id}/payments/{transfer_id}",
            Member,
            correct_payment
        ),
        route!(
            get,
            "/accounts/{account_id}/payments/{transfer_id}/delete",
            Member,
            delete_page
        ),
        route!(
            post,
            "/accounts/{account_id}/payments/{transfer_id}/delete",
            Member,
            delete_payment
        ),
        route!(
            post,
            "/accounts/{account_id}/payments/{transfer_id}/restore",
            Member,
            restore_payment
        ),
    ]
}

/// The payment part of the address; a malformed id is a 404.
#[derive(Debug, Deserialize)]
struct PaymentPath {
    transfer_id: TransferId,
}

/// One line of the list.
pub struct PaymentLine {
    /// "2026-12-01" as the expense list shows dates.
    pub date: String,
    /// Who paid.
    pub from: String,
    /// Who received it.
    pub to: String,
    /// "€20.00".
    pub amount: String,
    /// "the payment from Ben to Cleo, €20.00", for screen readers beside each action.
    pub which: String,
    /// Deleted payments are listed, marked, with Restore.
    pub deleted: bool,
    /// `/accounts/<id>/payments/<id>`.
    pub href: String,
}

/// The payments list.
#[derive(Template)]
#[template(path = "payment_list.html")]
struct PaymentListPage {
    ctx: PageContext,
    account_name: String,
    base: String,
    lines: Vec<PaymentLine>,
    back: String,
}

/// The delete confirmation page.
#[derive(Template)]
#[template(path = "payment_delete.html")]
struct DeletePaymentPage {
    ctx: PageContext,
    account_name: String,
    base: String,
    /// "Ben paid Cleo €20.00 on 1 Dec 2026. Once deleted …".
    text: String,
    deleted: bool,
    href: String,
}

fn payment_href(member: &Member, id: TransferId) -> String {
    format!("{}/payments/{id}", member.base())
}

/// "the payment from Ben to Cleo, €20.00".
pub fn payment_which(lang: Lang, from: &str, to: &str, amount: &str) -> String {
    lang.ta(
        "payments-which",
        &[
            ("from", Value::Text(from.to_owned())),
            ("to", Value::Text(to.to_owned())),
            ("amount", Value::Text(amount.to_owned())),
        ],
    )
}

/// "Ben paid Cleo €20.00".
fn summary_of(lang: Lang, row: &PaymentView, members: &[MemberView], currency: Currency) -> String {
    super::dashboard::paid(
        lang,
        &name_in(lang, members, row.from),
        &name_in(lang, members, row.to),
        &money_in(lang, currency, row.amount),
    )
}

async fn load_payment(
    state: &AppState,
    member: &Member,
    id: TransferId,
) -> Result<PaymentView, WebError> {
    let account = member.account_id;
    state
        .read(move |conn| crate::read::payments::payment(conn, account, id))
        .await?
        .ok_or(WebError::NotFound)
}

async fn list_page(state: web::Data<AppState>, member: Member) -> Result<HttpResponse, WebError> {
    let account = member.account_id;
    let members = load_members(&state, account).await?;
    let rows = state
        .read(move |conn| crate::read::payments::payments(conn, account))
        .await?;
    let currency = member.currency();
    let lang = member.ctx.lang;
    let lines = rows
        .iter()
        .map(|p| {
            let from = name_in(lang, &members, p.from);
            let to = name_in(lang, &members, p.to);
            let amount = money_in(lang, currency, p.amount);
            PaymentLine {
                which: payment_which(lang, &from, &to, &amount),
                date: lang.day(p.date),
                from,
                to,
                amount,
                deleted: p.deleted,
                href: payment_href(&member, p.id),
            }
        })
        .collect();
    let base = member.base();
    view::ok(&PaymentListPage {
        account_name: member.account.name.clone(),
        back: format!("{base}/payments"),
        base,
        lines,
        ctx: member.ctx,
    })
}

fn form_of(lang: Lang, row: &PaymentView, currency: Currency) -> PaymentForm {
    PaymentForm {
        transfer_id: row.id.to_string(),
        from: row.from.to_string(),
        to: row.to.to_string(),
        amount: lang.amount_input(Money(row.amount), currency),
        date: row.date.to_string(),
        revision: row.revision.to_string(),
        errors: FieldErrors::default(),
    }
}

async fn edit_page(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<PaymentPath>,
) -> Result<HttpResponse, WebError> {
    let row = load_payment(&state, &member, path.transfer_id).await?;
    let members = load_members(&state, member.account_id).await?;
    let form = form_of(member.ctx.lang, &row, member.currency());
    let href = payment_href(&member, row.id);
    view::ok(&PaymentPage::edit(
        &member,
        &members,
        form,
        href,
        row.deleted,
    ))
}

/// Shown above the person's own values when someone saved the payment first.
fn stale_message(lang: Lang, who: &str) -> String {
    lang.t1("payment-stale", "who", who)
}

/// "You typed €18.00; meanwhile Ben changed it to €16.00", per field that differs.
fn differences(
    lang: Lang,
    typed: &TransferDetails,
    now: &PaymentView,
    members: &[MemberView],
    currency: Currency,
    who: &str,
) -> Vec<(&'static str, String)> {
    let said = |field, yours: String, theirs: String| {
        let message = lang.ta(
            "payment-difference",
            &[
                ("yours", Value::Text(yours)),
                ("who", Value::Text(who.to_owned())),
                ("theirs", Value::Text(theirs)),
            ],
        );
        (field, message)
    };
    let mut out = Vec::new();
    if typed.amount.cents() != now.amount {
        out.push(said(
            "amount",
            lang.money(typed.amount, currency),
            money_in(lang, currency, now.amount),
        ));
    }
    if typed.from != now.from {
        out.push(said(
            "from",
            name_in(lang, members, typed.from),
            name_in(lang, members, now.from),
        ));
    }
    if typed.to != now.to {
        out.push(said(
            "to",
            name_in(lang, members, typed.to),
            name_in(lang, members, now.to),
        ));
    }
    if typed.date != now.date {
        // As the date field holds them (`2026-01-02`), beside that field.
        out.push(said("date", typed.date.to_string(), now.date.to_string()));
    }
    out
}

async fn correct_payment(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
    path: web::Path<PaymentPath>,
    raw: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let id = path.transfer_id;
    let row = load_payment(&state, &member, id).await?;
    let raw = RawForm(raw.into_inner());
    let currency = member.currency();
    let members = load_members(&state, member.account_id).await?;
    let href = payment_href(&member, id);
    let show_again = |errors: FieldErrors, status: StatusCode, deleted: bool| {
        let form = PaymentForm::from_raw(&raw, errors);
        let page = PaymentPage::edit(&member, &members, form, href.clone(), deleted);
        view::page(status, &page)
    };
    let today = chrono::Utc::now().date_naive();
    let lang = member.ctx.lang;
    let parsed = match payment::parse_payment(lang, &raw, &members, currency, today) {
        Ok(parsed) => parsed,
        Err(errors) => return show_again(errors, StatusCode::UNPROCESSABLE_ENTITY, row.deleted),
    };
    // Without the revision the editor saw, a save could silently undo someone else's.
    let revision = raw.get("revision").parse::<u32>().ok();
    let (true, Some(expected_revision)) = (parsed.transfer_id == id, revision) else {
        let mut errors = FieldErrors::default();
        errors.add("form", lang.t("account-form-incomplete"));
        return show_again(errors, StatusCode::UNPROCESSABLE_ENTITY, row.deleted);
    };
    let typed = parsed.details.clone();
    let summary = super::dashboard::paid(
        lang,
        &name_in(lang, &members, typed.from),
        &name_in(lang, &members, typed.to),
        &lang.money(typed.amount, currency),
    );
    let command = AccountCommand::CorrectTransfer {
        transfer_id: id,
        details: parsed.details,
        expected_revision: Some(expected_revision),
    };
    match member.execute(&state, command).await {
        Ok(done) => {
            let key = if done.recorded == 0 {
                "payment-nothing-changed"
            } else {
                "payment-saved"
            };
            context::flash(&session, lang.t1(key, "summary", summary));
            Ok(view::see_other(&format!("{}/payments", member.base())))
        }
        Err(CommandError::Rejected(AccountError::StaleTransfer { .. })) => {
            let account = member.account_id;
            let (now, by) = state
                .read(move |conn| {
                    let now = crate::read::payments::payment(conn, account, id)?;
                    let by = crate::read::payments::last_changed_by(conn, account, id)?;
                    Ok((now, by))
                })
                .await?;
            let now = now.ok_or(WebError::NotFound)?;
            let who = by
                .and_then(|user| members.iter().find(|m| m.user_id == Some(user)))
                .map(|m| m.name.clone())
                .unwrap_or_else(|| lang.t("account-someone"));
            let mut form = PaymentForm::from_raw(&raw, FieldErrors::default());
            // Saving again replaces the other version knowingly.
            form.revision = now.revision.to_string();
            form.errors.add("form", stale_message(lang, &who));
            for (field, message) in differences(lang, &typed, &now, &members, currency, &who) {
                form.errors.add(field, message);
            }
            let page = PaymentPage::edit(&member, &members, form, href.clone(), now.deleted);
            view::page(StatusCode::CONFLICT, &page)
        }
        Err(CommandError::Rejected(AccountError::UnknownTransfer)) => Err(WebError::NotFound),
        Err(CommandError::Rejected(e)) => {
            let mut errors = FieldErrors::default();
            errors.add(payment::refusal_field(&e).unwrap_or("form"), &e);
            show_again(errors, StatusCode::UNPROCESSABLE_ENTITY, row.deleted)
        }
        Err(e) => Err(e.into()),
    }
}

async fn delete_page(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<PaymentPath>,
) -> Result<HttpResponse, WebError> {
    let row = load_payment(&state, &member, path.transfer_id).await?;
    let members = load_members(&state, member.account_id).await?;
    let lang = member.ctx.lang;
    view::ok(&DeletePaymentPage {
        account_name: member.account.name.clone(),
        base: member.base(),
        text: lang.t2(
            if row.deleted {
                "payments-already-deleted-text"
            } else {
                "payments-delete-text"
            },
            (
                "summary",
                summary_of(lang, &row, &members, member.currency()),
            ),
            ("date", lang.day(row.date)),
        ),
        deleted: row.deleted,
        href: payment_href(&member, row.id),
        ctx: member.ctx,
    })
}

/// Runs a delete or restore on a payment of this account: its summary for the flash
/// message (read first, so an unknown id is a 404) and how many events were recorded.
async fn run_on_payment(
    state: &AppState,
    member: &Member,
    id: TransferId,
    command: AccountCommand,
) -> Result<(String, usize), WebError> {
    let row = load_payment(state, member, id).await?;
    let members = load_members(state, member.account_id).await?;
    let summary = summary_of(member.ctx.lang, &row, &members, member.currency());
    let done = member.execute(state, command).await?;
    Ok((summary, done.recorded))
}

async fn delete_payment(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
    path: web::Path<PaymentPath>,
) -> Result<HttpResponse, WebError> {
    let transfer_id = path.transfer_id;
    let command = AccountCommand::DeleteTransfer { transfer_id };
    let (summary, recorded) = run_on_payment(&state, &member, transfer_id, command).await?;
    let lang = member.ctx.lang;
    let message = if recorded == 0 {
        lang.t1("payments-already-deleted", "summary", summary)
    } else {
        lang.t1("payments-deleted", "summary", summary)
    };
    context::flash(&session, message);
    Ok(view::see_other(&format!("{}/payments", member.base())))
}

async fn restore_payment(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
    path: web::Path<PaymentPath>,
    raw: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let transfer_id = path.transfer_id;
    let command = AccountCommand::RestoreTransfer { transfer_id };
    let (summary, recorded) = run_on_payment(&state, &member, transfer_id, command).await?;
    let raw = RawForm(raw.into_inner());
    let lang = member.ctx.lang;
    let message = if recorded == 0 {
        lang.t1("payments-not-deleted", "summary", summary)
    } else {
        lang.t1("payments-restored", "summary", summary)
    };
    context::flash(&session, message);
    let back = raw.get("back");
    let to = if view::is_local_path(back) {
        back.to_owned()
    } else {
        format!("{}/payments", member.base())
    };
    Ok(view::see_other(&to))
}

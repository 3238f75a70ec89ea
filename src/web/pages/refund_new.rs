//! Recording a refund (money coming in: a deposit returned, a utility credit): the expense
//! form with "received by", and the `RecordRefund` command. Its corrections, deletions and
//! restorations are the expense pages'.

use super::expense_form::{ExpenseForm, SPLIT_MODES, field_of, parse_expense_in};
use crate::application::CommandError;
use crate::domain::{AccountCommand, AccountError, ExpenseId};
use crate::i18n::{Lang, Value};
use crate::route;
use crate::web::account_view::load_roster;
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
        route!(
            get,
            "/accounts/{account_id}/refunds/new",
            Member,
            new_refund_page
        ),
        route!(
            post,
            "/accounts/{account_id}/refunds",
            Member,
            record_refund
        ),
    ]
}

/// The "Record a refund" page (also shown again with messages).
#[derive(Template)]
#[template(path = "refund_new.html")]
struct NewRefundPage {
    ctx: PageContext,
    account_name: String,
    base: String,
    form: ExpenseForm,
    split_modes: &'static [(&'static str, &'static str)],
}

fn page(member: &Member, form: ExpenseForm, status: StatusCode) -> Result<HttpResponse, WebError> {
    view::page(
        status,
        &NewRefundPage {
            base: member.base(),
            account_name: member.account.name.clone(),
            ctx: member.ctx.clone(),
            form,
            split_modes: SPLIT_MODES,
        },
    )
}

/// The expense form made a refund's: its own address and button, and no repeating.
fn as_refund(mut form: ExpenseForm, member: &Member) -> ExpenseForm {
    form.action = format!("{}/refunds", member.base());
    form.submit = member.ctx.lang.t("refund-new-submit");
    form.refund = true;
    form.repeat_offered = false;
    form
}

async fn new_refund_page(
    state: web::Data<AppState>,
    member: Member,
) -> Result<HttpResponse, WebError> {
    let roster = load_roster(&state, &member).await?;
    let (members, categories) = (&roster.members, &roster.categories);
    let mut form = ExpenseForm::blank(
        String::new(),
        member.member_id,
        members,
        categories,
        member.currency(),
        state.today_for(&member.user),
    );
    form.last_rates = crate::web::account_view::load_last_rates(&state, member.account_id).await?;
    page(&member, as_refund(form, &member), StatusCode::OK)
}

/// The expense form's messages, speaking of the money received.
fn for_refund(lang: Lang, errors: FieldErrors) -> FieldErrors {
    let mut out = FieldErrors::default();
    if errors.has("payer") && !errors.has("form") {
        out.add("payer", lang.t("refund-new-choose-receiver"));
    }
    out.extend(errors);
    out
}

/// Where a refused refund's message goes.
fn refusal(lang: Lang, e: AccountError) -> FieldErrors {
    let mut errors = FieldErrors::default();
    match e {
        AccountError::ExpenseIdTaken => errors.add("form", lang.t("refund-new-id-used")),
        AccountError::PayerInactive => errors.add("payer", lang.t("refund-new-moved-out")),
        e => errors.add(field_of(&e), &e),
    }
    errors
}

async fn record_refund(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
    raw: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let raw =
        crate::web::account_view::fill_rate(&state, &member, RawForm(raw.into_inner())).await?;
    let currency = member.currency();
    let lang = member.ctx.lang;
    let roster = load_roster(&state, &member).await?;
    let (members, categories) = (&roster.members, &roster.categories);
    let show_again = |errors: FieldErrors| {
        let form = ExpenseForm::from_raw(String::new(), &raw, members, categories, currency);
        let mut form = as_refund(form, &member);
        if errors.has("form") && form.expense_id.parse::<ExpenseId>().is_ok() {
            // This form's id is used up (sent before with other values): offer a fresh one.
            form.expense_id = ExpenseId::new().to_string();
        }
        form.errors = errors;
        page(&member, form, StatusCode::UNPROCESSABLE_ENTITY)
    };
    let parsed = match parse_expense_in(lang, &raw, members, categories, currency) {
        Ok(parsed) => parsed,
        Err(errors) => return show_again(for_refund(lang, errors)),
    };
    // The form has no revision field; one sent anyway means nothing when recording.
    let summary = [
        (
            "amount",
            Value::Text(lang.money(parsed.details.amount, currency)),
        ),
        (
            "name",
            Value::Text(crate::web::account_view::name_of(
                members,
                parsed.details.payer,
            )),
        ),
        (
            "description",
            Value::Text(parsed.details.description.to_string()),
        ),
    ];
    let command = AccountCommand::RecordRefund {
        expense_id: parsed.id,
        details: parsed.details,
    };
    match member.execute(&state, command).await {
        Ok(done) => {
            let key = if done.recorded == 0 {
                "refund-new-already-recorded"
            } else {
                "refund-new-recorded"
            };
            let message = lang.ta(key, &summary);
            context::flash(&session, message);
            Ok(view::see_other(&format!("{}/expenses", member.base())))
        }
        Err(CommandError::Rejected(e)) => show_again(refusal(lang, e)),
        Err(e) => Err(e.into()),
    }
}

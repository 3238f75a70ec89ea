//! Recording a payment between two members — a repayment of any amount, not only a
//! suggested settle-up: the form, and reading it into a transfer with a message per field.
//! The form posts to the dashboard's `/transfers` route, which the settle-up buttons use too.

use crate::domain::{AccountError, Currency, MemberId, Money, TransferDetails, TransferId, dates};
use crate::i18n::Lang;
use crate::read::members::MemberView;
use crate::route;
use crate::web::account_view::{find_member, load_members};
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
use serde::Deserialize;

/// This module's routes.
pub fn routes() -> Vec<RouteDef> {
    vec![route!(
        get,
        "/accounts/{account_id}/payments/new",
        Member,
        new_payment
    )]
}

/// A member the payment can be from or to.
pub struct PartyChoice {
    /// Member id.
    pub id: String,
    /// Name, with "(left)" for someone who moved out.
    pub name: String,
}

/// The payment form's values as typed.
pub struct PaymentForm {
    /// A fresh id: sending the form twice records one payment.
    pub transfer_id: String,
    /// Who paid.
    pub from: String,
    /// Who received it.
    pub to: String,
    /// The amount as typed.
    pub amount: String,
    /// The date as typed.
    pub date: String,
    /// The revision an edit was made from (empty on the new-payment page).
    pub revision: String,
    /// A message per field.
    pub errors: FieldErrors,
}

/// The "Record a payment" page.
#[derive(Template)]
#[template(path = "payment_new.html")]
pub struct PaymentPage {
    ctx: PageContext,
    account_name: String,
    base: String,
    currency_code: String,
    /// An amount as the person would type it in their language, for the hint.
    example: String,
    parties: Vec<PartyChoice>,
    form: PaymentForm,
    /// "Record a payment" or "Edit a payment".
    heading: String,
    /// Where the form posts.
    action: String,
    /// The button's words.
    submit: String,
    /// The edit page (carries the revision, offers Delete).
    editing: bool,
    /// The payment being edited is deleted.
    deleted: bool,
    /// `/accounts/<id>/payments/<id>` when editing.
    href: String,
}

impl PaymentPage {
    /// The edit page of a stored payment around `form`.
    pub fn edit(
        member: &Member,
        members: &[MemberView],
        form: PaymentForm,
        href: String,
        deleted: bool,
    ) -> Self {
        let lang = member.ctx.lang;
        PaymentPage {
            ctx: member.ctx.clone(),
            account_name: member.account.name.clone(),
            base: member.base(),
            currency_code: member.currency().code().to_owned(),
            example: example(lang, member.currency()),
            parties: parties(lang, members),
            form,
            heading: lang.t("payment-heading-edit"),
            action: href.clone(),
            submit: lang.t("payment-submit-edit"),
            editing: true,
            deleted,
            href,
        }
    }
}

/// Values the settle-up list can pass to prefill the form (a partial repayment).
#[derive(Debug, Default, Deserialize)]
struct Prefill {
    from: Option<String>,
    to: Option<String>,
    amount: Option<String>,
}

/// Everyone can pay or be paid, including members who moved out (settling up is how they
/// leave square), in joining order.
fn parties(lang: Lang, members: &[MemberView]) -> Vec<PartyChoice> {
    members
        .iter()
        .map(|m| PartyChoice {
            id: m.id.to_string(),
            name: if m.active {
                m.name.clone()
            } else {
                format!("{} {}", m.name, lang.t("account-left"))
            },
        })
        .collect()
}

/// Twenty in the currency, as the person would type it: `20.00`, `20,00`, `20`.
fn example(lang: Lang, currency: Currency) -> String {
    let twenty = 20 * 10_i64.pow(u32::from(currency.minor_units()));
    lang.amount_input(Money(twenty), currency)
}

async fn new_payment(
    state: web::Data<AppState>,
    member: Member,
    query: web::Query<Prefill>,
) -> Result<HttpResponse, WebError> {
    let members = load_members(&state, member.account_id).await?;
    let prefill = query.into_inner();
    let lang = member.ctx.lang;
    let currency = member.currency();
    let known = |typed: Option<String>| {
        typed
            .filter(|id| find_member(&members, id).is_some())
            .unwrap_or_default()
    };
    let form = PaymentForm {
        transfer_id: TransferId::new().to_string(),
        from: match known(prefill.from) {
            none if none.is_empty() => member.member_id.to_string(),
            id => id,
        },
        to: known(prefill.to),
        // The settle-up list passes the plain form (`1.500` is one and a half dinars, not
        // 1500); the field shows it as the person types.
        amount: prefill
            .amount
            .and_then(|a| currency.parse_amount(&a).ok())
            .map(|a| lang.amount_input(a, currency))
            .unwrap_or_default(),
        date: state.today_for(&member.user).to_string(),
        revision: String::new(),
        errors: FieldErrors::default(),
    };
    render(&member, &members, form, StatusCode::OK)
}

fn render(
    member: &Member,
    members: &[MemberView],
    form: PaymentForm,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let lang = member.ctx.lang;
    view::page(
        status,
        &PaymentPage {
            ctx: member.ctx.clone(),
            account_name: member.account.name.clone(),
            base: member.base(),
            currency_code: member.currency().code().to_owned(),
            example: example(lang, member.currency()),
            parties: parties(lang, members),
            form,
            heading: lang.t("payment-heading-new"),
            action: format!("{}/transfers", member.base()),
            submit: lang.t("payment-submit-new"),
            editing: false,
            deleted: false,
            href: String::new(),
        },
    )
}

/// The payment form again, 422, with the person's values and a message per field.
pub fn show_again(
    member: &Member,
    members: &[MemberView],
    raw: &RawForm,
    errors: FieldErrors,
) -> Result<HttpResponse, WebError> {
    let form = PaymentForm::from_raw(raw, errors);
    render(member, members, form, StatusCode::UNPROCESSABLE_ENTITY)
}

impl PaymentForm {
    /// The values as the person typed them, with these messages.
    pub fn from_raw(raw: &RawForm, errors: FieldErrors) -> Self {
        PaymentForm {
            transfer_id: raw.get("transfer_id").to_owned(),
            from: raw.get("from").to_owned(),
            to: raw.get("to").to_owned(),
            amount: raw.get("amount").to_owned(),
            date: raw.get("date").to_owned(),
            revision: raw.get("revision").to_owned(),
            errors,
        }
    }
}

/// A payment once read.
pub struct ParsedPayment {
    /// Its id.
    pub transfer_id: TransferId,
    /// From, to, amount, date.
    pub details: TransferDetails,
}

/// Reads a payment: from the payment page (every field, the date included) or a settle-up
/// button (no date: today). A message per field.
pub fn parse_payment(
    lang: Lang,
    raw: &RawForm,
    members: &[MemberView],
    currency: Currency,
    today: NaiveDate,
) -> Result<ParsedPayment, FieldErrors> {
    let mut errors = FieldErrors::default();
    let transfer_id = raw.get("transfer_id").parse::<TransferId>().ok();
    if transfer_id.is_none() {
        errors.add("form", lang.t("account-form-incomplete"));
    }
    let mut party = |field: &str, message: String| -> Option<MemberId> {
        let found = find_member(members, raw.get(field)).map(|m| m.id);
        if found.is_none() {
            errors.add(field, message);
        }
        found
    };
    let from = party("from", lang.t("payment-choose-from"));
    let to = party("to", lang.t("payment-choose-to"));
    // The same member twice is the rule's to refuse (`TransferToSelf`), beside "to".
    let amount = errors.take(
        "amount",
        crate::i18n::parse_amount(lang, currency, raw.get("amount")),
    );
    let date = match raw.get("date").trim() {
        "" => Some(today),
        typed => errors.take("date", dates::parse_day(typed)),
    };
    match (transfer_id, from, to, amount, date) {
        (Some(transfer_id), Some(from), Some(to), Some(amount), Some(date))
            if errors.is_empty() =>
        {
            Ok(ParsedPayment {
                transfer_id,
                details: TransferDetails {
                    from,
                    to,
                    amount,
                    date,
                },
            })
        }
        _ => Err(errors),
    }
}

/// Where a refused payment's message goes on the form, for the refusals it can explain.
pub fn refusal_field(error: &AccountError) -> Option<&'static str> {
    Some(match error {
        AccountError::TransferToSelf => "to",
        AccountError::Amount(_) => "amount",
        AccountError::DateOutOfRange(_) => "date",
        AccountError::UnknownMember => "from",
        AccountError::TransferIdTaken | AccountError::TransferIsDeleted => "form",
        _ => return None,
    })
}

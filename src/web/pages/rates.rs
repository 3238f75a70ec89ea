//! Exchange rates for expenses paid in another currency: a member uploads the ECB's
//! reference-rates CSV; an expense form left without a rate then takes the one for its date.

use crate::application::rates;
use crate::i18n::{Lang, Value};
use crate::import::ecb;
use crate::read::rates::{LOOK_BACK_DAYS, RatesLoaded, loaded};
use crate::route;
use crate::web::context::{self, Member, PageContext};
use crate::web::errors::WebError;
use crate::web::routing::RouteDef;
use crate::web::state::AppState;
use crate::web::upload::UploadForm;
use crate::web::view;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

/// This module's routes.
pub fn routes() -> Vec<RouteDef> {
    vec![
        route!(get, "/accounts/{account_id}/rates", Member, rates_page),
        route!(post, "/accounts/{account_id}/rates", Member, upload_rates),
    ]
}

/// The rates page.
#[derive(Template)]
#[template(path = "rates.html")]
struct RatesPage {
    ctx: PageContext,
    account_name: String,
    base: String,
    /// What is loaded, in a sentence; `None` when nothing is.
    loaded: Option<String>,
    look_back: u64,
    error: String,
}

/// "Loaded: 3 days, from 3 Jun 2024 to 14 Jun 2024; currencies on the last day: …".
fn loaded_sentence(l: &RatesLoaded, currency_code: &str, lang: Lang) -> String {
    lang.ta(
        "rates-loaded",
        &[
            ("days", Value::Count(l.days)),
            ("days_shown", Value::Text(lang.number(l.days))),
            ("first", Value::Text(lang.day(l.first))),
            ("last", Value::Text(lang.day(l.last))),
            ("currencies", Value::Text(l.currencies.join(", "))),
            ("currency", Value::Text(currency_code.to_owned())),
        ],
    )
}

async fn render(
    state: &AppState,
    member: &Member,
    status: StatusCode,
    error: String,
) -> Result<HttpResponse, WebError> {
    let account = member.account_id;
    let loaded = state.read(move |conn| loaded(conn, account)).await?;
    let lang = member.ctx.lang;
    let currency_code = member.currency().code().to_owned();
    view::page(
        status,
        &RatesPage {
            ctx: member.ctx.clone(),
            account_name: member.account.name.clone(),
            base: member.base(),
            loaded: loaded.map(|l| loaded_sentence(&l, &currency_code, lang)),
            look_back: LOOK_BACK_DAYS,
            error,
        },
    )
}

async fn rates_page(state: web::Data<AppState>, member: Member) -> Result<HttpResponse, WebError> {
    render(&state, &member, StatusCode::OK, String::new()).await
}

async fn upload_rates(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let form = UploadForm::of(&req)?;
    let lang = member.ctx.lang;
    let Some((_, bytes)) = form.file("file") else {
        let message = lang.t("rates-error-no-file");
        return render(&state, &member, StatusCode::UNPROCESSABLE_ENTITY, message).await;
    };
    let parsed = match ecb::parse(&bytes) {
        Ok(parsed) => parsed,
        Err(e) => {
            let message = crate::web::forms::sentence(&lang.t1(
                "rates-error-unusable",
                "reason",
                crate::i18n::Localize::localize(&e, lang),
            ));
            return render(&state, &member, StatusCode::UNPROCESSABLE_ENTITY, message).await;
        }
    };
    let account = member.account_id;
    let days = parsed.days.len();
    let currencies = parsed.currencies().len();
    state
        .db(move |conn| Ok(rates::store(conn, account, &parsed)?))
        .await?;
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    context::flash(
        &session,
        lang.ta(
            "rates-stored",
            &[
                ("days", Value::Count(count(days))),
                ("days_shown", Value::Text(lang.number(count(days)))),
                ("currencies", Value::Count(count(currencies))),
            ],
        ),
    );
    Ok(view::see_other(&format!("{}/rates", member.base())))
}

//! Exchange rates for expenses paid in another currency: a member uploads the ECB's
//! reference-rates CSV; an expense form left without a rate then takes the one for its date.

use crate::application::rates;
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
    currency_code: String,
    loaded: Option<RatesLoaded>,
    look_back: u64,
    error: String,
}

async fn render(
    state: &AppState,
    member: &Member,
    status: StatusCode,
    error: String,
) -> Result<HttpResponse, WebError> {
    let account = member.account_id;
    let loaded = state.read(move |conn| loaded(conn, account)).await?;
    view::page(
        status,
        &RatesPage {
            ctx: member.ctx.clone(),
            account_name: member.account.name.clone(),
            base: member.base(),
            currency_code: member.currency().code().to_owned(),
            loaded,
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
    let Some((_, bytes)) = form.file("file") else {
        let message = "Choose the ECB's rates file (eurofxref-hist.csv or eurofxref.csv).";
        return render(
            &state,
            &member,
            StatusCode::UNPROCESSABLE_ENTITY,
            message.into(),
        )
        .await;
    };
    let parsed = match ecb::parse(&bytes) {
        Ok(parsed) => parsed,
        Err(e) => {
            let message = crate::web::forms::sentence(&format!("This file cannot be used: {e}"));
            return render(&state, &member, StatusCode::UNPROCESSABLE_ENTITY, message).await;
        }
    };
    let account = member.account_id;
    let days = parsed.days.len();
    let currencies = parsed.currencies().len();
    state
        .db(move |conn| Ok(rates::store(conn, account, &parsed)?))
        .await?;
    context::flash(
        &session,
        format!("Rates of {days} day(s) for {currencies} currencies loaded."),
    );
    Ok(view::see_other(&format!("{}/rates", member.base())))
}

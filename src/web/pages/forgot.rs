//! "Forgot your password?": mails the same one-time link as `tally reset-password`, when an
//! SMTP server is configured (otherwise the page does not exist). The answer is the same
//! whether an account has the address or not, and comes before anything is looked up: the
//! lookup and the mail happen in the background, so neither the words nor the time tell a
//! stranger which addresses have accounts. Every request counts against the sign-in
//! throttle's buckets for the address and the client first.

use crate::i18n::Lang;
use crate::identity::throttle;
use crate::identity::{self, Email, reset};
use crate::route;
use crate::web::client::ClientAddr;
use crate::web::context::{self, PageContext};
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
        route!(get, "/forgot", Public, forgot_page),
        route!(post, "/forgot", Public, send_link),
    ]
}

/// The page asking for the address.
#[derive(Template)]
#[template(path = "forgot.html")]
struct ForgotPage {
    ctx: PageContext,
    email: String,
    errors: FieldErrors,
}

async fn forgot_page(
    state: web::Data<AppState>,
    ctx: PageContext,
) -> Result<HttpResponse, WebError> {
    if state.mailer.is_none() {
        return Err(WebError::NotFound);
    }
    view::ok(&ForgotPage {
        ctx,
        email: String::new(),
        errors: FieldErrors::default(),
    })
}

async fn send_link(
    state: web::Data<AppState>,
    session: Session,
    ctx: PageContext,
    client: ClientAddr,
    raw: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    if state.mailer.is_none() {
        return Err(WebError::NotFound);
    }
    let raw = RawForm(raw.into_inner());
    let lang = ctx.lang;
    let mut errors = FieldErrors::default();
    let Some(email) = errors.take("email", Email::parse(raw.get("email"))) else {
        return view::page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ForgotPage {
                ctx,
                email: raw.get("email").to_owned(),
                errors,
            },
        );
    };
    let window = state.sign_in_window;
    let key = email.key();
    let allowed = state
        .db(move |conn| {
            let buckets = throttle::sign_in_buckets(&key, client.0, None);
            Ok(throttle::reserve(conn, &buckets, window)?)
        })
        .await?;
    if !allowed {
        return Err(WebError::TooManyRequests);
    }
    let background = state.clone();
    actix_web::rt::spawn(async move {
        if let Err(e) = mail_link(&background, email, lang).await {
            tracing::warn!(error = %e, "could not mail a password reset link");
        }
    });
    // The one answer to every well-formed request.
    context::flash(&session, lang.t("forgot-sent"));
    Ok(view::see_other("/signin"))
}

/// Makes a reset link for the address's user, if there is one, and mails it: in their own
/// language, else in the one the link was asked for in.
async fn mail_link(state: &AppState, email: Email, asked_in: Lang) -> anyhow::Result<()> {
    let Some(mailer) = state.mailer.clone() else {
        return Ok(());
    };
    let now = state.clock.now();
    let found = state
        .db(move |conn| {
            let Some(user) = identity::find_by_email(conn, &email)? else {
                return Ok(None);
            };
            let token = reset::create(conn, user.id(), now)?;
            Ok(Some((user, token)))
        })
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let Some((user, token)) = found else {
        return Ok(());
    };
    let link = format!("{}/reset?token={token}", state.public_url.as_str());
    let user_id = user.id();
    let lang = user.language().unwrap_or(asked_in);
    web::block(move || {
        mailer.send_reset_link(
            lang,
            &user.email,
            &user.display_name,
            &link,
            reset::VALID_FOR_MINUTES,
        )
    })
    .await??;
    tracing::info!(user = %user_id, "mailed a password reset link");
    Ok(())
}

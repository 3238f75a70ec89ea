//! Setting a new password through a one-time link from `tally reset-password EMAIL`. The page
//! says nothing about any account: a link is valid or it is not. Every attempt counts against
//! the client's sign-in throttle before anything is hashed.

use crate::i18n::Lang;
use crate::identity::password::{self, NewPassword};
use crate::identity::reset;
use crate::identity::throttle::{self, Bucket};
use crate::route;
use crate::web::client::ClientAddr;
use crate::web::context::{self, PageContext};
use crate::web::errors::WebError;
use crate::web::forms::FieldErrors;
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
        route!(get, "/reset", Public, reset_page),
        route!(post, "/reset", Public, reset_password),
    ]
}

/// The command that makes a reset link, shown as code in the page's words.
const COMMAND: &str = "tally reset-password";

/// Shown for a link that is unknown, used, replaced or expired; `forgot` when a new link can
/// be mailed.
fn not_valid(lang: Lang, forgot: bool) -> String {
    let what_to_do = if forgot {
        lang.t("reset-ask-forgot-page")
    } else {
        lang.t("reset-ask-admin-short")
    };
    format!("{} {what_to_do}", lang.t("reset-not-valid"))
}

/// The advice to ask the server's administrator, split around the command (which the page
/// shows as code) wherever the language puts it.
fn admin_hint(lang: Lang) -> (String, String) {
    const MARK: &str = "\u{1}";
    let text = lang.t1("reset-ask-admin", "command", MARK);
    match text.split_once(MARK) {
        Some((before, after)) => (before.to_owned(), after.to_owned()),
        None => (text, String::new()),
    }
}

/// The reset page: the new-password form, or why the link does not work.
#[derive(Template)]
#[template(path = "reset.html")]
struct ResetPage {
    ctx: PageContext,
    token: String,
    valid: bool,
    errors: FieldErrors,
    /// Whether a new link can be asked for by mail (`/forgot`).
    forgot: bool,
    /// The advice to ask the administrator, before and after the command.
    admin_hint: (String, String),
}

#[derive(Debug, Default, Deserialize)]
struct TokenQuery {
    #[serde(default)]
    token: String,
}

async fn reset_page(
    state: web::Data<AppState>,
    ctx: PageContext,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, WebError> {
    let token = query.into_inner().token;
    let lookup = token.clone();
    let now = state.clock.now();
    let valid = !token.is_empty()
        && state
            .db(move |conn| Ok(reset::user_for(conn, &lookup, now)?.is_some()))
            .await?;
    view::ok(&ResetPage {
        admin_hint: admin_hint(ctx.lang),
        ctx,
        token,
        valid,
        errors: FieldErrors::default(),
        forgot: state.mailer.is_some(),
    })
}

#[derive(Deserialize)]
struct ResetForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

/// What became of a reset attempt.
enum Outcome {
    Done,
    NotValid,
    Throttled,
}

async fn reset_password(
    state: web::Data<AppState>,
    session: Session,
    ctx: PageContext,
    client: ClientAddr,
    form: web::Form<ResetForm>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let forgot = state.mailer.is_some();
    let again = |ctx: PageContext, valid: bool, errors: FieldErrors, token: String| {
        view::page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ResetPage {
                admin_hint: admin_hint(ctx.lang),
                ctx,
                token,
                valid,
                errors,
                forgot,
            },
        )
    };
    let lang = ctx.lang;
    let mut errors = FieldErrors::default();
    let new = errors.take("new_password", NewPassword::parse(&form.new_password));
    if new.is_some() && form.new_password != form.confirm_password {
        errors.add("confirm_password", lang.t("auth-passwords-differ"));
    }
    let Some(new) = new.filter(|_| errors.is_empty()) else {
        return again(ctx, true, errors, form.token);
    };
    let window = state.sign_in_window;
    let clock = state.clock.clone();
    let token = form.token.clone();
    let outcome = state
        .db(move |conn| {
            if !throttle::reserve(conn, &[Bucket::client(client.0)], window)? {
                return Ok(Outcome::Throttled);
            }
            let now = clock.now();
            // Hashing is slow on purpose: only for a link that works.
            if token.is_empty() || reset::user_for(conn, &token, now)?.is_none() {
                return Ok(Outcome::NotValid);
            }
            let hash = password::hash(new.expose())
                .map_err(|e| WebError::internal(anyhow::anyhow!("{e}")))?;
            Ok(match reset::consume(conn, &token, &hash, now)? {
                Some(_) => Outcome::Done,
                None => Outcome::NotValid,
            })
        })
        .await?;
    match outcome {
        Outcome::Done => {
            context::flash(&session, lang.t("reset-done"));
            Ok(view::see_other("/signin"))
        }
        Outcome::Throttled => Err(WebError::TooManyRequests),
        Outcome::NotValid => {
            let mut errors = FieldErrors::default();
            errors.add("form", not_valid(lang, forgot));
            again(ctx, false, errors, form.token)
        }
    }
}

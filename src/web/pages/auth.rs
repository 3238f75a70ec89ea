//! Register, sign in, sign out.

use crate::domain::MemberName;
use crate::identity::{self, Email, password};
use crate::route;
use crate::web::context::{self, PageContext, SignedIn};
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
        route!(get, "/signup", Public, signup_page),
        route!(post, "/signup", Public, signup),
        route!(get, "/signin", Public, signin_page),
        route!(post, "/signin", Public, signin),
        route!(post, "/signout", Public, signout),
        route!(get, "/settings/password", SignedIn, password_page),
        route!(post, "/settings/password", SignedIn, change_password),
    ]
}

/// Failed sign-ins for one address within a minute before it is locked for a while.
pub const MAX_FAILURES_PER_MINUTE: i64 = 5;

/// The longest throttling key stored (the column holds 254 characters, like an address).
const MAX_KEY_CHARS: usize = 254;

/// What failures are counted under: the typed address, trimmed and lower-cased, cut to
/// what the column holds (anything longer is no address anyway).
fn throttle_key(typed_email: &str) -> String {
    typed_email
        .trim()
        .to_lowercase()
        .chars()
        .take(MAX_KEY_CHARS)
        .collect()
}

#[derive(Debug, Default, Deserialize)]
struct NextQuery {
    next: Option<String>,
}

fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if view::is_local_path(n) => n.to_owned(),
        _ => "/".to_owned(),
    }
}

/// The registration page.
#[derive(Template)]
#[template(path = "signup.html")]
struct SignupPage {
    ctx: PageContext,
    email: String,
    display_name: String,
    next: String,
    errors: FieldErrors,
}

/// The sign-in page.
#[derive(Template)]
#[template(path = "signin.html")]
struct SigninPage {
    ctx: PageContext,
    email: String,
    next: String,
    error: String,
}

async fn signup_page(
    ctx: PageContext,
    query: web::Query<NextQuery>,
) -> Result<HttpResponse, WebError> {
    if ctx.user.is_some() {
        return Ok(view::see_other(&safe_next(query.next.as_deref())));
    }
    view::ok(&SignupPage {
        ctx,
        email: String::new(),
        display_name: String::new(),
        next: safe_next(query.next.as_deref()),
        errors: FieldErrors::default(),
    })
}

#[derive(Deserialize)]
struct SignupForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: Option<String>,
}

async fn signup(
    state: web::Data<AppState>,
    session: Session,
    ctx: PageContext,
    form: web::Form<SignupForm>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let next = safe_next(form.next.as_deref());
    let mut errors = FieldErrors::default();
    let email = errors.take("email", Email::parse(&form.email));
    let name = errors.take("display_name", MemberName::parse(&form.display_name));
    let password = errors.take("password", password::NewPassword::parse(&form.password));
    let (Some(email), Some(name), Some(password)) = (email, name, password) else {
        return view::page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &SignupPage {
                ctx,
                email: form.email,
                display_name: form.display_name,
                next,
                errors,
            },
        );
    };
    let outcome = state
        .db(move |conn| {
            let hash = password::hash(password.expose())
                .map_err(|e| WebError::internal(anyhow::anyhow!("{e}")))?;
            match identity::register(conn, &email, &name, &hash) {
                Ok(user) => Ok(Some(identity::start_session(conn, user)?)),
                Err(identity::IdentityError::EmailTaken) => Ok(None),
                Err(identity::IdentityError::Database(e)) => Err(e.into()),
            }
        })
        .await?;
    match outcome {
        Some(token) => {
            context::sign_in(&session, &token);
            context::flash(&session, "Welcome to tally! Your account is ready.");
            Ok(view::see_other(&next))
        }
        None => {
            errors.add(
                "email",
                "an account with this email address exists already; sign in instead",
            );
            view::page(
                StatusCode::UNPROCESSABLE_ENTITY,
                &SignupPage {
                    ctx,
                    email: form.email,
                    display_name: form.display_name,
                    next,
                    errors,
                },
            )
        }
    }
}

async fn signin_page(
    ctx: PageContext,
    query: web::Query<NextQuery>,
) -> Result<HttpResponse, WebError> {
    if ctx.user.is_some() {
        return Ok(view::see_other(&safe_next(query.next.as_deref())));
    }
    view::ok(&SigninPage {
        ctx,
        email: String::new(),
        next: safe_next(query.next.as_deref()),
        error: String::new(),
    })
}

#[derive(Deserialize)]
struct SigninForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: Option<String>,
}

enum SigninOutcome {
    Ok(String),
    Wrong,
    Throttled,
}

async fn signin(
    state: web::Data<AppState>,
    session: Session,
    ctx: PageContext,
    form: web::Form<SigninForm>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let next = safe_next(form.next.as_deref());
    let typed_email = form.email.clone();
    let password = form.password;
    let outcome = state
        .db(move |conn| {
            let key = throttle_key(&typed_email);
            let minute_ago = chrono::Utc::now() - chrono::Duration::minutes(1);
            if identity::failures_since(conn, &key, minute_ago)? >= MAX_FAILURES_PER_MINUTE {
                return Ok(SigninOutcome::Throttled);
            }
            let user = match Email::parse(&typed_email) {
                Ok(email) => Some(identity::find_by_email(conn, &email)?),
                Err(_) => None,
            };
            // Same work for an unknown address as for a wrong password. Text that is not an
            // email address at all can belong to no account: no hashing for it.
            let valid = match &user {
                Some(Some(u)) => password::verify(&password, &u.password_hash),
                Some(None) => {
                    password::verify_dummy(&password);
                    false
                }
                None => false,
            };
            let user = user.flatten();
            match user {
                Some(u) if valid => {
                    identity::clear_failures(conn, &key)?;
                    Ok(SigninOutcome::Ok(identity::start_session(conn, u.id())?))
                }
                _ => {
                    identity::record_failure(conn, &key)?;
                    Ok(SigninOutcome::Wrong)
                }
            }
        })
        .await?;
    match outcome {
        SigninOutcome::Ok(token) => {
            if let Some(old) = context::session_token(&session) {
                let _ = state
                    .db(move |conn| Ok(identity::end_session(conn, &old)?))
                    .await;
            }
            context::sign_in(&session, &token);
            Ok(view::see_other(&next))
        }
        SigninOutcome::Throttled => Err(WebError::TooManyRequests),
        SigninOutcome::Wrong => view::page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &SigninPage {
                ctx,
                email: form.email,
                next,
                error: "That email address and password do not match an account.".to_owned(),
            },
        ),
    }
}

async fn signout(state: web::Data<AppState>, session: Session) -> Result<HttpResponse, WebError> {
    if let Some(token) = context::session_token(&session) {
        state
            .db(move |conn| Ok(identity::end_session(conn, &token)?))
            .await?;
    }
    context::sign_out(&session);
    Ok(view::see_other("/signin"))
}

/// The change-password page.
#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    ctx: PageContext,
    errors: FieldErrors,
}

async fn password_page(page: SignedIn) -> Result<HttpResponse, WebError> {
    view::ok(&PasswordPage {
        ctx: page.ctx,
        errors: FieldErrors::default(),
    })
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

enum PasswordChange {
    Done(String),
    WrongCurrent,
    Throttled,
}

async fn change_password(
    state: web::Data<AppState>,
    session: Session,
    page: SignedIn,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let mut errors = FieldErrors::default();
    let new = errors.take(
        "new_password",
        password::NewPassword::parse(&form.new_password),
    );
    if new.is_some() && form.new_password != form.confirm_password {
        errors.add("confirm_password", "the two new passwords differ");
    }
    // The current password is checked only for a form that could be saved: hashing is
    // slow on purpose, and an invalid form must not buy a guess of it.
    let Some(new) = new.filter(|_| errors.is_empty()) else {
        return view::page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &PasswordPage {
                ctx: page.ctx,
                errors,
            },
        );
    };
    let user = page.user.id;
    let current = form.current_password;
    let outcome = state
        .db(move |conn| {
            let row = identity::find(conn, user)?.ok_or(WebError::NotFound)?;
            // Wrong current passwords count like failed sign-ins of the address: someone
            // holding a stolen session cannot guess the password here faster than there.
            let key = throttle_key(&row.email_key);
            let minute_ago = chrono::Utc::now() - chrono::Duration::minutes(1);
            if identity::failures_since(conn, &key, minute_ago)? >= MAX_FAILURES_PER_MINUTE {
                return Ok(PasswordChange::Throttled);
            }
            if !password::verify(&current, &row.password_hash) {
                identity::record_failure(conn, &key)?;
                return Ok(PasswordChange::WrongCurrent);
            }
            let hash = password::hash(new.expose())
                .map_err(|e| WebError::internal(anyhow::anyhow!("{e}")))?;
            // Ends every session of this user, on every device; this browser signs in anew.
            identity::change_password(conn, user, &hash)?;
            Ok(PasswordChange::Done(identity::start_session(conn, user)?))
        })
        .await?;
    match outcome {
        PasswordChange::Done(token) => {
            context::sign_in(&session, &token);
            context::flash(
                &session,
                "Your password was changed. Other devices were signed out.",
            );
            Ok(view::see_other("/"))
        }
        PasswordChange::Throttled => Err(WebError::TooManyRequests),
        PasswordChange::WrongCurrent => {
            errors.add("current_password", "this is not your current password");
            view::page(
                StatusCode::UNPROCESSABLE_ENTITY,
                &PasswordPage {
                    ctx: page.ctx,
                    errors,
                },
            )
        }
    }
}

//! Register, sign in, sign out.

use crate::domain::{MemberName, TimeZone, UserId};
use crate::i18n::Lang;
use crate::identity::throttle::{self, Bucket, DeviceCookie};
use crate::identity::{self, Email, UserRow, password};
use crate::route;
use crate::web::client::ClientAddr;
use crate::web::context::{self, PageContext, SignedIn};
use crate::web::errors::WebError;
use crate::web::forms::FieldErrors;
use crate::web::routing::RouteDef;
use crate::web::state::AppState;
use crate::web::view;
use actix_session::Session;
use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use std::sync::atomic::Ordering;

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
    /// Whether the "forgot password" page exists (mail is configured).
    forgot: bool,
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
    /// The browser's time zone, filled in by a script (see [`SigninForm::time_zone`]).
    #[serde(default)]
    time_zone: String,
}

async fn signup(
    state: web::Data<AppState>,
    session: Session,
    ctx: PageContext,
    client: ClientAddr,
    form: web::Form<SignupForm>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let next = safe_next(form.next.as_deref());
    let lang = ctx.lang;
    let mut errors = FieldErrors::default();
    let email = errors.take("email", Email::parse(&form.email));
    let name = errors.take("display_name", MemberName::parse(&form.display_name));
    let password = errors.take("password", password::NewPassword::parse(&form.password));
    let (Some(email), Some(name), Some(password)) = (email, name, password) else {
        return signup_again(ctx, form, next, errors);
    };
    let new = NewUser {
        email,
        name,
        password,
        proposed: TimeZone::parse(&form.time_zone).ok(),
        // A language picked on the sign-in page (before there was an account) stays theirs.
        language: context::chosen_language(&session),
    };
    let outcome = register(&state, client, new).await?;
    match outcome {
        SignupOutcome::Registered { token, device } => {
            context::sign_in(&session, &token);
            context::flash(&session, lang.t("signup-welcome"));
            let mut response = view::see_other(&context::destination(&session, &next));
            add_device_cookie(&state, &mut response, device);
            Ok(response)
        }
        SignupOutcome::Throttled => Err(WebError::TooManyRequests),
        SignupOutcome::Taken => {
            errors.add("email", lang.t("signup-taken"));
            signup_again(ctx, form, next, errors)
        }
    }
}

/// Registers a new address and starts its session. "This address has an account" tells a
/// stranger something (see SECURITY.md): that answer is rationed per client, before any
/// hashing.
async fn register(
    state: &AppState,
    client: ClientAddr,
    new: NewUser,
) -> Result<SignupOutcome, WebError> {
    let NewUser {
        email,
        name,
        password,
        proposed,
        language,
    } = new;
    let window = state.sign_in_window;
    let device_key = state.device_key.clone();
    state
        .db(move |conn| {
            if identity::find_by_email(conn, &email)?.is_some() {
                let allowed = throttle::reserve(conn, &[Bucket::sign_up(client.0)], window)?;
                return Ok(if allowed {
                    SignupOutcome::Taken
                } else {
                    SignupOutcome::Throttled
                });
            }
            let hash = password::hash(password.expose())
                .map_err(|e| WebError::internal(anyhow::anyhow!("{e}")))?;
            match identity::register(conn, &email, &name, &hash) {
                Ok(user) => {
                    if let Some(zone) = proposed {
                        identity::propose_time_zone(conn, user, zone)?;
                    }
                    if let Some(lang) = language {
                        identity::set_language(conn, user, lang)?;
                    }
                    Ok(SignupOutcome::Registered {
                        token: identity::start_session(conn, user)?,
                        device: DeviceCookie::value(&device_key, user, &hash),
                    })
                }
                Err(identity::IdentityError::EmailTaken) => Ok(SignupOutcome::Taken),
                Err(identity::IdentityError::Database(e)) => Err(e.into()),
            }
        })
        .await
}

/// A registration form once parsed, with what the browser adds to it.
struct NewUser {
    email: Email,
    name: MemberName,
    password: password::NewPassword,
    /// The browser's time zone, if its script sent one.
    proposed: Option<TimeZone>,
    /// The language chosen in this browser before registering, if any.
    language: Option<Lang>,
}

enum SignupOutcome {
    Registered { token: String, device: String },
    Taken,
    Throttled,
}

/// The registration form again, with the person's values and a message per field.
fn signup_again(
    ctx: PageContext,
    form: SignupForm,
    next: String,
    errors: FieldErrors,
) -> Result<HttpResponse, WebError> {
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

/// Marks this browser as one the user signed in with: later sign-ins from it are counted
/// only against it, so strangers guessing the address cannot keep its owner out.
fn add_device_cookie(state: &AppState, response: &mut HttpResponse, value: String) {
    let cookie = Cookie::build(DeviceCookie::NAME, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.cookie_secure)
        .max_age(CookieDuration::days(365))
        .finish();
    // A cookie that cannot be added only loses the known-device exemption.
    let _ = response.add_cookie(&cookie);
}

async fn signin_page(
    state: web::Data<AppState>,
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
        forgot: state.mailer.is_some(),
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
    /// The browser's time zone, filled in by a script: kept only by someone without one.
    #[serde(default)]
    time_zone: String,
}

/// What the database said about a sign-in attempt, before the password is checked.
enum Reservation {
    /// Within every limit: check the password (against the user's hash, or a dummy one).
    Check {
        user: Option<UserRow>,
        buckets: Vec<Bucket>,
    },
    /// Text that is no email address: no account can match, so nothing is hashed.
    NotAnAddress,
    /// A limit is reached: refuse without hashing.
    Throttled,
}

async fn signin(
    state: web::Data<AppState>,
    session: Session,
    ctx: PageContext,
    client: ClientAddr,
    req: HttpRequest,
    form: web::Form<SigninForm>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let next = safe_next(form.next.as_deref());
    let device = req.cookie(DeviceCookie::NAME).map(|c| c.value().to_owned());
    let checked = match reserve_sign_in(&state, &form.email, client, device).await? {
        Reservation::Throttled => return Err(WebError::TooManyRequests),
        Reservation::NotAnAddress => None,
        Reservation::Check { user, buckets } => check_password(&state, user, form.password)
            .await?
            .map(|user| (user, buckets)),
    };
    let Some((user, buckets)) = checked else {
        return view::page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &SigninPage {
                error: ctx.lang.t("signin-no-match"),
                ctx,
                email: form.email,
                next,
                forgot: state.mailer.is_some(),
            },
        );
    };
    let device = DeviceCookie::value(&state.device_key, user.id(), &user.password_hash);
    let old = context::session_token(&session);
    // A proposal that is no zone is ignored: the person never saw the field.
    let proposed = TimeZone::parse(&form.time_zone).ok();
    let token = state
        .db(move |conn| {
            if let Some(zone) = proposed.filter(|_| !user.has_zone()) {
                identity::propose_time_zone(conn, user.id(), zone)?;
            }
            // This attempt was no guess: give it back everywhere. The address's failures
            // from this client or device are forgiven; the counts over all clients and of
            // this client over all addresses keep others' failures until their window ends.
            let forgiven = [
                Bucket::address_and_client(&user.email_key, client.0),
                Bucket::device(user.id()),
            ];
            if let Err(e) = throttle::forgive(conn, &buckets, &forgiven) {
                // The person is signed in either way; their counts just wait for the window.
                tracing::warn!(error = %e, "could not give back a sign-in attempt");
            }
            if let Some(old) = old {
                identity::end_session(conn, &old)?;
            }
            Ok(identity::start_session(conn, user.id())?)
        })
        .await?;
    context::sign_in(&session, &token);
    let mut response = view::see_other(&context::destination(&session, &next));
    add_device_cookie(&state, &mut response, device);
    Ok(response)
}

/// Counts the attempt in its buckets before anything slow happens. Text that is not an
/// email address belongs to no account: it costs no hashing and is counted only against
/// the client, so it stores nothing about the text.
async fn reserve_sign_in(
    state: &AppState,
    typed_email: &str,
    client: ClientAddr,
    device: Option<String>,
) -> Result<Reservation, WebError> {
    let window = state.sign_in_window;
    let device_key = state.device_key.clone();
    let email = Email::parse(typed_email).ok();
    state
        .db(move |conn| {
            let Some(email) = email else {
                let allowed = throttle::reserve(conn, &[Bucket::client(client.0)], window)?;
                return Ok(if allowed {
                    Reservation::NotAnAddress
                } else {
                    Reservation::Throttled
                });
            };
            let user = identity::find_by_email(conn, &email)?;
            let known_device = user
                .as_ref()
                .filter(|u| {
                    device.as_deref().is_some_and(|d| {
                        DeviceCookie::is_valid(&device_key, d, u.id(), &u.password_hash)
                    })
                })
                .map(UserRow::id);
            let buckets = throttle::sign_in_buckets(&email.key(), client.0, known_device);
            if throttle::reserve(conn, &buckets, window)? {
                Ok(Reservation::Check { user, buckets })
            } else {
                Ok(Reservation::Throttled)
            }
        })
        .await
}

/// The user, when the password is theirs. An unknown address costs the same hashing as a
/// wrong password.
async fn check_password(
    state: &AppState,
    user: Option<UserRow>,
    password: String,
) -> Result<Option<UserRow>, WebError> {
    state.password_checks.fetch_add(1, Ordering::Relaxed);
    Ok(web::block(move || match user {
        Some(u) if password::verify(&password, &u.password_hash) => Some(u),
        Some(_) => None,
        None => {
            password::verify_dummy(&password);
            None
        }
    })
    .await?)
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
    Done { token: String, device: String },
    WrongCurrent,
    Throttled,
}

async fn change_password(
    state: web::Data<AppState>,
    session: Session,
    page: SignedIn,
    client: ClientAddr,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let lang = page.ctx.lang;
    let mut errors = FieldErrors::default();
    let new = errors.take(
        "new_password",
        password::NewPassword::parse(&form.new_password),
    );
    if new.is_some() && form.new_password != form.confirm_password {
        errors.add("confirm_password", lang.t("auth-passwords-differ"));
    }
    // The current password is checked only for a form that could be saved: hashing is
    // slow on purpose, and an invalid form must not buy a guess of it.
    let Some(new) = new.filter(|_| errors.is_empty()) else {
        return password_again(page.ctx, errors);
    };
    let outcome =
        replace_password(&state, page.user.id, client, form.current_password, new).await?;
    match outcome {
        PasswordChange::Done { token, device } => {
            context::sign_in(&session, &token);
            context::flash(&session, lang.t("password-changed"));
            let mut response = view::see_other(&context::destination(&session, "/"));
            add_device_cookie(&state, &mut response, device);
            Ok(response)
        }
        PasswordChange::Throttled => Err(WebError::TooManyRequests),
        PasswordChange::WrongCurrent => {
            errors.add("current_password", lang.t("password-wrong-current"));
            password_again(page.ctx, errors)
        }
    }
}

fn password_again(ctx: PageContext, errors: FieldErrors) -> Result<HttpResponse, WebError> {
    view::page(
        StatusCode::UNPROCESSABLE_ENTITY,
        &PasswordPage { ctx, errors },
    )
}

/// Checks the current password and stores the new one. Wrong current passwords count like
/// failed sign-ins of the address from this client (no known-device exemption): someone
/// holding a stolen session cannot guess the password here faster than there.
async fn replace_password(
    state: &AppState,
    user: UserId,
    client: ClientAddr,
    current: String,
    new: password::NewPassword,
) -> Result<PasswordChange, WebError> {
    let window = state.sign_in_window;
    let device_key = state.device_key.clone();
    let checks = state.password_checks.clone();
    state
        .db(move |conn| {
            let row = identity::find(conn, user)?.ok_or(WebError::NotFound)?;
            let buckets = throttle::sign_in_buckets(&row.email_key, client.0, None);
            if !throttle::reserve(conn, &buckets, window)? {
                return Ok(PasswordChange::Throttled);
            }
            checks.fetch_add(1, Ordering::Relaxed);
            if !password::verify(&current, &row.password_hash) {
                return Ok(PasswordChange::WrongCurrent);
            }
            let hash = password::hash(new.expose())
                .map_err(|e| WebError::internal(anyhow::anyhow!("{e}")))?;
            // Ends every session of this user, on every device; this browser signs in anew.
            identity::change_password(conn, user, &hash)?;
            let forgiven = [Bucket::address_and_client(&row.email_key, client.0)];
            if let Err(e) = throttle::forgive(conn, &buckets, &forgiven) {
                tracing::warn!(error = %e, "could not give back a password check");
            }
            Ok(PasswordChange::Done {
                token: identity::start_session(conn, user)?,
                device: DeviceCookie::value(&device_key, user, &hash),
            })
        })
        .await
}

//! What every page needs from the request: the signed-in user, the CSRF token and the
//! flash message; and the guards for signed-in and member-only pages.

use super::RequestId;
use super::errors::WebError;
use super::state::AppState;
use crate::application::{CommandError, Executed};
use crate::domain::{AccountCommand, AccountId, Currency, MemberId, TimeZone, UserId};
use crate::i18n::Lang;
use crate::identity::{self, SessionUserRow};
use crate::projections::rows::AccountRow;
use crate::read::{self, Connection};
use actix_session::{Session, SessionExt};
use actix_web::{FromRequest, HttpMessage, HttpRequest, dev::Payload, web};
use std::future::Future;
use std::pin::Pin;

const AUTH_KEY: &str = "auth";
const CSRF_KEY: &str = "csrf";
const FLASH_KEY: &str = "flash";
/// The invite link someone opened before signing in, kept until they join.
const INVITE_KEY: &str = "invite";
/// The form field every POST must carry.
pub const CSRF_FIELD: &str = "csrf_token";

/// The signed-in user as pages show them.
#[derive(Debug, Clone)]
pub struct SignedInUser {
    /// Their id.
    pub id: UserId,
    /// Their name.
    pub display_name: String,
    /// Their email.
    pub email: String,
    /// The zone their times and "today" are shown in (UTC until they choose one).
    pub zone: TimeZone,
    /// Whether they chose a zone (or their browser proposed one) yet.
    pub has_zone: bool,
    /// The language they chose, if any.
    pub language: Option<Lang>,
}

impl SignedInUser {
    /// Today's date where this person is.
    pub fn today(&self, now: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
        self.zone.date_at(now)
    }
}

impl From<SessionUserRow> for SignedInUser {
    fn from(row: SessionUserRow) -> Self {
        SignedInUser {
            id: row.user_id,
            zone: row.zone(),
            has_zone: row.has_zone(),
            language: row.language(),
            display_name: row.display_name,
            email: row.email,
        }
    }
}

/// The layout's data: who is signed in, the CSRF token for forms, a one-time message.
#[derive(Debug, Clone)]
pub struct PageContext {
    /// The signed-in user, if any.
    pub user: Option<SignedInUser>,
    /// Put into every form as `csrf_token`.
    pub csrf: String,
    /// Shown once after a redirect.
    pub flash: Option<String>,
    /// Path and query of this request.
    pub path: String,
    /// The language the page is in.
    pub lang: Lang,
}

impl PageContext {
    /// The message `key` in the page's language.
    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    /// The message `key` with one variable.
    pub fn t1(&self, key: &str, name: &str, value: impl crate::i18n::Arg) -> String {
        self.lang.t1(key, name, value)
    }

    /// The other languages, for the switch between them.
    pub fn other_languages(&self) -> Vec<Lang> {
        Lang::ALL.into_iter().filter(|l| *l != self.lang).collect()
    }
}

/// The language a visitor picked on the sign-in page (or a person in their settings), kept in
/// the cookie so that even pages made without the database (error pages) are in it.
const LANG_KEY: &str = "lang";

/// Remembers the language chosen in this browser.
pub fn choose_language(session: &Session, lang: Lang) {
    let _ = session.insert(LANG_KEY, lang.code());
}

/// The language chosen in this browser, if any.
pub fn chosen_language(session: &Session) -> Option<Lang> {
    session
        .get::<String>(LANG_KEY)
        .ok()
        .flatten()
        .and_then(|code| Lang::from_code(&code))
}

/// The language of a request before the user is known: the one chosen in this browser, else
/// the browser's `Accept-Language`, else English.
pub fn request_language(req: &HttpRequest) -> Lang {
    chosen_language(&req.get_session()).unwrap_or_else(|| {
        req.headers()
            .get(actix_web::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(Lang::negotiate)
            .unwrap_or_default()
    })
}

/// The CSRF token of this session, created when first needed.
pub fn csrf_token(session: &Session) -> String {
    match session.get::<String>(CSRF_KEY) {
        Ok(Some(token)) => token,
        _ => {
            let token = identity::new_token();
            let _ = session.insert(CSRF_KEY, &token);
            token
        }
    }
}

/// The session's CSRF token, if it has one (for checking, never creating).
pub fn expected_csrf(session: &Session) -> Option<String> {
    session.get::<String>(CSRF_KEY).ok().flatten()
}

/// Leaves a message for the next page.
pub fn flash(session: &Session, message: impl Into<String>) {
    let _ = session.insert(FLASH_KEY, message.into());
}

/// Signs a user in: a fresh cookie (renewed id), a new server-side session.
pub fn sign_in(session: &Session, token: &str) {
    session.renew();
    let _ = session.insert(AUTH_KEY, token);
    let _ = session.insert(CSRF_KEY, identity::new_token());
}

/// The server-side session token in this cookie, if any.
pub fn session_token(session: &Session) -> Option<String> {
    session.get::<String>(AUTH_KEY).ok().flatten()
}

/// Remembers the invite link (a `/join/…` path) opened while signed out: whichever way the
/// person then signs in (sign in, register, a failed attempt, a password change), they come
/// back to it. The cookie is encrypted, so the token stays as secret as the link.
pub fn remember_invite(session: &Session, path: &str) {
    if path.starts_with("/join/") {
        let _ = session.insert(INVITE_KEY, path);
    }
}

/// The invite link still waiting for this browser, if any.
pub fn pending_invite(session: &Session) -> Option<String> {
    session.get::<String>(INVITE_KEY).ok().flatten()
}

/// Forgets the waiting invite (joined, already a member, or no longer valid).
pub fn forget_invite(session: &Session) {
    session.remove(INVITE_KEY);
}

/// Where to go after signing in, registering or changing the password: the page asked for,
/// or, when that is just the home page, the invite still waiting.
pub fn destination(session: &Session, next: &str) -> String {
    match pending_invite(session) {
        Some(invite) if next == "/" => invite,
        _ => next.to_owned(),
    }
}

/// Forgets everything in the cookie.
pub fn sign_out(session: &Session) {
    session.purge();
}

fn path_of(req: &HttpRequest) -> String {
    match req.uri().path_and_query() {
        Some(pq) => pq.as_str().to_owned(),
        None => req.path().to_owned(),
    }
}

/// Work to do on the connection that looked the session up, once the user is known: one
/// borrowed connection per request instead of one per extractor.
type ThenForUser<T> = Box<dyn FnOnce(&mut Connection, &SignedInUser) -> Result<T, WebError> + Send>;

/// The layout's data for this request (worked out once, then kept in the request), and the
/// result of `then` for the signed-in user, if any.
async fn resolve<T: Send + 'static>(
    req: &HttpRequest,
    then: Option<ThenForUser<T>>,
) -> Result<(PageContext, Option<T>), WebError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| WebError::internal(anyhow::anyhow!("app state missing")))?
        .clone();
    let known = req.extensions().get::<PageContext>().cloned();
    if let Some(ctx) = known {
        let extra = match (ctx.user.clone(), then) {
            (Some(user), Some(then)) => Some(state.db(move |conn| then(conn, &user)).await?),
            _ => None,
        };
        return Ok((ctx, extra));
    }
    let session = req.get_session();
    let (user, extra) = match session_token(&session) {
        Some(token) => {
            let idle = state.session_idle_timeout;
            let (user, extra) = state
                .db(move |conn| {
                    let Some(row) = identity::session_user(conn, &token, idle)? else {
                        return Ok((None, None));
                    };
                    let user = SignedInUser::from(row);
                    let extra = match then {
                        Some(then) => Some(then(conn, &user)?),
                        None => None,
                    };
                    Ok((Some(user), extra))
                })
                .await?;
            (user, extra)
        }
        None => (None, None),
    };
    Ok((context_for(req, &session, user), extra))
}

/// The layout's data for a page of one account, and the signed-in user's membership of it:
/// the session, the user and the membership in one statement (see `identity::session_member`).
async fn resolve_member(
    req: &HttpRequest,
    account_id: Option<AccountId>,
) -> Result<(PageContext, Option<(MemberId, AccountRow)>), WebError> {
    let known = req.extensions().get::<PageContext>().is_some();
    let session = req.get_session();
    let token = session_token(&session);
    let (Some(account_id), Some(token), false) = (account_id, token, known) else {
        let membership: ThenForUser<Option<(MemberId, AccountRow)>> =
            Box::new(move |conn, user| {
                let Some(account_id) = account_id else {
                    return Ok(None);
                };
                Ok(read::membership::membership(conn, user.id, account_id)?)
            });
        let (ctx, found) = resolve(req, Some(membership)).await?;
        return Ok((ctx, found.flatten()));
    };
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| WebError::internal(anyhow::anyhow!("app state missing")))?
        .clone();
    let idle = state.session_idle_timeout;
    let found = state
        .db(move |conn| Ok(identity::session_member(conn, &token, idle, account_id)?))
        .await?;
    let (user, membership) = match found {
        Some((row, membership)) => (Some(SignedInUser::from(row)), membership),
        None => (None, None),
    };
    Ok((context_for(req, &session, user), membership))
}

/// The layout's data once the session's user is known (or there is none), kept in the
/// request for the other extractors.
fn context_for(req: &HttpRequest, session: &Session, user: Option<SignedInUser>) -> PageContext {
    if user.is_none() && session_token(session).is_some() {
        // Ended elsewhere (sign-out, password change, idle): drop the cookie.
        session.purge();
    }
    // `remove` marks the session changed even when the key is absent, and a changed session
    // is encrypted and sent again as a cookie: only remove a flash that is there.
    let flash = if session.contains_key(FLASH_KEY) {
        session.remove_as::<String>(FLASH_KEY).and_then(Result::ok)
    } else {
        None
    };
    // The person's own setting first; a browser where they picked another one (before
    // signing in) follows the setting once they are in.
    let lang = match user.as_ref().and_then(|u| u.language) {
        Some(lang) => {
            if chosen_language(session) != Some(lang) {
                choose_language(session, lang);
            }
            lang
        }
        None => request_language(req),
    };
    crate::i18n::set_current(lang);
    let ctx = PageContext {
        user,
        csrf: csrf_token(session),
        flash,
        path: path_of(req),
        lang,
    };
    req.extensions_mut().insert(ctx.clone());
    ctx
}

/// Where to go after signing in: back to the page asked for (a form post is not repeated).
fn next_after_sign_in(req: &HttpRequest) -> String {
    if req.method() == actix_web::http::Method::GET {
        path_of(req)
    } else {
        "/".to_owned()
    }
}

impl FromRequest for PageContext {
    type Error = WebError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, WebError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let (ctx, _) = resolve::<()>(&req, None).await?;
            Ok(ctx)
        })
    }
}

/// A page for signed-in users; others are sent to sign in and brought back.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The layout's data.
    pub ctx: PageContext,
    /// The user.
    pub user: SignedInUser,
    /// This request's id, for the events its command records.
    pub request_id: Option<RequestId>,
}

impl SignedIn {
    /// Runs a command on an account as this user (see [`AppState::execute`]).
    pub async fn execute(
        &self,
        state: &AppState,
        account_id: AccountId,
        command: AccountCommand,
    ) -> Result<Executed, CommandError> {
        let request = self.request_id.as_ref();
        state
            .execute(account_id, self.user.id, request, command)
            .await
    }
}

/// The id the request span gave this request.
fn request_id(req: &HttpRequest) -> Option<RequestId> {
    req.extensions().get::<RequestId>().cloned()
}

impl FromRequest for SignedIn {
    type Error = WebError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, WebError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let ctx = PageContext::from_request(req, payload);
        let next = next_after_sign_in(req);
        let request_id = request_id(req);
        let session = req.get_session();
        Box::pin(async move {
            let ctx = ctx.await?;
            match ctx.user.clone() {
                Some(user) => Ok(SignedIn {
                    ctx,
                    user,
                    request_id,
                }),
                None => {
                    remember_invite(&session, &next);
                    Err(WebError::SignInRequired { next })
                }
            }
        })
    }
}

/// A page of one shared account, for its members only; anyone else gets 404.
#[derive(Debug, Clone)]
pub struct Member {
    /// The layout's data.
    pub ctx: PageContext,
    /// The signed-in user.
    pub user: SignedInUser,
    /// Which account.
    pub account_id: AccountId,
    /// The account's summary row.
    pub account: AccountRow,
    /// The user's member id in it.
    pub member_id: MemberId,
    /// This request's id, for the events its command records.
    pub request_id: Option<RequestId>,
}

impl Member {
    /// The account's currency.
    pub fn currency(&self) -> Currency {
        Currency::from_code(&self.account.currency_code).unwrap_or_else(|_| {
            Currency::from_code("EUR").unwrap_or_else(|_| unreachable!("EUR is known"))
        })
    }

    /// The account's base path, `/accounts/<id>`.
    pub fn base(&self) -> String {
        format!("/accounts/{}", self.account_id)
    }

    /// Runs a command on this account as this user (see [`AppState::execute`]).
    pub async fn execute(
        &self,
        state: &AppState,
        command: AccountCommand,
    ) -> Result<Executed, CommandError> {
        let request = self.request_id.as_ref();
        state
            .execute(self.account_id, self.user.id, request, command)
            .await
    }
}

impl FromRequest for Member {
    type Error = WebError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, WebError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let account_id = req
                .match_info()
                .get("account_id")
                .and_then(|s| s.parse::<AccountId>().ok());
            let (ctx, found) = resolve_member(&req, account_id).await?;
            let Some(user) = ctx.user.clone() else {
                return Err(WebError::SignInRequired {
                    next: next_after_sign_in(&req),
                });
            };
            let (member, account) = found.ok_or(WebError::NotFound)?;
            Ok(Member {
                request_id: request_id(&req),
                ctx,
                user,
                account_id: account_id.ok_or(WebError::NotFound)?,
                account,
                member_id: member,
            })
        })
    }
}

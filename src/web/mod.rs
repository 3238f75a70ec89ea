//! The HTTP side: routes, pages, sessions and the server that tests start on port 0.

pub mod account_view;
pub mod body;
pub mod client;
pub mod context;
pub mod csrf;
pub mod errors;
pub mod forms;
pub mod pages;
pub mod routes;
pub mod routing;
pub mod state;
pub mod static_files;
pub mod upload;
pub mod view;

use crate::application::AccountRepository;
use crate::application::group_commit::{AccountGroups, GroupCommit};
use crate::config::{PublicUrl, Settings};
use crate::mail::Mailer;
use actix_session::SessionMiddleware;
use actix_session::config::{CookieContentSecurity, PersistentSession};
use actix_session::storage::CookieSessionStore;
use actix_web::cookie::{Key, SameSite, time::Duration as CookieDuration};
use actix_web::dev::Server;
use actix_web::middleware::{DefaultHeaders, from_fn};
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use state::{AppState, DbPool};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

/// The Content-Security-Policy of every response: no inline code, nothing from elsewhere.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
    style-src 'self'; img-src 'self' data:; manifest-src 'self'; worker-src 'self'; \
    connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// A built server and the port it listens on.
pub struct Application {
    port: u16,
    server: Server,
    password_checks: Arc<AtomicU64>,
}

impl Application {
    /// Opens the database, applies migrations and binds the listener.
    pub fn build(settings: &Settings) -> anyhow::Result<Self> {
        let pool = state::open_database(settings)?;
        let listener = TcpListener::bind(&settings.bind)
            .with_context(|| format!("cannot listen on {}", settings.bind))?;
        Self::with_listener(settings, pool, listener)
    }

    /// Builds the server on an open pool and listener.
    pub fn with_listener(
        settings: &Settings,
        pool: DbPool,
        listener: TcpListener,
    ) -> anyhow::Result<Self> {
        let local = listener.local_addr()?;
        let port = local.port();
        let secret = settings.secret_key.expose();
        let cookie_key = Key::derive_from(secret);
        let password_checks = Arc::new(AtomicU64::new(0));
        let public_url = settings
            .public_url
            .clone()
            .unwrap_or_else(|| PublicUrl::of_listener(local));
        let shared = Arc::new(AppState {
            repository: settings.snapshot_every.map_or_else(
                AccountRepository::default,
                AccountRepository::with_snapshot_every,
            ),
            pool,
            invite_key: derive(secret, b"tally invite links"),
            device_key: derive(secret, b"tally known devices"),
            session_idle_timeout: chrono::Duration::from_std(settings.session_idle_timeout)
                .unwrap_or(chrono::Duration::days(14)),
            public_url,
            trusted_proxies: settings.trusted_proxies.clone(),
            cookie_secure: settings.cookie_secure,
            sign_in_window: chrono::Duration::from_std(settings.sign_in_window)
                .unwrap_or(chrono::Duration::minutes(1)),
            password_checks: password_checks.clone(),
            mailer: settings.smtp.as_ref().map(Mailer::new).transpose()?,
            clock: settings.clock.clone(),
            views: Arc::default(),
            bodies: Arc::new(body::BodyCache::new(body::CAPACITY)),
            group_commit: settings
                .database_url
                .is_sqlite()
                .then(|| Arc::new(GroupCommit::default())),
            account_groups: (!settings.database_url.is_sqlite())
                .then(|| Arc::new(AccountGroups::default())),
        });
        if let Some(every) = settings.post_due_every {
            start_poster(Arc::downgrade(&shared), every)?;
        }
        let state = web::Data::from(shared);
        let cookie_secure = settings.cookie_secure;
        let server = HttpServer::new(move || {
            let session =
                SessionMiddleware::builder(CookieSessionStore::default(), cookie_key.clone())
                    .cookie_name("tally_session".to_owned())
                    .cookie_http_only(true)
                    .cookie_same_site(SameSite::Lax)
                    .cookie_secure(cookie_secure)
                    .cookie_content_security(CookieContentSecurity::Private)
                    .session_lifecycle(
                        PersistentSession::default().session_ttl(CookieDuration::days(30)),
                    )
                    .build();
            let mut app = App::new()
                .wrap(from_fn(csrf::csrf_guard))
                .wrap(from_fn(language))
                .wrap(session)
                .wrap(security_headers())
                .wrap(tracing_actix_web::TracingLogger::<RequestSpan>::new())
                .app_data(state.clone())
                .app_data(
                    web::FormConfig::default()
                        .limit(csrf::MAX_FORM_BYTES)
                        .error_handler(|err, _req| {
                            actix_web::error::InternalError::from_response(err, view::bad_form())
                                .into()
                        }),
                )
                .app_data(
                    web::QueryConfig::default()
                        .error_handler(|_, _| errors::WebError::NotFound.into()),
                )
                .app_data(
                    web::PathConfig::default()
                        .error_handler(|_, _| errors::WebError::NotFound.into()),
                );
            for route in routes::all() {
                app = app.configure(route.register);
            }
            app.default_service(web::to(not_found))
        })
        .listen(listener)?
        .run();
        Ok(Application {
            port,
            server,
            password_checks,
        })
    }

    /// The port the server listens on (useful with port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// How many passwords this server has checked against a hash (sign-ins and password
    /// changes): what throttling keeps low, counted for tests and operators.
    pub fn password_checks(&self) -> Arc<AtomicU64> {
        self.password_checks.clone()
    }

    /// Serves until stopped; SIGTERM lets in-flight requests finish.
    pub async fn run(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Records recurring bills as they fall due, from a thread of its own: at start (catching up
/// after downtime) and then every `every`. It ends when the server's state is gone.
fn start_poster(
    state: std::sync::Weak<AppState>,
    every: std::time::Duration,
) -> anyhow::Result<()> {
    const TICK: std::time::Duration = std::time::Duration::from_millis(500);
    std::thread::Builder::new()
        .name("tally-post-due".to_owned())
        .spawn(move || {
            let mut waited = every;
            loop {
                if waited >= every {
                    waited = std::time::Duration::ZERO;
                    let Some(state) = state.upgrade() else { return };
                    post_due_once(&state);
                }
                std::thread::sleep(TICK);
                waited += TICK;
                if state.strong_count() == 0 {
                    return;
                }
            }
        })
        .context("cannot start the recurring-bills poster")?;
    Ok(())
}

fn post_due_once(state: &AppState) {
    let mut conn = match state.pool.get() {
        Ok(conn) => conn,
        Err(e) => {
            tracing::warn!(error = %e, "recurring bills: the database is not reachable");
            return;
        }
    };
    let gate = conn.write_gate();
    let outcome = crate::application::recurring::post_due(
        &mut conn,
        &state.repository,
        chrono::Utc::now(),
        gate.as_ref(),
    );
    if let Err(e) = outcome {
        conn.mark_suspect();
        tracing::warn!(error = %e, "recurring bills: looking for due schedules failed");
    }
}

/// Serves a request in its language (see [`context::request_language`]), so that what is made
/// without a page's context, like an error page, is in it too.
async fn language(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    let lang = context::request_language(req.request());
    crate::i18n::scope(lang, next.call(req)).await
}

async fn not_found() -> Result<actix_web::HttpResponse, errors::WebError> {
    Err(errors::WebError::NotFound)
}

fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "no-referrer"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        ))
}

/// The id of a request, as its log span shows it; handlers put it into the metadata of the
/// events a command records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(pub String);

/// One span per request with a request id, the method, the path with invite tokens masked,
/// and the status. Query strings are left out: they can carry a `next` with a token in it.
pub struct RequestSpan;

impl tracing_actix_web::RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &actix_web::dev::ServiceRequest) -> tracing::Span {
        let trusted = request
            .app_data::<web::Data<AppState>>()
            .map(|state| state.trusted_proxies.clone())
            .unwrap_or_default();
        let client = client::client_of(request.peer_addr(), request.headers(), &trusted);
        let id = RequestId(uuid::Uuid::new_v4().simple().to_string());
        // Kept in the request: commands record which request carried them, and throttling
        // reads the client.
        let mut extensions = actix_web::HttpMessage::extensions_mut(request);
        extensions.insert(client);
        extensions.insert(id.clone());
        drop(extensions);
        tracing::info_span!(
            "request",
            id = %id.0,
            client = %client,
            method = %request.method(),
            path = %loggable_path(request.path()),
            status = tracing::field::Empty,
        )
    }

    fn on_request_end<B: actix_web::body::MessageBody>(
        span: tracing::Span,
        outcome: &Result<actix_web::dev::ServiceResponse<B>, actix_web::Error>,
    ) {
        let status = match outcome {
            Ok(response) => response.status().as_u16(),
            Err(error) => error.as_response_error().status_code().as_u16(),
        };
        span.record("status", status);
        // The error page's own handler logs 500s and 503s with their cause and reference;
        // a refusal (4xx) or the "please sign in" redirect is an ordinary answer.
        let error = match outcome {
            Ok(response) => response.response().error(),
            Err(error) => Some(error),
        };
        match error {
            _ if status >= 500 => tracing::warn!(parent: &span, status, "request failed"),
            Some(error) if status >= 400 => {
                tracing::info!(parent: &span, status, error = %error, "request refused")
            }
            Some(_) => tracing::debug!(parent: &span, status, "sign-in required: redirected"),
            None => {}
        }
    }
}

/// A request path safe for logs: the secret part of an invite link is masked.
pub fn loggable_path(path: &str) -> String {
    match path.strip_prefix("/join/") {
        Some(_) => "/join/[token]".to_owned(),
        None => path.to_owned(),
    }
}

/// A key for one purpose, derived from the master secret.
fn derive(secret: &[u8], purpose: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(purpose);
    mac.finalize().into_bytes().to_vec()
}

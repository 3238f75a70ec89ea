//! Errors of the web layer: each maps to a status and a friendly page; causes go to the log.

use crate::application::CommandError;
use crate::i18n::Localize;
use crate::read::ReadError;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentType};
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

/// Why a request could not be served.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// No such page, or not yours to see (the two look the same on purpose).
    #[error("not found")]
    NotFound,
    /// A form without the right CSRF token.
    #[error("forbidden")]
    Forbidden,
    /// The page needs a signed-in user.
    #[error("sign-in required")]
    SignInRequired {
        /// Where to return after signing in.
        next: String,
    },
    /// Too many failed sign-ins.
    #[error("too many attempts")]
    TooManyRequests,
    /// Someone changed the data first and retries did not help.
    #[error("conflict")]
    Conflict,
    /// A business rule refused a command that the page did not explain itself.
    #[error("refused: {0}")]
    Refused(String),
    /// An upload over the size limit.
    #[error("file too large")]
    FileTooLarge,
    /// A POST to an upload route that is not a file upload.
    #[error("not a file upload")]
    BadUpload,
    /// The database is unreachable.
    #[error("service unavailable")]
    Unavailable(#[source] anyhow::Error),
    /// A bug or an unexpected failure.
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl WebError {
    /// Wraps an unexpected failure.
    pub fn internal(e: impl Into<anyhow::Error>) -> Self {
        WebError::Internal(e.into())
    }
}

impl From<CommandError> for WebError {
    fn from(e: CommandError) -> Self {
        match e {
            // A page maps the refusals it can explain beside its fields; any other is shown
            // on the error page, with the rule's own words in the request's language.
            CommandError::Rejected(e) => WebError::Refused(e.localize(crate::i18n::current())),
            CommandError::Conflict => WebError::Conflict,
            // Someone else's id: for this account that thing does not exist.
            CommandError::IdTaken => WebError::NotFound,
            CommandError::Unavailable(e) => WebError::Unavailable(e.into()),
            CommandError::Store(e) => classify(anyhow::Error::new(e)),
            CommandError::Interrupted(e) => WebError::Internal(e),
        }
    }
}

impl From<diesel::result::Error> for WebError {
    fn from(e: diesel::result::Error) -> Self {
        classify(anyhow::Error::new(e))
    }
}

impl From<ReadError> for WebError {
    fn from(e: ReadError) -> Self {
        match e {
            ReadError::Database(e) => e.into(),
            corrupt @ ReadError::Corrupt(_) => WebError::Internal(corrupt.into()),
        }
    }
}

impl From<diesel::r2d2::PoolError> for WebError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        WebError::Unavailable(e.into())
    }
}

impl From<askama::Error> for WebError {
    fn from(e: askama::Error) -> Self {
        WebError::Internal(e.into())
    }
}

impl From<actix_web::error::BlockingError> for WebError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        WebError::Internal(e.into())
    }
}

/// What the MySQL/MariaDB client library and server say when the database is away or going
/// away (lower case): refused or dropped connections, a server shutting down (it kills and
/// interrupts what runs), too many connections, and the pool giving up.
const OUTAGE_MESSAGES: &[&str] = &[
    "server has gone away",
    "lost connection",
    "can't connect",
    "connection refused",
    "broken pipe",
    "connection reset",
    "shutdown in progress",
    "connection was killed",
    "query execution was interrupted",
    "too many connections",
    "timed out waiting for connection",
    // A Galera node cut off from its cluster's quorum, or still joining, refuses queries.
    "wsrep has not yet prepared node",
    // Diesel's state after a ROLLBACK the server did not answer (the connection is dropped).
    "the transaction manager is broken",
];

/// A lost connection to the database is an outage (503), anything else a failure (500).
/// The whole chain is searched: Diesel folds a failed rollback after a failed commit into
/// one error whose message holds both.
fn classify(e: anyhow::Error) -> WebError {
    let text = format!("{e:#}").to_lowercase();
    if OUTAGE_MESSAGES.iter().any(|m| text.contains(m)) {
        WebError::Unavailable(e)
    } else {
        WebError::Internal(e)
    }
}

/// The error page.
#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    status: u16,
    title: &'a str,
    message: &'a str,
    reference: Option<String>,
    lang: crate::i18n::Lang,
}

impl ResponseError for WebError {
    fn status_code(&self) -> StatusCode {
        match self {
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::Forbidden => StatusCode::FORBIDDEN,
            WebError::SignInRequired { .. } => StatusCode::SEE_OTHER,
            WebError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            WebError::Conflict => StatusCode::CONFLICT,
            WebError::Refused(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::FileTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::BadUpload => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let WebError::SignInRequired { next } = self {
            let location = format!("/signin?next={}", urlencode(next));
            return HttpResponse::SeeOther()
                .insert_header((header::LOCATION, location))
                .finish();
        }
        let status = self.status_code();
        let reference = match self {
            WebError::Internal(e) | WebError::Unavailable(e) => {
                let reference = uuid::Uuid::new_v4().simple().to_string()[..12].to_owned();
                tracing::error!(reference = %reference, status = status.as_u16(), error = ?e, "request failed");
                Some(reference)
            }
            _ => None,
        };
        let lang = crate::i18n::current();
        let (title, message) = match self {
            WebError::NotFound => ("error-not-found-title", lang.t("error-not-found")),
            WebError::Forbidden => ("error-forbidden-title", lang.t("error-forbidden")),
            WebError::TooManyRequests => ("error-too-many-title", lang.t("error-too-many")),
            WebError::Conflict => ("error-conflict-title", lang.t("error-conflict")),
            WebError::Refused(reason) => (
                "error-refused-title",
                lang.t1("error-refused", "reason", reason.as_str()),
            ),
            WebError::FileTooLarge => ("error-too-large-title", lang.t("error-too-large")),
            WebError::BadUpload => ("error-no-file-title", lang.t("error-no-file")),
            WebError::Unavailable(_) => ("error-unavailable-title", lang.t("error-unavailable")),
            _ => ("error-internal-title", lang.t("error-internal")),
        };
        let title = lang.t(title);
        let page = ErrorPage {
            status: status.as_u16(),
            title: &title,
            message: &message,
            reference,
            lang,
        };
        let body = page.render().unwrap_or_else(|_| message.clone());
        let mut response = HttpResponse::build(status);
        response.content_type(ContentType::html());
        if matches!(self, WebError::TooManyRequests) {
            response.insert_header((header::RETRY_AFTER, "60"));
        }
        response.body(body)
    }
}

/// Percent-encodes a value for a query string.
pub fn urlencode(value: &str) -> String {
    serde_urlencoded::to_string([("", value)])
        .map(|s| s.trim_start_matches('=').to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::AccountError;
    use crate::i18n::Lang;

    #[test]
    fn a_refusal_is_told_in_the_language_of_the_request() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a runtime");
        let (refused, body) = runtime.block_on(crate::i18n::scope(Lang::Fr, async {
            let e = WebError::from(CommandError::Rejected(AccountError::LastActiveMember));
            let response = e.error_response();
            let body = actix_web::body::to_bytes(response.into_body())
                .await
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default();
            (e, body)
        }));
        let WebError::Refused(reason) = &refused else {
            panic!("a refusal: {refused:?}");
        };
        assert_eq!(reason, "un compte doit avoir au moins un membre actif");
        assert!(body.contains(reason.as_str()), "{body}");
        // Outside a request, English, the rule's own words.
        let english = WebError::from(CommandError::Rejected(AccountError::LastActiveMember));
        assert!(
            matches!(&english, WebError::Refused(r) if *r == AccountError::LastActiveMember.to_string())
        );
    }

    #[test]
    fn database_outages_are_503_and_other_failures_500() {
        for message in [
            "Can't connect to server on '127.0.0.1' (115)",
            "Lost connection to server during query",
            "Transaction rollback failed: Server has gone away (rollback attempted because \
             of failure to commit: Server has gone away)",
            "Server shutdown in progress",
            "Connection was killed",
            "Too many connections",
            "WSREP has not yet prepared node for application use",
            "The transaction manager is broken",
        ] {
            let e = anyhow::anyhow!("{message}").context("database error");
            assert!(matches!(classify(e), WebError::Unavailable(_)), "{message}");
        }
        for message in ["Duplicate entry 'x' for key 'PRIMARY'", "Record not found"] {
            let e = anyhow::anyhow!("{message}").context("database error");
            assert!(matches!(classify(e), WebError::Internal(_)), "{message}");
        }
    }
}

//! Rendering helpers shared by pages.

use super::errors::WebError;
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentType};
use askama::Template;

/// Renders a page with a status.
pub fn page(status: StatusCode, template: &impl Template) -> Result<HttpResponse, WebError> {
    let body = template.render()?;
    Ok(HttpResponse::build(status)
        .content_type(ContentType::html())
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

/// Renders a page with 200 OK.
pub fn ok(template: &impl Template) -> Result<HttpResponse, WebError> {
    page(StatusCode::OK, template)
}

/// 303 See Other to `location`: the answer to every successful form POST.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// The answer to a form body that cannot even be read.
pub fn bad_form() -> HttpResponse {
    HttpResponse::BadRequest()
        .content_type(ContentType::plaintext())
        .body(crate::i18n::current().t("error-bad-form"))
}

/// Whether `next` is a path on this site (not `//evil.example` or `https://…`).
pub fn is_local_path(next: &str) -> bool {
    next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(|c| c.is_control())
}

//! Rendering helpers shared by pages.

use super::body::{Body, Fill, Filled};
use super::context::PageContext;
use super::errors::WebError;
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentType};
use askama::Template;

/// Renders a page with a status.
pub fn page(status: StatusCode, template: &impl Template) -> Result<HttpResponse, WebError> {
    send(status, template.render()?)
}

fn send(status: StatusCode, body: String) -> Result<HttpResponse, WebError> {
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

/// The layout around a body rendered on its own (see `body`): this request's context, the
/// page's title and the scripts it loads.
#[derive(Template)]
#[template(path = "shell.html")]
struct Shell<'a> {
    ctx: &'a PageContext,
    title: &'a str,
    body: Filled<'a>,
    scripts: &'static str,
}

/// The app's script, for pages that load it.
pub const APP_SCRIPT: &str = r#"<script src="/static/app.js" defer></script>"#;

/// Sends a kept body inside the layout, its stand-ins filled for this request.
pub fn kept_page(
    status: StatusCode,
    ctx: PageContext,
    title: &str,
    body: &Body,
    today: chrono::NaiveDate,
    scripts: &'static str,
) -> Result<HttpResponse, WebError> {
    let fill = Fill {
        csrf: &ctx.csrf,
        today,
    };
    let shell = Shell {
        ctx: &ctx,
        title,
        body: body.filled(fill),
        scripts,
    };
    // Room for the layout too, so the page is written without growing its buffer.
    let mut html = String::with_capacity(body.len() + 4096);
    shell.render_into(&mut html)?;
    send(status, html)
}

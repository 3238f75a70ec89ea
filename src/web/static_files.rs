//! The stylesheet, scripts and icon, compiled into the binary.

use crate::route;
use crate::web::routing::RouteDef;
use actix_web::HttpResponse;
use actix_web::http::header;

/// This module's routes.
pub fn routes() -> Vec<RouteDef> {
    vec![
        route!(get, "/static/style.css", Public, stylesheet),
        route!(get, "/static/app.js", Public, script),
        route!(get, "/static/members.js", Public, members_script),
        route!(get, "/static/favicon.svg", Public, favicon),
        route!(get, "/favicon.ico", Public, favicon),
    ]
}

async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../static/style.css"))
}

async fn script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../static/app.js"))
}

/// The members page's copy button; the page works without it.
async fn members_script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../static/members.js"))
}

async fn favicon() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(include_str!("../../static/favicon.svg"))
}

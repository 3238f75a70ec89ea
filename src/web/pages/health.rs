//! Liveness, readiness and the stylesheet.

use crate::route;
use crate::web::routes::RouteDef;
use crate::web::state::AppState;
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use diesel::prelude::*;

/// This module's routes.
pub fn routes() -> Vec<RouteDef> {
    vec![
        route!(get, "/healthz", Public, healthz),
        route!(get, "/readyz", Public, readyz),
        route!(get, "/static/style.css", Public, stylesheet),
        route!(get, "/static/app.js", Public, script),
        route!(get, "/static/favicon.svg", Public, favicon),
        route!(get, "/favicon.ico", Public, favicon),
    ]
}

/// The process is alive.
async fn healthz() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("ok\n")
}

/// The database answers.
async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let ready = state
        .db(|conn| Ok(diesel::sql_query("SELECT 1").execute(conn)?))
        .await
        .is_ok();
    if ready {
        HttpResponse::Ok()
            .content_type("text/plain; charset=utf-8")
            .body("ready\n")
    } else {
        HttpResponse::ServiceUnavailable()
            .content_type("text/plain; charset=utf-8")
            .body("database unavailable\n")
    }
}

async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../../static/style.css"))
}

async fn script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../../static/app.js"))
}

async fn favicon() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(include_str!("../../../static/favicon.svg"))
}

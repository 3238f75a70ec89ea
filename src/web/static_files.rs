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
        route!(get, "/static/install.js", Public, install_script),
        route!(get, "/static/timezone.js", Public, time_zone_script),
        route!(get, "/static/icon-192.png", Public, icon_192),
        route!(get, "/static/icon-512.png", Public, icon_512),
        route!(get, "/static/icon-maskable-512.png", Public, icon_maskable),
        route!(
            get,
            "/static/apple-touch-icon.png",
            Public,
            apple_touch_icon
        ),
        route!(get, "/manifest.webmanifest", Public, manifest),
        route!(get, "/sw.js", Public, service_worker),
        route!(get, "/offline", Public, offline),
    ]
}

/// Proposes the browser's time zone (sign-in, registration, settings).
async fn time_zone_script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../static/timezone.js"))
}

/// Registers the service worker; pages work without it.
async fn install_script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../static/install.js"))
}

fn png(bytes: &'static [u8]) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("image/png")
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(bytes)
}

async fn icon_192() -> HttpResponse {
    png(include_bytes!("../../static/icon-192.png"))
}

async fn icon_512() -> HttpResponse {
    png(include_bytes!("../../static/icon-512.png"))
}

async fn icon_maskable() -> HttpResponse {
    png(include_bytes!("../../static/icon-maskable-512.png"))
}

async fn apple_touch_icon() -> HttpResponse {
    png(include_bytes!("../../static/apple-touch-icon.png"))
}

/// The web app manifest: installable, opens without browser chrome.
async fn manifest() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/manifest+json")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../static/manifest.webmanifest"))
}

/// The service worker, at the root so its scope is the whole site; revalidated on every
/// load so a new version takes over quickly.
async fn service_worker() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(include_str!("../../static/sw.js"))
}

/// The offline page, in the language of the browser that installed the service worker.
#[derive(askama::Template)]
#[template(path = "offline.html")]
struct OfflinePage {
    lang: crate::i18n::Lang,
}

/// The page the service worker shows when the network is gone: no session, no data.
async fn offline() -> HttpResponse {
    use askama::Template as _;
    let page = OfflinePage {
        lang: crate::i18n::current(),
    };
    match page.render() {
        Ok(body) => HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .insert_header((header::CACHE_CONTROL, "no-cache"))
            .insert_header((header::VARY, "Accept-Language, Cookie"))
            .body(body),
        Err(e) => {
            tracing::error!(error = %e, "offline page");
            HttpResponse::InternalServerError().finish()
        }
    }
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

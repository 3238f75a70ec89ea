//! Liveness and readiness.

use crate::infrastructure::db::{Readiness, readiness};
use crate::route;
use crate::web::errors::WebError;
use crate::web::routing::RouteDef;
use crate::web::state::AppState;
use actix_web::{HttpResponse, web};

/// This module's routes.
pub fn routes() -> Vec<RouteDef> {
    vec![
        route!(get, "/healthz", Public, healthz),
        route!(get, "/readyz", Public, readyz),
    ]
}

/// The process is alive.
async fn healthz() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("ok\n")
}

/// The database answers, and when it is a Galera node, the node is synced with its cluster
/// (a node that lost quorum or is still joining answers but must not take requests).
async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let readiness = state
        .db(|conn| readiness(conn).map_err(|e| WebError::Unavailable(anyhow::Error::new(e))))
        .await;
    if let Ok(Readiness::NotSynced(why)) = &readiness {
        tracing::warn!(%why, "not ready: the Galera node is not synced");
    }
    if matches!(readiness, Ok(Readiness::Ready)) {
        HttpResponse::Ok()
            .content_type("text/plain; charset=utf-8")
            .body("ready\n")
    } else {
        HttpResponse::ServiceUnavailable()
            .content_type("text/plain; charset=utf-8")
            .body("database unavailable\n")
    }
}

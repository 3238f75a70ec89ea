//! The HTTP side: routes, and the server that tests start on port 0.

use crate::config::Settings;
use crate::infrastructure::db::{DbPool, build_pool};
use actix_web::dev::Server;
use actix_web::{App, HttpResponse, HttpServer, web};
use anyhow::Context;
use diesel::prelude::*;
use std::net::TcpListener;

/// A built server and the port it listens on.
pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    /// Opens the database, applies migrations and binds the listener.
    pub fn build(settings: &Settings) -> anyhow::Result<Self> {
        let pool = build_pool(&settings.database_url, settings.pool_size)
            .context("cannot open the database")?;
        let mut conn = pool.get().context("cannot open the database")?;
        conn.run_migrations().context("cannot apply migrations")?;
        drop(conn);
        let listener = TcpListener::bind(&settings.bind)
            .with_context(|| format!("cannot listen on {}", settings.bind))?;
        Self::with_listener(pool, listener)
    }

    /// Builds the server on an open pool and listener.
    pub fn with_listener(pool: DbPool, listener: TcpListener) -> anyhow::Result<Self> {
        let port = listener.local_addr()?.port();
        let pool = web::Data::new(pool);
        let server = HttpServer::new(move || {
            App::new()
                .wrap(tracing_actix_web::TracingLogger::default())
                .app_data(pool.clone())
                .route("/healthz", web::get().to(healthz))
                .route("/readyz", web::get().to(readyz))
        })
        .listen(listener)?
        .run();
        Ok(Application { port, server })
    }

    /// The port the server listens on (useful with port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until stopped; SIGTERM lets in-flight requests finish.
    pub async fn run(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// The process is alive.
async fn healthz() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("ok\n")
}

/// The database answers.
async fn readyz(pool: web::Data<DbPool>) -> HttpResponse {
    let pool = pool.into_inner();
    let ready = web::block(move || {
        let mut conn = pool.get().ok()?;
        diesel::sql_query("SELECT 1").execute(&mut *conn).ok()
    })
    .await
    .ok()
    .flatten()
    .is_some();
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

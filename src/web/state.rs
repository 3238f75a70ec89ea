//! What handlers share: the pool, the command service and the keys.

use super::errors::WebError;
use crate::application::{AccountService, CommandError, Executed};
use crate::config::Settings;
use crate::domain::{AccountCommand, AccountId, UserId};
use crate::event_sourcing::Metadata;
use crate::infrastructure::db::{DbConnection, build_pool};
use crate::read::ReadError;
use actix_web::web;
use anyhow::Context;

/// The pool of database connections the app holds.
pub use crate::infrastructure::db::DbPool;

/// Opens the database the settings name and applies pending migrations.
pub fn open_database(settings: &Settings) -> anyhow::Result<DbPool> {
    let pool = build_pool(&settings.database_url, settings.pool_size)
        .context("cannot open the database")?;
    let mut conn = pool.get().context("cannot open the database")?;
    conn.run_migrations().context("cannot apply migrations")?;
    Ok(pool)
}

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState {
    /// Connections.
    pub pool: DbPool,
    /// Runs commands.
    pub service: AccountService,
    /// Derives invite tokens (HMAC key), separate from the cookie key.
    pub invite_key: Vec<u8>,
    /// A session unused this long ends.
    pub session_idle_timeout: chrono::Duration,
}

impl AppState {
    /// Runs blocking database work off the async threads.
    pub async fn db<T, F>(&self, work: F) -> Result<T, WebError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, WebError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get()?;
            let result = work(&mut conn);
            if result.is_err() {
                conn.mark_suspect();
            }
            result
        })
        .await?
    }

    /// Reads a view (see [`crate::read`]) off the async threads.
    pub async fn read<T, F>(&self, query: F) -> Result<T, WebError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, ReadError> + Send + 'static,
        T: Send + 'static,
    {
        self.db(move |conn| Ok(query(conn)?)).await
    }

    /// Runs a command on an account as this user, off the async threads. The outer error is
    /// the web side failing; the inner result is the command's own outcome, for the page to
    /// turn into a flash message or the form shown again.
    pub async fn execute(
        &self,
        account_id: AccountId,
        user_id: UserId,
        command: AccountCommand,
    ) -> Result<Result<Executed, CommandError>, WebError> {
        let service = self.service.clone();
        let metadata = Metadata {
            user_id: Some(user_id.0),
            request_id: None,
        };
        Ok(web::block(move || service.execute(account_id, &command, &metadata)).await?)
    }
}

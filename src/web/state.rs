//! What handlers share: the pool, the command service and the keys.

use super::errors::WebError;
use crate::application::AccountService;
use crate::infrastructure::db::{DbConnection, DbPool};
use actix_web::web;

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
}

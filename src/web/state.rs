//! What handlers share: the pool, the command service and the keys.

use super::errors::WebError;
use crate::application::{AccountService, CommandError, Executed};
use crate::config::{PublicUrl, TrustedProxies};
use crate::domain::{AccountCommand, AccountId, UserId};
use crate::event_sourcing::Metadata;
use crate::infrastructure::db::{DbConnection, DbPool};
use actix_web::web;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState {
    /// Connections.
    pub pool: DbPool,
    /// Runs commands.
    pub service: AccountService,
    /// Derives invite tokens (HMAC key), separate from the cookie key.
    pub invite_key: Vec<u8>,
    /// Signs the cookie that marks a browser a user signed in with before.
    pub device_key: Vec<u8>,
    /// A session unused this long ends.
    pub session_idle_timeout: chrono::Duration,
    /// The base of every link tally hands out; never taken from a request.
    pub public_url: PublicUrl,
    /// Proxies whose forwarded headers name the client.
    pub trusted_proxies: TrustedProxies,
    /// Whether cookies are marked `Secure`.
    pub cookie_secure: bool,
    /// How long sign-in attempts are counted.
    pub sign_in_window: chrono::Duration,
    /// Passwords checked against a hash so far.
    pub password_checks: Arc<AtomicU64>,
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

//! What handlers share: the pool, the command repository and the keys.

use super::RequestId;
use super::errors::WebError;
use crate::application::group_commit::{AccountGroups, GroupCommit, QueuedCommand};
use crate::application::{AccountRepository, CommandError, Executed};
use crate::clock::Clock;
use crate::config::{PublicUrl, Settings, TrustedProxies};
use crate::domain::{AccountCommand, AccountId, UserId};
use crate::event_sourcing::{DecisionContext, Metadata};
use crate::infrastructure::db::{DbConnection, build_pool};
use crate::mail::Mailer;
use crate::read::ReadError;
use crate::read::cache::{VersionedCache, ViewCaches};
use actix_web::web;
use anyhow::Context;
use std::hash::Hash;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, PoisonError};

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
    /// Runs commands (with the configured snapshot policy).
    pub repository: AccountRepository,
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
    /// Sends "forgot password" links, when an SMTP server is configured.
    pub mailer: Option<Mailer>,
    /// "Now" for pages (tests move it).
    pub clock: Clock,
    /// Views kept per account version (see `read::cache`).
    pub views: Arc<ViewCaches>,
    /// Page bodies kept per account version, language and page (see `web::body`).
    pub bodies: Arc<crate::web::body::BodyCache>,
    /// On SQLite, commands queue here and are committed together (see
    /// `application::group_commit`); `None` on MySQL/MariaDB, whose row locks let writers of
    /// different accounts commit side by side.
    pub group_commit: Option<Arc<GroupCommit>>,
    /// On MySQL/MariaDB, each account's commands queue and are committed together.
    pub account_groups: Option<Arc<AccountGroups>>,
}

impl AppState {
    /// Today's date where this person is, by the app's clock.
    pub fn today_for(&self, user: &crate::web::context::SignedInUser) -> chrono::NaiveDate {
        user.today(self.clock.now())
    }

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

    /// Runs a batch of writes (an import) off the async threads, queued at the SQLite write
    /// gate like a command.
    pub async fn write<T, F>(&self, work: F) -> Result<T, WebError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, WebError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get()?;
            let gate = conn.write_gate();
            let _writing = gate
                .as_ref()
                .map(|g| g.lock().unwrap_or_else(PoisonError::into_inner));
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

    /// A view of an account as it is at `version`: kept from an earlier request when nobody
    /// changed the account since, else read by `query` and kept for the next one.
    pub async fn read_cached<K, V, F>(
        &self,
        cache: &VersionedCache<K, V>,
        key: K,
        version: i64,
        query: F,
    ) -> Result<Arc<V>, WebError>
    where
        K: Eq + Hash + Clone,
        F: FnOnce(&mut DbConnection) -> Result<V, ReadError> + Send + 'static,
        V: Send + 'static,
    {
        if let Some(view) = cache.get(&key, version) {
            return Ok(view);
        }
        let view = Arc::new(self.read(query).await?);
        cache.put(key, version, view.clone());
        Ok(view)
    }

    /// Runs a command on an account as this user, off the async threads, through the
    /// repository on a pooled connection (on SQLite through the group commit, whose batches
    /// queue at the pool's write gate).
    /// The request id goes into every event's metadata.
    pub async fn execute(
        &self,
        account_id: AccountId,
        user_id: UserId,
        request_id: Option<&RequestId>,
        command: AccountCommand,
    ) -> Result<Executed, CommandError> {
        let pool = self.pool.clone();
        let repository = self.repository.clone();
        let metadata = Metadata {
            user_id: Some(user_id.0),
            request_id: request_id.map(|r| r.0.clone()),
            import: None,
        };
        let clock = self.clock.clone();
        let group = self.group_commit.clone().or_else(|| {
            self.account_groups
                .as_ref()
                .map(|groups| groups.of(account_id))
        });
        if let Some(group) = group {
            return web::block(move || {
                let command = QueuedCommand {
                    account_id,
                    command,
                    metadata,
                    context: DecisionContext::at(clock.now()),
                };
                group.execute(&pool, &repository, command)
            })
            .await
            .map_err(|e| CommandError::Interrupted(e.into()))?;
        }
        web::block(move || {
            let mut conn = pool
                .get()
                .map_err(|e| CommandError::Unavailable(Arc::new(e)))?;
            let gate = conn.write_gate();
            let _writing = gate
                .as_ref()
                .map(|g| g.lock().unwrap_or_else(PoisonError::into_inner));
            let context = DecisionContext::at(clock.now());
            let result = repository.execute(&mut conn, account_id, &command, &metadata, &context);
            if let Err(CommandError::Store(_)) = result {
                conn.mark_suspect();
            }
            result
        })
        .await
        .map_err(|e| CommandError::Interrupted(e.into()))?
    }
}

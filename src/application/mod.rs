//! Command handling: load (snapshot + later events) → decide → append events and update read models, all
//! in one transaction, retried on fresh state when another writer got there first.

use crate::domain::{AccountCommand, AccountError, AccountEvent, AccountId, SharedAccount};
use crate::event_sourcing::{
    Aggregate, DecisionContext, DomainEvent, EventEnvelope, Metadata, Snapshotting, Versioned,
};
use crate::infrastructure::db::{DbConnection, DbPool};
use crate::infrastructure::event_store::{self, StoreError, now_micros};
use crate::infrastructure::schema::accounts;
use crate::infrastructure::snapshot_store;
use crate::projections;
use diesel::prelude::*;
use std::sync::PoisonError;
use std::time::Duration;
use uuid::Uuid;

/// How often a command is tried before a conflict is reported.
pub const MAX_ATTEMPTS: u32 = 20;

/// A snapshot is written whenever an account's version crosses a multiple of this.
///
/// A command decodes the events after the snapshot, on average half of this many; with 100
/// that decoding was over half of an expense POST's CPU (callgrind, docs/PERFORMANCE.md),
/// with 10 the POST costs 60% fewer instructions for one small `UPDATE` every tenth command.
pub const DEFAULT_SNAPSHOT_EVERY: i64 = 10;

/// Why a command did not go through.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// A business rule refused it; nothing was written.
    #[error(transparent)]
    Rejected(#[from] AccountError),
    /// Other writers kept changing the account; nothing was written.
    #[error("the account kept changing; try again")]
    Conflict,
    /// An id in the command belongs to another account; nothing was written.
    #[error("an id in the form belongs to something else")]
    IdTaken,
    /// The database is not reachable.
    #[error("the database is not reachable")]
    Unavailable(#[source] diesel::r2d2::PoolError),
    /// Storage failed; nothing was written.
    #[error("storage failed")]
    Store(#[source] StoreError),
}

/// What a command did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Executed {
    /// The account's version afterwards.
    pub version: i64,
    /// How many events were recorded (0 for a repeated or empty change).
    pub recorded: usize,
}

enum TxError {
    Rejected(AccountError),
    Store(StoreError),
}

impl From<diesel::result::Error> for TxError {
    fn from(e: diesel::result::Error) -> Self {
        TxError::Store(StoreError::from(e))
    }
}

impl From<StoreError> for TxError {
    fn from(e: StoreError) -> Self {
        TxError::Store(e)
    }
}

/// Runs commands against shared accounts.
#[derive(Clone)]
pub struct AccountService {
    pool: DbPool,
    snapshot_every: i64,
}

impl AccountService {
    /// A service over this pool, with snapshots every [`DEFAULT_SNAPSHOT_EVERY`] events.
    pub fn new(pool: DbPool) -> Self {
        AccountService {
            pool,
            snapshot_every: DEFAULT_SNAPSHOT_EVERY,
        }
    }

    /// Writes a snapshot every `every` events (at least 1).
    pub fn with_snapshot_every(mut self, every: i64) -> Self {
        self.snapshot_every = every.max(1);
        self
    }

    /// The pool, for read-side queries.
    pub fn pool(&self) -> &DbPool {
        &self.pool
    }

    /// Runs one command. Blocking: call from `web::block` or `spawn_blocking`.
    pub fn execute(
        &self,
        account_id: AccountId,
        command: &AccountCommand,
        metadata: &Metadata,
    ) -> Result<Executed, CommandError> {
        let mut conn = self.pool.get().map_err(CommandError::Unavailable)?;
        let gate = conn.write_gate();
        let _writing = gate
            .as_ref()
            .map(|g| g.lock().unwrap_or_else(PoisonError::into_inner));
        let context = DecisionContext {
            today: chrono::Utc::now().date_naive(),
        };
        let result = execute_with(
            &mut conn,
            account_id,
            command,
            metadata,
            &context,
            self.snapshot_every,
        );
        if let Err(CommandError::Store(_)) = result {
            conn.mark_suspect();
        }
        result
    }

    /// Loads an account's current state by replaying its events.
    pub fn load(&self, account_id: AccountId) -> Result<Versioned<SharedAccount>, CommandError> {
        let mut conn = self.pool.get().map_err(CommandError::Unavailable)?;
        let result = load_state(&mut conn, account_id).map_err(CommandError::Store);
        if result.is_err() {
            conn.mark_suspect();
        }
        result
    }
}

/// Replays all of an account's events into its full state (every expense and transfer).
pub fn load_state(
    conn: &mut DbConnection,
    account_id: AccountId,
) -> Result<Versioned<SharedAccount>, StoreError> {
    let events = event_store::load::<SharedAccount>(conn, account_id.0, 0)?;
    Ok(Versioned::replay(&events))
}

/// The state a command needs, without replaying the whole history: the newest snapshot, the
/// events after it, and the earlier events of the expenses and transfers that the command and
/// those later events are about.
pub fn load_for_command(
    conn: &mut DbConnection,
    account_id: AccountId,
    command: &AccountCommand,
) -> Result<Versioned<SharedAccount>, StoreError> {
    let Some((mut state, base)) = snapshot_store::load::<SharedAccount>(conn, account_id.0)? else {
        return load_state(conn, account_id);
    };
    let tail = event_store::load::<SharedAccount>(conn, account_id.0, base)?;
    let mut subjects: Vec<Uuid> = tail.iter().filter_map(|e| e.event.subject_id()).collect();
    subjects.extend(SharedAccount::subject(command));
    subjects.sort();
    subjects.dedup();
    for earlier in event_store::load_subjects::<SharedAccount>(conn, account_id.0, &subjects, base)?
    {
        state.hydrate(&earlier.event);
    }
    let mut version = base;
    for e in &tail {
        state.apply(&e.event);
        version = e.version;
    }
    Ok(Versioned { state, version })
}

/// Runs one command on this connection, retrying on conflicts, with default snapshots.
pub fn execute_on(
    conn: &mut DbConnection,
    account_id: AccountId,
    command: &AccountCommand,
    metadata: &Metadata,
    context: &DecisionContext,
) -> Result<Executed, CommandError> {
    execute_with(
        conn,
        account_id,
        command,
        metadata,
        context,
        DEFAULT_SNAPSHOT_EVERY,
    )
}

/// Runs one command on this connection, retrying on conflicts; writes a snapshot whenever the
/// account's version crosses a multiple of `snapshot_every`.
pub fn execute_with(
    conn: &mut DbConnection,
    account_id: AccountId,
    command: &AccountCommand,
    metadata: &Metadata,
    context: &DecisionContext,
    snapshot_every: i64,
) -> Result<Executed, CommandError> {
    let snapshot_every = snapshot_every.max(1);
    for attempt in 0..MAX_ATTEMPTS {
        let outcome = conn.transaction(|conn| {
            decide_and_commit(conn, account_id, command, metadata, context, snapshot_every)
        });
        match outcome {
            Ok(done) => return Ok(done),
            Err(TxError::Rejected(e)) => return Err(CommandError::Rejected(e)),
            Err(TxError::Store(StoreError::Conflict)) => {
                tracing::debug!(%account_id, attempt, "conflict, retrying on fresh state");
                // Short, growing, jittered pauses so colliding writers spread out.
                let jitter = u64::from(Uuid::new_v4().as_bytes()[0]) % 5;
                std::thread::sleep(Duration::from_millis(
                    u64::from(attempt.min(10)) * 2 + jitter,
                ));
            }
            Err(TxError::Store(StoreError::DuplicateId)) => return Err(CommandError::IdTaken),
            Err(TxError::Store(e)) => return Err(CommandError::Store(e)),
        }
    }
    Err(CommandError::Conflict)
}

fn decide_and_commit(
    conn: &mut DbConnection,
    account_id: AccountId,
    command: &AccountCommand,
    metadata: &Metadata,
    context: &DecisionContext,
    snapshot_every: i64,
) -> Result<Executed, TxError> {
    // Take the account's write lock before reading: on MariaDB this locks the account row,
    // on SQLite it takes the database's write lock. Writers to one account then queue
    // instead of colliding; the unique (aggregate id, version) key stays the guarantee.
    crate::infrastructure::db::on_backend!(conn, |c| diesel::update(
        accounts::table.find(account_id)
    )
    .set(accounts::version.eq(accounts::version))
    .execute(c))?;
    let current = load_for_command(conn, account_id, command)?;
    let new_events = current
        .state
        .handle(command, context)
        .map_err(TxError::Rejected)?;
    if new_events.is_empty() {
        return Ok(Executed {
            version: current.version,
            recorded: 0,
        });
    }
    let recorded_at = now_micros();
    let mut after = current.state;
    let mut envelopes: Vec<EventEnvelope<AccountEvent>> = Vec::with_capacity(new_events.len());
    for (i, event) in new_events.into_iter().enumerate() {
        after.apply(&event);
        envelopes.push(EventEnvelope {
            position: None,
            event_id: Uuid::now_v7(),
            aggregate_type: SharedAccount::TYPE,
            aggregate_id: account_id.0,
            version: current.version + 1 + i as i64,
            recorded_at,
            metadata: metadata.clone(),
            event,
        });
    }
    event_store::append(conn, &mut envelopes)?;
    projections::project(conn, account_id, &after, &envelopes)?;
    let new_version = current.version + envelopes.len() as i64;
    if new_version / snapshot_every != current.version / snapshot_every {
        snapshot_store::save(conn, account_id.0, &after, new_version)?;
    }
    Ok(Executed {
        version: new_version,
        recorded: envelopes.len(),
    })
}

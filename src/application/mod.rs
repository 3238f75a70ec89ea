//! Command handling through one door, [`AccountRepository::execute`]: retrieve the account
//! (snapshot + later events), let it decide, and persist what it decided (events, read
//! models, a snapshot when due) in one transaction, retried on fresh state when another
//! writer got there first. In the manner of EventSauce's `AggregateRootRepository`.

pub mod backup;
pub mod group_commit;
pub mod import;
pub mod progress;
pub mod rates;
pub mod recurring;
mod state_cache;
pub mod uploads;

use crate::clock::now_micros;
use crate::domain::{AccountCommand, AccountError, AccountEvent, AccountId, SharedAccount};
use crate::event_sourcing::{
    Aggregate, DecisionContext, DomainEvent, EventEnvelope, Metadata, Snapshotting, Versioned,
};
use crate::infrastructure::db::DbConnection;
use crate::infrastructure::event_store::{self, StoreError};
use crate::infrastructure::schema::accounts;
use crate::infrastructure::snapshot_store;
use crate::projections;
use crate::projections::kept_latest;
use diesel::prelude::*;
use state_cache::StateCache;
use std::sync::Arc;
use std::time::Duration;
use uuid::Uuid;

/// Whether `command` records a new expense, refund or transfer under an id its caller chose
/// (a repeated submit carries the same id).
fn records_new_entry(command: &AccountCommand) -> bool {
    matches!(
        command,
        AccountCommand::RecordExpense { .. }
            | AccountCommand::RecordRefund { .. }
            | AccountCommand::RecordTransfer { .. }
    )
}

/// Folds decided `events` into `state` and wraps each in an envelope after those already in
/// `envelopes`: the account's versions follow `base` (its version before them) in order.
fn record(
    state: &mut SharedAccount,
    envelopes: &mut Vec<EventEnvelope<AccountEvent>>,
    account_id: AccountId,
    base: i64,
    recorded_at: chrono::DateTime<chrono::Utc>,
    metadata: &Metadata,
    events: Vec<AccountEvent>,
) {
    for event in events {
        state.apply(&event);
        envelopes.push(EventEnvelope {
            position: None,
            event_id: Uuid::now_v7(),
            aggregate_type: SharedAccount::TYPE,
            aggregate_id: account_id.0,
            version: base + 1 + envelopes.len() as i64,
            recorded_at,
            metadata: metadata.clone(),
            event,
        });
    }
}

/// How often a command is tried before a conflict is reported.
pub const MAX_ATTEMPTS: u32 = 20;

/// Events written and projected together by one step of a large batch.
pub const PERSIST_SLICE: usize = 10_000;

/// Commands in a batch from which it gets a larger page cache (see `execute_all`).
const LARGE_BATCH: usize = 1_000;

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
    Unavailable(#[source] std::sync::Arc<diesel::r2d2::PoolError>),
    /// Storage failed; nothing was written.
    #[error("storage failed")]
    Store(#[source] StoreError),
    /// The worker running the command stopped before it answered (the server is stopping).
    #[error("the command's worker stopped")]
    Interrupted(#[source] anyhow::Error),
}

/// Why a batch of commands did not go through; nothing was written.
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
pub struct BatchError {
    /// The command that was refused, when one was.
    pub index: Option<usize>,
    /// Why.
    #[source]
    pub error: CommandError,
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

/// Shared accounts as a repository: it retrieves an account's state, lets the account decide
/// a command, and persists the decided events together with the read models and, by its
/// snapshot policy, a snapshot.
///
/// [`execute`](Self::execute) is the one way to run a command, for the web (through
/// `AppState::execute`, which lends it a pooled connection), the command line, the tests and
/// the benchmark. Blocking: call it from `web::block` or `spawn_blocking`.
///
/// Clones share the states kept for the command path (see `state_cache`): one repository,
/// cloned where needed, per database.
#[derive(Debug, Clone)]
pub struct AccountRepository {
    snapshot_every: i64,
    states: Arc<StateCache>,
}

impl Default for AccountRepository {
    /// Snapshots every [`DEFAULT_SNAPSHOT_EVERY`] events.
    fn default() -> Self {
        AccountRepository::with_snapshot_every(DEFAULT_SNAPSHOT_EVERY)
    }
}

/// What one command's transaction decided and wrote.
struct Decided {
    done: Executed,
    /// The last event written, for the check that the commit stored it (none: nothing written).
    last_event: Option<Uuid>,
    /// The account's state after the command, to keep once the commit is confirmed (taken
    /// when it was kept before the commit, see `execute`).
    state: Option<Versioned<SharedAccount>>,
}

impl AccountRepository {
    /// A repository that writes a snapshot whenever an account's version crosses a multiple
    /// of `every` (at least 1).
    pub fn with_snapshot_every(every: i64) -> Self {
        AccountRepository {
            snapshot_every: every.max(1),
            states: Arc::default(),
        }
    }

    /// Runs one command on this connection: in one transaction, take the account's write
    /// lock, retrieve its state, decide, append the events, update the read models and save
    /// a snapshot when due. A conflict with another writer is retried on fresh state.
    pub fn execute(
        &self,
        conn: &mut DbConnection,
        account_id: AccountId,
        command: &AccountCommand,
        metadata: &Metadata,
        context: &DecisionContext,
    ) -> Result<Executed, CommandError> {
        for attempt in 0..MAX_ATTEMPTS {
            // On MariaDB outside a cluster the state is kept before COMMIT, while the account
            // is still locked: the next writer of the account, queued on that lock, finds it.
            // Should the commit fail, the account's version is not the kept state's and the
            // entry is forgotten below. On a Galera node a COMMIT can answer OK for nothing
            // (see `was_committed`), so the state is kept only once the event is found; SQLite
            // keeps it after the commit too, its writers queue on the gate held until then.
            let keep_early = !conn.is_sqlite() && !Self::on_galera(conn);
            let mut from_kept = false;
            let outcome = Self::write_transaction(conn, |conn| {
                let mut decided = self.decide_and_persist(
                    conn,
                    account_id,
                    command,
                    metadata,
                    context,
                    &mut from_kept,
                )?;
                if keep_early && let Some(state) = decided.state.take() {
                    self.states.keep(account_id, state);
                }
                Ok(decided)
            });
            match outcome {
                Ok(decided) => {
                    let confirmed = match decided.last_event {
                        None => Ok(true),
                        Some(last_event) => Self::was_committed(conn, last_event),
                    };
                    match confirmed {
                        Ok(true) => {
                            if let Some(state) = decided.state {
                                self.states.keep(account_id, state);
                            }
                            return Ok(decided.done);
                        }
                        // The transaction was rolled back under us (see `was_committed`): like
                        // a conflict, decide again on fresh state.
                        Ok(false) => {
                            tracing::warn!(%account_id, attempt, "commit answered OK but nothing was committed; retrying");
                        }
                        Err(e) => {
                            self.states.forget(account_id);
                            return Err(CommandError::Store(e));
                        }
                    }
                }
                // Nothing was written and the state it was decided on is still the account's.
                Err(TxError::Rejected(e)) => return Err(CommandError::Rejected(e)),
                Err(TxError::Store(StoreError::Conflict)) => {
                    tracing::debug!(%account_id, attempt, "conflict, retrying on fresh state");
                }
                // From a kept state, a new entry's id is not looked up: the store refuses a
                // second row with it, and the store's state then tells a repeat from a clash.
                Err(TxError::Store(StoreError::DuplicateId)) if from_kept => {
                    tracing::debug!(%account_id, "an id already in the store; deciding on its state");
                    self.states.forget(account_id);
                    continue;
                }
                Err(TxError::Store(StoreError::DuplicateId)) => {
                    self.states.forget(account_id);
                    return Err(CommandError::IdTaken);
                }
                Err(TxError::Store(e)) => {
                    self.states.forget(account_id);
                    return Err(CommandError::Store(e));
                }
            }
            self.states.forget(account_id);
            // Short, growing, jittered pauses so colliding writers spread out.
            let jitter = u64::from(Uuid::new_v4().as_bytes()[0]) % 5;
            std::thread::sleep(Duration::from_millis(
                u64::from(attempt.min(10)) * 2 + jitter,
            ));
        }
        Err(CommandError::Conflict)
    }

    /// Runs `write` in one transaction. On a Galera node autocommit is off meanwhile: when
    /// another node's write aborts the transaction between two statements, the statements
    /// sent after the abort must not be committed one by one. The cluster test found exactly
    /// that: a command's event and expense row stored without its monthly totals (another
    /// time, without its list count) — statements that ran after the abort, each committed
    /// alone, while the retry found the event and recorded nothing more. With autocommit off
    /// they wait for the COMMIT, which `persist`'s last check refuses unless the command's
    /// first event is in the same transaction.
    fn write_transaction<T>(
        conn: &mut DbConnection,
        write: impl FnOnce(&mut DbConnection) -> Result<T, TxError>,
    ) -> Result<T, TxError> {
        let guarded = Self::on_galera(conn);
        if guarded {
            diesel::sql_query("SET autocommit = 0").execute(conn)?;
        }
        let outcome = match conn {
            #[cfg(feature = "mysql")]
            DbConnection::Mysql(_) => Self::prepared_transaction(conn, write),
            #[allow(unreachable_patterns)]
            _ => conn.transaction(write),
        };
        if guarded && let Err(error) = diesel::sql_query("SET autocommit = 1").execute(conn) {
            // After COMMIT or ROLLBACK nothing is pending; a connection that cannot take this
            // is broken and the pool drops it.
            tracing::error!(%error, "cannot turn autocommit back on");
        }
        outcome
    }

    /// A MySQL transaction by statements the connection keeps prepared (see
    /// `db::mysql_tx`), rolled back on an error or a panic. Nothing in `write` may start a
    /// transaction of its own: Diesel does not know about this one.
    #[cfg(feature = "mysql")]
    fn prepared_transaction<T>(
        conn: &mut DbConnection,
        write: impl FnOnce(&mut DbConnection) -> Result<T, TxError>,
    ) -> Result<T, TxError> {
        use crate::infrastructure::db::mysql_tx;
        let DbConnection::Mysql(c) = conn else {
            unreachable!("a MySQL transaction on another backend");
        };
        mysql_tx::begin(c)?;
        let written = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| write(&mut *conn)));
        let DbConnection::Mysql(c) = conn else {
            unreachable!("a MySQL transaction on another backend");
        };
        let rollback = |c: &mut diesel::MysqlConnection| {
            if let Err(error) = mysql_tx::rollback(c) {
                // A connection that cannot roll back is gone; the next use finds out.
                tracing::error!(%error, "cannot roll back");
            }
        };
        match written {
            Ok(Ok(value)) => match mysql_tx::commit(c) {
                Ok(()) => Ok(value),
                Err(e) => {
                    rollback(c);
                    Err(e.into())
                }
            },
            Ok(Err(e)) => {
                rollback(c);
                Err(e)
            }
            Err(panic) => {
                rollback(c);
                std::panic::resume_unwind(panic)
            }
        }
    }

    /// Whether this connection is to a Galera node (one of this process's connections found
    /// one; a process uses one database).
    fn on_galera(conn: &DbConnection) -> bool {
        !conn.is_sqlite() && crate::infrastructure::db::galera_seen()
    }

    /// Whether the command's last event is really stored, asked on the same connection right
    /// after COMMIT answered OK. On a Galera node a transaction can be rolled back by another
    /// node's write at any moment (a brute-force abort); the next statement then fails with
    /// 1213, but if that statement was the COMMIT of a transaction whose error went unseen,
    /// the COMMIT itself answers OK with nothing committed. A write is acknowledged only when
    /// its event is there. SQLite and a MariaDB server outside a cluster cannot lose a commit
    /// that way and are not asked.
    fn was_committed(conn: &mut DbConnection, last_event: Uuid) -> Result<bool, StoreError> {
        if !Self::on_galera(conn) {
            return Ok(true);
        }
        event_store::exists(conn, last_event)
    }

    /// Runs independent commands (each for its own request) together, for the group commit
    /// (see [`group_commit`]): any commands on SQLite, one account's on MySQL/MariaDB outside
    /// a Galera cluster; otherwise each command is simply run by itself. Each account's
    /// commands are decided in order on the state the one before left and written as one
    /// (see [`decide_batch_and_persist`](Self::decide_batch_and_persist)); a refused command
    /// writes nothing and the others go on. One commit (one sync to disk) for all, and
    /// nothing is answered before it. On SQLite each account's commands have a savepoint of
    /// their own: should the store fail them, they are rolled back alone and each is run by
    /// itself after the commit; if the transaction cannot be committed, every command is
    /// run by itself.
    pub fn execute_group(
        &self,
        conn: &mut DbConnection,
        commands: &[&group_commit::QueuedCommand],
    ) -> Vec<Result<Executed, CommandError>> {
        let alone = |conn: &mut DbConnection, c: &group_commit::QueuedCommand| {
            self.execute(conn, c.account_id, &c.command, &c.metadata, &c.context)
        };
        // MySQL/MariaDB: only commands of one account go together (row locks already let
        // writers of different accounts commit side by side, and one transaction locking two
        // accounts could deadlock with another instance's); a Galera node needs `execute`'s
        // checks for every command.
        let one_account = commands
            .iter()
            .all(|c| c.account_id == commands[0].account_id);
        if commands.len() == 1 || (!conn.is_sqlite() && (!one_account || Self::on_galera(conn))) {
            return commands.iter().map(|c| alone(conn, c)).collect();
        }
        if !conn.is_sqlite() {
            return self.execute_account_batch(conn, commands);
        }
        // SQLite: every account's commands together, one savepoint per account.
        let mut groups: Vec<(AccountId, Vec<usize>)> = Vec::new();
        for (i, c) in commands.iter().enumerate() {
            match groups.iter_mut().find(|(a, _)| *a == c.account_id) {
                Some((_, indices)) => indices.push(i),
                None => groups.push((c.account_id, vec![i])),
            }
        }
        let mut results: Vec<Option<Result<Executed, CommandError>>> =
            commands.iter().map(|_| None).collect();
        let mut again = Vec::new();
        // The states the batch leaves, kept only once it is committed (`None`: forget).
        let mut left: Vec<(AccountId, Option<Versioned<SharedAccount>>)> = Vec::new();
        let committed = conn.transaction::<(), diesel::result::Error, _>(|conn| {
            for (account_id, indices) in &groups {
                let group: Vec<&group_commit::QueuedCommand> =
                    indices.iter().map(|&i| commands[i]).collect();
                let mut decided = Vec::with_capacity(group.len());
                let written = conn.transaction(|conn| {
                    decided.clear();
                    self.decide_batch_and_persist(conn, *account_id, &group, &mut decided)
                });
                match written {
                    Ok(state) => {
                        left.push((*account_id, Some(state)));
                        for (&i, result) in indices.iter().zip(decided) {
                            results[i] = Some(result);
                        }
                    }
                    // Rolled back to its savepoint; each of its commands runs by itself
                    // once the others are committed.
                    Err(error) => {
                        Self::log_failed_batch(&error);
                        left.push((*account_id, None));
                        again.extend_from_slice(indices);
                    }
                }
            }
            Ok(())
        });
        match committed {
            Ok(()) => {
                for (account, state) in left {
                    match state {
                        Some(state) => self.states.keep(account, state),
                        None => self.states.forget(account),
                    }
                }
                for i in again {
                    results[i] = Some(alone(conn, commands[i]));
                }
                results
                    .into_iter()
                    .map(|r| r.unwrap_or(Err(CommandError::Conflict)))
                    .collect()
            }
            Err(error) => {
                for (account, _) in left {
                    self.states.forget(account);
                }
                tracing::warn!(%error, "a batch of commands could not be committed; running each by itself");
                commands.iter().map(|c| alone(conn, c)).collect()
            }
        }
    }

    /// One account's commands in one MySQL/MariaDB transaction (by the statements the
    /// connection keeps prepared, see `write_transaction`), written as
    /// [`decide_batch_and_persist`](Self::decide_batch_and_persist) does; any failure of the
    /// store rolls the whole batch back and runs every command by itself.
    fn execute_account_batch(
        &self,
        conn: &mut DbConnection,
        commands: &[&group_commit::QueuedCommand],
    ) -> Vec<Result<Executed, CommandError>> {
        let account_id = commands[0].account_id;
        let mut results = Vec::with_capacity(commands.len());
        let written = Self::write_transaction(conn, |conn| {
            results.clear();
            self.decide_batch_and_persist(conn, account_id, commands, &mut results)
        });
        match written {
            Ok(left) => {
                self.states.keep(account_id, left);
                results
            }
            Err(failed) => {
                self.states.forget(account_id);
                Self::log_failed_batch(&failed);
                commands
                    .iter()
                    .map(|c| self.execute(conn, c.account_id, &c.command, &c.metadata, &c.context))
                    .collect()
            }
        }
    }

    fn log_failed_batch(failed: &TxError) {
        match failed {
            // A repeated submit of an entry older than the kept state knows.
            TxError::Store(StoreError::DuplicateId) => {
                tracing::debug!(
                    "an id of the batch already in the store; running each command by itself"
                );
            }
            TxError::Store(e) => {
                tracing::warn!(error = %e, "a batch of commands could not be written; running each by itself");
            }
            TxError::Rejected(e) => {
                tracing::warn!(error = %e, "a batch of commands could not be written; running each by itself");
            }
        }
    }

    /// One account's commands, inside the caller's transaction: the account is locked and
    /// read once, each command is decided on the state the one before left, and what they
    /// decided is written together, as an import's events are: one insert of all their
    /// events, one of their expense rows, one of their shares, one update of the account's
    /// row and the touched balances. A refused command writes nothing and the others go on
    /// (`results` gets one entry per command, in order). Returns the state the batch leaves.
    fn decide_batch_and_persist(
        &self,
        conn: &mut DbConnection,
        account_id: AccountId,
        commands: &[&group_commit::QueuedCommand],
        results: &mut Vec<Result<Executed, CommandError>>,
    ) -> Result<Versioned<SharedAccount>, TxError> {
        let mut from_kept = false;
        let (current, from_snapshot) =
            self.lock_and_load(conn, account_id, &commands[0].command, &mut from_kept)?;
        let base = current.version;
        let mut state = current.state;
        let mut envelopes: Vec<EventEnvelope<AccountEvent>> = Vec::new();
        for (i, c) in commands.iter().enumerate() {
            if i > 0 {
                // Its subject was not read with the account's state: the store has it as of
                // `base`, nothing of this batch is written yet.
                Self::read_subject(conn, account_id, &mut state, &c.command, base)?;
            }
            let events = match state.handle(&c.command, &c.context) {
                Ok(events) => events,
                Err(e) => {
                    results.push(Err(CommandError::Rejected(e)));
                    continue;
                }
            };
            let recorded = events.len();
            let at = now_micros();
            record(
                &mut state,
                &mut envelopes,
                account_id,
                base,
                at,
                &c.metadata,
                events,
            );
            results.push(Ok(Executed {
                version: base + envelopes.len() as i64,
                recorded,
            }));
        }
        if envelopes.is_empty() {
            return Ok(Versioned {
                state,
                version: base,
            });
        }
        let replayed_long_history = !from_snapshot && base >= self.snapshot_every;
        let (done, _, snapshotted) = self.persist(
            conn,
            account_id,
            base,
            &state,
            &mut envelopes,
            replayed_long_history,
        )?;
        // As in `decide_and_persist`: after a snapshot, keep what the store would give.
        if snapshotted {
            state = SharedAccount::restore(state.snapshot());
        }
        Ok(Versioned {
            state,
            version: done.version,
        })
    }

    /// Folds into `state` the earlier events of the expense or transfer that `command`
    /// corrects, deletes or restores, when `state` (kept, or a snapshot's) lacks them; the
    /// store is at `version`. A new entry's id is not looked up: the store's key refuses a
    /// second row with it (see `execute`).
    fn read_subject(
        conn: &mut DbConnection,
        account_id: AccountId,
        state: &mut SharedAccount,
        command: &AccountCommand,
        version: i64,
    ) -> Result<(), StoreError> {
        if let Some(subject) = SharedAccount::subject(command)
            && !state.holds(subject)
            && !records_new_entry(command)
        {
            for earlier in
                event_store::load_subject::<SharedAccount>(conn, account_id.0, subject, version)?
            {
                state.hydrate(&earlier.event);
            }
        }
        Ok(())
    }

    /// Runs several commands as one: decided in order on the state each leaves, then every
    /// event they record appended in one transaction (an import, a restore). All or nothing:
    /// a refusal names the index of the command refused and nothing is written.
    pub fn execute_all(
        &self,
        conn: &mut DbConnection,
        account_id: AccountId,
        commands: &[AccountCommand],
        metadata: &Metadata,
        context: &DecisionContext,
    ) -> Result<Executed, BatchError> {
        // A batch of thousands of events outgrows SQLite's default page cache: spilling dirty
        // pages to the log mid-transaction writes them several times over.
        let large = commands.len() >= LARGE_BATCH;
        if large {
            crate::infrastructure::db::set_batch_cache(conn, true);
        }
        let outcome = self.execute_all_attempts(conn, account_id, commands, metadata, context);
        // Written by a path of its own: the next command reads the account from the store.
        self.states.forget(account_id);
        if large {
            crate::infrastructure::db::set_batch_cache(conn, false);
        }
        outcome
    }

    fn execute_all_attempts(
        &self,
        conn: &mut DbConnection,
        account_id: AccountId,
        commands: &[AccountCommand],
        metadata: &Metadata,
        context: &DecisionContext,
    ) -> Result<Executed, BatchError> {
        for attempt in 0..MAX_ATTEMPTS {
            let mut refused = None;
            let outcome = Self::write_transaction(conn, |conn| {
                self.decide_all_and_persist(
                    conn,
                    account_id,
                    commands,
                    metadata,
                    context,
                    &mut refused,
                )
            });
            match outcome {
                Ok((done, None)) => return Ok(done),
                Ok((done, Some(last_event))) => match Self::was_committed(conn, last_event) {
                    Ok(true) => return Ok(done),
                    Ok(false) => {
                        tracing::warn!(%account_id, attempt, "commit answered OK but nothing was committed; retrying the batch");
                    }
                    Err(e) => {
                        return Err(BatchError {
                            index: None,
                            error: CommandError::Store(e),
                        });
                    }
                },
                Err(TxError::Rejected(e)) => {
                    return Err(BatchError {
                        index: refused,
                        error: CommandError::Rejected(e),
                    });
                }
                Err(TxError::Store(StoreError::Conflict)) => {
                    tracing::debug!(%account_id, attempt, "conflict, retrying the batch");
                }
                Err(TxError::Store(StoreError::DuplicateId)) => {
                    return Err(BatchError {
                        index: None,
                        error: CommandError::IdTaken,
                    });
                }
                Err(TxError::Store(e)) => {
                    return Err(BatchError {
                        index: None,
                        error: CommandError::Store(e),
                    });
                }
            }
            let jitter = u64::from(Uuid::new_v4().as_bytes()[0]) % 5;
            std::thread::sleep(Duration::from_millis(
                u64::from(attempt.min(10)) * 2 + jitter,
            ));
        }
        Err(BatchError {
            index: None,
            error: CommandError::Conflict,
        })
    }

    fn decide_all_and_persist(
        &self,
        conn: &mut DbConnection,
        account_id: AccountId,
        commands: &[AccountCommand],
        metadata: &Metadata,
        context: &DecisionContext,
        refused: &mut Option<usize>,
    ) -> Result<(Executed, Option<Uuid>), TxError> {
        crate::infrastructure::db::on_backend!(conn, |c| diesel::update(
            accounts::table.find(account_id)
        )
        .set(accounts::version.eq(accounts::version))
        .execute(c))?;
        // A batch may touch any expense: the whole history, not a snapshot's partial view.
        let current = Self::retrieve(conn, account_id)?;
        let recorded_at = now_micros();
        let mut after = current.state;
        let mut envelopes: Vec<EventEnvelope<AccountEvent>> = Vec::new();
        for (index, command) in commands.iter().enumerate() {
            let events = after.handle(command, context).map_err(|e| {
                *refused = Some(index);
                TxError::Rejected(e)
            })?;
            let base = current.version;
            record(
                &mut after,
                &mut envelopes,
                account_id,
                base,
                recorded_at,
                metadata,
                events,
            );
        }
        if envelopes.is_empty() {
            let unchanged = Executed {
                version: current.version,
                recorded: 0,
            };
            return Ok((unchanged, None));
        }
        self.persist(
            conn,
            account_id,
            current.version,
            &after,
            &mut envelopes,
            false,
        )
        .map(|(done, last_event, _)| (done, last_event))
    }

    /// An account's whole current state (every expense and transfer), replayed from all of
    /// its events.
    pub fn retrieve(
        conn: &mut DbConnection,
        account_id: AccountId,
    ) -> Result<Versioned<SharedAccount>, StoreError> {
        let events = event_store::load::<SharedAccount>(conn, account_id.0, 0)?;
        Ok(Versioned::replay(&events))
    }

    /// The state a command needs, without replaying the whole history: the newest snapshot,
    /// the events after it, and the earlier events of the expenses and transfers that the
    /// command and those later events are about.
    pub fn retrieve_for(
        conn: &mut DbConnection,
        account_id: AccountId,
        command: &AccountCommand,
    ) -> Result<Versioned<SharedAccount>, StoreError> {
        Self::retrieve_for_command(conn, account_id, command).map(|(current, _)| current)
    }

    /// [`retrieve_for`](Self::retrieve_for), and whether a snapshot was found (false when
    /// there is none or none this code can read).
    fn retrieve_for_command(
        conn: &mut DbConnection,
        account_id: AccountId,
        command: &AccountCommand,
    ) -> Result<(Versioned<SharedAccount>, bool), StoreError> {
        let snapshot = snapshot_store::load::<SharedAccount>(conn, account_id.0)?;
        Self::retrieve_from(conn, account_id, command, snapshot)
    }

    /// Takes the account's write lock and retrieves the state `command` needs: the state
    /// this process kept, when the locked row says the account is still at its version
    /// (then only the command's subject may need reading), else the newest snapshot and what
    /// [`retrieve_from`](Self::retrieve_from) reads after it. On MySQL the lock, the version
    /// and the snapshot are one `SELECT … FOR UPDATE` of the account's row joined to its
    /// snapshot's; on SQLite an `UPDATE` of the row takes the database's write lock first.
    /// The flag says whether the state came from a snapshot or the kept state (false: a
    /// replay of the whole history).
    fn lock_and_load(
        &self,
        conn: &mut DbConnection,
        account_id: AccountId,
        command: &AccountCommand,
        from_kept: &mut bool,
    ) -> Result<(Versioned<SharedAccount>, bool), StoreError> {
        let (locked_version, snapshot) = match conn {
            #[cfg(feature = "mysql")]
            DbConnection::Mysql(c) => {
                use crate::infrastructure::schema::snapshots;
                use crate::infrastructure::snapshot_store::SnapshotRow;
                let rows: Vec<(i64, Option<SnapshotRow>)> = accounts::table
                    .left_join(
                        snapshots::table.on(snapshots::aggregate_id.eq(accounts::account_id)),
                    )
                    .filter(accounts::account_id.eq(account_id))
                    .select((
                        accounts::version,
                        (
                            snapshots::aggregate_id,
                            snapshots::aggregate_type,
                            snapshots::version,
                            snapshots::schema_version,
                            snapshots::state,
                            snapshots::taken_at,
                        )
                            .nullable(),
                    ))
                    .limit(1)
                    .for_update()
                    .load(c)?;
                match rows.into_iter().next() {
                    Some((version, row)) => (Some(version), Some(row)),
                    None => (None, Some(None)),
                }
            }
            #[cfg(feature = "sqlite")]
            DbConnection::Sqlite(c) => {
                // The update takes the write lock; it and the read of the version are kept
                // prepared (Diesel would prepare an UPDATE of its own building anew each time).
                use crate::infrastructure::db::kept_sqlite::{Statement, Value};
                enum TakeWriteLock {}
                let locked = Statement::<TakeWriteLock>::new(
                    "UPDATE accounts SET version = version WHERE account_id = ?",
                    vec![Value::Bytes(account_id.0.as_bytes())],
                )
                .run(c)?;
                let version = if locked == 0 {
                    None
                } else {
                    Some(
                        accounts::table
                            .find(account_id)
                            .select(accounts::version)
                            .get_result::<i64>(c)?,
                    )
                };
                // No snapshot read yet: `retrieve_from`'s caller reads it below.
                (version, None::<Option<snapshot_store::SnapshotRow>>)
            }
        };
        // Looked up now that the account is locked: a writer that held the lock before kept
        // its state before letting go (see `execute`).
        if let Some(known) = self.states.get(account_id)
            && locked_version == Some(known.version)
        {
            *from_kept = true;
            let mut state = known.state;
            Self::read_subject(conn, account_id, &mut state, command, known.version)?;
            let current = Versioned {
                state,
                version: known.version,
            };
            return Ok((current, true));
        }
        let snapshot = match snapshot {
            Some(row) => {
                row.and_then(|row| snapshot_store::readable::<SharedAccount>(account_id.0, row))
            }
            None => snapshot_store::load::<SharedAccount>(conn, account_id.0)?,
        };
        Self::retrieve_from(conn, account_id, command, snapshot)
    }

    /// The state a command needs from the newest `snapshot` (`None`: replay everything).
    fn retrieve_from(
        conn: &mut DbConnection,
        account_id: AccountId,
        command: &AccountCommand,
        snapshot: Option<(SharedAccount, i64)>,
    ) -> Result<(Versioned<SharedAccount>, bool), StoreError> {
        let Some((mut state, base)) = snapshot else {
            return Ok((Self::retrieve(conn, account_id)?, false));
        };
        let events = event_store::load_for_command::<SharedAccount>(
            conn,
            account_id.0,
            base,
            SharedAccount::subject(command),
        )?;
        for earlier in &events.earlier {
            state.hydrate(&earlier.event);
        }
        let mut version = base;
        for e in &events.tail {
            state.apply(&e.event);
            version = e.version;
        }
        Ok((Versioned { state, version }, true))
    }

    /// The account as it was right after the event at `version`: members and balances
    /// exactly, and the expenses and transfers of the events after the snapshot it starts
    /// from (not every expense: lists come from elsewhere). From the newest snapshot in the
    /// history at or before `version` and the few events after it; without one, a replay from
    /// the start. A `version` beyond the newest gives the newest state.
    pub fn retrieve_at(
        conn: &mut DbConnection,
        account_id: AccountId,
        version: i64,
    ) -> Result<Versioned<SharedAccount>, StoreError> {
        let (mut state, base) =
            snapshot_store::load_at_or_before::<SharedAccount>(conn, account_id.0, version)?
                .unwrap_or_default();
        let tail = event_store::load_range::<SharedAccount>(conn, account_id.0, base, version)?;
        if base > 0 {
            // A correction or deletion after the snapshot takes back what the expense booked
            // before it: fold those expenses' earlier events in first, without balances.
            let mut subjects: Vec<Uuid> =
                tail.iter().filter_map(|e| e.event.subject_id()).collect();
            subjects.sort();
            subjects.dedup();
            for earlier in
                event_store::load_subjects::<SharedAccount>(conn, account_id.0, &subjects, base)?
            {
                state.hydrate(&earlier.event);
            }
        }
        let mut folded = base;
        for e in &tail {
            state.apply(&e.event);
            folded = e.version;
        }
        Ok(Versioned {
            state,
            version: folded,
        })
    }

    fn decide_and_persist(
        &self,
        conn: &mut DbConnection,
        account_id: AccountId,
        command: &AccountCommand,
        metadata: &Metadata,
        context: &DecisionContext,
        from_kept: &mut bool,
    ) -> Result<Decided, TxError> {
        // Take the account's write lock before reading: on MariaDB this locks the account
        // row, on SQLite it takes the database's write lock. Writers to one account then
        // queue instead of colliding; the unique (aggregate id, version) key stays the
        // guarantee. On a Galera cluster the lock only queues the writers of one node: a
        // writer on another node is stopped at certification (its events take the same
        // (aggregate id, version) keys and it changes the same `accounts` row), which comes
        // back here as a conflict and is retried.
        let (current, from_snapshot) = self.lock_and_load(conn, account_id, command, from_kept)?;
        let new_events = current
            .state
            .handle(command, context)
            .map_err(TxError::Rejected)?;
        if new_events.is_empty() {
            return Ok(Decided {
                done: Executed {
                    version: current.version,
                    recorded: 0,
                },
                last_event: None,
                state: Some(current),
            });
        }
        let recorded_at = now_micros();
        let mut after = current.state;
        let mut envelopes: Vec<EventEnvelope<AccountEvent>> = Vec::with_capacity(new_events.len());
        let base = current.version;
        record(
            &mut after,
            &mut envelopes,
            account_id,
            base,
            recorded_at,
            metadata,
            new_events,
        );
        let replayed_long_history = !from_snapshot && current.version >= self.snapshot_every;
        let (done, last_event, snapshotted) = self.persist(
            conn,
            account_id,
            current.version,
            &after,
            &mut envelopes,
            replayed_long_history,
        )?;
        // Right after a snapshot, the store would give the snapshot alone: keep that, so the
        // expenses touched since do not pile up in memory.
        if snapshotted {
            after = SharedAccount::restore(after.snapshot());
        }
        Ok(Decided {
            state: Some(Versioned {
                state: after,
                version: done.version,
            }),
            done,
            last_event,
        })
    }

    /// Appends decided events after `version`, brings the read models up to date with the
    /// state they leave (`after`) and saves a snapshot when due, with the latest expenses
    /// beside it for the as-of view (read after projecting). Returns the last event's id, for
    /// the check that the commit really stored it. `snapshot_missing`: the state was replayed
    /// from the first event although the account is long enough to have a snapshot (none
    /// yet, or one of a format this code no longer reads), so one is saved now.
    fn persist(
        &self,
        conn: &mut DbConnection,
        account_id: AccountId,
        version: i64,
        after: &SharedAccount,
        envelopes: &mut [EventEnvelope<AccountEvent>],
        snapshot_missing: bool,
    ) -> Result<(Executed, Option<Uuid>, bool), TxError> {
        // A large batch (an import) goes in slices: the rows being encoded stay few, and each
        // slice says how far it is (the command line shows it; the server log keeps it).
        let total = envelopes.len();
        let mut written = 0;
        for slice in envelopes.chunks_mut(PERSIST_SLICE) {
            event_store::append_for_command(conn, slice)?;
            projections::project(conn, account_id, after, slice)?;
            written += slice.len();
            if total > PERSIST_SLICE {
                tracing::info!(%account_id, written, total, "writing events: {written} of {total}");
                progress::report(written, total);
            }
        }
        let new_version = version + envelopes.len() as i64;
        let snapshot_due =
            snapshot_missing || new_version / self.snapshot_every != version / self.snapshot_every;
        if snapshot_due {
            let latest = kept_latest::to_json(&kept_latest::from_read_model(conn, account_id)?)
                .map_err(StoreError::from)?;
            snapshot_store::save(conn, account_id.0, after, new_version, Some(&latest))?;
        }
        // Still the transaction that appended the events (see `write_transaction`)? If another
        // node's write aborted it, what ran since is a new transaction without them: refuse it.
        if Self::on_galera(conn)
            && let Some(first) = envelopes.first()
            && !event_store::exists(conn, first.event_id)?
        {
            tracing::warn!(%account_id, "the transaction was aborted under the command; retrying");
            return Err(TxError::Store(StoreError::Conflict));
        }
        let done = Executed {
            version: new_version,
            recorded: envelopes.len(),
        };
        Ok((done, envelopes.last().map(|e| e.event_id), snapshot_due))
    }
}

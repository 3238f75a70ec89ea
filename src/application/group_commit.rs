//! Group commit: commands that arrive while another batch is being written wait, and are
//! then written together, in one transaction with one sync to disk. On SQLite one queue for
//! the database; on MariaDB/MySQL one queue per account ([`AccountGroups`]).
//!
//! SQLite takes one writer at a time and, with `synchronous = FULL`, syncs its log on every
//! commit; a command alone spends most of its time there, so 16 writers got no more done
//! than one. Here the first waiting command's thread leads: it takes every command queued
//! so far (up to [`MAX_BATCH`]), runs each inside a savepoint of one transaction (so each is
//! still all or nothing: a refused command leaves no trace and the others go on), commits
//! once, and only then answers every command of the batch. Commands queued meanwhile form
//! the next batch, led by the first of them.
//!
//! MariaDB lets writers of different accounts commit side by side, but the writers of one
//! account take turns on its row lock, each holding it through its own COMMIT and the sync
//! of the redo log behind it. Queued per account, they take the lock once per batch, and
//! the commands after the first decide on the state the one before left (see
//! `state_cache`), without reading it again.

use super::{AccountRepository, CommandError, Executed};
use crate::domain::{AccountCommand, AccountId};
use crate::event_sourcing::{DecisionContext, Metadata};
use crate::infrastructure::db::DbPool;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};

/// Most commands written by one transaction: a batch holds the write lock for its whole
/// length, and the reads of other requests wait for none of it (WAL), but the next batch does.
pub const MAX_BATCH: usize = 32;

/// Accounts whose queues are kept at most before the idle ones are dropped.
const MAX_ACCOUNT_GROUPS: usize = 1024;

/// One [`GroupCommit`] queue per account (MariaDB/MySQL).
#[derive(Default)]
pub struct AccountGroups {
    groups: Mutex<HashMap<AccountId, Arc<GroupCommit>>>,
}

impl AccountGroups {
    /// The queue of `account`'s commands.
    pub fn of(&self, account: AccountId) -> Arc<GroupCommit> {
        let mut groups = self.groups.lock().unwrap_or_else(PoisonError::into_inner);
        if groups.len() >= MAX_ACCOUNT_GROUPS && !groups.contains_key(&account) {
            // A queue only this map holds has no command waiting or being written.
            groups.retain(|_, group| Arc::strong_count(group) > 1);
        }
        groups.entry(account).or_default().clone()
    }
}

/// One command with what it is run with.
pub struct QueuedCommand {
    /// The account.
    pub account_id: AccountId,
    /// What to do.
    pub command: AccountCommand,
    /// Who and which request, for the events.
    pub metadata: Metadata,
    /// The decision's clock.
    pub context: DecisionContext,
}

/// The queue of commands waiting to be written (one per SQLite database, one per account on
/// MariaDB/MySQL).
#[derive(Default)]
pub struct GroupCommit {
    queue: Mutex<Queue>,
    batches: AtomicU64,
}

#[derive(Default)]
struct Queue {
    waiting: VecDeque<Arc<Job>>,
    /// Whether a thread is writing a batch; while none is, nothing waits.
    leading: bool,
}

struct Job {
    command: QueuedCommand,
    slot: Mutex<Slot>,
    changed: Condvar,
}

enum Slot {
    Waiting,
    /// This job's thread writes the next batch.
    Lead,
    Done(Result<Executed, CommandError>),
}

impl Job {
    fn set(&self, slot: Slot) {
        *self.slot.lock().unwrap_or_else(PoisonError::into_inner) = slot;
        self.changed.notify_one();
    }

    /// Waits until the job is done or its thread is to lead.
    fn wait(&self) -> Option<Result<Executed, CommandError>> {
        let mut slot = self.slot.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            match std::mem::replace(&mut *slot, Slot::Waiting) {
                Slot::Waiting => {
                    slot = self
                        .changed
                        .wait(slot)
                        .unwrap_or_else(PoisonError::into_inner);
                }
                Slot::Lead => return None,
                Slot::Done(result) => return Some(result),
            }
        }
    }

    fn take_result(&self) -> Option<Result<Executed, CommandError>> {
        let mut slot = self.slot.lock().unwrap_or_else(PoisonError::into_inner);
        match std::mem::replace(&mut *slot, Slot::Waiting) {
            Slot::Done(result) => Some(result),
            other => {
                *slot = other;
                None
            }
        }
    }
}

impl GroupCommit {
    /// Runs `command` with the commands queued beside it; returns once its batch is
    /// committed (or refused). Blocking. The pool's write gate is held while a batch is
    /// written, so imports and other writers of this process queue behind it as before.
    pub fn execute(
        &self,
        pool: &DbPool,
        repository: &AccountRepository,
        command: QueuedCommand,
    ) -> Result<Executed, CommandError> {
        let job = Arc::new(Job {
            command,
            slot: Mutex::new(Slot::Waiting),
            changed: Condvar::new(),
        });
        let lead_now = {
            let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
            queue.waiting.push_back(job.clone());
            !std::mem::replace(&mut queue.leading, true)
        };
        if !lead_now && let Some(result) = job.wait() {
            return result;
        }
        // Leading: this job is first in the queue, so it is in the batch written now.
        self.write_batch(pool, repository);
        job.take_result()
            .unwrap_or_else(|| Err(CommandError::Conflict))
    }

    /// Writes the queued commands (up to [`MAX_BATCH`]), answers them, and hands the lead to
    /// the first command still waiting. The batch is taken once the write gate is held, so
    /// the commands that arrived while the gate was busy go with it.
    fn write_batch(&self, pool: &DbPool, repository: &AccountRepository) {
        let mut conn = pool.get().map_err(Arc::new);
        let gate = conn.as_ref().ok().and_then(|c| c.write_gate());
        let writing = gate
            .as_ref()
            .map(|g| g.lock().unwrap_or_else(PoisonError::into_inner));
        let batch: Vec<Arc<Job>> = {
            let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
            let n = queue.waiting.len().min(MAX_BATCH);
            queue.waiting.drain(..n).collect()
        };
        let commands: Vec<&QueuedCommand> = batch.iter().map(|job| &job.command).collect();
        // Every job is answered even if writing panics, and the lead is passed on: a waiting
        // thread must never be left without a leader.
        let results = match &mut conn {
            Ok(conn) => {
                let written = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    repository.execute_group(conn, &commands)
                }));
                match written {
                    Ok(results) => {
                        if results
                            .iter()
                            .any(|r| matches!(r, Err(CommandError::Store(_))))
                        {
                            conn.mark_suspect();
                        }
                        results
                    }
                    Err(_) => commands
                        .iter()
                        .map(|_| {
                            Err(CommandError::Interrupted(anyhow::anyhow!(
                                "writing the batch panicked"
                            )))
                        })
                        .collect(),
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "no connection for a batch of commands");
                commands
                    .iter()
                    .map(|_| Err(CommandError::Unavailable(e.clone())))
                    .collect()
            }
        };
        drop(writing);
        drop(conn);
        self.batches.fetch_add(1, Ordering::Relaxed);
        for (job, result) in batch.iter().zip(results) {
            job.set(Slot::Done(result));
        }
        let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
        match queue.waiting.front() {
            Some(next) => next.set(Slot::Lead),
            None => queue.leading = false,
        }
    }

    /// Commands waiting for their batch (the one being written is no longer counted).
    pub fn queued(&self) -> usize {
        self.queue
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .waiting
            .len()
    }

    /// Batches written so far.
    pub fn batches(&self) -> u64 {
        self.batches.load(Ordering::Relaxed)
    }
}

//! A lossless backup of one account: its whole event stream as one versioned JSON document,
//! and the restore that writes those very events (same ids, versions, times, payloads and
//! metadata) into another instance, then builds the read models from them. A backup of the
//! restored account is byte-identical to the original, on either backend.

use super::DEFAULT_SNAPSHOT_EVERY;
use crate::domain::{AccountEvent, AccountId, SharedAccount};
use crate::event_sourcing::{Aggregate, DomainEvent, Versioned};
use crate::infrastructure::db::DbConnection;
use crate::infrastructure::event_store::{self, EventRow, StoreError};
use crate::infrastructure::schema::events;
use crate::infrastructure::snapshot_store;
use crate::projections;
use crate::projections::kept_latest::{self, KEPT, LatestFold};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use uuid::Uuid;

/// The `format` field of every backup.
pub const BACKUP_FORMAT: &str = "tally-account-backup";
/// The document's layout version; a restore refuses newer ones.
pub const BACKUP_VERSION: u32 = 1;

const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.6fZ";

/// The document.
#[derive(Serialize, Deserialize)]
struct Backup {
    format: String,
    version: u32,
    account_id: Uuid,
    events: Vec<BackupEvent>,
}

/// One stored event, payload and metadata kept as the exact JSON text stored.
#[derive(Serialize, Deserialize)]
struct BackupEvent {
    event_id: Uuid,
    version: i64,
    event_type: String,
    schema_version: i32,
    recorded_at: String,
    subject_id: Option<Uuid>,
    metadata: Box<RawValue>,
    payload: Box<RawValue>,
}

/// Why a backup cannot be written or restored; a refused restore writes nothing.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// No events for that id.
    #[error("there is no account {0}")]
    NoAccount(AccountId),
    /// The account already exists where it is restored.
    #[error(
        "the account {0} already exists here; a backup restores into an instance that does not have it"
    )]
    Exists(AccountId),
    /// Not a backup, or a broken one.
    #[error("not a tally backup: {0}")]
    Malformed(String),
    /// Written by a newer tally.
    #[error("this backup has format version {0}; this tally reads version {BACKUP_VERSION}")]
    Newer(u32),
    /// Storage failed.
    #[error("storage failed")]
    Store(#[from] StoreError),
}

impl From<diesel::result::Error> for BackupError {
    fn from(e: diesel::result::Error) -> Self {
        BackupError::Store(StoreError::from(e))
    }
}

fn rows(conn: &mut DbConnection, account: AccountId) -> Result<Vec<EventRow>, BackupError> {
    let rows = crate::infrastructure::db::on_backend!(conn, |c| events::table
        .filter(events::aggregate_id.eq(account.0.as_bytes().as_slice()))
        .order(events::version.asc())
        .select(EventRow::as_select())
        .load(c))?;
    Ok(rows)
}

/// The account's whole event stream as a JSON document (pretty, ending in a newline).
pub fn export_account(conn: &mut DbConnection, account: AccountId) -> Result<Vec<u8>, BackupError> {
    let rows = rows(conn, account)?;
    if rows.is_empty() {
        return Err(BackupError::NoAccount(account));
    }
    let bad = |what: &str| BackupError::Malformed(format!("a stored event has {what}"));
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(BackupEvent {
            event_id: Uuid::from_slice(&row.event_id).map_err(|_| bad("a malformed id"))?,
            version: row.version,
            event_type: row.event_type,
            schema_version: row.schema_version,
            recorded_at: row.recorded_at.format(TIME_FORMAT).to_string(),
            subject_id: row.subject_id.and_then(|s| Uuid::from_slice(&s).ok()),
            metadata: RawValue::from_string(row.metadata).map_err(|_| bad("malformed metadata"))?,
            payload: RawValue::from_string(row.payload).map_err(|_| bad("a malformed payload"))?,
        });
    }
    let backup = Backup {
        format: BACKUP_FORMAT.to_string(),
        version: BACKUP_VERSION,
        account_id: account.0,
        events: out,
    };
    let text = serde_json::to_string_pretty(&backup)
        .map_err(|e| BackupError::Malformed(format!("cannot write JSON: {e}")))?;
    // Markup characters as JSON escapes: a restore stores the payloads so escaped, which
    // reads the same and keeps the next backup byte-identical.
    let mut bytes = crate::import::write::escape_markup(&text).into_bytes();
    bytes.push(b'\n');
    Ok(bytes)
}

#[derive(Insertable)]
#[diesel(table_name = events)]
struct RestoredRow<'a> {
    event_id: &'a [u8],
    aggregate_type: &'a str,
    aggregate_id: &'a [u8],
    version: i64,
    event_type: &'a str,
    schema_version: i32,
    payload: &'a str,
    metadata: &'a str,
    recorded_at: NaiveDateTime,
    subject_id: Option<&'a [u8]>,
}

/// Restores a backup into this instance, in one transaction: the events as they were, then
/// the read models and a snapshot built from them. Returns the account's id.
pub fn import_account(conn: &mut DbConnection, bytes: &[u8]) -> Result<AccountId, BackupError> {
    let backup: Backup =
        serde_json::from_slice(bytes).map_err(|e| BackupError::Malformed(e.to_string()))?;
    if backup.format != BACKUP_FORMAT {
        return Err(BackupError::Malformed(format!(
            "format is “{}”",
            backup.format
        )));
    }
    if backup.version > BACKUP_VERSION {
        return Err(BackupError::Newer(backup.version));
    }
    let account = AccountId(backup.account_id);
    // Every event must be one this code reads, in versions 1, 2, 3 …, before anything is written.
    let mut times = Vec::with_capacity(backup.events.len());
    for (i, e) in backup.events.iter().enumerate() {
        if e.version != i as i64 + 1 {
            return Err(BackupError::Malformed(format!(
                "event {} has version {}",
                i + 1,
                e.version
            )));
        }
        AccountEvent::from_stored(&e.event_type, e.schema_version, e.payload.get())
            .map_err(|err| BackupError::Malformed(format!("event {}: {err}", e.version)))?;
        times.push(
            NaiveDateTime::parse_from_str(&e.recorded_at, TIME_FORMAT)
                .map_err(|_| BackupError::Malformed(format!("event {}: bad time", e.version)))?,
        );
    }
    if backup.events.is_empty() {
        return Err(BackupError::Malformed("it holds no events".into()));
    }
    conn.transaction(|conn| {
        if !rows(conn, account)?.is_empty() {
            return Err(BackupError::Exists(account));
        }
        for (e, at) in backup.events.iter().zip(&times) {
            let subject = e.subject_id.map(|s| *s.as_bytes());
            let row = RestoredRow {
                event_id: e.event_id.as_bytes(),
                aggregate_type: SharedAccount::TYPE,
                aggregate_id: account.0.as_bytes(),
                version: e.version,
                event_type: &e.event_type,
                schema_version: e.schema_version,
                payload: e.payload.get(),
                metadata: e.metadata.get(),
                recorded_at: *at,
                subject_id: subject.as_ref().map(|s| s.as_slice()),
            };
            crate::infrastructure::db::on_backend!(conn, |c| diesel::insert_into(events::table)
                .values(&row)
                .execute(c))?;
        }
        let envelopes = event_store::load::<SharedAccount>(conn, account.0, 0)?;
        // Snapshots kept along the way as the command path keeps them, with the latest
        // expenses then, so the as-of view of a restored account is as quick as of any other.
        let mut replayed = Versioned::<SharedAccount>::default();
        let mut latest = LatestFold::default();
        for envelope in &envelopes {
            replayed.state.apply(&envelope.event);
            replayed.version = envelope.version;
            latest.apply(envelope);
            if envelope.version % DEFAULT_SNAPSHOT_EVERY == 0 {
                let list = kept_latest::to_json(&latest.top(KEPT)).map_err(StoreError::from)?;
                snapshot_store::save_in_history(
                    conn,
                    account.0,
                    &replayed.state,
                    replayed.version,
                    Some(&list),
                )?;
            }
        }
        projections::project(conn, account, &replayed.state, &envelopes)?;
        let list = kept_latest::to_json(&latest.top(KEPT)).map_err(StoreError::from)?;
        snapshot_store::save(
            conn,
            account.0,
            &replayed.state,
            replayed.version,
            Some(&list),
        )?;
        Ok(account)
    })
}

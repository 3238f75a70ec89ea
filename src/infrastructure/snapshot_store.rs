//! Snapshots: the newest saved state of each aggregate, so loading does not grow with history;
//! and every snapshot ever taken (`snapshot_history`), so the state at any past version is a
//! snapshot plus a few events (the as-of view).

use super::db::DbConnection;
use super::event_store::StoreError;
use super::schema::{snapshot_history, snapshots};
use crate::clock::now_micros;
use crate::event_sourcing::Snapshotting;
use diesel::prelude::*;
use uuid::Uuid;

/// A stored snapshot row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = snapshots)]
pub struct SnapshotRow {
    /// Which aggregate.
    pub aggregate_id: Vec<u8>,
    /// Its type.
    pub aggregate_type: String,
    /// The version of the last event folded in.
    pub version: i64,
    /// The snapshot format's version.
    pub schema_version: i32,
    /// The state as JSON.
    pub state: String,
    /// When it was written.
    pub taken_at: chrono::NaiveDateTime,
}

/// The newest snapshot this code can read, with its version; `None` when there is none or
/// it was written in a format this code does not know (then the caller replays everything).
pub fn load<A: Snapshotting>(
    conn: &mut DbConnection,
    aggregate_id: Uuid,
) -> Result<Option<(A, i64)>, StoreError> {
    let row: Option<SnapshotRow> =
        crate::infrastructure::db::on_backend!(conn, |c| snapshots::table
            .find(aggregate_id.as_bytes().as_slice())
            .select(SnapshotRow::as_select())
            .first(c))
        .optional()?;
    Ok(row.and_then(|row| readable::<A>(aggregate_id, row)))
}

/// The state in a row, if this code knows its format.
pub fn readable<A: Snapshotting>(aggregate_id: Uuid, row: SnapshotRow) -> Option<(A, i64)> {
    if row.schema_version != A::SNAPSHOT_SCHEMA_VERSION || row.aggregate_type != A::TYPE {
        tracing::warn!(%aggregate_id, schema_version = row.schema_version, "ignoring a snapshot of an unknown format");
        return None;
    }
    match serde_json::from_str::<A::Snapshot>(&row.state) {
        Ok(snapshot) => Some((A::restore(snapshot), row.version)),
        Err(error) => {
            tracing::warn!(%aggregate_id, %error, "ignoring an unreadable snapshot");
            None
        }
    }
}

/// The newest snapshot taken at or before `version` that this code can read, with its
/// version; `None` when there is none (the caller replays from the start).
pub fn load_at_or_before<A: Snapshotting>(
    conn: &mut DbConnection,
    aggregate_id: Uuid,
    version: i64,
) -> Result<Option<(A, i64)>, StoreError> {
    // One step down the primary key (aggregate_id, version).
    let row: Option<SnapshotRow> =
        crate::infrastructure::db::on_backend!(conn, |c| snapshot_history::table
            .filter(snapshot_history::aggregate_id.eq(aggregate_id.as_bytes().as_slice()))
            .filter(snapshot_history::version.le(version))
            .order(snapshot_history::version.desc())
            .select((
                snapshot_history::aggregate_id,
                snapshot_history::aggregate_type,
                snapshot_history::version,
                snapshot_history::schema_version,
                snapshot_history::state,
                snapshot_history::taken_at,
            ))
            .first(c))
        .optional()?;
    Ok(row.and_then(|row| readable::<A>(aggregate_id, row)))
}

/// Saves (or replaces) an aggregate's newest snapshot, and keeps it in the history too, with
/// `latest` (the kept latest expenses, JSON) beside it. Call inside the command's transaction.
pub fn save<A: Snapshotting>(
    conn: &mut DbConnection,
    aggregate_id: Uuid,
    state: &A,
    version: i64,
    latest: Option<&str>,
) -> Result<(), StoreError> {
    let json = serde_json::to_string(&state.snapshot())?;
    let id = aggregate_id.as_bytes().as_slice();
    let now = now_micros().naive_utc();
    // No upsert on the shared backend: update, and insert when there was nothing to update.
    let updated = crate::infrastructure::db::on_backend!(conn, |c| diesel::update(
        snapshots::table.find(id)
    )
    .set((
        snapshots::version.eq(version),
        snapshots::schema_version.eq(A::SNAPSHOT_SCHEMA_VERSION),
        snapshots::state.eq(&json),
        snapshots::taken_at.eq(now),
    ))
    .execute(c))?;
    if updated == 0 {
        crate::infrastructure::db::on_backend!(conn, |c| diesel::insert_into(snapshots::table)
            .values((
                snapshots::aggregate_id.eq(id),
                snapshots::aggregate_type.eq(A::TYPE),
                snapshots::version.eq(version),
                snapshots::schema_version.eq(A::SNAPSHOT_SCHEMA_VERSION),
                snapshots::state.eq(&json),
                snapshots::taken_at.eq(now),
            ))
            .execute(c))?;
    }
    save_history(
        conn,
        aggregate_id,
        A::TYPE,
        A::SNAPSHOT_SCHEMA_VERSION,
        (&json, latest),
        version,
        now,
    )
}

/// Keeps a snapshot in the history (replacing one at the same version: a rebuild may save
/// again where it already did).
fn save_history(
    conn: &mut DbConnection,
    aggregate_id: Uuid,
    aggregate_type: &str,
    schema_version: i32,
    (json, latest): (&str, Option<&str>),
    version: i64,
    now: chrono::NaiveDateTime,
) -> Result<(), StoreError> {
    let id = aggregate_id.as_bytes().as_slice();
    let updated = crate::infrastructure::db::on_backend!(conn, |c| diesel::update(
        snapshot_history::table.find((id, version))
    )
    .set((
        snapshot_history::schema_version.eq(schema_version),
        snapshot_history::state.eq(json),
        snapshot_history::taken_at.eq(now),
        snapshot_history::latest.eq(latest),
    ))
    .execute(c))?;
    if updated == 0 {
        crate::infrastructure::db::on_backend!(conn, |c| diesel::insert_into(
            snapshot_history::table
        )
        .values((
            snapshot_history::aggregate_id.eq(id),
            snapshot_history::version.eq(version),
            snapshot_history::aggregate_type.eq(aggregate_type),
            snapshot_history::schema_version.eq(schema_version),
            snapshot_history::state.eq(json),
            snapshot_history::taken_at.eq(now),
            snapshot_history::latest.eq(latest),
        ))
        .execute(c))?;
    }
    Ok(())
}

/// Keeps a snapshot of `state` at `version` in the history only (a rebuild's intermediate
/// points; the newest is saved with [`save`]), with `latest` beside it.
pub fn save_in_history<A: Snapshotting>(
    conn: &mut DbConnection,
    aggregate_id: Uuid,
    state: &A,
    version: i64,
    latest: Option<&str>,
) -> Result<(), StoreError> {
    let json = serde_json::to_string(&state.snapshot())?;
    let now = now_micros().naive_utc();
    save_history(
        conn,
        aggregate_id,
        A::TYPE,
        A::SNAPSHOT_SCHEMA_VERSION,
        (&json, latest),
        version,
        now,
    )
}

/// The newest kept snapshot at or before `version`: its version and its list of latest
/// expenses (`None` for a snapshot kept before lists were); `None` when there is none.
pub fn latest_at_or_before(
    conn: &mut DbConnection,
    aggregate_id: Uuid,
    version: i64,
) -> Result<Option<(i64, Option<String>)>, StoreError> {
    let row: Option<(i64, Option<String>)> =
        crate::infrastructure::db::on_backend!(conn, |c| snapshot_history::table
            .filter(snapshot_history::aggregate_id.eq(aggregate_id.as_bytes().as_slice()))
            .filter(snapshot_history::version.le(version))
            .order(snapshot_history::version.desc())
            .select((snapshot_history::version, snapshot_history::latest))
            .first(c))
        .optional()?;
    Ok(row)
}

/// One aggregate's kept lists of latest expenses by version, oldest first, for `verify`.
pub fn latest_history_of(
    conn: &mut DbConnection,
    aggregate_id: &[u8],
) -> Result<Vec<(i64, Option<String>)>, StoreError> {
    Ok(crate::infrastructure::db::on_backend!(conn, |c| {
        snapshot_history::table
            .filter(snapshot_history::aggregate_id.eq(aggregate_id))
            .order(snapshot_history::version.asc())
            .select((snapshot_history::version, snapshot_history::latest))
            .load(c)
    })?)
}

/// One aggregate's history of snapshots, oldest first, for `verify`.
pub fn history_of(
    conn: &mut DbConnection,
    aggregate_id: &[u8],
) -> Result<Vec<SnapshotRow>, StoreError> {
    Ok(crate::infrastructure::db::on_backend!(conn, |c| {
        snapshot_history::table
            .filter(snapshot_history::aggregate_id.eq(aggregate_id))
            .order(snapshot_history::version.asc())
            .select((
                snapshot_history::aggregate_id,
                snapshot_history::aggregate_type,
                snapshot_history::version,
                snapshot_history::schema_version,
                snapshot_history::state,
                snapshot_history::taken_at,
            ))
            .load(c)
    })?)
}

/// Every snapshot row, for `verify`.
pub fn all(conn: &mut DbConnection) -> Result<Vec<SnapshotRow>, StoreError> {
    Ok(crate::infrastructure::db::on_backend!(conn, |c| {
        snapshots::table
            .select(SnapshotRow::as_select())
            .order(snapshots::aggregate_id.asc())
            .load(c)
    })?)
}

/// Removes every snapshot, newest and history (`rebuild-projections` writes fresh ones).
pub fn clear(conn: &mut DbConnection) -> Result<(), StoreError> {
    crate::infrastructure::db::on_backend!(conn, |c| diesel::delete(snapshots::table).execute(c))?;
    crate::infrastructure::db::on_backend!(conn, |c| diesel::delete(snapshot_history::table)
        .execute(c))?;
    Ok(())
}

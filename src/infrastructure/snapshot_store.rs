//! Snapshots: the newest saved state of each aggregate, so loading does not grow with history.

use super::db::DbConnection;
use super::event_store::StoreError;
use super::schema::snapshots;
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
    Ok(row.and_then(|row| {
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
    }))
}

/// Saves (or replaces) an aggregate's snapshot. Call inside the command's transaction.
pub fn save<A: Snapshotting>(
    conn: &mut DbConnection,
    aggregate_id: Uuid,
    state: &A,
    version: i64,
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
    Ok(())
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

/// Removes every snapshot (`rebuild-projections` writes fresh ones).
pub fn clear(conn: &mut DbConnection) -> Result<(), StoreError> {
    crate::infrastructure::db::on_backend!(conn, |c| diesel::delete(snapshots::table).execute(c))?;
    Ok(())
}

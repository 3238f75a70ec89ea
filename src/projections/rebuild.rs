//! Rebuilding every read model from the event store.

use super::kept_latest::{self, KEPT, LatestFold};
use super::project;
use super::rows::ReadModelDump;
use crate::application::DEFAULT_SNAPSHOT_EVERY;
use crate::domain::{AccountEvent, AccountId, SharedAccount};
use crate::event_sourcing::{Aggregate, EventEnvelope, Versioned};
use crate::infrastructure::db::DbConnection;
use crate::infrastructure::event_store::{self, EventRow, StoreError};
use crate::infrastructure::schema::events;
use crate::infrastructure::snapshot_store;
use diesel::prelude::*;
use std::collections::HashMap;

/// What a rebuild went through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RebuildReport {
    /// Events replayed.
    pub events: u64,
    /// Aggregates found.
    pub accounts: u64,
}

/// How many events are read from the store at a time.
const BATCH: i64 = 5_000;

/// Empties the read models and replays every event into them, in one transaction so a
/// failed rebuild leaves the old rows in place. `progress` is called with (done, total).
pub fn rebuild_projections(
    conn: &mut DbConnection,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<RebuildReport, StoreError> {
    conn.transaction(|conn| {
        ReadModelDump::clear(conn)?;
        snapshot_store::clear(conn)?;
        let (report, states, latest) =
            replay_into_read_models(conn, Some(DEFAULT_SNAPSHOT_EVERY), progress)?;
        // Fresh snapshots at each account's newest version, so loading stays fast.
        for (id, state) in &states {
            if let Ok(uuid) = uuid::Uuid::from_slice(id) {
                let list = latest
                    .get(id)
                    .map(|fold| fold.top(KEPT))
                    .unwrap_or_default();
                let list = kept_latest::to_json(&list)?;
                snapshot_store::save(conn, uuid, &state.state, state.version, Some(&list))?;
            }
        }
        Ok(report)
    })
}

/// Every account's folded state by aggregate id bytes.
pub(crate) type States = HashMap<Vec<u8>, Versioned<SharedAccount>>;

/// Every account's expenses folded for the kept latest lists, by aggregate id bytes (only
/// when the history is kept).
pub(crate) type LatestFolds = HashMap<Vec<u8>, LatestFold>;

/// Replays every event into (empty) read models; returns the folded states too. With
/// `history_every`, also keeps a snapshot in the (emptied) history at every multiple of it,
/// as the command path would have, with the latest expenses then.
pub(crate) fn replay_into_read_models(
    conn: &mut DbConnection,
    history_every: Option<i64>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(RebuildReport, States, LatestFolds), StoreError> {
    let total: i64 = events::table
        .filter(events::aggregate_type.eq(SharedAccount::TYPE))
        .count()
        .get_result(conn)?;
    let total = u64::try_from(total).unwrap_or(0);
    let mut states: States = HashMap::new();
    let mut latest: LatestFolds = HashMap::new();
    let mut done = 0_u64;
    // Pages by (aggregate id, version), the unique key, not by `position`: on a Galera
    // cluster positions come from each node's own auto-increment series and do not follow
    // commit order across nodes, so a page boundary by position could skip an event that
    // committed later with a smaller position. Accounts are independent; only each one's
    // own order matters, and the key gives it.
    let mut after: Option<(Vec<u8>, i64)> = None;
    progress(0, total);
    loop {
        let page = events::table
            .filter(events::aggregate_type.eq(SharedAccount::TYPE))
            .order((events::aggregate_id.asc(), events::version.asc()))
            .limit(BATCH)
            .select(EventRow::as_select());
        let rows: Vec<EventRow> = match &after {
            None => page.load(conn)?,
            Some((id, version)) => page
                .filter(
                    events::aggregate_id
                        .gt(id.as_slice())
                        .or(events::aggregate_id
                            .eq(id.as_slice())
                            .and(events::version.gt(*version))),
                )
                .load(conn)?,
        };
        let Some(last) = rows.last() else { break };
        after = Some((last.aggregate_id.clone(), last.version));
        // Consecutive events of one account are folded and then projected together, as a
        // command's events are: each balance and the account row are written once per run
        // instead of once per event (the rows are the same; `project` writes absolute values).
        let mut run: Vec<EventEnvelope<AccountEvent>> = Vec::new();
        for row in rows {
            let envelope = event_store::decode::<SharedAccount>(row)?;
            if run
                .last()
                .is_some_and(|prev| prev.aggregate_id != envelope.aggregate_id)
            {
                project_run(conn, &states, &mut run)?;
            }
            let state = states
                .entry(envelope.aggregate_id.as_bytes().to_vec())
                .or_default();
            state.state.apply(&envelope.event);
            state.version = envelope.version;
            if let Some(every) = history_every {
                let fold = latest
                    .entry(envelope.aggregate_id.as_bytes().to_vec())
                    .or_default();
                fold.apply(&envelope);
                if every > 0 && envelope.version % every == 0 {
                    let list = kept_latest::to_json(&fold.top(KEPT))?;
                    snapshot_store::save_in_history(
                        conn,
                        envelope.aggregate_id,
                        &state.state,
                        state.version,
                        Some(&list),
                    )?;
                }
            }
            run.push(envelope);
            done += 1;
        }
        project_run(conn, &states, &mut run)?;
        progress(done, total);
    }
    let report = RebuildReport {
        events: done,
        accounts: states.len() as u64,
    };
    Ok((report, states, latest))
}

/// Projects a run of one account's events (already folded into `states`) and empties it.
fn project_run(
    conn: &mut DbConnection,
    states: &States,
    run: &mut Vec<EventEnvelope<AccountEvent>>,
) -> Result<(), StoreError> {
    let Some(first) = run.first() else {
        return Ok(());
    };
    let account_id = AccountId(first.aggregate_id);
    if let Some(state) = states.get(first.aggregate_id.as_bytes().as_slice()) {
        project(conn, account_id, &state.state, run)?;
    }
    run.clear();
    Ok(())
}

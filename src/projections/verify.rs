//! `tally verify`: the read models and snapshots (newest and kept) equal a fresh replay, nets sum to zero,
//! versions are contiguous.

use super::kept_latest::{self, KEPT, LatestFold};
use super::rebuild::replay_into_read_models;
use super::rows::ReadModelDump;
use crate::domain::{AccountId, SharedAccount};
use crate::event_sourcing::{Aggregate, Snapshotting, Versioned};
use crate::infrastructure::db::DbConnection;
use crate::infrastructure::event_store::{self, StoreError};
use crate::infrastructure::schema::events;
use crate::infrastructure::snapshot_store;
use diesel::prelude::*;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// What `verify` found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerifyReport {
    /// Events checked.
    pub events: u64,
    /// Aggregates checked.
    pub aggregates: u64,
    /// Everything that is wrong, readable; empty when all is well.
    pub problems: Vec<String>,
}

impl VerifyReport {
    /// Whether nothing is wrong.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

enum Outcome {
    Replayed(Box<ReadModelDump>),
    Failed(StoreError),
}

impl From<diesel::result::Error> for Outcome {
    fn from(e: diesel::result::Error) -> Self {
        Outcome::Failed(StoreError::from(e))
    }
}

/// Runs every check. Read-only: the replay happens in a transaction that is rolled back.
pub fn verify(conn: &mut DbConnection) -> Result<VerifyReport, StoreError> {
    let mut report = VerifyReport::default();

    // Versions: each aggregate's run from 1 with no gap and no duplicate. Positions are not
    // checked for gaps (a Galera cluster hands them out in steps of its size, and a rolled
    // back insert leaves a hole anywhere), only that they rise with the versions of one
    // aggregate: the as-of view compares positions within an account.
    let versions: Vec<(Vec<u8>, i64, i64)> = events::table
        .select((events::aggregate_id, events::version, events::position))
        .order((events::aggregate_id.asc(), events::version.asc()))
        .load(conn)?;
    let mut by_aggregate: BTreeMap<Vec<u8>, Vec<i64>> = BTreeMap::new();
    let mut positions_fall: BTreeMap<Vec<u8>, i64> = BTreeMap::new();
    let mut previous: Option<(&[u8], i64)> = None;
    for (id, v, position) in &versions {
        if let Some((prev_id, prev_position)) = previous
            && prev_id == id.as_slice()
            && *position <= prev_position
        {
            positions_fall.entry(id.clone()).or_insert(*v);
        }
        previous = Some((id.as_slice(), *position));
        by_aggregate.entry(id.clone()).or_default().push(*v);
    }
    for (id, version) in &positions_fall {
        let id = shown(id);
        report.problems.push(format!(
            "aggregate {id}: the event at version {version} has a lower position than the one before it"
        ));
    }
    report.aggregates = by_aggregate.len() as u64;
    for (id, vs) in &by_aggregate {
        report.events += vs.len() as u64;
        let contiguous = vs.iter().enumerate().all(|(i, v)| *v == i as i64 + 1);
        if !contiguous {
            let id = shown(id);
            report.problems.push(format!(
                "aggregate {id}: versions are not contiguous from 1 (found {} events, last version {})",
                vs.len(),
                vs.last().copied().unwrap_or(0)
            ));
        }
    }

    let stored = ReadModelDump::read(conn)?;
    // Replay into empty tables inside a transaction, read the result, roll it all back.
    let replayed = conn.transaction::<(), Outcome, _>(|conn| {
        ReadModelDump::clear(conn)?;
        if let Err(e) = replay_into_read_models(conn, None, &mut |_, _| {}) {
            return Err(Outcome::Failed(e));
        }
        Err(Outcome::Replayed(Box::new(ReadModelDump::read(conn)?)))
    });
    let expected = match replayed {
        Err(Outcome::Replayed(dump)) => *dump,
        Err(Outcome::Failed(e)) => return Err(e),
        Ok(()) => ReadModelDump::default(),
    };
    report.problems.extend(stored.differences(&expected));

    // Snapshots: each equals a replay of its aggregate's events up to its version.
    for row in snapshot_store::all(conn)? {
        let Ok(id) = Uuid::from_slice(&row.aggregate_id) else {
            let id = shown(&row.aggregate_id);
            report.problems.push(format!(
                "snapshot of {id}: the aggregate id is not 16 bytes"
            ));
            continue;
        };
        if row.schema_version != SharedAccount::SNAPSHOT_SCHEMA_VERSION {
            // Never trusted, so harmless: loading replays instead. Worth knowing, not wrong.
            continue;
        }
        let events = event_store::load::<SharedAccount>(conn, id, 0)?;
        let replayed = Versioned::<SharedAccount>::replay(
            events.iter().take_while(|e| e.version <= row.version),
        );
        let stored = serde_json::from_str::<<SharedAccount as Snapshotting>::Snapshot>(&row.state);
        match stored {
            Ok(snapshot)
                if replayed.version == row.version && snapshot == replayed.state.snapshot() => {}
            Ok(_) => report.problems.push(format!(
                "snapshot of {id} at version {} differs from a replay of its events",
                row.version
            )),
            Err(e) => report.problems.push(format!(
                "snapshot of {id} at version {} cannot be read: {e}",
                row.version
            )),
        }
    }

    // The history of snapshots (the as-of view starts from them): each equals a replay up to
    // its version. One replay per aggregate, compared at each kept version on the way.
    for id in by_aggregate.keys() {
        let history = snapshot_store::history_of(conn, id)?;
        if history.is_empty() {
            continue;
        }
        let Ok(uuid) = Uuid::from_slice(id) else {
            continue;
        };
        let events = event_store::load::<SharedAccount>(conn, uuid, 0)?;
        let kept_lists: HashMap<i64, Option<String>> = snapshot_store::latest_history_of(conn, id)?
            .into_iter()
            .collect();
        let mut replayed = Versioned::<SharedAccount>::default();
        let mut fold = LatestFold::default();
        let mut next = events.iter().peekable();
        for row in history {
            while let Some(e) = next.next_if(|e| e.version <= row.version) {
                replayed.state.apply(&e.event);
                replayed.version = e.version;
                fold.apply(e);
            }
            // The latest expenses kept beside it are those of a replay up to its version.
            if let Some(Some(json)) = kept_lists.get(&row.version) {
                match kept_latest::from_json(json) {
                    Some(list) if list == fold.top(KEPT) => {}
                    Some(_) => report.problems.push(format!(
                        "latest expenses kept with the snapshot of {uuid} at version {} differ \
                         from a replay of its events",
                        row.version
                    )),
                    None => report.problems.push(format!(
                        "latest expenses kept with the snapshot of {uuid} at version {} cannot \
                         be read",
                        row.version
                    )),
                }
            }
            if row.schema_version != SharedAccount::SNAPSHOT_SCHEMA_VERSION {
                continue;
            }
            let stored =
                serde_json::from_str::<<SharedAccount as Snapshotting>::Snapshot>(&row.state);
            match stored {
                Ok(snapshot)
                    if replayed.version == row.version && snapshot == replayed.state.snapshot() => {
                }
                Ok(_) => report.problems.push(format!(
                    "kept snapshot of {uuid} at version {} differs from a replay of its events",
                    row.version
                )),
                Err(e) => report.problems.push(format!(
                    "kept snapshot of {uuid} at version {} cannot be read: {e}",
                    row.version
                )),
            }
        }
    }

    // Nets: every account's members sum to exactly zero, in the tables and in the replay.
    for (source, dump) in [("table", &stored), ("replay", &expected)] {
        let mut sums: BTreeMap<AccountId, i64> = BTreeMap::new();
        for m in &dump.members {
            *sums.entry(m.account_id).or_default() += m.net;
            if m.net != m.paid - m.owed + m.sent - m.received {
                report.problems.push(format!(
                    "{source}: member {} has net {} but paid − owed + sent − received = {}",
                    m.name,
                    m.net,
                    m.paid - m.owed + m.sent - m.received
                ));
            }
        }
        for (id, sum) in sums {
            if sum != 0 {
                report
                    .problems
                    .push(format!("{source}: account {id}: nets sum to {sum}, not 0"));
            }
        }
    }
    Ok(report)
}

/// An aggregate id for a message: the UUID, or the raw bytes when they are not one.
fn shown(bytes: &[u8]) -> String {
    Uuid::from_slice(bytes).map_or_else(|_| format!("{bytes:02x?}"), |id| id.to_string())
}

//! The event store: appends wrapped events under optimistic concurrency and reads them back.

use super::db::DbConnection;
use super::schema::events;
use crate::event_sourcing::{Aggregate, DecodeError, DomainEvent, EventEnvelope, Metadata};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use uuid::Uuid;

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Someone else appended to this aggregate first (unique aggregate id + version).
    #[error("the aggregate was changed concurrently")]
    Conflict,
    /// An id chosen by the caller (expense, transfer, member) is taken in another aggregate.
    #[error("an id given by the caller is already used elsewhere")]
    DuplicateId,
    /// A stored event cannot be read by this code.
    #[error("stored event at position {position} cannot be read")]
    Decode {
        /// Where it is.
        position: i64,
        /// Why.
        #[source]
        source: DecodeError,
    },
    /// A stored event's own id or its aggregate's id is not 16 bytes.
    #[error("stored event at position {position} has a malformed id")]
    MalformedId {
        /// Where it is.
        position: i64,
    },
    /// An event could not be turned into JSON.
    #[error("cannot serialise an event")]
    Serialize(#[from] serde_json::Error),
    /// The database failed.
    #[error("database error")]
    Database(#[source] DieselError),
}

impl From<DieselError> for StoreError {
    fn from(e: DieselError) -> Self {
        if is_conflict(&e) {
            StoreError::Conflict
        } else if matches!(
            e,
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)
        ) {
            // Read-model keys are global; the aggregate's rules already vouched for the ids
            // inside it, so a clash means an id from another account. Retrying cannot help.
            StoreError::DuplicateId
        } else {
            StoreError::Database(e)
        }
    }
}

/// Whether a database error means "another writer got there first": a duplicate
/// (aggregate id, version), or a deadlock / busy database that a retry on fresh state fixes.
pub fn is_conflict(e: &DieselError) -> bool {
    match e {
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
            // Only the (aggregate id, version) key: MariaDB names the index, SQLite the columns.
            let m = info.message();
            m.contains("events_aggregate_version")
                || m.contains("events.aggregate_id, events.version")
        }
        DieselError::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => true,
        DieselError::DatabaseError(_, info) => {
            // Error 1213 comes as `SerializationFailure` from a prepared statement but as an
            // unknown kind from a plain one such as COMMIT, where a Galera cluster reports a
            // failed certification; MariaDB words it either way.
            let m = info.message();
            m.contains("Deadlock found")
                || m.contains("deadlock/conflict")
                || m.contains("Lock wait timeout")
                || m.contains("database is locked")
                || m.contains("database is busy")
        }
        _ => false,
    }
}

/// One row of the `events` table.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = events)]
pub struct EventRow {
    /// Global order.
    pub position: i64,
    /// The event's id.
    pub event_id: Vec<u8>,
    /// The aggregate type's name.
    pub aggregate_type: String,
    /// The aggregate's id.
    pub aggregate_id: Vec<u8>,
    /// The aggregate's version after this event.
    pub version: i64,
    /// The event type's stable name.
    pub event_type: String,
    /// The payload's schema version.
    pub schema_version: i32,
    /// The event as JSON.
    pub payload: String,
    /// Who and which request, as JSON.
    pub metadata: String,
    /// When, UTC.
    pub recorded_at: NaiveDateTime,
    /// The expense or transfer the event is about.
    pub subject_id: Option<Vec<u8>>,
}

#[derive(Insertable)]
#[diesel(table_name = events)]
// A missing subject is NULL, not DEFAULT: SQLite then takes many rows in one statement.
#[diesel(treat_none_as_default_value = false)]
struct NewEventRow<'a> {
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

/// Turns a stored row back into a wrapped event.
pub fn decode<A: Aggregate>(row: EventRow) -> Result<EventEnvelope<A::Event>, StoreError> {
    let decode_error = |source| StoreError::Decode {
        position: row.position,
        source,
    };
    let event = A::Event::from_stored(&row.event_type, row.schema_version, &row.payload)
        .map_err(decode_error)?;
    let metadata: Metadata = serde_json::from_str(&row.metadata).unwrap_or_default();
    // A malformed id is an error, never a made-up (nil) id.
    let id = |bytes: &[u8]| {
        Uuid::from_slice(bytes).map_err(|_| StoreError::MalformedId {
            position: row.position,
        })
    };
    Ok(EventEnvelope {
        position: Some(row.position),
        event_id: id(&row.event_id)?,
        aggregate_type: A::TYPE,
        aggregate_id: id(&row.aggregate_id)?,
        version: row.version,
        recorded_at: row.recorded_at.and_utc(),
        metadata,
        event,
    })
}

/// Reads an aggregate's events after `after_version`, in version order.
pub fn load<A: Aggregate>(
    conn: &mut DbConnection,
    aggregate_id: Uuid,
    after_version: i64,
) -> Result<Vec<EventEnvelope<A::Event>>, StoreError> {
    let rows: Vec<EventRow> = crate::infrastructure::db::on_backend!(conn, |c| events::table
        .filter(events::aggregate_id.eq(aggregate_id.as_bytes().as_slice()))
        .filter(events::version.gt(after_version))
        .order(events::version.asc())
        .select(EventRow::as_select())
        .load(c))?;
    rows.into_iter().map(decode::<A>).collect()
}

/// Reads the events about these entities (expenses, transfers) up to `up_to_version`.
///
/// Rows with no `subject_id` whose type has a subject are read too and matched by their
/// payload: a previous version of tally, still running during a deploy, writes such rows.
pub fn load_subjects<A: Aggregate>(
    conn: &mut DbConnection,
    aggregate_id: Uuid,
    subjects: &[Uuid],
    up_to_version: i64,
) -> Result<Vec<EventEnvelope<A::Event>>, StoreError> {
    if subjects.is_empty() {
        return Ok(Vec::new());
    }
    let keys: Vec<Vec<u8>> = subjects.iter().map(|s| s.as_bytes().to_vec()).collect();
    let aggregate = aggregate_id.as_bytes().as_slice();
    // Two queries, not one with OR: each uses the (aggregate_id, subject_id, version) index
    // on both backends (SQLite would scan the whole history for the OR).
    let mut rows: Vec<EventRow> = crate::infrastructure::db::on_backend!(conn, |c| events::table
        .filter(events::aggregate_id.eq(aggregate))
        .filter(events::subject_id.eq_any(keys))
        .filter(events::version.le(up_to_version))
        .select(EventRow::as_select())
        .load(c))?;
    rows.extend(crate::infrastructure::db::on_backend!(conn, |c| {
        events::table
            .filter(events::aggregate_id.eq(aggregate))
            .filter(events::subject_id.is_null())
            .filter(events::event_type.eq_any(A::Event::SUBJECT_TYPES))
            .filter(events::version.le(up_to_version))
            .select(EventRow::as_select())
            .load::<EventRow>(c)
    })?);
    rows.sort_by_key(|r| r.version);
    let mut found = Vec::with_capacity(rows.len());
    for row in rows {
        let envelope = decode::<A>(row)?;
        if envelope
            .event
            .subject_id()
            .is_some_and(|s| subjects.contains(&s))
        {
            found.push(envelope);
        }
    }
    Ok(found)
}

/// [`load_subjects`] for one entity, in one statement: the rows marked with it and those an
/// older tally wrote unmarked, as a `UNION ALL` (each part served by an index).
pub fn load_subject<A: Aggregate>(
    conn: &mut DbConnection,
    aggregate_id: Uuid,
    subject: Uuid,
    up_to_version: i64,
) -> Result<Vec<EventEnvelope<A::Event>>, StoreError> {
    let key = subject.as_bytes().as_slice();
    let aggregate = aggregate_id.as_bytes().as_slice();
    let mut rows: Vec<EventRow> = crate::infrastructure::db::on_backend!(conn, |c| {
        let marked = events::table
            .filter(events::aggregate_id.eq(aggregate))
            .filter(events::subject_id.eq(key))
            .filter(events::version.le(up_to_version))
            .select(EventRow::as_select());
        let unmarked = events::table
            .filter(events::aggregate_id.eq(aggregate))
            .filter(events::subject_id.is_null())
            .filter(events::event_type.eq_any(A::Event::SUBJECT_TYPES))
            .filter(events::version.le(up_to_version))
            .select(EventRow::as_select());
        marked.union_all(unmarked).load::<EventRow>(c)
    })?;
    rows.sort_by_key(|r| r.version);
    let mut found = Vec::new();
    for row in rows {
        let envelope = decode::<A>(row)?;
        if envelope.event.subject_id() == Some(subject) {
            found.push(envelope);
        }
    }
    Ok(found)
}

/// What a command needs of an aggregate whose snapshot is at `base`, read in one statement:
/// the events after the snapshot (`tail`, in order) and the earlier events (`earlier`, in
/// order) of the entities that the tail and the command (`subject`) are about.
pub struct CommandEvents<E> {
    /// The events after the snapshot.
    pub tail: Vec<EventEnvelope<E>>,
    /// The earlier events of the entities concerned.
    pub earlier: Vec<EventEnvelope<E>>,
}

/// Reads [`CommandEvents`]: one `UNION ALL` of the tail, the earlier events of its subjects
/// (a subquery on the tail), those of the command's subject and rows written without a
/// subject by an older tally, each part served by an index. Same result as [`load`] followed
/// by [`load_subjects`], one round trip instead of three.
pub fn load_for_command<A: Aggregate>(
    conn: &mut DbConnection,
    aggregate_id: Uuid,
    base: i64,
    subject: Option<Uuid>,
) -> Result<CommandEvents<A::Event>, StoreError> {
    let aggregate = aggregate_id.as_bytes().as_slice();
    // No subject: an empty key, which no stored subject equals.
    let subject_key: Vec<u8> = subject.map(|s| s.as_bytes().to_vec()).unwrap_or_default();
    let mut rows: Vec<EventRow> = crate::infrastructure::db::on_backend!(conn, |c| {
        let tail = events::table
            .filter(events::aggregate_id.eq(aggregate))
            .filter(events::version.gt(base))
            .select(EventRow::as_select());
        let later = diesel::alias!(events as later);
        let tail_subjects = later
            .filter(later.field(events::aggregate_id).eq(aggregate))
            .filter(later.field(events::version).gt(base))
            .filter(later.field(events::subject_id).is_not_null())
            .select(later.field(events::subject_id));
        let of_tail = events::table
            .filter(events::aggregate_id.eq(aggregate))
            .filter(events::subject_id.eq_any(tail_subjects))
            .filter(events::version.le(base))
            .select(EventRow::as_select());
        let of_command = events::table
            .filter(events::aggregate_id.eq(aggregate))
            .filter(events::subject_id.eq(&subject_key))
            .filter(events::version.le(base))
            .select(EventRow::as_select());
        let unmarked = events::table
            .filter(events::aggregate_id.eq(aggregate))
            .filter(events::subject_id.is_null())
            .filter(events::event_type.eq_any(A::Event::SUBJECT_TYPES))
            .filter(events::version.le(base))
            .select(EventRow::as_select());
        tail.union_all(of_tail)
            .union_all(of_command)
            .union_all(unmarked)
            .load::<EventRow>(c)
    })?;
    rows.sort_by_key(|r| r.version);
    rows.dedup_by_key(|r| r.version);
    let mut tail = Vec::new();
    let mut earlier = Vec::new();
    // Subjects of tail rows an older tally wrote without the column: the subquery missed them.
    let mut unmarked_subjects = Vec::new();
    for row in rows {
        let marked = row.subject_id.is_some();
        let envelope = decode::<A>(row)?;
        if envelope.version > base {
            if let Some(s) = envelope.event.subject_id().filter(|_| !marked) {
                unmarked_subjects.push(s);
            }
            tail.push(envelope);
        } else {
            earlier.push((marked, envelope));
        }
    }
    let wanted: Vec<Uuid> = tail
        .iter()
        .filter_map(|e| e.event.subject_id())
        .chain(subject)
        .collect();
    // Rows with the column set were selected by it; unmarked ones by their payload.
    let mut earlier: Vec<EventEnvelope<A::Event>> = earlier
        .into_iter()
        .filter(|(marked, e)| *marked || e.event.subject_id().is_some_and(|s| wanted.contains(&s)))
        .map(|(_, e)| e)
        .collect();
    if !unmarked_subjects.is_empty() {
        unmarked_subjects.sort();
        unmarked_subjects.dedup();
        earlier.extend(load_subjects::<A>(
            conn,
            aggregate_id,
            &unmarked_subjects,
            base,
        )?);
        earlier.sort_by_key(|e| e.version);
        earlier.dedup_by_key(|e| e.version);
    }
    Ok(CommandEvents { tail, earlier })
}

/// Appends events; each must carry the next version. A taken version is a
/// [`StoreError::Conflict`]. Sets `position` on each envelope. Call inside a transaction.
///
/// Rows go in [`APPEND_CHUNK`] at a time, one multi-row statement each, and their positions
/// are read back in one statement per chunk: an import of 100,000 rows is a few hundred
/// statements, not 200,000.
pub fn append<E: DomainEvent>(
    conn: &mut DbConnection,
    envelopes: &mut [EventEnvelope<E>],
) -> Result<(), StoreError> {
    for chunk in envelopes.chunks_mut(APPEND_CHUNK) {
        append_chunk(conn, chunk)?;
    }
    Ok(())
}

/// Events per multi-row insert: 10 columns each keeps a statement under SQLite's 32,766
/// bound parameters and MySQL's 65,535 placeholders, and its text far under
/// `max_allowed_packet`.
const APPEND_CHUNK: usize = 500;

/// An envelope with its payload and metadata as stored text.
struct EncodedEvent<'a, E> {
    envelope: &'a EventEnvelope<E>,
    payload: String,
    metadata: String,
    subject: Option<Uuid>,
}

impl<E: DomainEvent> EncodedEvent<'_, E> {
    fn row(&self) -> NewEventRow<'_> {
        let envelope = self.envelope;
        NewEventRow {
            event_id: envelope.event_id.as_bytes(),
            aggregate_type: envelope.aggregate_type,
            aggregate_id: envelope.aggregate_id.as_bytes(),
            version: envelope.version,
            event_type: envelope.event.event_type(),
            schema_version: envelope.event.schema_version(),
            payload: &self.payload,
            metadata: &self.metadata,
            recorded_at: envelope.recorded_at.naive_utc(),
            subject_id: self.subject.as_ref().map(|s| s.as_bytes().as_slice()),
        }
    }
}

fn encode_rows<E: DomainEvent>(
    envelopes: &[EventEnvelope<E>],
) -> Result<Vec<EncodedEvent<'_, E>>, StoreError> {
    envelopes
        .iter()
        .map(|envelope| {
            Ok(EncodedEvent {
                envelope,
                payload: envelope.event.to_payload()?,
                metadata: serde_json::to_string(&envelope.metadata)?,
                subject: envelope.event.subject_id(),
            })
        })
        .collect()
}

/// [`append`] for the command path: on MySQL one event's position is not read back (the
/// common command records one event) and stays `None`; it is `LAST_INSERT_ID()` on this
/// connection until the next insert into `events`, which the projections use (see
/// `projections::project`).
pub fn append_for_command<E: DomainEvent>(
    conn: &mut DbConnection,
    envelopes: &mut [EventEnvelope<E>],
) -> Result<(), StoreError> {
    #[cfg(feature = "mysql")]
    if let DbConnection::Mysql(_) = conn
        && envelopes.len() == 1
    {
        let encoded = encode_rows(envelopes)?;
        let rows: Vec<NewEventRow> = encoded.iter().map(EncodedEvent::row).collect();
        crate::infrastructure::db::insert_rows!(conn, events::table, rows.as_slice())?;
        return Ok(());
    }
    append(conn, envelopes)
}

fn append_chunk<E: DomainEvent>(
    conn: &mut DbConnection,
    envelopes: &mut [EventEnvelope<E>],
) -> Result<(), StoreError> {
    let encoded = encode_rows(envelopes)?;
    let rows: Vec<NewEventRow> = encoded.iter().map(EncodedEvent::row).collect();
    // SQLite: each row by the single-row insert kept prepared (see `insert_rows!`), which
    // hands back its position.
    #[cfg(feature = "sqlite")]
    #[allow(irrefutable_let_patterns)]
    if let DbConnection::Sqlite(c) = conn {
        let mut positions = Vec::with_capacity(rows.len());
        for row in &rows {
            positions.push(
                diesel::insert_into(events::table)
                    .values(row)
                    .returning(events::position)
                    .get_result::<i64>(c)?,
            );
        }
        for (envelope, position) in envelopes.iter_mut().zip(positions) {
            envelope.position = Some(position);
        }
        return Ok(());
    }
    crate::infrastructure::db::insert_rows!(conn, events::table, rows.as_slice())?;
    let found = read_positions(conn, envelopes)?;
    let positions: std::collections::HashMap<Vec<u8>, i64> = found.into_iter().collect();
    for envelope in envelopes.iter_mut() {
        // Gone at once: another Galera node's write aborted the transaction after the insert.
        let position = positions.get(envelope.event_id.as_bytes().as_slice());
        envelope.position = Some(*position.ok_or(StoreError::Conflict)?);
    }
    Ok(())
}

/// The positions of just-inserted events, by event id: both backends hand them out in
/// insertion order (one event, the common case, by a statement the connection keeps prepared).
fn read_positions<E: DomainEvent>(
    conn: &mut DbConnection,
    envelopes: &[EventEnvelope<E>],
) -> Result<Vec<(Vec<u8>, i64)>, StoreError> {
    let ids: Vec<&[u8]> = envelopes
        .iter()
        .map(|e| e.event_id.as_bytes().as_slice())
        .collect();
    let found = match ids.as_slice() {
        [id] => crate::infrastructure::db::on_backend!(conn, |c| events::table
            .filter(events::event_id.eq(*id))
            .select((events::event_id, events::position))
            .load(c))?,
        _ => crate::infrastructure::db::on_backend!(conn, |c| events::table
            .filter(events::event_id.eq_any(&ids))
            .select((events::event_id, events::position))
            .load(c))?,
    };
    Ok(found)
}

/// Whether the event with this id is stored (as this connection sees it).
pub fn exists(conn: &mut DbConnection, event_id: Uuid) -> Result<bool, StoreError> {
    let found: Option<i64> = crate::infrastructure::db::on_backend!(conn, |c| events::table
        .filter(events::event_id.eq(event_id.as_bytes().as_slice()))
        .select(events::position)
        .first(c)
        .optional())?;
    Ok(found.is_some())
}

/// How many events an aggregate has.
pub fn count(conn: &mut DbConnection, aggregate_id: Uuid) -> Result<i64, StoreError> {
    // An aggregate's versions run 1, 2, 3… without gaps (each append expects the version
    // before it), so its newest version is its count: one step down the unique index
    // instead of counting every event, which grows with the history.
    let newest: Option<i64> = events::table
        .filter(events::aggregate_id.eq(aggregate_id.as_bytes().as_slice()))
        .select(diesel::dsl::max(events::version))
        .get_result(conn)?;
    Ok(newest.unwrap_or(0))
}

/// A page of an aggregate's events, newest first: at most `limit`, skipping the `offset`
/// newest, of an aggregate whose newest version is `newest` (its `count`). Read as a range of
/// versions (they have no gaps), so a page deep in the history costs what the first one does.
pub fn load_newest_first<A: Aggregate>(
    conn: &mut DbConnection,
    aggregate_id: Uuid,
    newest: i64,
    limit: i64,
    offset: i64,
) -> Result<Vec<EventEnvelope<A::Event>>, StoreError> {
    let up_to = newest.saturating_sub(offset.max(0));
    let after = up_to.saturating_sub(limit.max(0)).max(0);
    let mut page = load_range::<A>(conn, aggregate_id, after, up_to)?;
    page.reverse();
    Ok(page)
}

/// Reads an aggregate's events after `after_version` up to and including `up_to_version`,
/// in version order.
pub fn load_range<A: Aggregate>(
    conn: &mut DbConnection,
    aggregate_id: Uuid,
    after_version: i64,
    up_to_version: i64,
) -> Result<Vec<EventEnvelope<A::Event>>, StoreError> {
    let rows: Vec<EventRow> = crate::infrastructure::db::on_backend!(conn, |c| events::table
        .filter(events::aggregate_id.eq(aggregate_id.as_bytes().as_slice()))
        .filter(events::version.gt(after_version))
        .filter(events::version.le(up_to_version))
        .order(events::version.asc())
        .select(EventRow::as_select())
        .load(c))?;
    rows.into_iter().map(decode::<A>).collect()
}

/// The newest version of an aggregate and when it was recorded; `None` before its first event.
pub fn newest(
    conn: &mut DbConnection,
    aggregate_id: Uuid,
) -> Result<Option<(i64, NaiveDateTime)>, StoreError> {
    Ok(
        crate::infrastructure::db::on_backend!(conn, |c| events::table
            .filter(events::aggregate_id.eq(aggregate_id.as_bytes().as_slice()))
            .order(events::version.desc())
            .select((events::version, events::recorded_at))
            .first(c))
        .optional()?,
    )
}

/// The global position and recording time of an aggregate's event at `version`.
pub fn position_of(
    conn: &mut DbConnection,
    aggregate_id: Uuid,
    version: i64,
) -> Result<Option<(i64, NaiveDateTime)>, StoreError> {
    Ok(
        crate::infrastructure::db::on_backend!(conn, |c| events::table
            .filter(events::aggregate_id.eq(aggregate_id.as_bytes().as_slice()))
            .filter(events::version.eq(version))
            .select((events::position, events::recorded_at))
            .first(c))
        .optional()?,
    )
}

/// The version of the aggregate's last event recorded before `before` (UTC); `None` when
/// there was none yet.
pub fn last_version_before(
    conn: &mut DbConnection,
    aggregate_id: Uuid,
    before: NaiveDateTime,
) -> Result<Option<i64>, StoreError> {
    // Backwards along (aggregate_id, recorded_at, version): one step, not a scan. The events
    // of one command share a time, hence the version as the tie-break.
    Ok(
        crate::infrastructure::db::on_backend!(conn, |c| events::table
            .filter(events::aggregate_id.eq(aggregate_id.as_bytes().as_slice()))
            .filter(events::recorded_at.lt(before))
            .order((events::recorded_at.desc(), events::version.desc()))
            .select(events::version)
            .first(c))
        .optional()?,
    )
}

/// The distinct subjects (expenses, transfers) of the aggregate's events of these types after
/// `after_version`, sorted.
pub fn subjects_after<A: Aggregate>(
    conn: &mut DbConnection,
    aggregate_id: Uuid,
    after_version: i64,
    types: &[&str],
) -> Result<Vec<Uuid>, StoreError> {
    let aggregate = aggregate_id.as_bytes().as_slice();
    let ids: Vec<Option<Vec<u8>>> =
        crate::infrastructure::db::on_backend!(conn, |c| events::table
            .filter(events::aggregate_id.eq(aggregate))
            .filter(events::version.gt(after_version))
            .filter(events::event_type.eq_any(types))
            .filter(events::subject_id.is_not_null())
            .select(events::subject_id)
            .load(c))?;
    let mut subjects = Vec::with_capacity(ids.len());
    for bytes in ids.into_iter().flatten() {
        subjects.push(
            Uuid::from_slice(&bytes).map_err(|_| StoreError::MalformedId {
                position: after_version,
            })?,
        );
    }
    // Rows a previous version wrote without `subject_id`: read their payloads.
    let legacy: Vec<EventRow> = crate::infrastructure::db::on_backend!(conn, |c| events::table
        .filter(events::aggregate_id.eq(aggregate))
        .filter(events::version.gt(after_version))
        .filter(events::event_type.eq_any(types))
        .filter(events::subject_id.is_null())
        .select(EventRow::as_select())
        .load(c))?;
    for row in legacy {
        subjects.extend(decode::<A>(row)?.event.subject_id());
    }
    subjects.sort();
    subjects.dedup();
    Ok(subjects)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn database(kind: DatabaseErrorKind, message: &str) -> DieselError {
        DieselError::DatabaseError(kind, Box::new(message.to_owned()))
    }

    #[test]
    fn errors_that_a_retry_on_fresh_state_fixes_are_conflicts() {
        use DatabaseErrorKind::{SerializationFailure, UniqueViolation, Unknown};
        let cases = [
            // 1213 from a prepared statement (any statement after another node's write).
            (
                SerializationFailure,
                "Deadlock found when trying to get lock; try restarting transaction",
            ),
            // 1213 from COMMIT, a plain statement: Diesel cannot tell its kind.
            (
                Unknown,
                "Deadlock found when trying to get lock; try restarting transaction",
            ),
            (
                Unknown,
                "WSREP detected deadlock/conflict and aborted the transaction. Try restarting the transaction",
            ),
            (
                Unknown,
                "Lock wait timeout exceeded; try restarting transaction",
            ),
            // 1062 on the (aggregate id, version) key: the other node's event arrived first.
            (
                UniqueViolation,
                "Duplicate entry '\\x01-5' for key 'events_aggregate_version'",
            ),
            (
                UniqueViolation,
                "UNIQUE constraint failed: events.aggregate_id, events.version",
            ),
            (Unknown, "database is locked"),
        ];
        for (kind, message) in cases {
            let e = database(kind, message);
            assert!(is_conflict(&e), "{message}");
            assert!(
                matches!(StoreError::from(e), StoreError::Conflict),
                "{message}"
            );
        }
    }

    #[test]
    fn other_errors_are_not_retried() {
        use DatabaseErrorKind::{UniqueViolation, Unknown};
        let e = database(UniqueViolation, "Duplicate entry 'x' for key 'PRIMARY'");
        assert!(matches!(StoreError::from(e), StoreError::DuplicateId));
        for message in [
            "WSREP has not yet prepared node for application use",
            "Lost connection to server during query",
        ] {
            let e = database(Unknown, message);
            assert!(!is_conflict(&e), "{message}");
            assert!(
                matches!(StoreError::from(e), StoreError::Database(_)),
                "{message}"
            );
        }
    }
}

//! Generic event-sourcing machinery: the aggregate contract and the envelope that wraps a
//! domain event (a *state change event*) for storage and dispatch (a *wrapped state change
//! event*). Pure: no web, no database.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use uuid::Uuid;

/// What a decision may depend on besides the aggregate's state, passed in so rules stay pure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionContext {
    /// Today's date (UTC) where the command was given.
    pub today: NaiveDate,
    /// The instant the command was given: rules that depend on the account's own day (a
    /// recurring bill falling due) read it in the account's time zone.
    pub now: DateTime<Utc>,
}

impl DecisionContext {
    /// The context of a command given at noon UTC on `today` (tools and tests).
    pub fn on(today: NaiveDate) -> Self {
        Self::at(today.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc())
    }

    /// The context of a command given at `now`.
    pub fn at(now: DateTime<Utc>) -> Self {
        DecisionContext {
            today: now.date_naive(),
            now,
        }
    }
}

/// An aggregate root: it decides (`handle`) and folds (`apply`).
pub trait Aggregate: Default + Clone {
    /// The stable name stored in the `aggregate_type` column.
    const TYPE: &'static str;
    /// What can be asked of it.
    type Command;
    /// What it records.
    type Event: DomainEvent;
    /// Why a command was refused.
    type Error: std::error::Error + Send + Sync + 'static;

    /// Holds every business rule: returns the events a command records, or why it cannot.
    /// An empty list means the command changes nothing (for example a repeated submit).
    fn handle(
        &self,
        command: &Self::Command,
        context: &DecisionContext,
    ) -> Result<Vec<Self::Event>, Self::Error>;

    /// Folds one event into the state. Never fails: events are facts.
    fn apply(&mut self, event: &Self::Event);
}

/// An aggregate whose state can be saved as a snapshot and loaded with only the events after
/// it, plus the events of the one entity a command is about.
pub trait Snapshotting: Aggregate {
    /// Bumped whenever `Snapshot`'s shape changes; a stored snapshot of another version is
    /// ignored (full replay), never trusted.
    const SNAPSHOT_SCHEMA_VERSION: i32;
    /// What is saved.
    type Snapshot: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug;

    /// The state to save.
    fn snapshot(&self) -> Self::Snapshot;

    /// The state a snapshot describes.
    fn restore(snapshot: Self::Snapshot) -> Self;

    /// Folds an event from before the snapshot into the entity it is about, leaving what the
    /// snapshot already holds (totals, members) untouched.
    fn hydrate(&mut self, event: &Self::Event);

    /// The entity a command is about, whose earlier events must be loaded to decide it.
    fn subject(command: &Self::Command) -> Option<Uuid>;
}

/// A domain event with a stable type name and schema version.
pub trait DomainEvent: Sized + Clone + Serialize + DeserializeOwned {
    /// The name stored in the `event_type` column, chosen once and never changed.
    fn event_type(&self) -> &'static str;

    /// The version of this event type's payload schema.
    fn schema_version(&self) -> i32 {
        1
    }

    /// The type names of events that have a subject (see [`DomainEvent::subject_id`]).
    const SUBJECT_TYPES: &'static [&'static str] = &[];

    /// The entity inside the aggregate this event is about (an expense, a transfer), stored
    /// in its own column so a command can load that entity's events by id.
    fn subject_id(&self) -> Option<Uuid> {
        None
    }

    /// The payload as JSON, without the type name.
    fn to_payload(&self) -> Result<String, serde_json::Error>;

    /// Reads a stored payload back, upcasting older schema versions where needed.
    fn from_stored(
        event_type: &str,
        schema_version: i32,
        payload: &str,
    ) -> Result<Self, DecodeError>;
}

/// A stored event that the code cannot read.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// Type name this code does not know.
    #[error("unknown event type {0:?}")]
    UnknownType(String),
    /// Schema version newer than this code, or retired.
    #[error("event type {event_type:?} has unknown schema version {version}")]
    UnknownVersion {
        /// The type name.
        event_type: String,
        /// The stored version.
        version: i32,
    },
    /// JSON that does not match the schema.
    #[error("payload of {event_type:?} does not match its schema")]
    Payload {
        /// The type name.
        event_type: String,
        /// The parser's complaint.
        #[source]
        source: serde_json::Error,
    },
}

/// Who caused an event and in which request: stored as JSON next to the payload.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Metadata {
    /// The signed-in user who gave the command, if any (none for the command line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<Uuid>,
    /// The request that carried it, to find it in the logs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The file the event was imported from, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub import: Option<ImportSource>,
}

/// Where imported events came from: the app that wrote the file and the file's SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSource {
    /// The source format's stable code (`splitwise-csv`, `tally-backup` …).
    pub format: String,
    /// SHA-256 of the file, lower-case hex.
    pub file_hash: String,
}

/// A domain event with everything storage and dispatch need.
#[derive(Debug, Clone, PartialEq)]
pub struct EventEnvelope<E> {
    /// Global order in the store; `None` until stored.
    pub position: Option<i64>,
    /// Unique id of this event (UUID v7).
    pub event_id: Uuid,
    /// The aggregate type's stable name.
    pub aggregate_type: &'static str,
    /// Which aggregate.
    pub aggregate_id: Uuid,
    /// 1 for the aggregate's first event, then contiguous.
    pub version: i64,
    /// When it was recorded, UTC, microseconds.
    pub recorded_at: DateTime<Utc>,
    /// Who and which request.
    pub metadata: Metadata,
    /// The state change itself.
    pub event: E,
}

/// An aggregate's state together with the version of the last event folded into it.
#[derive(Debug, Clone, Default)]
pub struct Versioned<A> {
    /// The folded state.
    pub state: A,
    /// 0 for an aggregate with no events.
    pub version: i64,
}

impl<A: Aggregate> Versioned<A> {
    /// Folds stored events in version order.
    pub fn replay<'a>(events: impl IntoIterator<Item = &'a EventEnvelope<A::Event>>) -> Self
    where
        A::Event: 'a,
    {
        let mut v = Versioned::<A>::default();
        for e in events {
            v.state.apply(&e.event);
            v.version = e.version;
        }
        v
    }
}

/// Given / when / then for aggregates, in memory.
#[cfg(test)]
pub mod testing {
    use super::*;

    /// Noon UTC on a date: a moment that is the same date in most time zones.
    pub fn noon(date: NaiveDate) -> DateTime<Utc> {
        date.and_hms_opt(12, 0, 0).expect("noon exists").and_utc()
    }

    /// Starts a scenario from past events.
    pub fn given<A: Aggregate>(events: impl IntoIterator<Item = A::Event>) -> Scenario<A> {
        let mut state = A::default();
        for e in events {
            state.apply(&e);
        }
        Scenario {
            state,
            context: DecisionContext::at(noon(
                NaiveDate::from_ymd_opt(2026, 11, 26).expect("valid date"),
            )),
        }
    }

    /// A state to try a command on.
    pub struct Scenario<A: Aggregate> {
        /// The state after the given events.
        pub state: A,
        context: DecisionContext,
    }

    impl<A: Aggregate> Scenario<A>
    where
        A::Event: std::fmt::Debug + PartialEq,
        A::Error: PartialEq,
    {
        /// Sets today's date (noon, UTC).
        pub fn today(mut self, today: NaiveDate) -> Self {
            self.context = DecisionContext::at(noon(today));
            self
        }

        /// Sets the instant the command is given.
        pub fn now(mut self, now: DateTime<Utc>) -> Self {
            self.context = DecisionContext::at(now);
            self
        }

        /// Runs the command.
        pub fn when(&self, command: A::Command) -> Outcome<A> {
            Outcome(self.state.handle(&command, &self.context))
        }
    }

    /// What a command gave.
    pub struct Outcome<A: Aggregate>(pub Result<Vec<A::Event>, A::Error>);

    impl<A: Aggregate> Outcome<A>
    where
        A::Event: std::fmt::Debug + PartialEq,
        A::Error: PartialEq,
    {
        /// Asserts the recorded events.
        #[track_caller]
        pub fn then(self, expected: Vec<A::Event>) {
            match self.0 {
                Ok(events) => assert_eq!(events, expected),
                Err(e) => panic!("expected events, got error: {e}"),
            }
        }

        /// Asserts that nothing is recorded.
        #[track_caller]
        pub fn then_nothing(self) {
            self.then(Vec::new());
        }

        /// Asserts the error.
        #[track_caller]
        pub fn then_error(self, expected: A::Error) {
            match self.0 {
                Ok(events) => panic!("expected error {expected}, got events {events:?}"),
                Err(e) => assert_eq!(e, expected),
            }
        }
    }
}

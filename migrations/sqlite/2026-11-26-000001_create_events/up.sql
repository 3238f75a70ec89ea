-- The event store: append-only. Every state change of every aggregate, in order.
CREATE TABLE events (
    position INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    event_id BLOB NOT NULL UNIQUE,
    aggregate_type TEXT NOT NULL,
    aggregate_id BLOB NOT NULL,
    version BIGINT NOT NULL,
    event_type TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    payload TEXT NOT NULL,
    metadata TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    UNIQUE (aggregate_id, version)
);

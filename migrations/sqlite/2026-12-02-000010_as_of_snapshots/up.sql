-- Every snapshot ever taken, not only the newest: the state (without expenses and transfers)
-- of an aggregate at `version`, so the account "as it was" at any point is a snapshot plus
-- at most a few events instead of a replay from the start. A cache of the events: rebuilt by
-- `rebuild-projections`, checked by `verify`.
CREATE TABLE snapshot_history (
    aggregate_id BLOB NOT NULL,
    version BIGINT NOT NULL,
    aggregate_type TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    state TEXT NOT NULL,
    taken_at TIMESTAMP NOT NULL,
    PRIMARY KEY (aggregate_id, version)
);
-- "The last event of this account recorded before T": one step down this index.
CREATE INDEX events_recorded ON events (aggregate_id, recorded_at, version);
-- "Which expenses were corrected, deleted or restored after version V" without reading every
-- later event (covering: the subject is in the index).
CREATE INDEX events_type ON events (aggregate_id, event_type, version, subject_id);

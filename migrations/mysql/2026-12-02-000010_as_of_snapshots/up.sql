-- Every snapshot ever taken, not only the newest: the state (without expenses and transfers)
-- of an aggregate at `version`, so the account "as it was" at any point is a snapshot plus
-- at most a few events instead of a replay from the start. A cache of the events: rebuilt by
-- `rebuild-projections`, checked by `verify`.
CREATE TABLE snapshot_history (
    aggregate_id BINARY(16) NOT NULL,
    version BIGINT NOT NULL,
    aggregate_type VARCHAR(64) NOT NULL,
    schema_version INT NOT NULL,
    state MEDIUMTEXT NOT NULL,
    taken_at DATETIME(6) NOT NULL,
    PRIMARY KEY (aggregate_id, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- "The last event of this account recorded before T": one step down this index.
CREATE INDEX events_recorded ON events (aggregate_id, recorded_at, version);
-- "Which expenses were corrected, deleted or restored after version V" without reading every
-- later event (covering: the subject is in the index).
CREATE INDEX events_type ON events (aggregate_id, event_type, version, subject_id);

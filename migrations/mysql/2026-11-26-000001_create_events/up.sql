-- The event store: append-only. Every state change of every aggregate, in order.
CREATE TABLE events (
    position BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event_id BINARY(16) NOT NULL,
    aggregate_type VARCHAR(64) NOT NULL,
    aggregate_id BINARY(16) NOT NULL,
    version BIGINT NOT NULL,
    event_type VARCHAR(64) NOT NULL,
    schema_version INT NOT NULL,
    payload MEDIUMTEXT NOT NULL,
    metadata TEXT NOT NULL,
    recorded_at DATETIME(6) NOT NULL,
    UNIQUE KEY events_event_id (event_id),
    UNIQUE KEY events_aggregate_version (aggregate_id, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

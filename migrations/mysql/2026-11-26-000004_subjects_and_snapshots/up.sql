-- Which expense or transfer an event is about, so a command loads that entity's events by id
-- instead of the whole history. Derived from the payload; the events themselves are unchanged.
ALTER TABLE events ADD COLUMN subject_id BINARY(16) NULL;
CREATE INDEX events_subject ON events (aggregate_id, subject_id, version);
UPDATE events
SET subject_id = UNHEX(REPLACE(COALESCE(JSON_VALUE(payload, '$.expense_id'),
                                        JSON_VALUE(payload, '$.transfer_id')), '-', ''))
WHERE event_type IN ('expense_recorded', 'expense_corrected', 'expense_deleted',
                     'expense_restored', 'transfer_recorded');

-- The newest snapshot of each aggregate: its state (without expenses and transfers) at
-- `version`, written in the same transaction as the events every N events.
CREATE TABLE snapshots (
    aggregate_id BINARY(16) NOT NULL PRIMARY KEY,
    aggregate_type VARCHAR(64) NOT NULL,
    version BIGINT NOT NULL,
    schema_version INT NOT NULL,
    state MEDIUMTEXT NOT NULL,
    taken_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Which expense or transfer an event is about, so a command loads that entity's events by id
-- instead of the whole history. Derived from the payload; the events themselves are unchanged.
ALTER TABLE events ADD COLUMN subject_id BLOB NULL;
CREATE INDEX events_subject ON events (aggregate_id, subject_id, version);
UPDATE events
SET subject_id = unhex(replace(coalesce(json_extract(payload, '$.expense_id'),
                                        json_extract(payload, '$.transfer_id')), '-', ''))
WHERE event_type IN ('expense_recorded', 'expense_corrected', 'expense_deleted',
                     'expense_restored', 'transfer_recorded');

-- The newest snapshot of each aggregate: its state (without expenses and transfers) at
-- `version`, written in the same transaction as the events every N events.
CREATE TABLE snapshots (
    aggregate_id BLOB NOT NULL PRIMARY KEY,
    aggregate_type TEXT NOT NULL,
    version BIGINT NOT NULL,
    schema_version INTEGER NOT NULL,
    state TEXT NOT NULL,
    taken_at TIMESTAMP NOT NULL
);

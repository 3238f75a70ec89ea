DROP TABLE snapshots;
DROP INDEX events_subject ON events;
ALTER TABLE events DROP COLUMN subject_id;

DROP TABLE snapshots;
DROP INDEX events_subject;
ALTER TABLE events DROP COLUMN subject_id;

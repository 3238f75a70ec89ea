DROP INDEX events_type;
DROP INDEX events_recorded;
DROP TABLE snapshot_history;

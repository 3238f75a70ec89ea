DROP INDEX events_type ON events;
DROP INDEX events_recorded ON events;
DROP TABLE snapshot_history;

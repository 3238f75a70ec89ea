ALTER TABLE snapshot_history DROP COLUMN latest;

-- The latest expenses as they were at each kept snapshot (JSON, newest first), so the as-of
-- view lists them without folding every expense changed since. NULL for snapshots kept
-- before this column existed: the as-of view then works from the events.
ALTER TABLE snapshot_history ADD COLUMN latest MEDIUMTEXT NULL;

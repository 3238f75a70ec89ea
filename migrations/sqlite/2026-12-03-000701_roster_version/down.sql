ALTER TABLE accounts DROP COLUMN roster_version;

-- Payments can be corrected, deleted and restored like expenses: the read model keeps whether
-- one is deleted (it then counts for nothing) and its revision (the stale-edit check).
ALTER TABLE transfers ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE transfers ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;

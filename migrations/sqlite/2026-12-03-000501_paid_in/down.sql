ALTER TABLE expenses DROP COLUMN paid_in;

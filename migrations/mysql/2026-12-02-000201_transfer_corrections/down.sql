ALTER TABLE transfers DROP COLUMN revision, DROP COLUMN deleted;

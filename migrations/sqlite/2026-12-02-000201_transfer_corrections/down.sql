ALTER TABLE transfers DROP COLUMN revision;
ALTER TABLE transfers DROP COLUMN deleted;

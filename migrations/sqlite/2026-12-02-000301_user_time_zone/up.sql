-- Each person's own time zone (an IANA name) for the times and "today" they see; NULL until
-- they choose one or their browser proposes one (UTC meanwhile). Not the account's zone,
-- which decides the flat's day for recurring bills.
ALTER TABLE users ADD COLUMN time_zone VARCHAR(64) NULL;

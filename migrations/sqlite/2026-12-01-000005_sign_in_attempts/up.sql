-- Sign-in attempts per bucket (an address with a client, an address, a client, a known
-- device), counted in a fixed window. A bucket is the SHA-256 of its key, so no address is
-- kept in clear and every row has the same size. An attempt is reserved here, atomically,
-- before the password is hashed; rows of ended windows are pruned.
CREATE TABLE sign_in_attempts (
    bucket BLOB NOT NULL PRIMARY KEY,
    window_start TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL
);
CREATE INDEX sign_in_attempts_window ON sign_in_attempts (window_start);

-- The old per-failure log is no longer written (it grew without bound); the table itself
-- stays for one release, so that an instance of the previous version still running during
-- a deploy keeps working.
DELETE FROM login_failures;

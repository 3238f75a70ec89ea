-- Sign-in attempts per bucket (an address with a client, an address, a client, a known
-- device), counted in a fixed window. A bucket is the SHA-256 of its key, so no address is
-- kept in clear and every row has the same size. An attempt is reserved here, atomically,
-- before the password is hashed; rows of ended windows are pruned.
CREATE TABLE sign_in_attempts (
    bucket BINARY(32) NOT NULL PRIMARY KEY,
    window_start DATETIME(6) NOT NULL,
    attempts INT NOT NULL,
    KEY sign_in_attempts_window (window_start)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The old per-failure log is no longer written (it grew without bound); the table itself
-- stays for one release, so that an instance of the previous version still running during
-- a deploy keeps working.
DELETE FROM login_failures;

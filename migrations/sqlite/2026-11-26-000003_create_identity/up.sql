-- People who sign in. Not event sourced: these rows are the truth, not a projection.
CREATE TABLE users (
    user_id BLOB NOT NULL PRIMARY KEY,
    email TEXT NOT NULL,
    -- Lower-cased email: unique without regard to case on every backend.
    email_key TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- Signed-in sessions. The cookie carries a random token; only its SHA-256 is stored, and
-- deleting the row ends the session everywhere.
CREATE TABLE user_sessions (
    token_hash BLOB NOT NULL PRIMARY KEY,
    user_id BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL
);
CREATE INDEX user_sessions_user ON user_sessions (user_id);

-- Failed sign-ins, for throttling across every app instance.
CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    email_key TEXT NOT NULL,
    failed_at TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email_key, failed_at);

-- The current invite link of each account: a random nonce (the link's token is an HMAC of
-- it under the server key) and the SHA-256 of the token, which is what a join looks up.
CREATE TABLE account_invites (
    account_id BLOB NOT NULL PRIMARY KEY,
    nonce BLOB NOT NULL,
    token_hash BLOB NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);

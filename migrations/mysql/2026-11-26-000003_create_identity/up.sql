-- People who sign in. Not event sourced: these rows are the truth, not a projection.
CREATE TABLE users (
    user_id BINARY(16) NOT NULL PRIMARY KEY,
    email VARCHAR(254) NOT NULL,
    -- Lower-cased email: unique without regard to case on every backend.
    email_key VARCHAR(254) NOT NULL,
    display_name VARCHAR(255) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    created_at DATETIME(6) NOT NULL,
    UNIQUE KEY users_email_key (email_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Signed-in sessions. The cookie carries a random token; only its SHA-256 is stored, and
-- deleting the row ends the session everywhere.
CREATE TABLE user_sessions (
    token_hash BINARY(32) NOT NULL PRIMARY KEY,
    user_id BINARY(16) NOT NULL,
    created_at DATETIME(6) NOT NULL,
    last_seen_at DATETIME(6) NOT NULL,
    KEY user_sessions_user (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Failed sign-ins, for throttling across every app instance.
CREATE TABLE login_failures (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    email_key VARCHAR(254) NOT NULL,
    failed_at DATETIME(6) NOT NULL,
    KEY login_failures_email (email_key, failed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The current invite link of each account: a random nonce (the link's token is an HMAC of
-- it under the server key) and the SHA-256 of the token, which is what a join looks up.
CREATE TABLE account_invites (
    account_id BINARY(16) NOT NULL PRIMARY KEY,
    nonce BINARY(16) NOT NULL,
    token_hash BINARY(32) NOT NULL,
    created_at DATETIME(6) NOT NULL,
    UNIQUE KEY account_invites_token (token_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

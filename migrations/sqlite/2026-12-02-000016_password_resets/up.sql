-- One-time password reset links printed by `tally reset-password EMAIL`: only the SHA-256 of
-- the token is kept (like invite links and sessions); a link works once, until it expires.
CREATE TABLE password_resets (
    token_hash BLOB NOT NULL PRIMARY KEY,
    user_id BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX password_resets_user ON password_resets (user_id);

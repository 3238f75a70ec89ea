-- One-time password reset links printed by `tally reset-password EMAIL`: only the SHA-256 of
-- the token is kept (like invite links and sessions); a link works once, until it expires.
CREATE TABLE password_resets (
    token_hash BINARY(32) NOT NULL PRIMARY KEY,
    user_id BINARY(16) NOT NULL,
    created_at DATETIME(6) NOT NULL,
    expires_at DATETIME(6) NOT NULL,
    KEY password_resets_user (user_id)
) ENGINE=InnoDB;

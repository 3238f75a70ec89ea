-- Read models: derived from events, rebuilt by `tally rebuild-projections`.
CREATE TABLE accounts (
    account_id BINARY(16) NOT NULL PRIMARY KEY,
    name VARCHAR(255) NOT NULL,
    currency_code CHAR(3) NOT NULL,
    minor_units SMALLINT NOT NULL,
    version BIGINT NOT NULL,
    opened_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Members with their balances (paid, owed, transfers sent and received, net).
CREATE TABLE members (
    member_id BINARY(16) NOT NULL PRIMARY KEY,
    account_id BINARY(16) NOT NULL,
    join_order INT NOT NULL,
    name VARCHAR(255) NOT NULL,
    user_id BINARY(16) NULL,
    active BOOLEAN NOT NULL,
    paid BIGINT NOT NULL,
    owed BIGINT NOT NULL,
    sent BIGINT NOT NULL,
    received BIGINT NOT NULL,
    net BIGINT NOT NULL,
    UNIQUE KEY members_account_order (account_id, join_order)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE expenses (
    expense_id BINARY(16) NOT NULL PRIMARY KEY,
    account_id BINARY(16) NOT NULL,
    payer_id BINARY(16) NOT NULL,
    amount BIGINT NOT NULL,
    description VARCHAR(255) NOT NULL,
    expense_date DATE NOT NULL,
    split_mode VARCHAR(32) NOT NULL,
    split TEXT NOT NULL,
    participant_count INT NOT NULL,
    deleted BOOLEAN NOT NULL,
    revision INT NOT NULL,
    recorded_position BIGINT NOT NULL,
    recorded_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    KEY expenses_account_date (account_id, deleted, expense_date, recorded_position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE expense_shares (
    expense_id BINARY(16) NOT NULL,
    member_id BINARY(16) NOT NULL,
    account_id BINARY(16) NOT NULL,
    amount BIGINT NOT NULL,
    PRIMARY KEY (expense_id, member_id),
    KEY expense_shares_account_member (account_id, member_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE transfers (
    transfer_id BINARY(16) NOT NULL PRIMARY KEY,
    account_id BINARY(16) NOT NULL,
    from_member_id BINARY(16) NOT NULL,
    to_member_id BINARY(16) NOT NULL,
    amount BIGINT NOT NULL,
    transfer_date DATE NOT NULL,
    recorded_position BIGINT NOT NULL,
    recorded_at DATETIME(6) NOT NULL,
    KEY transfers_account (account_id, transfer_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The accounts each user belongs to, and as which member.
CREATE TABLE user_accounts (
    user_id BINARY(16) NOT NULL,
    account_id BINARY(16) NOT NULL,
    member_id BINARY(16) NOT NULL,
    PRIMARY KEY (user_id, account_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

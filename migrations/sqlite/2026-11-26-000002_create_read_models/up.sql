-- Read models: derived from events, rebuilt by `tally rebuild-projections`.
CREATE TABLE accounts (
    account_id BLOB NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    currency_code TEXT NOT NULL,
    minor_units SMALLINT NOT NULL,
    version BIGINT NOT NULL,
    opened_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Members with their balances (paid, owed, transfers sent and received, net).
CREATE TABLE members (
    member_id BLOB NOT NULL PRIMARY KEY,
    account_id BLOB NOT NULL,
    join_order INT NOT NULL,
    name TEXT NOT NULL,
    user_id BLOB NULL,
    active BOOLEAN NOT NULL,
    paid BIGINT NOT NULL,
    owed BIGINT NOT NULL,
    sent BIGINT NOT NULL,
    received BIGINT NOT NULL,
    net BIGINT NOT NULL
);

CREATE TABLE expenses (
    expense_id BLOB NOT NULL PRIMARY KEY,
    account_id BLOB NOT NULL,
    payer_id BLOB NOT NULL,
    amount BIGINT NOT NULL,
    description TEXT NOT NULL,
    expense_date DATE NOT NULL,
    split_mode TEXT NOT NULL,
    split TEXT NOT NULL,
    participant_count INT NOT NULL,
    deleted BOOLEAN NOT NULL,
    revision INT NOT NULL,
    recorded_position BIGINT NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE expense_shares (
    expense_id BLOB NOT NULL,
    member_id BLOB NOT NULL,
    account_id BLOB NOT NULL,
    amount BIGINT NOT NULL,
    PRIMARY KEY (expense_id, member_id)
);

CREATE TABLE transfers (
    transfer_id BLOB NOT NULL PRIMARY KEY,
    account_id BLOB NOT NULL,
    from_member_id BLOB NOT NULL,
    to_member_id BLOB NOT NULL,
    amount BIGINT NOT NULL,
    transfer_date DATE NOT NULL,
    recorded_position BIGINT NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);

-- The accounts each user belongs to, and as which member.
CREATE TABLE user_accounts (
    user_id BLOB NOT NULL,
    account_id BLOB NOT NULL,
    member_id BLOB NOT NULL,
    PRIMARY KEY (user_id, account_id)
);

CREATE UNIQUE INDEX members_account_order ON members (account_id, join_order);
CREATE INDEX expenses_account_date ON expenses (account_id, deleted, expense_date, recorded_position);
CREATE INDEX expense_shares_account_member ON expense_shares (account_id, member_id);
CREATE INDEX transfers_account ON transfers (account_id, transfer_date);

-- Categories, recurring bills and the statistics' monthly totals (read models), and the
-- account's time zone. Existing accounts get the starting categories and their totals here,
-- exactly what a replay of their events produces.

CREATE TABLE categories (
    account_id BLOB NOT NULL,
    category_id BLOB NOT NULL,
    name TEXT NOT NULL,
    archived BOOLEAN NOT NULL,
    sort_order INT NOT NULL,
    PRIMARY KEY (account_id, category_id)
);
INSERT INTO categories (account_id, category_id, name, archived, sort_order) SELECT account_id, X'01930000000070008000000000000001', 'Rent', FALSE, 0 FROM accounts;
INSERT INTO categories (account_id, category_id, name, archived, sort_order) SELECT account_id, X'01930000000070008000000000000002', 'Utilities', FALSE, 1 FROM accounts;
INSERT INTO categories (account_id, category_id, name, archived, sort_order) SELECT account_id, X'01930000000070008000000000000003', 'Internet & phone', FALSE, 2 FROM accounts;
INSERT INTO categories (account_id, category_id, name, archived, sort_order) SELECT account_id, X'01930000000070008000000000000004', 'Groceries', FALSE, 3 FROM accounts;
INSERT INTO categories (account_id, category_id, name, archived, sort_order) SELECT account_id, X'01930000000070008000000000000005', 'Household', FALSE, 4 FROM accounts;
INSERT INTO categories (account_id, category_id, name, archived, sort_order) SELECT account_id, X'01930000000070008000000000000006', 'Eating out', FALSE, 5 FROM accounts;
INSERT INTO categories (account_id, category_id, name, archived, sort_order) SELECT account_id, X'01930000000070008000000000000007', 'Transport', FALSE, 6 FROM accounts;
INSERT INTO categories (account_id, category_id, name, archived, sort_order) SELECT account_id, X'01930000000070008000000000000008', 'Other', FALSE, 7 FROM accounts;

ALTER TABLE expenses ADD COLUMN category_id BLOB NULL;
ALTER TABLE expenses ADD COLUMN schedule_id BLOB NULL;
CREATE INDEX expenses_account_category ON expenses (account_id, category_id, deleted, expense_date);
ALTER TABLE accounts ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';

-- Recurring bills as the Recurring page lists them; `next_date` is the next occurrence still
-- to come (NULL once ended), which the poster's index finds due schedules by.
CREATE TABLE schedules (
    schedule_id BLOB NOT NULL PRIMARY KEY,
    account_id BLOB NOT NULL,
    description TEXT NOT NULL,
    amount BIGINT NOT NULL,
    payer_id BLOB NOT NULL,
    category_id BLOB NULL,
    split_mode VARCHAR(32) NOT NULL,
    recurrence_unit VARCHAR(16) NOT NULL,
    recurrence_every INT NOT NULL,
    start_date DATE NOT NULL,
    until_date DATE NULL,
    status VARCHAR(16) NOT NULL,
    next_date DATE NULL,
    paused_because TEXT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX schedules_account ON schedules (account_id, status);
CREATE INDEX schedules_due ON schedules (status, next_date);

-- Per account, month (its first day), member and category (the nil id for none): what the
-- member paid for expenses and their share of them (`owed`). Deleted expenses count for nothing.
CREATE TABLE monthly_totals (
    account_id BLOB NOT NULL,
    month DATE NOT NULL,
    member_id BLOB NOT NULL,
    category_id BLOB NOT NULL,
    paid BIGINT NOT NULL,
    owed BIGINT NOT NULL,
    PRIMARY KEY (account_id, month, member_id, category_id)
);

INSERT INTO monthly_totals (account_id, month, member_id, category_id, paid, owed)
SELECT account_id, month, member_id, category_id, SUM(paid), SUM(owed) FROM (
    SELECT e.account_id AS account_id, substr(e.expense_date, 1, 8) || '01' AS month, e.payer_id AS member_id,
           X'00000000000000000000000000000000' AS category_id, e.amount AS paid, 0 AS owed
    FROM expenses e WHERE e.deleted = FALSE
    UNION ALL
    SELECT e.account_id, substr(e.expense_date, 1, 8) || '01', s.member_id, X'00000000000000000000000000000000', 0, s.amount
    FROM expenses e JOIN expense_shares s ON s.expense_id = e.expense_id
    WHERE e.deleted = FALSE
) AS t
GROUP BY account_id, month, member_id, category_id;

-- The expense list's count and total, kept with the account by the projection (moved by each
-- expense event in the command's own transaction), so an unfiltered page does not count and
-- sum the whole history on every view.
ALTER TABLE accounts
    ADD COLUMN expense_count BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN live_expense_count BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN live_expense_total BIGINT NOT NULL DEFAULT 0;
UPDATE accounts SET
    expense_count = (SELECT COUNT(*) FROM expenses e WHERE e.account_id = accounts.account_id),
    live_expense_count = (SELECT COUNT(*) FROM expenses e
        WHERE e.account_id = accounts.account_id AND e.deleted = 0),
    live_expense_total = (SELECT COALESCE(SUM(e.amount), 0) FROM expenses e
        WHERE e.account_id = accounts.account_id AND e.deleted = 0);
-- The list's order (deleted expenses included), so a page is read from the index in order
-- instead of sorting the account's every expense.
CREATE INDEX expenses_account_order ON expenses (account_id, expense_date, recorded_position);

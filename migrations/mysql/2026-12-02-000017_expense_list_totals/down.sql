DROP INDEX expenses_account_order ON expenses;
ALTER TABLE accounts
    DROP COLUMN live_expense_total,
    DROP COLUMN live_expense_count,
    DROP COLUMN expense_count;

DROP INDEX expenses_account_order;
ALTER TABLE accounts DROP COLUMN live_expense_total;
ALTER TABLE accounts DROP COLUMN live_expense_count;
ALTER TABLE accounts DROP COLUMN expense_count;

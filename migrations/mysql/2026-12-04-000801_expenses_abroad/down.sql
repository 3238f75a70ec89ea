ALTER TABLE expenses DROP KEY expenses_account_abroad, DROP COLUMN abroad;

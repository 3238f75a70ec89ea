DROP INDEX expenses_account_abroad;
ALTER TABLE expenses DROP COLUMN abroad;

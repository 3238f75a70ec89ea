-- An expense paid in another currency than the account's: the original amount, its currency
-- and the rate, as JSON (`ForeignAmount`); NULL when paid in the account's own.
ALTER TABLE expenses ADD COLUMN paid_in TEXT NULL;

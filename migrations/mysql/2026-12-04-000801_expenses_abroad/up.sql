-- Whether an expense was paid in another currency, derived by the database from `paid_in`
-- (so every writer, whatever its version, keeps it right), and an index that finds those
-- expenses alone: the expense form's last rates and the statistics' "paid abroad" read them
-- without walking the account's whole history.
ALTER TABLE expenses
    ADD COLUMN abroad BOOLEAN AS (paid_in IS NOT NULL) VIRTUAL,
    ADD KEY expenses_account_abroad (account_id, abroad, deleted, expense_date, recorded_position);

-- Refunds (money coming in) live among the expenses, booked with the sign reversed: the read
-- model says which kind each row is. Every row before this one is an expense.
ALTER TABLE expenses ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'expense';

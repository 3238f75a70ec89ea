DROP TABLE user_accounts;
DROP TABLE transfers;
DROP TABLE expense_shares;
DROP TABLE expenses;
DROP TABLE members;
DROP TABLE accounts;

DROP TABLE monthly_totals;
DROP TABLE schedules;
DROP INDEX expenses_account_category;
ALTER TABLE expenses DROP COLUMN schedule_id;
ALTER TABLE expenses DROP COLUMN category_id;
ALTER TABLE accounts DROP COLUMN time_zone;
DROP TABLE categories;

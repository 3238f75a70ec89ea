DROP TABLE monthly_totals;
DROP TABLE schedules;
ALTER TABLE expenses DROP KEY expenses_account_category, DROP COLUMN schedule_id, DROP COLUMN category_id;
ALTER TABLE accounts DROP COLUMN time_zone;
DROP TABLE categories;

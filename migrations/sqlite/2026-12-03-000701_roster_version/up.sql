-- The version of the last event that changed the account's members or categories. Forms that
-- only need who is in the account and which categories it has keep them in memory under this
-- version, so a write does not read them again unless they changed.
ALTER TABLE accounts ADD COLUMN roster_version BIGINT NOT NULL DEFAULT 0;
UPDATE accounts SET roster_version = COALESCE((
    SELECT MAX(events.version) FROM events
    WHERE events.aggregate_id = accounts.account_id
      AND events.event_type IN ('account_opened', 'member_added', 'member_linked',
          'member_deactivated', 'member_reactivated', 'category_added', 'category_renamed',
          'category_archived', 'category_restored')
), 0);

//! Rows of the read-model tables, as pages and checks read them.

use crate::domain::{AccountId, CategoryId, ExpenseId, MemberId, ScheduleId, TransferId, UserId};
use crate::infrastructure::db::DbConnection;
use crate::infrastructure::schema::{
    accounts, categories, expense_shares, expenses, members, monthly_totals, schedules, transfers,
    user_accounts,
};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

/// A shared account's summary.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Queryable, Selectable)]
#[diesel(table_name = accounts)]
pub struct AccountRow {
    /// Id.
    pub account_id: AccountId,
    /// Name.
    pub name: String,
    /// ISO 4217 code.
    pub currency_code: String,
    /// Digits after the separator.
    pub minor_units: i16,
    /// Version of the last event.
    pub version: i64,
    /// When it was opened.
    pub opened_at: NaiveDateTime,
    /// When it last changed.
    pub updated_at: NaiveDateTime,
    /// IANA time zone name.
    pub time_zone: String,
    /// Expenses ever recorded, deleted ones included (the unfiltered list's length).
    pub expense_count: i64,
    /// Expenses not deleted.
    pub live_expense_count: i64,
    /// The sum of the expenses not deleted.
    pub live_expense_total: i64,
    /// The version of the last event that changed its members or categories.
    pub roster_version: i64,
}

/// A member with their balance.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Queryable, Selectable)]
#[diesel(table_name = members)]
pub struct MemberRow {
    /// Id.
    pub member_id: MemberId,
    /// Account id.
    pub account_id: AccountId,
    /// 0 for the opener, then in joining order.
    pub join_order: i32,
    /// Name.
    pub name: String,
    /// Linked user, once joined.
    pub user_id: Option<UserId>,
    /// Takes part in new expenses.
    pub active: bool,
    /// Paid for expenses.
    pub paid: i64,
    /// Share of expenses.
    pub owed: i64,
    /// Transfers paid.
    pub sent: i64,
    /// Transfers received.
    pub received: i64,
    /// paid − owed + sent − received.
    pub net: i64,
}

/// An expense in the list.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Queryable, Selectable)]
#[diesel(table_name = expenses)]
pub struct ExpenseRow {
    /// Id.
    pub expense_id: ExpenseId,
    /// Account id.
    pub account_id: AccountId,
    /// Payer's member id.
    pub payer_id: MemberId,
    /// Minor units.
    pub amount: i64,
    /// What for.
    pub description: String,
    /// When spent.
    pub expense_date: NaiveDate,
    /// Split mode name.
    pub split_mode: String,
    /// The split as asked, JSON.
    pub split: String,
    /// How many share it.
    pub participant_count: i32,
    /// Deleted expenses count for nothing.
    pub deleted: bool,
    /// Changes so far, for stale-edit checks.
    pub revision: i32,
    /// Global position of the recording event.
    pub recorded_position: i64,
    /// When recorded.
    pub recorded_at: NaiveDateTime,
    /// When last changed.
    pub updated_at: NaiveDateTime,
    /// Its category, if any.
    pub category_id: Option<CategoryId>,
    /// The recurring bill it is an occurrence of, if any.
    pub schedule_id: Option<ScheduleId>,
    /// `expense`, or `refund` (money coming in, booked with the sign reversed).
    pub kind: String,
    /// When paid in another currency: the original amount and the rate, JSON.
    pub paid_in: Option<String>,
}

/// One participant's cents of one expense.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Queryable, Selectable)]
#[diesel(table_name = expense_shares)]
pub struct ShareRow {
    /// Expense id.
    pub expense_id: ExpenseId,
    /// Member id.
    pub member_id: MemberId,
    /// Account id.
    pub account_id: AccountId,
    /// Minor units.
    pub amount: i64,
}

/// A transfer between members.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Queryable, Selectable)]
#[diesel(table_name = transfers)]
pub struct TransferRow {
    /// Id.
    pub transfer_id: TransferId,
    /// Account id.
    pub account_id: AccountId,
    /// Payer's member id.
    pub from_member_id: MemberId,
    /// Receiver's member id.
    pub to_member_id: MemberId,
    /// Minor units.
    pub amount: i64,
    /// When.
    pub transfer_date: NaiveDate,
    /// Global position of the event.
    pub recorded_position: i64,
    /// When recorded.
    pub recorded_at: NaiveDateTime,
    /// Deleted payments count for nothing.
    pub deleted: bool,
    /// 1 when recorded, +1 for each correction, deletion or restoration.
    pub revision: i32,
}

/// Which accounts a user belongs to, as which member.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Queryable, Selectable)]
#[diesel(table_name = user_accounts)]
pub struct UserAccountRow {
    /// User id.
    pub user_id: UserId,
    /// Account id.
    pub account_id: AccountId,
    /// Member id.
    pub member_id: MemberId,
}

/// A category of an account.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Queryable, Selectable)]
#[diesel(table_name = categories)]
pub struct CategoryRow {
    /// Account id.
    pub account_id: AccountId,
    /// Id.
    pub category_id: CategoryId,
    /// Name.
    pub name: String,
    /// Not offered for new expenses.
    pub archived: bool,
    /// Order of creation (the starting set first).
    pub sort_order: i32,
}

/// A recurring bill.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Queryable, Selectable)]
#[diesel(table_name = schedules)]
pub struct ScheduleRow {
    /// Id.
    pub schedule_id: ScheduleId,
    /// Account id.
    pub account_id: AccountId,
    /// What for.
    pub description: String,
    /// Minor units per occurrence.
    pub amount: i64,
    /// Payer's member id.
    pub payer_id: MemberId,
    /// Category, if any.
    pub category_id: Option<CategoryId>,
    /// Split mode name.
    pub split_mode: String,
    /// `week`, `month` or `year`.
    pub recurrence_unit: String,
    /// Units between occurrences.
    pub recurrence_every: i32,
    /// First occurrence.
    pub start_date: NaiveDate,
    /// Last day an occurrence may fall on.
    pub until_date: Option<NaiveDate>,
    /// `active`, `paused` or `stopped`.
    pub status: String,
    /// Next occurrence still to come.
    pub next_date: Option<NaiveDate>,
    /// Why it paused itself.
    pub paused_because: Option<String>,
    /// When it last changed.
    pub updated_at: NaiveDateTime,
}

/// One member's paid and owed in one month and category.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Queryable, Selectable)]
#[diesel(table_name = monthly_totals)]
pub struct MonthlyTotalRow {
    /// Account id.
    pub account_id: AccountId,
    /// The month's first day.
    pub month: NaiveDate,
    /// Member id.
    pub member_id: MemberId,
    /// Category id; the nil id for expenses without one.
    pub category_id: CategoryId,
    /// Paid for expenses.
    pub paid: i64,
    /// Their shares of expenses.
    pub owed: i64,
}

/// Every read-model row, sorted, for comparisons.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReadModelDump {
    /// `accounts`.
    pub accounts: Vec<AccountRow>,
    /// `members`.
    pub members: Vec<MemberRow>,
    /// `expenses`.
    pub expenses: Vec<ExpenseRow>,
    /// `expense_shares`.
    pub shares: Vec<ShareRow>,
    /// `transfers`.
    pub transfers: Vec<TransferRow>,
    /// `user_accounts`.
    pub user_accounts: Vec<UserAccountRow>,
    /// `categories`.
    pub categories: Vec<CategoryRow>,
    /// `schedules`.
    pub schedules: Vec<ScheduleRow>,
    /// `monthly_totals`, without rows that are zero (the same as no row).
    pub monthly_totals: Vec<MonthlyTotalRow>,
}

impl ReadModelDump {
    /// Reads every read-model table, each sorted by its natural order.
    pub fn read(conn: &mut DbConnection) -> QueryResult<Self> {
        let mut dump = ReadModelDump {
            accounts: accounts::table.select(AccountRow::as_select()).load(conn)?,
            members: members::table.select(MemberRow::as_select()).load(conn)?,
            expenses: expenses::table.select(ExpenseRow::as_select()).load(conn)?,
            shares: expense_shares::table
                .select(ShareRow::as_select())
                .load(conn)?,
            transfers: transfers::table
                .select(TransferRow::as_select())
                .load(conn)?,
            user_accounts: user_accounts::table
                .select(UserAccountRow::as_select())
                .load(conn)?,
            categories: categories::table
                .select(CategoryRow::as_select())
                .load(conn)?,
            schedules: schedules::table
                .select(ScheduleRow::as_select())
                .load(conn)?,
            monthly_totals: monthly_totals::table
                .filter(monthly_totals::paid.ne(0).or(monthly_totals::owed.ne(0)))
                .select(MonthlyTotalRow::as_select())
                .load(conn)?,
        };
        dump.accounts.sort();
        dump.members.sort();
        dump.expenses.sort();
        dump.shares.sort();
        dump.transfers.sort();
        dump.user_accounts.sort();
        dump.categories.sort();
        dump.schedules.sort();
        dump.monthly_totals.sort();
        Ok(dump)
    }

    /// Empties every read-model table.
    pub fn clear(conn: &mut DbConnection) -> QueryResult<()> {
        diesel::delete(monthly_totals::table).execute(conn)?;
        diesel::delete(schedules::table).execute(conn)?;
        diesel::delete(categories::table).execute(conn)?;
        diesel::delete(user_accounts::table).execute(conn)?;
        diesel::delete(transfers::table).execute(conn)?;
        diesel::delete(expense_shares::table).execute(conn)?;
        diesel::delete(expenses::table).execute(conn)?;
        diesel::delete(members::table).execute(conn)?;
        diesel::delete(accounts::table).execute(conn)?;
        Ok(())
    }

    /// Readable differences between `self` (what is stored) and `expected` (a fresh replay).
    pub fn differences(&self, expected: &ReadModelDump) -> Vec<String> {
        let mut out = Vec::new();
        diff_table("accounts", &self.accounts, &expected.accounts, &mut out);
        diff_table("members", &self.members, &expected.members, &mut out);
        diff_table("expenses", &self.expenses, &expected.expenses, &mut out);
        diff_table("expense_shares", &self.shares, &expected.shares, &mut out);
        diff_table("transfers", &self.transfers, &expected.transfers, &mut out);
        diff_table(
            "user_accounts",
            &self.user_accounts,
            &expected.user_accounts,
            &mut out,
        );
        diff_table(
            "categories",
            &self.categories,
            &expected.categories,
            &mut out,
        );
        diff_table("schedules", &self.schedules, &expected.schedules, &mut out);
        diff_table(
            "monthly_totals",
            &self.monthly_totals,
            &expected.monthly_totals,
            &mut out,
        );
        out
    }
}

fn diff_table<T: PartialEq + std::fmt::Debug>(
    table: &str,
    stored: &[T],
    expected: &[T],
    out: &mut Vec<String>,
) {
    const MAX_SHOWN: usize = 10;
    let missing: Vec<_> = expected.iter().filter(|r| !stored.contains(r)).collect();
    let extra: Vec<_> = stored.iter().filter(|r| !expected.contains(r)).collect();
    for row in missing.iter().take(MAX_SHOWN) {
        out.push(format!(
            "{table}: replay has a row the table lacks or differs from: {row:?}"
        ));
    }
    for row in extra.iter().take(MAX_SHOWN) {
        out.push(format!(
            "{table}: table has a row the replay does not produce: {row:?}"
        ));
    }
    let hidden = missing.len().saturating_sub(MAX_SHOWN) + extra.len().saturating_sub(MAX_SHOWN);
    if hidden > 0 {
        out.push(format!("{table}: … and {hidden} more differing rows"));
    }
}

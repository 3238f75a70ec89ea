//! The statistics' read model: what each member paid and owed per month and category, moved
//! by each expense event and written in one statement per command.

use crate::domain::{CategoryId, ExpenseDetails, MemberId, Share};
use crate::infrastructure::db::DbConnection;
use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The category key of expenses without a category (the key column cannot be NULL).
pub const NO_CATEGORY: CategoryId = CategoryId(uuid::Uuid::nil());

/// An expense as its read-model rows say it now.
pub(super) struct StoredExpense {
    pub(super) payer: MemberId,
    pub(super) amount: i64,
    pub(super) date: NaiveDate,
    pub(super) category: Option<CategoryId>,
    pub(super) deleted: bool,
    pub(super) shares: Vec<(MemberId, i64)>,
    /// `expense` or `refund`.
    pub(super) kind: String,
}

impl StoredExpense {
    /// 1 for an expense, −1 for a refund.
    pub(super) fn sign(&self) -> i64 {
        super::kind_sign(&self.kind)
    }
}

/// Reads an expense's row and shares: what the totals held for it before this event
/// (`after` may be further on when a rebuild projects a run of events).
pub(super) fn stored_expense(
    conn: &mut DbConnection,
    id: crate::domain::ExpenseId,
) -> QueryResult<StoredExpense> {
    use crate::infrastructure::schema::{expense_shares, expenses};
    let shares: Vec<(MemberId, i64)> = crate::infrastructure::db::on_backend!(conn, |c| {
        expense_shares::table
            .filter(expense_shares::expense_id.eq(id))
            .select((expense_shares::member_id, expense_shares::amount))
            .load(c)
    })?;
    type Row = (MemberId, i64, NaiveDate, Option<CategoryId>, bool, String);
    let (payer, amount, date, category, deleted, kind): Row =
        crate::infrastructure::db::on_backend!(conn, |c| expenses::table
            .find(id)
            .select((
                expenses::payer_id,
                expenses::amount,
                expenses::expense_date,
                expenses::category_id,
                expenses::deleted,
                expenses::kind,
            ))
            .first(c))?;
    Ok(StoredExpense {
        payer,
        amount,
        date,
        category,
        deleted,
        shares,
        kind,
    })
}

/// A row of the totals: its month, member and category.
type TotalsKey = (NaiveDate, MemberId, CategoryId);

/// The changes of one command, summed per (month, member, category).
#[derive(Debug, Default)]
pub(super) struct Totals(BTreeMap<TotalsKey, (i64, i64)>);

/// The first day of the month of `date`.
pub fn month_of(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

impl Totals {
    /// Adds (`sign` 1) or takes away (−1) an expense as the event says it (a refund is
    /// added with −1: what its receiver got and its sharers' parts count against them).
    pub(super) fn add(&mut self, details: &ExpenseDetails, shares: &[Share], sign: i64) {
        let shares: Vec<(MemberId, i64)> = shares
            .iter()
            .map(|s| (s.member_id, s.amount.cents()))
            .collect();
        self.add_raw(
            details.payer,
            details.amount.cents(),
            details.date,
            details.category,
            &shares,
            sign,
        );
    }

    /// Adds or takes away an expense as its rows say it; a refund's sign is reversed.
    pub(super) fn add_stored(&mut self, e: &StoredExpense, sign: i64) {
        let sign = sign * e.sign();
        self.add_raw(e.payer, e.amount, e.date, e.category, &e.shares, sign);
    }

    /// Adds or takes away an expense given as its stored values.
    fn add_raw(
        &mut self,
        payer: MemberId,
        amount: i64,
        date: NaiveDate,
        category: Option<CategoryId>,
        shares: &[(MemberId, i64)],
        sign: i64,
    ) {
        let month = month_of(date);
        let category = category.unwrap_or(NO_CATEGORY);
        self.0.entry((month, payer, category)).or_default().0 += sign * amount;
        for (member, cents) in shares {
            self.0.entry((month, *member, category)).or_default().1 += sign * cents;
        }
    }

    /// Adds the changes to the stored totals: one upsert for all of them. On SQLite the values
    /// are typed numbers, dates and ids written as literals (no text from a person reaches
    /// it); MySQL binds them (see `write_mysql`).
    pub(super) fn write(
        self,
        conn: &mut DbConnection,
        account: crate::domain::AccountId,
    ) -> QueryResult<()> {
        let changes: Vec<_> = self
            .0
            .into_iter()
            .filter(|(_, (paid, owed))| *paid != 0 || *owed != 0)
            .collect();
        if changes.is_empty() {
            return Ok(());
        }
        #[cfg(feature = "mysql")]
        if let DbConnection::Mysql(c) = conn {
            return write_mysql(c, account, &changes);
        }
        #[cfg(feature = "sqlite")]
        #[allow(irrefutable_let_patterns)]
        if let DbConnection::Sqlite(c) = conn {
            return write_sqlite(c, account, &changes);
        }
        let mut sql = String::from(
            "INSERT INTO monthly_totals (account_id, month, member_id, category_id, paid, owed) VALUES ",
        );
        for (i, ((month, member, category), (paid, owed))) in changes.iter().enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            let _ = write!(
                sql,
                "(X'{}', '{}', X'{}', X'{}', {paid}, {owed})",
                account.0.simple(),
                month.format("%Y-%m-%d"),
                member.0.simple(),
                category.0.simple(),
            );
        }
        if conn.is_sqlite() {
            sql.push_str(
                " ON CONFLICT (account_id, month, member_id, category_id) DO UPDATE SET \
                 paid = paid + excluded.paid, owed = owed + excluded.owed",
            );
        } else {
            sql.push_str(
                " ON DUPLICATE KEY UPDATE paid = paid + VALUES(paid), owed = owed + VALUES(owed)",
            );
        }
        crate::infrastructure::db::on_backend!(conn, |c| diesel::sql_query(sql.as_str())
            .execute(c))?;
        Ok(())
    }
}

/// [`Totals::write`] on SQLite: a row at a time by an upsert the connection keeps prepared
/// (a statement with the values in its text is parsed anew every time).
#[cfg(feature = "sqlite")]
fn write_sqlite(
    c: &mut diesel::SqliteConnection,
    account: crate::domain::AccountId,
    changes: &[(TotalsKey, (i64, i64))],
) -> QueryResult<()> {
    use crate::infrastructure::db::kept_sqlite::{Statement, Value};
    enum AddToTotals {}
    for ((month, member, category), (paid, owed)) in changes {
        Statement::<AddToTotals>::new(
            "INSERT INTO monthly_totals (account_id, month, member_id, category_id, paid, owed) \
             VALUES (?, ?, ?, ?, ?, ?) \
             ON CONFLICT (account_id, month, member_id, category_id) DO UPDATE SET \
             paid = paid + excluded.paid, owed = owed + excluded.owed",
            vec![
                Value::Bytes(account.0.as_bytes()),
                Value::Date(*month),
                Value::Bytes(member.0.as_bytes()),
                Value::Bytes(category.0.as_bytes()),
                Value::BigInt(*paid),
                Value::BigInt(*owed),
            ],
        )
        .run(c)?;
    }
    Ok(())
}

/// [`Totals::write`] on MySQL: the values as bind parameters, so the statement's text only
/// varies with its number of rows and the connection keeps it prepared (see
/// `db::KeepPrepared`).
#[cfg(feature = "mysql")]
fn write_mysql(
    c: &mut diesel::MysqlConnection,
    account: crate::domain::AccountId,
    changes: &[(TotalsKey, (i64, i64))],
) -> QueryResult<()> {
    use crate::infrastructure::db::kept_prepared::{Statement, Value};
    let mut sql = String::from(
        "INSERT INTO monthly_totals (account_id, month, member_id, category_id, paid, owed) VALUES ",
    );
    let mut values = Vec::with_capacity(changes.len() * 6);
    for (i, ((month, member, category), (paid, owed))) in changes.iter().enumerate() {
        sql.push_str(if i == 0 {
            "(?, ?, ?, ?, ?, ?)"
        } else {
            ", (?, ?, ?, ?, ?, ?)"
        });
        values.extend([
            Value::Bytes(account.0.as_bytes()),
            Value::Date(*month),
            Value::Bytes(member.0.as_bytes()),
            Value::Bytes(category.0.as_bytes()),
            Value::BigInt(*paid),
            Value::BigInt(*owed),
        ]);
    }
    sql.push_str(" ON DUPLICATE KEY UPDATE paid = paid + VALUES(paid), owed = owed + VALUES(owed)");
    Statement::new(sql, values, changes.len()).run(c)?;
    Ok(())
}

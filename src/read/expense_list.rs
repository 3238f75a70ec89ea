//! The list of an account's expenses: filters, a page of them and the total of those that
//! count.

use super::expense::{ExpenseView, ShareView, share_views, views};
use super::{Connection, ReadError};
use crate::domain::{AccountId, CategoryId, ExpenseId, MemberId};
use crate::infrastructure::schema::{accounts, expense_shares, expenses};
use crate::projections::rows::{ExpenseRow, ShareRow};
use chrono::NaiveDate;
use diesel::prelude::*;

/// Expenses per page of the list.
pub const PAGE_SIZE: i64 = 50;

type Backend = <Connection as diesel::Connection>::Backend;

diesel::define_sql_function! {
    /// SQL `LOWER`: MariaDB's binary collation compares case, so both sides are lowered.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// The list's filters once parsed; a filter that could not be read is left out.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Expenses this member paid or shares.
    pub member: Option<MemberId>,
    /// Text the description contains (any case).
    pub text: Option<String>,
    /// On or after this day.
    pub from: Option<NaiveDate>,
    /// On or before this day.
    pub to: Option<NaiveDate>,
    /// Of this category (`Some(None)`: without a category).
    pub category: Option<Option<CategoryId>>,
}

impl Filters {
    /// Whether any filter is set.
    pub fn any(&self) -> bool {
        self.member.is_some()
            || self.text.is_some()
            || self.from.is_some()
            || self.to.is_some()
            || self.category.is_some()
    }

    /// The account's expenses that pass the filters, deleted ones included.
    fn query(&self, account: AccountId) -> expenses::BoxedQuery<'static, Backend> {
        let mut query = expenses::table
            .filter(expenses::account_id.eq(account))
            .into_boxed();
        if let Some(member) = self.member {
            let shared_by = expense_shares::table
                .filter(expense_shares::account_id.eq(account))
                .filter(expense_shares::member_id.eq(member))
                .select(expense_shares::expense_id);
            query = query.filter(
                expenses::payer_id
                    .eq(member)
                    .or(expenses::expense_id.eq_any(shared_by)),
            );
        }
        if let Some(text) = &self.text {
            query = query.filter(
                lower(expenses::description)
                    .like(lower(like_pattern(text)))
                    .escape('!'),
            );
        }
        match self.category {
            Some(Some(category)) => query = query.filter(expenses::category_id.eq(category)),
            Some(None) => query = query.filter(expenses::category_id.is_null()),
            None => {}
        }
        if let Some(from) = self.from {
            query = query.filter(expenses::expense_date.ge(from));
        }
        if let Some(to) = self.to {
            query = query.filter(expenses::expense_date.le(to));
        }
        query
    }
}

/// `%text%` with LIKE's wildcards taken literally (`!` is the escape character).
fn like_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '!' | '%' | '_') {
            pattern.push('!');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// One page of the list.
#[derive(Debug, Clone)]
pub struct ExpenseListView {
    /// The page's expenses, newest first, deleted ones included.
    pub expenses: Vec<ExpenseView>,
    /// The shares of those expenses.
    pub shares: Vec<ShareView>,
    /// The sum of every matching expense that counts (not deleted), refunds taken off, in
    /// minor units.
    pub total: i64,
    /// How many matching expenses count.
    pub live: usize,
    /// This page (the wanted one, or the last there is).
    pub page: i64,
    /// How many pages there are (at least 1).
    pub pages: i64,
}

/// The page `wanted` (from 1) of the account's expenses that pass the filters.
pub fn expense_list(
    conn: &mut Connection,
    account: AccountId,
    filters: &Filters,
    wanted: i64,
) -> Result<ExpenseListView, ReadError> {
    // Unfiltered, the account row has the count and total (kept by the projection): a page
    // then costs the same at 50 expenses and at 100,000.
    let (count, live, total): (i64, i64, i64) = if filters.any() {
        let count: i64 = filters.query(account).count().get_result(conn)?;
        let live_amounts: Vec<(i64, String)> = filters
            .query(account)
            .filter(expenses::deleted.eq(false))
            .select((expenses::amount, expenses::kind))
            .load(conn)?;
        // A refund is money coming in: it takes its amount off the total.
        let total = live_amounts
            .iter()
            .map(|(amount, kind)| crate::projections::kind_sign(kind) * amount)
            .sum();
        (count, live_amounts.len() as i64, total)
    } else {
        accounts::table
            .find(account)
            .select((
                accounts::expense_count,
                accounts::live_expense_count,
                accounts::live_expense_total,
            ))
            .first(conn)
            .optional()?
            .unwrap_or_default()
    };
    let pages = ((count + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let page = wanted.min(pages);
    let rows: Vec<ExpenseRow> = filters
        .query(account)
        .order((
            expenses::expense_date.desc(),
            expenses::recorded_position.desc(),
        ))
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
        .select(ExpenseRow::as_select())
        .load(conn)?;
    let ids: Vec<ExpenseId> = rows.iter().map(|r| r.expense_id).collect();
    let shares: Vec<ShareRow> = if ids.is_empty() {
        Vec::new()
    } else {
        expense_shares::table
            .filter(expense_shares::expense_id.eq_any(ids))
            .select(ShareRow::as_select())
            .load(conn)?
    };
    Ok(ExpenseListView {
        expenses: views(&rows),
        shares: share_views(shares),
        total,
        live: usize::try_from(live).unwrap_or(0),
        page,
        pages,
    })
}

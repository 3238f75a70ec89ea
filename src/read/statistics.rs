//! The Statistics page's data: each member's paid and share per month and per category over a
//! range of months, from the `monthly_totals` read model (a range on its key's `month`).

use super::members::{MemberView, members_of};
use super::{Connection, ReadError};
use crate::domain::{AccountId, CategoryId, Currency, ForeignAmount, MemberId};
use crate::infrastructure::db::on_backend;
use crate::infrastructure::schema::{categories, expenses, monthly_totals};
use crate::projections::NO_CATEGORY;
use crate::projections::rows::CategoryRow;
use chrono::NaiveDate;
use diesel::prelude::*;
use std::collections::BTreeMap;

/// A member's paid and share in one bucket (a month, a category or the whole period).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberAmounts {
    /// The member.
    pub member: MemberId,
    /// What they paid for expenses.
    pub paid: i64,
    /// Their shares of expenses.
    pub share: i64,
}

/// A month and what each member paid and owed in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthTotals {
    /// The month's first day.
    pub month: NaiveDate,
    /// In member order; members with nothing in the whole period are left out.
    pub members: Vec<MemberAmounts>,
}

/// A category and what each member paid and owed in it over the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryTotals {
    /// The category; `None` for expenses without one.
    pub id: Option<CategoryId>,
    /// Its name (archived categories keep theirs); "" for no category.
    pub name: String,
    /// In member order.
    pub members: Vec<MemberAmounts>,
}

/// What was paid in one other currency over the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaidAbroad {
    /// The currency paid in.
    pub currency: Currency,
    /// In its minor units (refunds counted negative).
    pub original: i64,
    /// Its value in the account's currency, as recorded.
    pub converted: i64,
    /// How many expenses.
    pub count: usize,
}

/// Everything the Statistics page shows for a range of months.
#[derive(Debug, Clone)]
pub struct StatisticsView {
    /// Members with amounts in the period (those who left too), in joining order.
    pub members: Vec<MemberView>,
    /// Every month of the range, oldest first, including empty ones.
    pub months: Vec<MonthTotals>,
    /// Categories with amounts in the period, in the account's order, "no category" last.
    pub categories: Vec<CategoryTotals>,
    /// Each member's totals over the period, in member order.
    pub totals: Vec<MemberAmounts>,
    /// Expenses paid in other currencies, per currency in code order.
    pub abroad: Vec<PaidAbroad>,
}

impl StatisticsView {
    /// Whether no expense counts in the period.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

/// The first days of the months from `first` to `last`, both first days of a month.
fn months_between(first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    let mut months = Vec::new();
    let mut month = first;
    while month <= last {
        months.push(month);
        match month.checked_add_months(chrono::Months::new(1)) {
            Some(next) => month = next,
            None => break,
        }
    }
    months
}

/// One `monthly_totals` row as the page needs it: without the account id it was asked for
/// (every column decoded costs, and a year of a flat is hundreds of rows).
#[derive(Debug, Clone, Copy, Queryable)]
struct Cell {
    month: NaiveDate,
    member_id: MemberId,
    category_id: CategoryId,
    paid: i64,
    owed: i64,
}

/// Reads an account's statistics for the months `first` to `last` (first days of months,
/// inclusive): one range query on `monthly_totals`, plus members and category names.
///
/// The rows are summed here rather than by the database: grouping by month follows the key,
/// but grouping by category needs a temporary table on every request, which measured slower
/// on MariaDB than sending the rows.
pub fn statistics(
    conn: &mut Connection,
    account: AccountId,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<StatisticsView, ReadError> {
    // A deleted expense leaves rows of zero behind: the same as no row.
    let rows: Vec<Cell> = on_backend!(conn, |c| monthly_totals::table
        .filter(monthly_totals::account_id.eq(account))
        .filter(monthly_totals::month.ge(first))
        .filter(monthly_totals::month.le(last))
        .filter(monthly_totals::paid.ne(0).or(monthly_totals::owed.ne(0)))
        .select((
            monthly_totals::month,
            monthly_totals::member_id,
            monthly_totals::category_id,
            monthly_totals::paid,
            monthly_totals::owed,
        ))
        .load(c))?;
    let all_members = members_of(conn, account)?;
    let names: Vec<CategoryRow> = on_backend!(conn, |c| categories::table
        .filter(categories::account_id.eq(account))
        .order(categories::sort_order.asc())
        .select(CategoryRow::as_select())
        .load(c))?;
    let mut view = summarise(all_members, &names, &rows, first, last);
    view.abroad = paid_abroad(conn, account, first, last)?;
    Ok(view)
}

/// Sums the expenses paid in other currencies dated in the months from `first` to `last`.
fn paid_abroad(
    conn: &mut Connection,
    account: AccountId,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<PaidAbroad>, ReadError> {
    let end = last
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(last);
    let rows: Vec<(i64, String, Option<String>)> = on_backend!(conn, |c| expenses::table
        .filter(expenses::account_id.eq(account))
        .filter(expenses::abroad.eq(true))
        .filter(expenses::deleted.eq(false))
        .filter(expenses::expense_date.ge(first))
        .filter(expenses::expense_date.lt(end))
        .select((expenses::amount, expenses::kind, expenses::paid_in))
        .load(c))?;
    let mut out: BTreeMap<String, PaidAbroad> = BTreeMap::new();
    for (amount, kind, json) in rows {
        let Some(paid) = json.and_then(|j| serde_json::from_str::<ForeignAmount>(&j).ok()) else {
            continue;
        };
        let sign = if kind == crate::projections::REFUND {
            -1
        } else {
            1
        };
        let entry = out
            .entry(paid.currency.code().to_owned())
            .or_insert(PaidAbroad {
                currency: paid.currency,
                original: 0,
                converted: 0,
                count: 0,
            });
        entry.original += sign * paid.amount.cents();
        entry.converted += sign * amount;
        entry.count += 1;
    }
    Ok(out.into_values().collect())
}

/// Sums the rows per month, per category and per member.
fn summarise(
    all_members: Vec<MemberView>,
    names: &[CategoryRow],
    rows: &[Cell],
    first: NaiveDate,
    last: NaiveDate,
) -> StatisticsView {
    let members: Vec<MemberView> = all_members
        .into_iter()
        .filter(|m| rows.iter().any(|r| r.member_id == m.id))
        .collect();
    let blank = || -> Vec<MemberAmounts> {
        members
            .iter()
            .map(|m| MemberAmounts {
                member: m.id,
                paid: 0,
                share: 0,
            })
            .collect()
    };
    let index = |id: MemberId| members.iter().position(|m| m.id == id);
    let mut per_month: BTreeMap<NaiveDate, Vec<MemberAmounts>> = months_between(first, last)
        .into_iter()
        .map(|m| (m, blank()))
        .collect();
    let mut per_category: BTreeMap<CategoryId, Vec<MemberAmounts>> = BTreeMap::new();
    let mut totals = blank();
    for row in rows {
        let Some(i) = index(row.member_id) else {
            continue;
        };
        for bucket in [
            per_month.entry(row.month).or_insert_with(blank),
            per_category.entry(row.category_id).or_insert_with(blank),
            &mut totals,
        ] {
            bucket[i].paid += row.paid;
            bucket[i].share += row.owed;
        }
    }
    let mut categories: Vec<CategoryTotals> = names
        .iter()
        .filter_map(|c| {
            per_category
                .remove(&c.category_id)
                .map(|members| CategoryTotals {
                    id: Some(c.category_id),
                    name: c.name.clone(),
                    members,
                })
        })
        .collect();
    // What is left: no category, or an id the categories table does not know.
    for (id, members) in per_category {
        categories.push(CategoryTotals {
            id: (id != NO_CATEGORY).then_some(id),
            name: String::new(),
            members,
        });
    }
    StatisticsView {
        months: per_month
            .into_iter()
            .map(|(month, members)| MonthTotals { month, members })
            .collect(),
        categories,
        totals,
        members,
        abroad: Vec::new(),
    }
}

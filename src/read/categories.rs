//! An account's categories, in the order they were added (the starting set first).

use super::{Connection, ReadError};
use crate::domain::{AccountId, CategoryId};
use crate::infrastructure::db::on_backend;
use crate::infrastructure::schema::categories;
use crate::projections::rows::CategoryRow;
use diesel::prelude::*;

/// A category as pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryView {
    /// Its id.
    pub id: CategoryId,
    /// Its name.
    pub name: String,
    /// Not offered for new expenses.
    pub archived: bool,
}

/// The account's categories, archived ones included.
pub fn categories_of(
    conn: &mut Connection,
    account: AccountId,
) -> Result<Vec<CategoryView>, ReadError> {
    let rows: Vec<CategoryRow> = on_backend!(conn, |c| categories::table
        .filter(categories::account_id.eq(account))
        .order(categories::sort_order.asc())
        .select(CategoryRow::as_select())
        .load(c))?;
    Ok(rows
        .into_iter()
        .map(|r| CategoryView {
            id: r.category_id,
            name: r.name,
            archived: r.archived,
        })
        .collect())
}

//! The home page's list: the user's accounts with their own net.

use super::{Connection, ReadError};
use crate::domain::{AccountId, UserId};
use crate::infrastructure::schema::{accounts, members, user_accounts};
use diesel::prelude::*;

/// One of the user's accounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountSummaryView {
    /// Which account.
    pub id: AccountId,
    /// Its name.
    pub name: String,
    /// Its currency's ISO code.
    pub currency_code: String,
    /// The user's own net, in minor units.
    pub net: i64,
}

/// The user's accounts by name.
pub fn accounts_of(
    conn: &mut Connection,
    user: UserId,
) -> Result<Vec<AccountSummaryView>, ReadError> {
    let rows: Vec<(AccountId, String, String, i64)> = user_accounts::table
        .inner_join(accounts::table.on(accounts::account_id.eq(user_accounts::account_id)))
        .inner_join(members::table.on(members::member_id.eq(user_accounts::member_id)))
        .filter(user_accounts::user_id.eq(user))
        .order(accounts::name.asc())
        .select((
            accounts::account_id,
            accounts::name,
            accounts::currency_code,
            members::net,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, currency_code, net)| AccountSummaryView {
            id,
            name,
            currency_code,
            net,
        })
        .collect())
}

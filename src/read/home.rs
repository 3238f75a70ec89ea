//! The home page's list: the user's accounts with their own net.

use super::{Connection, ReadError, id};
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
    let rows: Vec<(Vec<u8>, String, String, i64)> = user_accounts::table
        .inner_join(accounts::table.on(accounts::account_id.eq(user_accounts::account_id)))
        .inner_join(members::table.on(members::member_id.eq(user_accounts::member_id)))
        .filter(user_accounts::user_id.eq(user.as_bytes().as_slice()))
        .order(accounts::name.asc())
        .select((
            accounts::account_id,
            accounts::name,
            accounts::currency_code,
            members::net,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(account, name, currency_code, net)| {
            Ok(AccountSummaryView {
                id: id(&account, AccountId::from_slice)?,
                name,
                currency_code,
                net,
            })
        })
        .collect()
}

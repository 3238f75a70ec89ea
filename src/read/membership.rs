//! Who belongs to which account: the member guard's lookup and the checks around joining.

use super::{Connection, ReadError};
use crate::domain::{AccountId, MemberId, UserId};
use crate::infrastructure::db::on_backend;
use crate::infrastructure::schema::{accounts, user_accounts};
use crate::projections::rows::AccountRow;
use diesel::prelude::*;

/// The user's member id in the account and the account's summary, if they belong to it.
pub fn membership(
    conn: &mut Connection,
    user: UserId,
    account: AccountId,
) -> Result<Option<(MemberId, AccountRow)>, ReadError> {
    Ok(on_backend!(conn, |c| user_accounts::table
        .inner_join(accounts::table.on(accounts::account_id.eq(user_accounts::account_id)))
        .filter(user_accounts::user_id.eq(user))
        .filter(user_accounts::account_id.eq(account))
        .select((user_accounts::member_id, AccountRow::as_select()))
        .first::<(MemberId, AccountRow)>(c)
        .optional())?)
}

/// Whether the user belongs to the account.
pub fn is_member(
    conn: &mut Connection,
    user: UserId,
    account: AccountId,
) -> Result<bool, ReadError> {
    let count: i64 = user_accounts::table
        .filter(user_accounts::user_id.eq(user))
        .filter(user_accounts::account_id.eq(account))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// The account's name, if it exists.
pub fn account_name(
    conn: &mut Connection,
    account: AccountId,
) -> Result<Option<String>, ReadError> {
    Ok(accounts::table
        .find(account)
        .select(accounts::name)
        .first(conn)
        .optional()?)
}

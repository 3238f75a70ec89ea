//! Read-side helpers for account pages: members, names, money formatting.

use super::errors::WebError;
use super::state::AppState;
use crate::domain::{AccountId, Currency, MemberId, Money};
use crate::infrastructure::db::DbConnection;
use crate::infrastructure::schema::members;
use crate::projections::rows::MemberRow;
use diesel::prelude::*;

/// The members of an account in joining order.
pub async fn load_members(
    state: &AppState,
    account: AccountId,
) -> Result<Vec<MemberRow>, WebError> {
    state.db(move |conn| Ok(members_of(conn, account)?)).await
}

/// An account's members in joining order, on a connection already borrowed.
pub fn members_of(conn: &mut DbConnection, account: AccountId) -> QueryResult<Vec<MemberRow>> {
    crate::on_backend!(conn, |c| members::table
        .filter(members::account_id.eq(account.as_bytes().as_slice()))
        .order(members::join_order.asc())
        .select(MemberRow::as_select())
        .load(c))
}

/// A member's id as text.
pub fn member_id(row: &MemberRow) -> String {
    MemberId::from_slice(&row.member_id)
        .map(|m| m.to_string())
        .unwrap_or_default()
}

/// The name of the member with these id bytes, or "someone".
pub fn name_of(members: &[MemberRow], id: &[u8]) -> String {
    members
        .iter()
        .find(|m| m.member_id == id)
        .map(|m| m.name.clone())
        .unwrap_or_else(|| "someone".to_owned())
}

/// Formats minor units in the account's currency.
pub fn money(currency: Currency, cents: i64) -> String {
    currency.format(Money(cents))
}

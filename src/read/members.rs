//! An account's members with their balances, in joining order.

use super::{Connection, ReadError};
use crate::domain::{AccountId, MemberId, UserId};
use crate::infrastructure::db::on_backend;
use crate::infrastructure::schema::members;
use crate::projections::rows::MemberRow;
use diesel::prelude::*;

/// A member as pages show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberView {
    /// Their id.
    pub id: MemberId,
    /// 0 for the opener, then in joining order.
    pub join_order: i32,
    /// Name.
    pub name: String,
    /// The user linked to them, once joined.
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

/// What a form needs of a member, whether read with balances ([`MemberView`]) or as part of
/// the account's roster (`roster::RosterMember`).
pub trait MemberChoice {
    /// Their id.
    fn id(&self) -> MemberId;
    /// Their name.
    fn name(&self) -> &str;
    /// Whether they take part in new expenses.
    fn active(&self) -> bool;
    /// The user linked to them, once joined.
    fn user_id(&self) -> Option<UserId>;
}

impl MemberChoice for MemberView {
    fn id(&self) -> MemberId {
        self.id
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn active(&self) -> bool {
        self.active
    }
    fn user_id(&self) -> Option<UserId> {
        self.user_id
    }
}

impl From<MemberRow> for MemberView {
    fn from(row: MemberRow) -> Self {
        MemberView {
            id: row.member_id,
            join_order: row.join_order,
            user_id: row.user_id,
            name: row.name,
            active: row.active,
            paid: row.paid,
            owed: row.owed,
            sent: row.sent,
            received: row.received,
            net: row.net,
        }
    }
}

/// An account's members in joining order.
pub fn members_of(conn: &mut Connection, account: AccountId) -> Result<Vec<MemberView>, ReadError> {
    let rows: Vec<MemberRow> = on_backend!(conn, |c| members::table
        .filter(members::account_id.eq(account))
        .order(members::join_order.asc())
        .select(MemberRow::as_select())
        .load(c))?;
    Ok(rows.into_iter().map(MemberView::from).collect())
}

//! Who is in an account and which categories it has, without balances: what the expense
//! forms offer and check a submitted form against. Pages keep it in memory under the
//! account's `roster_version`, which only events that change members or categories raise, so
//! recording an expense does not read it again (see `cache::ViewCaches::roster`).

use super::categories::{CategoryView, categories_of};
use super::members::MemberChoice;
use super::{Connection, ReadError};
use crate::domain::{AccountId, MemberId, UserId};
use crate::infrastructure::db::on_backend;
use crate::infrastructure::schema::members;
use diesel::prelude::*;

/// A member as forms offer them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterMember {
    /// Their id.
    pub id: MemberId,
    /// Their name.
    pub name: String,
    /// The user linked to them, once joined.
    pub user_id: Option<UserId>,
    /// Takes part in new expenses.
    pub active: bool,
}

impl MemberChoice for RosterMember {
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

/// An account's members (joining order) and categories (archived ones included, in order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roster {
    /// Members in joining order.
    pub members: Vec<RosterMember>,
    /// Categories in order.
    pub categories: Vec<CategoryView>,
}

/// Reads both lists on one connection.
pub fn roster(conn: &mut Connection, account: AccountId) -> Result<Roster, ReadError> {
    let rows: Vec<(MemberId, String, Option<UserId>, bool)> =
        on_backend!(conn, |c| members::table
            .filter(members::account_id.eq(account))
            .order(members::join_order.asc())
            .select((
                members::member_id,
                members::name,
                members::user_id,
                members::active,
            ))
            .load(c))?;
    Ok(Roster {
        members: rows
            .into_iter()
            .map(|(id, name, user_id, active)| RosterMember {
                id,
                name,
                user_id,
                active,
            })
            .collect(),
        categories: categories_of(conn, account)?,
    })
}

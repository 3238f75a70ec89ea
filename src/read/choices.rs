//! What an account's forms and filters offer: its members and its categories, read together.

use super::categories::{CategoryView, categories_of};
use super::members::{MemberView, members_of};
use super::{Connection, ReadError};
use crate::domain::AccountId;

/// An account's members (joining order) and categories (archived ones included, in order).
#[derive(Debug, Clone)]
pub struct Choices {
    /// Members in joining order.
    pub members: Vec<MemberView>,
    /// Categories in order.
    pub categories: Vec<CategoryView>,
}

/// Reads both lists on one connection.
pub fn choices(conn: &mut Connection, account: AccountId) -> Result<Choices, ReadError> {
    Ok(Choices {
        members: members_of(conn, account)?,
        categories: categories_of(conn, account)?,
    })
}

//! Categories of spending: the set every account starts with, and the rules for its own.

use super::*;
use crate::domain::ids::CategoryId;
use crate::domain::names::CategoryName;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A category as the aggregate knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// Its id.
    pub id: CategoryId,
    /// Its name.
    pub name: CategoryName,
    /// Archived categories are not offered for new expenses; expenses keep them.
    pub archived: bool,
}

/// The categories every account starts with, implied by `account_opened` (so accounts opened
/// before categories existed have them too). Their ids are the same in every account: ids
/// are only unique within one account.
pub const DEFAULT_CATEGORIES: [(u128, &str); 8] = [
    (0x0193_0000_0000_7000_8000_0000_0000_0001, "Rent"),
    (0x0193_0000_0000_7000_8000_0000_0000_0002, "Utilities"),
    (
        0x0193_0000_0000_7000_8000_0000_0000_0003,
        "Internet & phone",
    ),
    (0x0193_0000_0000_7000_8000_0000_0000_0004, "Groceries"),
    (0x0193_0000_0000_7000_8000_0000_0000_0005, "Household"),
    (0x0193_0000_0000_7000_8000_0000_0000_0006, "Eating out"),
    (0x0193_0000_0000_7000_8000_0000_0000_0007, "Transport"),
    (0x0193_0000_0000_7000_8000_0000_0000_0008, "Other"),
];

/// The starting set as categories.
pub fn default_categories() -> Vec<Category> {
    DEFAULT_CATEGORIES
        .iter()
        .filter_map(|(id, name)| {
            Some(Category {
                id: CategoryId(Uuid::from_u128(*id)),
                name: CategoryName::parse(name).ok()?,
                archived: false,
            })
        })
        .collect()
}

impl SharedAccount {
    /// The category with this id.
    pub fn category(&self, id: CategoryId) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub(super) fn category_mut(&mut self, id: CategoryId) -> Option<&mut Category> {
        self.categories.iter_mut().find(|c| c.id == id)
    }

    pub(super) fn check_category_name_free(
        &self,
        name: &CategoryName,
        except: Option<CategoryId>,
    ) -> Result<(), AccountError> {
        let key = name.key();
        match self
            .categories
            .iter()
            .find(|c| Some(c.id) != except && c.name.key() == key)
        {
            Some(c) => Err(AccountError::CategoryNameTaken {
                name: c.name.to_string(),
                archived: c.archived,
            }),
            None => Ok(()),
        }
    }

    /// An expense's category must exist; an archived one only stays on an expense that
    /// already had it.
    pub(super) fn check_category(
        &self,
        category: Option<CategoryId>,
        previous: Option<CategoryId>,
    ) -> Result<(), AccountError> {
        let Some(id) = category else {
            return Ok(());
        };
        match self.category(id) {
            None => Err(AccountError::UnknownCategory),
            Some(c) if c.archived && previous != Some(id) => {
                Err(AccountError::CategoryArchived(c.name.to_string()))
            }
            Some(_) => Ok(()),
        }
    }

    pub(super) fn decide_category(
        &self,
        command: &AccountCommand,
    ) -> Result<Vec<AccountEvent>, AccountError> {
        use AccountCommand as C;
        use AccountEvent as E;
        match command {
            C::AddCategory { category_id, name } => {
                if let Some(existing) = self.category(*category_id) {
                    return if existing.name == *name {
                        Ok(vec![])
                    } else {
                        Err(AccountError::CategoryIdTaken)
                    };
                }
                self.check_category_name_free(name, None)?;
                Ok(vec![E::CategoryAdded {
                    category_id: *category_id,
                    name: name.clone(),
                }])
            }
            C::RenameCategory { category_id, name } => {
                let existing = self
                    .category(*category_id)
                    .ok_or(AccountError::UnknownCategory)?;
                if existing.name == *name {
                    return Ok(vec![]);
                }
                self.check_category_name_free(name, Some(*category_id))?;
                Ok(vec![E::CategoryRenamed {
                    category_id: *category_id,
                    name: name.clone(),
                }])
            }
            C::ArchiveCategory { category_id } | C::RestoreCategory { category_id } => {
                let archiving = matches!(command, C::ArchiveCategory { .. });
                let existing = self
                    .category(*category_id)
                    .ok_or(AccountError::UnknownCategory)?;
                if existing.archived == archiving {
                    return Ok(vec![]);
                }
                let category_id = *category_id;
                Ok(vec![if archiving {
                    E::CategoryArchived { category_id }
                } else {
                    E::CategoryRestored { category_id }
                }])
            }
            _ => Ok(vec![]),
        }
    }
}

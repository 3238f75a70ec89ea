//! The read side: every query pages make against the read models and the event store, one
//! module per view. Each returns view structs with typed ids; pages never build a query.

pub mod as_of;
pub mod cache;
pub mod categories;
pub mod choices;
pub mod dashboard;
pub mod expense;
pub mod expense_list;
pub mod export;
pub mod history;
pub mod home;
pub mod members;
pub mod membership;
pub mod payments;
pub mod rates;
pub mod roster;
pub mod schedules;
pub mod statistics;

use crate::infrastructure::event_store::StoreError;

/// The connection the read functions take (pages get one from `AppState::read`).
pub use crate::infrastructure::db::DbConnection as Connection;

/// Why a view could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The database failed.
    #[error("database error")]
    Database(#[from] diesel::result::Error),
    /// A stored row or event cannot be read by this code (a malformed id, a bad payload).
    #[error("stored data cannot be read: {0}")]
    Corrupt(String),
}

impl From<StoreError> for ReadError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Database(e) => ReadError::Database(e),
            other => ReadError::Corrupt(format!("{:#}", anyhow::Error::new(other))),
        }
    }
}

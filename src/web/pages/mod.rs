//! One module per area; each page is one template struct.

pub mod auth;
pub mod dashboard;
pub mod expenses;
pub mod export;
pub mod health;
pub mod history;
pub mod home;
pub mod join;
pub mod members;

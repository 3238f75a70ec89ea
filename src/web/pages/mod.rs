//! One module per area; each page is one template struct.

pub mod as_of;
pub mod auth;
pub mod categories;
pub mod dashboard;
pub mod expense_delete;
pub mod expense_edit;
pub mod expense_form;
pub mod expense_list;
pub mod expense_new;
pub mod expenses;
pub mod export;
pub mod forgot;
pub mod health;
pub mod history;
pub mod home;
pub mod import;
pub mod join;
pub mod members;
pub mod payment;
pub mod payments;
pub mod rates;
pub mod recurring;
pub mod refund_new;
pub mod reset;
pub mod settings;
pub mod statistics;

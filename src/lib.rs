//! tally: flatmates keep track of shared expenses. Event sourced, in a DDD layout:
//! `domain` (pure rules) → `event_sourcing` (generic machinery) → `application`
//! (command handling) → `projections` (read models) → `infrastructure` (Diesel) → `read`
//! (the queries pages make) → `web`.

pub mod application;
pub mod clock;
pub mod config;
pub mod database_url;
pub mod domain;
pub mod event_sourcing;
pub mod i18n;
pub mod identity;
pub mod import;
pub mod infrastructure;
pub mod invites;
pub mod mail;
pub mod projections;
pub mod read;
pub mod web;

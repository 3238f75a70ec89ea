//! Storage: connections, the schema, the event store.

pub mod db;
pub mod event_store;
pub mod schema;
pub mod snapshot_store;
pub mod sql_ids;

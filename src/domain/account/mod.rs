//! The shared account aggregate root: its commands, events, state and rules.

mod aggregate;
mod commands;
mod errors;
mod events;
mod snapshot;
mod state;

pub use commands::*;
pub use errors::*;
pub use events::*;
pub use snapshot::*;
pub use state::*;

#[cfg(test)]
mod tests;

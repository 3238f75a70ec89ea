//! The shared account aggregate root: its commands, events, state and rules.

mod aggregate;
mod categories;
mod commands;
mod errors;
mod events;
mod schedules;
mod snapshot;
mod state;

pub use categories::*;
pub use commands::*;
pub use errors::*;
pub use events::*;
pub use schedules::*;
pub use snapshot::*;
pub use state::*;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_categories;
#[cfg(test)]
mod tests_currencies;
#[cfg(test)]
mod tests_refunds;
#[cfg(test)]
mod tests_schedules;

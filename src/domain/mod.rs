//! The rules of shared accounts, free of web and database concerns.

pub mod account;
pub mod balances;
pub mod dates;
pub mod exchange;
pub mod ids;
pub mod money;
pub mod names;
pub mod recurrence;
pub mod split;
pub mod time_zone;

pub use account::*;
pub use balances::{Balance, Settlement, settle_up};
pub use exchange::{ExchangeError, ForeignAmount, Rate, RateError};
pub use ids::{AccountId, CategoryId, ExpenseId, MemberId, ScheduleId, TransferId, UserId};
pub use money::{AmountError, Currency, Money};
pub use names::{AccountName, CategoryName, Description, MemberName, TextError};
pub use recurrence::{Recurrence, RecurrenceError, Unit};
pub use split::{Portion, Share, Split, SplitError};
pub use time_zone::{TimeZone, UnknownTimeZone};

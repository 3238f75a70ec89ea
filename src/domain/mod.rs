//! The rules of shared accounts, free of web and database concerns.

pub mod account;
pub mod balances;
pub mod dates;
pub mod ids;
pub mod money;
pub mod names;
pub mod split;

pub use account::*;
pub use balances::{Balance, Settlement, settle_up};
pub use ids::{AccountId, ExpenseId, MemberId, TransferId, UserId};
pub use money::{AmountError, Currency, Money};
pub use names::{AccountName, Description, MemberName, TextError};
pub use split::{Portion, Share, Split, SplitError};

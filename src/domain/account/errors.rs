//! Why a command was refused.

use crate::domain::exchange::ExchangeError;
use crate::domain::money::AmountError;
use crate::domain::split::SplitError;
use chrono::NaiveDate;

/// Why a command was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    /// The account does not exist yet.
    #[error("this shared account does not exist")]
    NotOpened,
    /// Open was given twice.
    #[error("this shared account is already open")]
    AlreadyOpened,
    /// No such member in this account.
    #[error("no such member in this account")]
    UnknownMember,
    /// A member with that name exists already.
    #[error("there is already a member called {0}")]
    NameTaken(String),
    /// A member id already used for someone else.
    #[error("this member id is already used")]
    MemberIdTaken,
    /// The payer is not an active member.
    #[error("the payer is not an active member")]
    PayerInactive,
    /// A participant is not an active member.
    #[error("{0} is not an active member")]
    ParticipantInactive(String),
    /// A transfer from a member to themselves.
    #[error("a transfer needs two different members")]
    TransferToSelf,
    /// Bad amount.
    #[error("{0}")]
    Amount(#[from] AmountError),
    /// An amount in another currency that cannot be converted as given.
    #[error("{0}")]
    Exchange(#[from] ExchangeError),
    /// Date outside the allowed range.
    #[error("the date must be between 1 Jan 2000 and {0}")]
    DateOutOfRange(NaiveDate),
    /// Bad split.
    #[error("{0}")]
    Split(#[from] SplitError),
    /// An expense id already used for something else.
    #[error("this expense id is already used by another expense")]
    ExpenseIdTaken,
    /// A transfer id already used for something else.
    #[error("this transfer id is already used by another transfer")]
    TransferIdTaken,
    /// No such expense.
    #[error("no such expense in this account")]
    UnknownExpense,
    /// The expense is deleted; restore it before editing.
    #[error("this expense is deleted; restore it first")]
    ExpenseIsDeleted,
    /// Someone changed the expense since the editor loaded it.
    #[error("someone changed this expense meanwhile")]
    StaleExpense {
        /// The revision now current.
        current: u32,
    },
    /// No such payment.
    #[error("no such payment in this account")]
    UnknownTransfer,
    /// The payment is deleted; restore it before editing.
    #[error("this payment is deleted; restore it first")]
    TransferIsDeleted,
    /// Someone changed the payment since the editor loaded it.
    #[error("someone changed this payment meanwhile")]
    StaleTransfer {
        /// The revision now current.
        current: u32,
    },
    /// The user is already another member of this account.
    #[error("you are already a member of this account")]
    UserAlreadyMember,
    /// The member is already linked to another user.
    #[error("this member has already joined")]
    MemberAlreadyLinked,
    /// The last active member cannot leave.
    #[error("an account needs at least one active member")]
    LastActiveMember,
    /// No such category in this account.
    #[error("no such category in this account")]
    UnknownCategory,
    /// A category id already used for another name.
    #[error("this category id is already used")]
    CategoryIdTaken,
    /// Another category has that name.
    #[error("{}", if *archived { format!("there is already an archived category called {name}: restore it instead") } else { format!("there is already a category called {name}") })]
    CategoryNameTaken {
        /// The existing category's name.
        name: String,
        /// Whether it is archived (then restoring it is the way).
        archived: bool,
    },
    /// New expenses cannot get an archived category.
    #[error("the category {0} is archived: restore it on the categories page, or choose another")]
    CategoryArchived(String),
    /// No such recurring bill.
    #[error("no such recurring bill in this account")]
    UnknownSchedule,
    /// A schedule id already used for something else.
    #[error("this recurring bill id is already used")]
    ScheduleIdTaken,
    /// The schedule was stopped for good.
    #[error("this recurring bill was stopped; start a new one instead")]
    ScheduleStopped,
    /// The end date is before the first occurrence.
    #[error("the end date must be on or after the first date")]
    UntilBeforeStart,
    /// The date is not one the schedule falls on.
    #[error("the recurring bill does not fall on that date")]
    NotAnOccurrence,
    /// The occurrence was already recorded, skipped or passed over.
    #[error("that occurrence is already recorded or past; edit or delete the expense instead")]
    OccurrencePassed,
}

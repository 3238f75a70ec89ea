//! What can be asked of a shared account, and what expenses and transfers say.

use crate::domain::exchange::ForeignAmount;
use crate::domain::ids::{CategoryId, ExpenseId, MemberId, ScheduleId, TransferId, UserId};
use crate::domain::money::{Currency, Money};
use crate::domain::names::{AccountName, CategoryName, Description, MemberName};
use crate::domain::recurrence::Recurrence;
use crate::domain::split::Split;
use crate::domain::time_zone::TimeZone;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What an expense says: everything a person types in the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpenseDetails {
    /// The member who paid.
    pub payer: MemberId,
    /// How much, in minor units.
    pub amount: Money,
    /// What for.
    pub description: Description,
    /// When it was spent.
    pub date: NaiveDate,
    /// How it is divided.
    pub split: Split,
    /// What kind of spending it is, if anyone said.
    #[serde(default)]
    pub category: Option<CategoryId>,
    /// When it was paid in another currency: the original amount and the rate; `amount` and
    /// the shares are then its conversion into the account's currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foreign: Option<ForeignAmount>,
}

/// What a recurring bill's schedule says: the expense each occurrence records, dated on its
/// occurrence, and when they fall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleDetails {
    /// The expense each occurrence records; its date is the first occurrence, which the
    /// others count from.
    pub expense: ExpenseDetails,
    /// How often.
    pub recurrence: Recurrence,
    /// The last day an occurrence may fall on, if the bill ends.
    pub until: Option<NaiveDate>,
}

/// What a transfer says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferDetails {
    /// Who paid.
    pub from: MemberId,
    /// Who received.
    pub to: MemberId,
    /// How much, in minor units.
    pub amount: Money,
    /// When.
    pub date: NaiveDate,
}

/// What can be asked of a shared account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountCommand {
    /// Open the account; the opener becomes its first member.
    Open {
        /// The account's name.
        name: AccountName,
        /// Its currency.
        currency: Currency,
        /// The opener's member id.
        member_id: MemberId,
        /// The opener's name in this account.
        member_name: MemberName,
        /// The opener's user.
        user_id: UserId,
    },
    /// Give the account another name.
    Rename {
        /// The new name.
        name: AccountName,
    },
    /// Add a flatmate: by name (not signed up yet), or a user joining as a new member.
    AddMember {
        /// Chosen by the caller.
        member_id: MemberId,
        /// Unique in the account, case aside.
        name: MemberName,
        /// The user who joins as this new member, if any.
        user_id: Option<UserId>,
    },
    /// Someone who joined says they are this member.
    LinkMember {
        /// The member.
        member_id: MemberId,
        /// The user who joined.
        user_id: UserId,
    },
    /// A member moved out: their history stays, they take no part in new expenses.
    DeactivateMember {
        /// The member.
        member_id: MemberId,
    },
    /// A member is back.
    ReactivateMember {
        /// The member.
        member_id: MemberId,
    },
    /// Record an expense under a caller-chosen id; repeating it changes nothing.
    RecordExpense {
        /// Chosen by the caller.
        expense_id: ExpenseId,
        /// What it says.
        details: ExpenseDetails,
    },
    /// Record money coming in (a deposit returned, a utility credit) under a caller-chosen
    /// id: split like an expense with the sign reversed. `details.payer` is the member who
    /// received it. Corrected, deleted and restored like an expense; it stays a refund.
    RecordRefund {
        /// Chosen by the caller.
        expense_id: ExpenseId,
        /// What it says.
        details: ExpenseDetails,
    },
    /// Replace what an expense (or a refund, which stays one) says.
    CorrectExpense {
        /// Which expense.
        expense_id: ExpenseId,
        /// The new content.
        details: ExpenseDetails,
        /// The revision the editor saw; a different current revision is a conflict.
        expected_revision: Option<u32>,
    },
    /// Take an expense out of the balances (it can be restored).
    DeleteExpense {
        /// Which expense.
        expense_id: ExpenseId,
    },
    /// Bring a deleted expense back.
    RestoreExpense {
        /// Which expense.
        expense_id: ExpenseId,
    },
    /// One member paid another back.
    RecordTransfer {
        /// Chosen by the caller.
        transfer_id: TransferId,
        /// What it says.
        details: TransferDetails,
    },
    /// Replace what a payment says.
    CorrectTransfer {
        /// Which payment.
        transfer_id: TransferId,
        /// The new content.
        details: TransferDetails,
        /// The revision the editor saw; a different current revision is a conflict.
        expected_revision: Option<u32>,
    },
    /// Take a payment out of the balances (it can be restored).
    DeleteTransfer {
        /// Which payment.
        transfer_id: TransferId,
    },
    /// Bring a deleted payment back.
    RestoreTransfer {
        /// Which payment.
        transfer_id: TransferId,
    },
    /// The flat's time zone: which day it is when recurring bills fall due.
    SetTimeZone {
        /// The zone.
        time_zone: TimeZone,
    },
    /// A category of the account's own.
    AddCategory {
        /// Chosen by the caller.
        category_id: CategoryId,
        /// Unique in the account, case aside.
        name: CategoryName,
    },
    /// Give a category another name; its expenses keep it.
    RenameCategory {
        /// Which category.
        category_id: CategoryId,
        /// The new name.
        name: CategoryName,
    },
    /// Stop offering a category for new expenses; the expenses that have it keep it.
    ArchiveCategory {
        /// Which category.
        category_id: CategoryId,
    },
    /// Offer an archived category again.
    RestoreCategory {
        /// Which category.
        category_id: CategoryId,
    },
    /// Start a recurring bill; occurrences already due are recorded at once.
    CreateSchedule {
        /// Chosen by the caller.
        schedule_id: ScheduleId,
        /// What it says.
        details: ScheduleDetails,
    },
    /// Change a recurring bill from its next occurrence on; recorded ones stay as they are.
    ChangeSchedule {
        /// Which schedule.
        schedule_id: ScheduleId,
        /// The new content.
        details: ScheduleDetails,
    },
    /// Leave out one coming occurrence.
    SkipOccurrence {
        /// Which schedule.
        schedule_id: ScheduleId,
        /// The occurrence's date.
        date: NaiveDate,
    },
    /// Record nothing until resumed; occurrences that fall while paused are not recorded.
    PauseSchedule {
        /// Which schedule.
        schedule_id: ScheduleId,
    },
    /// Record occurrences again from today on.
    ResumeSchedule {
        /// Which schedule.
        schedule_id: ScheduleId,
    },
    /// End a recurring bill for good.
    StopSchedule {
        /// Which schedule.
        schedule_id: ScheduleId,
    },
    /// Record every occurrence that has fallen due by today in the account's time zone, in
    /// date order. Repeating it (or racing another poster) records nothing twice.
    PostDue,
}

//! What can be asked of a shared account, and what expenses and transfers say.

use crate::domain::ids::{ExpenseId, MemberId, TransferId, UserId};
use crate::domain::money::{Currency, Money};
use crate::domain::names::{AccountName, Description, MemberName};
use crate::domain::split::Split;
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
    /// Replace what an expense says.
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
}

//! The shared account aggregate root: its commands, events, state and rules.

use super::balances::Balance;
use super::ids::{AccountId, ExpenseId, MemberId, TransferId, UserId};
use super::money::{AmountError, Currency, Money};
use super::names::{AccountName, Description, MemberName};
use super::split::{Share, Split, SplitError};
use crate::event_sourcing::{Aggregate, DecisionContext, DecodeError, DomainEvent, Snapshotting};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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

/// Declares [`AccountEvent`] with each event type's stable name written once: that name is
/// the serde tag, a constant in [`event_types`], an entry of `AccountEvent::TYPES` and what
/// `event_type()` returns.
macro_rules! account_events {
    ($( $(#[$vmeta:meta])* $variant:ident = $konst:ident($type_name:literal) { $($fields:tt)* } ),* $(,)?) => {
        /// What happened to a shared account (a *state change event*). The serde names are the
        /// stable type names stored in the `event_type` column: never rename them.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(tag = "type", content = "data")]
        pub enum AccountEvent {
            $( $(#[$vmeta])* #[serde(rename = $type_name)] $variant { $($fields)* }, )*
        }

        /// The stable type names stored in `events.event_type`, one constant per event type:
        /// never change them.
        pub mod event_types {
            $(
                #[doc = concat!("`", $type_name, "`")]
                pub const $konst: &str = $type_name;
            )*
        }

        impl AccountEvent {
            /// Every stable type name, for checks and documentation.
            pub const TYPES: &'static [&'static str] = &[$(event_types::$konst),*];

            /// This event's stable type name.
            fn type_name(&self) -> &'static str {
                match self {
                    $( AccountEvent::$variant { .. } => event_types::$konst, )*
                }
            }
        }
    };
}

account_events! {
    /// The account was opened.
    AccountOpened = ACCOUNT_OPENED("account_opened") {
        /// Its name.
        name: AccountName,
        /// Its currency and minor units.
        currency: Currency,
    },
    /// The account got another name.
    AccountRenamed = ACCOUNT_RENAMED("account_renamed") {
        /// The new name.
        name: AccountName,
    },
    /// A member was added, possibly already linked to a user (the opener).
    MemberAdded = MEMBER_ADDED("member_added") {
        /// The new member.
        member_id: MemberId,
        /// Their name.
        name: MemberName,
        /// Their user, when known.
        #[serde(default)]
        user_id: Option<UserId>,
    },
    /// A member was linked to the user who joined as them.
    MemberLinked = MEMBER_LINKED("member_linked") {
        /// The member.
        member_id: MemberId,
        /// The user.
        user_id: UserId,
    },
    /// A member was deactivated.
    MemberDeactivated = MEMBER_DEACTIVATED("member_deactivated") {
        /// The member.
        member_id: MemberId,
    },
    /// A member was reactivated.
    MemberReactivated = MEMBER_REACTIVATED("member_reactivated") {
        /// The member.
        member_id: MemberId,
    },
    /// An expense was recorded, with each participant's exact cents.
    ExpenseRecorded = EXPENSE_RECORDED("expense_recorded") {
        /// The expense.
        expense_id: ExpenseId,
        /// What it says.
        details: ExpenseDetails,
        /// Each participant's cents, decided once and never recomputed.
        shares: Vec<Share>,
    },
    /// An expense was corrected; the event holds its whole new content.
    ExpenseCorrected = EXPENSE_CORRECTED("expense_corrected") {
        /// The expense.
        expense_id: ExpenseId,
        /// The new content.
        details: ExpenseDetails,
        /// The new cents per participant.
        shares: Vec<Share>,
    },
    /// An expense was deleted.
    ExpenseDeleted = EXPENSE_DELETED("expense_deleted") {
        /// The expense.
        expense_id: ExpenseId,
    },
    /// A deleted expense was restored.
    ExpenseRestored = EXPENSE_RESTORED("expense_restored") {
        /// The expense.
        expense_id: ExpenseId,
    },
    /// A member paid another back.
    TransferRecorded = TRANSFER_RECORDED("transfer_recorded") {
        /// The transfer.
        transfer_id: TransferId,
        /// What it says.
        details: TransferDetails,
    }
}

impl DomainEvent for AccountEvent {
    fn event_type(&self) -> &'static str {
        self.type_name()
    }

    const SUBJECT_TYPES: &'static [&'static str] = &[
        event_types::EXPENSE_RECORDED,
        event_types::EXPENSE_CORRECTED,
        event_types::EXPENSE_DELETED,
        event_types::EXPENSE_RESTORED,
        event_types::TRANSFER_RECORDED,
    ];

    fn subject_id(&self) -> Option<uuid::Uuid> {
        use AccountEvent as E;
        match self {
            E::ExpenseRecorded { expense_id, .. }
            | E::ExpenseCorrected { expense_id, .. }
            | E::ExpenseDeleted { expense_id }
            | E::ExpenseRestored { expense_id } => Some(expense_id.0),
            E::TransferRecorded { transfer_id, .. } => Some(transfer_id.0),
            _ => None,
        }
    }

    fn to_payload(&self) -> Result<String, serde_json::Error> {
        // Serialised with its tag, `{"type":"<type>","data":<payload>}`: the payload is the
        // text between the two, cut out rather than rebuilt through a `serde_json::Value`.
        let tagged = serde_json::to_string(self)?;
        let prefix = format!(r#"{{"type":"{}","data":"#, self.event_type());
        match tagged
            .strip_prefix(prefix.as_str())
            .and_then(|rest| rest.strip_suffix('}'))
        {
            Some(data) => Ok(data.to_owned()),
            None => Err(serde::ser::Error::custom(format!(
                "unexpected serialised form of {}",
                self.event_type()
            ))),
        }
    }

    fn from_stored(
        event_type: &str,
        schema_version: i32,
        payload: &str,
    ) -> Result<Self, DecodeError> {
        if !Self::TYPES.contains(&event_type) {
            return Err(DecodeError::UnknownType(event_type.to_owned()));
        }
        // Every type is at version 1; an upcaster per type goes here when one changes.
        if schema_version != 1 {
            return Err(DecodeError::UnknownVersion {
                event_type: event_type.to_owned(),
                version: schema_version,
            });
        }
        let payload_error = |source| DecodeError::Payload {
            event_type: event_type.to_owned(),
            source,
        };
        // One JSON value, nothing around it: then the payload can be put behind its tag as
        // text and decoded in one pass (the tag comes first, so serde reads the data in place).
        let data: &serde_json::value::RawValue =
            serde_json::from_str(payload).map_err(payload_error)?;
        let tagged = format!(r#"{{"type":"{event_type}","data":{}}}"#, data.get());
        serde_json::from_str(&tagged).map_err(payload_error)
    }
}

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
    /// The user is already another member of this account.
    #[error("you are already a member of this account")]
    UserAlreadyMember,
    /// The member is already linked to another user.
    #[error("this member has already joined")]
    MemberAlreadyLinked,
    /// The last active member cannot leave.
    #[error("an account needs at least one active member")]
    LastActiveMember,
}

/// A member as the aggregate knows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Their id.
    pub id: MemberId,
    /// Their name.
    pub name: MemberName,
    /// Their user, once joined.
    pub user_id: Option<UserId>,
    /// Whether they take part in new expenses.
    pub active: bool,
    /// Their running totals.
    pub balance: Balance,
}

/// An expense as the aggregate knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpenseState {
    /// What it was first recorded as, to recognise a repeated submit.
    pub recorded_as: ExpenseDetails,
    /// What it says now.
    pub details: ExpenseDetails,
    /// The cents per participant now.
    pub shares: Vec<Share>,
    /// Deleted expenses count for nothing.
    pub deleted: bool,
    /// 1 when recorded, +1 for each correction, deletion or restoration.
    pub revision: u32,
}

/// The shared account's state, folded from its events.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedAccount {
    /// Name and currency, once opened.
    pub opened: Option<(AccountName, Currency)>,
    /// Members in the order they joined.
    pub members: Vec<Member>,
    /// Every expense ever recorded.
    pub expenses: HashMap<ExpenseId, ExpenseState>,
    /// Every transfer ever recorded.
    pub transfers: HashMap<TransferId, TransferDetails>,
}

impl SharedAccount {
    /// The member with this id.
    pub fn member(&self, id: MemberId) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    fn member_mut(&mut self, id: MemberId) -> Option<&mut Member> {
        self.members.iter_mut().find(|m| m.id == id)
    }

    /// The member linked to this user.
    pub fn member_for_user(&self, user: UserId) -> Option<&Member> {
        self.members.iter().find(|m| m.user_id == Some(user))
    }

    /// Each member's net, in joining order: the input of settle-up.
    pub fn nets(&self) -> Vec<(MemberId, Money)> {
        self.members
            .iter()
            .map(|m| (m.id, m.balance.net()))
            .collect()
    }

    fn currency(&self) -> Result<Currency, AccountError> {
        self.opened
            .as_ref()
            .map_or(Err(AccountError::NotOpened), |(_, c)| Ok(*c))
    }

    fn check_name_free(&self, name: &MemberName) -> Result<(), AccountError> {
        let key = name.key();
        if self.members.iter().any(|m| m.name.key() == key) {
            Err(AccountError::NameTaken(name.to_string()))
        } else {
            Ok(())
        }
    }

    fn check_date(date: NaiveDate, context: &DecisionContext) -> Result<(), AccountError> {
        let earliest = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN);
        let latest = context
            .today
            .checked_add_months(Months::new(12))
            .unwrap_or(NaiveDate::MAX);
        if date < earliest || date > latest {
            Err(AccountError::DateOutOfRange(latest))
        } else {
            Ok(())
        }
    }

    /// Checks an expense's content and allocates its cents. Members already on the expense
    /// (`previous`) may stay on it after they were deactivated; new ones must be active.
    fn decide_expense(
        &self,
        expense_id: ExpenseId,
        details: &ExpenseDetails,
        previous: Option<&ExpenseDetails>,
        context: &DecisionContext,
    ) -> Result<Vec<Share>, AccountError> {
        let currency = self.currency()?;
        currency.check_amount(details.amount)?;
        Self::check_date(details.date, context)?;
        let was_on = |id: MemberId| {
            previous.is_some_and(|p| p.payer == id || p.split.participants().contains(&id))
        };
        match self.member(details.payer) {
            None => return Err(AccountError::UnknownMember),
            Some(m) if !m.active && !was_on(m.id) => return Err(AccountError::PayerInactive),
            Some(_) => {}
        }
        for id in details.split.participants() {
            match self.member(id) {
                None => return Err(AccountError::UnknownMember),
                Some(m) if !m.active && !was_on(id) => {
                    return Err(AccountError::ParticipantInactive(m.name.to_string()));
                }
                Some(_) => {}
            }
        }
        let seed = u64::from_le_bytes(expense_id.as_bytes()[8..16].try_into().unwrap_or([0; 8]));
        Ok(details.split.allocate(details.amount, seed)?)
    }

    fn existing_expense(&self, id: ExpenseId) -> Result<&ExpenseState, AccountError> {
        self.expenses.get(&id).ok_or(AccountError::UnknownExpense)
    }

    fn book_expense(&mut self, details: &ExpenseDetails, shares: &[Share], sign: i64) {
        if let Some(payer) = self.member_mut(details.payer) {
            payer.balance.paid += Money(sign * details.amount.cents());
        }
        for share in shares {
            if let Some(m) = self.member_mut(share.member_id) {
                m.balance.owed += Money(sign * share.amount.cents());
            }
        }
    }
}

impl Aggregate for SharedAccount {
    const TYPE: &'static str = "shared_account";
    type Command = AccountCommand;
    type Event = AccountEvent;
    type Error = AccountError;

    fn handle(
        &self,
        command: &AccountCommand,
        context: &DecisionContext,
    ) -> Result<Vec<AccountEvent>, AccountError> {
        use AccountCommand as C;
        use AccountEvent as E;
        if self.opened.is_none() && !matches!(command, C::Open { .. }) {
            return Err(AccountError::NotOpened);
        }
        match command {
            C::Open {
                name,
                currency,
                member_id,
                member_name,
                user_id,
            } => {
                if self.opened.is_some() {
                    return Err(AccountError::AlreadyOpened);
                }
                Ok(vec![
                    E::AccountOpened {
                        name: name.clone(),
                        currency: *currency,
                    },
                    E::MemberAdded {
                        member_id: *member_id,
                        name: member_name.clone(),
                        user_id: Some(*user_id),
                    },
                ])
            }
            C::Rename { name } => {
                if self.opened.as_ref().is_some_and(|(n, _)| n == name) {
                    return Ok(vec![]);
                }
                Ok(vec![E::AccountRenamed { name: name.clone() }])
            }
            C::AddMember {
                member_id,
                name,
                user_id,
            } => {
                if let Some(existing) = self.member(*member_id) {
                    // The same add submitted twice is harmless.
                    return if existing.name == *name && existing.user_id == *user_id {
                        Ok(vec![])
                    } else {
                        Err(AccountError::MemberIdTaken)
                    };
                }
                if let Some(user) = user_id
                    && self.member_for_user(*user).is_some()
                {
                    return Err(AccountError::UserAlreadyMember);
                }
                self.check_name_free(name)?;
                Ok(vec![E::MemberAdded {
                    member_id: *member_id,
                    name: name.clone(),
                    user_id: *user_id,
                }])
            }
            C::LinkMember { member_id, user_id } => {
                let member = self.member(*member_id).ok_or(AccountError::UnknownMember)?;
                if member.user_id == Some(*user_id) {
                    // Rejoining as oneself: nothing to link, but come back if one had left.
                    return Ok(if member.active {
                        vec![]
                    } else {
                        vec![E::MemberReactivated {
                            member_id: *member_id,
                        }]
                    });
                }
                if self.member_for_user(*user_id).is_some() {
                    return Err(AccountError::UserAlreadyMember);
                }
                if member.user_id.is_some() {
                    return Err(AccountError::MemberAlreadyLinked);
                }
                let mut events = vec![E::MemberLinked {
                    member_id: *member_id,
                    user_id: *user_id,
                }];
                if !member.active {
                    events.push(E::MemberReactivated {
                        member_id: *member_id,
                    });
                }
                Ok(events)
            }
            C::DeactivateMember { member_id } => {
                let member = self.member(*member_id).ok_or(AccountError::UnknownMember)?;
                if !member.active {
                    return Ok(vec![]);
                }
                if self.members.iter().filter(|m| m.active).count() == 1 {
                    return Err(AccountError::LastActiveMember);
                }
                Ok(vec![E::MemberDeactivated {
                    member_id: *member_id,
                }])
            }
            C::ReactivateMember { member_id } => {
                let member = self.member(*member_id).ok_or(AccountError::UnknownMember)?;
                if member.active {
                    return Ok(vec![]);
                }
                Ok(vec![E::MemberReactivated {
                    member_id: *member_id,
                }])
            }
            C::RecordExpense {
                expense_id,
                details,
            } => {
                if let Some(existing) = self.expenses.get(expense_id) {
                    return if existing.recorded_as == *details {
                        Ok(vec![])
                    } else {
                        Err(AccountError::ExpenseIdTaken)
                    };
                }
                let shares = self.decide_expense(*expense_id, details, None, context)?;
                Ok(vec![E::ExpenseRecorded {
                    expense_id: *expense_id,
                    details: details.clone(),
                    shares,
                }])
            }
            C::CorrectExpense {
                expense_id,
                details,
                expected_revision,
            } => {
                let existing = self.existing_expense(*expense_id)?;
                if existing.details == *details {
                    return Ok(vec![]);
                }
                if let Some(expected) = expected_revision
                    && *expected != existing.revision
                {
                    return Err(AccountError::StaleExpense {
                        current: existing.revision,
                    });
                }
                if existing.deleted {
                    return Err(AccountError::ExpenseIsDeleted);
                }
                let shares =
                    self.decide_expense(*expense_id, details, Some(&existing.details), context)?;
                Ok(vec![E::ExpenseCorrected {
                    expense_id: *expense_id,
                    details: details.clone(),
                    shares,
                }])
            }
            C::DeleteExpense { expense_id } => {
                if self.existing_expense(*expense_id)?.deleted {
                    return Ok(vec![]);
                }
                Ok(vec![E::ExpenseDeleted {
                    expense_id: *expense_id,
                }])
            }
            C::RestoreExpense { expense_id } => {
                if !self.existing_expense(*expense_id)?.deleted {
                    return Ok(vec![]);
                }
                Ok(vec![E::ExpenseRestored {
                    expense_id: *expense_id,
                }])
            }
            C::RecordTransfer {
                transfer_id,
                details,
            } => {
                if let Some(existing) = self.transfers.get(transfer_id) {
                    return if existing == details {
                        Ok(vec![])
                    } else {
                        Err(AccountError::TransferIdTaken)
                    };
                }
                let currency = self.currency()?;
                if details.from == details.to {
                    return Err(AccountError::TransferToSelf);
                }
                // Inactive members may still pay back or be paid back: settling up is how
                // someone who moved out leaves square.
                for id in [details.from, details.to] {
                    self.member(id).ok_or(AccountError::UnknownMember)?;
                }
                currency.check_amount(details.amount)?;
                Self::check_date(details.date, context)?;
                Ok(vec![E::TransferRecorded {
                    transfer_id: *transfer_id,
                    details: details.clone(),
                }])
            }
        }
    }

    fn apply(&mut self, event: &AccountEvent) {
        use AccountEvent as E;
        match event {
            E::AccountOpened { name, currency } => self.opened = Some((name.clone(), *currency)),
            E::AccountRenamed { name } => {
                if let Some((n, _)) = self.opened.as_mut() {
                    *n = name.clone();
                }
            }
            E::MemberAdded {
                member_id,
                name,
                user_id,
            } => self.members.push(Member {
                id: *member_id,
                name: name.clone(),
                user_id: *user_id,
                active: true,
                balance: Balance::default(),
            }),
            E::MemberLinked { member_id, user_id } => {
                if let Some(m) = self.member_mut(*member_id) {
                    m.user_id = Some(*user_id);
                }
            }
            E::MemberDeactivated { member_id } => {
                if let Some(m) = self.member_mut(*member_id) {
                    m.active = false;
                }
            }
            E::MemberReactivated { member_id } => {
                if let Some(m) = self.member_mut(*member_id) {
                    m.active = true;
                }
            }
            E::ExpenseRecorded {
                details, shares, ..
            } => {
                self.book_expense(details, shares, 1);
                self.hydrate(event);
            }
            E::ExpenseCorrected {
                expense_id,
                details,
                shares,
            } => {
                if let Some(old) = self.expenses.get(expense_id)
                    && !old.deleted
                {
                    let (old_details, old_shares) = (old.details.clone(), old.shares.clone());
                    self.book_expense(&old_details, &old_shares, -1);
                    self.book_expense(details, shares, 1);
                }
                self.hydrate(event);
            }
            E::ExpenseDeleted { expense_id } | E::ExpenseRestored { expense_id } => {
                let deleting = matches!(event, E::ExpenseDeleted { .. });
                if let Some(old) = self.expenses.get(expense_id)
                    && old.deleted != deleting
                {
                    let (old_details, old_shares) = (old.details.clone(), old.shares.clone());
                    self.book_expense(&old_details, &old_shares, if deleting { -1 } else { 1 });
                }
                self.hydrate(event);
            }
            E::TransferRecorded { details, .. } => {
                if let Some(m) = self.member_mut(details.from) {
                    m.balance.sent += details.amount;
                }
                if let Some(m) = self.member_mut(details.to) {
                    m.balance.received += details.amount;
                }
                self.hydrate(event);
            }
        }
    }
}

/// What a snapshot keeps: the account and its members with their balances. Expenses and
/// transfers are not in it; the command path loads the few a command needs by their ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSnapshot {
    /// Name and currency, once opened.
    pub opened: Option<(AccountName, Currency)>,
    /// Members in joining order, with balances.
    pub members: Vec<Member>,
}

impl Snapshotting for SharedAccount {
    const SNAPSHOT_SCHEMA_VERSION: i32 = 1;
    type Snapshot = AccountSnapshot;

    fn snapshot(&self) -> AccountSnapshot {
        AccountSnapshot {
            opened: self.opened.clone(),
            members: self.members.clone(),
        }
    }

    fn restore(snapshot: AccountSnapshot) -> Self {
        SharedAccount {
            opened: snapshot.opened,
            members: snapshot.members,
            ..SharedAccount::default()
        }
    }

    /// Folds only the expense or transfer an event is about, without touching balances:
    /// balances before the snapshot are already in it.
    fn hydrate(&mut self, event: &AccountEvent) {
        use AccountEvent as E;
        match event {
            E::ExpenseRecorded {
                expense_id,
                details,
                shares,
            } => {
                self.expenses.insert(
                    *expense_id,
                    ExpenseState {
                        recorded_as: details.clone(),
                        details: details.clone(),
                        shares: shares.clone(),
                        deleted: false,
                        revision: 1,
                    },
                );
            }
            E::ExpenseCorrected {
                expense_id,
                details,
                shares,
            } => {
                if let Some(e) = self.expenses.get_mut(expense_id) {
                    e.details = details.clone();
                    e.shares = shares.clone();
                    e.revision += 1;
                }
            }
            E::ExpenseDeleted { expense_id } | E::ExpenseRestored { expense_id } => {
                let deleting = matches!(event, E::ExpenseDeleted { .. });
                if let Some(e) = self.expenses.get_mut(expense_id)
                    && e.deleted != deleting
                {
                    e.deleted = deleting;
                    e.revision += 1;
                }
            }
            E::TransferRecorded {
                transfer_id,
                details,
            } => {
                self.transfers.insert(*transfer_id, details.clone());
            }
            _ => {}
        }
    }

    fn subject(command: &AccountCommand) -> Option<uuid::Uuid> {
        use AccountCommand as C;
        match command {
            C::RecordExpense { expense_id, .. }
            | C::CorrectExpense { expense_id, .. }
            | C::DeleteExpense { expense_id }
            | C::RestoreExpense { expense_id } => Some(expense_id.0),
            C::RecordTransfer { transfer_id, .. } => Some(transfer_id.0),
            _ => None,
        }
    }
}

/// Convenience for ids in tests and tools.
impl AccountId {
    /// The account id as the aggregate id stored with its events.
    pub fn aggregate_id(&self) -> uuid::Uuid {
        self.0
    }
}

#[cfg(test)]
#[path = "account_tests.rs"]
mod tests;

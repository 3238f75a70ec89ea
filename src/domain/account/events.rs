//! What happened to a shared account: the events, each with its stable type name.

use super::*;
use crate::domain::ids::{CategoryId, ExpenseId, MemberId, ScheduleId, TransferId, UserId};
use crate::domain::money::Currency;
use crate::domain::names::{AccountName, CategoryName, MemberName};
use crate::domain::split::Share;
use crate::domain::time_zone::TimeZone;
use crate::event_sourcing::{DecodeError, DomainEvent};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
    /// An expense was recorded, with each participant's exact cents. Version 2 added the
    /// category (in the details) and the schedule an occurrence comes from.
    ExpenseRecorded = EXPENSE_RECORDED("expense_recorded") {
        /// The expense.
        expense_id: ExpenseId,
        /// What it says.
        details: ExpenseDetails,
        /// Each participant's cents, decided once and never recomputed.
        shares: Vec<Share>,
        /// The recurring bill this is an occurrence of (dated on the occurrence).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from_schedule: Option<ScheduleId>,
    },
    /// An expense was corrected; the event holds its whole new content. Version 2 added the
    /// category.
    ExpenseCorrected = EXPENSE_CORRECTED("expense_corrected") {
        /// The expense.
        expense_id: ExpenseId,
        /// The new content.
        details: ExpenseDetails,
        /// The new cents per participant.
        shares: Vec<Share>,
    },
    /// Money came in (a refund), with each participant's exact cents: booked like an expense
    /// with the sign reversed. `details.payer` is the member who received it. Corrections,
    /// deletions and restorations are the expense events; the state knows it is a refund.
    RefundRecorded = REFUND_RECORDED("refund_recorded") {
        /// The refund (an expense id: it lives among the expenses).
        expense_id: ExpenseId,
        /// What it says.
        details: ExpenseDetails,
        /// Each participant's cents, decided once and never recomputed.
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
    },
    /// A payment was corrected; the event holds its whole new content.
    TransferCorrected = TRANSFER_CORRECTED("transfer_corrected") {
        /// The transfer.
        transfer_id: TransferId,
        /// The new content.
        details: TransferDetails,
    },
    /// A payment was deleted.
    TransferDeleted = TRANSFER_DELETED("transfer_deleted") {
        /// The transfer.
        transfer_id: TransferId,
    },
    /// A deleted payment was restored.
    TransferRestored = TRANSFER_RESTORED("transfer_restored") {
        /// The transfer.
        transfer_id: TransferId,
    },
    /// The account's time zone was set.
    TimeZoneSet = TIME_ZONE_SET("time_zone_set") {
        /// The zone.
        time_zone: TimeZone,
    },
    /// A category was added.
    CategoryAdded = CATEGORY_ADDED("category_added") {
        /// The category.
        category_id: CategoryId,
        /// Its name.
        name: CategoryName,
    },
    /// A category was renamed.
    CategoryRenamed = CATEGORY_RENAMED("category_renamed") {
        /// The category.
        category_id: CategoryId,
        /// The new name.
        name: CategoryName,
    },
    /// A category is no longer offered for new expenses.
    CategoryArchived = CATEGORY_ARCHIVED("category_archived") {
        /// The category.
        category_id: CategoryId,
    },
    /// An archived category is offered again.
    CategoryRestored = CATEGORY_RESTORED("category_restored") {
        /// The category.
        category_id: CategoryId,
    },
    /// A recurring bill was started.
    ScheduleCreated = SCHEDULE_CREATED("schedule_created") {
        /// The schedule.
        schedule_id: ScheduleId,
        /// What it says.
        details: ScheduleDetails,
    },
    /// A recurring bill was changed from its next occurrence on.
    ScheduleChanged = SCHEDULE_CHANGED("schedule_changed") {
        /// The schedule.
        schedule_id: ScheduleId,
        /// The new content.
        details: ScheduleDetails,
    },
    /// One occurrence will not be recorded.
    OccurrenceSkipped = OCCURRENCE_SKIPPED("occurrence_skipped") {
        /// The schedule.
        schedule_id: ScheduleId,
        /// The occurrence's date.
        date: NaiveDate,
    },
    /// A recurring bill was paused, by someone or because its occurrence could not be
    /// recorded (then `reason` says why).
    SchedulePaused = SCHEDULE_PAUSED("schedule_paused") {
        /// The schedule.
        schedule_id: ScheduleId,
        /// Why it was paused when no one asked.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// A paused recurring bill records occurrences again from `from` on.
    ScheduleResumed = SCHEDULE_RESUMED("schedule_resumed") {
        /// The schedule.
        schedule_id: ScheduleId,
        /// The first day occurrences count again (the account's today when resumed).
        from: NaiveDate,
    },
    /// A recurring bill was stopped for good.
    ScheduleStopped = SCHEDULE_STOPPED("schedule_stopped") {
        /// The schedule.
        schedule_id: ScheduleId,
    }
}

/// The schema version each event type is written with today. A type not listed is at 1.
const CURRENT_VERSIONS: &[(&str, i32)] = &[
    (event_types::EXPENSE_RECORDED, 3),
    (event_types::EXPENSE_CORRECTED, 3),
    (event_types::REFUND_RECORDED, 2),
    (event_types::SCHEDULE_CREATED, 2),
    (event_types::SCHEDULE_CHANGED, 2),
];

fn current_version(event_type: &str) -> i32 {
    CURRENT_VERSIONS
        .iter()
        .find(|(t, _)| *t == event_type)
        .map_or(1, |(_, v)| *v)
}

impl DomainEvent for AccountEvent {
    fn event_type(&self) -> &'static str {
        self.type_name()
    }

    fn schema_version(&self) -> i32 {
        // The version that added an amount in another currency is written only by the events
        // that carry one: every other event reads the same at the version before, so the
        // previous release (which refuses versions it does not know) still reads it during a
        // deploy and after a rollback.
        use AccountEvent as E;
        let without_foreign = match self {
            E::ExpenseRecorded { details, .. } | E::ExpenseCorrected { details, .. } => {
                details.foreign.is_none()
            }
            E::RefundRecorded { details, .. } => details.foreign.is_none(),
            E::ScheduleCreated { details, .. } | E::ScheduleChanged { details, .. } => {
                details.expense.foreign.is_none()
            }
            _ => false,
        };
        current_version(self.type_name()) - i32::from(without_foreign)
    }

    const SUBJECT_TYPES: &'static [&'static str] = &[
        event_types::EXPENSE_RECORDED,
        event_types::REFUND_RECORDED,
        event_types::EXPENSE_CORRECTED,
        event_types::EXPENSE_DELETED,
        event_types::EXPENSE_RESTORED,
        event_types::TRANSFER_RECORDED,
        event_types::TRANSFER_CORRECTED,
        event_types::TRANSFER_DELETED,
        event_types::TRANSFER_RESTORED,
    ];

    fn subject_id(&self) -> Option<uuid::Uuid> {
        use AccountEvent as E;
        match self {
            E::ExpenseRecorded { expense_id, .. }
            | E::RefundRecorded { expense_id, .. }
            | E::ExpenseCorrected { expense_id, .. }
            | E::ExpenseDeleted { expense_id }
            | E::ExpenseRestored { expense_id } => Some(expense_id.0),
            E::TransferRecorded { transfer_id, .. }
            | E::TransferCorrected { transfer_id, .. }
            | E::TransferDeleted { transfer_id }
            | E::TransferRestored { transfer_id } => Some(transfer_id.0),
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
        // Upcasting: `expense_recorded` and `expense_corrected` version 1 had no category
        // and no schedule; version 2 added them as optional fields, so a version 1 payload
        // reads as version 2 with both absent (serde's defaults). Version 3 of both (2 of
        // `refund_recorded`, `schedule_created` and `schedule_changed`, which carry the same
        // details) added `details.foreign`, an amount paid in another currency, absent from
        // older payloads likewise. A future change that is not a new optional field gets its
        // own rewrite of the payload here.
        if !(1..=current_version(event_type)).contains(&schema_version) {
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

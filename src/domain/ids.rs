//! Identifiers. Each is a UUID with its own type so they cannot be mixed up.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh, time-ordered id (UUID v7).
            #[allow(clippy::new_without_default)] // a default id would be a made-up one
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            /// The 16 bytes stored in BINARY(16) / BLOB columns.
            pub fn as_bytes(&self) -> &[u8; 16] {
                self.0.as_bytes()
            }

            /// Reads the 16 stored bytes back.
            pub fn from_slice(bytes: &[u8]) -> Option<Self> {
                Uuid::from_slice(bytes).ok().map(Self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim()).map(Self)
            }
        }
    };
}

id_type!(
    /// A shared account (the aggregate root's id).
    AccountId
);
id_type!(
    /// A member of one shared account.
    MemberId
);
id_type!(
    /// An expense, chosen by whoever records it so a repeated submit is harmless.
    ExpenseId
);
id_type!(
    /// A transfer between two members, chosen by the caller like an expense id.
    TransferId
);
id_type!(
    /// A person who can sign in.
    UserId
);
id_type!(
    /// A category of expenses in one account ("Rent").
    CategoryId
);
id_type!(
    /// A recurring bill's schedule in one account.
    ScheduleId
);

impl ExpenseId {
    /// The id of a schedule's occurrence on a date: the same for every poster that races to
    /// record it, so it is recorded once.
    pub fn occurrence(schedule: ScheduleId, date: chrono::NaiveDate) -> Self {
        let name = format!("{}/{}", schedule.0, date.format("%Y-%m-%d"));
        Self(Uuid::new_v5(&OCCURRENCE_NAMESPACE, name.as_bytes()))
    }
}

/// The UUID v5 namespace of occurrence ids (chosen once; never change it).
const OCCURRENCE_NAMESPACE: Uuid = Uuid::from_u128(0x6f1c_7a52_93de_4c4b_9a0e_3d2b_5e81_c7a4);

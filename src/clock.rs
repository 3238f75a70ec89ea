//! The time as tally stores it.

use chrono::{DateTime, Utc};

/// The current time cut to microseconds, the precision both databases keep.
pub fn now_micros() -> DateTime<Utc> {
    let now = Utc::now();
    DateTime::from_timestamp_micros(now.timestamp_micros()).unwrap_or(now)
}

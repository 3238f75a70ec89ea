//! The time as tally stores it, and the clock the web app reads "now" from.

use chrono::{DateTime, Utc};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// The current time cut to microseconds, the precision both databases keep.
pub fn now_micros() -> DateTime<Utc> {
    let now = Utc::now();
    DateTime::from_timestamp_micros(now.timestamp_micros()).unwrap_or(now)
}

/// The web app's clock: the system's time, shifted by an offset a test can set so that
/// "today" falls where it needs it. Clones share the offset. Production never moves it.
#[derive(Clone, Default)]
pub struct Clock {
    offset_micros: Arc<AtomicI64>,
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Clock(offset {} µs)",
            self.offset_micros.load(Ordering::Relaxed)
        )
    }
}

impl Clock {
    /// The system's clock.
    pub fn system() -> Clock {
        Clock::default()
    }

    /// Now, by this clock (microseconds).
    pub fn now(&self) -> DateTime<Utc> {
        let now = now_micros();
        let offset = chrono::Duration::microseconds(self.offset_micros.load(Ordering::Relaxed));
        now.checked_add_signed(offset).unwrap_or(now)
    }

    /// Moves the clock so that it reads `at` now (and runs on from there).
    pub fn set(&self, at: DateTime<Utc>) {
        let offset = at.timestamp_micros() - now_micros().timestamp_micros();
        self.offset_micros.store(offset, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moved_clock_reads_the_time_it_was_set_to() {
        let clock = Clock::system();
        let shared = clock.clone();
        let at = DateTime::parse_from_rfc3339("2026-06-15T20:00:00Z")
            .expect("valid")
            .with_timezone(&Utc);
        clock.set(at);
        let read = shared.now();
        assert!(
            read >= at && read - at < chrono::Duration::minutes(1),
            "{read}"
        );
    }
}

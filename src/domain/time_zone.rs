//! An account's time zone: which day it is for the flat, and so when a recurring bill is due.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// An IANA time zone ("Europe/Madrid"), from the tz database compiled into the binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeZone(chrono_tz::Tz);

/// A time zone name the tz database does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("choose a time zone from the list (for example Europe/Madrid)")]
pub struct UnknownTimeZone;

impl TimeZone {
    /// Coordinated Universal Time, every account's zone until it chooses another.
    pub const UTC: TimeZone = TimeZone(chrono_tz::Tz::UTC);

    /// Parses an IANA name, exactly as the tz database spells it.
    pub fn parse(name: &str) -> Result<Self, UnknownTimeZone> {
        chrono_tz::Tz::from_str(name.trim())
            .map(TimeZone)
            .map_err(|_| UnknownTimeZone)
    }

    /// The IANA name.
    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The date in this zone at the instant `now`.
    pub fn date_at(&self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.0).date_naive()
    }

    /// The instant the day after `date` starts in this zone: the end of `date`. Around a
    /// daylight-saving change at midnight the earliest valid local time counts.
    pub fn end_of_day(&self, date: NaiveDate) -> Option<DateTime<Utc>> {
        use chrono::TimeZone as _;
        let next = date.succ_opt()?;
        let mut time = next.and_hms_opt(0, 0, 0)?;
        // A day may start at 01:00 when the clocks jump at midnight; try the next hours.
        for _ in 0..3 {
            if let Some(start) = self.0.from_local_datetime(&time).earliest() {
                return Some(start.with_timezone(&Utc));
            }
            time += chrono::Duration::hours(1);
        }
        None
    }

    /// `at` on this zone's wall clock.
    pub fn local(&self, at: DateTime<Utc>) -> DateTime<chrono_tz::Tz> {
        at.with_timezone(&self.0)
    }

    /// Every zone name, for the settings form.
    pub fn all_names() -> impl Iterator<Item = &'static str> {
        chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name())
    }
}

impl Default for TimeZone {
    fn default() -> Self {
        Self::UTC
    }
}

impl fmt::Display for TimeZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for TimeZone {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for TimeZone {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        TimeZone::parse(&name).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_depends_on_the_zone() {
        let now = DateTime::parse_from_rfc3339("2026-12-31T23:30:00Z")
            .expect("valid")
            .with_timezone(&Utc);
        assert_eq!(TimeZone::UTC.date_at(now).to_string(), "2026-12-31");
        let madrid = TimeZone::parse("Europe/Madrid").expect("known");
        assert_eq!(madrid.date_at(now).to_string(), "2027-01-01");
        let la = TimeZone::parse("America/Los_Angeles").expect("known");
        assert_eq!(la.date_at(now).to_string(), "2026-12-31");
    }

    #[test]
    fn end_of_day_is_the_next_local_midnight() {
        let madrid = TimeZone::parse("Europe/Madrid").expect("known");
        let day = NaiveDate::from_ymd_opt(2026, 7, 1).expect("valid");
        assert_eq!(
            madrid.end_of_day(day).map(|t| t.to_rfc3339()),
            Some("2026-07-01T22:00:00+00:00".to_owned())
        );
        assert_eq!(
            TimeZone::UTC.end_of_day(day).map(|t| t.to_rfc3339()),
            Some("2026-07-02T00:00:00+00:00".to_owned())
        );
    }

    #[test]
    fn unknown_names_are_refused_and_names_round_trip() {
        assert_eq!(TimeZone::parse("Mars/Olympus"), Err(UnknownTimeZone));
        assert_eq!(TimeZone::parse(""), Err(UnknownTimeZone));
        let tz = TimeZone::parse("Asia/Tokyo").expect("known");
        let json = serde_json::to_string(&tz).expect("serialises");
        assert_eq!(json, "\"Asia/Tokyo\"");
        assert_eq!(serde_json::from_str::<TimeZone>(&json).ok(), Some(tz));
        assert!(TimeZone::all_names().any(|n| n == "Europe/Berlin"));
    }
}

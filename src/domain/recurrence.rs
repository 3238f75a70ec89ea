//! How often a recurring bill comes back, and on which dates.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The unit a schedule repeats in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Every N weeks, on the start date's weekday.
    Week,
    /// Every N months, on the start date's day (or the month's last day when it is shorter).
    Month,
    /// Every N years, on the start date's day and month (28 February in years without a 29th).
    Year,
}

/// Every `every` units, counted from a start date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Recurrence {
    /// The unit.
    pub unit: Unit,
    /// How many units between two occurrences (1–`MAX_EVERY`).
    pub every: u16,
}

/// Why a recurrence was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecurrenceError {
    /// Not a unit this code knows.
    #[error("choose weeks, months or years")]
    UnknownUnit,
    /// Zero or too many units.
    #[error("repeat every 1 to {max} {unit}")]
    OutOfRange {
        /// The highest allowed count.
        max: u16,
        /// The unit's plural.
        unit: &'static str,
    },
}

impl Recurrence {
    /// The most units between two occurrences.
    pub const MAX_EVERY: u16 = 99;

    /// Parses a unit name (`week`, `month`, `year`) and a count typed by a person.
    pub fn parse(unit: &str, every: &str) -> Result<Self, RecurrenceError> {
        let unit = match unit.trim() {
            "week" | "weeks" | "weekly" => Unit::Week,
            "month" | "months" | "monthly" => Unit::Month,
            "year" | "years" | "yearly" => Unit::Year,
            _ => return Err(RecurrenceError::UnknownUnit),
        };
        let out_of_range = RecurrenceError::OutOfRange {
            max: Self::MAX_EVERY,
            unit: unit.plural(),
        };
        let every: u16 = every.trim().parse().map_err(|_| out_of_range.clone())?;
        if every == 0 || every > Self::MAX_EVERY {
            return Err(out_of_range);
        }
        Ok(Recurrence { unit, every })
    }

    /// Every month.
    pub const fn monthly() -> Self {
        Recurrence {
            unit: Unit::Month,
            every: 1,
        }
    }

    /// The `n`th occurrence (0 is the start date itself); `None` past the calendar's end.
    /// Months and years count from the start date, never from the previous occurrence, so a
    /// bill on the 31st comes back on the 31st after a 30-day month.
    pub fn nth(&self, start: NaiveDate, n: u32) -> Option<NaiveDate> {
        let steps = n.checked_mul(u32::from(self.every))?;
        match self.unit {
            Unit::Week => start.checked_add_days(Days::new(7 * u64::from(steps))),
            Unit::Month => add_months_clamped(start, steps),
            Unit::Year => add_months_clamped(start, steps.checked_mul(12)?),
        }
    }

    /// The first occurrence on or after `from`, counting from `start`.
    pub fn first_on_or_after(&self, start: NaiveDate, from: NaiveDate) -> Option<NaiveDate> {
        if from <= start {
            return Some(start);
        }
        // Estimate the index from the distance, then step: never more than a few steps.
        let days = (from - start).num_days();
        let unit_days: i64 = match self.unit {
            Unit::Week => 7,
            Unit::Month => 28,
            Unit::Year => 365,
        } * i64::from(self.every);
        let Ok(mut n) = u32::try_from((days / unit_days - 1).max(0)) else {
            return None;
        };
        // The estimate may overshoot by a step for months and years; walk back first.
        while n > 0 && self.nth(start, n).is_none_or(|d| d >= from) {
            n -= 1;
        }
        loop {
            let date = self.nth(start, n)?;
            if date >= from {
                return Some(date);
            }
            n = n.checked_add(1)?;
        }
    }

    /// Whether `date` is one of the occurrences counting from `start`.
    pub fn falls_on(&self, start: NaiveDate, date: NaiveDate) -> bool {
        self.first_on_or_after(start, date) == Some(date)
    }
}

impl Unit {
    /// The unit's plural, for messages.
    pub fn plural(&self) -> &'static str {
        match self {
            Unit::Week => "weeks",
            Unit::Month => "months",
            Unit::Year => "years",
        }
    }

    /// The form value.
    pub fn as_str(&self) -> &'static str {
        match self {
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Year => "year",
        }
    }
}

impl fmt::Display for Recurrence {
    /// "every month", "every 2 weeks".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.every == 1 {
            write!(f, "every {}", self.unit.as_str())
        } else {
            write!(f, "every {} {}", self.every, self.unit.plural())
        }
    }
}

/// `start` plus `months`, on the same day or the month's last day when it has fewer days.
fn add_months_clamped(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    let first = start.with_day(1)?.checked_add_months(Months::new(months))?;
    let last_day = last_day_of_month(first)?;
    first.with_day(start.day().min(last_day))
}

fn last_day_of_month(first: NaiveDate) -> Option<u32> {
    let next = first.checked_add_months(Months::new(1))?;
    Some(next.pred_opt()?.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    fn first(r: Recurrence, start: NaiveDate, count: u32) -> Vec<NaiveDate> {
        (0..count).filter_map(|n| r.nth(start, n)).collect()
    }

    #[test]
    fn monthly_on_the_31st_falls_on_each_months_last_day_and_comes_back_to_the_31st() {
        assert_eq!(
            first(Recurrence::monthly(), d(2027, 1, 31), 5),
            vec![
                d(2027, 1, 31),
                d(2027, 2, 28),
                d(2027, 3, 31),
                d(2027, 4, 30),
                d(2027, 5, 31)
            ]
        );
    }

    #[test]
    fn monthly_on_the_29th_and_30th_in_february_of_leap_and_common_years() {
        assert_eq!(
            first(Recurrence::monthly(), d(2027, 12, 29), 3),
            vec![d(2027, 12, 29), d(2028, 1, 29), d(2028, 2, 29)]
        );
        assert_eq!(
            first(Recurrence::monthly(), d(2026, 12, 30), 4),
            vec![
                d(2026, 12, 30),
                d(2027, 1, 30),
                d(2027, 2, 28),
                d(2027, 3, 30)
            ]
        );
    }

    #[test]
    fn yearly_on_29_february_falls_on_the_28th_in_common_years() {
        let r = Recurrence::parse("year", "1").expect("valid");
        assert_eq!(
            first(r, d(2028, 2, 29), 5),
            vec![
                d(2028, 2, 29),
                d(2029, 2, 28),
                d(2030, 2, 28),
                d(2031, 2, 28),
                d(2032, 2, 29)
            ]
        );
    }

    #[test]
    fn every_two_weeks_and_every_three_months() {
        let fortnight = Recurrence::parse("week", "2").expect("valid");
        assert_eq!(
            first(fortnight, d(2026, 12, 28), 3),
            vec![d(2026, 12, 28), d(2027, 1, 11), d(2027, 1, 25)]
        );
        let quarterly = Recurrence::parse("month", "3").expect("valid");
        assert_eq!(
            first(quarterly, d(2026, 11, 30), 3),
            vec![d(2026, 11, 30), d(2027, 2, 28), d(2027, 5, 30)]
        );
    }

    #[test]
    fn first_on_or_after_finds_the_next_occurrence_from_any_day() {
        let r = Recurrence::monthly();
        let start = d(2026, 1, 31);
        assert_eq!(r.first_on_or_after(start, d(2025, 6, 1)), Some(start));
        assert_eq!(
            r.first_on_or_after(start, d(2026, 2, 1)),
            Some(d(2026, 2, 28))
        );
        assert_eq!(
            r.first_on_or_after(start, d(2026, 3, 1)),
            Some(d(2026, 3, 31))
        );
        assert_eq!(
            r.first_on_or_after(start, d(2036, 7, 1)),
            Some(d(2036, 7, 31))
        );
        assert!(r.falls_on(start, d(2026, 4, 30)));
        assert!(!r.falls_on(start, d(2026, 4, 29)));
    }

    #[test]
    fn first_on_or_after_agrees_with_walking_every_occurrence() {
        for (unit, every) in [
            ("week", 1),
            ("week", 3),
            ("month", 1),
            ("month", 5),
            ("year", 2),
        ] {
            let r = Recurrence::parse(unit, &every.to_string()).expect("valid");
            for start in [d(2024, 1, 31), d(2024, 2, 29), d(2025, 8, 15)] {
                let all = first(r, start, 400);
                let mut from = start;
                while from < d(2031, 1, 1) {
                    let expected = all.iter().copied().find(|x| *x >= from);
                    assert_eq!(
                        r.first_on_or_after(start, from),
                        expected,
                        "{r} {start} {from}"
                    );
                    from = from.succ_opt().expect("valid");
                }
            }
        }
    }

    #[test]
    fn parse_refuses_zero_too_many_and_unknown_units() {
        assert_eq!(
            Recurrence::parse("fortnight", "1"),
            Err(RecurrenceError::UnknownUnit)
        );
        for bad in ["0", "100", "-1", "x", "", "1.5"] {
            assert!(Recurrence::parse("month", bad).is_err(), "{bad}");
        }
        assert_eq!(
            Recurrence::parse(" month ", " 12 ").map(|r| r.every),
            Ok(12)
        );
    }

    #[test]
    fn far_future_occurrences_end_instead_of_overflowing() {
        let r = Recurrence::parse("year", "99").expect("valid");
        assert_eq!(r.nth(d(2026, 1, 1), u32::MAX), None);
        assert!(r.first_on_or_after(d(2026, 1, 1), NaiveDate::MAX).is_none());
    }
}

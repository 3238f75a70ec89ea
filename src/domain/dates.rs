//! Calendar dates as people type them: `YYYY-MM-DD`, years 1 to 9999. Everything that reads
//! a date (forms, filters, files) goes through [`parse_day`], so no year that a database
//! cannot store (chrono reads `-0001` and `+275760`) gets past the edge.

use chrono::{Datelike, NaiveDate};

/// Why typed text is not a usable date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not in the `YYYY-MM-DD` form.
    #[error("enter a date like 2026-11-26")]
    Malformed,
    /// A year before 1 or after 9999.
    #[error("enter a date between 0001-01-01 and 9999-12-31")]
    OutOfRange,
    /// Well-formed, but the calendar has no such day (30 February).
    #[error("there is no such day in the calendar; enter a date like 2026-11-26")]
    NoSuchDay,
}

/// The earliest date tally reads.
pub const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(d) => d,
    None => panic!("0001-01-01 exists"),
};

/// The latest date tally reads.
pub const LATEST: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => panic!("9999-12-31 exists"),
};

/// Reads `YYYY-MM-DD` (surrounding white space ignored).
pub fn parse_day(input: &str) -> Result<NaiveDate, DateError> {
    let text = input.trim();
    let parts: Vec<&str> = text.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => {
            let number = |s: &str| s.parse::<u32>().map_err(|_| DateError::Malformed);
            let (year, month, day) = (number(y)?, number(m)?, number(d)?);
            if year == 0 {
                return Err(DateError::OutOfRange);
            }
            let year = i32::try_from(year).map_err(|_| DateError::OutOfRange)?;
            NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::NoSuchDay)
        }
        // A year with a sign or more than four digits: a date, but not one we can keep.
        _ if looks_like_a_date_beyond_range(text) => Err(DateError::OutOfRange),
        _ => Err(DateError::Malformed),
    }
}

fn looks_like_a_date_beyond_range(text: &str) -> bool {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let signed = unsigned.len() != text.len();
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    matches!(unsigned.split('-').collect::<Vec<_>>().as_slice(),
        [y, m, d] if digits(y, 9) && (signed || y.len() > 4) && digits(m, 2) && digits(d, 2))
}

/// Whether a date is within what [`parse_day`] accepts (for dates from elsewhere).
pub fn in_range(date: NaiveDate) -> bool {
    (1..=9999).contains(&date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_dates_are_read() {
        assert_eq!(
            parse_day(" 2026-11-26 "),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 26).expect("day"))
        );
        assert_eq!(parse_day("0001-01-01"), Ok(EARLIEST));
        assert_eq!(parse_day("9999-12-31"), Ok(LATEST));
        assert_eq!(parse_day("2024-02-29").map(|d| d.day()), Ok(29));
    }

    #[test]
    fn years_a_database_cannot_keep_are_out_of_range() {
        for text in [
            "-0001-01-01",
            "0000-01-01",
            "10000-01-01",
            "+275760-09-13",
            "275760-09-13",
            "-1-01-01",
        ] {
            assert_eq!(parse_day(text), Err(DateError::OutOfRange), "{text}");
        }
    }

    #[test]
    fn days_the_calendar_lacks_and_other_text_are_refused() {
        assert_eq!(parse_day("2023-02-29"), Err(DateError::NoSuchDay));
        assert_eq!(parse_day("2026-13-01"), Err(DateError::NoSuchDay));
        assert_eq!(parse_day("2026-00-10"), Err(DateError::NoSuchDay));
        for text in [
            "",
            "2026-1-1",
            "26-11-2026",
            "2026/11/26",
            "2026-11-26T00:00",
            "２０２６-11-26",
            "-",
            "1e9",
            "2026-11-26\0",
        ] {
            assert_eq!(parse_day(text), Err(DateError::Malformed), "{text:?}");
        }
        assert!(in_range(LATEST) && !in_range(NaiveDate::from_ymd_opt(-1, 1, 1).expect("day")));
    }
}

//! The European Central Bank's reference rates, as it publishes them in CSV (`eurofxref.csv`,
//! one day, and `eurofxref-hist.csv`, every day since 1999): a `Date` column, then one column
//! per currency with its units per euro (`N/A` where there is none). Read, never fetched.

use super::text::{Table, decode};
use super::{ImportError, ImportReason};
use crate::domain::{Currency, Rate};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// What the file is called in messages.
pub const FORMAT: &str = "ECB rates";

/// Each day's rates, as units of each currency per euro (the euro itself is not listed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EcbRates {
    /// Day → currency code → units per euro.
    pub days: BTreeMap<NaiveDate, BTreeMap<String, Rate>>,
}

impl EcbRates {
    /// The currencies any day has, in code order.
    pub fn currencies(&self) -> Vec<String> {
        let mut all: Vec<String> = self.days.values().flat_map(|d| d.keys().cloned()).collect();
        all.sort_unstable();
        all.dedup();
        all
    }
}

fn malformed(reason: ImportReason) -> ImportError {
    ImportError::Malformed {
        format: FORMAT,
        reason,
    }
}

/// `2024-06-14` (the history file) or `14 June 2024` (the day's file).
fn parse_day(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d %B %Y"))
        .ok()
}

/// Reads an ECB reference-rates CSV. Currencies tally does not know (the ECB kept some that
/// were replaced by the euro) are left out; a rate that is not a plain positive decimal is
/// an error naming its line and currency.
pub fn parse(bytes: &[u8]) -> Result<EcbRates, ImportError> {
    let table = Table::read(decode(bytes)?)?;
    let mut rows = table.rows.iter().filter(|r| !r.is_blank());
    let header = rows.next().ok_or(ImportError::Empty)?;
    if !header.cell(0).trim().eq_ignore_ascii_case("date") {
        return Err(malformed(ImportReason::EcbNoDateColumn));
    }
    let columns: Vec<Option<String>> = header
        .cells
        .iter()
        .skip(1)
        .map(|c| {
            Currency::from_code(c.trim())
                .ok()
                .filter(|c| c.code() != "EUR")
                .map(|c| c.code().to_owned())
        })
        .collect();
    if columns.iter().all(Option::is_none) {
        return Err(malformed(ImportReason::EcbNoCurrency));
    }
    let mut rates = EcbRates::default();
    for row in rows {
        let day = parse_day(row.cell(0)).ok_or_else(|| {
            malformed(ImportReason::EcbNotADay {
                line: row.line,
                text: row.cell(0).chars().take(40).collect(),
            })
        })?;
        let mut of_day = BTreeMap::new();
        for (i, code) in columns.iter().enumerate() {
            let Some(code) = code else { continue };
            let cell = row.cell(i + 1).trim();
            if cell.is_empty() || cell.eq_ignore_ascii_case("N/A") {
                continue;
            }
            let rate = Rate::parse(cell).map_err(|error| {
                malformed(ImportReason::EcbRate {
                    line: row.line,
                    currency: code.clone(),
                    error,
                })
            })?;
            of_day.insert(code.clone(), rate);
        }
        if rates.days.insert(day, of_day).is_some() {
            return Err(malformed(ImportReason::EcbDayTwice {
                line: row.line,
                day,
            }));
        }
    }
    if rates.days.is_empty() {
        return Err(malformed(ImportReason::EcbNoDays));
    }
    Ok(rates)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(t: &str) -> Rate {
        Rate::parse(t).expect("rate")
    }

    #[test]
    fn the_history_file_reads_every_day_with_its_trailing_comma_and_gaps() {
        let file = "Date,USD,JPY,CYP,KWD,\n\
                    2024-06-14,1.0707,168.17,N/A,,\n\
                    2024-06-13,1.0784,169.3,N/A,0.3306,\n";
        let rates = parse(file.as_bytes()).expect("reads");
        assert_eq!(rates.days.len(), 2);
        let day = &rates.days[&NaiveDate::from_ymd_opt(2024, 6, 14).expect("day")];
        assert_eq!(day.get("USD"), Some(&rate("1.0707")));
        assert_eq!(day.get("JPY"), Some(&rate("168.17")));
        assert_eq!(day.get("KWD"), None, "an empty cell is no rate");
        assert_eq!(
            rates.currencies(),
            vec!["JPY", "KWD", "USD"],
            "CYP is no longer a currency"
        );
    }

    #[test]
    fn the_days_file_with_its_spaces_and_long_date_reads_too() {
        let file = "\u{feff}Date, USD, JPY, GBP, \n14 June 2024, 1.0707, 168.17, 0.84375, \n";
        let rates = parse(file.as_bytes()).expect("reads");
        let day = &rates.days[&NaiveDate::from_ymd_opt(2024, 6, 14).expect("day")];
        assert_eq!(day.get("GBP"), Some(&rate("0.84375")));
    }

    #[test]
    fn other_files_are_refused_with_the_reason() {
        let err = |f: &str| parse(f.as_bytes()).expect_err("refused").to_string();
        assert!(err("Name,Amount\nRent,900\n").contains("first column must be Date"));
        assert!(err("Date,FOO,BAR\n2024-06-14,1,2\n").contains("no column names a currency"));
        assert!(err("Date,USD\n").contains("no day of rates"));
        assert!(err("Date,USD\nyesterday,1.07\n").contains("line 2"));
        assert!(err("Date,USD\n2024-06-14,-1.07\n").contains("line 2, USD"));
        assert!(err("Date,USD\n2024-06-14,1e300\n").contains("line 2, USD"));
        assert!(err("Date,USD\n2024-06-14,1\n2024-06-14,1\n").contains("twice"));
        assert!(err("").contains("empty"));
        assert!(parse(b"Date,USD\n2024-06-14,\x00\n").is_err());
    }
}

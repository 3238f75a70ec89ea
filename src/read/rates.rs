//! An account's uploaded reference rates: what is loaded, and the rate for a day.

use super::{Connection, ReadError};
use crate::domain::{AccountId, Currency, Rate};
use crate::infrastructure::schema::exchange_rates;
use chrono::{Days, NaiveDate};
use diesel::dsl::{count_star, max, min};
use diesel::prelude::*;
use std::collections::BTreeMap;

/// How many days before an expense a rate may be from: the ECB publishes none on weekends
/// and holidays; a file that ends weeks earlier proposes nothing rather than a stale rate.
pub const LOOK_BACK_DAYS: u64 = 7;

/// What an account has loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatesLoaded {
    /// Days with rates.
    pub days: i64,
    /// The first and the last.
    pub first: NaiveDate,
    /// The last.
    pub last: NaiveDate,
    /// The currencies of the last day.
    pub currencies: Vec<String>,
}

fn per_euro(json: &str) -> Result<BTreeMap<String, Rate>, ReadError> {
    let raw: BTreeMap<String, String> = serde_json::from_str(json)
        .map_err(|e| ReadError::Corrupt(format!("exchange rates: {e}")))?;
    raw.into_iter()
        .map(|(code, text)| {
            Rate::parse(&text)
                .map(|r| (code, r))
                .map_err(|e| ReadError::Corrupt(format!("exchange rate {text:?}: {e}")))
        })
        .collect()
}

/// The account's loaded rates, if any.
pub fn loaded(conn: &mut Connection, account: AccountId) -> Result<Option<RatesLoaded>, ReadError> {
    let (days, first, last): (i64, Option<NaiveDate>, Option<NaiveDate>) = exchange_rates::table
        .filter(exchange_rates::account_id.eq(account))
        .select((
            count_star(),
            min(exchange_rates::rate_date),
            max(exchange_rates::rate_date),
        ))
        .first(conn)?;
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(None);
    };
    let json: String = exchange_rates::table
        .filter(exchange_rates::account_id.eq(account))
        .filter(exchange_rates::rate_date.eq(last))
        .select(exchange_rates::rates)
        .first(conn)?;
    Ok(Some(RatesLoaded {
        days,
        first,
        last,
        currencies: per_euro(&json)?.into_keys().collect(),
    }))
}

/// One unit of `paid` in `account_currency` on `day` by the loaded rates (from the newest day
/// at most [`LOOK_BACK_DAYS`] before), with the day it is from; `None` when none is loaded
/// for that day or either currency is missing from it.
pub fn rate_on(
    conn: &mut Connection,
    account: AccountId,
    paid: Currency,
    account_currency: Currency,
    day: NaiveDate,
) -> Result<Option<(NaiveDate, Rate)>, ReadError> {
    let earliest = day
        .checked_sub_days(Days::new(LOOK_BACK_DAYS))
        .unwrap_or(day);
    let Some((from, json)): Option<(NaiveDate, String)> = exchange_rates::table
        .filter(exchange_rates::account_id.eq(account))
        .filter(exchange_rates::rate_date.le(day))
        .filter(exchange_rates::rate_date.ge(earliest))
        .order(exchange_rates::rate_date.desc())
        .select((exchange_rates::rate_date, exchange_rates::rates))
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let rates = per_euro(&json)?;
    let one = Rate::parse("1").map_err(|e| ReadError::Corrupt(e.to_string()))?;
    let of = |c: Currency| {
        if c.code() == "EUR" {
            Some(one)
        } else {
            rates.get(c.code()).copied()
        }
    };
    // Units per euro: one `paid` is (account's per euro) ÷ (paid's per euro) of the account's.
    Ok(match (of(account_currency), of(paid)) {
        (Some(account_per_euro), Some(paid_per_euro)) => account_per_euro
            .divided_by(&paid_per_euro)
            .map(|rate| (from, rate)),
        _ => None,
    })
}

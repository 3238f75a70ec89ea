//! Reference rates uploaded to an account (the ECB's CSV), kept to propose the rate of an
//! expense paid in another currency. An upload replaces the account's earlier one.

use crate::domain::AccountId;
use crate::import::ecb::EcbRates;
use crate::infrastructure::db::DbConnection;
use crate::infrastructure::schema::exchange_rates;
use diesel::prelude::*;

/// Rows to a statement: the ECB's history (~7,000 days) in 14 inserts.
const CHUNK: usize = 500;

/// Replaces the account's rates with `rates`, in one transaction.
pub fn store(conn: &mut DbConnection, account: AccountId, rates: &EcbRates) -> QueryResult<()> {
    let rows: Vec<_> = rates
        .days
        .iter()
        .map(|(day, of_day)| {
            let json: serde_json::Map<String, serde_json::Value> = of_day
                .iter()
                .map(|(code, rate)| (code.clone(), serde_json::Value::String(rate.to_string())))
                .collect();
            (
                exchange_rates::account_id.eq(account),
                exchange_rates::rate_date.eq(*day),
                exchange_rates::rates.eq(serde_json::Value::Object(json).to_string()),
            )
        })
        .collect();
    conn.transaction(|conn| {
        diesel::delete(exchange_rates::table.filter(exchange_rates::account_id.eq(account)))
            .execute(conn)?;
        for chunk in rows.chunks(CHUNK) {
            crate::infrastructure::db::insert_rows!(conn, exchange_rates::table, chunk)?;
        }
        Ok(())
    })
}

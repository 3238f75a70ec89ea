//! One-time password reset links, for whoever runs the server (`tally reset-password EMAIL`;
//! there is no mail server in the product). The link carries a random 256-bit token; the
//! database keeps only its SHA-256, so reading the table yields no usable link. A link works
//! once, for [`VALID_FOR_MINUTES`]; making a new one ends the older ones of that user.

use super::{change_password, new_token, token_hash};
use crate::domain::UserId;
use crate::infrastructure::db::DbConnection;
use crate::infrastructure::schema::password_resets;
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;

/// How long a reset link works.
pub const VALID_FOR_MINUTES: i64 = 60;

/// Makes a new reset link's token for the user at `now`, ending their older ones.
pub fn create(conn: &mut DbConnection, user: UserId, now: DateTime<Utc>) -> QueryResult<String> {
    let token = new_token();
    conn.transaction(|conn| {
        diesel::delete(password_resets::table.filter(password_resets::user_id.eq(user)))
            .execute(conn)?;
        diesel::insert_into(password_resets::table)
            .values((
                password_resets::token_hash.eq(token_hash(&token)),
                password_resets::user_id.eq(user),
                password_resets::created_at.eq(now.naive_utc()),
                password_resets::expires_at
                    .eq((now + Duration::minutes(VALID_FOR_MINUTES)).naive_utc()),
            ))
            .execute(conn)
    })?;
    Ok(token)
}

/// The user whose unexpired reset link this is, if any.
pub fn user_for(
    conn: &mut DbConnection,
    token: &str,
    now: DateTime<Utc>,
) -> QueryResult<Option<UserId>> {
    password_resets::table
        .find(token_hash(token))
        .filter(password_resets::expires_at.gt(now.naive_utc()))
        .select(password_resets::user_id)
        .first::<UserId>(conn)
        .optional()
}

/// Uses the link: stores the new password hash (which ends every session of the user) and
/// deletes the link, in one transaction. `None` when the link is unknown, used or expired.
pub fn consume(
    conn: &mut DbConnection,
    token: &str,
    new_hash: &str,
    now: DateTime<Utc>,
) -> QueryResult<Option<UserId>> {
    conn.transaction(|conn| {
        let Some(user) = user_for(conn, token, now)? else {
            return Ok(None);
        };
        let deleted =
            diesel::delete(password_resets::table.find(token_hash(token))).execute(conn)?;
        if deleted == 0 {
            // Someone used it a moment ago.
            return Ok(None);
        }
        change_password(conn, user, new_hash)?;
        Ok(Some(user))
    })
}

//! Files uploaded to an import page, kept between the preview and the confirmation.
//!
//! Why server-side: the confirm form then names the file by its SHA-256 and nothing else, so
//! what is imported is byte for byte what was previewed, and a person does not have to choose
//! the file a second time (a browser cannot fill a file field in again). Re-uploading with a
//! checked hash would work too, but asks the person to pick the same file twice. Rows are the
//! uploader's own (keyed by user and hash) and live [`KEPT_MINUTES`]; each upload prunes the
//! older ones, so the table stays small.

use crate::domain::UserId;
use crate::infrastructure::db::DbConnection;
use crate::infrastructure::schema::import_uploads;
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;

/// How long an upload can be confirmed.
pub const KEPT_MINUTES: i64 = 60;

/// Keeps `bytes` (whose SHA-256 in hex is `hash`) for `user`, replacing the same file's
/// earlier upload, and forgets every upload older than [`KEPT_MINUTES`].
pub fn store(
    conn: &mut DbConnection,
    user: UserId,
    hash: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> QueryResult<()> {
    conn.transaction(|conn| {
        let expired = (now - Duration::minutes(KEPT_MINUTES)).naive_utc();
        diesel::delete(import_uploads::table.filter(import_uploads::created_at.lt(expired)))
            .execute(conn)?;
        diesel::delete(
            import_uploads::table
                .filter(import_uploads::user_id.eq(user))
                .filter(import_uploads::file_hash.eq(hash)),
        )
        .execute(conn)?;
        diesel::insert_into(import_uploads::table)
            .values((
                import_uploads::user_id.eq(user),
                import_uploads::file_hash.eq(hash),
                import_uploads::bytes.eq(bytes),
                import_uploads::created_at.eq(now.naive_utc()),
            ))
            .execute(conn)?;
        Ok(())
    })
}

/// The bytes `user` uploaded with this hash within the last [`KEPT_MINUTES`], if any.
pub fn load(
    conn: &mut DbConnection,
    user: UserId,
    hash: &str,
    now: DateTime<Utc>,
) -> QueryResult<Option<Vec<u8>>> {
    let since = (now - Duration::minutes(KEPT_MINUTES)).naive_utc();
    import_uploads::table
        .filter(import_uploads::user_id.eq(user))
        .filter(import_uploads::file_hash.eq(hash))
        .filter(import_uploads::created_at.ge(since))
        .select(import_uploads::bytes)
        .first::<Vec<u8>>(conn)
        .optional()
}

//! People who sign in: accounts, password hashing, sessions and sign-in throttling.
//! Plain tables, not event sourced: a user is not part of any flat's history.

pub mod password;
pub mod reset;
pub mod throttle;

use crate::clock::now_micros;
use crate::domain::{AccountId, MemberId, MemberName, TimeZone, UserId};
use crate::i18n::Lang;
use crate::infrastructure::db::DbConnection;
use crate::infrastructure::schema::{accounts, user_accounts, user_sessions, users};
use crate::projections::rows::AccountRow;
use base64::Engine as _;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use sha2::{Digest, Sha256};

/// An email address, trimmed; compared without regard to case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

/// Why an email address was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("enter an email address like sam@example.com")]
pub struct InvalidEmail;

impl Email {
    /// Parses what a person typed.
    pub fn parse(input: &str) -> Result<Email, InvalidEmail> {
        let email = input.trim();
        let Some((local, domain)) = email.rsplit_once('@') else {
            return Err(InvalidEmail);
        };
        let plausible = email.len() <= 254
            && !local.is_empty()
            && local.len() <= 64
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !email.chars().any(|c| {
                c.is_whitespace()
                    || c.is_control()
                    || crate::domain::names::is_invisible(c)
                    || matches!(c, '<' | '>' | '"')
            })
            && !local.contains('@');
        if plausible {
            Ok(Email(email.to_owned()))
        } else {
            Err(InvalidEmail)
        }
    }

    /// As typed (trimmed).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The lower-cased key that makes addresses unique regardless of case.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

/// A stored user.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    /// Id.
    pub user_id: UserId,
    /// Email as typed.
    pub email: String,
    /// Lower-cased email.
    pub email_key: String,
    /// The name shown to flatmates.
    pub display_name: String,
    /// PHC string of the argon2id hash.
    pub password_hash: String,
    /// When they registered.
    pub created_at: NaiveDateTime,
    /// Their own time zone's IANA name, `None` until chosen (UTC meanwhile).
    pub time_zone: Option<String>,
    /// The language they chose (`en`, `es`, …), `None` until chosen.
    pub language: Option<String>,
}

impl UserRow {
    /// The user's id.
    pub fn id(&self) -> UserId {
        self.user_id
    }

    /// Whether they have a zone of their own (the browser's proposal is taken only before).
    pub fn has_zone(&self) -> bool {
        self.time_zone.is_some()
    }

    /// The language they chose, if they chose one tally still speaks.
    pub fn language(&self) -> Option<Lang> {
        self.language.as_deref().and_then(Lang::from_code)
    }
}

/// What every request reads of its signed-in user: not the password hash, which only
/// signing in and changing the password need.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct SessionUserRow {
    /// Id.
    pub user_id: UserId,
    /// Email as typed.
    pub email: String,
    /// The name shown to flatmates.
    pub display_name: String,
    /// Their own time zone's IANA name, `None` until chosen (UTC meanwhile).
    pub time_zone: Option<String>,
    /// The language they chose (`en`, `es`, …), `None` until chosen.
    pub language: Option<String>,
}

impl SessionUserRow {
    /// The zone their times and "today" are shown in: their own, or UTC until they choose.
    /// A stored name the compiled-in tz database no longer knows counts as unset.
    pub fn zone(&self) -> TimeZone {
        self.time_zone
            .as_deref()
            .and_then(|name| TimeZone::parse(name).ok())
            .unwrap_or_default()
    }

    /// Whether they have a zone of their own (the browser's proposal is taken only before).
    pub fn has_zone(&self) -> bool {
        self.time_zone.is_some()
    }

    /// The language they chose, if they chose one tally still speaks.
    pub fn language(&self) -> Option<Lang> {
        self.language.as_deref().and_then(Lang::from_code)
    }
}

/// Why an identity operation failed.
#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    /// Someone registered with that address already.
    #[error("an account with this email address exists already")]
    EmailTaken,
    /// The database failed.
    #[error("database error")]
    Database(#[from] DieselError),
}

/// Registers a user with an already-hashed password.
pub fn register(
    conn: &mut DbConnection,
    email: &Email,
    display_name: &MemberName,
    password_hash: &str,
) -> Result<UserId, IdentityError> {
    let id = UserId::new();
    let inserted = diesel::insert_into(users::table)
        .values((
            users::user_id.eq(id),
            users::email.eq(email.as_str()),
            users::email_key.eq(email.key()),
            users::display_name.eq(display_name.as_str()),
            users::password_hash.eq(password_hash),
            users::created_at.eq(now_micros().naive_utc()),
        ))
        .execute(conn);
    match inserted {
        Ok(_) => Ok(id),
        Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {
            Err(IdentityError::EmailTaken)
        }
        Err(e) => Err(e.into()),
    }
}

/// Finds a user by email (any case).
pub fn find_by_email(conn: &mut DbConnection, email: &Email) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::email_key.eq(email.key()))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

/// Finds a user by id.
pub fn find(conn: &mut DbConnection, id: UserId) -> QueryResult<Option<UserRow>> {
    users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

/// Sets a user's own time zone.
pub fn set_time_zone(conn: &mut DbConnection, id: UserId, zone: TimeZone) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::time_zone.eq(Some(zone.name())))
        .execute(conn)
        .map(|_| ())
}

/// Sets the language a user's pages are in.
pub fn set_language(conn: &mut DbConnection, id: UserId, lang: Lang) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::language.eq(Some(lang.code())))
        .execute(conn)
        .map(|_| ())
}

/// Sets a user's time zone only if they have none yet: the browser's proposal never
/// overrides a choice.
pub fn propose_time_zone(conn: &mut DbConnection, id: UserId, zone: TimeZone) -> QueryResult<()> {
    diesel::update(users::table.find(id).filter(users::time_zone.is_null()))
        .set(users::time_zone.eq(Some(zone.name())))
        .execute(conn)
        .map(|_| ())
}

/// Replaces a user's password hash and ends every one of their sessions.
pub fn change_password(conn: &mut DbConnection, id: UserId, new_hash: &str) -> QueryResult<()> {
    conn.transaction(|conn| {
        diesel::update(users::table.find(id))
            .set(users::password_hash.eq(new_hash))
            .execute(conn)?;
        end_all_sessions(conn, id)
    })
}

/// Random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0_u8; N];
    // The OS generator failing is unrecoverable for a security-sensitive service.
    if let Err(e) = getrandom::fill(&mut bytes) {
        panic!("the operating system's random generator failed: {e}");
    }
    bytes
}

/// A new random token (256 bits), URL-safe.
pub fn new_token() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes::<32>())
}

/// SHA-256 of a token: what the database keeps instead of the token.
pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// Starts a session; returns the token for the cookie.
pub fn start_session(conn: &mut DbConnection, user: UserId) -> QueryResult<String> {
    let token = new_token();
    let now = now_micros().naive_utc();
    diesel::insert_into(user_sessions::table)
        .values((
            user_sessions::token_hash.eq(token_hash(&token)),
            user_sessions::user_id.eq(user),
            user_sessions::created_at.eq(now),
            user_sessions::last_seen_at.eq(now),
        ))
        .execute(conn)?;
    Ok(token)
}

/// The user of a live session. A session idle for longer than `idle_timeout` is ended.
pub fn session_user(
    conn: &mut DbConnection,
    token: &str,
    idle_timeout: Duration,
) -> QueryResult<Option<SessionUserRow>> {
    let hash = token_hash(token);
    let found: Option<(NaiveDateTime, SessionUserRow)> =
        crate::infrastructure::db::on_backend!(conn, |c| user_sessions::table
            .inner_join(users::table.on(users::user_id.eq(user_sessions::user_id)))
            .filter(user_sessions::token_hash.eq(&hash))
            .select((user_sessions::last_seen_at, SessionUserRow::as_select()))
            .first(c)
            .optional())?;
    let Some((last_seen, user)) = found else {
        return Ok(None);
    };
    Ok(still_open(conn, &hash, last_seen, idle_timeout)?.then_some(user))
}

/// A user's member id in an account, and the account's row.
pub type Membership = (MemberId, AccountRow);

/// [`session_user`] and, in the same statement, the user's membership of `account` (their
/// member id and the account's row): the member guard of every account page reads both.
pub fn session_member(
    conn: &mut DbConnection,
    token: &str,
    idle_timeout: Duration,
    account: AccountId,
) -> QueryResult<Option<(SessionUserRow, Option<Membership>)>> {
    let hash = token_hash(token);
    type Found = (
        NaiveDateTime,
        SessionUserRow,
        Option<MemberId>,
        Option<AccountRow>,
    );
    let found: Option<Found> = crate::infrastructure::db::on_backend!(conn, |c| {
        user_sessions::table
            .inner_join(users::table.on(users::user_id.eq(user_sessions::user_id)))
            .left_join(
                user_accounts::table.on(user_accounts::user_id
                    .eq(users::user_id)
                    .and(user_accounts::account_id.eq(account))),
            )
            .left_join(accounts::table.on(accounts::account_id.eq(user_accounts::account_id)))
            .filter(user_sessions::token_hash.eq(&hash))
            .select((
                user_sessions::last_seen_at,
                SessionUserRow::as_select(),
                user_accounts::member_id.nullable(),
                Option::<AccountRow>::as_select(),
            ))
            .first(c)
            .optional()
    })?;
    let Some((last_seen, user, member, row)) = found else {
        return Ok(None);
    };
    if !still_open(conn, &hash, last_seen, idle_timeout)? {
        return Ok(None);
    }
    Ok(Some((user, member.zip(row))))
}

/// Whether a session last seen at `last_seen` is still open: an idle one is ended here, an
/// open one's last use refreshed at most once a minute (one write per minute per session, not
/// per request).
fn still_open(
    conn: &mut DbConnection,
    hash: &[u8],
    last_seen: NaiveDateTime,
    idle_timeout: Duration,
) -> QueryResult<bool> {
    let now = now_micros();
    if now - last_seen.and_utc() > idle_timeout {
        diesel::delete(user_sessions::table.find(hash)).execute(conn)?;
        return Ok(false);
    }
    if now - last_seen.and_utc() > Duration::minutes(1) {
        diesel::update(user_sessions::table.find(hash))
            .set(user_sessions::last_seen_at.eq(now.naive_utc()))
            .execute(conn)?;
    }
    Ok(true)
}

/// Ends one session.
pub fn end_session(conn: &mut DbConnection, token: &str) -> QueryResult<()> {
    diesel::delete(user_sessions::table.find(token_hash(token)))
        .execute(conn)
        .map(|_| ())
}

/// Ends every session of a user.
pub fn end_all_sessions(conn: &mut DbConnection, user: UserId) -> QueryResult<()> {
    diesel::delete(user_sessions::table.filter(user_sessions::user_id.eq(user)))
        .execute(conn)
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_keyed_without_case() {
        let e = Email::parse("  Sam@Example.org ").expect("valid");
        assert_eq!(e.as_str(), "Sam@Example.org");
        assert_eq!(e.key(), "sam@example.org");
    }

    #[test]
    fn implausible_emails_are_refused() {
        for bad in [
            "",
            "sam",
            "sam@",
            "@example.org",
            "sam@localhost",
            "s am@x.org",
            "a@b@c.org",
            "sam@.org",
            "<sam@x.org>",
            "sam\u{202e}@x.org",
            "s\u{ad}am@x.org",
            "sam@x\u{200b}.org",
        ] {
            assert_eq!(Email::parse(bad), Err(InvalidEmail), "{bad:?}");
        }
    }

    #[test]
    fn tokens_are_long_random_and_stored_hashed() {
        let a = new_token();
        let b = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43, "256 bits in base64url");
        assert_eq!(token_hash(&a).len(), 32);
        assert_ne!(token_hash(&a), a.as_bytes());
    }
}

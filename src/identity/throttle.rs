//! Sign-in throttling: attempts counted per bucket in a fixed window, reserved atomically in
//! the database *before* the slow password check, so parallel guesses and several app
//! instances cannot get past the limit.
//!
//! A guess is counted against its address with its client, against the address from any
//! client (many clients guessing one password) and against the client for any address (one
//! client trying many addresses). A browser that signed in to the address before (a known
//! device, see [`DeviceCookie`]) is counted only against itself, so a stranger's guessing
//! cannot keep the owner out.

use crate::clock::now_micros;
use crate::domain::UserId;
use crate::infrastructure::db::DbConnection;
use crate::infrastructure::schema::sign_in_attempts;
use base64::Engine as _;
use chrono::Duration;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::net::IpAddr;

/// Guesses for one address from one client per window.
pub const PER_ADDRESS_AND_CLIENT: i32 = 5;
/// Guesses for one address from all clients together per window.
pub const PER_ADDRESS: i32 = 20;
/// Sign-in attempts from one client for all addresses together per window.
pub const PER_CLIENT: i32 = 30;
/// Guesses from one known device (for its own address) per window.
pub const PER_DEVICE: i32 = 5;
/// Registrations tried from one client per window (each can tell whether an address has
/// an account, see SECURITY.md).
pub const SIGN_UPS_PER_CLIENT: i32 = 10;

/// One counter and its limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    key: Vec<u8>,
    limit: i32,
}

impl Bucket {
    fn new(kind: &str, parts: &[&str], limit: i32) -> Bucket {
        let mut hash = Sha256::new();
        hash.update(kind.as_bytes());
        for part in parts {
            // Length-prefixed, so ("a|b", "c") and ("a", "b|c") differ.
            hash.update((part.len() as u64).to_be_bytes());
            hash.update(part.as_bytes());
        }
        Bucket {
            key: hash.finalize().to_vec(),
            limit,
        }
    }

    /// Sign-in guesses for an address from one client.
    pub fn address_and_client(email_key: &str, client: IpAddr) -> Bucket {
        Bucket::new(
            "address+client",
            &[email_key, &client.to_string()],
            PER_ADDRESS_AND_CLIENT,
        )
    }

    /// Sign-in guesses for an address from anywhere.
    pub fn address(email_key: &str) -> Bucket {
        Bucket::new("address", &[email_key], PER_ADDRESS)
    }

    /// Sign-in attempts from one client.
    pub fn client(client: IpAddr) -> Bucket {
        Bucket::new("client", &[&client.to_string()], PER_CLIENT)
    }

    /// Guesses from a known device of this user.
    pub fn device(user: UserId) -> Bucket {
        Bucket::new("device", &[&user.to_string()], PER_DEVICE)
    }

    /// Wrong current passwords on the change-password page of a user (a stolen session
    /// must not guess faster there than at the sign-in form).
    pub fn password_change(user: UserId) -> Bucket {
        Bucket::new(
            "password-change",
            &[&user.to_string()],
            PER_ADDRESS_AND_CLIENT,
        )
    }

    /// Registrations from one client.
    pub fn sign_up(client: IpAddr) -> Bucket {
        Bucket::new("sign-up", &[&client.to_string()], SIGN_UPS_PER_CLIENT)
    }
}

/// The buckets a sign-in attempt for `email_key` from `client` counts against.
pub fn sign_in_buckets(
    email_key: &str,
    client: IpAddr,
    known_device: Option<UserId>,
) -> Vec<Bucket> {
    match known_device {
        Some(user) => vec![Bucket::device(user)],
        None => vec![
            Bucket::address_and_client(email_key, client),
            Bucket::address(email_key),
            Bucket::client(client),
        ],
    }
}

/// Counts one attempt in every bucket, atomically; `true` when every bucket is still within
/// its limit (the attempt may go ahead), `false` when one is over (refuse without checking
/// the password). Runs in its own short transaction: the count is committed before any
/// hashing starts, so a parallel attempt sees it.
pub fn reserve(conn: &mut DbConnection, buckets: &[Bucket], window: Duration) -> QueryResult<bool> {
    let mut sorted: Vec<&Bucket> = buckets.iter().collect();
    // One lock order for every transaction: no deadlock between two reservations.
    sorted.sort_by(|a, b| a.key.cmp(&b.key));
    sorted.dedup_by(|a, b| a.key == b.key);
    let (within, created) = with_retries(conn, |conn| {
        let mut within = true;
        let mut created = false;
        for bucket in &sorted {
            let (count, new) = count_one(conn, &bucket.key, window)?;
            within &= count <= bucket.limit;
            created |= new;
        }
        Ok((within, created))
    })?;
    if created {
        // A new bucket is rare next to the attempts in it: prune ended windows then. Only
        // housekeeping: a failure (a lock conflict with a reservation) waits for next time.
        if let Err(e) = prune(conn, window) {
            tracing::debug!(error = %e, "pruning sign-in attempts failed; left for later");
        }
    }
    Ok(within)
}

/// Runs `work` in a short READ COMMITTED transaction, again on a conflict: two first
/// attempts in one bucket at once (the second insert finds the row), a deadlock or a busy
/// database. READ COMMITTED takes no gap locks on MySQL/MariaDB, so two reservations that
/// create buckets next to each other do not deadlock in the first place.
fn with_retries<T>(
    conn: &mut DbConnection,
    mut work: impl FnMut(&mut DbConnection) -> QueryResult<T>,
) -> QueryResult<T> {
    const TRIES: u32 = 10;
    let mut tries = 0;
    loop {
        tries += 1;
        read_committed(conn)?;
        match conn.transaction(&mut work) {
            Err(e) if tries < TRIES && is_retryable(&e) => {
                // Short, growing, jittered pauses so colliding attempts spread out.
                let jitter = u64::from(crate::identity::random_bytes::<1>()[0] % 4);
                std::thread::sleep(std::time::Duration::from_millis(
                    u64::from(tries) * 2 + jitter,
                ));
            }
            outcome => return outcome,
        }
    }
}

/// Makes the next transaction READ COMMITTED on MySQL/MariaDB (SQLite serializes writers).
fn read_committed(conn: &mut DbConnection) -> QueryResult<()> {
    #[cfg(feature = "mysql")]
    if let DbConnection::Mysql(c) = conn {
        diesel::sql_query("SET TRANSACTION ISOLATION LEVEL READ COMMITTED").execute(c)?;
    }
    #[cfg(not(feature = "mysql"))]
    let _ = conn;
    Ok(())
}

/// After a successful sign-in: gives its attempt back in every bucket (only failures add
/// up, so people signing in often — a flat behind one address — are never slowed by their
/// own successes) and forgets `forgiven` buckets altogether.
pub fn forgive(
    conn: &mut DbConnection,
    buckets: &[Bucket],
    forgiven: &[Bucket],
) -> QueryResult<()> {
    with_retries(conn, |conn| {
        refund(conn, buckets)?;
        for bucket in forgiven {
            clear(conn, bucket)?;
        }
        Ok(())
    })
}

/// Adds one to a bucket; the new count, and whether the row was created.
fn count_one(conn: &mut DbConnection, key: &[u8], window: Duration) -> QueryResult<(i32, bool)> {
    let now = now_micros().naive_utc();
    let window_began_after = now - window;
    let in_window = diesel::update(
        sign_in_attempts::table
            .filter(sign_in_attempts::bucket.eq(key))
            .filter(sign_in_attempts::window_start.gt(window_began_after)),
    )
    .set(sign_in_attempts::attempts.eq(sign_in_attempts::attempts + 1))
    .execute(conn)?;
    let mut created = false;
    if in_window == 0 {
        let restarted = diesel::update(
            sign_in_attempts::table
                .filter(sign_in_attempts::bucket.eq(key))
                .filter(sign_in_attempts::window_start.le(window_began_after)),
        )
        .set((
            sign_in_attempts::attempts.eq(1),
            sign_in_attempts::window_start.eq(now),
        ))
        .execute(conn)?;
        if restarted == 0 {
            diesel::insert_into(sign_in_attempts::table)
                .values((
                    sign_in_attempts::bucket.eq(key),
                    sign_in_attempts::window_start.eq(now),
                    sign_in_attempts::attempts.eq(1),
                ))
                .execute(conn)?;
            created = true;
        }
    }
    let count = sign_in_attempts::table
        .find(key)
        .select(sign_in_attempts::attempts)
        .first(conn)?;
    Ok((count, created))
}

/// Gives back the attempt a successful sign-in reserved.
fn refund(conn: &mut DbConnection, buckets: &[Bucket]) -> QueryResult<()> {
    for bucket in buckets {
        diesel::update(
            sign_in_attempts::table
                .filter(sign_in_attempts::bucket.eq(&bucket.key))
                .filter(sign_in_attempts::attempts.gt(0)),
        )
        .set(sign_in_attempts::attempts.eq(sign_in_attempts::attempts - 1))
        .execute(conn)?;
    }
    Ok(())
}

/// Forgets a bucket's attempts (after a successful sign-in).
fn clear(conn: &mut DbConnection, bucket: &Bucket) -> QueryResult<()> {
    diesel::delete(sign_in_attempts::table.find(&bucket.key))
        .execute(conn)
        .map(|_| ())
}

/// Deletes buckets whose window ended: the table holds only what is being counted.
pub fn prune(conn: &mut DbConnection, window: Duration) -> QueryResult<usize> {
    let ended_before = (now_micros() - window).naive_utc();
    diesel::delete(sign_in_attempts::table.filter(sign_in_attempts::window_start.le(ended_before)))
        .execute(conn)
}

fn is_retryable(e: &DieselError) -> bool {
    matches!(
        e,
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)
    ) || crate::infrastructure::event_store::is_conflict(e)
}

/// A cookie that marks a browser in which a user signed in before: an HMAC of the user's id
/// and password hash under a server key. It needs no table, and changing the password
/// forgets every device.
#[derive(Debug, Clone)]
pub struct DeviceCookie;

impl DeviceCookie {
    /// The cookie's name.
    pub const NAME: &'static str = "tally_device";

    /// The cookie value for a user.
    pub fn value(key: &[u8], user: UserId, password_hash: &str) -> String {
        let mac = Self::mac(key, user, password_hash);
        format!(
            "{}.{}",
            user.0.simple(),
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac)
        )
    }

    /// Whether `cookie` marks a device of this user (with this password).
    pub fn is_valid(key: &[u8], cookie: &str, user: UserId, password_hash: &str) -> bool {
        let Some((id, mac)) = cookie.split_once('.') else {
            return false;
        };
        let Ok(mac) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(mac) else {
            return false;
        };
        if id != user.0.simple().to_string() {
            return false;
        }
        let mut check = <Hmac<Sha256> as Mac>::new_from_slice(key)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        check.update(user.0.as_bytes());
        check.update(password_hash.as_bytes());
        check.verify_slice(&mac).is_ok()
    }

    fn mac(key: &[u8], user: UserId, password_hash: &str) -> Vec<u8> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(user.0.as_bytes());
        mac.update(password_hash.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_distinct_per_kind_and_key() {
        let ip: IpAddr = "192.0.2.1".parse().expect("ip");
        let other: IpAddr = "192.0.2.2".parse().expect("ip");
        let all = [
            Bucket::address_and_client("a@x.org", ip),
            Bucket::address_and_client("a@x.org", other),
            Bucket::address("a@x.org"),
            Bucket::address("b@x.org"),
            Bucket::client(ip),
            Bucket::sign_up(ip),
        ];
        for (i, a) in all.iter().enumerate() {
            assert_eq!(a.key.len(), 32);
            for b in &all[i + 1..] {
                assert_ne!(a.key, b.key);
            }
        }
    }

    #[test]
    fn a_known_device_counts_only_against_itself() {
        let ip: IpAddr = "192.0.2.1".parse().expect("ip");
        let user = UserId::new();
        assert_eq!(
            sign_in_buckets("a@x.org", ip, Some(user)),
            vec![Bucket::device(user)]
        );
        assert_eq!(sign_in_buckets("a@x.org", ip, None).len(), 3);
    }

    #[test]
    fn device_cookies_name_one_user_and_password() {
        let key = b"k".repeat(32);
        let (user, other) = (UserId::new(), UserId::new());
        let cookie = DeviceCookie::value(&key, user, "hash1");
        assert!(DeviceCookie::is_valid(&key, &cookie, user, "hash1"));
        assert!(
            !DeviceCookie::is_valid(&key, &cookie, user, "hash2"),
            "password changed"
        );
        assert!(!DeviceCookie::is_valid(&key, &cookie, other, "hash1"));
        assert!(!DeviceCookie::is_valid(
            b"other key",
            &cookie,
            user,
            "hash1"
        ));
        for bad in ["", ".", "x.y", &cookie.replace('.', "")] {
            assert!(!DeviceCookie::is_valid(&key, bad, user, "hash1"), "{bad:?}");
        }
    }
}

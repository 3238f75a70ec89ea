//! Invite links: the token crypto and its storage. The link's token is an HMAC of the
//! account id and a stored nonce under the server's invite key; the database keeps the
//! nonce and the token's SHA-256, so it alone never yields a usable link.

use crate::clock::now_micros;
use crate::domain::AccountId;
use crate::identity;
use crate::infrastructure::db::DbConnection;
use crate::infrastructure::schema::account_invites;
use base64::Engine as _;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The link's token: an HMAC of the account id and the stored nonce under the server's
/// invite key, so the database alone never yields a usable link. 256 bits, base64url.
pub fn invite_token(key: &[u8], account: AccountId, nonce: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(account.as_bytes());
    mac.update(nonce);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// The account whose current invite link has this token, if any.
pub fn account_for_token(conn: &mut DbConnection, token: &str) -> QueryResult<Option<AccountId>> {
    account_invites::table
        .filter(account_invites::token_hash.eq(identity::token_hash(token)))
        .select(account_invites::account_id)
        .first(conn)
        .optional()
}

/// The account's current invite token, creating its invite on first use.
pub fn current_invite(
    conn: &mut DbConnection,
    key: &[u8],
    account: AccountId,
) -> QueryResult<String> {
    let id = account;
    let stored: Option<(Vec<u8>, Vec<u8>)> = account_invites::table
        .find(id)
        .select((account_invites::nonce, account_invites::token_hash))
        .first(conn)
        .optional()?;
    let (nonce, stored_hash) = match stored {
        Some(row) => row,
        None => {
            let nonce = identity::random_bytes::<16>();
            let token = invite_token(key, account, &nonce);
            let inserted = diesel::insert_into(account_invites::table)
                .values((
                    account_invites::account_id.eq(id),
                    account_invites::nonce.eq(nonce.as_slice()),
                    account_invites::token_hash.eq(identity::token_hash(&token)),
                    account_invites::created_at.eq(now_micros().naive_utc()),
                ))
                .execute(conn);
            return match inserted {
                Ok(_) => Ok(token),
                // Another request created it at the same moment: use theirs.
                Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {
                    current_invite(conn, key, account)
                }
                Err(e) => Err(e),
            };
        }
    };
    let token = invite_token(key, account, &nonce);
    let hash = identity::token_hash(&token);
    if hash != stored_hash {
        // The server key changed: the old link was dead anyway; make the shown one work.
        diesel::update(account_invites::table.find(id))
            .set(account_invites::token_hash.eq(&hash))
            .execute(conn)?;
    }
    Ok(token)
}

/// Gives the account a new invite link; the old one stops working.
pub fn replace_invite_token(
    conn: &mut DbConnection,
    key: &[u8],
    account: AccountId,
) -> QueryResult<String> {
    let id = account;
    let nonce = identity::random_bytes::<16>();
    let token = invite_token(key, account, &nonce);
    let updated = diesel::update(account_invites::table.find(id))
        .set((
            account_invites::nonce.eq(nonce.as_slice()),
            account_invites::token_hash.eq(identity::token_hash(&token)),
            account_invites::created_at.eq(now_micros().naive_utc()),
        ))
        .execute(conn)?;
    if updated == 0 {
        // Never shown before: the first link is as good as a replacement.
        current_invite(conn, key, account)
    } else {
        Ok(token)
    }
}

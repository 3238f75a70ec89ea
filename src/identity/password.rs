//! Passwords: rules for new ones, and argon2id hashing with the OWASP parameters.

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::{Condvar, Mutex, OnceLock};

/// At most this many argon2 computations at once per process: each takes 19 MiB and a core
/// for tens of milliseconds, so a burst of sign-ins queues instead of exhausting memory.
const MAX_CONCURRENT_HASHES: usize = 2;

static BUSY: Mutex<usize> = Mutex::new(0);
static FREED: Condvar = Condvar::new();

/// Runs `work` when one of the hashing slots is free.
fn in_slot<T>(work: impl FnOnce() -> T) -> T {
    {
        let mut busy = BUSY.lock().unwrap_or_else(|e| e.into_inner());
        while *busy >= MAX_CONCURRENT_HASHES {
            busy = FREED.wait(busy).unwrap_or_else(|e| e.into_inner());
        }
        *busy += 1;
    }
    let result = work();
    *BUSY.lock().unwrap_or_else(|e| e.into_inner()) -= 1;
    FREED.notify_one();
    result
}

/// A password that meets the rules; never printed.
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

/// Why a new password was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    /// Too short.
    #[error("use at least {0} characters")]
    TooShort(usize),
    /// Too long to hash sensibly.
    #[error("use at most {0} characters")]
    TooLong(usize),
    /// On the list of passwords attackers try first.
    #[error("this password is too common; choose another")]
    TooCommon,
}

/// The most common passwords, one per line, lower-case.
const COMMON: &str = include_str!("common-passwords.txt");

impl NewPassword {
    /// The shortest password accepted.
    pub const MIN_CHARS: usize = 10;
    /// The longest password accepted.
    pub const MAX_CHARS: usize = 1024;

    /// Checks a new password against the rules.
    pub fn parse(input: &str) -> Result<NewPassword, PasswordError> {
        let chars = input.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(PasswordError::TooShort(Self::MIN_CHARS));
        }
        if chars > Self::MAX_CHARS {
            return Err(PasswordError::TooLong(Self::MAX_CHARS));
        }
        let lower = input.to_lowercase();
        if COMMON.lines().any(|common| common.trim() == lower) {
            return Err(PasswordError::TooCommon);
        }
        Ok(NewPassword(input.to_owned()))
    }

    /// The password's text.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Argon2id with m = 19 MiB, t = 2, p = 1: the OWASP cheat sheet's first recommendation.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password into a PHC string (salt and parameters included). Slow on purpose:
/// call it off the async threads.
pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    in_slot(|| {
        hasher()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
    })
}

/// Checks a password against a stored PHC string.
pub fn verify(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => in_slot(|| {
            hasher()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        }),
        Err(_) => false,
    }
}

/// Verifies against a fixed hash, so an unknown email costs the same time as a wrong
/// password and the two cannot be told apart.
pub fn verify_dummy(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let phc = DUMMY.get_or_init(|| hash("not the password of anyone").unwrap_or_default());
    let _ = verify(password, phc);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_common_passwords_are_refused() {
        assert_eq!(
            NewPassword::parse("short").err(),
            Some(PasswordError::TooShort(10))
        );
        assert_eq!(
            NewPassword::parse("password123").err(),
            Some(PasswordError::TooCommon)
        );
        assert_eq!(
            NewPassword::parse("PASSWORD123").err(),
            Some(PasswordError::TooCommon)
        );
        assert!(NewPassword::parse("correct horse battery").is_ok());
    }

    #[test]
    fn hashes_verify_and_use_argon2id_owasp_parameters() {
        let phc = hash("correct horse battery").expect("hash");
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify("correct horse battery", &phc));
        assert!(!verify("correct horse batterY", &phc));
        assert!(!verify("anything", "not a phc string"));
    }
}

//! The state each account was left in by the last command this process committed for it,
//! kept with the account's version.
//!
//! A command takes the account's lock anyway, and the locked row says the account's version.
//! When that is the version kept here, no other writer (in this process or another instance)
//! has changed the account since, so the kept state is what the snapshot and the events after
//! it would fold to: the command skips reading them, the largest statement of a write. On any
//! doubt (a conflict, a failed or unconfirmed commit, a batch written another way) the entry
//! is forgotten and the next command reads from the store.

use crate::domain::{AccountId, SharedAccount};
use crate::event_sourcing::Versioned;
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

/// Accounts kept at most; past that an arbitrary one makes room. A kept state is the size of
/// a snapshot plus the few expenses touched since, a few kilobytes.
const CAPACITY: usize = 256;

#[derive(Debug, Default)]
pub(crate) struct StateCache {
    kept: Mutex<HashMap<AccountId, Versioned<SharedAccount>>>,
}

impl StateCache {
    /// A copy of the kept state of `account`, if any.
    pub(crate) fn get(&self, account: AccountId) -> Option<Versioned<SharedAccount>> {
        self.lock().get(&account).cloned()
    }

    /// Keeps `state` as `account`'s state at its version; call only after the commit that
    /// wrote that version. (Two threads' commands on one account may keep theirs in either
    /// order; an older one kept last only costs the next command a read from the store.)
    pub(crate) fn keep(&self, account: AccountId, state: Versioned<SharedAccount>) {
        let mut kept = self.lock();
        if kept.len() >= CAPACITY
            && !kept.contains_key(&account)
            && let Some(other) = kept.keys().next().copied()
        {
            kept.remove(&other);
        }
        kept.insert(account, state);
    }

    /// Forgets `account`'s state: the next command reads it from the store.
    pub(crate) fn forget(&self, account: AccountId) {
        self.lock().remove(&account);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<AccountId, Versioned<SharedAccount>>> {
        // The map is consistent after every statement of these methods.
        self.kept.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(version: i64) -> Versioned<SharedAccount> {
        Versioned {
            state: SharedAccount::default(),
            version,
        }
    }

    #[test]
    fn keeps_forgets_and_stays_bounded() {
        let cache = StateCache::default();
        let first = AccountId::new();
        cache.keep(first, at(3));
        assert_eq!(cache.get(first).map(|v| v.version), Some(3));
        cache.keep(first, at(4));
        assert_eq!(cache.get(first).map(|v| v.version), Some(4));

        cache.forget(first);
        assert!(cache.get(first).is_none());
        let many: Vec<AccountId> = (0..CAPACITY + 10).map(|_| AccountId::new()).collect();
        for (i, account) in many.iter().enumerate() {
            cache.keep(*account, at(i as i64));
        }
        assert_eq!(cache.lock().len(), CAPACITY);
        let last = many.last().copied().expect("accounts");
        assert_eq!(
            cache.get(last).map(|v| v.version),
            Some(CAPACITY as i64 + 9),
            "the newest is kept"
        );
    }
}

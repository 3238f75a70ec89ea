//! Views kept in memory per account version, so a page that nobody changed since it was last
//! read costs no query.
//!
//! Safe behind several instances: the key carries the account's version, which every request
//! reads from the database anyway (the member guard's row), and every event raises it in the
//! transaction that records it. A view computed after a request saw version `v` is at least as
//! new as `v`, so an entry is never older than the version it is kept under. The roster is kept
//! under the row's `roster_version` instead, raised in the same way by the events that change
//! members or categories.

use super::choices::Choices;
use super::dashboard::DashboardView;
use super::expense_list::ExpenseListView;
use super::roster::Roster;
use super::statistics::StatisticsView;
use crate::domain::AccountId;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

/// How many views each cache keeps before it forgets the least recently used.
pub const DEFAULT_CAPACITY: usize = 512;

/// The views kept per instance: the ones every visit reads.
#[derive(Debug)]
pub struct ViewCaches {
    /// Each account's dashboard.
    pub dashboard: VersionedCache<AccountId, DashboardView>,
    /// Each account's statistics, per range of months (first and last month).
    pub statistics: VersionedCache<(AccountId, NaiveDate, NaiveDate), StatisticsView>,
    /// Each account's members and categories, as forms and filters offer them.
    pub choices: VersionedCache<AccountId, Choices>,
    /// The pages of each account's unfiltered expense list, by page number.
    pub expense_list: VersionedCache<(AccountId, i64), ExpenseListView>,
    /// Each account's members and categories without balances, kept under the account's
    /// `roster_version` (not its version): an expense does not change them.
    pub roster: VersionedCache<AccountId, Roster>,
}

impl Default for ViewCaches {
    fn default() -> Self {
        ViewCaches {
            dashboard: VersionedCache::new(DEFAULT_CAPACITY),
            statistics: VersionedCache::new(DEFAULT_CAPACITY),
            choices: VersionedCache::new(DEFAULT_CAPACITY),
            // A page of 50 expenses with their shares is the largest view kept.
            expense_list: VersionedCache::new(DEFAULT_CAPACITY / 4),
            roster: VersionedCache::new(DEFAULT_CAPACITY),
        }
    }
}

/// A bounded map from a view's key (an account and, where the view has one, its parameters)
/// to the view as it was at a version of the account.
#[derive(Debug)]
pub struct VersionedCache<K, V> {
    capacity: usize,
    inner: Mutex<Inner<K, V>>,
}

#[derive(Debug)]
struct Inner<K, V> {
    entries: HashMap<K, Entry<V>>,
    /// Counts lookups; an entry remembers the count it was last used at.
    clock: u64,
}

#[derive(Debug)]
struct Entry<V> {
    version: i64,
    value: Arc<V>,
    used: u64,
}

impl<K: Eq + Hash + Clone, V> VersionedCache<K, V> {
    /// An empty cache holding at most `capacity` views (at least one).
    pub fn new(capacity: usize) -> Self {
        VersionedCache {
            capacity: capacity.max(1),
            inner: Mutex::new(Inner {
                entries: HashMap::new(),
                clock: 0,
            }),
        }
    }

    /// The view kept for this key at exactly this version.
    pub fn get(&self, key: &K, version: i64) -> Option<Arc<V>> {
        let mut inner = self.lock();
        inner.clock += 1;
        let now = inner.clock;
        let entry = inner.entries.get_mut(key)?;
        if entry.version != version {
            return None;
        }
        entry.used = now;
        Some(entry.value.clone())
    }

    /// Keeps a view computed at (or after) `version`; an entry kept at a newer version stays.
    pub fn put(&self, key: K, version: i64, value: Arc<V>) {
        let mut inner = self.lock();
        inner.clock += 1;
        let now = inner.clock;
        if let Some(entry) = inner.entries.get_mut(&key) {
            if entry.version <= version {
                *entry = Entry {
                    version,
                    value,
                    used: now,
                };
            }
            return;
        }
        if inner.entries.len() >= self.capacity {
            // A linear scan, only when full: the capacity is a few hundred.
            if let Some(oldest) = inner
                .entries
                .iter()
                .min_by_key(|(_, e)| e.used)
                .map(|(k, _)| k.clone())
            {
                inner.entries.remove(&oldest);
            }
        }
        inner.entries.insert(
            key,
            Entry {
                version,
                value,
                used: now,
            },
        );
    }

    /// How many views are kept.
    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    /// Whether no view is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner<K, V>> {
        // A panic while holding the lock leaves a consistent map (every change is one
        // statement), so a poisoned lock is still usable.
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(n: u128) -> AccountId {
        AccountId(uuid::Uuid::from_u128(n))
    }

    #[test]
    fn a_view_is_served_only_at_the_version_it_was_kept_at() {
        let cache = VersionedCache::new(4);
        cache.put(account(1), 7, Arc::new("seven"));
        assert_eq!(cache.get(&account(1), 7).as_deref(), Some(&"seven"));
        assert_eq!(cache.get(&account(1), 8), None);
        assert_eq!(cache.get(&account(2), 7), None);
    }

    #[test]
    fn an_older_view_never_replaces_a_newer_one() {
        let cache = VersionedCache::new(4);
        cache.put(account(1), 9, Arc::new("nine"));
        cache.put(account(1), 8, Arc::new("eight"));
        assert_eq!(cache.get(&account(1), 9).as_deref(), Some(&"nine"));
        cache.put(account(1), 10, Arc::new("ten"));
        assert_eq!(cache.get(&account(1), 10).as_deref(), Some(&"ten"));
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn when_full_the_least_recently_used_view_goes() {
        let cache = VersionedCache::new(2);
        cache.put(account(1), 1, Arc::new(1));
        cache.put(account(2), 1, Arc::new(2));
        // Account 1 is used again, so account 2 is the one to go.
        assert!(cache.get(&account(1), 1).is_some());
        cache.put(account(3), 1, Arc::new(3));
        assert_eq!(cache.len(), 2);
        assert!(cache.get(&account(1), 1).is_some());
        assert!(cache.get(&account(2), 1).is_none());
        assert!(cache.get(&account(3), 1).is_some());
    }
}

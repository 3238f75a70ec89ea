//! The account as it was at a past point: right after one of its events, or at the end of a
//! day. Balances come from the events (the newest kept snapshot at or before the point and
//! the few events after it); the latest expenses likewise, from the list kept with that
//! snapshot and the events after it (or, where no list was kept, from the expenses read model
//! for those untouched since the point and from their events for those changed after it).

use super::dashboard::LATEST;
use super::expense::ExpenseView;
use super::members::MemberView;
use super::{Connection, ReadError};
use crate::application::AccountRepository;
use crate::domain::{AccountEvent, AccountId, ExpenseId, SharedAccount, event_types};
use crate::event_sourcing::DomainEvent as _;
use crate::infrastructure::db::on_backend;
use crate::infrastructure::event_store;
use crate::infrastructure::schema::expenses;
use crate::infrastructure::snapshot_store;
use crate::projections::kept_latest::{self, LatestFold};
use crate::projections::rows::ExpenseRow;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use diesel::Connection as _;
use diesel::prelude::*;

/// Which past point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point {
    /// Right after the event with this version (1 is the opening).
    After(i64),
    /// At the end of this day.
    EndOf(NaiveDate),
}

/// The instant (UTC) a day ends, as the as-of view cuts it: the start of the next day in
/// the account's time zone.
pub fn end_of_day(day: NaiveDate, time_zone: crate::domain::TimeZone) -> NaiveDateTime {
    if time_zone == crate::domain::TimeZone::UTC {
        return day
            .succ_opt()
            .map_or(NaiveDateTime::MAX, |next| next.and_time(NaiveTime::MIN));
    }
    time_zone
        .end_of_day(day)
        .map_or(NaiveDateTime::MAX, |at| at.naive_utc())
}

/// The account at a past point.
#[derive(Debug, Clone)]
pub struct AsOfView {
    /// The version of the last event folded in.
    pub version: i64,
    /// The account's newest version now.
    pub newest: i64,
    /// When that last event was recorded (UTC).
    pub recorded_at: NaiveDateTime,
    /// The account's name then.
    pub account_name: String,
    /// Members then, in joining order, with their balances then.
    pub members: Vec<MemberView>,
    /// The latest expenses that counted then (not deleted), newest first, as they read then.
    pub latest: Vec<ExpenseView>,
}

/// Why there is nothing to show for a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// The day ended before the account was opened (or the version is 0).
    BeforeOpening {
        /// When the account was opened (UTC), if it was.
        opened_at: Option<NaiveDateTime>,
    },
    /// No event has this version yet.
    NoSuchChange {
        /// The newest version.
        newest: i64,
    },
}

/// The account at `point`, or why there is nothing to show.
pub fn as_of(
    conn: &mut Connection,
    account: AccountId,
    point: Point,
) -> Result<Result<AsOfView, Missing>, ReadError> {
    // One transaction, so the read model and the events are read at one moment: an expense
    // corrected between two of the queries would otherwise be taken as unchanged.
    conn.transaction(|conn| as_of_in(conn, account, point))
}

fn as_of_in(
    conn: &mut Connection,
    account: AccountId,
    point: Point,
) -> Result<Result<AsOfView, Missing>, ReadError> {
    let id = account.0;
    let newest = event_store::newest(conn, id)?.map_or(0, |(v, _)| v);
    let version = match point {
        // A version beyond the newest is refused, not clamped: a link to change 120 must not
        // quietly show change 100 as if it were 120.
        Point::After(v) if v > newest => return Ok(Err(Missing::NoSuchChange { newest })),
        Point::After(v) => v,
        Point::EndOf(day) => {
            use crate::infrastructure::schema::accounts;
            let zone: String = accounts::table
                .find(account)
                .select(accounts::time_zone)
                .first(conn)
                .optional()?
                .unwrap_or_default();
            let time_zone =
                crate::domain::TimeZone::parse(&zone).unwrap_or(crate::domain::TimeZone::UTC);
            event_store::last_version_before(conn, id, end_of_day(day, time_zone))?.unwrap_or(0)
        }
    };
    // Version 0 (a day that ended before the opening) has no event: nothing to show.
    let Some((position, recorded_at)) = event_store::position_of(conn, id, version)? else {
        let opened_at = event_store::position_of(conn, id, 1)?.map(|(_, at)| at);
        return Ok(Err(Missing::BeforeOpening { opened_at }));
    };
    let then = AccountRepository::retrieve_at(conn, account, version)?;
    let account_name = then
        .state
        .opened
        .as_ref()
        .map(|(name, _)| name.to_string())
        .unwrap_or_default();
    let members = then
        .state
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| MemberView {
            id: m.id,
            join_order: i32::try_from(i).unwrap_or(i32::MAX),
            name: m.name.to_string(),
            user_id: m.user_id,
            active: m.active,
            paid: m.balance.paid.cents(),
            owed: m.balance.owed.cents(),
            sent: m.balance.sent.cents(),
            received: m.balance.received.cents(),
            net: m.balance.net().cents(),
        })
        .collect();
    let latest = latest_then(conn, account, version, position)?;
    Ok(Ok(AsOfView {
        version,
        newest,
        recorded_at,
        account_name,
        members,
        latest,
    }))
}

/// The latest expenses that counted right after `version` (its event at global `position`),
/// ordered as the dashboard orders them: by date, then by when they were recorded.
fn latest_then(
    conn: &mut Connection,
    account: AccountId,
    version: i64,
    position: i64,
) -> Result<Vec<ExpenseView>, ReadError> {
    match from_kept_list(conn, account, version)? {
        Some(latest) => Ok(latest),
        None => from_read_model_and_events(conn, account, version, position),
    }
}

/// From the latest expenses kept with the newest snapshot at or before `version` (none
/// before the first snapshot), and the few events between the two; `None` when that snapshot
/// was kept without a list, or the events after it changed so many of its expenses that the
/// list no longer reaches [`LATEST`].
fn from_kept_list(
    conn: &mut Connection,
    account: AccountId,
    version: i64,
) -> Result<Option<Vec<ExpenseView>>, ReadError> {
    let (kept_at, list) = match snapshot_store::latest_at_or_before(conn, account.0, version)? {
        // Before the first snapshot: nothing was listed at version 0, and the events up to
        // the point are few (as few as a snapshot's tail).
        None => (0, Vec::new()),
        Some((kept_at, Some(json))) => match kept_latest::from_json(&json) {
            Some(list) => (kept_at, list),
            None => return Ok(None),
        },
        Some((_, None)) => return Ok(None),
    };
    // A shorter list holds every expense that counted then.
    let complete = list.len() < kept_latest::KEPT;
    let tail = event_store::load_range::<SharedAccount>(conn, account.0, kept_at, version)?;
    let mut touched: Vec<uuid::Uuid> = tail
        .iter()
        .filter(|e| {
            matches!(
                e.event,
                AccountEvent::ExpenseRecorded { .. }
                    | AccountEvent::RefundRecorded { .. }
                    | AccountEvent::ExpenseCorrected { .. }
                    | AccountEvent::ExpenseDeleted { .. }
                    | AccountEvent::ExpenseRestored { .. }
            )
        })
        .filter_map(|e| e.event.subject_id())
        .collect();
    touched.sort();
    touched.dedup();
    // Those the events left alone read then as they read in the list. Any expense not in
    // the list ranked below all of them and still does, unless an event touched it.
    let untouched: Vec<(ExpenseView, i64)> = list
        .into_iter()
        .filter(|kept| touched.binary_search(&kept.id.0).is_err())
        .map(|kept| {
            let position = kept.recorded_position;
            (ExpenseView::from(kept), position)
        })
        .collect();
    if !complete && untouched.len() < usize::try_from(LATEST).unwrap_or(usize::MAX) {
        return Ok(None);
    }
    let mut candidates = untouched;
    candidates.extend(fold_then(conn, account, &touched, version)?);
    Ok(Some(newest_first(candidates)))
}

/// Without a kept list: an expense with no correction, deletion or restoration after the
/// point reads then as it reads now, so the read model gives those (recorded by then, not
/// deleted). Those changed after the point are folded from their own events up to it.
fn from_read_model_and_events(
    conn: &mut Connection,
    account: AccountId,
    version: i64,
    position: i64,
) -> Result<Vec<ExpenseView>, ReadError> {
    let changed_later = event_store::subjects_after::<SharedAccount>(
        conn,
        account.0,
        version,
        &[
            event_types::EXPENSE_CORRECTED,
            event_types::EXPENSE_DELETED,
            event_types::EXPENSE_RESTORED,
        ],
    )?;
    // Enough ids that LATEST remain after leaving out the changed ones. Ids only: the index
    // (account, deleted, date, recorded position) holds them, so the scan past the expenses
    // recorded after the point reads no rows (MariaDB does not filter a backward scan on the
    // index, and fetched every row it passed: 180 ms at the oldest point of 100,000 events).
    let limit = LATEST.saturating_add(i64::try_from(changed_later.len()).unwrap_or(i64::MAX));
    let ids: Vec<ExpenseId> = on_backend!(conn, |c| expenses::table
        .filter(expenses::account_id.eq(account))
        .filter(expenses::deleted.eq(false))
        .filter(expenses::recorded_position.le(position))
        .order((
            expenses::expense_date.desc(),
            expenses::recorded_position.desc(),
        ))
        .limit(limit)
        .select(expenses::expense_id)
        .load(c))?;
    let unchanged: Vec<ExpenseId> = ids
        .into_iter()
        .filter(|id| changed_later.binary_search(&id.0).is_err())
        .take(usize::try_from(LATEST).unwrap_or(usize::MAX))
        .collect();
    let rows: Vec<ExpenseRow> = if unchanged.is_empty() {
        Vec::new()
    } else {
        on_backend!(conn, |c| expenses::table
            .filter(expenses::expense_id.eq_any(unchanged.clone()))
            .select(ExpenseRow::as_select())
            .load(c))?
    };
    let mut candidates: Vec<(ExpenseView, i64)> = rows
        .iter()
        .map(|row| (ExpenseView::from(row), row.recorded_position))
        .collect();
    // Of those changed later, only the ones recorded by then are folded from their events.
    let changed_then: Vec<uuid::Uuid> = if changed_later.is_empty() {
        Vec::new()
    } else {
        let keys: Vec<Vec<u8>> = changed_later
            .iter()
            .map(|id| id.as_bytes().to_vec())
            .collect();
        // By id alone (the ids come from this account's events): with the account too,
        // SQLite walked the account's whole date index instead of looking the ids up.
        let found: Vec<ExpenseId> = on_backend!(conn, |c| expenses::table
            .filter(expenses::expense_id.eq_any(keys.clone()))
            .filter(expenses::recorded_position.le(position))
            .select(expenses::expense_id)
            .load(c))?;
        let mut found: Vec<uuid::Uuid> = found.into_iter().map(|id| id.0).collect();
        found.sort();
        found
    };
    candidates.extend(fold_then(conn, account, &changed_then, version)?);
    Ok(newest_first(candidates))
}

/// The dashboard's order (date, then recording position, newest first), cut to [`LATEST`].
fn newest_first(mut candidates: Vec<(ExpenseView, i64)>) -> Vec<ExpenseView> {
    candidates.sort_by(|(a, pa), (b, pb)| b.date.cmp(&a.date).then(pb.cmp(pa)));
    candidates.truncate(usize::try_from(LATEST).unwrap_or(usize::MAX));
    candidates.into_iter().map(|(view, _)| view).collect()
}

/// These expenses as they were right after `version`, with the positions of their recording
/// events; those not recorded by then or deleted then are left out.
fn fold_then(
    conn: &mut Connection,
    account: AccountId,
    subjects: &[uuid::Uuid],
    version: i64,
) -> Result<Vec<(ExpenseView, i64)>, ReadError> {
    let mut events =
        event_store::load_subjects::<SharedAccount>(conn, account.0, subjects, version)?;
    events.sort_by_key(|e| e.version);
    let mut fold = LatestFold::default();
    for envelope in &events {
        fold.apply(envelope);
    }
    Ok(fold
        .into_live()
        .map(|kept| {
            let position = kept.recorded_position;
            (ExpenseView::from(kept), position)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_ends_where_the_next_one_starts_in_utc() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 3).expect("day");
        assert_eq!(
            end_of_day(day, crate::domain::TimeZone::UTC),
            NaiveDate::from_ymd_opt(2026, 3, 4)
                .expect("day")
                .and_time(NaiveTime::MIN)
        );
        // New Year's Eve and a leap day roll over month and year.
        assert_eq!(
            end_of_day(
                NaiveDate::from_ymd_opt(2026, 12, 31).expect("day"),
                crate::domain::TimeZone::UTC
            )
            .to_string(),
            "2027-01-01 00:00:00"
        );
        assert_eq!(
            end_of_day(
                NaiveDate::from_ymd_opt(2028, 2, 28).expect("day"),
                crate::domain::TimeZone::UTC
            )
            .to_string(),
            "2028-02-29 00:00:00"
        );
        // The last day there is has no next day: everything ever recorded counts.
        assert_eq!(
            end_of_day(NaiveDate::MAX, crate::domain::TimeZone::UTC),
            NaiveDateTime::MAX
        );
        // A moment before midnight belongs to the day, midnight to the next.
        let last = NaiveDate::from_ymd_opt(2026, 3, 3)
            .expect("day")
            .and_hms_micro_opt(23, 59, 59, 999_999)
            .expect("time");
        assert!(last < end_of_day(day, crate::domain::TimeZone::UTC));
        assert!(
            end_of_day(day, crate::domain::TimeZone::UTC)
                >= end_of_day(day, crate::domain::TimeZone::UTC)
        );
    }

    #[test]
    fn a_day_ends_at_midnight_in_the_accounts_time_zone() {
        let madrid = crate::domain::TimeZone::parse("Europe/Madrid").expect("known");
        let day = NaiveDate::from_ymd_opt(2026, 7, 1).expect("day");
        assert_eq!(end_of_day(day, madrid).to_string(), "2026-07-01 22:00:00");
    }
}

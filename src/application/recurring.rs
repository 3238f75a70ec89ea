//! Recording recurring bills when they fall due: every account with a schedule whose next
//! date has come gets `PostDue` until nothing more is due. Run by the server's poster thread
//! and by `tally post-due`; any number of them may run at once, on any number of instances:
//! each occurrence's expense id comes from its schedule and date, and the account's unique
//! (aggregate id, version) key lets only one of two racing posters commit, the other retries
//! on fresh state and finds nothing left to post.

use super::{AccountRepository, CommandError};
use crate::domain::{AccountCommand, AccountId};
use crate::event_sourcing::{DecisionContext, Metadata};
use crate::infrastructure::db::{DbConnection, WriteGate};
use crate::infrastructure::schema::schedules;
use chrono::{DateTime, Days, Utc};
use diesel::prelude::*;
use std::sync::PoisonError;

/// How many `PostDue` commands one account gets in one run at most (each records up to
/// [`crate::domain::MAX_POSTED_PER_COMMAND`] occurrences): a bound, not a limit met in use.
const MAX_COMMANDS_PER_ACCOUNT: usize = 1000;

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostReport {
    /// Accounts that had something due.
    pub accounts: usize,
    /// Events recorded (occurrences, and pauses of schedules that could not post).
    pub recorded: usize,
    /// Accounts whose posting failed, with why; the next run tries again.
    pub failed: Vec<(AccountId, String)>,
}

/// The accounts with an active schedule whose next occurrence may have come at `now`: next
/// date up to tomorrow in UTC, since an account east of UTC is already a day ahead. The
/// account itself decides in its own time zone.
pub fn due_accounts(conn: &mut DbConnection, now: DateTime<Utc>) -> QueryResult<Vec<AccountId>> {
    let horizon = now
        .date_naive()
        .checked_add_days(Days::new(1))
        .unwrap_or(chrono::NaiveDate::MAX);
    crate::infrastructure::db::on_backend!(conn, |c| schedules::table
        .filter(schedules::status.eq("active"))
        .filter(schedules::next_date.le(horizon))
        .select(schedules::account_id)
        .distinct()
        .load(c))
}

/// Posts everything due at `now` in every account. `gate` is the SQLite write gate of the
/// server's pool, held around each command like every other write of that process.
pub fn post_due(
    conn: &mut DbConnection,
    repository: &AccountRepository,
    now: DateTime<Utc>,
    gate: Option<&WriteGate>,
) -> QueryResult<PostReport> {
    let mut report = PostReport::default();
    let context = DecisionContext::at(now);
    let metadata = Metadata {
        user_id: None,
        request_id: Some("post-due".to_owned()),
        import: None,
    };
    for account in due_accounts(conn, now)? {
        let mut recorded = 0;
        for _ in 0..MAX_COMMANDS_PER_ACCOUNT {
            let _writing = gate.map(|g| g.lock().unwrap_or_else(PoisonError::into_inner));
            match repository.execute(conn, account, &AccountCommand::PostDue, &metadata, &context) {
                Ok(done) if done.recorded == 0 => break,
                Ok(done) => recorded += done.recorded,
                Err(e) => {
                    let why = match &e {
                        CommandError::Store(source) => format!("{e}: {source}"),
                        _ => e.to_string(),
                    };
                    tracing::warn!(%account, error = %why, "posting recurring bills failed");
                    report.failed.push((account, why));
                    break;
                }
            }
        }
        if recorded > 0 {
            report.accounts += 1;
            report.recorded += recorded;
            tracing::info!(%account, recorded, "recurring bills posted");
        }
    }
    Ok(report)
}

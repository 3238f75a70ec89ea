//! An account's recurring bills as the Recurring page lists them, and one with everything
//! its edit form needs.

use super::{Connection, ReadError};
use crate::domain::{AccountId, ScheduleId, ScheduleState};
use crate::infrastructure::db::on_backend;
use crate::infrastructure::schema::schedules;
use crate::projections::rows::ScheduleRow;
use diesel::prelude::*;

/// The account's recurring bills: running ones first (by next date), then paused, then
/// stopped.
pub fn schedules_of(
    conn: &mut Connection,
    account: AccountId,
) -> Result<Vec<ScheduleRow>, ReadError> {
    let mut rows: Vec<ScheduleRow> = on_backend!(conn, |c| schedules::table
        .filter(schedules::account_id.eq(account))
        .select(ScheduleRow::as_select())
        .load(c))?;
    let rank = |status: &str| match status {
        "active" => 0,
        "paused" => 1,
        _ => 2,
    };
    rows.sort_by(|a, b| {
        (rank(&a.status), a.next_date, &a.description).cmp(&(
            rank(&b.status),
            b.next_date,
            &b.description,
        ))
    });
    Ok(rows)
}

/// One recurring bill's whole state (its expense, split included), from the account's
/// snapshot and the events after it: the read model keeps only what the list shows.
pub fn schedule(
    conn: &mut Connection,
    account: AccountId,
    schedule: ScheduleId,
) -> Result<Option<ScheduleState>, ReadError> {
    let state = crate::application::AccountRepository::retrieve_for(
        conn,
        account,
        &crate::domain::AccountCommand::PostDue,
    )?;
    Ok(state.state.schedules.get(&schedule).cloned())
}

//! Read models: the tables pages read, kept up to date in the same transaction as the
//! events they come from, and rebuildable from the events at any time.

pub mod kept_latest;
pub mod rebuild;
pub mod rows;
pub mod verify;

mod totals;

/// The category key of expenses without a category, for readers of `monthly_totals`.
pub use totals::NO_CATEGORY;

use crate::domain::{
    AccountEvent, AccountId, CategoryId, ExpenseId, MemberId, ScheduleId, ScheduleStatus,
    SharedAccount, TransferId, UserId,
};
use crate::event_sourcing::EventEnvelope;
use crate::infrastructure::db::DbConnection;
use crate::infrastructure::schema::{
    accounts, categories, expense_shares, expenses, members, schedules, transfers, user_accounts,
};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use totals::Totals;

/// Brings every read model up to date with `envelopes`, which were just appended to the
/// account whose state was `before` and is now `after`. Call inside the command's
/// transaction. Projections copy what the events say; they never re-decide a rule.
pub fn project(
    conn: &mut DbConnection,
    account_id: AccountId,
    after: &SharedAccount,
    envelopes: &[EventEnvelope<AccountEvent>],
) -> QueryResult<()> {
    let Some(last) = envelopes.last() else {
        return Ok(());
    };
    let account = account_id;
    let mut touched: BTreeSet<MemberId> = BTreeSet::new();
    let mut touched_schedules: BTreeMap<ScheduleId, NaiveDateTime> = BTreeMap::new();
    let mut totals = Totals::default();
    // The version of the last event that changed the members or categories, if one did.
    let mut roster_changed: Option<i64> = None;
    // New expense, share and transfer rows wait and go in many to a statement (an import is
    // one batch of thousands of events); an event that reads or changes rows writes them first.
    let mut expense_rows: Vec<NewExpenseRow> = Vec::new();
    let mut share_rows: Vec<ShareRow> = Vec::new();
    let mut transfer_rows: Vec<NewTransferRow> = Vec::new();
    macro_rules! write_new_rows {
        () => {
            insert_positioned!(
                conn,
                expenses::table,
                expenses::recorded_position,
                expense_rows
            );
            insert_share_rows(conn, &share_rows)?;
            insert_positioned!(
                conn,
                transfers::table,
                transfers::recorded_position,
                transfer_rows
            );
            expense_rows.clear();
            share_rows.clear();
            transfer_rows.clear();
        };
    }
    for envelope in envelopes {
        let at = envelope.recorded_at.naive_utc();
        let position = envelope.position;
        if changes_roster(&envelope.event) {
            roster_changed = Some(envelope.version);
        }
        if !matches!(
            envelope.event,
            AccountEvent::ExpenseRecorded { .. }
                | AccountEvent::RefundRecorded { .. }
                | AccountEvent::TransferRecorded { .. }
                | AccountEvent::MemberAdded { .. }
        ) {
            write_new_rows!();
        }
        match &envelope.event {
            AccountEvent::AccountOpened { name, currency } => {
                crate::infrastructure::db::on_backend!(conn, |c| diesel::insert_into(
                    accounts::table
                )
                .values((
                    accounts::account_id.eq(account),
                    accounts::name.eq(name.as_str()),
                    accounts::currency_code.eq(currency.code()),
                    accounts::minor_units.eq(i16::from(currency.minor_units())),
                    accounts::version.eq(envelope.version),
                    accounts::opened_at.eq(at),
                    accounts::updated_at.eq(at),
                    accounts::time_zone.eq(after.time_zone.name()),
                    accounts::roster_version.eq(envelope.version),
                ))
                .execute(c))?;
                // The starting categories come with the opening.
                let rows: Vec<_> = crate::domain::default_categories()
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        (
                            categories::account_id.eq(account),
                            categories::category_id.eq(c.id),
                            categories::name.eq(c.name.as_str().to_owned()),
                            categories::archived.eq(false),
                            categories::sort_order.eq(i32::try_from(i).unwrap_or(i32::MAX)),
                        )
                    })
                    .collect();
                crate::infrastructure::db::on_backend!(conn, |c| diesel::insert_into(
                    categories::table
                )
                .values(&rows)
                .execute(c))?;
            }
            AccountEvent::AccountRenamed { name } => {
                crate::infrastructure::db::on_backend!(conn, |c| diesel::update(
                    accounts::table.find(account)
                )
                .set(accounts::name.eq(name.as_str()))
                .execute(c))?;
            }
            AccountEvent::MemberAdded {
                member_id,
                name,
                user_id,
            } => {
                let join_order = after
                    .members
                    .iter()
                    .position(|m| m.id == *member_id)
                    .unwrap_or(after.members.len());
                crate::infrastructure::db::on_backend!(conn, |c| diesel::insert_into(
                    members::table
                )
                .values((
                    members::member_id.eq(member_id),
                    members::account_id.eq(account),
                    members::join_order.eq(i32::try_from(join_order).unwrap_or(i32::MAX)),
                    members::name.eq(name.as_str()),
                    members::user_id.eq(*user_id),
                    members::active.eq(true),
                    members::paid.eq(0),
                    members::owed.eq(0),
                    members::sent.eq(0),
                    members::received.eq(0),
                    members::net.eq(0),
                ))
                .execute(c))?;
                if let Some(user_id) = user_id {
                    link_user(conn, account, *member_id, *user_id)?;
                }
            }
            AccountEvent::MemberLinked { member_id, user_id } => {
                crate::infrastructure::db::on_backend!(conn, |c| diesel::update(
                    members::table.find(member_id)
                )
                .set(members::user_id.eq(Some(*user_id)))
                .execute(c))?;
                link_user(conn, account, *member_id, *user_id)?;
            }
            AccountEvent::MemberDeactivated { member_id }
            | AccountEvent::MemberReactivated { member_id } => {
                let active = matches!(envelope.event, AccountEvent::MemberReactivated { .. });
                crate::infrastructure::db::on_backend!(conn, |c| diesel::update(
                    members::table.find(member_id)
                )
                .set(members::active.eq(active))
                .execute(c))?;
            }
            AccountEvent::ExpenseRecorded {
                expense_id,
                details,
                shares,
                ..
            }
            | AccountEvent::RefundRecorded {
                expense_id,
                details,
                shares,
            } => {
                let (kind, from_schedule) = match &envelope.event {
                    AccountEvent::ExpenseRecorded { from_schedule, .. } => {
                        (EXPENSE, *from_schedule)
                    }
                    _ => (REFUND, None),
                };
                let sign = kind_sign(kind);
                let split = serde_json::to_string(&details.split).unwrap_or_default();
                expense_rows.push(NewExpenseRow {
                    expense_id: *expense_id,
                    account_id: account,
                    payer_id: details.payer,
                    amount: details.amount.cents(),
                    description: details.description.as_str(),
                    expense_date: details.date,
                    split_mode: details.split.mode_name(),
                    split,
                    participant_count: shares.len() as i32,
                    deleted: false,
                    revision: 1,
                    recorded_position: position,
                    recorded_at: at,
                    updated_at: at,
                    category_id: details.category,
                    schedule_id: from_schedule,
                    kind,
                    paid_in: paid_in_json(details),
                });
                share_rows.extend(
                    shares
                        .iter()
                        .map(|share| share_row(account, *expense_id, share)),
                );
                touched.insert(details.payer);
                touched.extend(shares.iter().map(|s| s.member_id));
                // A refund counts against what its receiver paid and its sharers owe.
                totals.add(details, shares, sign);
                if let Some(schedule_id) = from_schedule {
                    touched_schedules.insert(schedule_id, at);
                }
            }
            AccountEvent::ExpenseCorrected {
                expense_id,
                details,
                shares,
            } => {
                let id = *expense_id;
                let old = totals::stored_expense(conn, id)?;
                if !old.deleted {
                    // A refund stays a refund: the new content keeps its sign.
                    totals.add_stored(&old, -1);
                    totals.add(details, shares, old.sign());
                }
                touched.extend(old.shares.iter().map(|(m, _)| *m));
                touched.insert(old.payer);
                let split = serde_json::to_string(&details.split).unwrap_or_default();
                crate::infrastructure::db::on_backend!(conn, |c| diesel::update(
                    expenses::table.find(id)
                )
                .set((
                    expenses::payer_id.eq(details.payer),
                    expenses::amount.eq(details.amount.cents()),
                    expenses::description.eq(details.description.as_str()),
                    expenses::expense_date.eq(details.date),
                    expenses::split_mode.eq(details.split.mode_name()),
                    expenses::split.eq(&split),
                    expenses::participant_count.eq(shares.len() as i32),
                    expenses::revision.eq(expenses::revision + 1),
                    expenses::updated_at.eq(at),
                    expenses::category_id.eq(details.category),
                    expenses::paid_in.eq(paid_in_json(details)),
                ))
                .execute(c))?;
                crate::infrastructure::db::on_backend!(conn, |c| diesel::delete(
                    expense_shares::table.filter(expense_shares::expense_id.eq(id))
                )
                .execute(c))?;
                insert_shares(conn, account, *expense_id, shares)?;
                touched.insert(details.payer);
                touched.extend(shares.iter().map(|s| s.member_id));
            }
            AccountEvent::ExpenseDeleted { expense_id }
            | AccountEvent::ExpenseRestored { expense_id } => {
                let deleted = matches!(envelope.event, AccountEvent::ExpenseDeleted { .. });
                crate::infrastructure::db::on_backend!(conn, |c| diesel::update(
                    expenses::table.find(expense_id)
                )
                .set((
                    expenses::deleted.eq(deleted),
                    expenses::revision.eq(expenses::revision + 1),
                    expenses::updated_at.eq(at),
                ))
                .execute(c))?;
                if let Some(e) = after.expenses.get(expense_id) {
                    touched.insert(e.details.payer);
                    touched.extend(e.shares.iter().map(|s| s.member_id));
                }
                // The totals move by what the expense says at this event, which is what its
                // rows say now (`after` may be further on when a rebuild projects a run).
                let stored = totals::stored_expense(conn, *expense_id)?;
                let sign = if deleted { -1 } else { 1 };
                totals.add_stored(&stored, sign);
            }
            AccountEvent::TransferRecorded {
                transfer_id,
                details,
            } => {
                transfer_rows.push(NewTransferRow {
                    transfer_id: *transfer_id,
                    account_id: account,
                    from_member_id: details.from,
                    to_member_id: details.to,
                    amount: details.amount.cents(),
                    transfer_date: details.date,
                    recorded_position: position,
                    recorded_at: at,
                    deleted: false,
                    revision: 1,
                });
                touched.insert(details.from);
                touched.insert(details.to);
            }
            AccountEvent::TransferCorrected {
                transfer_id,
                details,
            } => {
                // The members it was between before count as touched too: their balances
                // lose it.
                let before: Option<(MemberId, MemberId)> =
                    crate::infrastructure::db::on_backend!(conn, |c| transfers::table
                        .find(transfer_id)
                        .select((transfers::from_member_id, transfers::to_member_id))
                        .first(c)
                        .optional())?;
                touched.extend(before.into_iter().flat_map(|(f, t)| [f, t]));
                crate::infrastructure::db::on_backend!(conn, |c| diesel::update(
                    transfers::table.find(transfer_id)
                )
                .set((
                    transfers::from_member_id.eq(details.from),
                    transfers::to_member_id.eq(details.to),
                    transfers::amount.eq(details.amount.cents()),
                    transfers::transfer_date.eq(details.date),
                    transfers::revision.eq(transfers::revision + 1),
                ))
                .execute(c))?;
                touched.insert(details.from);
                touched.insert(details.to);
            }
            AccountEvent::TransferDeleted { transfer_id }
            | AccountEvent::TransferRestored { transfer_id } => {
                let deleted = matches!(envelope.event, AccountEvent::TransferDeleted { .. });
                crate::infrastructure::db::on_backend!(conn, |c| diesel::update(
                    transfers::table.find(transfer_id)
                )
                .set((
                    transfers::deleted.eq(deleted),
                    transfers::revision.eq(transfers::revision + 1),
                ))
                .execute(c))?;
                let parties: Option<(MemberId, MemberId)> =
                    crate::infrastructure::db::on_backend!(conn, |c| transfers::table
                        .find(transfer_id)
                        .select((transfers::from_member_id, transfers::to_member_id))
                        .first(c)
                        .optional())?;
                touched.extend(parties.into_iter().flat_map(|(f, t)| [f, t]));
            }
            AccountEvent::TimeZoneSet { time_zone } => {
                crate::infrastructure::db::on_backend!(conn, |c| diesel::update(
                    accounts::table.find(account)
                )
                .set(accounts::time_zone.eq(time_zone.name()))
                .execute(c))?;
            }
            AccountEvent::CategoryAdded { category_id, name } => {
                let sort_order = after
                    .categories
                    .iter()
                    .position(|c| c.id == *category_id)
                    .unwrap_or(after.categories.len());
                crate::infrastructure::db::on_backend!(conn, |c| diesel::insert_into(
                    categories::table
                )
                .values((
                    categories::account_id.eq(account),
                    categories::category_id.eq(category_id),
                    categories::name.eq(name.as_str()),
                    categories::archived.eq(false),
                    categories::sort_order.eq(i32::try_from(sort_order).unwrap_or(i32::MAX)),
                ))
                .execute(c))?;
            }
            AccountEvent::CategoryRenamed { category_id, name } => {
                crate::infrastructure::db::on_backend!(conn, |c| diesel::update(
                    categories::table.find((account, category_id))
                )
                .set(categories::name.eq(name.as_str()))
                .execute(c))?;
            }
            AccountEvent::CategoryArchived { category_id }
            | AccountEvent::CategoryRestored { category_id } => {
                let archived = matches!(envelope.event, AccountEvent::CategoryArchived { .. });
                crate::infrastructure::db::on_backend!(conn, |c| diesel::update(
                    categories::table.find((account, category_id))
                )
                .set(categories::archived.eq(archived))
                .execute(c))?;
            }
            AccountEvent::ScheduleCreated { schedule_id, .. } => {
                insert_schedule(conn, account, *schedule_id, after, at)?;
            }
            AccountEvent::ScheduleChanged { schedule_id, .. }
            | AccountEvent::OccurrenceSkipped { schedule_id, .. }
            | AccountEvent::SchedulePaused { schedule_id, .. }
            | AccountEvent::ScheduleResumed { schedule_id, .. }
            | AccountEvent::ScheduleStopped { schedule_id } => {
                touched_schedules.insert(*schedule_id, at);
            }
        }
    }
    write_new_rows!();
    totals.write(conn, account)?;
    // A schedule's row is written from its folded state: its next date follows from all of
    // the command's events together.
    for (schedule_id, at) in touched_schedules {
        update_schedule(conn, schedule_id, after, at)?;
    }
    // Balances are written as absolute values from the folded state: idempotent, and a
    // member touched by several events of one command is written once.
    // The account's row as it is, like the version and the balances, never as a change: a
    // write a Galera node lost (see `AccountRepository::execute`) is then put right by the next.
    let row = AccountRow {
        version: last.version,
        updated_at: last.recorded_at.naive_utc(),
        expense_count: after.expense_totals.recorded,
        live_expense_count: after.expense_totals.live,
        live_expense_total: after.expense_totals.live_total.cents(),
    };
    if let Some(version) = roster_changed {
        // Rare (members and categories change seldom): a statement of its own.
        crate::infrastructure::db::on_backend!(conn, |c| diesel::update(
            accounts::table.find(account)
        )
        .set(accounts::roster_version.eq(version))
        .execute(c))?;
    }
    match conn {
        // One statement for both, inside the account's lock.
        #[cfg(feature = "mysql")]
        DbConnection::Mysql(c) => write_account_and_balances(c, account, &row, after, &touched),
        #[allow(unreachable_patterns)]
        _ => {
            write_balances(conn, after, &touched)?;
            write_account_row(conn, account, &row)
        }
    }
}

/// The account's row, where the balances have a statement of their own (SQLite).
fn write_account_row(
    conn: &mut DbConnection,
    account: AccountId,
    row: &AccountRow,
) -> QueryResult<()> {
    #[cfg(feature = "sqlite")]
    #[allow(irrefutable_let_patterns)]
    if let DbConnection::Sqlite(c) = conn {
        use crate::infrastructure::db::kept_sqlite::{Statement, Value};
        enum SetAccountRow {}
        Statement::<SetAccountRow>::new(
            "UPDATE accounts SET version = ?, updated_at = ?, expense_count = ?, \
             live_expense_count = ?, live_expense_total = ? WHERE account_id = ?",
            vec![
                Value::BigInt(row.version),
                Value::Timestamp(row.updated_at),
                Value::BigInt(row.expense_count),
                Value::BigInt(row.live_expense_count),
                Value::BigInt(row.live_expense_total),
                Value::Bytes(account.0.as_bytes()),
            ],
        )
        .run(c)?;
        return Ok(());
    }
    crate::infrastructure::db::on_backend!(conn, |c| diesel::update(
        accounts::table.find(account)
    )
    .set((
        accounts::version.eq(row.version),
        accounts::updated_at.eq(row.updated_at),
        accounts::expense_count.eq(row.expense_count),
        accounts::live_expense_count.eq(row.live_expense_count),
        accounts::live_expense_total.eq(row.live_expense_total),
    ))
    .execute(c))?;
    Ok(())
}

/// Whether the event changes what forms offer: the members (who, whether active, linked to
/// whom) or the categories. `accounts.roster_version` follows these.
fn changes_roster(event: &AccountEvent) -> bool {
    matches!(
        event,
        AccountEvent::AccountOpened { .. }
            | AccountEvent::MemberAdded { .. }
            | AccountEvent::MemberLinked { .. }
            | AccountEvent::MemberDeactivated { .. }
            | AccountEvent::MemberReactivated { .. }
            | AccountEvent::CategoryAdded { .. }
            | AccountEvent::CategoryRenamed { .. }
            | AccountEvent::CategoryArchived { .. }
            | AccountEvent::CategoryRestored { .. }
    )
}

/// What a command leaves in the account's row.
struct AccountRow {
    version: i64,
    updated_at: NaiveDateTime,
    expense_count: i64,
    live_expense_count: i64,
    live_expense_total: i64,
}

/// The account's row and the touched members' balances in one multi-table `UPDATE`. The
/// members are joined with `LEFT JOIN`, so the account's row is written even if none of them
/// were found. Its values are bind parameters, so its text only varies with how many members
/// it names and the connection keeps it prepared (see `db::KeepPrepared`).
#[cfg(feature = "mysql")]
fn write_account_and_balances(
    c: &mut diesel::MysqlConnection,
    account: AccountId,
    row: &AccountRow,
    after: &SharedAccount,
    touched: &BTreeSet<MemberId>,
) -> QueryResult<()> {
    use crate::infrastructure::db::kept_prepared::{Statement, Value};
    let members: Vec<_> = touched.iter().filter_map(|id| after.member(*id)).collect();
    let mut sql = String::from("UPDATE accounts");
    let mut values = Vec::with_capacity(members.len() * 11 + 6);
    if !members.is_empty() {
        sql.push_str(" LEFT JOIN members ON members.member_id IN (");
        for (i, m) in members.iter().enumerate() {
            sql.push_str(if i == 0 { "?" } else { ", ?" });
            values.push(Value::Bytes(m.id.0.as_bytes()));
        }
        sql.push(')');
    }
    sql.push_str(
        " SET accounts.version = ?, accounts.updated_at = ?, accounts.expense_count = ?, \
         accounts.live_expense_count = ?, accounts.live_expense_total = ?",
    );
    values.extend([
        Value::BigInt(row.version),
        Value::Timestamp(row.updated_at),
        Value::BigInt(row.expense_count),
        Value::BigInt(row.live_expense_count),
        Value::BigInt(row.live_expense_total),
    ]);
    if !members.is_empty() {
        for (column, value) in balance_columns() {
            let _ = write!(sql, ", members.{column} = CASE members.member_id");
            for m in &members {
                sql.push_str(" WHEN ? THEN ?");
                values.push(Value::Bytes(m.id.0.as_bytes()));
                values.push(Value::BigInt(value(&m.balance)));
            }
            sql.push_str(" END");
        }
    }
    sql.push_str(" WHERE accounts.account_id = ?");
    values.push(Value::Bytes(account.0.as_bytes()));
    Statement::new(sql, values, members.len()).run(c)?;
    Ok(())
}

/// The balance columns of `members`, each with its value in cents.
fn balance_columns() -> [(&'static str, BalanceColumn); 5] {
    [
        ("paid", |b| b.paid.cents()),
        ("owed", |b| b.owed.cents()),
        ("sent", |b| b.sent.cents()),
        ("received", |b| b.received.cents()),
        ("net", |b| b.net().cents()),
    ]
}

/// One balance column: its name and its value in cents.
type BalanceColumn = fn(&crate::domain::balances::Balance) -> i64;

/// The balances of the touched members, as the folded state has them, in one statement
/// (an expense touches its payer and every sharer). Ids and cents are typed values written
/// as hexadecimal and integer literals, as in `totals::Totals::write`.
fn write_balances(
    conn: &mut DbConnection,
    after: &SharedAccount,
    touched: &BTreeSet<MemberId>,
) -> QueryResult<()> {
    let members: Vec<_> = touched.iter().filter_map(|id| after.member(*id)).collect();
    if members.is_empty() {
        return Ok(());
    }
    // SQLite: a member at a time by an update the connection keeps prepared (one built with
    // the values in its text would be parsed anew every time).
    #[cfg(feature = "sqlite")]
    #[allow(irrefutable_let_patterns)]
    if let DbConnection::Sqlite(c) = conn {
        use crate::infrastructure::db::kept_sqlite::{Statement, Value};
        enum SetBalances {}
        for m in members {
            let b = &m.balance;
            Statement::<SetBalances>::new(
                "UPDATE members SET paid = ?, owed = ?, sent = ?, received = ?, net = ? \
                 WHERE member_id = ?",
                vec![
                    Value::BigInt(b.paid.cents()),
                    Value::BigInt(b.owed.cents()),
                    Value::BigInt(b.sent.cents()),
                    Value::BigInt(b.received.cents()),
                    Value::BigInt(b.net().cents()),
                    Value::Bytes(m.id.0.as_bytes()),
                ],
            )
            .run(c)?;
        }
        return Ok(());
    }
    let mut sql = String::from("UPDATE members SET");
    balance_assignments(&mut sql, &members, "");
    sql.push_str(" WHERE member_id IN (");
    member_list(&mut sql, &members);
    sql.push(')');
    crate::infrastructure::db::on_backend!(conn, |c| diesel::sql_query(sql.as_str()).execute(c))?;
    Ok(())
}

/// ` paid = CASE member_id WHEN X'…' THEN 120 … END, owed = …` for these members, each
/// column name after `qualifier` (a table name and a dot, or nothing).
fn balance_assignments(sql: &mut String, members: &[&crate::domain::Member], qualifier: &str) {
    for (i, (column, value)) in balance_columns().iter().enumerate() {
        let _ = write!(
            sql,
            "{} {qualifier}{column} = CASE {qualifier}member_id",
            if i == 0 { "" } else { "," }
        );
        for m in members {
            let _ = write!(
                sql,
                " WHEN X'{}' THEN {}",
                m.id.0.simple(),
                value(&m.balance)
            );
        }
        sql.push_str(" END");
    }
}

/// `X'…', X'…'`: the members' ids as literals.
fn member_list(sql: &mut String, members: &[&crate::domain::Member]) {
    for (i, m) in members.iter().enumerate() {
        let _ = write!(
            sql,
            "{}X'{}'",
            if i == 0 { "" } else { ", " },
            m.id.0.simple()
        );
    }
}

/// `expenses.kind` of an expense.
pub const EXPENSE: &str = "expense";
/// `expenses.kind` of a refund (money coming in, booked with the sign reversed).
pub const REFUND: &str = "refund";

/// How an entry of this kind moves balances and totals: 1 for an expense, −1 for a refund.
pub fn kind_sign(kind: &str) -> i64 {
    if kind == REFUND { -1 } else { 1 }
}

fn link_user(
    conn: &mut DbConnection,
    account: AccountId,
    member_id: MemberId,
    user_id: UserId,
) -> QueryResult<usize> {
    crate::infrastructure::db::on_backend!(conn, |c| diesel::insert_into(user_accounts::table)
        .values((
            user_accounts::user_id.eq(user_id),
            user_accounts::account_id.eq(account),
            user_accounts::member_id.eq(member_id),
        ))
        .execute(c))
}

diesel::define_sql_function! {
    /// MySQL's `LAST_INSERT_ID()`: the position of the event this connection inserted last.
    fn last_insert_id() -> diesel::sql_types::BigInt;
}

/// Inserts new expense or transfer rows with their recording events' positions. A position
/// of `None` is that of the one event the command just appended on MySQL, whose position was
/// not read back (see `event_store::append_for_command`): `LAST_INSERT_ID()` on the same
/// connection, as no other table takes an auto-increment value in between.
macro_rules! insert_positioned {
    ($conn:expr, $table:path, $column:path, $rows:expr) => {{
        // Only a MySQL build sets it.
        #[allow(unused_mut)]
        let mut done = false;
        #[cfg(feature = "mysql")]
        if let DbConnection::Mysql(c) = &mut *$conn
            && let [row] = $rows.as_slice()
            && row.recorded_position.is_none()
        {
            diesel::insert_into($table)
                .values((row, $column.eq(last_insert_id())))
                .execute(c)?;
            done = true;
        }
        if !done {
            let mut positioned = Vec::with_capacity($rows.len());
            for row in &$rows {
                let position = row.recorded_position.ok_or_else(|| {
                    diesel::result::Error::QueryBuilderError(
                        "an event's position is unknown".into(),
                    )
                })?;
                positioned.push((row, $column.eq(position)));
            }
            // A single row by the insert the connection keeps prepared, as `insert_rows!`
            // (on SQLite every row).
            for chunk in positioned.chunks(ROWS_PER_INSERT) {
                match (&mut *$conn, chunk) {
                    #[cfg(feature = "sqlite")]
                    (DbConnection::Sqlite(c), rows) => {
                        let mut inserted = 0;
                        for one in rows {
                            inserted +=
                                diesel::insert_into($table).values(one.clone()).execute(c)?;
                        }
                        inserted
                    }
                    #[allow(unreachable_patterns)]
                    (conn, [one]) => crate::infrastructure::db::on_backend!(conn, |c| {
                        diesel::insert_into($table).values(one.clone()).execute(c)
                    })?,
                    #[allow(unreachable_patterns)]
                    (conn, many) => crate::infrastructure::db::on_backend!(conn, |c| {
                        diesel::insert_into($table).values(many.to_vec()).execute(c)
                    })?,
                };
            }
        }
    }};
}
use insert_positioned;

/// Rows per multi-row insert of a read model: the widest (an expense, 17 columns) stays far
/// under SQLite's 32,766 bound parameters and MySQL's 65,535 placeholders.
const ROWS_PER_INSERT: usize = 400;

/// A new expense's row (`None` is NULL, so many rows go in one statement on SQLite too).
#[derive(Insertable)]
#[diesel(table_name = expenses, treat_none_as_default_value = false)]
struct NewExpenseRow<'a> {
    expense_id: ExpenseId,
    account_id: AccountId,
    payer_id: MemberId,
    amount: i64,
    description: &'a str,
    expense_date: chrono::NaiveDate,
    split_mode: &'a str,
    split: String,
    participant_count: i32,
    deleted: bool,
    revision: i32,
    /// Written beside the row (see `insert_positioned!`).
    #[diesel(skip_insertion)]
    recorded_position: Option<i64>,
    recorded_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    category_id: Option<CategoryId>,
    schedule_id: Option<ScheduleId>,
    kind: &'a str,
    paid_in: Option<String>,
}

/// An expense's amount in another currency, as its row keeps it.
fn paid_in_json(details: &crate::domain::ExpenseDetails) -> Option<String> {
    details
        .foreign
        .as_ref()
        .and_then(|f| serde_json::to_string(f).ok())
}

/// A new transfer's row.
#[derive(Insertable)]
#[diesel(table_name = transfers)]
struct NewTransferRow {
    transfer_id: TransferId,
    account_id: AccountId,
    from_member_id: MemberId,
    to_member_id: MemberId,
    amount: i64,
    transfer_date: chrono::NaiveDate,
    /// Written beside the row (see `insert_positioned!`).
    #[diesel(skip_insertion)]
    recorded_position: Option<i64>,
    recorded_at: NaiveDateTime,
    deleted: bool,
    revision: i32,
}

/// The columns of one share's row.
fn share_row(account: AccountId, expense_id: ExpenseId, share: &crate::domain::Share) -> ShareRow {
    ShareRow {
        expense_id,
        member_id: share.member_id,
        account_id: account,
        amount: share.amount.cents(),
    }
}

/// A new row of `expense_shares`.
#[derive(Insertable)]
#[diesel(table_name = expense_shares)]
struct ShareRow {
    expense_id: ExpenseId,
    member_id: MemberId,
    account_id: AccountId,
    amount: i64,
}

/// Inserts share rows, many to a statement; on MySQL by statements the connection keeps
/// prepared (see `db::kept_prepared`).
fn insert_share_rows(conn: &mut DbConnection, rows: &[ShareRow]) -> QueryResult<usize> {
    let mut inserted = 0;
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        inserted += match conn {
            #[cfg(feature = "mysql")]
            DbConnection::Mysql(c) => {
                use crate::infrastructure::db::kept_prepared::{Statement, Value};
                let mut sql = String::from(
                    "INSERT INTO expense_shares (expense_id, member_id, account_id, amount) VALUES ",
                );
                let mut values = Vec::with_capacity(chunk.len() * 4);
                for (i, row) in chunk.iter().enumerate() {
                    sql.push_str(if i == 0 {
                        "(?, ?, ?, ?)"
                    } else {
                        ", (?, ?, ?, ?)"
                    });
                    values.extend([
                        Value::Bytes(row.expense_id.0.as_bytes()),
                        Value::Bytes(row.member_id.0.as_bytes()),
                        Value::Bytes(row.account_id.0.as_bytes()),
                        Value::BigInt(row.amount),
                    ]);
                }
                Statement::new(sql, values, chunk.len()).run(c)?
            }
            #[allow(unreachable_patterns)]
            _ => crate::infrastructure::db::insert_rows!(conn, expense_shares::table, chunk)?,
        };
    }
    Ok(inserted)
}

fn insert_shares(
    conn: &mut DbConnection,
    account: AccountId,
    expense_id: ExpenseId,
    shares: &[crate::domain::Share],
) -> QueryResult<usize> {
    let rows: Vec<_> = shares
        .iter()
        .map(|share| share_row(account, expense_id, share))
        .collect();
    // One statement for all rows (a round trip less per participant, inside the lock).
    insert_share_rows(conn, &rows)
}

/// The columns of a schedule's row, from its folded state.
macro_rules! schedule_columns {
    ($s:expr, $at:expr) => {{
        let s = $s;
        (
            schedules::description.eq(s.details.expense.description.as_str().to_owned()),
            schedules::amount.eq(s.details.expense.amount.cents()),
            schedules::payer_id.eq(s.details.expense.payer),
            schedules::category_id.eq(s.details.expense.category),
            schedules::split_mode.eq(s.details.expense.split.mode_name()),
            schedules::recurrence_unit.eq(s.details.recurrence.unit.as_str()),
            schedules::recurrence_every.eq(i32::from(s.details.recurrence.every)),
            schedules::start_date.eq(s.details.expense.date),
            schedules::until_date.eq(s.details.until),
            schedules::status.eq(status_name(s.status)),
            schedules::next_date.eq(s.next_occurrence()),
            schedules::paused_because.eq(s.paused_because.clone()),
            schedules::updated_at.eq($at),
        )
    }};
}

/// The stored name of a schedule's status.
pub fn status_name(status: ScheduleStatus) -> &'static str {
    match status {
        ScheduleStatus::Active => "active",
        ScheduleStatus::Paused => "paused",
        ScheduleStatus::Stopped => "stopped",
    }
}

fn insert_schedule(
    conn: &mut DbConnection,
    account: AccountId,
    schedule_id: ScheduleId,
    after: &SharedAccount,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let Some(s) = after.schedules.get(&schedule_id) else {
        return Ok(());
    };
    let columns = schedule_columns!(s, at);
    crate::infrastructure::db::on_backend!(conn, |c| diesel::insert_into(schedules::table)
        .values((
            schedules::schedule_id.eq(schedule_id),
            schedules::account_id.eq(account),
            columns.clone(),
        ))
        .execute(c))?;
    Ok(())
}

fn update_schedule(
    conn: &mut DbConnection,
    schedule_id: ScheduleId,
    after: &SharedAccount,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let Some(s) = after.schedules.get(&schedule_id) else {
        return Ok(());
    };
    let columns = schedule_columns!(s, at);
    crate::infrastructure::db::on_backend!(conn, |c| diesel::update(
        schedules::table.find(schedule_id)
    )
    .set(columns.clone())
    .execute(c))?;
    Ok(())
}

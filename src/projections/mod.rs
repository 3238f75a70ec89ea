//! Read models: the tables pages read, kept up to date in the same transaction as the
//! events they come from, and rebuildable from the events at any time.

pub mod rebuild;
pub mod rows;
pub mod verify;

use crate::domain::{AccountEvent, AccountId, ExpenseId, MemberId, SharedAccount, UserId};
use crate::event_sourcing::EventEnvelope;
use crate::infrastructure::db::DbConnection;
use crate::infrastructure::schema::{
    accounts, expense_shares, expenses, members, transfers, user_accounts,
};
use diesel::prelude::*;
use std::collections::BTreeSet;

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
    for envelope in envelopes {
        let at = envelope.recorded_at.naive_utc();
        let position = envelope.position.unwrap_or(envelope.version);
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
                ))
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
            } => {
                let split = serde_json::to_string(&details.split).unwrap_or_default();
                crate::infrastructure::db::on_backend!(conn, |c| diesel::insert_into(
                    expenses::table
                )
                .values((
                    expenses::expense_id.eq(expense_id),
                    expenses::account_id.eq(account),
                    expenses::payer_id.eq(details.payer),
                    expenses::amount.eq(details.amount.cents()),
                    expenses::description.eq(details.description.as_str()),
                    expenses::expense_date.eq(details.date),
                    expenses::split_mode.eq(details.split.mode_name()),
                    expenses::split.eq(&split),
                    expenses::participant_count.eq(shares.len() as i32),
                    expenses::deleted.eq(false),
                    expenses::revision.eq(1),
                    expenses::recorded_position.eq(position),
                    expenses::recorded_at.eq(at),
                    expenses::updated_at.eq(at),
                ))
                .execute(c))?;
                insert_shares(conn, account, *expense_id, shares)?;
                touched.insert(details.payer);
                touched.extend(shares.iter().map(|s| s.member_id));
            }
            AccountEvent::ExpenseCorrected {
                expense_id,
                details,
                shares,
            } => {
                let id = *expense_id;
                let old_members: Vec<MemberId> =
                    crate::infrastructure::db::on_backend!(conn, |c| expense_shares::table
                        .filter(expense_shares::expense_id.eq(id))
                        .select(expense_shares::member_id)
                        .load(c))?;
                let old_payer: MemberId =
                    crate::infrastructure::db::on_backend!(conn, |c| expenses::table
                        .find(id)
                        .select(expenses::payer_id)
                        .first(c))?;
                touched.extend(old_members);
                touched.insert(old_payer);
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
            }
            AccountEvent::TransferRecorded {
                transfer_id,
                details,
            } => {
                crate::infrastructure::db::on_backend!(conn, |c| diesel::insert_into(
                    transfers::table
                )
                .values((
                    transfers::transfer_id.eq(transfer_id),
                    transfers::account_id.eq(account),
                    transfers::from_member_id.eq(details.from),
                    transfers::to_member_id.eq(details.to),
                    transfers::amount.eq(details.amount.cents()),
                    transfers::transfer_date.eq(details.date),
                    transfers::recorded_position.eq(position),
                    transfers::recorded_at.eq(at),
                ))
                .execute(c))?;
                touched.insert(details.from);
                touched.insert(details.to);
            }
        }
    }
    // Balances are written as absolute values from the folded state: idempotent, and a
    // member touched by several events of one command is written once.
    for member_id in touched {
        if let Some(m) = after.member(member_id) {
            let b = m.balance;
            crate::infrastructure::db::on_backend!(conn, |c| diesel::update(
                members::table.find(member_id)
            )
            .set((
                members::paid.eq(b.paid.cents()),
                members::owed.eq(b.owed.cents()),
                members::sent.eq(b.sent.cents()),
                members::received.eq(b.received.cents()),
                members::net.eq(b.net().cents()),
            ))
            .execute(c))?;
        }
    }
    crate::infrastructure::db::on_backend!(conn, |c| diesel::update(
        accounts::table.find(account)
    )
    .set((
        accounts::version.eq(last.version),
        accounts::updated_at.eq(last.recorded_at.naive_utc()),
    ))
    .execute(c))?;
    Ok(())
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

fn insert_shares(
    conn: &mut DbConnection,
    account: AccountId,
    expense_id: ExpenseId,
    shares: &[crate::domain::Share],
) -> QueryResult<usize> {
    if shares.is_empty() {
        return Ok(0);
    }
    let rows: Vec<_> = shares
        .iter()
        .map(|share| {
            (
                expense_shares::expense_id.eq(expense_id),
                expense_shares::member_id.eq(share.member_id),
                expense_shares::account_id.eq(account),
                expense_shares::amount.eq(share.amount.cents()),
            )
        })
        .collect();
    // One statement for all rows (a round trip less per participant, inside the lock).
    crate::infrastructure::db::on_backend!(conn, |c| diesel::insert_into(expense_shares::table)
        .values(&rows)
        .execute(c))
}

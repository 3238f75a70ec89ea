//! An account's history: every event as a readable sentence, newest first, 50 per page,
//! with a Restore button beside deletions that still stand.

use crate::domain::{
    AccountEvent, CategoryId, Currency, ExpenseId, MemberId, ScheduleId, Split, TransferDetails,
};
use crate::event_sourcing::EventEnvelope;
use crate::read::history::{HistoryView, history as read_history};
use crate::read::members::MemberView;
use crate::route;
use crate::web::account_view::{load_members, money, name_of};
use crate::web::context::{Member, PageContext};
use crate::web::errors::WebError;
use crate::web::routing::RouteDef;
use crate::web::state::AppState;
use crate::web::view;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

pub use crate::read::history::PER_PAGE;

/// This module's routes.
pub fn routes() -> Vec<RouteDef> {
    vec![route!(
        get,
        "/accounts/{account_id}/history",
        Member,
        history
    )]
}

/// The Restore button of a deletion that still stands.
pub struct RestoreButton {
    /// Where it posts.
    pub action: String,
    /// The expense's description, for screen readers.
    pub label: String,
}

/// One event as the page shows it.
pub struct Entry {
    /// "Sam recorded Internet, €30.00, split 3 ways".
    pub sentence: String,
    /// "26 Nov 2026 10:31" (UTC).
    pub when: String,
    /// Machine-readable time for `<time datetime>`.
    pub datetime: String,
    /// Present for deleted expenses that are still deleted.
    pub restore: Option<RestoreButton>,
    /// The account as it was right after this event.
    pub as_of_href: String,
}

/// The history page.
#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    ctx: PageContext,
    account_name: String,
    base: String,
    entries: Vec<Entry>,
    /// The zone the times are shown in.
    zone: &'static str,
    page: i64,
    pages: i64,
    /// This page's URL, where a restore comes back to.
    back: String,
    newer: Option<String>,
    older: Option<String>,
}

#[derive(Debug, Deserialize)]
struct HistoryQuery {
    #[serde(default)]
    page: Option<String>,
}

fn page_url(base: &str, page: i64) -> String {
    if page <= 1 {
        format!("{base}/history")
    } else {
        format!("{base}/history?page={page}")
    }
}

async fn history(
    state: web::Data<AppState>,
    member: Member,
    query: web::Query<HistoryQuery>,
) -> Result<HttpResponse, WebError> {
    let page = match query.page.as_deref().map(str::trim) {
        None | Some("") => 1,
        Some(p) => p
            .parse::<i64>()
            .ok()
            .filter(|p| (1..=i64::from(u32::MAX)).contains(p))
            .ok_or(WebError::NotFound)?,
    };
    let account = member.account_id;
    let members = load_members(&state, account).await?;
    let loaded = state
        .read(move |conn| read_history(conn, account, page))
        .await?;
    let pages = ((loaded.total + PER_PAGE - 1) / PER_PAGE).max(1);
    if page > pages {
        return Err(WebError::NotFound);
    }
    let currency = member.currency();
    let base = member.base();
    let entries = loaded
        .events
        .iter()
        .map(|envelope| {
            let (sentence, restore) = describe(envelope, &members, &loaded, currency, &base);
            let at = envelope.recorded_at;
            Entry {
                sentence,
                when: view::minute(at, member.user.zone),
                datetime: at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                restore,
                as_of_href: super::as_of::after_href(&base, envelope.version),
            }
        })
        .collect();
    view::ok(&HistoryPage {
        zone: member.user.zone.name(),
        account_name: member.account.name.clone(),
        entries,
        page,
        pages,
        back: page_url(&base, page),
        newer: (page > 1).then(|| page_url(&base, page - 1)),
        older: (page < pages).then(|| page_url(&base, page + 1)),
        base,
        ctx: member.ctx,
    })
}

/// The name of a member, or "someone" for an id the read model does not know.
fn name(members: &[MemberView], id: MemberId) -> String {
    name_of(members, id)
}

/// How a split reads after the amount: "split 3 ways by shares", "for Sam".
fn split_phrase(split: &Split, participants: usize, members: &[MemberView]) -> String {
    if participants == 1
        && let Some(only) = split.participants().first()
    {
        return format!("for {}", name(members, *only));
    }
    let mode = match split {
        Split::Equally { .. } => "",
        Split::ByShares { .. } => " by shares",
        Split::ByExactAmounts { .. } => " by exact amounts",
        Split::ByPercentages { .. } => " by percentages",
    };
    format!("split {participants} ways{mode}")
}

/// "payment from Ben to Cleo, €20.00".
fn payment_phrase(details: &TransferDetails, members: &[MemberView], currency: Currency) -> String {
    format!(
        "payment from {} to {}, {}",
        name(members, details.from),
        name(members, details.to),
        currency.format(details.amount)
    )
}

/// What a payment's correction changed: "the payment from Ben to Cleo: €20.00 → €25.00",
/// with the members and the date when those changed too.
fn payment_change(
    was: &TransferDetails,
    now: &TransferDetails,
    members: &[MemberView],
    currency: Currency,
) -> String {
    let mut changes = Vec::new();
    if was.amount != now.amount {
        changes.push(format!(
            "{} → {}",
            currency.format(was.amount),
            currency.format(now.amount)
        ));
    }
    if was.from != now.from || was.to != now.to {
        changes.push(format!(
            "now from {} to {}",
            name(members, now.from),
            name(members, now.to)
        ));
    }
    if was.date != now.date {
        changes.push(format!(
            "dated {} → {}",
            was.date.format("%-d %b %Y"),
            now.date.format("%-d %b %Y")
        ));
    }
    let what = format!(
        "the payment from {} to {}",
        name(members, was.from),
        name(members, was.to)
    );
    if changes.is_empty() {
        what
    } else {
        format!("{what}: {}", changes.join(", "))
    }
}

fn category(loaded: &HistoryView, id: CategoryId) -> String {
    loaded
        .categories
        .get(&id)
        .cloned()
        .unwrap_or_else(|| "a category".to_owned())
}

fn schedule(loaded: &HistoryView, id: ScheduleId) -> String {
    loaded
        .schedules
        .get(&id)
        .cloned()
        .unwrap_or_else(|| "a recurring bill".to_owned())
}

/// One event as a sentence, and the Restore button where one belongs.
fn describe(
    envelope: &EventEnvelope<AccountEvent>,
    members: &[MemberView],
    loaded: &HistoryView,
    currency: Currency,
    base: &str,
) -> (String, Option<RestoreButton>) {
    let actor_known = envelope.metadata.user_id.and_then(|user| {
        members
            .iter()
            .find(|m| m.user_id.is_some_and(|u| u.0 == user))
            .map(|m| m.name.clone())
    });
    let actor = actor_known.clone().unwrap_or_else(|| "Someone".to_owned());
    let expense = |id: &ExpenseId| loaded.expenses.get(id);
    let description = |id: &ExpenseId| {
        expense(id)
            .map(|(d, _)| d.clone())
            .unwrap_or_else(|| "an expense".to_owned())
    };
    let sentence = match &envelope.event {
        AccountEvent::AccountOpened { name, currency } => {
            format!("{actor} opened the account {name} in {}", currency.code())
        }
        AccountEvent::AccountRenamed { name } => {
            format!("{actor} renamed the account to {name}")
        }
        AccountEvent::MemberAdded {
            name,
            user_id: Some(_),
            ..
        } => format!("{name} joined"),
        AccountEvent::MemberAdded {
            name,
            user_id: None,
            ..
        } => format!("{actor} added {name}"),
        AccountEvent::MemberLinked { member_id, .. } => {
            format!("{actor} joined as {}", name(members, *member_id))
        }
        AccountEvent::MemberDeactivated { member_id } => {
            format!("{actor} deactivated {}", name(members, *member_id))
        }
        AccountEvent::MemberReactivated { member_id } => {
            format!("{actor} reactivated {}", name(members, *member_id))
        }
        AccountEvent::ExpenseRecorded {
            details,
            shares,
            from_schedule: None,
            ..
        } => format!(
            "{actor} recorded {}, {}, {}",
            details.description,
            amount_phrase(currency, details),
            split_phrase(&details.split, shares.len(), members)
        ),
        AccountEvent::ExpenseRecorded {
            details,
            shares,
            from_schedule: Some(_),
            ..
        } => format!(
            "The recurring bill {} of {} was recorded, {}, {}",
            details.description,
            view::day(details.date),
            amount_phrase(currency, details),
            split_phrase(&details.split, shares.len(), members)
        ),
        AccountEvent::RefundRecorded {
            details, shares, ..
        } => format!(
            "{actor} recorded a refund of {} received by {}: {}, {}",
            amount_phrase(currency, details),
            name(members, details.payer),
            details.description,
            split_phrase(&details.split, shares.len(), members)
        ),
        AccountEvent::ExpenseCorrected { details, .. } => {
            match loaded.previous_amounts.get(&envelope.version) {
                Some(before) if *before != details.amount => format!(
                    "{actor} corrected {}: {} → {}",
                    details.description,
                    currency.format(*before),
                    currency.format(details.amount)
                ),
                _ => format!("{actor} corrected {}", details.description),
            }
        }
        AccountEvent::ExpenseDeleted { expense_id } => {
            let text = description(expense_id);
            let restore = match expense(expense_id) {
                Some((_, true)) => Some(RestoreButton {
                    action: format!("{base}/expenses/{expense_id}/restore"),
                    label: text.clone(),
                }),
                _ => None,
            };
            return (format!("{actor} deleted {text}"), restore);
        }
        AccountEvent::ExpenseRestored { expense_id } => {
            format!("{actor} restored {}", description(expense_id))
        }
        AccountEvent::TransferRecorded { details, .. } => {
            let from = name(members, details.from);
            let paid = format!(
                "{from} paid {} {}",
                name(members, details.to),
                currency.format(details.amount)
            );
            match actor_known {
                Some(actor) if actor != from => format!("{paid} (recorded by {actor})"),
                _ => paid,
            }
        }
        AccountEvent::TransferCorrected { details, .. } => {
            match loaded.previous_transfers.get(&envelope.version) {
                Some(was) => format!(
                    "{actor} changed {}",
                    payment_change(was, details, members, currency)
                ),
                None => format!(
                    "{actor} changed the {}",
                    payment_phrase(details, members, currency)
                ),
            }
        }
        AccountEvent::TransferDeleted { transfer_id } => {
            let Some((details, deleted)) = loaded.transfers.get(transfer_id) else {
                return (format!("{actor} deleted a payment"), None);
            };
            let text = payment_phrase(details, members, currency);
            let restore = deleted.then(|| RestoreButton {
                action: format!("{base}/payments/{transfer_id}/restore"),
                label: format!("the {text}"),
            });
            return (format!("{actor} deleted the {text}"), restore);
        }
        AccountEvent::TransferRestored { transfer_id } => match loaded.transfers.get(transfer_id) {
            Some((details, _)) => format!(
                "{actor} restored the {}",
                payment_phrase(details, members, currency)
            ),
            None => format!("{actor} restored a payment"),
        },
        AccountEvent::TimeZoneSet { time_zone } => {
            format!("{actor} set the account's time zone to {time_zone}")
        }
        AccountEvent::CategoryAdded { name, .. } => {
            format!("{actor} added the category {name}")
        }
        AccountEvent::CategoryRenamed { name, .. } => {
            format!("{actor} renamed a category to {name}")
        }
        AccountEvent::CategoryArchived { category_id } => {
            format!(
                "{actor} archived the category {}",
                category(loaded, *category_id)
            )
        }
        AccountEvent::CategoryRestored { category_id } => {
            format!(
                "{actor} restored the category {}",
                category(loaded, *category_id)
            )
        }
        AccountEvent::ScheduleCreated { details, .. } => format!(
            "{actor} started the recurring bill {}, {} {}, from {}{}",
            details.expense.description,
            money(currency, details.expense.amount.cents()),
            details.recurrence,
            view::day(details.expense.date),
            details
                .until
                .map(|u| format!(" until {}", view::day(u)))
                .unwrap_or_default()
        ),
        AccountEvent::ScheduleChanged { details, .. } => format!(
            "{actor} changed the recurring bill {} from its next occurrence on: {} {}{}",
            details.expense.description,
            money(currency, details.expense.amount.cents()),
            details.recurrence,
            details
                .until
                .map(|u| format!(" until {}", view::day(u)))
                .unwrap_or_default()
        ),
        AccountEvent::OccurrenceSkipped { schedule_id, date } => format!(
            "{actor} skipped the recurring bill {} of {}",
            schedule(loaded, *schedule_id),
            view::day(*date)
        ),
        AccountEvent::SchedulePaused {
            schedule_id,
            reason: None,
        } => format!(
            "{actor} paused the recurring bill {}",
            schedule(loaded, *schedule_id)
        ),
        AccountEvent::SchedulePaused {
            schedule_id,
            reason: Some(reason),
        } => format!(
            "The recurring bill {} paused itself: {reason}",
            schedule(loaded, *schedule_id)
        ),
        AccountEvent::ScheduleResumed { schedule_id, from } => format!(
            "{actor} resumed the recurring bill {} from {}",
            schedule(loaded, *schedule_id),
            view::day(*from)
        ),
        AccountEvent::ScheduleStopped { schedule_id } => format!(
            "{actor} stopped the recurring bill {}",
            schedule(loaded, *schedule_id)
        ),
    };
    (sentence, None)
}

/// An expense's amount as a sentence says it: "€74.40", or "€74.40 (¥12000 at 0.0062)" when
/// it was paid in another currency.
fn amount_phrase(currency: Currency, details: &crate::domain::ExpenseDetails) -> String {
    let amount = money(currency, details.amount.cents());
    match &details.foreign {
        None => amount,
        Some(paid) => format!("{amount} ({})", super::expense_list::paid_in_text(paid)),
    }
}

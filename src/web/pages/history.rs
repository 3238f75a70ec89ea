//! An account's history: every event as a readable sentence, newest first, 50 per page,
//! with a Restore button beside deletions that still stand.

use crate::domain::{
    AccountEvent, CategoryId, Currency, ExpenseId, MemberId, Recurrence, ScheduleId, Split,
    TransferDetails,
};
use crate::event_sourcing::EventEnvelope;
use crate::i18n::{Lang, Value};
use crate::read::history::{HistoryView, history as read_history};
use crate::read::members::MemberView;
use crate::route;
use crate::web::account_view::{load_members, name_in};
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
    /// "Everything that happened in …, newest first. Times are in …".
    intro: String,
    /// "Page 2 of 3".
    page_of: String,
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
    let lang = member.ctx.lang;
    let base = member.base();
    let entries = loaded
        .events
        .iter()
        .map(|envelope| {
            let (sentence, restore) = describe(lang, envelope, &members, &loaded, currency, &base);
            let at = envelope.recorded_at;
            Entry {
                sentence,
                when: lang.minute(at, member.user.zone),
                datetime: at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                restore,
                as_of_href: super::as_of::after_href(&base, envelope.version),
            }
        })
        .collect();
    view::ok(&HistoryPage {
        intro: lang.t2(
            "history-intro",
            ("account", member.account.name.as_str()),
            ("zone", member.user.zone.name()),
        ),
        page_of: lang.t2("account-page-of", ("page", page), ("pages", pages)),
        account_name: member.account.name.clone(),
        entries,
        pages,
        back: page_url(&base, page),
        newer: (page > 1).then(|| page_url(&base, page - 1)),
        older: (page < pages).then(|| page_url(&base, page + 1)),
        base,
        ctx: member.ctx,
    })
}

/// A message whose variables are all text.
fn say(lang: Lang, key: &str, vars: &[(&str, String)]) -> String {
    let vars: Vec<(&str, Value)> = vars
        .iter()
        .map(|(name, value)| (*name, Value::Text(value.clone())))
        .collect();
    lang.ta(key, &vars)
}

/// How a split reads after the amount: "split 3 ways by shares", "for Sam".
fn split_phrase(lang: Lang, split: &Split, participants: usize, members: &[MemberView]) -> String {
    if participants == 1
        && let Some(only) = split.participants().first()
    {
        return lang.t1("history-split-for", "name", name_in(lang, members, *only));
    }
    let key = match split {
        Split::Equally { .. } => "history-split-equally",
        Split::ByShares { .. } => "history-split-shares",
        Split::ByExactAmounts { .. } => "history-split-exact",
        Split::ByPercentages { .. } => "history-split-percentages",
    };
    lang.t1(key, "count", participants)
}

/// The variables of a payment's sentences: from, to and amount.
fn payment_vars(
    lang: Lang,
    details: &TransferDetails,
    members: &[MemberView],
    currency: Currency,
) -> [(&'static str, String); 3] {
    [
        ("from", name_in(lang, members, details.from)),
        ("to", name_in(lang, members, details.to)),
        ("amount", lang.money(details.amount, currency)),
    ]
}

/// What a payment's correction changed: "€20.00 → €25.00, now from Ben to Cleo, dated …";
/// empty when nothing shown changed.
fn payment_changes(
    lang: Lang,
    was: &TransferDetails,
    now: &TransferDetails,
    members: &[MemberView],
    currency: Currency,
) -> Vec<String> {
    let mut changes = Vec::new();
    if was.amount != now.amount {
        changes.push(format!(
            "{} → {}",
            lang.money(was.amount, currency),
            lang.money(now.amount, currency)
        ));
    }
    if was.from != now.from || was.to != now.to {
        changes.push(lang.t2(
            "history-change-parties",
            ("from", name_in(lang, members, now.from)),
            ("to", name_in(lang, members, now.to)),
        ));
    }
    if was.date != now.date {
        changes.push(lang.t2(
            "history-change-date",
            ("was", lang.day(was.date)),
            ("now", lang.day(now.date)),
        ));
    }
    changes
}

fn category(lang: Lang, loaded: &HistoryView, id: CategoryId) -> String {
    loaded
        .categories
        .get(&id)
        .map(|name| lang.category(name))
        .unwrap_or_else(|| lang.t("history-a-category"))
}

fn schedule(lang: Lang, loaded: &HistoryView, id: ScheduleId) -> String {
    loaded
        .schedules
        .get(&id)
        .cloned()
        .unwrap_or_else(|| lang.t("history-a-recurring-bill"))
}

/// "every month", "every 2 weeks".
fn recurrence(lang: Lang, recurrence: &Recurrence) -> String {
    lang.ta(
        "history-recurrence",
        &[
            ("unit", Value::Text(recurrence.unit.as_str().to_owned())),
            ("count", Value::Count(i64::from(recurrence.every))),
        ],
    )
}

/// One event as a sentence in `lang`, and the Restore button where one belongs.
fn describe(
    lang: Lang,
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
    let actor = actor_known
        .clone()
        .unwrap_or_else(|| lang.t("history-someone"));
    let name = |id: MemberId| name_in(lang, members, id);
    let expense = |id: &ExpenseId| loaded.expenses.get(id);
    let description = |id: &ExpenseId| {
        expense(id)
            .map(|(d, _)| d.clone())
            .unwrap_or_else(|| lang.t("history-an-expense"))
    };
    // Sentences with the actor and one more variable.
    let by = |key: &str, var: &str, value: String| {
        say(lang, key, &[("actor", actor.clone()), (var, value)])
    };
    let sentence = match &envelope.event {
        AccountEvent::AccountOpened { name, currency } => say(
            lang,
            "history-opened",
            &[
                ("actor", actor.clone()),
                ("name", name.to_string()),
                ("currency", currency.code().to_owned()),
            ],
        ),
        AccountEvent::AccountRenamed { name } => by("history-renamed", "name", name.to_string()),
        AccountEvent::MemberAdded {
            name,
            user_id: Some(_),
            ..
        } => lang.t1("history-joined", "name", name.to_string()),
        AccountEvent::MemberAdded {
            name,
            user_id: None,
            ..
        } => by("history-added", "name", name.to_string()),
        AccountEvent::MemberLinked { member_id, .. } => {
            by("history-linked", "name", name(*member_id))
        }
        AccountEvent::MemberDeactivated { member_id } => {
            by("history-deactivated", "name", name(*member_id))
        }
        AccountEvent::MemberReactivated { member_id } => {
            by("history-reactivated", "name", name(*member_id))
        }
        AccountEvent::ExpenseRecorded {
            details,
            shares,
            from_schedule: None,
            ..
        } => say(
            lang,
            "history-expense",
            &[
                ("actor", actor.clone()),
                ("description", details.description.to_string()),
                ("amount", amount_phrase(lang, currency, details)),
                (
                    "split",
                    split_phrase(lang, &details.split, shares.len(), members),
                ),
            ],
        ),
        AccountEvent::ExpenseRecorded {
            details,
            shares,
            from_schedule: Some(_),
            ..
        } => say(
            lang,
            "history-recurring-recorded",
            &[
                ("description", details.description.to_string()),
                ("date", lang.day(details.date)),
                ("amount", amount_phrase(lang, currency, details)),
                (
                    "split",
                    split_phrase(lang, &details.split, shares.len(), members),
                ),
            ],
        ),
        AccountEvent::RefundRecorded {
            details, shares, ..
        } => say(
            lang,
            "history-refund",
            &[
                ("actor", actor.clone()),
                ("amount", amount_phrase(lang, currency, details)),
                ("payer", name(details.payer)),
                ("description", details.description.to_string()),
                (
                    "split",
                    split_phrase(lang, &details.split, shares.len(), members),
                ),
            ],
        ),
        AccountEvent::ExpenseCorrected { details, .. } => {
            match loaded.previous_amounts.get(&envelope.version) {
                Some(before) if *before != details.amount => say(
                    lang,
                    "history-corrected-amount",
                    &[
                        ("actor", actor.clone()),
                        ("description", details.description.to_string()),
                        ("before", lang.money(*before, currency)),
                        ("after", lang.money(details.amount, currency)),
                    ],
                ),
                _ => by(
                    "history-corrected",
                    "description",
                    details.description.to_string(),
                ),
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
            return (by("history-expense-deleted", "description", text), restore);
        }
        AccountEvent::ExpenseRestored { expense_id } => by(
            "history-expense-restored",
            "description",
            description(expense_id),
        ),
        AccountEvent::TransferRecorded { details, .. } => {
            let from = name(details.from);
            let paid = super::dashboard::paid(
                lang,
                &from,
                &name(details.to),
                &lang.money(details.amount, currency),
            );
            match actor_known {
                Some(actor) if actor != from => lang.t2(
                    "history-paid-recorded-by",
                    ("payment", paid),
                    ("actor", actor),
                ),
                _ => paid,
            }
        }
        AccountEvent::TransferCorrected { details, .. } => {
            match loaded.previous_transfers.get(&envelope.version) {
                Some(was) => {
                    let changes = payment_changes(lang, was, details, members, currency);
                    let mut vars = vec![
                        ("actor", actor.clone()),
                        ("from", name(was.from)),
                        ("to", name(was.to)),
                    ];
                    if changes.is_empty() {
                        say(lang, "history-payment-changed", &vars)
                    } else {
                        vars.push(("changes", changes.join(", ")));
                        say(lang, "history-payment-changed-how", &vars)
                    }
                }
                None => {
                    let mut vars = vec![("actor", actor.clone())];
                    vars.extend(payment_vars(lang, details, members, currency));
                    say(lang, "history-payment-changed-now", &vars)
                }
            }
        }
        AccountEvent::TransferDeleted { transfer_id } => {
            let Some((details, deleted)) = loaded.transfers.get(transfer_id) else {
                return (
                    lang.t1("history-payment-deleted-unknown", "actor", actor),
                    None,
                );
            };
            let payment = payment_vars(lang, details, members, currency);
            let restore = deleted.then(|| RestoreButton {
                action: format!("{base}/payments/{transfer_id}/restore"),
                label: say(lang, "payments-which", &payment),
            });
            let mut vars = vec![("actor", actor.clone())];
            vars.extend(payment);
            return (say(lang, "history-payment-deleted", &vars), restore);
        }
        AccountEvent::TransferRestored { transfer_id } => match loaded.transfers.get(transfer_id) {
            Some((details, _)) => {
                let mut vars = vec![("actor", actor.clone())];
                vars.extend(payment_vars(lang, details, members, currency));
                say(lang, "history-payment-restored", &vars)
            }
            None => lang.t1("history-payment-restored-unknown", "actor", actor.clone()),
        },
        AccountEvent::TimeZoneSet { time_zone } => {
            by("history-time-zone", "zone", time_zone.to_string())
        }
        AccountEvent::CategoryAdded { name, .. } => {
            by("history-category-added", "name", name.to_string())
        }
        AccountEvent::CategoryRenamed { name, .. } => {
            by("history-category-renamed", "name", name.to_string())
        }
        AccountEvent::CategoryArchived { category_id } => by(
            "history-category-archived",
            "name",
            category(lang, loaded, *category_id),
        ),
        AccountEvent::CategoryRestored { category_id } => by(
            "history-category-restored",
            "name",
            category(lang, loaded, *category_id),
        ),
        AccountEvent::ScheduleCreated { details, .. } => {
            let mut vars = vec![
                ("actor", actor.clone()),
                ("description", details.expense.description.to_string()),
                ("amount", lang.money(details.expense.amount, currency)),
                ("recurrence", recurrence(lang, &details.recurrence)),
                ("date", lang.day(details.expense.date)),
            ];
            match details.until {
                Some(until) => {
                    vars.push(("until", lang.day(until)));
                    say(lang, "history-schedule-created-until", &vars)
                }
                None => say(lang, "history-schedule-created", &vars),
            }
        }
        AccountEvent::ScheduleChanged { details, .. } => {
            let mut vars = vec![
                ("actor", actor.clone()),
                ("description", details.expense.description.to_string()),
                ("amount", lang.money(details.expense.amount, currency)),
                ("recurrence", recurrence(lang, &details.recurrence)),
            ];
            match details.until {
                Some(until) => {
                    vars.push(("until", lang.day(until)));
                    say(lang, "history-schedule-changed-until", &vars)
                }
                None => say(lang, "history-schedule-changed", &vars),
            }
        }
        AccountEvent::OccurrenceSkipped { schedule_id, date } => say(
            lang,
            "history-skipped",
            &[
                ("actor", actor.clone()),
                ("name", schedule(lang, loaded, *schedule_id)),
                ("date", lang.day(*date)),
            ],
        ),
        AccountEvent::SchedulePaused {
            schedule_id,
            reason: None,
        } => by(
            "history-paused",
            "name",
            schedule(lang, loaded, *schedule_id),
        ),
        AccountEvent::SchedulePaused {
            schedule_id,
            reason: Some(reason),
        } => lang.t2(
            "history-paused-itself",
            ("name", schedule(lang, loaded, *schedule_id)),
            ("reason", reason.to_string()),
        ),
        AccountEvent::ScheduleResumed { schedule_id, from } => say(
            lang,
            "history-resumed",
            &[
                ("actor", actor.clone()),
                ("name", schedule(lang, loaded, *schedule_id)),
                ("date", lang.day(*from)),
            ],
        ),
        AccountEvent::ScheduleStopped { schedule_id } => by(
            "history-stopped",
            "name",
            schedule(lang, loaded, *schedule_id),
        ),
    };
    (sentence, None)
}

/// An expense's amount as a sentence says it: "€74.40", or "€74.40 (¥12000 at 0.0062)" when
/// it was paid in another currency.
fn amount_phrase(
    lang: Lang,
    currency: Currency,
    details: &crate::domain::ExpenseDetails,
) -> String {
    let amount = lang.money(details.amount, currency);
    match &details.foreign {
        None => amount,
        Some(paid) => format!("{amount} ({})", super::expense_list::paid_in_text(paid)),
    }
}

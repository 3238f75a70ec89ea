//! Read-side helpers for account pages: members, names, money formatting.

use super::errors::WebError;
use super::state::AppState;
use crate::domain::{AccountId, Currency, MemberId, Money};
use crate::i18n::Lang;
use crate::read::categories::{CategoryView, categories_of};
use crate::read::members::{MemberChoice, MemberView, members_of};
use crate::read::roster::{Roster, roster};
use crate::web::context::Member;
use std::sync::Arc;

/// The members of an account in joining order.
pub async fn load_members(
    state: &AppState,
    account: AccountId,
) -> Result<Vec<MemberView>, WebError> {
    state.read(move |conn| members_of(conn, account)).await
}

/// The categories of an account, archived ones included, in order.
pub async fn load_categories(
    state: &AppState,
    account: AccountId,
) -> Result<Vec<CategoryView>, WebError> {
    state.read(move |conn| categories_of(conn, account)).await
}

/// The rate each other currency was last recorded at in the account, for the expense form.
pub async fn load_last_rates(
    state: &AppState,
    account: AccountId,
) -> Result<Vec<(String, String)>, WebError> {
    state
        .read(move |conn| crate::read::expense::last_rates(conn, account))
        .await
}

/// An expense form paid in another currency with its rate left empty takes the rate the
/// account's loaded reference rates give for its date; the form is shown with it on any
/// other error, so the person sees the rate used.
pub async fn fill_rate(
    state: &AppState,
    member: &crate::web::context::Member,
    mut raw: crate::web::forms::RawForm,
) -> Result<crate::web::forms::RawForm, WebError> {
    let account_currency = member.currency();
    let paid = match crate::domain::Currency::from_code(raw.get("paid_in")) {
        Ok(paid) if paid != account_currency => paid,
        _ => return Ok(raw),
    };
    let Ok(day) = crate::domain::dates::parse_day(raw.get("date")) else {
        return Ok(raw);
    };
    if !raw.get("rate").trim().is_empty() {
        return Ok(raw);
    }
    let account = member.account_id;
    let found = state
        .read(move |conn| crate::read::rates::rate_on(conn, account, paid, account_currency, day))
        .await?;
    if let Some((_, rate)) = found {
        raw.0.retain(|(k, _)| k != "rate");
        raw.0.push(("rate".to_owned(), rate.to_string()));
    }
    Ok(raw)
}

/// The name of the member with this id, or "someone" in the request's language.
pub fn name_of(members: &[impl MemberChoice], id: MemberId) -> String {
    name_in(crate::i18n::current(), members, id)
}

/// The name of the member with this id, or "someone" in `lang`.
pub fn name_in(lang: Lang, members: &[impl MemberChoice], id: MemberId) -> String {
    members
        .iter()
        .find(|m| m.id() == id)
        .map(|m| m.name().to_owned())
        .unwrap_or_else(|| lang.t("account-someone"))
}

/// Items as a sentence lists them in `lang`: "Ann", "Ann and Bob", "Ann, Bob and Cem".
pub fn list(lang: Lang, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [first, last] => lang.t2(
            "account-list-two",
            ("first", first.as_str()),
            ("last", last.as_str()),
        ),
        [first, rest @ ..] => lang.t2(
            "account-list-more",
            ("first", first.as_str()),
            ("rest", list(lang, rest)),
        ),
    }
}

/// The member whose id is exactly this text (as forms send it back), if any.
pub fn find_member<'a, M: MemberChoice>(members: &'a [M], typed: &str) -> Option<&'a M> {
    members.iter().find(|m| m.id().to_string() == typed)
}

/// The account's members and categories as its forms offer them, kept in memory until an
/// event changes them (see `read::roster`).
pub async fn load_roster(state: &AppState, member: &Member) -> Result<Arc<Roster>, WebError> {
    let account = member.account_id;
    state
        .read_cached(
            &state.views.roster,
            account,
            member.account.roster_version,
            move |conn| roster(conn, account),
        )
        .await
}

/// Formats minor units in the account's currency in `lang`'s conventions.
pub fn money_in(lang: Lang, currency: Currency, cents: i64) -> String {
    lang.money(Money(cents), currency)
}

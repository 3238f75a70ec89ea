//! The list of every expense, with filters and pages.

use super::expense_form::local_rate;
use crate::domain::Money;
use crate::domain::dates;
use crate::i18n::Lang;
use crate::read::categories::CategoryView;
use crate::read::choices::{Choices, choices};
use crate::read::expense::{ExpenseView, ShareView};
use crate::read::expense_list::{ExpenseListView, Filters, expense_list};
use crate::read::members::MemberView;
use crate::web::account_view::{find_member, name_of};
use crate::web::body::{self, Body, BodyKey, KeptPage};
use crate::web::context::{Member, PageContext};
use crate::web::errors::WebError;
use crate::web::forms::{FieldErrors, RawForm};
use crate::web::state::AppState;
use crate::web::view;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use std::sync::Arc;

/// Reads the filter fields, with a message beside each one that cannot be used.
fn parse_filters(
    lang: Lang,
    raw: &RawForm,
    members: &[MemberView],
    categories: &[CategoryView],
) -> (Filters, FieldErrors) {
    let mut errors = FieldErrors::default();
    let mut filters = Filters::default();
    match raw.get("category").trim() {
        "" => {}
        "none" => filters.category = Some(None),
        typed => match categories.iter().find(|c| c.id.to_string() == typed) {
            Some(c) => filters.category = Some(Some(c.id)),
            None => errors.add("category", lang.t("expense-form-choose-category")),
        },
    }
    let member = raw.get("member").trim();
    if !member.is_empty() {
        match find_member(members, member) {
            Some(m) => filters.member = Some(m.id),
            None => errors.add("member", lang.t("expense-list-choose-member")),
        }
    }
    let text = raw.get("q").trim();
    if !text.is_empty() {
        filters.text = Some(text.chars().take(120).collect());
    }
    for field in ["from", "to"] {
        let typed = raw.get(field).trim();
        if typed.is_empty() {
            continue;
        }
        match dates::parse_day(typed) {
            Ok(day) if field == "from" => filters.from = Some(day),
            Ok(day) => filters.to = Some(day),
            Err(e) => errors.add(field, e),
        }
    }
    if let (Some(from), Some(to)) = (filters.from, filters.to)
        && to < from
    {
        errors.add("to", lang.t("expense-list-end-before-start"));
        filters.to = None;
    }
    (filters, errors)
}

/// The list's address for a page, keeping the filters as typed.
fn list_href(base: &str, raw: &RawForm, page: i64) -> String {
    let mut pairs: Vec<(&str, String)> = FILTER_FIELDS
        .into_iter()
        .filter_map(|k| {
            let v = raw.get(k).trim();
            (!v.is_empty()).then(|| (k, v.to_owned()))
        })
        .collect();
    pairs.push(("page", page.to_string()));
    format!(
        "{base}/expenses?{}",
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    )
}

/// A member in the filter's select box.
struct MemberOption {
    id: String,
    name: String,
    selected: bool,
}

/// A category in the filter's select box.
struct CategoryOption {
    id: String,
    name: String,
    selected: bool,
}

/// One expense in the list.
struct ListLine {
    date: String,
    description: String,
    /// Its category's name, "" for none.
    category: String,
    /// An occurrence of a recurring bill.
    recurring: bool,
    payer: String,
    participants: String,
    amount: String,
    /// Paid in another currency: "¥12,000 at 0.0062", "" otherwise.
    paid_in: String,
    deleted: bool,
    /// Money coming in: labelled so, its amount shown negative.
    refund: bool,
    /// `/accounts/<id>/expenses/<id>`, the base of its edit, delete and restore addresses.
    href: String,
}

/// The list's body (see `web::body`): kept per account version, language and page when
/// unfiltered.
#[derive(Template)]
#[template(path = "expense_list.html")]
struct ListBody {
    ctx: PageContext,
    account_name: String,
    base: String,
    lines: Vec<ListLine>,
    members: Vec<MemberOption>,
    categories: Vec<CategoryOption>,
    /// "none" chosen: expenses without a category.
    uncategorised: bool,
    q: String,
    from: String,
    to: String,
    errors: FieldErrors,
    filtered: bool,
    total: String,
    live: usize,
    page: i64,
    pages: i64,
    prev_href: Option<String>,
    next_href: Option<String>,
    /// Where Restore brings the person back to.
    back: String,
}

impl ListBody {
    /// "Page 2 of 5" and the like: the message `key` with this page and the number of pages.
    fn page_of(&self, key: &str) -> String {
        self.ctx
            .lang
            .t2(key, ("page", self.page), ("pages", self.pages))
    }
}

/// The list's lines: date, description, payer, participants, amount.
fn lines(
    lang: Lang,
    expenses: &[ExpenseView],
    shares: &[ShareView],
    members: &[MemberView],
    categories: &[CategoryView],
    currency: crate::domain::Currency,
    base: &str,
) -> Vec<ListLine> {
    expenses
        .iter()
        .map(|e| ListLine {
            date: lang.day(e.date),
            description: e.description.clone(),
            category: e
                .category
                .and_then(|id| categories.iter().find(|c| c.id == id))
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            recurring: e.schedule.is_some(),
            payer: name_of(members, e.payer),
            participants: members
                .iter()
                .filter(|m| {
                    shares
                        .iter()
                        .any(|s| s.expense_id == e.id && s.member_id == m.id)
                })
                .map(|m| m.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            amount: lang.money(Money(e.signed_amount()), currency),
            paid_in: e
                .paid_in
                .as_ref()
                .map(|paid| paid_in_text_in(lang, paid))
                .unwrap_or_default(),
            deleted: e.deleted,
            refund: e.refund,
            href: format!("{base}/expenses/{}", e.id),
        })
        .collect()
}

/// What was paid in another currency and the rate: "¥12,000 at 0.0062", in the request's
/// language.
pub(crate) fn paid_in_text(paid: &crate::domain::ForeignAmount) -> String {
    paid_in_text_in(crate::i18n::current(), paid)
}

/// What was paid in another currency and the rate in `lang`: "12.000 ¥ zu 0,0062".
pub(crate) fn paid_in_text_in(lang: Lang, paid: &crate::domain::ForeignAmount) -> String {
    lang.t2(
        "expense-list-paid-in",
        ("amount", lang.money(paid.amount, paid.currency)),
        ("rate", local_rate(lang, &paid.rate.to_string())),
    )
}

/// The filter's select box, with the chosen member selected.
fn member_options(members: &[MemberView], selected: &str) -> Vec<MemberOption> {
    members
        .iter()
        .map(|m| {
            let id = m.id.to_string();
            MemberOption {
                selected: id == selected,
                id,
                name: m.name.clone(),
            }
        })
        .collect()
}

/// How many pages of the unfiltered list are kept per account version.
const KEPT_PAGES: i64 = 5;

/// The page asked for (from 1); anything else is the first.
fn wanted_page(raw: &RawForm) -> i64 {
    raw.get("page")
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|p| *p >= 1)
        .unwrap_or(1)
}

/// The fields that filter the list.
const FILTER_FIELDS: [&str; 5] = ["member", "category", "q", "from", "to"];

pub(super) async fn list_page(
    state: web::Data<AppState>,
    member: Member,
    query: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let raw = RawForm(query.into_inner());
    let wanted = wanted_page(&raw);
    let lang = member.ctx.lang;
    let title = format!("{} · {}", lang.t("expense-list-title"), member.account.name);
    let today = state.today_for(&member.user);
    let plain = FILTER_FIELDS.iter().all(|f| raw.get(f).trim().is_empty());
    if plain && wanted <= KEPT_PAGES {
        let key = BodyKey {
            account: member.account_id,
            lang,
            page: KeptPage::ExpenseList(wanted),
        };
        let body = body::kept(&state.bodies, key, member.account.version, || async {
            Ok(render_body(&state, &member, &raw, wanted).await?.0)
        })
        .await?;
        return view::kept_page(StatusCode::OK, member.ctx, &title, &body, today, "");
    }
    let (html, status) = render_body(&state, &member, &raw, wanted).await?;
    view::kept_page(status, member.ctx, &title, &Body::new(html), today, "")
}

/// The list's body as asked for, with a stand-in for the form token (see `web::body`), and
/// its status: 422 when a filter could not be read.
async fn render_body(
    state: &AppState,
    member: &Member,
    raw: &RawForm,
    wanted: i64,
) -> Result<(String, StatusCode), WebError> {
    let currency = member.currency();
    let lang = member.ctx.lang;
    let (account, version) = (member.account_id, member.account.version);
    let choices = state
        .read_cached(&state.views.choices, account, version, move |conn| {
            choices(conn, account)
        })
        .await?;
    let Choices {
        members,
        categories,
    } = &*choices;
    let (filters, errors) = parse_filters(lang, raw, members, categories);
    let filtered = filters.any();
    // Filtered lists are as many as the texts people type: only the first plain pages are
    // kept (the ones people open).
    let list: Arc<ExpenseListView> = if filtered || wanted > KEPT_PAGES {
        Arc::new(
            state
                .read(move |conn| expense_list(conn, account, &filters, wanted))
                .await?,
        )
    } else {
        state
            .read_cached(
                &state.views.expense_list,
                (account, wanted),
                version,
                move |conn| expense_list(conn, account, &filters, wanted),
            )
            .await?
    };
    let (page, pages) = (list.page, list.pages);
    let base = member.base();
    let date_or_empty = |field: &str| {
        let typed = raw.get(field).trim();
        dates::parse_day(typed).map_or(String::new(), |_| typed.to_owned())
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = ListBody {
        account_name: member.account.name.clone(),
        lines: lines(
            lang,
            &list.expenses,
            &list.shares,
            members,
            categories,
            currency,
            &base,
        ),
        members: member_options(members, raw.get("member").trim()),
        categories: categories
            .iter()
            .map(|c| CategoryOption {
                id: c.id.to_string(),
                selected: c.id.to_string() == raw.get("category").trim(),
                name: if c.archived {
                    lang.t1("expense-list-archived", "name", &c.name)
                } else {
                    c.name.clone()
                },
            })
            .collect(),
        uncategorised: raw.get("category").trim() == "none",
        q: raw.get("q").trim().to_owned(),
        from: date_or_empty("from"),
        to: date_or_empty("to"),
        errors,
        filtered,
        total: lang.money(Money(list.total), currency),
        live: list.live,
        page,
        pages,
        prev_href: (page > 1).then(|| list_href(&base, raw, page - 1)),
        next_href: (page < pages).then(|| list_href(&base, raw, page + 1)),
        back: list_href(&base, raw, page),
        base,
        ctx: body::context(lang),
    };
    Ok((body.render()?, status))
}

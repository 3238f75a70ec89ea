//! The Statistics page: each member's paid vs share per month and per category over a chosen
//! period, as server-drawn SVG charts with the numbers in tables, and who paid more or less
//! than their share.

use crate::domain::{Currency, Money};
use crate::i18n::Lang;
use crate::read::members::MemberView;
use crate::read::statistics::{MemberAmounts, StatisticsView, statistics as read_statistics};
use crate::route;
use crate::web::context::{Member, PageContext};
use crate::web::errors::WebError;
use crate::web::forms::{FieldErrors, RawForm};
use crate::web::routing::RouteDef;
use crate::web::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{Datelike, Months, NaiveDate};

/// This module's routes.
pub fn routes() -> Vec<RouteDef> {
    vec![route!(
        get,
        "/accounts/{account_id}/statistics",
        Member,
        statistics
    )]
}

/// The longest custom range, in months: enough for any flat, small enough to draw.
pub const MAX_MONTHS: u32 = 120;

/// The periods the page offers, as (value, message key of its label).
pub const PERIODS: &[(&str, &str)] = &[
    ("this_month", "statistics-period-this-month"),
    ("last_month", "statistics-period-last-month"),
    ("last_12_months", "statistics-period-last-12-months"),
    ("custom", "statistics-period-custom"),
];

/// A range of whole months: the first days of its first and last month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthRange {
    /// First month's first day.
    pub first: NaiveDate,
    /// Last month's first day.
    pub last: NaiveDate,
}

fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

fn months_back(month: NaiveDate, n: u32) -> NaiveDate {
    month.checked_sub_months(Months::new(n)).unwrap_or(month)
}

/// A `YYYY-MM` month (as `<input type="month">` sends it) as its first day; `Err` is the
/// key of the message saying what is wrong.
pub fn parse_month(typed: &str) -> Result<NaiveDate, &'static str> {
    const FORMAT: &str = "statistics-error-month-format";
    let typed = typed.trim();
    if typed.is_empty() {
        return Err("statistics-error-choose-month");
    }
    let (year, month) = typed.split_once('-').ok_or(FORMAT)?;
    if year.len() != 4
        || month.len() != 2
        || !year.bytes().all(|b| b.is_ascii_digit())
        || !month.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(FORMAT);
    }
    let year: i32 = year.parse().map_err(|_| FORMAT)?;
    let month: u32 = month.parse().map_err(|_| FORMAT)?;
    if year < 1 {
        return Err("statistics-error-year");
    }
    if !(1..=12).contains(&month) {
        return Err("statistics-error-month");
    }
    NaiveDate::from_ymd_opt(year, month, 1).ok_or(FORMAT)
}

/// The period the query asks for, relative to `today`: a range, or a message per field.
/// No period (or only a range) means the last 12 months (or the custom range). The messages
/// are in `lang`.
pub fn parse_period(
    raw: &RawForm,
    today: NaiveDate,
    lang: Lang,
) -> Result<MonthRange, FieldErrors> {
    let this_month = first_of_month(today);
    let mut errors = FieldErrors::default();
    let period = raw.get("period").trim();
    let custom = period == "custom"
        || (period.is_empty() && (!raw.get("from").is_empty() || !raw.get("to").is_empty()));
    let range = match period {
        _ if custom => {
            let first = errors.take("from", parse_month(raw.get("from")).map_err(|k| lang.t(k)));
            let last = errors.take("to", parse_month(raw.get("to")).map_err(|k| lang.t(k)));
            match (first, last) {
                (Some(first), Some(last)) if last < first => {
                    errors.add("to", lang.t("statistics-error-before"));
                    None
                }
                (Some(first), Some(last))
                    if first
                        .checked_add_months(Months::new(MAX_MONTHS))
                        .is_none_or(|end| last >= end) =>
                {
                    errors.add(
                        "to",
                        lang.t1("statistics-error-too-long", "months", MAX_MONTHS),
                    );
                    None
                }
                (Some(first), Some(last)) => Some(MonthRange { first, last }),
                _ => None,
            }
        }
        "this_month" => Some(MonthRange {
            first: this_month,
            last: this_month,
        }),
        "last_month" => {
            let last = months_back(this_month, 1);
            Some(MonthRange { first: last, last })
        }
        "" | "last_12_months" => Some(MonthRange {
            first: months_back(this_month, 11),
            last: this_month,
        }),
        _ => {
            errors.add("period", lang.t("statistics-error-period"));
            None
        }
    };
    match range {
        Some(range) if errors.is_empty() => Ok(range),
        _ => Err(errors),
    }
}

/// One bar of a chart, with its text.
pub struct ChartBar {
    /// Rectangle width (0 for nothing).
    pub width: i64,
    /// Text x, just after the bar.
    pub text_x: i64,
    /// Rectangle y.
    pub y: i64,
    /// Text baseline y.
    pub text_y: i64,
    /// "paid €12.00", in the page's language.
    pub label: String,
}

/// A member's pair of bars in a group.
pub struct ChartRow {
    /// Member's name.
    pub name: String,
    /// Name baseline y.
    pub name_y: i64,
    /// Paid (solid).
    pub paid: ChartBar,
    /// Share (hatched).
    pub share: ChartBar,
}

/// A month or a category with its members' bars.
pub struct ChartGroup {
    /// "Nov 2026" or the category's name.
    pub label: String,
    /// Heading baseline y.
    pub label_y: i64,
    /// One per member.
    pub rows: Vec<ChartRow>,
}

/// A chart's geometry and its text for screen readers.
pub struct Chart {
    /// Element id prefix, unique on the page.
    pub id: &'static str,
    /// Short title.
    pub title: String,
    /// Total height in viewBox units.
    pub height: i64,
    /// Groups top to bottom.
    pub groups: Vec<ChartGroup>,
}

/// A row of a table: one member in one group.
pub struct TableRow {
    /// Member's name.
    pub name: String,
    /// Paid, formatted.
    pub paid: String,
    /// Share, formatted.
    pub share: String,
    /// Paid − share, formatted.
    pub difference: String,
}

/// A group of table rows (a month or a category).
pub struct TableGroup {
    /// "Nov 2026" or the category's name.
    pub label: String,
    /// One per member.
    pub rows: Vec<TableRow>,
}

/// What the page shows for a period with expenses.
pub struct Figures {
    /// "Sam paid €120.00 more than their share; Alex paid €120.00 less than their share."
    pub summary: String,
    /// Totals over the period.
    pub totals: Vec<TableRow>,
    /// Per month.
    pub month_chart: Chart,
    /// Per month, the numbers.
    pub month_table: Vec<TableGroup>,
    /// Per category.
    pub category_chart: Chart,
    /// Per category, the numbers.
    pub category_table: Vec<TableGroup>,
    /// Paid in other currencies: currency, as paid, in the account's, how many expenses
    /// (all formatted).
    pub abroad: Vec<(String, String, String, String)>,
}

/// The Statistics page.
#[derive(Template)]
#[template(path = "statistics.html")]
struct StatisticsPage {
    ctx: PageContext,
    account_name: String,
    base: String,
    /// (value, label in the page's language).
    periods: Vec<(&'static str, String)>,
    period: String,
    from: String,
    to: String,
    errors: FieldErrors,
    /// "Dec 2025 – Nov 2026"; empty when the query was refused.
    range_label: String,
    /// `None` when refused or when no expense counts in the period.
    figures: Option<Figures>,
}

/// Chart geometry in viewBox units: 400 wide and 16-unit text, so text stays above 12 px
/// even when the chart is drawn 300 px wide on a 360 px phone. The name gets its own line
/// and each bar its amount after it, so nothing depends on colour.
const BAR_MAX: i64 = 230;
const BAR_HEIGHT: i64 = 14;
const LINE: i64 = 20;
const GROUP_HEAD: i64 = 26;
const LEGEND: i64 = 30;

/// A bar's text: `what` is the key of "paid { $amount }" or "share { $amount }".
fn bar(value: i64, max: i64, y: i64, what: &str, amounts: &Amounts) -> ChartBar {
    let width = if value <= 0 {
        0
    } else {
        ((i128::from(value) * i128::from(BAR_MAX) / i128::from(max.max(1))) as i64).max(2)
    };
    let label = amounts.lang.t1(what, "amount", amounts.show(value));
    ChartBar {
        width,
        text_x: width + 6,
        y,
        text_y: y + BAR_HEIGHT - 1,
        label,
    }
}

/// The members' names as the page shows them, in member order (the order of every list of
/// [`MemberAmounts`] in the view), worked out once rather than per bar and per cell.
fn display_names(members: &[MemberView], lang: Lang) -> Vec<String> {
    members
        .iter()
        .map(|m| {
            if m.active {
                m.name.clone()
            } else {
                lang.t1("statistics-member-left", "name", &m.name)
            }
        })
        .collect()
}

/// Amounts of one currency in one language: what every cell and bar of the page shows.
struct Amounts {
    lang: Lang,
    currency: Currency,
}

impl Amounts {
    fn show(&self, cents: i64) -> String {
        self.lang.money(Money(cents), self.currency)
    }
}

fn chart(
    id: &'static str,
    title: String,
    groups: &[(String, &[MemberAmounts])],
    names: &[String],
    money: &Amounts,
) -> Chart {
    let max = groups
        .iter()
        .flat_map(|(_, amounts)| amounts.iter())
        .map(|a| a.paid.max(a.share))
        .max()
        .unwrap_or(0);
    let mut y = LEGEND;
    let groups = groups
        .iter()
        .map(|(label, amounts)| {
            let label_y = y + 19;
            y += GROUP_HEAD;
            let rows = amounts
                .iter()
                .zip(names)
                .map(|(a, name)| {
                    let row = ChartRow {
                        name: name.clone(),
                        name_y: y + 15,
                        paid: bar(a.paid, max, y + LINE + 2, "statistics-chart-paid", money),
                        share: bar(
                            a.share,
                            max,
                            y + 2 * LINE + 2,
                            "statistics-chart-share",
                            money,
                        ),
                    };
                    y += 3 * LINE + 4;
                    row
                })
                .collect();
            ChartGroup {
                label: label.clone(),
                label_y,
                rows,
            }
        })
        .collect();
    Chart {
        id,
        title,
        height: y + 6,
        groups,
    }
}

fn table_rows(amounts: &[MemberAmounts], names: &[String], money: &Amounts) -> Vec<TableRow> {
    amounts
        .iter()
        .zip(names)
        .map(|(a, name)| TableRow {
            name: name.clone(),
            paid: money.show(a.paid),
            share: money.show(a.share),
            difference: money.show(a.paid - a.share),
        })
        .collect()
}

/// Who paid more or less than their share, and by how much, in one sentence in `lang`.
pub fn summary(view: &StatisticsView, currency: Currency, lang: Lang) -> String {
    let names = display_names(&view.members, lang);
    let money = |cents| lang.money(Money(cents), currency);
    let parts: Vec<String> = view
        .totals
        .iter()
        .zip(&names)
        .map(|(a, name)| {
            let difference = a.paid - a.share;
            match difference.signum() {
                1 => lang.t2(
                    "statistics-summary-more",
                    ("name", name),
                    ("amount", money(difference)),
                ),
                -1 => lang.t2(
                    "statistics-summary-less",
                    ("name", name),
                    ("amount", money(-difference)),
                ),
                _ => lang.t1("statistics-summary-exact", "name", name),
            }
        })
        .collect();
    lang.t1(
        "statistics-summary",
        "parts",
        parts.join(&lang.t("statistics-summary-separator")),
    )
}

/// A month in `lang`'s CLDR conventions: `Nov 2026`, `nov 2026`, `nov. 2026`, `November 2026`.
pub fn month_label(month: NaiveDate, lang: Lang) -> String {
    lang.month(month)
}

fn figures(view: &StatisticsView, currency: Currency, lang: Lang) -> Option<Figures> {
    if view.is_empty() {
        return None;
    }
    let months: Vec<(String, &[MemberAmounts])> = view
        .months
        .iter()
        .map(|m| (month_label(m.month, lang), m.members.as_slice()))
        .collect();
    let categories: Vec<(String, &[MemberAmounts])> = view
        .categories
        .iter()
        .map(|c| {
            let name = if c.id.is_none() {
                lang.t("statistics-uncategorised")
            } else if c.name.is_empty() {
                lang.t("statistics-unknown-category")
            } else {
                lang.category(&c.name)
            };
            (name, c.members.as_slice())
        })
        .collect();
    let names = display_names(&view.members, lang);
    let money = Amounts { lang, currency };
    let table = |groups: &[(String, &[MemberAmounts])]| -> Vec<TableGroup> {
        groups
            .iter()
            .map(|(label, amounts)| TableGroup {
                label: label.clone(),
                rows: table_rows(amounts, &names, &money),
            })
            .collect()
    };
    Some(Figures {
        summary: summary(view, currency, lang),
        totals: table_rows(&view.totals, &names, &money),
        month_chart: chart(
            "months",
            lang.t("statistics-chart-months"),
            &months,
            &names,
            &money,
        ),
        month_table: table(&months),
        category_chart: chart(
            "categories",
            lang.t("statistics-chart-categories"),
            &categories,
            &names,
            &money,
        ),
        category_table: table(&categories),
        abroad: view
            .abroad
            .iter()
            .map(|a| {
                (
                    a.currency.code().to_owned(),
                    lang.money(Money(a.original), a.currency),
                    lang.money(Money(a.converted), currency),
                    lang.number(i64::try_from(a.count).unwrap_or(i64::MAX)),
                )
            })
            .collect(),
    })
}

async fn statistics(
    state: web::Data<AppState>,
    member: Member,
    query: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let raw = RawForm(query.into_inner());
    let lang = member.ctx.lang;
    let parsed = parse_period(&raw, state.today_for(&member.user), lang);
    let currency = member.currency();
    let account = member.account_id;
    let period = raw.get("period").trim();
    let (status, range_label, figures, errors) = match parsed {
        Ok(range) => {
            let view = state
                .read_cached(
                    &state.views.statistics,
                    (account, range.first, range.last),
                    member.account.version,
                    move |conn| read_statistics(conn, account, range.first, range.last),
                )
                .await?;
            let label = if range.first == range.last {
                month_label(range.first, lang)
            } else {
                lang.t2(
                    "statistics-range",
                    ("first", month_label(range.first, lang)),
                    ("last", month_label(range.last, lang)),
                )
            };
            (
                StatusCode::OK,
                label,
                figures(&view, currency, lang),
                FieldErrors::default(),
            )
        }
        Err(errors) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            String::new(),
            None,
            errors,
        ),
    };
    let custom = period == "custom" || (period.is_empty() && (raw.has("from") || raw.has("to")));
    crate::web::view::page(
        status,
        &StatisticsPage {
            account_name: member.account.name.clone(),
            base: member.base(),
            periods: PERIODS
                .iter()
                .map(|(value, key)| (*value, lang.t(key)))
                .collect(),
            period: if custom {
                "custom".to_owned()
            } else if period.is_empty() {
                "last_12_months".to_owned()
            } else {
                period.to_owned()
            },
            from: raw.get("from").to_owned(),
            to: raw.get("to").to_owned(),
            errors,
            range_label,
            figures,
            ctx: member.ctx,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> RawForm {
        RawForm(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn periods_are_relative_to_today() {
        let today = day(2026, 1, 15);
        let range =
            |p: &str| parse_period(&query(&[("period", p)]), today, Lang::En).expect("valid");
        assert_eq!(
            range("this_month"),
            MonthRange {
                first: day(2026, 1, 1),
                last: day(2026, 1, 1)
            }
        );
        assert_eq!(
            range("last_month"),
            MonthRange {
                first: day(2025, 12, 1),
                last: day(2025, 12, 1)
            }
        );
        let default = MonthRange {
            first: day(2025, 2, 1),
            last: day(2026, 1, 1),
        };
        assert_eq!(range("last_12_months"), default);
        assert_eq!(parse_period(&query(&[]), today, Lang::En), Ok(default));
    }

    #[test]
    fn months_are_named_in_each_language() {
        let november = day(2026, 11, 1);
        assert_eq!(month_label(november, Lang::En), "Nov 2026");
        assert_eq!(month_label(november, Lang::Es), "nov 2026");
        assert_eq!(month_label(november, Lang::Fr), "nov. 2026");
        assert_eq!(month_label(november, Lang::De), "November 2026");
        // March keeps its umlaut in German.
        assert_eq!(month_label(day(2026, 3, 1), Lang::De), "März 2026");
    }

    #[test]
    fn custom_ranges_are_checked_per_field() {
        let today = day(2026, 1, 15);
        let custom = |from: &str, to: &str| {
            parse_period(
                &query(&[("period", "custom"), ("from", from), ("to", to)]),
                today,
                Lang::En,
            )
        };
        assert_eq!(
            custom("2025-03", "2025-05"),
            Ok(MonthRange {
                first: day(2025, 3, 1),
                last: day(2025, 5, 1)
            })
        );
        let errors = custom("2025-13", "march").expect_err("refused");
        assert!(errors.get("from").contains("between 01 and 12"));
        assert!(errors.get("to").contains("YYYY-MM"));
        let errors = custom("2025-05", "2025-03").expect_err("refused");
        assert!(errors.get("to").contains("before the first month"));
        let errors = custom("2000-01", "2010-01").expect_err("refused");
        assert!(errors.get("to").contains("at most 10 years"));
        assert!(custom("2000-01", "2009-12").is_ok(), "exactly 120 months");
        assert!(custom("9999-12", "9999-12").is_ok());
        assert!(custom("0000-01", "0001-01").is_err());
        let errors =
            parse_period(&query(&[("period", "forever")]), today, Lang::En).expect_err("refused");
        assert!(errors.has("period"));
    }
}

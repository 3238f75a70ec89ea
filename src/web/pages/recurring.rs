//! Recurring bills: the list with each one's next date, changing one (from its next
//! occurrence on), skipping, pausing, resuming and stopping, and the account's time zone
//! (which decides the day they fall due).

use super::expense_form::{
    ExpenseForm, SAVE_CHANGES, SPLIT_MODES, SplitRow, field_of, local_rate, parse_expense_in,
    parse_repeat_in,
};
use crate::application::CommandError;
use crate::domain::{
    AccountCommand, AccountError, Money, ScheduleDetails, ScheduleId, ScheduleState, Split,
    TimeZone, dates,
};
use crate::i18n::Lang;
use crate::projections::rows::ScheduleRow;
use crate::read::categories::CategoryView;
use crate::read::members::{MemberChoice, MemberView};
use crate::route;
use crate::web::account_view::{load_categories, load_members, load_roster, name_of};
use crate::web::context::{self, Member, PageContext};
use crate::web::errors::WebError;
use crate::web::forms::{FieldErrors, RawForm};
use crate::web::routing::RouteDef;
use crate::web::state::AppState;
use crate::web::view;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

/// This module's routes.
pub fn routes() -> Vec<RouteDef> {
    vec![
        route!(get, "/accounts/{account_id}/recurring", Member, list_page),
        route!(
            get,
            "/accounts/{account_id}/recurring/{schedule_id}/edit",
            Member,
            edit_page
        ),
        route!(
            post,
            "/accounts/{account_id}/recurring/{schedule_id}",
            Member,
            change_schedule
        ),
        route!(
            post,
            "/accounts/{account_id}/recurring/{schedule_id}/status",
            Member,
            set_status
        ),
        route!(
            post,
            "/accounts/{account_id}/time-zone",
            Member,
            set_time_zone
        ),
    ]
}

/// The schedule part of the address; a malformed id is a 404.
#[derive(Debug, Deserialize)]
struct SchedulePath {
    schedule_id: ScheduleId,
}

// ----- The list --------------------------------------------------------------------------

/// One recurring bill on the list.
struct ScheduleLine {
    id: ScheduleId,
    description: String,
    amount: String,
    payer: String,
    category: String,
    /// "Every month on the 3rd, since 3 Dec 2026" (", until …" when it ends).
    when: String,
    /// "Active", "Paused" or "Stopped", in the page's language.
    status: String,
    paused_because: String,
    /// The next occurrence, for the list and the skip button ("" once ended).
    next: String,
    next_iso: String,
    active: bool,
    stopped: bool,
}

/// The Recurring page.
#[derive(Template)]
#[template(path = "recurring.html")]
struct RecurringPage {
    ctx: PageContext,
    account_name: String,
    base: String,
    schedules: Vec<ScheduleLine>,
    time_zone: String,
    time_zones: Vec<&'static str>,
    time_zone_error: String,
}

/// "Every 2 weeks", "Every month on the 31st", "Every year": how often a bill falls due, in
/// `lang` (a monthly one on its start date's day, which shorter months move to their last).
pub fn how_often(
    lang: Lang,
    unit: crate::domain::Unit,
    every: u16,
    start: chrono::NaiveDate,
) -> String {
    use crate::domain::Unit;
    use chrono::Datelike;
    let key = match unit {
        Unit::Week => "recurring-every-week",
        Unit::Month => "recurring-every-month",
        Unit::Year => "recurring-every-year",
    };
    lang.t2(key, ("every", every), ("day", start.day()))
}

fn line(
    lang: Lang,
    row: ScheduleRow,
    members: &[MemberView],
    categories: &[CategoryView],
    currency: crate::domain::Currency,
) -> ScheduleLine {
    let category = row
        .category_id
        .and_then(|id| categories.iter().find(|c| c.id == id))
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let every = u16::try_from(row.recurrence_every).unwrap_or(1);
    let how = match crate::domain::Recurrence::parse(&row.recurrence_unit, &every.to_string()) {
        Ok(r) => how_often(lang, r.unit, r.every, row.start_date),
        Err(_) => row.recurrence_unit.clone(),
    };
    let since = lang.day(row.start_date);
    let when = match row.until_date {
        Some(until) => lang.ta(
            "recurring-since-until",
            &[
                ("how", crate::i18n::Value::Text(how)),
                ("since", crate::i18n::Value::Text(since)),
                ("until", crate::i18n::Value::Text(lang.day(until))),
            ],
        ),
        None => lang.t2("recurring-since", ("how", how), ("since", since)),
    };
    ScheduleLine {
        id: row.schedule_id,
        amount: lang.money(Money(row.amount), currency),
        payer: name_of(members, row.payer_id),
        category,
        when,
        status: lang.t(match row.status.as_str() {
            "active" => "recurring-status-active",
            "paused" => "recurring-status-paused",
            _ => "recurring-status-stopped",
        }),
        paused_because: row.paused_because.clone().unwrap_or_default(),
        next: row.next_date.map(|d| lang.day(d)).unwrap_or_default(),
        next_iso: row.next_date.map(|d| d.to_string()).unwrap_or_default(),
        active: row.status == "active",
        stopped: row.status == "stopped",
        description: row.description,
    }
}

async fn render_list(
    state: &AppState,
    member: &Member,
    status: StatusCode,
    time_zone_error: String,
) -> Result<HttpResponse, WebError> {
    let account = member.account_id;
    let rows = state
        .read(move |conn| crate::read::schedules::schedules_of(conn, account))
        .await?;
    let members = load_members(state, account).await?;
    let categories = load_categories(state, account).await?;
    let currency = member.currency();
    let lang = member.ctx.lang;
    view::page(
        status,
        &RecurringPage {
            ctx: member.ctx.clone(),
            account_name: member.account.name.clone(),
            base: member.base(),
            schedules: rows
                .into_iter()
                .map(|r| line(lang, r, &members, &categories, currency))
                .collect(),
            time_zone: member.account.time_zone.clone(),
            time_zones: TimeZone::all_names().collect(),
            time_zone_error,
        },
    )
}

async fn list_page(state: web::Data<AppState>, member: Member) -> Result<HttpResponse, WebError> {
    render_list(&state, &member, StatusCode::OK, String::new()).await
}

// ----- Pause, resume, stop, skip ---------------------------------------------------------

async fn set_status(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
    path: web::Path<(String, ScheduleId)>,
    raw: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let raw = RawForm(raw.into_inner());
    let lang = member.ctx.lang;
    let schedule_id = path.1;
    let back = format!("{}/recurring", member.base());
    let command = match raw.get("action") {
        "pause" => AccountCommand::PauseSchedule { schedule_id },
        "resume" => AccountCommand::ResumeSchedule { schedule_id },
        "stop" => AccountCommand::StopSchedule { schedule_id },
        "skip" => match dates::parse_day(raw.get("date")) {
            Ok(date) => AccountCommand::SkipOccurrence { schedule_id, date },
            Err(e) => {
                context::flash(
                    &session,
                    lang.t1(
                        "recurring-bad-date",
                        "reason",
                        crate::i18n::Localize::localize(&e, lang),
                    ),
                );
                return Ok(view::see_other(&back));
            }
        },
        _ => {
            context::flash(&session, lang.t("recurring-bad-action"));
            return Ok(view::see_other(&back));
        }
    };
    let said = match &command {
        AccountCommand::PauseSchedule { .. } => lang.t("recurring-paused"),
        AccountCommand::ResumeSchedule { .. } => lang.t("recurring-resumed"),
        AccountCommand::StopSchedule { .. } => lang.t("recurring-stopped"),
        AccountCommand::SkipOccurrence { date, .. } => {
            lang.t1("recurring-skipped", "date", lang.day(*date))
        }
        _ => String::new(),
    };
    let message = match member.execute(&state, command).await {
        Ok(_) => said,
        Err(CommandError::Rejected(AccountError::UnknownSchedule)) => {
            return Err(WebError::NotFound);
        }
        Err(CommandError::Rejected(e)) => lang.t1(
            "recurring-not-changed",
            "reason",
            crate::i18n::Localize::localize(&e, lang),
        ),
        Err(e) => return Err(e.into()),
    };
    context::flash(&session, message);
    Ok(view::see_other(&back))
}

// ----- The time zone -----------------------------------------------------------------------

async fn set_time_zone(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
    raw: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let raw = RawForm(raw.into_inner());
    let time_zone = match TimeZone::parse(raw.get("time_zone")) {
        Ok(tz) => tz,
        Err(e) => {
            return render_list(
                &state,
                &member,
                StatusCode::UNPROCESSABLE_ENTITY,
                crate::web::forms::sentence(&crate::i18n::Localize::localize(
                    &e,
                    crate::i18n::current(),
                )),
            )
            .await;
        }
    };
    member
        .execute(&state, AccountCommand::SetTimeZone { time_zone })
        .await?;
    context::flash(
        &session,
        member
            .ctx
            .lang
            .t1("recurring-time-zone-set", "zone", time_zone.to_string()),
    );
    Ok(view::see_other(&format!("{}/recurring", member.base())))
}

// ----- Changing a recurring bill -------------------------------------------------------------

/// The page that changes a recurring bill.
#[derive(Template)]
#[template(path = "schedule_edit.html")]
struct EditSchedulePage {
    ctx: PageContext,
    account_name: String,
    base: String,
    description: String,
    form: ExpenseForm,
    split_modes: &'static [(&'static str, &'static str)],
}

/// Hundredths of a percent as `lang` writes them: 50, 12.5, 33.33 (12,5 in German).
fn percent_input(lang: Lang, hundredths: i64) -> String {
    let (whole, fraction) = (hundredths / 100, hundredths % 100);
    let mark = lang.decimal_mark();
    match fraction {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}{mark}{}", f / 10),
        f => format!("{whole}{mark}{f:02}"),
    }
}

/// The form filled in with what the schedule says now, its amounts as `lang` writes them.
fn form_of(
    lang: Lang,
    action: String,
    schedule: &ScheduleState,
    members: &[impl MemberChoice],
    categories: &[CategoryView],
    currency: crate::domain::Currency,
) -> ExpenseForm {
    let expense = &schedule.details.expense;
    let participants = expense.split.participants();
    // Paid abroad: the amount and exact parts are in that currency.
    let entered_in = expense.foreign.as_ref().map_or(currency, |f| f.currency);
    let value = |id| {
        let portions = match &expense.split {
            Split::ByShares { shares } => shares,
            Split::ByExactAmounts { amounts } => amounts,
            Split::ByPercentages { percentages } => percentages,
            Split::Equally { .. } => return None,
        };
        portions.iter().find(|p| p.member_id == id).map(|p| p.value)
    };
    let rows = members
        .iter()
        .map(|m| SplitRow {
            id: m.id(),
            name: m.name().to_owned(),
            active: m.active(),
            checked: participants.contains(&m.id()),
            weight: match &expense.split {
                Split::ByShares { .. } => value(m.id()).unwrap_or(1).to_string(),
                _ => "1".to_owned(),
            },
            exact: match &expense.split {
                Split::ByExactAmounts { .. } => value(m.id())
                    .map(|v| lang.amount_input(Money(v), entered_in))
                    .unwrap_or_default(),
                _ => String::new(),
            },
            percent: match &expense.split {
                Split::ByPercentages { .. } => value(m.id())
                    .map(|v| percent_input(lang, v))
                    .unwrap_or_default(),
                _ => String::new(),
            },
        })
        .collect();
    let mut form = ExpenseForm::blank(
        action,
        expense.payer,
        members,
        categories,
        currency,
        expense.date,
    );
    form.submit = lang.t(SAVE_CHANGES);
    form.expense_id = String::new();
    form.amount = match &expense.foreign {
        Some(paid) => lang.amount_input(paid.amount, paid.currency),
        None => lang.amount_input(expense.amount, currency),
    };
    if let Some(paid) = &expense.foreign {
        form.paid_in = paid.currency.code().to_owned();
        form.rate = local_rate(lang, &paid.rate.to_string());
    }
    form.description = expense.description.to_string();
    form.split = expense.split.mode_name().to_owned();
    form.rows = rows;
    form.category = expense.category.map(|c| c.to_string()).unwrap_or_default();
    form.repeat = schedule.details.recurrence.unit.as_str().to_owned();
    form.repeat_every = schedule.details.recurrence.every.to_string();
    form.until = schedule
        .details
        .until
        .map(|d| d.to_string())
        .unwrap_or_default();
    form
}

async fn load_schedule(
    state: &AppState,
    member: &Member,
    schedule: ScheduleId,
) -> Result<ScheduleState, WebError> {
    let account = member.account_id;
    state
        .read(move |conn| crate::read::schedules::schedule(conn, account, schedule))
        .await?
        .ok_or(WebError::NotFound)
}

fn edit_view(member: &Member, description: String, form: ExpenseForm) -> EditSchedulePage {
    EditSchedulePage {
        ctx: member.ctx.clone(),
        account_name: member.account.name.clone(),
        base: member.base(),
        description,
        form,
        split_modes: SPLIT_MODES,
    }
}

async fn edit_page(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<SchedulePath>,
) -> Result<HttpResponse, WebError> {
    let id = path.schedule_id;
    let schedule = load_schedule(&state, &member, id).await?;
    let roster = load_roster(&state, &member).await?;
    let (members, categories) = (&roster.members, &roster.categories);
    let action = format!("{}/recurring/{id}", member.base());
    let form = form_of(
        member.ctx.lang,
        action,
        &schedule,
        members,
        categories,
        member.currency(),
    );
    view::ok(&edit_view(
        &member,
        schedule.details.expense.description.to_string(),
        form,
    ))
}

async fn change_schedule(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
    path: web::Path<SchedulePath>,
    raw: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let id = path.schedule_id;
    let schedule = load_schedule(&state, &member, id).await?;
    let raw =
        crate::web::account_view::fill_rate(&state, &member, RawForm(raw.into_inner())).await?;
    let currency = member.currency();
    let lang = member.ctx.lang;
    let roster = load_roster(&state, &member).await?;
    let (members, categories) = (&roster.members, &roster.categories);
    let description = schedule.details.expense.description.to_string();
    let show_again = |errors: FieldErrors| {
        let action = format!("{}/recurring/{id}", member.base());
        let mut form = ExpenseForm::from_raw(action, &raw, members, categories, currency);
        form.submit = lang.t(SAVE_CHANGES);
        form.repeat_offered = true;
        form.errors = errors;
        view::page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &edit_view(&member, description.clone(), form),
        )
    };
    // The expense form's id is not used here: the schedule is in the path.
    let mut with_id = raw.0.clone();
    with_id.retain(|(k, _)| k != "expense_id");
    with_id.push(("expense_id".to_owned(), id.0.to_string()));
    let parsed = parse_expense_in(lang, &RawForm(with_id), members, categories, currency);
    let start = parsed.as_ref().ok().map(|p| p.details.date);
    let repeat = parse_repeat_in(lang, &raw, start);
    let (parsed, (recurrence, until)) = match (parsed, repeat) {
        (Ok(parsed), Ok(Some(repeat))) => (parsed, repeat),
        (parsed, repeat) => {
            let mut errors = parsed.err().unwrap_or_default();
            match repeat {
                Ok(None) => errors.add("repeat", lang.t("recurring-error-repeat")),
                Ok(Some(_)) => {}
                Err(e) => errors.extend(e),
            }
            return show_again(errors);
        }
    };
    let summary = parsed.summary_in(lang, currency);
    let command = AccountCommand::ChangeSchedule {
        schedule_id: id,
        details: ScheduleDetails {
            expense: parsed.details,
            recurrence,
            until,
        },
    };
    match member.execute(&state, command).await {
        Ok(done) => {
            let message = if done.recorded == 0 {
                lang.t1("recurring-unchanged", "summary", summary)
            } else {
                lang.t1("recurring-changed", "summary", summary)
            };
            context::flash(&session, message);
            Ok(view::see_other(&format!("{}/recurring", member.base())))
        }
        Err(CommandError::Rejected(AccountError::UnknownSchedule)) => Err(WebError::NotFound),
        Err(CommandError::Rejected(e)) => {
            let mut errors = FieldErrors::default();
            errors.add(field_of(&e), &e);
            show_again(errors)
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Unit;

    fn on(day: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2027, 1, day).expect("a January day")
    }

    #[test]
    fn how_often_counts_and_orders_in_each_language() {
        let month = |lang, every, day| how_often(lang, Unit::Month, every, on(day));
        assert_eq!(month(Lang::En, 1, 31), "Every month on the 31st");
        assert_eq!(month(Lang::En, 1, 1), "Every month on the 1st");
        assert_eq!(month(Lang::En, 2, 2), "Every 2 months on the 2nd");
        assert_eq!(month(Lang::En, 1, 3), "Every month on the 3rd");
        assert_eq!(month(Lang::En, 1, 11), "Every month on the 11th");
        assert_eq!(month(Lang::En, 1, 12), "Every month on the 12th");
        assert_eq!(month(Lang::En, 1, 13), "Every month on the 13th");
        assert_eq!(month(Lang::En, 1, 22), "Every month on the 22nd");
        assert_eq!(month(Lang::Es, 1, 31), "Cada mes, el día 31");
        assert_eq!(month(Lang::Fr, 1, 1), "Tous les mois, le 1er");
        assert_eq!(month(Lang::Fr, 3, 15), "Tous les 3 mois, le 15");
        assert_eq!(month(Lang::De, 1, 31), "Jeden Monat am 31.");
        let week = |lang, every| how_often(lang, Unit::Week, every, on(5));
        assert_eq!(week(Lang::En, 1), "Every week");
        assert_eq!(week(Lang::En, 2), "Every 2 weeks");
        assert_eq!(week(Lang::Es, 2), "Cada 2 semanas");
        assert_eq!(week(Lang::Fr, 2), "Toutes les 2 semaines");
        assert_eq!(week(Lang::De, 1), "Jede Woche");
        assert_eq!(how_often(Lang::De, Unit::Year, 2, on(5)), "Alle 2 Jahre");
    }
}

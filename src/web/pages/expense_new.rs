//! Adding an expense: the form and recording it.

use super::expense_form::{ExpenseForm, SPLIT_MODES, field_of, parse_expense_in, parse_repeat_in};
use crate::application::CommandError;
use crate::domain::{AccountCommand, AccountError, ExpenseId, ScheduleDetails, ScheduleId};
use crate::i18n::{Lang, Value};
use crate::web::account_view::load_roster;
use crate::web::context::{self, Member, PageContext};
use crate::web::errors::WebError;
use crate::web::forms::{FieldErrors, RawForm};
use crate::web::state::AppState;
use crate::web::view;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

/// The add-expense page (also shown again with messages).
#[derive(Template)]
#[template(path = "expense_new.html")]
struct NewExpensePage {
    ctx: PageContext,
    account_name: String,
    base: String,
    form: ExpenseForm,
    split_modes: &'static [(&'static str, &'static str)],
}

fn page(member: &Member, form: ExpenseForm, status: StatusCode) -> Result<HttpResponse, WebError> {
    view::page(
        status,
        &NewExpensePage {
            base: member.base(),
            account_name: member.account.name.clone(),
            ctx: member.ctx.clone(),
            form,
            split_modes: SPLIT_MODES,
        },
    )
}

pub(super) async fn new_expense_page(
    state: web::Data<AppState>,
    member: Member,
) -> Result<HttpResponse, WebError> {
    let roster = load_roster(&state, &member).await?;
    let (members, categories) = (&roster.members, &roster.categories);
    let mut form = ExpenseForm::blank(
        format!("{}/expenses", member.base()),
        member.member_id,
        members,
        categories,
        member.currency(),
        state.today_for(&member.user),
    );
    form.last_rates = crate::web::account_view::load_last_rates(&state, member.account_id).await?;
    page(&member, form, StatusCode::OK)
}

/// Where a refused expense's message goes.
fn refusal(lang: Lang, e: AccountError) -> FieldErrors {
    let mut errors = FieldErrors::default();
    match e {
        AccountError::ExpenseIdTaken | AccountError::ScheduleIdTaken => {
            errors.add("form", lang.t("expense-new-id-used"))
        }
        e => errors.add(field_of(&e), &e),
    }
    errors
}

pub(super) async fn record_expense(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
    raw: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let raw =
        crate::web::account_view::fill_rate(&state, &member, RawForm(raw.into_inner())).await?;
    let currency = member.currency();
    let lang = member.ctx.lang;
    let roster = load_roster(&state, &member).await?;
    let (members, categories) = (&roster.members, &roster.categories);
    let show_again = |errors: FieldErrors| {
        let action = format!("{}/expenses", member.base());
        let mut form = ExpenseForm::from_raw(action, &raw, members, categories, currency);
        if errors.has("form") && form.expense_id.parse::<ExpenseId>().is_ok() {
            // This form's id is used up (sent before with other values): offer a fresh one.
            form.expense_id = ExpenseId::new().to_string();
        }
        form.errors = errors;
        page(&member, form, StatusCode::UNPROCESSABLE_ENTITY)
    };
    let parsed = parse_expense_in(lang, &raw, members, categories, currency);
    let start = parsed.as_ref().ok().map(|p| p.details.date);
    let (parsed, repeat) = match (parsed, parse_repeat_in(lang, &raw, start)) {
        (Ok(parsed), Ok(repeat)) => (parsed, repeat),
        (parsed, repeat) => {
            let mut errors = parsed.err().unwrap_or_default();
            errors.extend(repeat.err().unwrap_or_default());
            return show_again(errors);
        }
    };
    let summary = parsed.summary_in(lang, currency);
    let (command, repeating) = match repeat {
        // The form's id names the schedule, so a double submit is as harmless as for an
        // expense; the first occurrence is recorded with it when its date has come.
        Some((recurrence, until)) => (
            AccountCommand::CreateSchedule {
                schedule_id: ScheduleId(parsed.id.0),
                details: ScheduleDetails {
                    expense: parsed.details,
                    recurrence,
                    until,
                },
            },
            Some(recurrence),
        ),
        None => (
            AccountCommand::RecordExpense {
                expense_id: parsed.id,
                details: parsed.details,
            },
            None,
        ),
    };
    match member.execute(&state, command).await {
        Ok(done) => {
            let message = match repeating {
                Some(_) if done.recorded == 0 => {
                    lang.t1("expense-new-schedule-already", "summary", summary)
                }
                Some(r) => lang.ta(
                    "expense-new-schedule-set-up",
                    &[
                        ("summary", Value::Text(summary)),
                        ("unit", Value::Text(r.unit.as_str().to_owned())),
                        ("every", Value::Count(i64::from(r.every))),
                    ],
                ),
                None if done.recorded == 0 => {
                    lang.t1("expense-new-already-recorded", "summary", summary)
                }
                None => lang.t1("expense-new-recorded", "summary", summary),
            };
            context::flash(&session, message);
            Ok(view::see_other(&member.base()))
        }
        Err(CommandError::Rejected(e)) => show_again(refusal(lang, e)),
        Err(e) => Err(e.into()),
    }
}

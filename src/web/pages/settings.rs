//! The signed-in person's own settings: their time zone (the times and "today" they see) and
//! a way to the password page. The zone is theirs, not the account's: the account's zone
//! decides the flat's day for recurring bills (the Recurring page).

use crate::domain::TimeZone;
use crate::i18n::Lang;
use crate::identity;
use crate::route;
use crate::web::context::{self, SignedIn};
use crate::web::errors::WebError;
use crate::web::forms::{FieldErrors, RawForm};
use crate::web::routing::RouteDef;
use crate::web::state::AppState;
use crate::web::view;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

/// This module's routes.
pub fn routes() -> Vec<RouteDef> {
    vec![
        route!(get, "/settings", SignedIn, settings_page),
        route!(post, "/settings/time-zone", SignedIn, set_time_zone),
        route!(post, "/language", Public, set_language),
    ]
}

/// The settings page.
#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    ctx: context::PageContext,
    /// The zone selected in the form: the person's, or what they typed when it was refused.
    time_zone: String,
    /// Whether they have no zone yet (the browser may propose one).
    unset: bool,
    time_zones: Vec<&'static str>,
    /// Every language, for the choice of one.
    languages: [Lang; 4],
    /// What the time is for them now, to check the choice.
    now: String,
    errors: FieldErrors,
}

impl SettingsPage {
    fn new(page: SignedIn, now: chrono::DateTime<chrono::Utc>) -> SettingsPage {
        let user = page.user.clone();
        SettingsPage {
            time_zone: user.zone.name().to_owned(),
            unset: !user.has_zone,
            time_zones: TimeZone::all_names().collect(),
            languages: Lang::ALL,
            now: page.ctx.lang.minute(now, user.zone),
            errors: FieldErrors::default(),
            ctx: page.ctx,
        }
    }
}

async fn settings_page(
    state: web::Data<AppState>,
    page: SignedIn,
) -> Result<HttpResponse, WebError> {
    view::ok(&SettingsPage::new(page, state.clock.now()))
}

async fn set_time_zone(
    state: web::Data<AppState>,
    session: Session,
    page: SignedIn,
    raw: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let raw = RawForm(raw.into_inner());
    let lang = page.ctx.lang;
    let typed = raw.get("time_zone");
    let mut errors = FieldErrors::default();
    let Some(zone) = errors.take("time_zone", TimeZone::parse(typed)) else {
        let mut again = SettingsPage::new(page, state.clock.now());
        // Keep what they sent (the select shows it only if it is a real zone).
        again.time_zone = typed.chars().take(100).collect();
        again.errors = errors;
        return view::page(StatusCode::UNPROCESSABLE_ENTITY, &again);
    };
    let user = page.user.id;
    state
        .db(move |conn| Ok(identity::set_time_zone(conn, user, zone)?))
        .await?;
    context::flash(
        &session,
        lang.t2(
            "settings-zone-saved",
            ("zone", zone.to_string()),
            ("now", lang.minute(state.clock.now(), zone)),
        ),
    );
    Ok(view::see_other("/settings"))
}

/// The language switch (every page's footer, the settings page): kept in this browser, and
/// as the signed-in person's own setting.
async fn set_language(
    state: web::Data<AppState>,
    session: Session,
    ctx: context::PageContext,
    raw: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let raw = RawForm(raw.into_inner());
    let next = match raw.get("next") {
        next if view::is_local_path(next) => next.to_owned(),
        _ => "/".to_owned(),
    };
    let Some(lang) = Lang::from_code(raw.get("lang")) else {
        // Only a hand-made form names a language tally does not speak.
        return Ok(view::see_other(&next));
    };
    context::choose_language(&session, lang);
    if let Some(user) = ctx.user {
        state
            .db(move |conn| Ok(identity::set_language(conn, user.id, lang)?))
            .await?;
    }
    context::flash(&session, lang.t("language-changed"));
    Ok(view::see_other(&next))
}

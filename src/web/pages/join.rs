//! Joining a shared account through its invite link: as a member added by name earlier, or
//! as a new member.

use crate::application::CommandError;
use crate::domain::{AccountCommand, AccountError, AccountId, MemberId, MemberName, UserId};
use crate::i18n::Lang;
use crate::invites::account_for_token;
use crate::read::members::MemberView;
use crate::read::membership::{account_name, is_member};
use crate::route;
use crate::web::account_view::{find_member, load_members};
use crate::web::context::{self, PageContext, SignedIn};
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
        route!(get, "/join/{token}", SignedIn, join_page),
        route!(post, "/join/{token}", SignedIn, join),
    ]
}

/// The form's value for "add me as a new member".
const NEW: &str = "new";

/// The message when no valid choice was made.
fn choose(lang: Lang) -> String {
    lang.t("join-choose")
}

/// The message when the chosen member joined already (someone else was quicker).
fn already_linked(lang: Lang) -> String {
    lang.t("join-already-linked")
}

/// A member the user may say they are.
pub struct Choice {
    /// Member id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Whether they are still active.
    pub active: bool,
}

/// The join page.
#[derive(Template)]
#[template(path = "join.html")]
struct JoinPage {
    ctx: PageContext,
    account_name: String,
    action: String,
    choices: Vec<Choice>,
    /// The chosen member id, or "new".
    chosen: String,
    name: String,
    errors: FieldErrors,
}

/// The account an invite leads to, with its name, or 404.
struct Invited {
    account_id: AccountId,
    account_name: String,
    /// The user is already in it, as this member.
    already: bool,
}

/// An invite link that leads nowhere (replaced, or never valid) is forgotten too.
async fn invited(
    state: &AppState,
    session: &Session,
    token: String,
    page: &SignedIn,
) -> Result<Invited, WebError> {
    let user = page.user.id;
    let found = state
        .db(move |conn| {
            let account_id = account_for_token(conn, &token)?.ok_or(WebError::NotFound)?;
            let account_name = account_name(conn, account_id)?.ok_or(WebError::NotFound)?;
            let already = is_member(conn, user, account_id)?;
            Ok(Invited {
                account_id,
                account_name,
                already,
            })
        })
        .await;
    if matches!(found, Err(WebError::NotFound)) {
        context::forget_invite(session);
    }
    found
}

fn already_member(session: &Session, account: AccountId, lang: Lang) -> HttpResponse {
    context::forget_invite(session);
    context::flash(session, lang.t("join-already-member"));
    view::see_other(&format!("/accounts/{account}"))
}

/// Members not linked to anyone yet, in joining order.
fn choices(members: &[MemberView]) -> Vec<Choice> {
    members
        .iter()
        .filter(|m| m.user_id.is_none())
        .map(|m| Choice {
            id: m.id.to_string(),
            name: m.name.clone(),
            active: m.active,
        })
        .collect()
}

async fn join_page(
    state: web::Data<AppState>,
    session: Session,
    page: SignedIn,
    token: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let token = token.into_inner();
    let invited = invited(&state, &session, token.clone(), &page).await?;
    if invited.already {
        return Ok(already_member(&session, invited.account_id, page.ctx.lang));
    }
    let members = load_members(&state, invited.account_id).await?;
    let choices = choices(&members);
    // Someone added by the same name as the user is most likely them.
    let mine = page.user.display_name.to_lowercase();
    let chosen = choices
        .iter()
        .find(|c| c.name.to_lowercase() == mine)
        .map(|c| c.id.clone())
        .unwrap_or_else(|| NEW.to_owned());
    view::ok(&JoinPage {
        account_name: invited.account_name,
        action: format!("/join/{token}"),
        choices,
        chosen,
        name: page.user.display_name.clone(),
        errors: FieldErrors::default(),
        ctx: page.ctx,
    })
}

/// What the join form asks for, once read: be an earlier added member, or a new one.
enum JoinChoice {
    /// The member added by name earlier.
    Existing(MemberId),
    /// A new member with this name.
    New(MemberName),
}

impl JoinChoice {
    /// Reads the form against the account's members, with a message per field in `lang`.
    fn parse(raw: &RawForm, members: &[MemberView], lang: Lang) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let chosen = raw.get("choice");
        let choice = if chosen == NEW {
            errors
                .take("name", MemberName::parse(raw.get("name")))
                .map(JoinChoice::New)
        } else {
            match find_member(members, chosen) {
                Some(m) if m.user_id.is_some() => {
                    errors.add("choice", already_linked(lang));
                    None
                }
                Some(m) => Some(JoinChoice::Existing(m.id)),
                None => {
                    errors.add("choice", choose(lang));
                    None
                }
            }
        };
        choice.ok_or(errors)
    }

    /// The command that makes this user that member.
    fn command(self, user_id: UserId) -> AccountCommand {
        match self {
            JoinChoice::New(name) => AccountCommand::AddMember {
                member_id: MemberId::new(),
                name,
                user_id: Some(user_id),
            },
            JoinChoice::Existing(member_id) => AccountCommand::LinkMember { member_id, user_id },
        }
    }
}

/// Where a refused join's message goes, for the refusals the form can explain.
fn refusal(e: &AccountError, lang: Lang) -> Option<FieldErrors> {
    let (field, message) = match e {
        AccountError::NameTaken(taken) => ("name", lang.t1("join-name-taken", "name", taken)),
        AccountError::MemberAlreadyLinked => ("choice", already_linked(lang)),
        AccountError::UnknownMember => ("choice", choose(lang)),
        _ => return None,
    };
    let mut errors = FieldErrors::default();
    errors.add(field, message);
    Some(errors)
}

async fn join(
    state: web::Data<AppState>,
    session: Session,
    page: SignedIn,
    token: web::Path<String>,
    raw: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let token = token.into_inner();
    let raw = RawForm(raw.into_inner());
    let lang = page.ctx.lang;
    let invited = invited(&state, &session, token.clone(), &page).await?;
    if invited.already {
        return Ok(already_member(&session, invited.account_id, lang));
    }
    let account_id = invited.account_id;
    let members = load_members(&state, account_id).await?;
    let show_again = |errors: FieldErrors, members: &[MemberView]| {
        view::page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &JoinPage {
                account_name: invited.account_name.clone(),
                action: format!("/join/{token}"),
                choices: choices(members),
                chosen: raw.get("choice").to_owned(),
                name: raw.get("name").to_owned(),
                errors,
                ctx: page.ctx.clone(),
            },
        )
    };
    let user_id = page.user.id;
    let command = match JoinChoice::parse(&raw, &members, lang) {
        Ok(choice) => choice.command(user_id),
        Err(errors) => return show_again(errors, &members),
    };
    match page.execute(&state, account_id, command).await {
        Ok(_) => {
            context::forget_invite(&session);
            context::flash(
                &session,
                lang.t1("join-welcome", "account", &invited.account_name),
            );
            Ok(view::see_other(&format!("/accounts/{account_id}")))
        }
        // A double click: the first submit made them a member; the second lands here.
        Err(CommandError::Rejected(AccountError::UserAlreadyMember)) => {
            Ok(already_member(&session, account_id, lang))
        }
        Err(CommandError::Rejected(e)) => {
            let Some(errors) = refusal(&e, lang) else {
                return Err(CommandError::Rejected(e).into());
            };
            // Fresh members: someone may have joined meanwhile.
            let members = load_members(&state, account_id).await?;
            show_again(errors, &members)
        }
        Err(e) => Err(e.into()),
    }
}

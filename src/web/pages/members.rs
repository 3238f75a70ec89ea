//! The members page: who is in the account, adding flatmates by name, moving out and back,
//! and the invite link (shown as text, copyable, and as a QR code) with its replacement.

use crate::application::{CommandError, Executed};
use crate::domain::{AccountCommand, AccountError, MemberId, MemberName};
use crate::i18n::Lang;
use crate::invites::{current_invite, replace_invite_token};
use crate::read::members::MemberView;
use crate::route;
use crate::web::account_view::load_members;
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

/// This module's routes.
pub fn routes() -> Vec<RouteDef> {
    vec![
        route!(get, "/accounts/{account_id}/members", Member, members_page),
        route!(post, "/accounts/{account_id}/members", Member, add_member),
        route!(
            post,
            "/accounts/{account_id}/members/{member_id}/deactivate",
            Member,
            deactivate
        ),
        route!(
            post,
            "/accounts/{account_id}/members/{member_id}/reactivate",
            Member,
            reactivate
        ),
        route!(
            post,
            "/accounts/{account_id}/invite",
            Member,
            replace_invite
        ),
    ]
}

// ----- The invite link -------------------------------------------------------------

/// The QR code of a link as an SVG element that can sit inside HTML, named in `lang`.
fn qr_svg(lang: Lang, url: &str) -> Result<String, WebError> {
    let code = qrcode::QrCode::new(url.as_bytes()).map_err(WebError::internal)?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build();
    // Drop the XML declaration (not allowed in HTML) and give the image a name.
    let start = svg.find("<svg").unwrap_or(0);
    // The name goes into an attribute of HTML written here, so it is escaped here.
    let label = lang
        .t("members-qr-label")
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    Ok(svg[start..].replacen(
        " version=\"1.1\"",
        &format!(" role=\"img\" aria-label=\"{label}\""),
        1,
    ))
}

// ----- The page ------------------------------------------------------------------------

/// A member's line on the page.
pub struct MemberLine {
    /// Member id.
    pub id: MemberId,
    /// Name.
    pub name: String,
    /// Whether this is the signed-in user.
    pub me: bool,
    /// Takes part in new expenses.
    pub active: bool,
    /// Linked to a user.
    pub joined: bool,
}

/// The members page.
#[derive(Template)]
#[template(path = "members.html")]
struct MembersPage {
    ctx: PageContext,
    account_name: String,
    base: String,
    members: Vec<MemberLine>,
    /// The add form's hidden id: submitting the same form twice adds once.
    new_member_id: String,
    name: String,
    errors: FieldErrors,
    invite_url: String,
    qr: String,
}

fn lines(members: &[MemberView], me: MemberId) -> Vec<MemberLine> {
    members
        .iter()
        .map(|m| MemberLine {
            id: m.id,
            name: m.name.clone(),
            me: m.id == me,
            active: m.active,
            joined: m.user_id.is_some(),
        })
        .collect()
}

/// The add-member form as typed, with its messages.
struct AddMemberForm {
    /// The name as typed.
    name: String,
    /// The form's hidden member id.
    member_id: String,
    /// Messages per field.
    errors: FieldErrors,
}

async fn render(
    state: &AppState,
    member: &Member,
    status: StatusCode,
    form: AddMemberForm,
) -> Result<HttpResponse, WebError> {
    let members = load_members(state, member.account_id).await?;
    let key = state.invite_key.clone();
    let account = member.account_id;
    let token = state
        .db(move |conn| Ok(current_invite(conn, &key, account)?))
        .await?;
    // The configured public address, never the request's Host or X-Forwarded-Host: a link
    // people copy and send must not point wherever a request said.
    let invite_url = format!("{}/join/{token}", state.public_url.as_str());
    view::page(
        status,
        &MembersPage {
            account_name: member.account.name.clone(),
            base: member.base(),
            members: lines(&members, member.member_id),
            new_member_id: form.member_id,
            name: form.name,
            errors: form.errors,
            qr: qr_svg(member.ctx.lang, &invite_url)?,
            invite_url,
            ctx: member.ctx.clone(),
        },
    )
}

async fn members_page(
    state: web::Data<AppState>,
    member: Member,
) -> Result<HttpResponse, WebError> {
    render(
        &state,
        &member,
        StatusCode::OK,
        AddMemberForm {
            name: String::new(),
            member_id: MemberId::new().to_string(),
            errors: FieldErrors::default(),
        },
    )
    .await
}

/// Adds a member by name under the form's id. An id that went to someone else (an old form
/// sent again with another name) is a different addition, so it gets its own id.
async fn add(
    state: &AppState,
    member: &Member,
    id: MemberId,
    name: &MemberName,
) -> Result<Executed, CommandError> {
    let add = |member_id| AccountCommand::AddMember {
        member_id,
        name: name.clone(),
        user_id: None,
    };
    match member.execute(state, add(id)).await {
        Err(CommandError::Rejected(AccountError::MemberIdTaken)) => {
            member.execute(state, add(MemberId::new())).await
        }
        other => other,
    }
}

async fn add_member(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
    raw: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let raw = RawForm(raw.into_inner());
    let typed = raw.get("name");
    let id = raw
        .get("member_id")
        .parse::<MemberId>()
        .unwrap_or_else(|_| MemberId::new());
    let form = |errors| AddMemberForm {
        name: typed.to_owned(),
        member_id: id.to_string(),
        errors,
    };
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let mut errors = FieldErrors::default();
    let Some(name) = errors.take("name", MemberName::parse(typed)) else {
        return render(&state, &member, unprocessable, form(errors)).await;
    };
    let lang = member.ctx.lang;
    match add(&state, &member, id, &name).await {
        Ok(done) => {
            let key = if done.recorded == 0 {
                "members-already-added"
            } else {
                "members-added"
            };
            let message = lang.t1(key, "name", name.to_string());
            context::flash(&session, message);
            Ok(view::see_other(&format!("{}/members", member.base())))
        }
        Err(CommandError::Rejected(AccountError::NameTaken(taken))) => {
            errors.add(
                "name",
                lang.t1("members-name-taken", "name", taken.to_string()),
            );
            render(&state, &member, unprocessable, form(errors)).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Deactivates or reactivates the member in the path.
async fn set_active(
    state: &AppState,
    session: &Session,
    member: &Member,
    target: MemberId,
    active: bool,
) -> Result<HttpResponse, WebError> {
    let members = load_members(state, member.account_id).await?;
    let name = members
        .iter()
        .find(|m| m.id == target)
        .map(|m| m.name.clone())
        .ok_or(WebError::NotFound)?;
    let command = if active {
        AccountCommand::ReactivateMember { member_id: target }
    } else {
        AccountCommand::DeactivateMember { member_id: target }
    };
    let lang = member.ctx.lang;
    let message = match member.execute(state, command).await {
        Ok(_) if active => lang.t1("members-active-again", "name", name),
        Ok(_) => lang.t1("members-moved-out", "name", name),
        Err(CommandError::Rejected(e @ AccountError::LastActiveMember)) => lang.t2(
            "members-cannot-leave",
            ("name", name),
            ("reason", crate::i18n::Localize::localize(&e, lang)),
        ),
        Err(e) => return Err(e.into()),
    };
    context::flash(session, message);
    Ok(view::see_other(&format!("{}/members", member.base())))
}

async fn deactivate(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
    path: web::Path<(String, MemberId)>,
) -> Result<HttpResponse, WebError> {
    set_active(&state, &session, &member, path.1, false).await
}

async fn reactivate(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
    path: web::Path<(String, MemberId)>,
) -> Result<HttpResponse, WebError> {
    set_active(&state, &session, &member, path.1, true).await
}

async fn replace_invite(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
) -> Result<HttpResponse, WebError> {
    let key = state.invite_key.clone();
    let account = member.account_id;
    state
        .db(move |conn| Ok(replace_invite_token(conn, &key, account)?))
        .await?;
    context::flash(&session, member.ctx.lang.t("members-invite-replaced"));
    Ok(view::see_other(&format!(
        "{}/members#invite",
        member.base()
    )))
}

//! Home: the user's shared accounts with their own net, and opening a new one.

use crate::application::CommandError;
use crate::domain::{
    AccountCommand, AccountError, AccountId, AccountName, Currency, MemberId, MemberName, Money,
};
use crate::i18n::Lang;
use crate::read::home::accounts_of;
use crate::read::membership::is_member;
use crate::route;
use crate::web::context::{self, SignedIn};
use crate::web::errors::WebError;
use crate::web::forms::FieldErrors;
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
        route!(get, "/", SignedIn, home),
        route!(post, "/accounts", SignedIn, open_account),
    ]
}

/// One account on the home page.
pub struct AccountSummary {
    /// Link target.
    pub href: String,
    /// Name.
    pub name: String,
    /// The user's own net, formatted.
    pub net: String,
    /// Positive, negative or zero.
    pub sign: i8,
}

/// The home page.
#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    ctx: context::PageContext,
    accounts: Vec<AccountSummary>,
    form: OpenForm,
    errors: FieldErrors,
    currencies: Vec<(String, String)>,
    /// An invite link opened before signing in and not used yet.
    pending_invite: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct OpenForm {
    /// Chosen when the form is shown, so a double submit opens one account, not two.
    #[serde(default)]
    account_id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    currency: String,
    #[serde(default)]
    member_name: String,
}

fn currency_choices() -> Vec<(String, String)> {
    Currency::all()
        .map(|c| {
            (
                c.code().to_owned(),
                format!("{} ({})", c.code(), c.symbol()),
            )
        })
        .collect()
}

async fn load_summaries(
    state: &AppState,
    user: crate::domain::UserId,
    lang: Lang,
) -> Result<Vec<AccountSummary>, WebError> {
    let rows = state.read(move |conn| accounts_of(conn, user)).await?;
    Ok(rows
        .into_iter()
        .filter_map(|account| {
            let currency = Currency::from_code(&account.currency_code).ok()?;
            Some(AccountSummary {
                href: format!("/accounts/{}", account.id),
                name: account.name,
                net: lang.money(Money(account.net), currency),
                sign: account.net.signum() as i8,
            })
        })
        .collect())
}

async fn home(
    state: web::Data<AppState>,
    session: Session,
    page: SignedIn,
) -> Result<HttpResponse, WebError> {
    let accounts = load_summaries(&state, page.user.id, page.ctx.lang).await?;
    view::ok(&HomePage {
        accounts,
        form: OpenForm {
            account_id: AccountId::new().to_string(),
            name: String::new(),
            currency: "EUR".to_owned(),
            member_name: page.user.display_name.clone(),
        },
        errors: FieldErrors::default(),
        currencies: currency_choices(),
        pending_invite: context::pending_invite(&session),
        ctx: page.ctx,
    })
}

/// An open-account form once parsed.
struct OpenAccount {
    account_id: AccountId,
    name: AccountName,
    currency: Currency,
    member_name: MemberName,
}

impl TryFrom<&OpenForm> for OpenAccount {
    type Error = FieldErrors;

    fn try_from(form: &OpenForm) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.take("name", AccountName::parse(&form.name));
        let currency = errors.take("currency", Currency::from_code(&form.currency));
        let member_name = errors.take("member_name", MemberName::parse(&form.member_name));
        let (Some(name), Some(currency), Some(member_name)) = (name, currency, member_name) else {
            return Err(errors);
        };
        Ok(OpenAccount {
            account_id: form
                .account_id
                .parse::<AccountId>()
                .unwrap_or_else(|_| AccountId::new()),
            name,
            currency,
            member_name,
        })
    }
}

async fn open_account(
    state: web::Data<AppState>,
    session: Session,
    page: SignedIn,
    form: web::Form<OpenForm>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let lang = page.ctx.lang;
    let open = match OpenAccount::try_from(&form) {
        Ok(open) => open,
        Err(errors) => {
            let accounts = load_summaries(&state, page.user.id, lang).await?;
            let home = HomePage {
                accounts,
                form,
                errors,
                currencies: currency_choices(),
                pending_invite: context::pending_invite(&session),
                ctx: page.ctx,
            };
            return view::page(StatusCode::UNPROCESSABLE_ENTITY, &home);
        }
    };
    let (account_id, user) = (open.account_id, page.user.id);
    let command = AccountCommand::Open {
        name: open.name,
        currency: open.currency,
        member_id: MemberId::new(),
        member_name: open.member_name,
        user_id: user,
    };
    match page.execute(&state, account_id, command).await {
        Ok(_) => context::flash(&session, lang.t("home-opened")),
        // The same form again (double click, reload): show the account it opened.
        Err(CommandError::Rejected(AccountError::AlreadyOpened)) => {
            let mine = state
                .read(move |conn| is_member(conn, user, account_id))
                .await?;
            if !mine {
                return Err(WebError::NotFound);
            }
        }
        Err(e) => return Err(e.into()),
    }
    Ok(view::see_other(&format!("/accounts/{account_id}")))
}

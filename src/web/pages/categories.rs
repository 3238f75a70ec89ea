//! The categories page: the account's categories, adding one, renaming, archiving and
//! restoring (an archived category is no longer offered; its expenses keep it).

use crate::application::CommandError;
use crate::domain::{AccountCommand, AccountError, CategoryId, CategoryName};
use crate::read::categories::CategoryView;
use crate::route;
use crate::web::account_view::load_categories;
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
        route!(
            get,
            "/accounts/{account_id}/categories",
            Member,
            categories_page
        ),
        route!(
            post,
            "/accounts/{account_id}/categories",
            Member,
            add_category
        ),
        route!(
            post,
            "/accounts/{account_id}/categories/{category_id}",
            Member,
            change_category
        ),
    ]
}

/// The categories page.
#[derive(Template)]
#[template(path = "categories.html")]
struct CategoriesPage {
    ctx: PageContext,
    account_name: String,
    base: String,
    categories: Vec<CategoryView>,
    /// The add form's hidden id: submitting it twice adds once.
    new_category_id: String,
    name: String,
    /// The category whose rename failed, and its messages.
    renaming: String,
    rename_value: String,
    errors: FieldErrors,
}

impl CategoriesPage {
    fn renaming(&self, id: &CategoryId) -> bool {
        self.renaming == id.to_string()
    }
}

struct Typed {
    new_category_id: String,
    name: String,
    renaming: String,
    rename_value: String,
    errors: FieldErrors,
}

impl Typed {
    fn blank() -> Self {
        Typed {
            new_category_id: CategoryId::new().to_string(),
            name: String::new(),
            renaming: String::new(),
            rename_value: String::new(),
            errors: FieldErrors::default(),
        }
    }
}

async fn render(
    state: &AppState,
    member: &Member,
    status: StatusCode,
    typed: Typed,
) -> Result<HttpResponse, WebError> {
    let categories = load_categories(state, member.account_id).await?;
    view::page(
        status,
        &CategoriesPage {
            ctx: member.ctx.clone(),
            account_name: member.account.name.clone(),
            base: member.base(),
            categories,
            new_category_id: typed.new_category_id,
            name: typed.name,
            renaming: typed.renaming,
            rename_value: typed.rename_value,
            errors: typed.errors,
        },
    )
}

async fn categories_page(
    state: web::Data<AppState>,
    member: Member,
) -> Result<HttpResponse, WebError> {
    render(&state, &member, StatusCode::OK, Typed::blank()).await
}

async fn add_category(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
    raw: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let raw = RawForm(raw.into_inner());
    let id = raw
        .get("category_id")
        .parse::<CategoryId>()
        .unwrap_or_else(|_| CategoryId::new());
    let mut typed = Typed {
        new_category_id: id.to_string(),
        name: raw.get("name").to_owned(),
        ..Typed::blank()
    };
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let Some(name) = typed
        .errors
        .take("name", CategoryName::parse(raw.get("name")))
    else {
        return render(&state, &member, unprocessable, typed).await;
    };
    let add = |category_id| AccountCommand::AddCategory {
        category_id,
        name: name.clone(),
    };
    let outcome = match member.execute(&state, add(id)).await {
        // An old form sent again with another name is another category.
        Err(CommandError::Rejected(AccountError::CategoryIdTaken)) => {
            member.execute(&state, add(CategoryId::new())).await
        }
        other => other,
    };
    match outcome {
        Ok(done) => {
            let key = if done.recorded == 0 {
                "categories-already-added"
            } else {
                "categories-added"
            };
            let message = member.ctx.lang.t1(key, "name", name.to_string());
            context::flash(&session, message);
            Ok(view::see_other(&format!("{}/categories", member.base())))
        }
        Err(CommandError::Rejected(e @ AccountError::CategoryNameTaken { .. })) => {
            typed.errors.add("name", e);
            render(&state, &member, unprocessable, typed).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Renames (a `name` field), archives or restores (`action`) the category in the path.
async fn change_category(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
    path: web::Path<(String, CategoryId)>,
    raw: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let raw = RawForm(raw.into_inner());
    let category_id = path.1;
    let back = format!("{}/categories", member.base());
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let mut typed = Typed {
        renaming: category_id.to_string(),
        rename_value: raw.get("name").to_owned(),
        ..Typed::blank()
    };
    let command = match raw.get("action") {
        "archive" => AccountCommand::ArchiveCategory { category_id },
        "restore" => AccountCommand::RestoreCategory { category_id },
        "rename" => {
            let Some(name) = typed
                .errors
                .take("rename", CategoryName::parse(raw.get("name")))
            else {
                return render(&state, &member, unprocessable, typed).await;
            };
            AccountCommand::RenameCategory { category_id, name }
        }
        _ => {
            typed
                .errors
                .add("rename", member.ctx.lang.t("categories-choose-action"));
            return render(&state, &member, unprocessable, typed).await;
        }
    };
    let lang = member.ctx.lang;
    let said = match &command {
        AccountCommand::ArchiveCategory { .. } => lang.t("categories-archived-done"),
        AccountCommand::RestoreCategory { .. } => lang.t("categories-restored-done"),
        AccountCommand::RenameCategory { name, .. } => {
            lang.t1("categories-renamed", "name", name.to_string())
        }
        _ => String::new(),
    };
    match member.execute(&state, command).await {
        Ok(_) => {
            context::flash(&session, said);
            Ok(view::see_other(&back))
        }
        Err(CommandError::Rejected(AccountError::UnknownCategory)) => Err(WebError::NotFound),
        Err(CommandError::Rejected(e @ AccountError::CategoryNameTaken { .. })) => {
            typed.errors.add("rename", e);
            render(&state, &member, unprocessable, typed).await
        }
        Err(e) => Err(e.into()),
    }
}

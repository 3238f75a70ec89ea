//! Moving in from another app: upload a file (Splitwise, IHateMoney, Spliit, Cospend), see
//! what it holds and what the balances will be, map its people to members, confirm. Per
//! account (`/accounts/{id}/import`) and as a new account (`/import`, from the home page).
//!
//! Nothing is written before the confirmation. The upload is kept server-side by its SHA-256
//! (`application::uploads`), so the confirmation imports exactly the previewed bytes.

use crate::application::import::{
    DryRun, ImportApplyError, ImportOutcome, Person, dry_run_into, import_into, import_new,
    member_name,
};
use crate::application::{progress, uploads};
use crate::domain::{AccountName, Currency, MemberId};
use crate::event_sourcing::DecisionContext;
use crate::i18n::{Lang, Localize, Value};
use crate::import::{ImportError, ImportPlan, format_minor, parse};
use crate::infrastructure::db::DbConnection;
use crate::route;
use crate::web::account_view::load_members;
use crate::web::context::{self, Member, PageContext, SignedIn};
use crate::web::errors::WebError;
use crate::web::forms::{RawForm, sentence};
use crate::web::routing::RouteDef;
use crate::web::state::AppState;
use crate::web::upload::UploadForm;
use crate::web::view;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentType};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

/// This module's routes.
pub fn routes() -> Vec<RouteDef> {
    vec![
        route!(get, "/accounts/{account_id}/import", Member, account_page),
        route!(
            post,
            "/accounts/{account_id}/import",
            Member,
            account_upload
        ),
        route!(
            post,
            "/accounts/{account_id}/import/confirm",
            Member,
            account_confirm
        ),
        route!(get, "/import", SignedIn, new_page),
        route!(post, "/import", SignedIn, new_upload),
        route!(post, "/import/confirm", SignedIn, new_confirm),
    ]
}

/// The file field of both upload forms.
const FILE_FIELD: &str = "file";

/// What the preview shows of a file, whatever it is imported into.
pub struct Summary {
    /// The file's SHA-256, which the confirm form names it by.
    pub hash: String,
    /// Which app wrote it.
    pub format: &'static str,
    /// How many expenses, formatted.
    pub expenses: String,
    /// How many transfers, formatted.
    pub transfers: String,
    /// First and last date, or "".
    pub dates: String,
    /// Rows left out: "Line 3: why".
    pub unreadable: Vec<String>,
    /// Notes and per-person rounding differences, as sentences.
    pub notes: Vec<String>,
}

/// One person in the file, with the choice the form offers.
pub struct PersonRow {
    /// The form field: `person_<index>`.
    pub field: String,
    /// The name in the file.
    pub name: String,
    /// Their net in the file, formatted.
    pub net: String,
    /// The chosen value: a member id, or `new`.
    pub chosen: String,
}

/// A balance afterwards.
pub struct NetRow {
    /// Member.
    pub name: String,
    /// Net, formatted.
    pub net: String,
    /// Positive, negative or zero.
    pub sign: i8,
}

/// The per-account import page: the upload form, or a file's preview.
#[derive(Template)]
#[template(path = "import.html")]
struct AccountImportPage {
    ctx: PageContext,
    account_name: String,
    base: String,
    /// Why the upload or the confirmation was refused, or "".
    error: String,
    summary: Option<Summary>,
    people: Vec<PersonRow>,
    /// Existing members: (id, name).
    members: Vec<(String, String)>,
    /// The balances afterwards (empty when they cannot be computed).
    nets: Vec<NetRow>,
    /// The file was imported before: confirming records nothing.
    already: bool,
}

/// A large import's page, sent in parts: everything up to `marker` at once, then a line per
/// slice written, then the outcome and the rest.
#[derive(Template)]
#[template(path = "import_progress.html")]
struct ProgressPage {
    ctx: PageContext,
    /// The account's name, or the new account's.
    heading: String,
    /// How many entries from which app, and what the lines below mean.
    intro: String,
    marker: &'static str,
}

/// Where the progress page's lines go.
const PROGRESS_MARKER: &str = "<!-- progress -->";

/// The new-account-from-a-file page: the upload form, or a file's preview.
#[derive(Template)]
#[template(path = "import_new.html")]
struct NewImportPage {
    ctx: PageContext,
    error: String,
    summary: Option<Summary>,
    people: Vec<PersonRow>,
    name: String,
    currency: String,
    currencies: Vec<(String, String)>,
    /// The person the user is, `person_<index>`'s index.
    me: usize,
}

/// An amount in the file's own digits (`12.50`) with `lang`'s decimal mark (`12,50`).
fn file_amount(lang: Lang, minor: i64, digits: u8) -> String {
    let plain = format_minor(minor, digits);
    match lang.decimal_mark() {
        '.' => plain,
        mark => plain.replace('.', &mark.to_string()),
    }
}

/// A count in `lang`'s digits, for the page.
fn count(lang: Lang, n: usize) -> String {
    lang.number(i64::try_from(n).unwrap_or(i64::MAX))
}

/// A count as a message variable: the number picks the plural form.
fn plural(n: usize) -> Value {
    Value::Count(i64::try_from(n).unwrap_or(i64::MAX))
}

/// "Imported 3 expenses and 1 transfer from Splitwise (CSV)." and the like: `key`'s message
/// with the plan's counts and format.
fn counted(lang: Lang, key: &str, plan: &ImportPlan) -> String {
    let (expenses, transfers) = plan.counts();
    lang.ta(
        key,
        &[
            ("expenses", plural(expenses)),
            ("expenses_shown", Value::Text(count(lang, expenses))),
            ("transfers", plural(transfers)),
            ("transfers_shown", Value::Text(count(lang, transfers))),
            ("format", Value::Text(plan.format.label().to_owned())),
        ],
    )
}

fn summary(plan: &ImportPlan, lang: Lang) -> Summary {
    let (expenses, transfers) = plan.counts();
    let mut notes: Vec<String> = plan
        .notes
        .iter()
        .map(|n| sentence(&n.localize(lang)))
        .collect();
    for r in &plan.rounding {
        notes.push(
            lang.ta(
                "import-rounding",
                &[
                    (
                        "name",
                        Value::Text(
                            plan.people
                                .get(r.person)
                                .map_or("?", String::as_str)
                                .to_owned(),
                        ),
                    ),
                    (
                        "ours",
                        Value::Text(file_amount(lang, r.ours, plan.minor_digits)),
                    ),
                    (
                        "theirs",
                        Value::Text(file_amount(lang, r.peers, plan.minor_digits)),
                    ),
                ],
            ),
        );
    }
    Summary {
        hash: plan.file_hash.clone(),
        format: plan.format.label(),
        expenses: count(lang, expenses),
        transfers: count(lang, transfers),
        dates: plan
            .date_range()
            .map(|(a, b)| {
                lang.t2(
                    "import-summary-date-range",
                    ("first", lang.day(a)),
                    ("last", lang.day(b)),
                )
            })
            .unwrap_or_default(),
        unreadable: plan
            .unreadable
            .iter()
            .map(|u| {
                lang.t2(
                    "import-summary-line",
                    ("line", count(lang, u.line)),
                    ("reason", sentence(&u.reason.localize(lang))),
                )
            })
            .collect(),
        notes,
    }
}

/// Each person's net in the file, in its first currency (the only one an import accepts).
fn file_nets(plan: &ImportPlan, lang: Lang) -> Vec<String> {
    let nets = plan.nets().into_values().next().unwrap_or_default();
    (0..plan.people.len())
        .map(|i| file_amount(lang, nets.get(i).copied().unwrap_or(0), plan.minor_digits))
        .collect()
}

/// Why a file cannot be imported, as the page says it. A backup is a whole account.
fn file_error(e: &ImportError, per_account: bool, lang: Lang) -> String {
    match e {
        ImportError::IsBackup if per_account => lang.t("import-error-backup-here"),
        ImportError::IsBackup => lang.t("import-error-backup"),
        e => sentence(&crate::i18n::Localize::localize(&e, lang)),
    }
}

/// Reads the upload's file field: its bytes, or what the page says instead.
fn uploaded(form: &UploadForm, lang: Lang) -> Result<web::Bytes, String> {
    match form.file(FILE_FIELD) {
        Some((_, bytes)) if !bytes.is_empty() => Ok(bytes),
        Some(_) => Err(lang.t("import-error-empty")),
        None => Err(lang.t("import-error-no-file")),
    }
}

fn today() -> DecisionContext {
    DecisionContext::at(chrono::Utc::now())
}

/// The uploaded bytes named by `hash`, parsed again; `Err` is the page's message.
async fn stored_plan(
    state: &AppState,
    user: crate::domain::UserId,
    hash: &str,
    lang: Lang,
) -> Result<Result<ImportPlan, String>, WebError> {
    let key = hash.to_owned();
    let hex = key.len() == 64 && key.bytes().all(|b| b.is_ascii_hexdigit());
    if !hex {
        return Ok(Err(lang.t("import-error-unknown-upload")));
    }
    let bytes = state
        .db(move |conn| Ok(uploads::load(conn, user, &key, chrono::Utc::now())?))
        .await?;
    Ok(match bytes {
        None => Err(lang.t("import-error-upload-gone")),
        Some(bytes) => parse(&bytes).map_err(|e| file_error(&e, true, lang)),
    })
}

/// Text for an HTML line built outside a template.
fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Imports of more entries than this are written while a page shows how far they are: more
/// than one slice of events, so there is progress to show.
const STREAMED_FROM: usize = crate::application::PERSIST_SLICE;

/// Writes a large import while its page says how far it is: the answer starts at once, a
/// line follows each slice of events written (`X-Accel-Buffering: no` keeps Nginx from
/// holding them back), and the outcome ends the page: a link to the account, or why nothing
/// was written and a link `back`. Still one transaction: nothing counts before the end.
fn streamed<F>(
    state: web::Data<AppState>,
    ctx: PageContext,
    heading: String,
    plan: &ImportPlan,
    back: String,
    work: F,
) -> Result<HttpResponse, WebError>
where
    F: FnOnce(&mut DbConnection) -> Result<ImportOutcome, ImportApplyError> + Send + 'static,
{
    let lang = ctx.lang;
    let entries = plan.entries.len();
    let intro = lang.ta(
        "import-progress-intro",
        &[
            ("entries", plural(entries)),
            ("entries_shown", Value::Text(count(lang, entries))),
            ("format", Value::Text(plan.format.label().to_owned())),
        ],
    );
    let page = ProgressPage {
        ctx,
        heading,
        intro,
        marker: PROGRESS_MARKER,
    }
    .render()?;
    let Some((head, tail)) = page.split_once(PROGRESS_MARKER) else {
        return Err(WebError::internal(anyhow::anyhow!(
            "the progress page has no place for its lines"
        )));
    };
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    let _ = tx.send(head.to_owned());
    let tail = tail.to_owned();
    let imported = counted(lang, "import-done", plan);
    let lines = tx.clone();
    actix_web::rt::spawn(async move {
        let outcome = state
            .write(move |conn| {
                let observer: progress::Observer = Box::new(move |written, total| {
                    // A closed page (the person left) does not stop the import.
                    let step = lang.ta(
                        "import-progress-step",
                        &[
                            ("written", Value::Text(count(lang, written))),
                            ("total", plural(total)),
                            ("total_shown", Value::Text(count(lang, total))),
                        ],
                    );
                    let _ = lines.send(format!(
                        "<p class=\"import-step\">{}</p>\n",
                        html_text(&step)
                    ));
                });
                Ok(progress::observe(observer, || work(conn)))
            })
            .await;
        let last = match outcome {
            Ok(Ok(done)) => {
                let said = if done.recorded == 0 {
                    lang.t("import-nothing-new")
                } else {
                    imported
                };
                format!(
                    "<p class=\"import-done\" role=\"status\">{}</p>\n<p><a href=\"/accounts/{}\">{}</a></p>\n",
                    html_text(&said),
                    done.account_id,
                    html_text(&lang.t("import-open-account"))
                )
            }
            Ok(Err(e)) => format!(
                "<p class=\"error-summary\" role=\"alert\" id=\"import-error\">{}</p>\n<p><a href=\"{}\">{}</a></p>\n",
                html_text(&lang.t1(
                    "import-failed",
                    "reason",
                    sentence(&crate::i18n::Localize::localize(&e, lang))
                )),
                html_text(&back),
                html_text(&lang.t("import-back"))
            ),
            Err(e) => {
                tracing::error!(error = ?e, "a streamed import failed");
                format!(
                    "<p class=\"error-summary\" role=\"alert\" id=\"import-error\">{}</p>\n<p><a href=\"{}\">{}</a></p>\n",
                    html_text(&lang.t("import-failed-database")),
                    html_text(&back),
                    html_text(&lang.t("import-back"))
                )
            }
        };
        let _ = tx.send(last);
        let _ = tx.send(tail);
    });
    let body = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| {
            (
                Ok::<_, std::convert::Infallible>(web::Bytes::from(chunk)),
                rx,
            )
        })
    });
    Ok(HttpResponse::Ok()
        .content_type(ContentType::html())
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(body))
}

// ---- Per account ---------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
struct PreviewQuery {
    #[serde(default)]
    file: String,
}

struct AccountView {
    error: String,
    summary: Option<Summary>,
    people: Vec<PersonRow>,
    nets: Vec<NetRow>,
    already: bool,
}

impl AccountView {
    fn blank(error: String) -> Self {
        AccountView {
            error,
            summary: None,
            people: Vec::new(),
            nets: Vec::new(),
            already: false,
        }
    }
}

async fn render_account(
    state: &AppState,
    member: &Member,
    status: StatusCode,
    v: AccountView,
) -> Result<HttpResponse, WebError> {
    let members = load_members(state, member.account_id)
        .await?
        .into_iter()
        .map(|m| (m.id.to_string(), m.name))
        .collect();
    view::page(
        status,
        &AccountImportPage {
            ctx: member.ctx.clone(),
            account_name: member.account.name.clone(),
            base: member.base(),
            error: v.error,
            summary: v.summary,
            people: v.people,
            members,
            nets: v.nets,
            already: v.already,
        },
    )
}

/// The preview of `plan` with `mapping` (the default when `None`): 200, or 422 with the
/// reason when the import would be refused.
async fn preview(
    state: &AppState,
    member: &Member,
    plan: ImportPlan,
    mapping: Option<Vec<Person>>,
    error: Option<String>,
) -> Result<HttpResponse, WebError> {
    let account_id = member.account_id;
    let currency = member.currency();
    let lang = member.ctx.lang;
    let nets_in_file = file_nets(&plan, lang);
    let shared = std::sync::Arc::new(plan);
    let for_db = shared.clone();
    let given = mapping.clone();
    let outcome = state
        .db(move |conn| Ok(dry_run_into(conn, account_id, &for_db, given, &today())))
        .await?;
    let plan = shared;
    let (run, refusal) = match outcome {
        Ok(run) => (Some(run), None),
        Err(e) => (
            None,
            Some(sentence(&crate::i18n::Localize::localize(
                &e,
                crate::i18n::current(),
            ))),
        ),
    };
    let chosen: Vec<String> = match (&run, &mapping) {
        (Some(DryRun { mapping, .. }), _) | (None, Some(mapping)) => {
            mapping.iter().map(person_value).collect()
        }
        (None, None) => vec!["new".to_owned(); plan.people.len()],
    };
    let people = plan
        .people
        .iter()
        .enumerate()
        .map(|(i, name)| PersonRow {
            field: format!("person_{i}"),
            name: name.clone(),
            net: nets_in_file.get(i).cloned().unwrap_or_default(),
            chosen: chosen.get(i).cloned().unwrap_or_else(|| "new".into()),
        })
        .collect();
    let nets = run
        .as_ref()
        .map(|r| {
            r.nets
                .iter()
                .map(|(name, net)| NetRow {
                    name: name.clone(),
                    net: lang.money(*net, currency),
                    sign: net.0.signum() as i8,
                })
                .collect()
        })
        .unwrap_or_default();
    let error = error.or(refusal);
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let v = AccountView {
        error: error.unwrap_or_default(),
        summary: Some(summary(&plan, lang)),
        people,
        nets,
        already: run.is_some_and(|r| r.recorded == 0),
    };
    render_account(state, member, status, v).await
}

fn person_value(p: &Person) -> String {
    match p {
        Person::Existing(id) => id.to_string(),
        Person::New(_) => "new".to_owned(),
    }
}

async fn account_page(
    state: web::Data<AppState>,
    member: Member,
    query: web::Query<PreviewQuery>,
) -> Result<HttpResponse, WebError> {
    if query.file.is_empty() {
        return render_account(
            &state,
            &member,
            StatusCode::OK,
            AccountView::blank(String::new()),
        )
        .await;
    }
    match stored_plan(&state, member.user.id, &query.file, member.ctx.lang).await? {
        Ok(plan) => preview(&state, &member, plan, None, None).await,
        Err(message) => {
            render_account(
                &state,
                &member,
                StatusCode::NOT_FOUND,
                AccountView::blank(message),
            )
            .await
        }
    }
}

/// Reads and keeps an upload; `Err` is the message the upload form shows again.
async fn keep_upload(
    state: &AppState,
    user: crate::domain::UserId,
    form: &UploadForm,
    per_account: bool,
    lang: Lang,
) -> Result<Result<ImportPlan, String>, WebError> {
    let bytes = match uploaded(form, lang) {
        Ok(bytes) => bytes,
        Err(message) => return Ok(Err(message)),
    };
    if bytes.len() > crate::import::MAX_FILE_BYTES {
        return Err(WebError::FileTooLarge);
    }
    let plan = match parse(&bytes) {
        Ok(plan) => plan,
        Err(e) => return Ok(Err(file_error(&e, per_account, lang))),
    };
    let hash = plan.file_hash.clone();
    state
        .db(move |conn| {
            Ok(uploads::store(
                conn,
                user,
                &hash,
                &bytes,
                chrono::Utc::now(),
            )?)
        })
        .await?;
    Ok(Ok(plan))
}

async fn account_upload(
    state: web::Data<AppState>,
    member: Member,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let form = UploadForm::of(&req)?;
    match keep_upload(&state, member.user.id, &form, true, member.ctx.lang).await? {
        Ok(plan) => Ok(view::see_other(&format!(
            "{}/import?file={}",
            member.base(),
            plan.file_hash
        ))),
        Err(message) => {
            render_account(
                &state,
                &member,
                StatusCode::UNPROCESSABLE_ENTITY,
                AccountView::blank(message),
            )
            .await
        }
    }
}

/// The mapping the confirm form chose: each `person_<i>` is a member id or `new`.
fn mapping_of(
    raw: &RawForm,
    plan: &ImportPlan,
    members: &[MemberId],
    lang: Lang,
) -> Result<Vec<Person>, String> {
    let mut mapping = Vec::with_capacity(plan.people.len());
    for (i, name) in plan.people.iter().enumerate() {
        let value = raw.get(&format!("person_{i}"));
        if value == "new" {
            mapping
                .push(Person::New(member_name(name).map_err(|e| {
                    sentence(&crate::i18n::Localize::localize(&e, lang))
                })?));
            continue;
        }
        match value.parse::<MemberId>() {
            Ok(id) if members.contains(&id) => mapping.push(Person::Existing(id)),
            _ => return Err(lang.t1("import-error-choose-member", "name", name)),
        }
    }
    Ok(mapping)
}

async fn account_confirm(
    state: web::Data<AppState>,
    session: Session,
    member: Member,
    raw: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let raw = RawForm(raw.into_inner());
    let lang = member.ctx.lang;
    let plan = match stored_plan(&state, member.user.id, raw.get("file"), lang).await? {
        Ok(plan) => plan,
        Err(message) => {
            return render_account(
                &state,
                &member,
                StatusCode::UNPROCESSABLE_ENTITY,
                AccountView::blank(message),
            )
            .await;
        }
    };
    let ids: Vec<MemberId> = load_members(&state, member.account_id)
        .await?
        .into_iter()
        .map(|m| m.id)
        .collect();
    let mapping = match mapping_of(&raw, &plan, &ids, lang) {
        Ok(mapping) => mapping,
        Err(message) => return preview(&state, &member, plan, None, Some(message)).await,
    };
    // "Update the preview" shows the balances with this mapping; only "Import" writes.
    if raw.get("action") != "import" {
        return preview(&state, &member, plan, Some(mapping), None).await;
    }
    let (account_id, user) = (member.account_id, member.user.id);
    if plan.entries.len() > STREAMED_FROM {
        let back = format!("{}/import?file={}", member.base(), plan.file_hash);
        let repo = state.repository.clone();
        let plan = std::sync::Arc::new(plan);
        let for_db = plan.clone();
        let heading = member.account.name.clone();
        return streamed(state, member.ctx, heading, &plan, back, move |conn| {
            import_into(
                conn,
                &repo,
                account_id,
                &for_db,
                &mapping,
                Some(user),
                &today(),
            )
        });
    }
    let shared = std::sync::Arc::new(plan);
    let for_db = shared.clone();
    let chosen = mapping.clone();
    let repo = state.repository.clone();
    let outcome = state
        .write(move |conn| {
            Ok(import_into(
                conn,
                &repo,
                account_id,
                &for_db,
                &chosen,
                Some(user),
                &today(),
            ))
        })
        .await?;
    let plan = std::sync::Arc::try_unwrap(shared).unwrap_or_else(|p| (*p).clone());
    match outcome {
        Ok(done) if done.recorded == 0 => {
            context::flash(&session, lang.t("import-nothing-new"));
        }
        Ok(_) => {
            context::flash(&session, counted(lang, "import-done", &plan));
        }
        Err(e) => {
            let message = sentence(&crate::i18n::Localize::localize(&e, lang));
            return preview(&state, &member, plan, Some(mapping), Some(message)).await;
        }
    }
    Ok(view::see_other(&member.base()))
}

// ---- A new account from a file -------------------------------------------------------

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

struct NewView {
    error: String,
    plan: Option<ImportPlan>,
    name: String,
    currency: String,
    me: usize,
}

fn render_new(page: &SignedIn, status: StatusCode, v: NewView) -> Result<HttpResponse, WebError> {
    let lang = page.ctx.lang;
    let people = v
        .plan
        .as_ref()
        .map(|plan| {
            let nets = file_nets(plan, lang);
            plan.people
                .iter()
                .enumerate()
                .map(|(i, name)| PersonRow {
                    field: i.to_string(),
                    name: name.clone(),
                    net: nets.get(i).cloned().unwrap_or_default(),
                    chosen: String::new(),
                })
                .collect()
        })
        .unwrap_or_default();
    view::page(
        status,
        &NewImportPage {
            ctx: page.ctx.clone(),
            error: v.error,
            summary: v.plan.as_ref().map(|plan| summary(plan, lang)),
            people,
            name: v.name,
            currency: v.currency,
            currencies: currency_choices(),
            me: v.me,
        },
    )
}

/// The currency the file names, when tally keeps accounts in it; else euros.
fn file_currency(plan: &ImportPlan) -> String {
    plan.currencies()
        .into_iter()
        .flatten()
        .find_map(|c| Currency::from_code(&c.0).ok())
        .map_or_else(|| "EUR".to_owned(), |c| c.code().to_owned())
}

/// The person in the file who is most likely the user: the same name, else the first.
fn likely_me(plan: &ImportPlan, display_name: &str) -> usize {
    let key = display_name.trim().to_lowercase();
    plan.people
        .iter()
        .position(|p| p.trim().to_lowercase() == key)
        .unwrap_or(0)
}

fn blank_new(error: String) -> NewView {
    NewView {
        error,
        plan: None,
        name: String::new(),
        currency: "EUR".to_owned(),
        me: 0,
    }
}

async fn new_page(
    state: web::Data<AppState>,
    page: SignedIn,
    query: web::Query<PreviewQuery>,
) -> Result<HttpResponse, WebError> {
    if query.file.is_empty() {
        return render_new(&page, StatusCode::OK, blank_new(String::new()));
    }
    let lang = page.ctx.lang;
    match stored_plan(&state, page.user.id, &query.file, lang).await? {
        Ok(plan) => {
            let v = NewView {
                error: String::new(),
                name: lang.t1("import-new-default-name", "format", plan.format.label()),
                currency: file_currency(&plan),
                me: likely_me(&plan, &page.user.display_name),
                plan: Some(plan),
            };
            render_new(&page, StatusCode::OK, v)
        }
        Err(message) => render_new(&page, StatusCode::NOT_FOUND, blank_new(message)),
    }
}

async fn new_upload(
    state: web::Data<AppState>,
    page: SignedIn,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let form = UploadForm::of(&req)?;
    match keep_upload(&state, page.user.id, &form, false, page.ctx.lang).await? {
        Ok(plan) => Ok(view::see_other(&format!("/import?file={}", plan.file_hash))),
        Err(message) => render_new(&page, StatusCode::UNPROCESSABLE_ENTITY, blank_new(message)),
    }
}

async fn new_confirm(
    state: web::Data<AppState>,
    session: Session,
    page: SignedIn,
    raw: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let raw = RawForm(raw.into_inner());
    let lang = page.ctx.lang;
    let plan = match stored_plan(&state, page.user.id, raw.get("file"), lang).await? {
        Ok(plan) => plan,
        Err(message) => {
            return render_new(&page, StatusCode::UNPROCESSABLE_ENTITY, blank_new(message));
        }
    };
    let typed_name = raw.get("name").to_owned();
    let typed_currency = raw.get("currency").to_owned();
    let me = raw
        .get("me")
        .parse::<usize>()
        .ok()
        .filter(|i| *i < plan.people.len());
    let name = AccountName::parse(&typed_name);
    let currency = Currency::from_code(&typed_currency);
    let problem = match (&name, &currency, me) {
        (Err(e), _, _) => Some(sentence(&lang.t1(
            "import-new-bad-name",
            "reason",
            crate::i18n::Localize::localize(e, lang),
        ))),
        (_, Err(e), _) => Some(sentence(&crate::i18n::Localize::localize(&e, lang))),
        (_, _, None) => Some(lang.t("import-new-choose-me")),
        _ => None,
    };
    let (Ok(name), Ok(currency), Some(me), None) = (name, currency, me, problem.clone()) else {
        let v = NewView {
            error: problem.unwrap_or_default(),
            plan: Some(plan),
            name: typed_name,
            currency: typed_currency,
            me: me.unwrap_or(0),
        };
        return render_new(&page, StatusCode::UNPROCESSABLE_ENTITY, v);
    };
    let user = page.user.id;
    if plan.entries.len() > STREAMED_FROM {
        let repo = state.repository.clone();
        let plan = std::sync::Arc::new(plan);
        let for_db = plan.clone();
        let heading = name.as_str().to_owned();
        return streamed(
            state,
            page.ctx,
            heading,
            &plan,
            format!("/import?file={}", plan.file_hash),
            move |conn| import_new(conn, &repo, &for_db, name, currency, user, me, &today()),
        );
    }
    let shared = std::sync::Arc::new(plan);
    let for_db = shared.clone();
    let repo = state.repository.clone();
    let outcome = state
        .write(move |conn| {
            Ok(import_new(
                conn,
                &repo,
                &for_db,
                name,
                currency,
                user,
                me,
                &today(),
            ))
        })
        .await?;
    let plan = std::sync::Arc::try_unwrap(shared).unwrap_or_else(|p| (*p).clone());
    match outcome {
        Ok(done) => {
            if done.recorded == 0 {
                context::flash(&session, lang.t("import-nothing-new"));
            } else {
                context::flash(&session, counted(lang, "import-new-done", &plan));
            }
            Ok(view::see_other(&format!("/accounts/{}", done.account_id)))
        }
        Err(e) => {
            let v = NewView {
                error: sentence(&crate::i18n::Localize::localize(&e, crate::i18n::current())),
                plan: Some(plan),
                name: typed_name,
                currency: typed_currency,
                me,
            };
            render_new(&page, StatusCode::UNPROCESSABLE_ENTITY, v)
        }
    }
}

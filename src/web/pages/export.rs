//! CSV exports of an account (RFC 4180: CRLF line ends, a header row, quoting when needed),
//! safe to open in a spreadsheet: text cells that would start a formula are neutralised.

use crate::domain::{Currency, ExpenseId, MemberId, Money};
use crate::i18n::Lang;
use crate::projections::rows::TransferRow;
use crate::read::export::{all_expenses, all_transfers};
use crate::read::members::MemberView;
use crate::route;
use crate::web::account_view::{load_members, name_of};
use crate::web::context::Member;
use crate::web::errors::WebError;
use crate::web::routing::RouteDef;
use crate::web::state::AppState;
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use std::borrow::Cow;
use std::collections::HashMap;

/// This module's routes.
pub fn routes() -> Vec<RouteDef> {
    vec![
        route!(
            get,
            "/accounts/{account_id}/export/expenses.csv",
            Member,
            expenses_csv
        ),
        route!(
            get,
            "/accounts/{account_id}/export/balances.csv",
            Member,
            balances_csv
        ),
        route!(
            get,
            "/accounts/{account_id}/export/ihatemoney-bills.json",
            Member,
            ihatemoney_json
        ),
        route!(
            get,
            "/accounts/{account_id}/export/cospend.csv",
            Member,
            cospend_csv
        ),
        route!(
            get,
            "/accounts/{account_id}/export/backup.json",
            Member,
            backup_json
        ),
    ]
}

/// A text cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, carriage
/// return first) gets a leading `'`. Only text cells pass through here: numbers such as a
/// negative net stay plain numbers, since a number is not a formula.
pub fn text_cell(value: &str) -> Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// An ASCII-only file name from the account's name: letters and digits kept, runs of
/// anything else turned into one `-`, e.g. "Flat 3B" → `Flat-3B-expenses.csv`.
pub fn file_name(account_name: &str, what: &str) -> String {
    let mut stem = String::new();
    for c in account_name.chars() {
        if c.is_ascii_alphanumeric() {
            stem.push(c);
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
        if stem.len() >= 60 {
            break;
        }
    }
    let stem = stem.trim_end_matches('-');
    let stem = if stem.is_empty() { "tally" } else { stem };
    format!("{stem}-{what}.csv")
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new())
}

fn finish(
    writer: csv::Writer<Vec<u8>>,
    account_name: &str,
    what: &str,
) -> Result<HttpResponse, WebError> {
    let body = writer
        .into_inner()
        .map_err(|e| WebError::internal(anyhow::anyhow!("cannot finish the CSV: {e}")))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", file_name(account_name, what)),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

fn plain(currency: Currency, cents: i64) -> String {
    currency.format_plain(Money(cents))
}

/// Every expense and every payment between members, oldest first, with one share column per
/// member in joining order and a last `type` column (`expense`, `refund` or `payment`).
/// Deleted expenses and payments are included and marked `yes` in the `deleted` column, so the
/// file is the account's whole record; a corrected one reads as it is now. A payment reads like
/// an expense its sender paid and its receiver owes all of, and a refund like an expense of
/// the negative amount (its receiver "paid" it, its shares negative), so one rule gives every
/// member's net: what they paid minus their column, rows not deleted.
async fn expenses_csv(
    state: web::Data<AppState>,
    member: Member,
) -> Result<HttpResponse, WebError> {
    let currency = member.currency();
    let account = member.account_id;
    let members = load_members(&state, account).await?;
    let categories = crate::web::account_view::load_categories(&state, account).await?;
    let ((rows, shares), transfers) = state
        .read(move |conn| Ok((all_expenses(conn, account)?, all_transfers(conn, account)?)))
        .await?;
    let shares: HashMap<(ExpenseId, MemberId), i64> = shares
        .into_iter()
        .map(|s| ((s.expense_id, s.member_id), s.amount))
        .collect();
    let lang = member.ctx.lang;
    let mut out = writer();
    // The headers are in the person's language; the values stay machine-readable (plain
    // amounts, ISO dates, codes) whatever the language.
    let mut header: Vec<String> = [
        "export-date",
        "export-description",
        "export-category",
        "export-paid-by",
        "export-amount",
        "export-currency",
        "export-split-mode",
    ]
    .iter()
    .map(|key| lang.t(key))
    .collect();
    header.extend(members.iter().map(|m| text_cell(&m.name).into_owned()));
    header.push(lang.t("export-deleted"));
    header.push(lang.t("export-type"));
    // Paid in another currency: as paid, and the rate; `amount` is then the conversion.
    for column in [
        "export-original-amount",
        "export-original-currency",
        "export-rate",
    ] {
        header.push(lang.t(column));
    }
    out.write_record(&header).map_err(WebError::internal)?;
    let mut payments = transfers.iter().peekable();
    for e in &rows {
        while let Some(t) = payments.next_if(|t| t.transfer_date < e.date) {
            write_payment(&mut out, t, &members, currency, lang)?;
        }
        let mut record: Vec<String> = vec![
            e.date.format("%Y-%m-%d").to_string(),
            text_cell(&e.description).into_owned(),
            e.category
                .and_then(|id| categories.iter().find(|c| c.id == id))
                .map(|c| text_cell(&c.name).into_owned())
                .unwrap_or_default(),
            text_cell(&name_of(&members, e.payer)).into_owned(),
            plain(currency, e.signed_amount()),
            currency.code().to_owned(),
            e.split_mode.replace('_', " "),
        ];
        let sign = if e.refund { -1 } else { 1 };
        record.extend(members.iter().map(|m: &MemberView| {
            shares
                .get(&(e.id, m.id))
                .map(|cents| plain(currency, sign * *cents))
                .unwrap_or_default()
        }));
        record.push(if e.deleted { "yes" } else { "no" }.to_owned());
        record.push(if e.refund { "refund" } else { "expense" }.to_owned());
        match &e.paid_in {
            Some(paid) => record.extend([
                paid.currency
                    .format_plain(crate::domain::Money(sign * paid.amount.cents())),
                paid.currency.code().to_owned(),
                paid.rate.to_string(),
            ]),
            None => record.extend([String::new(), String::new(), String::new()]),
        }
        out.write_record(&record).map_err(WebError::internal)?;
    }
    for t in payments {
        write_payment(&mut out, t, &members, currency, lang)?;
    }
    finish(out, &member.account.name, "expenses")
}

/// A payment's row: paid by its sender, the whole amount in its receiver's column; its
/// description ("Payment to Sam") is text, so in the person's language.
fn write_payment(
    out: &mut csv::Writer<Vec<u8>>,
    t: &TransferRow,
    members: &[MemberView],
    currency: Currency,
    lang: Lang,
) -> Result<(), WebError> {
    let description = lang.t1(
        "export-payment-to",
        "name",
        name_of(members, t.to_member_id),
    );
    let mut record: Vec<String> = vec![
        t.transfer_date.format("%Y-%m-%d").to_string(),
        text_cell(&description).into_owned(),
        String::new(),
        text_cell(&name_of(members, t.from_member_id)).into_owned(),
        plain(currency, t.amount),
        currency.code().to_owned(),
        String::new(),
    ];
    record.extend(members.iter().map(|m| {
        if m.id == t.to_member_id {
            plain(currency, t.amount)
        } else {
            String::new()
        }
    }));
    record.push(if t.deleted { "yes" } else { "no" }.to_owned());
    record.push("payment".to_owned());
    record.extend([String::new(), String::new(), String::new()]);
    out.write_record(&record).map_err(WebError::internal)
}

/// Each member's totals in joining order; `net` = paid − share + sent − received.
async fn balances_csv(
    state: web::Data<AppState>,
    member: Member,
) -> Result<HttpResponse, WebError> {
    let currency = member.currency();
    let members = load_members(&state, member.account_id).await?;
    let lang = member.ctx.lang;
    let mut out = writer();
    let header = [
        "export-member",
        "export-paid",
        "export-share",
        "export-sent",
        "export-received",
        "export-net",
    ]
    .map(|key| lang.t(key));
    out.write_record(&header).map_err(WebError::internal)?;
    for m in &members {
        out.write_record([
            text_cell(&m.name).into_owned(),
            plain(currency, m.paid),
            plain(currency, m.owed),
            plain(currency, m.sent),
            plain(currency, m.received),
            plain(currency, m.net),
        ])
        .map_err(WebError::internal)?;
    }
    finish(out, &member.account.name, "balances")
}

fn download(body: Vec<u8>, content_type: &str, name: String) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type.to_owned()))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body)
}

async fn account_state(
    state: &web::Data<AppState>,
    member: &Member,
) -> Result<crate::domain::SharedAccount, WebError> {
    let account = member.account_id;
    state
        .read(move |conn| Ok(crate::application::AccountRepository::retrieve(conn, account)?.state))
        .await
}

/// The account as IHateMoney's `bills.json`, which its project import reads.
async fn ihatemoney_json(
    state: web::Data<AppState>,
    member: Member,
) -> Result<HttpResponse, WebError> {
    let account = account_state(&state, &member).await?;
    let body = crate::import::write::ihatemoney_json(&account).into_bytes();
    let name = file_name(&member.account.name, "bills").replace(".csv", ".json");
    Ok(download(body, "application/json", name))
}

/// The account as a Cospend project CSV, which Cospend's project import reads.
async fn cospend_csv(state: web::Data<AppState>, member: Member) -> Result<HttpResponse, WebError> {
    let account = account_state(&state, &member).await?;
    let body = crate::import::write::cospend_csv(&account).into_bytes();
    let name = file_name(&member.account.name, "cospend");
    Ok(download(body, "text/csv; charset=utf-8", name))
}

/// The account's whole event stream: `tally import-account` restores it.
async fn backup_json(state: web::Data<AppState>, member: Member) -> Result<HttpResponse, WebError> {
    let account = member.account_id;
    let body = state
        .db(move |conn| {
            crate::application::backup::export_account(conn, account).map_err(WebError::internal)
        })
        .await?;
    let name = file_name(&member.account.name, "backup").replace(".csv", ".json");
    Ok(download(body, "application/json", name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised_and_others_left_alone() {
        for (input, expected) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Milk", "Milk"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(text_cell(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn file_names_are_ascii_and_tidy() {
        assert_eq!(file_name("Flat 3B", "expenses"), "Flat-3B-expenses.csv");
        assert_eq!(
            file_name("  \"Wohnung\" / Küche ", "balances"),
            "Wohnung-K-che-balances.csv"
        );
        assert_eq!(file_name("ÄÖÜ", "expenses"), "tally-expenses.csv");
        assert!(file_name(&"x".repeat(500), "expenses").len() < 80);
    }
}

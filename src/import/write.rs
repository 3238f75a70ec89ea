//! Exports for leaving: files the peers' own importers read, checked against their code —
//! IHateMoney `web.py` `import_project` (the keys it requires: amount, bill_type, currency,
//! date, owers, payer_name, payer_weight, what) and Cospend `CospendService::
//! importCsvProjectStream` (sections by column names; bills need what, amount, date or
//! timestamp, payer_name, payer_weight, owers). Neither peer has per-bill shares, so an
//! expense whose shares differ becomes one bill per share: every balance stays exact.

use super::format_minor;
use crate::domain::{MemberId, SharedAccount};
use chrono::NaiveDate;
use serde_json::value::RawValue;

/// One bill as both peers see it: one payer, owers who split it evenly.
struct Bill {
    what: String,
    reimbursement: bool,
    amount: i64,
    date: NaiveDate,
    payer: MemberId,
    owers: Vec<MemberId>,
}

fn bills(state: &SharedAccount) -> Vec<Bill> {
    let mut out = Vec::new();
    let mut expenses: Vec<_> = state.expenses.iter().filter(|(_, e)| !e.deleted).collect();
    expenses.sort_by_key(|(id, e)| (e.details.date, **id));
    for (_, e) in expenses {
        let shares = &e.shares;
        let even = shares.windows(2).all(|w| w[0].amount == w[1].amount);
        let what = e.details.description.as_str().to_string();
        // A refund leaves as a bill of the negative amount received: both peers book that
        // with the sign reversed, as tally does.
        let sign = e.sign();
        if even {
            out.push(Bill {
                what,
                reimbursement: false,
                amount: sign * e.details.amount.cents(),
                date: e.details.date,
                payer: e.details.payer,
                owers: shares.iter().map(|s| s.member_id).collect(),
            });
        } else {
            for s in shares.iter().filter(|s| s.amount.cents() > 0) {
                out.push(Bill {
                    what: format!("{what} ({})", name(state, s.member_id)),
                    reimbursement: false,
                    amount: sign * s.amount.cents(),
                    date: e.details.date,
                    payer: e.details.payer,
                    owers: vec![s.member_id],
                });
            }
        }
    }
    // A corrected payment leaves as it reads now; a deleted one counts for nothing, so it
    // does not leave at all.
    let mut transfers: Vec<_> = state
        .transfers
        .iter()
        .filter(|(_, t)| !t.deleted)
        .map(|(id, t)| (id, &t.details))
        .collect();
    transfers.sort_by_key(|(id, t)| (t.date, **id));
    for (_, t) in transfers {
        out.push(Bill {
            what: "Reimbursement".to_string(),
            reimbursement: true,
            amount: t.amount.cents(),
            date: t.date,
            payer: t.from,
            owers: vec![t.to],
        });
    }
    out.sort_by_key(|b| b.date);
    out
}

/// Text a spreadsheet would run as a formula gets a leading `'`, as IHateMoney and Spliit
/// write it; tally's importer takes it off again, Cospend's keeps it in the text.
fn guard(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn name(state: &SharedAccount, id: MemberId) -> String {
    state
        .member(id)
        .map_or_else(|| id.to_string(), |m| m.name.as_str().to_string())
}

fn currency(state: &SharedAccount) -> (String, u8) {
    state.opened.as_ref().map_or(("XXX".into(), 2), |(_, c)| {
        (c.code().to_string(), c.minor_units())
    })
}

/// IHateMoney's `bills.json`: newest first, as it writes them; amounts as JSON numbers
/// written from exact decimals.
pub fn ihatemoney_json(state: &SharedAccount) -> String {
    let (code, digits) = currency(state);
    let mut items = Vec::new();
    for b in bills(state).into_iter().rev() {
        let amount = RawValue::from_string(format_minor(b.amount, digits)).ok();
        let item = serde_json::json!({
            "what": b.what,
            "bill_type": if b.reimbursement { "Reimbursement" } else { "Expense" },
            "amount": amount,
            "currency": code,
            "date": b.date.to_string(),
            "payer_name": name(state, b.payer),
            "payer_weight": 1.0,
            "owers": b.owers.iter().map(|o| name(state, *o)).collect::<Vec<_>>(),
        });
        items.push(item);
    }
    escape_markup(&serde_json::to_string(&items).unwrap_or_else(|_| "[]".into()))
}

/// `<`, `>`, `&` and `'` as JSON escapes: the same JSON to any parser, and no markup in a file a
/// browser might be tricked into showing. They occur only inside strings, so this is safe.
pub fn escape_markup(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\'', "\\u0027")
}

/// Cospend's project CSV (current layout): members, bills (transfers in category −11),
/// and the account's currency as the main one.
pub fn cospend_csv(state: &SharedAccount) -> String {
    let (code, digits) = currency(state);
    // Cospend splits owers on ',', so a comma in a name cannot survive; it becomes a space.
    let safe = |id: MemberId| guard(&name(state, id).replace(',', " "));
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut out = String::new();
    let _ = w.write_record(["name", "weight", "active", "color"]);
    for m in &state.members {
        let _ = w.write_record([
            guard(&m.name.as_str().replace(',', " ")),
            "1".into(),
            if m.active { "1" } else { "0" }.into(),
            "#0082c9".into(),
        ]);
    }
    out.push_str(&String::from_utf8_lossy(
        &w.into_inner().unwrap_or_default(),
    ));
    out.push('\n');
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let _ = w.write_record([
        "what",
        "amount",
        "date",
        "timestamp",
        "payer_name",
        "payer_weight",
        "payer_active",
        "owers",
        "repeat",
        "repeatfreq",
        "repeatallactive",
        "repeatuntil",
        "categoryid",
        "paymentmode",
        "paymentmodeid",
        "comment",
        "deleted",
    ]);
    for b in bills(state) {
        let noon = b
            .date
            .and_hms_opt(12, 0, 0)
            .unwrap_or_default()
            .and_utc()
            .timestamp();
        let owers: Vec<String> = b.owers.iter().map(|o| safe(*o)).collect();
        let active = state.member(b.payer).is_none_or(|m| m.active);
        let _ = w.write_record([
            guard(&b.what),
            format_minor(b.amount, digits),
            b.date.to_string(),
            noon.to_string(),
            safe(b.payer),
            "1".into(),
            if active { "1" } else { "0" }.into(),
            owers.join(","),
            "n".into(),
            "1".into(),
            "0".into(),
            String::new(),
            if b.reimbursement { "-11" } else { "0" }.into(),
            "n".into(),
            "0".into(),
            String::new(),
            "0".into(),
        ]);
    }
    out.push_str(&String::from_utf8_lossy(
        &w.into_inner().unwrap_or_default(),
    ));
    out.push('\n');
    out.push_str(&format!("currencyname,exchange_rate\n\"{code}\",1\n"));
    out
}

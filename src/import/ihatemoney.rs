//! IHateMoney bills, JSON and CSV (`get_pretty_bills`, `models.py:346`; import `web.py:476`,
//! `utils.py:201` and `get_members`, `utils.py:292`, at commit 52e5720e). Members by name;
//! a member's weight is its `payer_weight` on its first bill as payer, 1 for owers who never
//! paid; `Reimbursement` bills are transfers.

use super::decimal::{parse_scaled, parse_weight};
use super::text::Table;
use super::{
    CurrencyCode, ImportError, ImportPlan, ImportReason, PeerArithmetic, PlanEntry, PlanExpense,
    PlanTransfer, Roster, SourceFormat, Unreadable, clean_text, parse_date, split_weighted,
};
use crate::domain::money::Currency;
use serde_json::Value;
use std::collections::BTreeMap;

/// One bill as the file has it, all text.
struct Bill {
    line: usize,
    what: String,
    reimbursement: bool,
    amount: String,
    currency: String,
    date: String,
    payer: String,
    payer_weight: String,
    owers: Vec<String>,
}

const REQUIRED: [&str; 6] = [
    "what",
    "amount",
    "date",
    "payer_name",
    "payer_weight",
    "owers",
];

fn json_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        // serde_json prints an f64 in its shortest exact form ("13.33", "200.0"), which is
        // the decimal IHateMoney rounded to; read that text, never the float.
        Value::Number(n) => n.to_string(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

pub(super) fn parse_json(value: &Value) -> Result<ImportPlan, ImportError> {
    let format = SourceFormat::IHateMoneyJson;
    let list = value
        .as_array()
        .ok_or_else(|| ImportError::malformed(format, ImportReason::NotAListOfBills))?;
    let mut bills = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let obj = item.as_object().ok_or_else(|| {
            ImportError::malformed(format, ImportReason::BillNotAnObject { bill: i + 1 })
        })?;
        for key in REQUIRED {
            if !obj.contains_key(key) {
                return Err(ImportError::malformed(
                    format,
                    ImportReason::BillWithoutKey { bill: i + 1, key },
                ));
            }
        }
        let owers = match &obj["owers"] {
            Value::Array(a) => a.iter().map(json_text).collect(),
            other => json_text(other).split(',').map(str::to_string).collect(),
        };
        bills.push(Bill {
            line: i + 1,
            what: json_text(&obj["what"]),
            reimbursement: obj.get("bill_type").map(json_text).as_deref() == Some("Reimbursement"),
            amount: json_text(&obj["amount"]),
            currency: obj.get("currency").map(json_text).unwrap_or_default(),
            date: json_text(&obj["date"]),
            payer: json_text(&obj["payer_name"]),
            payer_weight: json_text(&obj["payer_weight"]),
            owers,
        });
    }
    build(format, bills)
}

pub(super) fn parse_csv(table: &Table) -> Result<ImportPlan, ImportError> {
    let format = SourceFormat::IHateMoneyCsv;
    let header = &table.rows[0];
    let columns: BTreeMap<String, usize> = header
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| (c.trim().to_lowercase(), i))
        .collect();
    for key in REQUIRED {
        if !columns.contains_key(key) {
            return Err(ImportError::malformed(
                format,
                ImportReason::ColumnMissing { column: key },
            ));
        }
    }
    let get = |row: &super::text::Row, key: &str| {
        columns
            .get(key)
            .map(|&i| row.cell(i).to_string())
            .unwrap_or_default()
    };
    let mut bills = Vec::new();
    for row in &table.rows[1..] {
        let what = get(row, "what");
        if what == "categoryname" {
            break;
        }
        if what == "deleteMeIfYouWant" {
            continue;
        }
        bills.push(Bill {
            line: row.line,
            what,
            reimbursement: get(row, "bill_type").trim() == "Reimbursement",
            amount: get(row, "amount"),
            currency: get(row, "currency"),
            date: get(row, "date"),
            payer: get(row, "payer_name"),
            payer_weight: get(row, "payer_weight"),
            owers: get(row, "owers").split(',').map(str::to_string).collect(),
        });
    }
    build(format, bills)
}

fn build(format: SourceFormat, bills: Vec<Bill>) -> Result<ImportPlan, ImportError> {
    // The roster as IHateMoney's importer builds it: payers in bill order, then owers.
    let mut roster = Roster::default();
    let mut weights: Vec<i64> = Vec::new();
    for bill in &bills {
        let name = clean_text(&bill.payer);
        if !name.is_empty() && roster.get(&name).is_none() {
            roster.add(&name);
            weights.push(
                parse_weight(&bill.payer_weight)
                    .ok()
                    .filter(|w| *w > 0)
                    .unwrap_or(1_000_000),
            );
        }
    }
    for bill in &bills {
        for ower in &bill.owers {
            let name = clean_text(ower);
            if !name.is_empty() && roster.get(&name).is_none() {
                roster.add(&name);
                weights.push(1_000_000);
            }
        }
    }
    let people = roster.names.len();
    let mut entries = Vec::new();
    let mut unreadable = Vec::new();
    let mut peer = PeerArithmetic::default();
    let mut digits_seen = None;
    for bill in &bills {
        match read_bill(bill, &roster, &weights) {
            Ok((entry, exact, digits)) => {
                digits_seen.get_or_insert(digits);
                for (p, micro) in exact {
                    peer.add(&entry_currency(&entry), people, p, micro);
                }
                entries.extend(entry);
            }
            Err(reason) => unreadable.push(Unreadable {
                line: bill.line,
                reason,
            }),
        }
    }
    let mut plan = ImportPlan {
        format,
        file_hash: String::new(),
        minor_digits: digits_seen.unwrap_or(2),
        people: roster.names,
        entries,
        unreadable,
        notes: Vec::new(),
        rounding: Vec::new(),
    };
    plan.rounding = peer.differences(&plan);
    Ok(plan)
}

fn entry_currency(entries: &[PlanEntry]) -> Option<CurrencyCode> {
    entries.first().and_then(|e| e.currency().cloned())
}

type Read = (Vec<PlanEntry>, Vec<(usize, i128)>, u8);

fn read_bill(bill: &Bill, roster: &Roster, weights: &[i64]) -> Result<Read, ImportReason> {
    let code = bill.currency.trim().to_ascii_uppercase();
    let currency = (!code.is_empty() && code != "XXX").then(|| CurrencyCode(code.clone()));
    let digits = Currency::from_code(&code).map_or(2, |c| c.minor_units());
    let amount = parse_scaled(&bill.amount, digits)?.units;
    if amount <= 0 {
        return Err(ImportReason::AmountNotPositive);
    }
    let date = parse_date(&bill.date)?;
    let payer = roster
        .get(&clean_text(&bill.payer))
        .ok_or(ImportReason::NoPayer)?;
    let mut owers: Vec<usize> = Vec::new();
    for o in &bill.owers {
        let name = clean_text(o);
        if name.is_empty() {
            continue;
        }
        let i = roster
            .get(&name)
            .ok_or_else(|| ImportReason::UnknownOwer { name: name.clone() })?;
        if !owers.contains(&i) {
            owers.push(i);
        }
    }
    if owers.is_empty() {
        return Err(ImportReason::NoOwers);
    }
    owers.sort();
    let w: Vec<i64> = owers.iter().map(|&i| weights[i]).collect();
    let (cents, exact) = split_weighted(amount, &w);
    let description = clean_text(&bill.what);
    let mut peer: Vec<(usize, i128)> = vec![(payer, i128::from(amount) * 1_000_000)];
    peer.extend(owers.iter().zip(&exact).map(|(&p, e)| (p, -e)));
    let entries = if bill.reimbursement {
        owers
            .iter()
            .zip(&cents)
            .filter(|(to, c)| **c > 0 && **to != payer)
            .map(|(&to, &c)| {
                PlanEntry::Transfer(PlanTransfer {
                    line: bill.line,
                    date,
                    description: description.clone(),
                    currency: currency.clone(),
                    from: payer,
                    to,
                    amount: c,
                })
            })
            .collect()
    } else {
        vec![PlanEntry::Expense(PlanExpense {
            line: bill.line,
            date,
            description,
            currency,
            amount,
            payer,
            shares: owers
                .into_iter()
                .zip(cents)
                .filter(|(_, c)| *c > 0)
                .collect(),
        })]
    };
    Ok((entries, peer, digits))
}

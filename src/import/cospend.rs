//! Cospend project CSV (`CospendService::getJsonProject`, `:1015`, and its importer
//! `importCsvProjectStream`, `:133`, at 1b39958e): sections recognised by their header
//! (members `name,weight,active,color`; bills `what,amount,…`; categories, payment modes,
//! currencies). Shares by member weight (0 counts as 1, `getBalance`, `:1568`), transfers are
//! category −11, `deleted` bills are left out. Also the pre-2021 layout, whose members are
//! `deleteMeIfYouWant` bills.

use super::decimal::{parse_scaled, parse_weight};
use super::text::{Row, Table};
use super::{
    CurrencyCode, ImportError, ImportNote, ImportPlan, ImportReason, PeerArithmetic, PlanEntry,
    PlanExpense, PlanTransfer, Roster, SourceFormat, Unreadable, clean_text, parse_date,
    split_weighted,
};
use crate::domain::money::Currency;
use std::collections::BTreeMap;

const FORMAT: SourceFormat = SourceFormat::CospendCsv;
const REIMBURSEMENT: &str = "-11";
const ONE: i64 = 1_000_000;

#[derive(Clone, Copy, PartialEq)]
enum Section {
    None,
    Members,
    Bills,
    Currencies,
    Other,
}

type Columns = BTreeMap<String, usize>;

fn columns(row: &Row) -> Columns {
    row.cells
        .iter()
        .enumerate()
        .map(|(i, c)| (c.trim().to_lowercase(), i))
        .collect()
}

fn get<'a>(row: &'a Row, cols: &Columns, key: &str) -> &'a str {
    cols.get(key).map_or("", |&i| row.cell(i))
}

pub(super) fn parse(table: &Table) -> Result<ImportPlan, ImportError> {
    let bad = |reason: ImportReason| ImportError::malformed(FORMAT, reason);
    let mut section = Section::None;
    let mut cols = Columns::new();
    let mut roster = Roster::default();
    let mut weights: Vec<i64> = Vec::new();
    let mut has_member_section = false;
    let mut bills: Vec<(Row, Columns)> = Vec::new();
    let mut main_currency: Option<String> = None;
    for row in &table.rows {
        let first = row.cell(0).trim().to_lowercase();
        let header = match first.as_str() {
            "name" if row.cells.iter().any(|c| c.trim() == "weight") => Some(Section::Members),
            "what" => Some(Section::Bills),
            "categoryname" | "paymentmodename" => Some(Section::Other),
            "currencyname" => Some(Section::Currencies),
            _ => None,
        };
        if let Some(s) = header {
            section = s;
            cols = columns(row);
            if s == Section::Members {
                has_member_section = true;
            }
            if s == Section::Bills {
                for key in ["what", "amount", "payer_name", "payer_weight", "owers"] {
                    if !cols.contains_key(key) {
                        return Err(bad(ImportReason::BillsColumnMissing {
                            column: key,
                            line: row.line,
                        }));
                    }
                }
                if !cols.contains_key("date") && !cols.contains_key("timestamp") {
                    return Err(bad(ImportReason::BillsWithoutDate));
                }
            }
            continue;
        }
        match section {
            Section::Members => {
                let name = clean_text(get(row, &cols, "name"));
                if name.is_empty() {
                    return Err(bad(ImportReason::MemberWithoutName { line: row.line }));
                }
                if roster.get(&name).is_some() {
                    return Err(bad(ImportReason::MemberTwice {
                        line: row.line,
                        name,
                    }));
                }
                let w = parse_weight(get(row, &cols, "weight")).map_err(|error| {
                    bad(ImportReason::Weight {
                        line: row.line,
                        error,
                    })
                })?;
                roster.add(&name);
                weights.push(if w <= 0 { ONE } else { w });
            }
            Section::Bills => {
                if get(row, &cols, "what") == "deleteMeIfYouWant" {
                    let name = clean_text(get(row, &cols, "payer_name"));
                    if !name.is_empty() && roster.get(&name).is_none() {
                        roster.add(&name);
                        let w = parse_weight(get(row, &cols, "payer_weight")).unwrap_or(ONE);
                        weights.push(if w <= 0 { ONE } else { w });
                    }
                    continue;
                }
                bills.push((row.clone(), cols.clone()));
            }
            Section::Currencies => {
                if main_currency.is_none() {
                    main_currency = Some(clean_text(row.cell(0)).to_ascii_uppercase());
                }
            }
            Section::None => return Err(ImportError::UnknownFormat),
            Section::Other => {}
        }
    }
    if !has_member_section {
        // Files without a members section: payers, then owers, as Cospend's importer adds them.
        for (row, cols) in &bills {
            let name = clean_text(get(row, cols, "payer_name"));
            if !name.is_empty() && roster.get(&name).is_none() {
                roster.add(&name);
                let w = parse_weight(get(row, cols, "payer_weight")).unwrap_or(ONE);
                weights.push(if w <= 0 { ONE } else { w });
            }
        }
        for (row, cols) in &bills {
            for o in get(row, cols, "owers").split(',') {
                let name = clean_text(o);
                if !name.is_empty() && roster.get(&name).is_none() {
                    roster.add(&name);
                    weights.push(ONE);
                }
            }
        }
    }
    let digits = main_currency
        .as_deref()
        .and_then(|c| Currency::from_code(c).ok())
        .map_or(2, |c| c.minor_units());
    let currency = main_currency.map(CurrencyCode);
    let people = roster.names.len();
    let mut entries = Vec::new();
    let mut unreadable = Vec::new();
    let mut notes = Vec::new();
    let mut peer = PeerArithmetic::default();
    for (row, cols) in &bills {
        if get(row, cols, "deleted").trim() == "1" {
            notes.push(ImportNote::InTrash { line: row.line });
            continue;
        }
        match read_bill(row, cols, &roster, &weights, digits, &currency) {
            Ok((mut more, exact, rounded)) => {
                if rounded {
                    notes.push(ImportNote::RoundedToCent { line: row.line });
                }
                for (p, micro) in exact {
                    peer.add(&currency, people, p, micro);
                }
                entries.append(&mut more);
            }
            Err(reason) => unreadable.push(Unreadable {
                line: row.line,
                reason,
            }),
        }
    }
    let mut plan = ImportPlan {
        format: FORMAT,
        file_hash: String::new(),
        minor_digits: digits,
        people: roster.names,
        entries,
        unreadable,
        notes,
        rounding: Vec::new(),
    };
    plan.rounding = peer.differences(&plan);
    Ok(plan)
}

type Read = (Vec<PlanEntry>, Vec<(usize, i128)>, bool);

fn read_bill(
    row: &Row,
    cols: &Columns,
    roster: &Roster,
    weights: &[i64],
    digits: u8,
    currency: &Option<CurrencyCode>,
) -> Result<Read, ImportReason> {
    let scaled = parse_scaled(get(row, cols, "amount"), digits)?;
    let amount = scaled.units;
    if amount <= 0 {
        return Err(ImportReason::NegativeBill);
    }
    let date_text = get(row, cols, "date");
    let date = if !date_text.trim().is_empty() {
        parse_date(date_text)?
    } else {
        let ts: i64 = get(row, cols, "timestamp")
            .trim()
            .parse()
            .map_err(|_| ImportReason::NoDateNorTimestamp)?;
        chrono::DateTime::from_timestamp(ts, 0)
            .ok_or(ImportReason::TimestampOutOfRange)?
            .date_naive()
    };
    let payer_name = clean_text(get(row, cols, "payer_name"));
    let payer = roster
        .get(&payer_name)
        .ok_or_else(|| ImportReason::PayerNotMember {
            name: payer_name.clone(),
        })?;
    let mut owers = Vec::new();
    for o in get(row, cols, "owers").split(',') {
        let name = clean_text(o);
        if name.is_empty() {
            continue;
        }
        let i = roster
            .get(&name)
            .ok_or_else(|| ImportReason::OwerNotMember { name: name.clone() })?;
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
    let mut peer: Vec<(usize, i128)> = vec![(payer, i128::from(amount) * 1_000_000)];
    peer.extend(owers.iter().zip(&exact).map(|(&p, x)| (p, -x)));
    let description = clean_text(get(row, cols, "what"));
    let entries = if get(row, cols, "categoryid").trim() == REIMBURSEMENT {
        owers
            .iter()
            .zip(&cents)
            .filter(|(to, c)| **c > 0 && **to != payer)
            .map(|(&to, &c)| {
                PlanEntry::Transfer(PlanTransfer {
                    line: row.line,
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
            line: row.line,
            date,
            description,
            currency: currency.clone(),
            amount,
            payer,
            shares: owers
                .into_iter()
                .zip(cents)
                .filter(|(_, c)| *c > 0)
                .collect(),
        })]
    };
    Ok((entries, peer, scaled.rounded))
}

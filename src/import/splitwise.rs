//! Splitwise CSV: `Date,Description,Category,Cost,Currency,<person>…`, the first five names
//! translated, each person's column their net for the row (paid − owed), footers
//! `<date>,Total balance, , ,<CUR>,<nets>` per currency. Read from four real exports and the
//! importers in Cospend (`importSWProject`) and spliit-cloud (`splitwise-headers.ts`).

use super::decimal::parse_scaled;
use super::text::{Row, Table};
use super::{
    CurrencyCode, ImportError, ImportNote, ImportPlan, ImportReason, PlanEntry, PlanExpense,
    PlanTransfer, Roster, SourceFormat, Unreadable, clean_text, parse_date,
};
use crate::domain::money::Currency;
use std::collections::BTreeMap;

const FORMAT: SourceFormat = SourceFormat::SplitwiseCsv;

/// "Payment" in the languages Splitwise exports in; its transfers carry this category.
const PAYMENT: &[&str] = &[
    "payment",
    "zahlung",
    "pago",
    "paiement",
    "pagamento",
    "betaling",
    "płatność",
    "платеж",
    "плаќање",
    "ödeme",
    "betalning",
];

fn header_index(table: &Table) -> Option<usize> {
    table
        .rows
        .iter()
        .take(5)
        .position(|r| r.cells.len() >= 6 && r.cells[..5].iter().all(|c| !c.trim().is_empty()))
}

/// A header of at least six columns followed by rows dated in the first column with a
/// three-letter currency in the fifth: Splitwise, whatever its header language.
pub(super) fn looks_like(table: &Table) -> bool {
    let Some(h) = header_index(table) else {
        return false;
    };
    let data = table
        .rows
        .iter()
        .skip(h + 1)
        .find(|r| !r.cell(0).trim().is_empty());
    match data {
        Some(r) => {
            parse_date(r.cell(0)).is_ok()
                && r.cell(4).trim().len() == 3
                && r.cell(4).trim().chars().all(|c| c.is_ascii_alphabetic())
        }
        None => false,
    }
}

fn minor_digits(code: &str) -> u8 {
    Currency::from_code(code).map_or(2, |c| c.minor_units())
}

pub(super) fn parse(table: &Table) -> Result<ImportPlan, ImportError> {
    let h = header_index(table)
        .ok_or_else(|| ImportError::malformed(FORMAT, ImportReason::NoHeader))?;
    let header = &table.rows[h];
    let mut roster = Roster::default();
    for name in &header.cells[5..] {
        let name = clean_text(name);
        if name.is_empty() {
            return Err(ImportError::malformed(
                FORMAT,
                ImportReason::MemberColumnWithoutName,
            ));
        }
        if roster.get(&name).is_some() {
            return Err(ImportError::malformed(
                FORMAT,
                ImportReason::MemberColumnTwice { name },
            ));
        }
        roster.add(&name);
    }
    let people = roster.names.len();
    let mut entries = Vec::new();
    let mut unreadable = Vec::new();
    let mut footers: BTreeMap<CurrencyCode, (usize, Vec<i64>)> = BTreeMap::new();
    let mut digits_seen: Option<u8> = None;
    for row in &table.rows[h + 1..] {
        if row.cell(0).trim().is_empty() {
            unreadable.push(Unreadable {
                line: row.line,
                reason: ImportReason::RowWithoutDate,
            });
            continue;
        }
        let currency = row.cell(4).trim().to_ascii_uppercase();
        let digits = minor_digits(&currency);
        let is_footer = row.cell(2).trim().is_empty() && row.cell(3).trim().is_empty();
        let nets = match read_nets(row, people, digits) {
            Ok(n) => n,
            Err(reason) => {
                unreadable.push(Unreadable {
                    line: row.line,
                    reason,
                });
                continue;
            }
        };
        if is_footer {
            footers.insert(CurrencyCode(currency), (row.line, nets));
            continue;
        }
        digits_seen.get_or_insert(digits);
        match read_row(row, &currency, digits, nets) {
            Ok(mut more) => entries.append(&mut more),
            Err(reason) => unreadable.push(Unreadable {
                line: row.line,
                reason,
            }),
        }
    }
    let mut plan = ImportPlan {
        format: FORMAT,
        file_hash: String::new(),
        minor_digits: digits_seen.unwrap_or(2),
        people: roster.names,
        entries,
        unreadable,
        notes: Vec::new(),
        rounding: Vec::new(),
    };
    let nets = plan.nets();
    for (currency, (line, footer)) in footers {
        let ours = nets
            .get(&Some(currency.clone()))
            .cloned()
            .unwrap_or_else(|| vec![0; people]);
        if ours == footer {
            plan.notes.push(ImportNote::FooterMatches {
                currency: currency.0.clone(),
                line,
            });
        } else {
            for (i, (o, f)) in ours.iter().zip(&footer).enumerate() {
                if o != f {
                    plan.notes.push(ImportNote::FooterDiffers {
                        currency: currency.0.clone(),
                        line,
                        person: plan.people[i].clone(),
                        footer: *f,
                        rows: *o,
                        digits: minor_digits(&currency.0),
                    });
                }
            }
        }
    }
    Ok(plan)
}

fn read_nets(row: &Row, people: usize, digits: u8) -> Result<Vec<i64>, ImportReason> {
    if row.cells.len() < 5 + people {
        return Err(ImportReason::ColumnCount {
            found: row.cells.len(),
            expected: 5 + people,
        });
    }
    (0..people)
        .map(|i| {
            let cell = row.cell(5 + i);
            if cell.trim().is_empty() {
                return Ok(0);
            }
            parse_scaled(cell, digits)
                .map(|s| s.units)
                .map_err(|error| ImportReason::Column {
                    column: 6 + i,
                    error,
                })
        })
        .collect()
}

/// One row's nets as an expense paid by the person who is most ahead, plus a transfer from
/// each other person who is ahead: every net comes out to the cent, the cost stays the cost.
fn read_row(
    row: &Row,
    currency: &str,
    digits: u8,
    nets: Vec<i64>,
) -> Result<Vec<PlanEntry>, ImportReason> {
    let date = parse_date(row.cell(0))?;
    let description = clean_text(row.cell(1));
    let category = row.cell(2).trim().to_lowercase();
    let cost = parse_scaled(row.cell(3), digits)
        .map_err(ImportReason::Cost)?
        .units;
    let sum: i64 = nets.iter().sum();
    if sum != 0 {
        return Err(ImportReason::NetsDoNotAddUp { sum, digits });
    }
    let currency = Some(CurrencyCode(currency.to_string()));
    let mut positives: Vec<usize> = (0..nets.len()).filter(|&i| nets[i] > 0).collect();
    let negatives: Vec<usize> = (0..nets.len()).filter(|&i| nets[i] < 0).collect();
    if positives.is_empty() {
        return Err(ImportReason::NoBalanceChanges);
    }
    if PAYMENT.contains(&category.as_str()) && positives.len() == 1 && negatives.len() == 1 {
        return Ok(vec![PlanEntry::Transfer(PlanTransfer {
            line: row.line,
            date,
            description,
            currency,
            from: positives[0],
            to: negatives[0],
            amount: nets[positives[0]],
        })]);
    }
    // The payer: the one most ahead, the earlier column on a tie.
    positives.sort_by(|a, b| nets[*b].cmp(&nets[*a]).then(a.cmp(b)));
    let payer = positives[0];
    let owed_by_others: i64 = negatives.iter().map(|&i| -nets[i]).sum();
    let amount = cost.max(owed_by_others);
    let mut shares: Vec<(usize, i64)> = negatives.iter().map(|&i| (i, -nets[i])).collect();
    if amount > owed_by_others {
        shares.push((payer, amount - owed_by_others));
    }
    shares.sort();
    let mut out = vec![PlanEntry::Expense(PlanExpense {
        line: row.line,
        date,
        description: description.clone(),
        currency: currency.clone(),
        amount,
        payer,
        shares,
    })];
    for &k in &positives[1..] {
        out.push(PlanEntry::Transfer(PlanTransfer {
            line: row.line,
            date,
            description: format!("{description} (also paid)"),
            currency: currency.clone(),
            from: k,
            to: payer,
            amount: nets[k],
        }));
    }
    Ok(out)
}

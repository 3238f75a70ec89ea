//! Spliit group JSON (`export/json/route.ts` at edcf11ea): participants by id, amounts in
//! minor units of the group currency, `paidFor[].shares` meaning per `splitMode`
//! (`schemas.ts:201-206`), `isReimbursement` for transfers. Its CSV cannot give balances.

use super::decimal::parse_scaled;
use super::text::Table;
use super::{
    CurrencyCode, ImportError, ImportPlan, ImportReason, PeerArithmetic, PlanEntry, PlanExpense,
    PlanTransfer, Roster, SourceFormat, Unreadable, clean_text, parse_date, split_weighted,
};
use crate::domain::money::Currency;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const FORMAT: SourceFormat = SourceFormat::SpliitJson;

pub(super) fn parse_json(value: &Value) -> Result<ImportPlan, ImportError> {
    let bad = |reason: ImportReason| ImportError::malformed(FORMAT, reason);
    let participants = value["participants"]
        .as_array()
        .ok_or_else(|| bad(ImportReason::ParticipantsNotAList))?;
    let mut roster = Roster::default();
    let mut by_id: BTreeMap<String, usize> = BTreeMap::new();
    for (i, p) in participants.iter().enumerate() {
        let id = p["id"]
            .as_str()
            .ok_or_else(|| bad(ImportReason::ParticipantWithoutId { participant: i + 1 }))?;
        let name = p["name"]
            .as_str()
            .ok_or_else(|| bad(ImportReason::ParticipantWithoutName { participant: i + 1 }))?;
        if by_id.contains_key(id) {
            return Err(bad(ImportReason::ParticipantIdTwice { id: id.to_string() }));
        }
        // Spliit allows two participants of one name; tally's members need distinct ones.
        let index = if roster.get(name).is_some() {
            roster.add(&format!("{} ({})", name.trim(), i + 1))
        } else {
            roster.add(name)
        };
        by_id.insert(id.to_string(), index);
    }
    let code = value["currencyCode"]
        .as_str()
        .map(|c| c.trim().to_ascii_uppercase());
    let digits = code
        .as_deref()
        .and_then(|c| Currency::from_code(c).ok())
        .map_or(2, |c| c.minor_units());
    let currency = code.map(CurrencyCode);
    let expenses = value["expenses"]
        .as_array()
        .ok_or_else(|| bad(ImportReason::ExpensesNotAList))?;
    let people = roster.names.len();
    let mut seen_ids = BTreeSet::new();
    let mut entries = Vec::new();
    let mut unreadable = Vec::new();
    let mut peer = PeerArithmetic::default();
    for (i, e) in expenses.iter().enumerate() {
        if let Some(id) = e.get("id").and_then(Value::as_str)
            && !seen_ids.insert(id.to_string())
        {
            return Err(bad(ImportReason::ExpenseIdTwice { id: id.to_string() }));
        }
        match read_expense(e, i + 1, &by_id, &currency) {
            Ok((mut more, exact)) => {
                for (p, micro) in exact {
                    peer.add(&currency, people, p, micro);
                }
                entries.append(&mut more);
            }
            Err(reason) => unreadable.push(Unreadable {
                line: i + 1,
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
        notes: Vec::new(),
        rounding: Vec::new(),
    };
    plan.rounding = peer.differences(&plan);
    Ok(plan)
}

type Read = (Vec<PlanEntry>, Vec<(usize, i128)>);

fn read_expense(
    e: &Value,
    line: usize,
    by_id: &BTreeMap<String, usize>,
    currency: &Option<CurrencyCode>,
) -> Result<Read, ImportReason> {
    let amount = e["amount"].as_i64().ok_or(ImportReason::AmountNotWhole)?;
    if amount <= 0 {
        return Err(ImportReason::AmountNotPositive);
    }
    let date = parse_date(
        e["expenseDate"]
            .as_str()
            .ok_or(ImportReason::MissingField {
                field: "expenseDate",
            })?,
    )?;
    let title = clean_text(e["title"].as_str().unwrap_or(""));
    let payer_id = e["paidById"]
        .as_str()
        .ok_or(ImportReason::MissingField { field: "paidById" })?;
    let payer = *by_id
        .get(payer_id)
        .ok_or_else(|| ImportReason::PayerNotParticipant {
            id: payer_id.to_string(),
        })?;
    let mode = e["splitMode"].as_str().unwrap_or("EVENLY");
    let mut parts: Vec<(usize, i64)> = Vec::new();
    for p in e["paidFor"].as_array().ok_or(ImportReason::NoPaidFor)? {
        let id = p["participantId"]
            .as_str()
            .ok_or(ImportReason::PaidForWithoutParticipant)?;
        let who = *by_id
            .get(id)
            .ok_or_else(|| ImportReason::PaidForNotParticipant { id: id.to_string() })?;
        if parts.iter().any(|(w, _)| *w == who) {
            return Err(ImportReason::PaidForTwice { id: id.to_string() });
        }
        let shares = p["shares"].as_i64().ok_or(ImportReason::ShareNotWhole)?;
        if shares < 0 {
            return Err(ImportReason::ShareNegative);
        }
        parts.push((who, if mode == "EVENLY" { 1 } else { shares }));
    }
    if parts.is_empty() {
        return Err(ImportReason::NobodyShares);
    }
    parts.sort();
    let weights: Vec<i64> = parts.iter().map(|(_, w)| *w).collect();
    let (cents, exact) = match mode {
        "BY_AMOUNT" => {
            let sum: i64 = weights.iter().sum();
            if sum != amount {
                return Err(ImportReason::AmountsDoNotAddUp { sum, amount });
            }
            (
                weights.clone(),
                weights.iter().map(|w| i128::from(*w) * 1_000_000).collect(),
            )
        }
        "EVENLY" | "BY_SHARES" | "BY_PERCENTAGE" => {
            if weights.iter().sum::<i64>() == 0 {
                return Err(ImportReason::AllSharesZero);
            }
            split_weighted(amount, &weights)
        }
        other => {
            return Err(ImportReason::UnknownSplitMode {
                mode: other.to_string(),
            });
        }
    };
    let mut peer: Vec<(usize, i128)> = vec![(payer, i128::from(amount) * 1_000_000)];
    peer.extend(parts.iter().zip(&exact).map(|((p, _), x)| (*p, -x)));
    let members = parts.iter().map(|(p, _)| *p);
    let entries = if e["isReimbursement"].as_bool() == Some(true) {
        members
            .zip(cents)
            .filter(|(to, c)| *c > 0 && *to != payer)
            .map(|(to, c)| {
                PlanEntry::Transfer(PlanTransfer {
                    line,
                    date,
                    description: title.clone(),
                    currency: currency.clone(),
                    from: payer,
                    to,
                    amount: c,
                })
            })
            .collect()
    } else {
        vec![PlanEntry::Expense(PlanExpense {
            line,
            date,
            description: title,
            currency: currency.clone(),
            amount,
            payer,
            shares: members.zip(cents).filter(|(_, c)| *c > 0).collect(),
        })]
    };
    Ok((entries, peer))
}

/// Spliit's CSV gives each person's share signed by whether they paid, not their net; it is
/// refused, with the nets a literal reading would give (the `+` column, or else a `0` column,
/// paid the cost; each cell's size is that person's share), and a pointer to the JSON export.
pub(super) fn explain_csv(table: &Table) -> ImportError {
    let header = &table.rows[0];
    let cost_at = header
        .cells
        .iter()
        .position(|c| c.trim().eq_ignore_ascii_case("cost"))
        .unwrap_or(4);
    let start = header
        .cells
        .iter()
        .position(|c| c.trim().eq_ignore_ascii_case("split mode"))
        .map_or(10, |i| i + 1);
    let names: Vec<String> = header.cells[start.min(header.cells.len())..].to_vec();
    let mut nets = vec![0_i64; names.len()];
    for row in &table.rows[1..] {
        let cells: Vec<i64> = (0..names.len())
            .map(|i| parse_scaled(row.cell(start + i), 2).map_or(0, |s| s.units))
            .collect();
        let cost = parse_scaled(row.cell(cost_at), 2).map_or(0, |s| s.units);
        let payer = cells
            .iter()
            .position(|c| *c > 0)
            .or_else(|| cells.iter().position(|c| *c == 0));
        for (i, (net, cell)) in nets.iter_mut().zip(&cells).enumerate() {
            if Some(i) == payer {
                *net += cost;
            }
            *net -= cell.abs();
        }
    }
    ImportError::SpliitCsvHasNoPayers {
        literal: names.into_iter().zip(nets).collect(),
    }
}

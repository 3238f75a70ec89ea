//! Reading other apps' files into one neutral [`ImportPlan`]: who is in it, each expense with
//! the exact cents every person owes, each transfer, the rows that cannot be read (with their
//! line and why) and the nets that result. Pure: no web, no database. Applying a plan is the
//! application layer's business.
//!
//! Formats and their quirks are described in the peers' own code; the notes in each parser
//! name what was read. Money is decimal text or minor units, never a float.

mod cospend;
pub mod decimal;
pub mod ecb;
mod ihatemoney;
mod reason;
mod spliit;
mod splitwise;
mod text;
pub mod write;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

pub use reason::{ImportNote, ImportReason};
pub use text::MAX_FILE_BYTES;

/// Which app wrote a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceFormat {
    /// Splitwise group or friend CSV, in any header language.
    SplitwiseCsv,
    /// IHateMoney `bills.json`.
    IHateMoneyJson,
    /// IHateMoney `bills.csv`.
    IHateMoneyCsv,
    /// Spliit group JSON.
    SpliitJson,
    /// Spliit expense CSV (read only to explain why it cannot give balances).
    SpliitCsv,
    /// Cospend project CSV, current or pre-2021 layout.
    CospendCsv,
}

impl SourceFormat {
    /// The stable name written in event metadata.
    pub fn code(self) -> &'static str {
        match self {
            SourceFormat::SplitwiseCsv => "splitwise-csv",
            SourceFormat::IHateMoneyJson => "ihatemoney-json",
            SourceFormat::IHateMoneyCsv => "ihatemoney-csv",
            SourceFormat::SpliitJson => "spliit-json",
            SourceFormat::SpliitCsv => "spliit-csv",
            SourceFormat::CospendCsv => "cospend-csv",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            SourceFormat::SplitwiseCsv => "Splitwise (CSV)",
            SourceFormat::IHateMoneyJson => "IHateMoney (JSON)",
            SourceFormat::IHateMoneyCsv => "IHateMoney (CSV)",
            SourceFormat::SpliitJson => "Spliit (JSON)",
            SourceFormat::SpliitCsv => "Spliit (CSV)",
            SourceFormat::CospendCsv => "Cospend (CSV)",
        }
    }
}

/// Why a whole file cannot be imported. Each message says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Nothing in it.
    #[error("the file is empty")]
    Empty,
    /// Over the upload limit.
    #[error("the file is larger than {} MiB", MAX_FILE_BYTES / (1024 * 1024))]
    TooLarge,
    /// Not UTF-8 text, or binary.
    #[error(
        "the file is not UTF-8 text ({0}); export it again from the app, without converting it"
    )]
    NotText(&'static str),
    /// No known layout.
    #[error(
        "tally does not recognise this file; it reads Splitwise CSV, IHateMoney JSON or CSV, Spliit JSON and Cospend CSV exports"
    )]
    UnknownFormat,
    /// Recognised, but broken.
    #[error("{format}: {reason}")]
    Malformed {
        /// Which format it looked like.
        format: &'static str,
        /// What is wrong, with the line where there is one.
        reason: ImportReason,
    },
    /// A tally backup: restored as a whole account, not imported into one.
    #[error(
        "this is a tally backup; restore it as a whole account (tally import-account FILE) instead of importing it into one"
    )]
    IsBackup,
    /// Spliit's CSV columns are each person's share, not who paid: balances cannot come from it.
    #[error(
        "Spliit's CSV export does not say who paid (each column is a share), so balances cannot be built from it; export the group as JSON in Spliit and import that file"
    )]
    SpliitCsvHasNoPayers {
        /// The columns read literally, summed, per person: what the file would wrongly give.
        literal: Vec<(String, i64)>,
    },
}

impl ImportError {
    fn malformed(format: SourceFormat, reason: ImportReason) -> Self {
        ImportError::Malformed {
            format: format.label(),
            reason,
        }
    }
}

/// A currency as a file names it. Not necessarily one tally keeps accounts in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CurrencyCode(pub String);

/// Who owes what of one expense, in minor units; the shares add up to the amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanExpense {
    /// Line in the file (1-based; for JSON, the position of the entry, 1-based).
    pub line: usize,
    /// When.
    pub date: NaiveDate,
    /// What for, as the file says.
    pub description: String,
    /// Its currency, if the file says.
    pub currency: Option<CurrencyCode>,
    /// The whole amount, in minor units, above zero.
    pub amount: i64,
    /// Index into [`ImportPlan::people`].
    pub payer: usize,
    /// (person, cents), each above zero, in roster order; sums to `amount`.
    pub shares: Vec<(usize, i64)>,
}

/// One person gave another money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanTransfer {
    /// Line in the file.
    pub line: usize,
    /// When.
    pub date: NaiveDate,
    /// What the file calls it.
    pub description: String,
    /// Its currency, if the file says.
    pub currency: Option<CurrencyCode>,
    /// Who gave (their net goes up).
    pub from: usize,
    /// Who received.
    pub to: usize,
    /// Minor units, above zero.
    pub amount: i64,
}

/// One entry of a plan, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanEntry {
    /// A shared expense.
    Expense(PlanExpense),
    /// A payment between two people.
    Transfer(PlanTransfer),
}

impl PlanEntry {
    /// The entry's line in the file.
    pub fn line(&self) -> usize {
        match self {
            PlanEntry::Expense(e) => e.line,
            PlanEntry::Transfer(t) => t.line,
        }
    }

    /// The entry's date.
    pub fn date(&self) -> NaiveDate {
        match self {
            PlanEntry::Expense(e) => e.date,
            PlanEntry::Transfer(t) => t.date,
        }
    }

    /// The entry's currency.
    pub fn currency(&self) -> Option<&CurrencyCode> {
        match self {
            PlanEntry::Expense(e) => e.currency.as_ref(),
            PlanEntry::Transfer(t) => t.currency.as_ref(),
        }
    }
}

/// A row that was left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// Line in the file (1-based).
    pub line: usize,
    /// Why.
    pub reason: ImportReason,
}

/// Where the peer's own arithmetic gives a person a different net than tally's exact cents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundingDifference {
    /// The currency.
    pub currency: Option<CurrencyCode>,
    /// Index into people.
    pub person: usize,
    /// What tally gives, minor units.
    pub ours: i64,
    /// What the peer shows (its unrounded arithmetic, rounded once at the end).
    pub peers: i64,
}

/// Everything a file says, in tally's terms, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPlan {
    /// Which app wrote it.
    pub format: SourceFormat,
    /// SHA-256 of the file's bytes, hex; import ids derive from it.
    pub file_hash: String,
    /// Minor-unit digits of the amounts (2 unless the file's currency says otherwise).
    pub minor_digits: u8,
    /// The people, in the file's order (its roster where it has one, else first appearance).
    pub people: Vec<String>,
    /// Expenses and transfers, in file order.
    pub entries: Vec<PlanEntry>,
    /// Rows left out.
    pub unreadable: Vec<Unreadable>,
    /// Things worth knowing that do not stop the import (a footer check, rounding).
    pub notes: Vec<ImportNote>,
    /// Per person where the peer's rounding differs from ours.
    pub rounding: Vec<RoundingDifference>,
}

impl ImportPlan {
    /// Each person's net (paid − owed + sent − received), per currency, in roster order.
    pub fn nets(&self) -> BTreeMap<Option<CurrencyCode>, Vec<i64>> {
        let mut out: BTreeMap<Option<CurrencyCode>, Vec<i64>> = BTreeMap::new();
        for entry in &self.entries {
            let nets = out
                .entry(entry.currency().cloned())
                .or_insert_with(|| vec![0; self.people.len()]);
            match entry {
                PlanEntry::Expense(e) => {
                    nets[e.payer] += e.amount;
                    for (p, c) in &e.shares {
                        nets[*p] -= c;
                    }
                }
                PlanEntry::Transfer(t) => {
                    nets[t.from] += t.amount;
                    nets[t.to] -= t.amount;
                }
            }
        }
        out
    }

    /// The currencies the entries are in.
    pub fn currencies(&self) -> Vec<Option<CurrencyCode>> {
        self.nets().into_keys().collect()
    }

    /// How many expenses and transfers.
    pub fn counts(&self) -> (usize, usize) {
        let expenses = self
            .entries
            .iter()
            .filter(|e| matches!(e, PlanEntry::Expense(_)))
            .count();
        (expenses, self.entries.len() - expenses)
    }

    /// The first and last date.
    pub fn date_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let min = self.entries.iter().map(PlanEntry::date).min()?;
        let max = self.entries.iter().map(PlanEntry::date).max()?;
        Some((min, max))
    }
}

/// Minor units as a plain decimal (`-1342.86`).
pub fn format_minor(units: i64, digits: u8) -> String {
    let sign = if units < 0 { "-" } else { "" };
    let a = units.unsigned_abs();
    if digits == 0 {
        return format!("{sign}{a}");
    }
    let scale = 10_u64.pow(u32::from(digits));
    format!(
        "{sign}{}.{:0w$}",
        a / scale,
        a % scale,
        w = usize::from(digits)
    )
}

/// The preview as lines of text (the command line prints them): people and their nets per
/// currency, counts, dates, rows left out, notes and where the peer rounds differently.
pub fn preview_lines(plan: &ImportPlan) -> Vec<String> {
    let mut out = vec![format!(
        "format: {} (sha256 {})",
        plan.format.label(),
        plan.file_hash
    )];
    let (expenses, transfers) = plan.counts();
    out.push(format!("{expenses} expense(s), {transfers} transfer(s)"));
    if let Some((from, to)) = plan.date_range() {
        out.push(format!("from {from} to {to}"));
    }
    out.push(format!("{} people:", plan.people.len()));
    for (currency, nets) in plan.nets() {
        let code = currency.map_or_else(|| "(no currency)".to_string(), |c| c.0);
        for (name, net) in plan.people.iter().zip(nets) {
            out.push(format!(
                "  {name}: {} {code}",
                format_minor(net, plan.minor_digits)
            ));
        }
    }
    for r in &plan.rounding {
        out.push(format!(
            "  rounding: {} gets {} where the other app shows {}",
            plan.people[r.person],
            format_minor(r.ours, plan.minor_digits),
            format_minor(r.peers, plan.minor_digits)
        ));
    }
    for u in &plan.unreadable {
        out.push(format!("unreadable line {}: {}", u.line, u.reason));
    }
    for n in &plan.notes {
        out.push(format!("note: {n}"));
    }
    out
}

/// SHA-256 of the bytes, lower-case hex.
pub fn file_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Recognises the format and reads the whole file into a plan.
pub fn parse(bytes: &[u8]) -> Result<ImportPlan, ImportError> {
    let hash = file_hash(bytes);
    let content = text::decode(bytes)?;
    let trimmed = content.trim_start();
    let mut plan = if trimmed.starts_with('[') || trimmed.starts_with('{') {
        let value = text::parse_json(trimmed)?;
        if value.is_array() {
            ihatemoney::parse_json(&value)?
        } else if value.get("format").and_then(|f| f.as_str()) == Some("tally-account-backup") {
            return Err(ImportError::IsBackup);
        } else if value.get("participants").is_some() && value.get("expenses").is_some() {
            spliit::parse_json(&value)?
        } else {
            return Err(ImportError::UnknownFormat);
        }
    } else {
        let table = text::Table::read(content)?;
        match detect_csv(&table) {
            Some(SourceFormat::SplitwiseCsv) => splitwise::parse(&table)?,
            Some(SourceFormat::IHateMoneyCsv) => ihatemoney::parse_csv(&table)?,
            Some(SourceFormat::SpliitCsv) => return Err(spliit::explain_csv(&table)),
            Some(SourceFormat::CospendCsv) => cospend::parse(&table)?,
            _ => return Err(ImportError::UnknownFormat),
        }
    };
    plan.file_hash = hash;
    Ok(plan)
}

fn detect_csv(table: &text::Table) -> Option<SourceFormat> {
    let header = table.rows.iter().find(|r| !r.is_blank())?;
    let names: Vec<String> = header
        .cells
        .iter()
        .map(|c| c.trim().to_lowercase())
        .collect();
    let has = |n: &str| names.iter().any(|c| c == n);
    if has("what") && has("payer_name") && has("owers") {
        // Cospend's current layout opens with its members; the old one marks them with
        // `deleteMeIfYouWant` rows. IHateMoney's own export has neither.
        let cospend_old = table
            .rows
            .iter()
            .any(|r| r.cells.first().is_some_and(|c| c == "deleteMeIfYouWant"));
        if has("timestamp") || has("payer_active") || cospend_old {
            return Some(SourceFormat::CospendCsv);
        }
        return Some(SourceFormat::IHateMoneyCsv);
    }
    if has("name") && has("weight") && names.first().is_some_and(|n| n == "name") {
        return Some(SourceFormat::CospendCsv);
    }
    if has("split mode") || has("is reimbursement") {
        return Some(SourceFormat::SpliitCsv);
    }
    if splitwise::looks_like(table) {
        return Some(SourceFormat::SplitwiseCsv);
    }
    None
}

/// Dates as the peers write them, and as spreadsheets rewrite them.
pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, ImportReason> {
    let t = text.trim();
    let day = t.get(..10).unwrap_or(t);
    if let Ok(d) = NaiveDate::parse_from_str(day, "%Y-%m-%d") {
        return Ok(d);
    }
    if let Ok(d) = NaiveDate::parse_from_str(day, "%Y/%m/%d") {
        return Ok(d);
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%d.%m.%Y") {
        return Ok(d);
    }
    // Excel shows 2024-03-05 as 05/03/2024 or 3/5/2024 depending on the locale: only a day
    // above 12 says which is which.
    let parts: Vec<&str> = t.split('/').collect();
    if let [a, b, y] = parts.as_slice()
        && let (Ok(a), Ok(b), Ok(y)) = (a.parse::<u32>(), b.parse::<u32>(), y.parse::<i32>())
        && y >= 1900
    {
        let guess = match (a > 12, b > 12) {
            (true, false) => NaiveDate::from_ymd_opt(y, b, a),
            (false, true) => NaiveDate::from_ymd_opt(y, a, b),
            _ => None,
        };
        return guess.ok_or_else(|| ImportReason::DateAmbiguous {
            text: t.to_string(),
        });
    }
    Err(ImportReason::NotADate {
        text: t.chars().take(24).collect(),
    })
}

/// Undoes the `'` that IHateMoney and Spliit put before text a spreadsheet would run as a
/// formula, and trims.
pub(crate) fn clean_text(cell: &str) -> String {
    let t = cell.trim();
    match t.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) => rest.to_string(),
        _ => t.to_string(),
    }
}

/// Splits `amount` by weights (in roster order), largest remainder with ties to the earlier
/// person. Also returns each exact share in millionths of a minor unit, to compare with peers
/// that add unrounded floats.
pub(crate) fn split_weighted(amount: i64, weights: &[i64]) -> (Vec<i64>, Vec<i128>) {
    let cents = crate::domain::split::largest_remainder(amount, weights, 0);
    let total: i128 = weights.iter().map(|w| i128::from(*w)).sum();
    let exact = weights
        .iter()
        .map(|w| {
            if total == 0 {
                0
            } else {
                i128::from(amount) * i128::from(*w) * 1_000_000 / total
            }
        })
        .collect();
    (cents, exact)
}

/// Tracks each person's unrounded net beside the exact one, to say where a peer's floats
/// land on another cent.
#[derive(Default)]
pub(crate) struct PeerArithmetic {
    exact: BTreeMap<Option<CurrencyCode>, Vec<i128>>,
}

impl PeerArithmetic {
    pub(crate) fn add(
        &mut self,
        currency: &Option<CurrencyCode>,
        people: usize,
        person: usize,
        micro: i128,
    ) {
        let v = self.exact.entry(currency.clone()).or_default();
        if v.len() < people {
            v.resize(people, 0);
        }
        v[person] += micro;
    }

    pub(crate) fn differences(&self, plan: &ImportPlan) -> Vec<RoundingDifference> {
        let nets = plan.nets();
        let mut out = Vec::new();
        for (currency, exact) in &self.exact {
            let Some(ours) = nets.get(currency) else {
                continue;
            };
            for (person, micro) in exact.iter().enumerate() {
                let half = if *micro < 0 { -500_000 } else { 500_000 };
                let peers = ((micro + half) / 1_000_000) as i64;
                let ours = ours.get(person).copied().unwrap_or(0);
                if peers != ours {
                    out.push(RoundingDifference {
                        currency: currency.clone(),
                        person,
                        ours,
                        peers,
                    });
                }
            }
        }
        out
    }
}

/// People met in a file, by their name's key, in order of first appearance.
#[derive(Default)]
pub(crate) struct Roster {
    pub(crate) names: Vec<String>,
    index: BTreeMap<String, usize>,
}

impl Roster {
    pub(crate) fn get(&self, name: &str) -> Option<usize> {
        self.index.get(&name.trim().to_lowercase()).copied()
    }

    /// Adds a person; a name seen before (case aside) is reported by the caller.
    pub(crate) fn add(&mut self, name: &str) -> usize {
        let i = self.names.len();
        self.names.push(name.to_string());
        self.index.insert(name.trim().to_lowercase(), i);
        i
    }
}

#[cfg(test)]
mod tests;

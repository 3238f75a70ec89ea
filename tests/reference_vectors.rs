//! Splitting and settlement cases collected from public peers (Spliit, Tricount, Splitwise,
//! ihatemoney), driven through the shared account aggregate's public API.
//!
//! The cases live in `tests/data/split-vectors.json`, a copy of
//! `../shared/reference/split-vectors.json` kept in the repository so the tests do not depend on
//! a sibling directory; `the_test_copy_matches_the_shared_reference` catches drift when the
//! original is present.

use chrono::NaiveDate;
use serde_json::Value;
use std::collections::HashMap;
use tally::domain::*;
use tally::event_sourcing::{Aggregate, DecisionContext};
use uuid::Uuid;

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/split-vectors.json");
const SHARED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/reference/split-vectors.json"
);

type Checked<T = ()> = Result<T, String>;

macro_rules! ensure {
    ($cond:expr, $($fmt:tt)+) => {
        if !$cond {
            return Err(format!($($fmt)+));
        }
    };
}

fn load() -> Value {
    let text = std::fs::read_to_string(VECTORS).unwrap_or_else(|e| panic!("{VECTORS}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{VECTORS}: {e}"))
}

fn cases(doc: &Value) -> &[Value] {
    doc["cases"].as_array().expect("a cases array")
}

fn case_id(case: &Value) -> &str {
    case["id"].as_str().unwrap_or("<no id>")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// A signed decimal in major units ("-3.33", "20", "0.00") as cents.
fn decimal_cents(text: &str) -> Checked<i64> {
    let (negative, digits) = match text.trim().strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.trim()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    ensure!(fraction.len() <= 2, "more than 2 decimals in {text:?}");
    let whole: i64 = whole.parse().map_err(|e| format!("{text:?}: {e}"))?;
    let fraction: i64 = if fraction.is_empty() {
        0
    } else {
        format!("{fraction:0<2}")
            .parse()
            .map_err(|e| format!("{text:?}: {e}"))?
    };
    let cents = whole * 100 + fraction;
    Ok(if negative { -cents } else { cents })
}

/// An amount given either as integer cents or as a decimal string in major units.
fn amount_cents(value: &Value) -> Checked<i64> {
    match value {
        Value::Number(n) => n.as_i64().ok_or_else(|| format!("not whole cents: {n}")),
        Value::String(s) => decimal_cents(s),
        other => Err(format!("not an amount: {other}")),
    }
}

fn str_field<'a>(value: &'a Value, key: &str) -> Checked<&'a str> {
    value[key]
        .as_str()
        .ok_or_else(|| format!("missing text field {key:?} in {value}"))
}

fn int_field(value: &Value, key: &str) -> Checked<i64> {
    value[key]
        .as_i64()
        .ok_or_else(|| format!("missing integer field {key:?} in {value}"))
}

/// One shared account in EUR, driven only through `handle` and `apply`.
struct Flat {
    state: SharedAccount,
    members: Vec<(String, MemberId)>,
    context: DecisionContext,
    id_prefix: u128,
    next_id: u128,
    /// Every expense recorded, to check its cents afterwards.
    expenses: Vec<ExpenseId>,
}

impl Flat {
    fn open(case_index: usize, names: &[String]) -> Checked<Self> {
        ensure!(!names.is_empty(), "no members");
        let mut flat = Flat {
            state: SharedAccount::default(),
            members: Vec::new(),
            context: DecisionContext::on(date(2026, 11, 26)),
            id_prefix: (case_index as u128 + 1) << 64,
            next_id: 0,
            expenses: Vec::new(),
        };
        let first = MemberId(flat.fresh_uuid());
        let user = UserId(flat.fresh_uuid());
        flat.run(AccountCommand::Open {
            name: AccountName::parse("Reference flat").map_err(|e| e.to_string())?,
            currency: Currency::from_code("EUR").map_err(|e| e.to_string())?,
            member_id: first,
            member_name: MemberName::parse(&names[0]).map_err(|e| e.to_string())?,
            user_id: user,
        })?;
        flat.members.push((names[0].clone(), first));
        for name in &names[1..] {
            let id = MemberId(flat.fresh_uuid());
            flat.run(AccountCommand::AddMember {
                member_id: id,
                name: MemberName::parse(name).map_err(|e| e.to_string())?,
                user_id: None,
            })?;
            flat.members.push((name.clone(), id));
        }
        Ok(flat)
    }

    /// Deterministic ids, so a failure replays the same tie-breaks.
    fn fresh_uuid(&mut self) -> Uuid {
        self.next_id += 1;
        Uuid::from_u128(self.id_prefix | self.next_id)
    }

    fn try_run(&mut self, command: AccountCommand) -> Result<(), AccountError> {
        let events = self.state.handle(&command, &self.context)?;
        for event in &events {
            self.state.apply(event);
        }
        Ok(())
    }

    fn run(&mut self, command: AccountCommand) -> Checked {
        let shown = format!("{command:?}");
        self.try_run(command)
            .map_err(|e| format!("command refused ({e}): {shown}"))
    }

    fn id(&self, name: &str) -> Checked<MemberId> {
        self.members
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, id)| *id)
            .ok_or_else(|| format!("unknown member {name:?}"))
    }

    fn name(&self, id: MemberId) -> &str {
        self.members
            .iter()
            .find(|(_, m)| *m == id)
            .map_or("?", |(n, _)| n.as_str())
    }

    fn balance(&self, name: &str) -> Checked<Balance> {
        let id = self.id(name)?;
        self.state
            .member(id)
            .map(|m| m.balance)
            .ok_or_else(|| format!("{name} is not in the account"))
    }

    fn expense_command(
        &mut self,
        payer: &str,
        cents: i64,
        split: Split,
    ) -> Checked<AccountCommand> {
        let expense_id = ExpenseId(self.fresh_uuid());
        Ok(AccountCommand::RecordExpense {
            expense_id,
            details: ExpenseDetails {
                payer: self.id(payer)?,
                amount: Money(cents),
                description: Description::parse("Reference expense").map_err(|e| e.to_string())?,
                date: date(2026, 11, 20),
                split,
                category: None,
                foreign: None,
            },
        })
    }

    fn record_expense(&mut self, payer: &str, cents: i64, split: Split) -> Checked {
        let command = self.expense_command(payer, cents, split)?;
        if let AccountCommand::RecordExpense { expense_id, .. } = &command {
            self.expenses.push(*expense_id);
        }
        self.run(command)
    }

    fn transfer(&mut self, from: MemberId, to: MemberId, amount: Money) -> Checked {
        let transfer_id = TransferId(self.fresh_uuid());
        self.run(AccountCommand::RecordTransfer {
            transfer_id,
            details: TransferDetails {
                from,
                to,
                amount,
                date: date(2026, 11, 26),
            },
        })
    }

    fn nets_sum(&self) -> i64 {
        self.state.nets().iter().map(|(_, n)| n.cents()).sum()
    }
}

/// Each expense's cents add up to its amount, and each is the floor or ceiling of its exact
/// proportional value.
fn check_shares(flat: &Flat) -> Checked {
    for id in &flat.expenses {
        let expense = flat
            .state
            .expenses
            .get(id)
            .ok_or_else(|| format!("expense {id} was not recorded"))?;
        let amount = i128::from(expense.details.amount.cents());
        let total: i64 = expense.shares.iter().map(|s| s.amount.cents()).sum();
        ensure!(
            i128::from(total) == amount,
            "expense {id}: shares add up to {total}, not {amount}"
        );
        let weights: Vec<i128> = match &expense.details.split {
            Split::Equally { participants } => vec![1; participants.len()],
            Split::ByShares { shares: p }
            | Split::ByExactAmounts { amounts: p }
            | Split::ByPercentages { percentages: p } => {
                p.iter().map(|p| i128::from(p.value)).collect()
            }
        };
        ensure!(
            weights.len() == expense.shares.len(),
            "expense {id}: {} shares for {} participants",
            expense.shares.len(),
            weights.len()
        );
        let weight_total: i128 = weights.iter().sum();
        for (share, w) in expense.shares.iter().zip(&weights) {
            let exact = amount * w;
            let floor = exact.div_euclid(weight_total);
            let ceil = floor + i128::from(exact.rem_euclid(weight_total) != 0);
            let got = i128::from(share.amount.cents());
            ensure!(
                got == floor || got == ceil,
                "expense {id}: {} got {got}, not the floor {floor} or ceiling {ceil} of its exact part",
                flat.name(share.member_id)
            );
        }
    }
    Ok(())
}

/// Books every settle-up suggestion as a transfer; afterwards every net must be zero.
fn check_settle_up_clears(flat: &Flat) -> Checked<Vec<Settlement>> {
    let suggestions = settle_up(&flat.state.nets());
    let nonzero = flat
        .state
        .nets()
        .iter()
        .filter(|(_, n)| n.cents() != 0)
        .count();
    ensure!(
        suggestions.len() < nonzero.max(1),
        "{} suggestions for {nonzero} members with a balance",
        suggestions.len()
    );
    let mut after = Flat {
        state: flat.state.clone(),
        members: flat.members.clone(),
        context: flat.context,
        id_prefix: flat.id_prefix | (1 << 32),
        next_id: 0,
        expenses: Vec::new(),
    };
    for s in &suggestions {
        ensure!(s.amount.cents() > 0, "a suggestion of {}", s.amount.cents());
        after.transfer(s.from, s.to, s.amount)?;
    }
    for (id, net) in after.state.nets() {
        ensure!(
            net == Money::ZERO,
            "after booking every suggestion {} still has {}",
            flat.name(id),
            net.cents()
        );
    }
    Ok(suggestions)
}

fn named(flat: &Flat, settlements: &[Settlement]) -> Vec<(String, String, i64)> {
    let mut v: Vec<_> = settlements
        .iter()
        .map(|s| {
            (
                flat.name(s.from).to_owned(),
                flat.name(s.to).to_owned(),
                s.amount.cents(),
            )
        })
        .collect();
    v.sort();
    v
}

fn expected_settlement(list: &Value) -> Checked<Vec<(String, String, i64)>> {
    let mut v = list
        .as_array()
        .ok_or("the settlement is not a list")?
        .iter()
        .map(|s| {
            Ok((
                str_field(s, "from")?.to_owned(),
                str_field(s, "to")?.to_owned(),
                amount_cents(&s["amount"])?,
            ))
        })
        .collect::<Checked<Vec<_>>>()?;
    v.sort();
    Ok(v)
}

/// What a case expects of one member, in cents; `None` where the case does not say.
struct Expected {
    net: i64,
    paid: Option<i64>,
    owed: Option<i64>,
}

/// A played case: the account, what each member should have, and the expected settlement.
type Played = (Flat, HashMap<String, Expected>, Option<Value>);

/// How a case ended.
enum Outcome {
    Checked,
    Skipped(&'static str),
}

/// The "bills" shape: major units, a payer and owers weighted by member weight.
fn play_bills(case_index: usize, case: &Value) -> Checked<Played> {
    let members = case["members"].as_array().ok_or("no members list")?;
    let mut names = Vec::new();
    let mut weights = HashMap::new();
    for m in members {
        let name = str_field(m, "name")?.to_owned();
        let weight = m["weight"].as_f64().unwrap_or(1.0);
        ensure!(
            weight.fract() == 0.0 && weight >= 1.0,
            "member {name} has weight {weight}; tally needs whole weights"
        );
        weights.insert(name.clone(), weight as i64);
        names.push(name);
    }
    let mut flat = Flat::open(case_index, &names)?;
    for bill in case["bills"].as_array().ok_or("no bills list")? {
        let kind = bill["type"].as_str().unwrap_or("expense");
        ensure!(
            matches!(kind, "expense" | "reimbursement"),
            "bill type {kind:?} is not something tally records"
        );
        let split_kind = bill["split"]
            .as_str()
            .unwrap_or("weighted_by_member_weight");
        ensure!(
            split_kind == "weighted_by_member_weight",
            "bill split {split_kind:?} is not known to this test"
        );
        let payer = str_field(bill, "payer")?;
        let cents = amount_cents(&bill["amount"])?;
        let owers: Vec<&str> = bill["owers"]
            .as_array()
            .ok_or("no owers")?
            .iter()
            .map(|o| o.as_str().ok_or_else(|| format!("ower {o} is not a name")))
            .collect::<Checked<_>>()?;
        let ids = owers
            .iter()
            .map(|o| flat.id(o))
            .collect::<Checked<Vec<_>>>()?;
        let w: Vec<i64> = owers.iter().map(|o| weights[*o]).collect();
        let split = if w.iter().all(|x| *x == w[0]) {
            Split::Equally { participants: ids }
        } else {
            Split::ByShares {
                shares: ids
                    .into_iter()
                    .zip(w)
                    .map(|(member_id, value)| Portion { member_id, value })
                    .collect(),
            }
        };
        flat.record_expense(payer, cents, split)?;
    }
    let expected = &case["expected"];
    let balances = expected["balances"]
        .as_object()
        .ok_or("no expected balances")?;
    let mut out = HashMap::new();
    for (name, net) in balances {
        let net = amount_cents(net)?;
        let paid = expected["paid"].get(name).map(amount_cents).transpose()?;
        let owed = expected["spent_owed"]
            .get(name)
            .map(amount_cents)
            .transpose()?;
        for key in ["transferred", "received"] {
            if let Some(v) = expected[key].get(name) {
                ensure!(
                    amount_cents(v)? == 0,
                    "{key} of {name} is not zero; bills have no transfers"
                );
            }
        }
        out.insert(name.clone(), Expected { net, paid, owed });
    }
    let settlement = expected.get("settlement_ihatemoney_debts_lib").cloned();
    Ok((flat, out, settlement))
}

/// The "expenses" shape: cents, Spliit's split modes and paid_for lists.
fn play_expenses(case_index: usize, case: &Value) -> Checked<Option<Played>> {
    let expenses = case["expenses"].as_array().ok_or("no expenses list")?;
    let mut names: Vec<String> = Vec::new();
    let mut note = |name: &str| {
        if !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    };
    for e in expenses {
        note(str_field(e, "payer")?);
        for p in e["paid_for"].as_array().ok_or("no paid_for list")? {
            note(str_field(p, "participant")?);
        }
    }
    let mut flat = Flat::open(case_index, &names)?;
    for e in expenses {
        let payer = str_field(e, "payer")?;
        let cents = int_field(e, "amount_cents")?;
        let paid_for = e["paid_for"].as_array().ok_or("no paid_for list")?;
        let portions = paid_for
            .iter()
            .map(|p| {
                Ok(Portion {
                    member_id: flat.id(str_field(p, "participant")?)?,
                    value: p["shares"].as_i64().unwrap_or(0),
                })
            })
            .collect::<Checked<Vec<_>>>()?;
        let mode = str_field(e, "split_mode")?;
        let split = match mode {
            "EVENLY" => Split::Equally {
                participants: portions.iter().map(|p| p.member_id).collect(),
            },
            "BY_SHARES" => Split::ByShares { shares: portions },
            "BY_AMOUNT" => Split::ByExactAmounts { amounts: portions },
            // Both Spliit and tally keep percentages in hundredths of a percent.
            "BY_PERCENTAGE" => Split::ByPercentages {
                percentages: portions,
            },
            other => return Err(format!("split mode {other:?} is not known to this test")),
        };
        if cents <= 0 {
            // Income (a negative expense) is something tally does not record: make sure it
            // says so rather than booking it, then skip the case.
            let command = flat.expense_command(payer, cents, split)?;
            let refused = flat.try_run(command);
            ensure!(
                refused == Err(AccountError::Amount(AmountError::NotPositive)),
                "a non-positive expense gave {refused:?} instead of a refusal"
            );
            return Ok(None);
        }
        // A reimbursement is an expense one member pays for another: recorded as such.
        flat.record_expense(payer, cents, split)?;
    }
    let expected = &case["expected"];
    let balances = expected["balances_cents"]
        .as_object()
        .ok_or("no expected balances_cents")?;
    let mut out = HashMap::new();
    for (name, b) in balances {
        out.insert(
            name.clone(),
            Expected {
                net: int_field(b, "total")?,
                paid: Some(int_field(b, "paid")?),
                owed: Some(int_field(b, "paidFor")?),
            },
        );
    }
    let settlement = expected.get("settlement_spliit").cloned();
    Ok(Some((flat, out, settlement)))
}

fn check_case(case_index: usize, case: &Value) -> Checked<Outcome> {
    let played = if case.get("bills").is_some() {
        Some(play_bills(case_index, case)?)
    } else if case.get("expenses").is_some() {
        play_expenses(case_index, case)?
    } else if case.get("balances_cents").is_some() {
        check_stability(case_index, case)?;
        return Ok(Outcome::Checked);
    } else {
        return Err("neither bills, expenses nor balances_cents: unknown case shape".into());
    };
    let Some((flat, expected, settlement)) = played else {
        return Ok(Outcome::Skipped("income (negative amount)"));
    };
    let exact = match case["rounding_policy_dependent"].as_bool() {
        Some(dependent) => !dependent,
        None => return Err("no rounding_policy_dependent flag".into()),
    };

    ensure!(
        expected.len() == flat.members.len(),
        "{} expected balances for {} members",
        expected.len(),
        flat.members.len()
    );
    check_shares(&flat)?;
    ensure!(flat.nets_sum() == 0, "nets sum to {}", flat.nets_sum());
    for (name, want) in &expected {
        let got = flat.balance(name)?;
        if let Some(paid) = want.paid {
            // What each paid does not depend on rounding.
            ensure!(
                got.paid.cents() == paid,
                "{name} paid {} instead of {paid}",
                got.paid.cents()
            );
        }
        ensure!(
            got.sent == Money::ZERO && got.received == Money::ZERO,
            "{name} has transfers"
        );
        if exact {
            ensure!(
                got.net().cents() == want.net,
                "{name}'s net is {} instead of {}",
                got.net().cents(),
                want.net
            );
            if let Some(owed) = want.owed {
                ensure!(
                    got.owed.cents() == owed,
                    "{name} owes {} instead of {owed}",
                    got.owed.cents()
                );
            }
        } else {
            // Another rounding policy moves a balance by at most a cent per expense.
            let slack = flat.expenses.len() as i64;
            ensure!(
                (got.net().cents() - want.net).abs() <= slack,
                "{name}'s net {} is more than {slack} cent(s) from the reference {}",
                got.net().cents(),
                want.net
            );
        }
    }
    let suggestions = check_settle_up_clears(&flat)?;
    if exact
        && case["settlement_unique_up_to_order"].as_bool() == Some(true)
        && let Some(list) = settlement
    {
        let want = expected_settlement(&list)?;
        let got = named(&flat, &suggestions);
        ensure!(
            got == want,
            "settle-up suggests {got:?} instead of {want:?}"
        );
    }
    Ok(Outcome::Checked)
}

/// Spliit issue #178: the balances are built from expenses, then booking any one suggestion
/// must leave every other suggestion as it was.
fn check_stability(case_index: usize, case: &Value) -> Checked {
    let balances = case["balances_cents"]
        .as_object()
        .ok_or("balances_cents is not an object")?;
    let names: Vec<String> = balances.keys().cloned().collect();
    let wanted: Vec<i64> = balances
        .values()
        .map(|v| v.as_i64().ok_or_else(|| format!("{v} is not cents")))
        .collect::<Checked<_>>()?;
    ensure!(
        wanted.iter().sum::<i64>() == 0,
        "the reference balances do not sum to zero"
    );
    let mut flat = Flat::open(case_index, &names)?;
    // Each member's balance is an expense between them and the first member.
    let hub = flat.id(&names[0])?;
    for (name, cents) in names.iter().zip(&wanted).skip(1) {
        let other = flat.id(name)?;
        match cents.signum() {
            1 => flat.record_expense(
                name,
                *cents,
                Split::Equally {
                    participants: vec![hub],
                },
            )?,
            -1 => flat.record_expense(
                &names[0],
                -cents,
                Split::Equally {
                    participants: vec![other],
                },
            )?,
            _ => {}
        }
    }
    for (name, cents) in names.iter().zip(&wanted) {
        let got = flat.balance(name)?.net().cents();
        ensure!(got == *cents, "{name}'s net is {got} instead of {cents}");
    }
    let before = check_settle_up_clears(&flat)?;
    ensure!(
        before.len() < names.len(),
        "{} suggestions for {} members",
        before.len(),
        names.len()
    );
    for s in &before {
        let mut after = Flat {
            state: flat.state.clone(),
            members: flat.members.clone(),
            context: flat.context,
            id_prefix: flat.id_prefix | (2 << 32),
            next_id: 0,
            expenses: Vec::new(),
        };
        after.transfer(s.from, s.to, s.amount)?;
        let rest: Vec<Settlement> = before.iter().filter(|x| *x != s).copied().collect();
        let now = settle_up(&after.state.nets());
        ensure!(
            named(&flat, &now) == named(&flat, &rest),
            "after booking {} -> {} {}, settle-up suggests {:?} instead of {:?}",
            flat.name(s.from),
            flat.name(s.to),
            s.amount.cents(),
            named(&flat, &now),
            named(&flat, &rest)
        );
    }
    Ok(())
}

#[test]
fn every_reference_case_holds_through_the_shared_account() {
    let doc = load();
    let mut failures = Vec::new();
    let (mut checked, mut skipped) = (0, Vec::new());
    for (i, case) in cases(&doc).iter().enumerate() {
        match check_case(i, case) {
            Ok(Outcome::Checked) => checked += 1,
            Ok(Outcome::Skipped(why)) => skipped.push(format!("{} ({why})", case_id(case))),
            Err(e) => failures.push(format!("{}: {e}", case_id(case))),
        }
    }
    println!(
        "reference vectors: {checked} checked, {} skipped {skipped:?}, {} failed",
        skipped.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "failing cases:\n{}",
        failures.join("\n")
    );
    assert!(checked > 0, "no case was checked");
}

#[test]
fn only_income_cases_are_skipped() {
    let doc = load();
    for (i, case) in cases(&doc).iter().enumerate() {
        if let Ok(Outcome::Skipped(_)) = check_case(i, case) {
            let has_income = case["expenses"].as_array().is_some_and(|es| {
                es.iter()
                    .any(|e| e["amount_cents"].as_i64().is_some_and(|c| c <= 0))
            });
            assert!(
                has_income,
                "{} was skipped without income in it",
                case_id(case)
            );
        }
    }
}

#[test]
fn the_file_holds_as_many_cases_as_it_announces() {
    let doc = load();
    let count = doc["meta"]["count"].as_u64().expect("meta.count");
    assert_eq!(cases(&doc).len() as u64, count);
    let mut ids: Vec<_> = cases(&doc).iter().map(case_id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len() as u64, count, "case ids are unique");
}

#[test]
fn the_test_copy_matches_the_shared_reference() {
    // The original is not there on every machine (CI checks out this repository alone).
    let Ok(original) = std::fs::read(SHARED) else {
        return;
    };
    let copy = std::fs::read(VECTORS).unwrap_or_else(|e| panic!("{VECTORS}: {e}"));
    assert!(
        original == copy,
        "{VECTORS} differs from {SHARED}: copy the reference file again"
    );
}

#[test]
fn decimal_amounts_are_read_exactly() {
    for (text, cents) in [
        ("10.00", 1000),
        ("20", 2000),
        ("-3.33", -333),
        ("0.00", 0),
        ("6.5", 650),
        ("-0.01", -1),
    ] {
        assert_eq!(decimal_cents(text), Ok(cents), "{text}");
    }
    assert!(decimal_cents("1.234").is_err());
}

//! Applying an [`ImportPlan`]: ordinary domain commands, executed as one batch in one
//! transaction, every event marked with the file's format and hash. Ids derive from the
//! account, the file's hash and the entry's position, so the same file imported twice
//! records nothing the second time.

use super::{AccountRepository, BatchError, CommandError};
use crate::domain::{
    AccountCommand, AccountId, AccountName, Currency, Description, ExpenseDetails, ExpenseId,
    MemberId, MemberName, Money, Portion, SharedAccount, Split, TextError, TransferDetails,
    TransferId, UserId,
};
use crate::event_sourcing::{Aggregate, DecisionContext, ImportSource, Metadata};
use crate::import::{ImportPlan, PlanEntry};
use crate::infrastructure::db::DbConnection;
use std::collections::BTreeMap;
use uuid::Uuid;

/// The namespace of ids derived from imported files (a fixed random UUID, never changed).
const NAMESPACE: Uuid = Uuid::from_u128(0x6d3c_1a52_8f0e_4b7a_9c21_5e4f_0b8d_7a13);

/// What a person in the file becomes in the account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Person {
    /// A member the account already has.
    Existing(MemberId),
    /// A new member of this name.
    New(MemberName),
}

/// Why a plan cannot be applied; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ImportApplyError {
    /// Amounts in a currency the account is not in.
    #[error(
        "the file's amounts are in {file}, the account's in {account}; tally does not convert currencies, so import into an account in {file}"
    )]
    Currency {
        /// What the file has.
        file: String,
        /// What the account has.
        account: String,
    },
    /// Nothing to record.
    #[error("the file holds no expense or transfer tally can read")]
    Nothing,
    /// A person's name is not one tally accepts.
    #[error("“{name}” cannot be a member's name: {reason}")]
    Name {
        /// The name in the file.
        name: String,
        /// Why.
        reason: TextError,
    },
    /// The mapping does not fit the file or the account.
    #[error("{0}")]
    Mapping(MappingError),
    /// The account or the store refused; `line` is the file line when one row was refused.
    #[error("{}{error}", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
    Refused {
        /// The row's line in the file.
        line: Option<usize>,
        /// Why.
        #[source]
        error: CommandError,
    },
    /// The account does not exist.
    #[error("there is no such account")]
    NoAccount,
}

/// Why the people of a file cannot become the account's members as chosen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    /// Not every person in the file was given a member.
    #[error("each person in the file needs a member")]
    Unmapped,
    /// Two people would get new members of the same name.
    #[error("two people would become members named “{0}”")]
    SameName(String),
    /// The person chosen as the owner is not in the file.
    #[error("the owner must be one of the people in the file")]
    OwnerNotInFile,
    /// An entry's description cannot be made into one tally accepts.
    #[error("line {line}: {error}")]
    Description {
        /// The entry's line in the file.
        line: usize,
        /// Why.
        error: TextError,
    },
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOutcome {
    /// The account imported into.
    pub account_id: AccountId,
    /// Events recorded; 0 when the file had been imported before.
    pub recorded: usize,
}

/// Maps each person to the member of the same name (case aside), or to a new member.
pub fn default_mapping(
    plan: &ImportPlan,
    account: &SharedAccount,
) -> Result<Vec<Person>, ImportApplyError> {
    plan.people
        .iter()
        .map(|name| {
            let parsed = member_name(name)?;
            Ok(account
                .members
                .iter()
                .find(|m| m.name.key() == parsed.key())
                .map_or(Person::New(parsed), |m| Person::Existing(m.id)))
        })
        .collect()
}

/// A person's name as a member name: trimmed, and long names cut to the limit.
pub fn member_name(name: &str) -> Result<MemberName, ImportApplyError> {
    let trimmed: String = name.trim().chars().take(MemberName::MAX_CHARS).collect();
    MemberName::parse(&trimmed).map_err(|e| ImportApplyError::Name {
        name: name.to_string(),
        reason: e,
    })
}

fn derived(account: AccountId, hash: &str, what: &str) -> Uuid {
    Uuid::new_v5(&NAMESPACE, format!("{account}/{hash}/{what}").as_bytes())
}

/// The ids of a file's entries: eight bytes derived from the account and the file, then the
/// entry's index, big-endian. Deterministic, so a repeated import finds its rows; and in
/// insertion order, so a large import appends to the primary keys' B-trees instead of
/// writing all over them (MariaDB inserts 100,000 expenses and their shares a third faster).
fn entry_ids(account: AccountId, hash: &str) -> impl Fn(usize) -> Uuid {
    let prefix = derived(account, hash, "entries").into_bytes();
    move |index| {
        let mut bytes = [0_u8; 16];
        bytes[..8].copy_from_slice(&prefix[..8]);
        // The top two bits of byte 8 are the variant's: an index below 2^62 keeps the order.
        bytes[8..].copy_from_slice(&(index as u64).to_be_bytes());
        Uuid::new_v8(bytes)
    }
}

/// The id an entry got before ids were in insertion order: a file imported then is still
/// recognised.
fn entry_id_before_2026_12_03(account: AccountId, hash: &str, index: usize) -> Uuid {
    derived(account, hash, &format!("entry/{index}"))
}

/// The account id a new account from this file gets, so that repeating the same command
/// finds the account it made.
pub fn new_account_id(plan: &ImportPlan, owner: UserId) -> AccountId {
    AccountId(Uuid::new_v5(
        &NAMESPACE,
        format!("new-account/{owner}/{}", plan.file_hash).as_bytes(),
    ))
}

/// Checks the plan's currency against the account's.
pub fn check_currency(plan: &ImportPlan, currency: Currency) -> Result<(), ImportApplyError> {
    for c in plan.currencies() {
        match c {
            Some(code) if code.0 != currency.code() => {
                let all: Vec<String> = plan
                    .currencies()
                    .into_iter()
                    .map(|c| c.map_or("no currency".into(), |c| c.0))
                    .collect();
                return Err(currency_error(all.join(", "), currency));
            }
            None if plan.minor_digits != currency.minor_units() => {
                return Err(currency_error(
                    format!("amounts with {} decimals", plan.minor_digits),
                    currency,
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

fn currency_error(file: String, currency: Currency) -> ImportApplyError {
    ImportApplyError::Currency {
        file,
        account: currency.code().to_string(),
    }
}

/// The file's text, cut to the limit; an empty or unusable one becomes "Imported, line N".
fn description(text: &str, line: usize) -> Result<Description, ImportApplyError> {
    let cut: String = text.trim().chars().take(Description::MAX_CHARS).collect();
    Description::parse(&cut)
        .or_else(|_| Description::parse(&format!("Imported, line {line}")))
        .map_err(|error| ImportApplyError::Mapping(MappingError::Description { line, error }))
}

/// The commands that record a plan into `account_id`, and for each the file line it came
/// from (none for new members).
pub fn commands_for(
    plan: &ImportPlan,
    account_id: AccountId,
    mapping: &[Person],
) -> Result<Vec<(AccountCommand, Option<usize>)>, ImportApplyError> {
    if mapping.len() != plan.people.len() {
        return Err(ImportApplyError::Mapping(MappingError::Unmapped));
    }
    if plan.entries.is_empty() {
        return Err(ImportApplyError::Nothing);
    }
    let hash = &plan.file_hash;
    let entry_id = entry_ids(account_id, hash);
    let mut commands = Vec::new();
    let mut ids = Vec::with_capacity(mapping.len());
    let mut new_names: BTreeMap<String, usize> = BTreeMap::new();
    for (i, person) in mapping.iter().enumerate() {
        match person {
            Person::Existing(id) => ids.push(*id),
            Person::New(name) => {
                if new_names.insert(name.key(), i).is_some() {
                    return Err(ImportApplyError::Mapping(MappingError::SameName(
                        name.to_string(),
                    )));
                }
                let id = MemberId(derived(account_id, hash, &format!("member/{}", name.key())));
                commands.push((
                    AccountCommand::AddMember {
                        member_id: id,
                        name: name.clone(),
                        user_id: None,
                    },
                    None,
                ));
                ids.push(id);
            }
        }
    }
    for (index, entry) in plan.entries.iter().enumerate() {
        let line = entry.line();
        match entry {
            PlanEntry::Expense(e) => {
                // Two people mapped to one member: their shares add up.
                let mut amounts: Vec<Portion> = Vec::new();
                for (p, cents) in &e.shares {
                    match amounts.iter_mut().find(|a| a.member_id == ids[*p]) {
                        Some(a) => a.value += cents,
                        None => amounts.push(Portion {
                            member_id: ids[*p],
                            value: *cents,
                        }),
                    }
                }
                commands.push((
                    AccountCommand::RecordExpense {
                        expense_id: ExpenseId(entry_id(index)),
                        details: ExpenseDetails {
                            payer: ids[e.payer],
                            amount: Money(e.amount),
                            description: description(&e.description, line)?,
                            date: e.date,
                            split: Split::ByExactAmounts { amounts },
                            category: None,
                            foreign: None,
                        },
                    },
                    Some(line),
                ));
            }
            PlanEntry::Transfer(t) => {
                if ids[t.from] == ids[t.to] {
                    continue;
                }
                commands.push((
                    AccountCommand::RecordTransfer {
                        transfer_id: TransferId(entry_id(index)),
                        details: TransferDetails {
                            from: ids[t.from],
                            to: ids[t.to],
                            amount: Money(t.amount),
                            date: t.date,
                        },
                    },
                    Some(line),
                ));
            }
        }
    }
    Ok(commands)
}

/// Whether this file was imported into the account before: an import is all or nothing, so
/// one entry's id in the account means all of them are. Checked before the commands are
/// decided, so that a repeat with another mapping also records nothing (instead of being
/// refused because the ids now name other content).
pub fn already_imported(plan: &ImportPlan, account_id: AccountId, state: &SharedAccount) -> bool {
    let recorded = |id: Uuid, entry: &PlanEntry| match entry {
        PlanEntry::Expense(_) => state.expenses.contains_key(&ExpenseId(id)),
        PlanEntry::Transfer(_) => state.transfers.contains_key(&TransferId(id)),
    };
    let hash = &plan.file_hash;
    let entry_id = entry_ids(account_id, hash);
    plan.entries.iter().enumerate().any(|(index, entry)| {
        recorded(entry_id(index), entry)
            || recorded(entry_id_before_2026_12_03(account_id, hash, index), entry)
    })
}

fn metadata(plan: &ImportPlan, user: Option<UserId>) -> Metadata {
    Metadata {
        user_id: user.map(|u| u.0),
        request_id: None,
        import: Some(ImportSource {
            format: plan.format.code().to_string(),
            file_hash: plan.file_hash.clone(),
        }),
    }
}

fn run(
    conn: &mut DbConnection,
    repo: &AccountRepository,
    account_id: AccountId,
    commands: Vec<(AccountCommand, Option<usize>)>,
    metadata: &Metadata,
    context: &DecisionContext,
) -> Result<ImportOutcome, ImportApplyError> {
    let (commands, lines): (Vec<_>, Vec<_>) = commands.into_iter().unzip();
    match repo.execute_all(conn, account_id, &commands, metadata, context) {
        Ok(done) => Ok(ImportOutcome {
            account_id,
            recorded: done.recorded,
        }),
        Err(BatchError { index, error }) => Err(ImportApplyError::Refused {
            line: index.and_then(|i| lines.get(i).copied().flatten()),
            error,
        }),
    }
}

/// Imports a plan into an existing account, in one transaction.
pub fn import_into(
    conn: &mut DbConnection,
    repo: &AccountRepository,
    account_id: AccountId,
    plan: &ImportPlan,
    mapping: &[Person],
    user: Option<UserId>,
    context: &DecisionContext,
) -> Result<ImportOutcome, ImportApplyError> {
    let account =
        AccountRepository::retrieve(conn, account_id).map_err(|e| ImportApplyError::Refused {
            line: None,
            error: CommandError::Store(e),
        })?;
    let Some((_, currency)) = account.state.opened.clone() else {
        return Err(ImportApplyError::NoAccount);
    };
    check_currency(plan, currency)?;
    if already_imported(plan, account_id, &account.state) {
        return Ok(ImportOutcome {
            account_id,
            recorded: 0,
        });
    }
    let commands = commands_for(plan, account_id, mapping)?;
    run(
        conn,
        repo,
        account_id,
        commands,
        &metadata(plan, user),
        context,
    )
}

/// Opens a new account from a plan, the owner a member standing for person `owner_is`, and
/// imports the rest, all in one transaction. The same file for the same owner finds the
/// account it opened before and records nothing.
#[allow(clippy::too_many_arguments)]
pub fn import_new(
    conn: &mut DbConnection,
    repo: &AccountRepository,
    plan: &ImportPlan,
    name: AccountName,
    currency: Currency,
    owner: UserId,
    owner_is: usize,
    context: &DecisionContext,
) -> Result<ImportOutcome, ImportApplyError> {
    check_currency(plan, currency)?;
    let account_id = new_account_id(plan, owner);
    let owner_name = member_name(
        plan.people
            .get(owner_is)
            .ok_or_else(|| ImportApplyError::Mapping(MappingError::OwnerNotInFile))?,
    )?;
    let owner_member = MemberId(derived(account_id, &plan.file_hash, "owner"));
    let mut mapping = Vec::with_capacity(plan.people.len());
    for (i, person) in plan.people.iter().enumerate() {
        mapping.push(if i == owner_is {
            Person::Existing(owner_member)
        } else {
            Person::New(member_name(person)?)
        });
    }
    let existing =
        AccountRepository::retrieve(conn, account_id).map_err(|e| ImportApplyError::Refused {
            line: None,
            error: CommandError::Store(e),
        })?;
    let mut commands = Vec::new();
    if existing.state.opened.is_none() {
        commands.push((
            AccountCommand::Open {
                name,
                currency,
                member_id: owner_member,
                member_name: owner_name,
                user_id: owner,
            },
            None,
        ));
    }
    commands.extend(commands_for(plan, account_id, &mapping)?);
    run(
        conn,
        repo,
        account_id,
        commands,
        &metadata(plan, Some(owner)),
        context,
    )
}

/// What importing a plan would do, decided on the account's current state and not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DryRun {
    /// The mapping used (the default one when none was given).
    pub mapping: Vec<Person>,
    /// Events the import would record; 0 when the file was imported already.
    pub recorded: usize,
    /// Every member's name and net afterwards, in joining order.
    pub nets: Vec<(String, Money)>,
}

/// Decides the import of `plan` into `account_id` on the account's current state, in memory:
/// the balances the account would show afterwards, with nothing written. `mapping` `None`
/// is [`default_mapping`].
pub fn dry_run_into(
    conn: &mut DbConnection,
    account_id: AccountId,
    plan: &ImportPlan,
    mapping: Option<Vec<Person>>,
    context: &DecisionContext,
) -> Result<DryRun, ImportApplyError> {
    let account =
        AccountRepository::retrieve(conn, account_id).map_err(|e| ImportApplyError::Refused {
            line: None,
            error: CommandError::Store(e),
        })?;
    let mut state = account.state;
    let Some((_, currency)) = state.opened.clone() else {
        return Err(ImportApplyError::NoAccount);
    };
    check_currency(plan, currency)?;
    let mapping = match mapping {
        Some(m) => m,
        None => default_mapping(plan, &state)?,
    };
    let mut recorded = 0;
    let commands = if already_imported(plan, account_id, &state) {
        Vec::new()
    } else {
        commands_for(plan, account_id, &mapping)?
    };
    for (command, line) in commands {
        let events = state
            .handle(&command, context)
            .map_err(|e| ImportApplyError::Refused {
                line,
                error: CommandError::Rejected(e),
            })?;
        for event in &events {
            state.apply(event);
        }
        recorded += events.len();
    }
    let nets = state
        .members
        .iter()
        .map(|m| (m.name.to_string(), m.balance.net()))
        .collect();
    Ok(DryRun {
        mapping,
        recorded,
        nets,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    const FILE: &str = "Date,Description,Category,Cost,Currency,Ana,Ben\n\
2026-01-02,Rent,General,90.00,EUR,45.00,-45.00\n\
2026-01-03,Power,General,30.00,EUR,-15.00,15.00\n\
2026-01-04,Ben paid Ana,Payment,5.00,EUR,-5.00,5.00\n";

    fn account() -> (AccountId, SharedAccount, DecisionContext) {
        let context = DecisionContext::at(
            Utc.with_ymd_and_hms(2026, 2, 1, 9, 0, 0)
                .single()
                .expect("valid"),
        );
        let mut state = SharedAccount::default();
        let open = AccountCommand::Open {
            name: AccountName::parse("Flat").expect("valid"),
            currency: Currency::from_code("EUR").expect("valid"),
            member_id: MemberId(Uuid::new_v4()),
            member_name: MemberName::parse("Ana").expect("valid"),
            user_id: UserId(Uuid::new_v4()),
        };
        for event in state.handle(&open, &context).expect("valid") {
            state.apply(&event);
        }
        (AccountId(Uuid::new_v4()), state, context)
    }

    fn record(
        state: &mut SharedAccount,
        commands: &[(AccountCommand, Option<usize>)],
        c: &DecisionContext,
    ) {
        for (command, _) in commands {
            for event in state.handle(command, c).expect("valid") {
                state.apply(&event);
            }
        }
    }

    #[test]
    fn entry_ids_follow_the_file_and_differ_between_files_and_accounts() {
        let plan = crate::import::parse(FILE.as_bytes()).expect("valid");
        let (account_id, state, _) = account();
        let mapping = default_mapping(&plan, &state).expect("valid");
        let ids: Vec<Uuid> = commands_for(&plan, account_id, &mapping)
            .expect("valid")
            .into_iter()
            .filter_map(|(command, _)| match command {
                AccountCommand::RecordExpense { expense_id, .. } => Some(expense_id.0),
                AccountCommand::RecordTransfer { transfer_id, .. } => Some(transfer_id.0),
                _ => None,
            })
            .collect();
        assert_eq!(ids.len(), 3);
        assert!(
            ids.windows(2).all(|w| w[0].as_bytes() < w[1].as_bytes()),
            "{ids:?}"
        );
        assert_eq!(
            ids[0],
            entry_ids(account_id, &plan.file_hash)(0),
            "deterministic"
        );
        let other_file = entry_ids(account_id, &"0".repeat(64))(0);
        let other_account = entry_ids(AccountId(Uuid::new_v4()), &plan.file_hash)(0);
        assert_ne!(ids[0], other_file);
        assert_ne!(ids[0], other_account);
    }

    #[test]
    fn a_file_imported_with_the_earlier_ids_is_recognised() {
        let plan = crate::import::parse(FILE.as_bytes()).expect("valid");
        let (account_id, mut state, context) = account();
        let mapping = default_mapping(&plan, &state).expect("valid");
        assert!(!already_imported(&plan, account_id, &state));
        // Recorded as an import did before ids were in insertion order.
        let earlier: Vec<_> = commands_for(&plan, account_id, &mapping)
            .expect("valid")
            .into_iter()
            .enumerate()
            .map(|(i, (command, line))| {
                let index = i.saturating_sub(1); // after Ben's AddMember
                let legacy = entry_id_before_2026_12_03(account_id, &plan.file_hash, index);
                let command = match command {
                    AccountCommand::RecordExpense { details, .. } => {
                        AccountCommand::RecordExpense {
                            expense_id: ExpenseId(legacy),
                            details,
                        }
                    }
                    AccountCommand::RecordTransfer { details, .. } => {
                        AccountCommand::RecordTransfer {
                            transfer_id: TransferId(legacy),
                            details,
                        }
                    }
                    other => other,
                };
                (command, line)
            })
            .collect();
        assert!(matches!(earlier[0].0, AccountCommand::AddMember { .. }));
        record(&mut state, &earlier, &context);
        assert!(already_imported(&plan, account_id, &state));
    }
}

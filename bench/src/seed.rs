//! Seeding, through the app's own code: users registered with `tally::identity`, accounts
//! opened with `execute_with`, then brought to their size by the app's write path (decide,
//! apply, `event_store::append`, `projections::project`, `snapshot_store::save`), and
//! `verify` over the result. With [`crate::ceiling`] the only module that calls the app's
//! command path, event store, read models and schema.

use crate::Env;
use crate::backend::BackendReport;
use crate::db::Database;
use anyhow::{Context, Result, anyhow, bail};
use chrono::{NaiveDate, Utc};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use std::time::Instant;
use tally::application::AccountRepository;
use tally::clock::now_micros;
use tally::domain::{
    AccountCommand, AccountEvent, AccountId, AccountName, CategoryId, Currency, DEFAULT_CATEGORIES,
    Description, ExpenseDetails, ExpenseId, MemberId, MemberName, Money, Portion, SharedAccount,
    Split, TransferDetails, TransferId, UserId,
};
use tally::event_sourcing::{Aggregate, DecisionContext, EventEnvelope, Metadata, Snapshotting};
use tally::identity::{self, Email};
use tally::infrastructure::db::DbConnection;
use tally::infrastructure::event_store;
use tally::infrastructure::schema::accounts;
use tally::infrastructure::snapshot_store;
use tally::projections;
use tally::projections::kept_latest::{self, KEPT, LatestFold};
use uuid::Uuid;

/// The password of every benchmark user.
pub(crate) const PASSWORD: &str = "bench horse battery staple";
/// Members of every benchmark account (a typical flat).
const MEMBER_NAMES: [&str; 4] = ["Ada", "Ben", "Cleo", "Dev"];
/// Events per seeding transaction.
const SEED_BATCH: i64 = 1_000;
/// Accounts (and clients) of the "many flats at once" runs.
pub(crate) const SPREAD_ACCOUNTS: usize = 16;

/// The benchmark users (registered through `tally::identity`).
pub(crate) struct Users {
    pub(crate) ids: Vec<UserId>,
    pub(crate) emails: Vec<String>,
}

pub(crate) fn seed_users(conn: &mut DbConnection) -> Result<Users> {
    let hash = identity::password::hash(PASSWORD).map_err(|e| anyhow!("hashing failed: {e}"))?;
    let mut ids = Vec::new();
    let mut emails = Vec::new();
    for (i, name) in MEMBER_NAMES.iter().enumerate() {
        let email = format!("bench{i}@bench.example.org");
        let id = identity::register(
            conn,
            &Email::parse(&email).map_err(|e| anyhow!("{e}"))?,
            &MemberName::parse(name).map_err(|e| anyhow!("{e}"))?,
            &hash,
        )
        .map_err(|e| anyhow!("cannot register {email}: {e}"))?;
        ids.push(id);
        emails.push(email);
    }
    Ok(Users { ids, emails })
}

/// An account the benchmark uses: four members, one per benchmark user.
#[derive(Debug, Clone)]
pub(crate) struct BenchAccount {
    pub(crate) id: AccountId,
    /// Member ids by user index.
    pub(crate) members: Vec<MemberId>,
    /// Events when seeding finished.
    pub(crate) seeded: i64,
}

impl BenchAccount {
    pub(crate) fn path(&self) -> String {
        format!("/accounts/{}", self.id)
    }
    /// The expense every benchmark POST records: 12.34 paid by `payer`, split equally.
    pub(crate) fn details(&self, payer: usize, today: NaiveDate) -> Result<ExpenseDetails> {
        Ok(ExpenseDetails {
            payer: self.members[payer % self.members.len()],
            amount: Money(1234),
            description: Description::parse("Bench expense").map_err(|e| anyhow!("{e}"))?,
            date: today,
            split: Split::Equally {
                participants: self.members.clone(),
            },
            category: None,
            foreign: None,
        })
    }
}

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const DESCRIPTIONS: [&str; 8] = [
    "Groceries",
    "Rent",
    "Internet",
    "Electricity",
    "Cleaning supplies",
    "Pizza night",
    "Toilet paper",
    "Plants",
];

/// A flat's history: mostly expenses (split equally or by shares), some payments back,
/// corrections and deletions, dated over the last 12 months up to today.
struct Mix {
    rng: Rng,
    live: Vec<ExpenseId>,
    n: u64,
}

impl Mix {
    /// The next command, and the index of the member (= user) who gives it.
    fn command(
        &mut self,
        state: &SharedAccount,
        members: &[MemberId],
        date: NaiveDate,
    ) -> Result<(AccountCommand, usize)> {
        let k = self.n;
        self.n += 1;
        let who = self.rng.below(members.len() as u64) as usize;
        if k % 20 == 19 {
            return Ok((self.transfer(members, who, date), who));
        }
        if k % 50 == 49
            && let Some(command) = self.correction(state)
        {
            return Ok((command, who));
        }
        if k % 97 == 96 && self.live.len() > 10 {
            let i = self.rng.below(self.live.len() as u64) as usize;
            let id = self.live.swap_remove(i);
            return Ok((AccountCommand::DeleteExpense { expense_id: id }, who));
        }
        Ok((self.expense(members, who, date, k)?, who))
    }

    /// A payment back from `who` to another member.
    fn transfer(&mut self, members: &[MemberId], who: usize, date: NaiveDate) -> AccountCommand {
        let other = (who + 1 + self.rng.below(members.len() as u64 - 1) as usize) % members.len();
        AccountCommand::RecordTransfer {
            transfer_id: TransferId::new(),
            details: TransferDetails {
                from: members[who],
                to: members[other],
                amount: Money(500 + self.rng.below(4_500) as i64),
                date,
            },
        }
    }

    /// One of the 20 newest live expenses, 1.00 more; none when it is gone.
    fn correction(&mut self, state: &SharedAccount) -> Option<AccountCommand> {
        let back = 1 + self.rng.below(20) as usize;
        let id = *self.live.get(self.live.len().saturating_sub(back))?;
        let existing = state.expenses.get(&id)?;
        let mut details = existing.details.clone();
        details.amount = Money(details.amount.0 + 100);
        Some(AccountCommand::CorrectExpense {
            expense_id: id,
            details,
            expected_revision: Some(existing.revision),
        })
    }

    /// A new expense paid by `who`: split equally, or by shares one time in five.
    fn expense(
        &mut self,
        members: &[MemberId],
        who: usize,
        date: NaiveDate,
        k: u64,
    ) -> Result<AccountCommand> {
        let expense_id = ExpenseId::new();
        self.live.push(expense_id);
        let split = if self.rng.below(5) == 0 {
            Split::ByShares {
                shares: members
                    .iter()
                    .map(|&m| Portion {
                        member_id: m,
                        value: 1 + self.rng.below(3) as i64,
                    })
                    .collect(),
            }
        } else {
            Split::Equally {
                participants: members.to_vec(),
            }
        };
        let description = format!(
            "{} #{k}",
            DESCRIPTIONS[self.rng.below(DESCRIPTIONS.len() as u64) as usize]
        );
        Ok(AccountCommand::RecordExpense {
            expense_id,
            details: ExpenseDetails {
                payer: members[who],
                amount: Money(100 + self.rng.below(20_000) as i64),
                description: Description::parse(&description).map_err(|e| anyhow!("{e}"))?,
                date,
                split,
                category: category_for(k),
                foreign: None,
            },
        })
    }
}

/// The category of the `k`-th command's expense: the starting set in turn, one in nine
/// without (by `k`, not the random stream, so the other values stay as they were).
fn category_for(k: u64) -> Option<CategoryId> {
    let n = DEFAULT_CATEGORIES.len() as u64 + 1;
    DEFAULT_CATEGORIES
        .get((k % n) as usize)
        .map(|(id, _)| CategoryId(Uuid::from_u128(*id)))
}

pub(crate) fn metadata_for(user: UserId) -> Metadata {
    Metadata {
        user_id: Some(user.0),
        request_id: None,
        import: None,
    }
}

/// Opens an account with the four users as members through `AccountRepository::execute`, exactly as the
/// app does; returns the member ids by user index.
fn open_account(
    conn: &mut DbConnection,
    users: &Users,
    account_id: AccountId,
    name: &str,
    context: &DecisionContext,
    snapshot_every: i64,
) -> Result<Vec<MemberId>> {
    let members: Vec<MemberId> = users.ids.iter().map(|_| MemberId::new()).collect();
    let open = AccountCommand::Open {
        name: AccountName::parse(name).map_err(|e| anyhow!("{e}"))?,
        currency: Currency::from_code("EUR").map_err(|_| anyhow!("EUR unknown"))?,
        member_id: members[0],
        member_name: MemberName::parse(MEMBER_NAMES[0]).map_err(|e| anyhow!("{e}"))?,
        user_id: users.ids[0],
    };
    let mut run = |command: &AccountCommand, user: UserId| {
        AccountRepository::with_snapshot_every(snapshot_every)
            .execute(conn, account_id, command, &metadata_for(user), context)
            .map_err(|e| anyhow!("seeding command failed: {e}"))
    };
    run(&open, users.ids[0])?;
    for i in 1..users.ids.len() {
        let add = AccountCommand::AddMember {
            member_id: members[i],
            name: MemberName::parse(MEMBER_NAMES[i]).map_err(|e| anyhow!("{e}"))?,
            user_id: Some(users.ids[i]),
        };
        run(&add, users.ids[i])?;
    }
    Ok(members)
}

/// An account on its way to its size: the state and version as the seeding goes.
struct Filling<'a> {
    account_id: AccountId,
    users: &'a Users,
    members: Vec<MemberId>,
    state: SharedAccount,
    version: i64,
    target: i64,
    snapshot_every: i64,
    context: DecisionContext,
    mix: Mix,
    /// The expenses so far, for the latest ones kept with each snapshot.
    latest: LatestFold,
    /// Events to add in all, and the days they are spread over.
    planned: i64,
    span_days: i64,
}

impl Filling<'_> {
    /// One transaction: events up to `upto`, decided, folded, appended, projected, and the
    /// snapshots of every multiple of `snapshot_every` crossed on the way.
    fn batch(&mut self, conn: &mut DbConnection, upto: i64) -> Result<()> {
        conn.transaction::<(), anyhow::Error, _>(|conn| {
            let mut envelopes: Vec<EventEnvelope<AccountEvent>> = Vec::new();
            let mut snapshots: Vec<(SharedAccount, i64)> = Vec::new();
            while self.version < upto {
                let before = self.version;
                self.step(&mut envelopes)?;
                let every = self.snapshot_every;
                if self.version / every != before / every {
                    snapshots.push((SharedAccount::restore(self.state.snapshot()), self.version));
                }
            }
            event_store::append(conn, &mut envelopes)?;
            projections::project(conn, self.account_id, &self.state, &envelopes)?;
            // The latest expenses at each snapshot, folded now that the events have positions.
            let mut kept = snapshots.iter().map(|(_, at)| *at).peekable();
            let mut lists = Vec::with_capacity(snapshots.len());
            for envelope in &envelopes {
                self.latest.apply(envelope);
                if kept.next_if_eq(&envelope.version).is_some() {
                    lists.push(kept_latest::to_json(&self.latest.top(KEPT))?);
                }
            }
            for ((snapshot, at), list) in snapshots.iter().zip(&lists) {
                snapshot_store::save(conn, self.account_id.0, snapshot, *at, Some(list))?;
            }
            Ok(())
        })
    }

    /// One command of the mix, decided by the aggregate; its events folded and enveloped.
    fn step(&mut self, envelopes: &mut Vec<EventEnvelope<AccountEvent>>) -> Result<()> {
        let done = self.planned - (self.target - self.version);
        let days_ago = (self.planned - 1 - done) * self.span_days / self.planned.max(1);
        let date = self.context.today - chrono::Duration::days(days_ago);
        let (command, who) = self.mix.command(&self.state, &self.members, date)?;
        let new_events = self
            .state
            .handle(&command, &self.context)
            .map_err(|e| anyhow!("the aggregate refused a seeding command: {e}"))?;
        let recorded_at = now_micros();
        for event in new_events {
            self.state.apply(&event);
            self.version += 1;
            envelopes.push(EventEnvelope {
                position: None,
                event_id: Uuid::now_v7(),
                aggregate_type: SharedAccount::TYPE,
                aggregate_id: self.account_id.0,
                version: self.version,
                recorded_at,
                metadata: metadata_for(self.users.ids[who]),
                event,
            });
        }
        Ok(())
    }
}

/// Opens an account with the four users as members (through `AccountRepository::execute`, exactly as the
/// app does), then brings it to `target` events: commands decided by the aggregate, events
/// folded, appended with `event_store::append`, read models written by `projections::project`
/// and snapshots saved with `snapshot_store::save` whenever the version crosses a multiple of
/// `snapshot_every` — the app's own write path, batched into transactions of
/// [`SEED_BATCH`] events so 100,000 events take seconds, not a commit each.
pub(crate) fn seed_account(
    conn: &mut DbConnection,
    users: &Users,
    name: &str,
    target: i64,
    snapshot_every: i64,
    seed: u64,
) -> Result<BenchAccount> {
    let context = DecisionContext::at(Utc::now());
    let account_id = AccountId::new();
    let members = open_account(conn, users, account_id, name, &context, snapshot_every)?;
    let loaded = AccountRepository::retrieve(conn, account_id)?;
    let mut latest = LatestFold::default();
    for envelope in event_store::load::<SharedAccount>(conn, account_id.0, 0)? {
        latest.apply(&envelope);
    }
    let planned = (target - loaded.version).max(0);
    let mut filling = Filling {
        account_id,
        users,
        members,
        state: loaded.state,
        version: loaded.version,
        target,
        snapshot_every,
        context,
        mix: Mix {
            rng: Rng(seed),
            live: Vec::new(),
            n: 0,
        },
        latest,
        planned,
        // Spread the dates over the last 12 months (a few expenses a day for small accounts),
        // ending today, so the statistics page's default period has the account's work.
        span_days: (planned / 4).min(365),
    };
    while filling.version < target {
        let upto = (filling.version + SEED_BATCH).min(target);
        filling.batch(conn, upto)?;
    }
    Ok(BenchAccount {
        id: account_id,
        members: filling.members,
        seeded: filling.version,
    })
}

/// Events in an account now (its `version` column).
pub(crate) fn account_version(conn: &mut DbConnection, account: AccountId) -> Result<i64> {
    Ok(accounts::table
        .find(account.as_bytes().as_slice())
        .select(accounts::version)
        .first(conn)?)
}

/// Everything the runs of one backend use.
pub(crate) struct Seeded {
    pub(crate) users: Users,
    /// Per size: the account the HTTP runs use, and a twin for the DB-limit runs, so both
    /// start at the same number of events.
    pub(crate) sized: Vec<(BenchAccount, BenchAccount)>,
    pub(crate) raw: BenchAccount,
    pub(crate) spread: Vec<BenchAccount>,
}

/// Migrates a fresh database and seeds it: users, the sized accounts and their twins, the
/// raw-SQL account, the spread accounts; then checkpoints SQLite and, when asked, verifies.
pub(crate) fn seed_all(env: &Env, db: &Database, report: &mut BackendReport) -> Result<Seeded> {
    let args = &env.args;
    let mut conn = db.connect()?;
    conn.run_migrations()
        .map_err(|e| anyhow!("migrations failed: {e}"))?;
    let users = seed_users(&mut conn)?;
    let every = args.snapshot_every();
    let mut sized = Vec::new();
    for (i, &size) in args.sizes().iter().enumerate() {
        sized.push(seed_sized(env, &mut conn, &users, report, i, size)?);
    }
    let raw = seed_account(&mut conn, &users, "Bench raw SQL", 10, every, 7)?;
    let mut spread = Vec::new();
    if !args.no_spread {
        let t = Instant::now();
        for i in 0..SPREAD_ACCOUNTS {
            spread.push(seed_account(
                &mut conn,
                &users,
                &format!("Bench flat {i}"),
                10,
                every,
                2000 + i as u64,
            )?);
        }
        report.seeding.push((
            format!("{SPREAD_ACCOUNTS} accounts of 10 events"),
            10 * SPREAD_ACCOUNTS as i64,
            t.elapsed(),
        ));
    }
    // Seeding writes a bulk load's worth of WAL (hundreds of MiB at 100,000 events); a running
    // tally never has that much unmerged, and readers would search it on every page until the
    // next checkpoint. Merge it now, so the first runs measure the app, not the bulk load.
    if conn.is_sqlite() {
        conn.batch_execute("PRAGMA wal_checkpoint(TRUNCATE)")
            .context("checkpointing the seeded SQLite database")?;
    }
    // The seeded data must be exactly what the app writes: read models equal a replay,
    // snapshots equal a replay up to their version.
    report.verify = if args.verify.unwrap_or(args.quick) {
        verify_seeded(&mut conn, db)?
    } else {
        "not run (only with --quick by default, or --verify)".into()
    };
    Ok(Seeded {
        users,
        sized,
        raw,
        spread,
    })
}

/// The account of one size for the HTTP runs and its twin for the DB-limit runs (the same
/// account twice when profiling, which has no DB-limit runs).
fn seed_sized(
    env: &Env,
    conn: &mut DbConnection,
    users: &Users,
    report: &mut BackendReport,
    i: usize,
    size: i64,
) -> Result<(BenchAccount, BenchAccount)> {
    let mut pair = Vec::new();
    for (j, role) in ["HTTP", "Diesel"].iter().enumerate() {
        if j == 1 && env.args.profile.is_some() {
            break;
        }
        let t = Instant::now();
        let a = seed_account(
            conn,
            users,
            &format!("Bench {size} events ({role})"),
            size,
            env.args.snapshot_every(),
            1000 + 10 * i as u64 + j as u64,
        )?;
        let took = t.elapsed();
        eprintln!(
            "  seeded an account of {} events for the {role} runs in {:.1} s",
            a.seeded,
            took.as_secs_f64()
        );
        report.seeding.push((
            format!("account of {size} events for the {role} runs"),
            a.seeded,
            took,
        ));
        pair.push(a);
    }
    let http = pair.remove(0);
    let diesel = pair.pop().unwrap_or_else(|| http.clone());
    Ok((http, diesel))
}

/// `tally::projections::verify` over the whole database; any problem is an error.
fn verify_seeded(conn: &mut DbConnection, db: &Database) -> Result<String> {
    let t = Instant::now();
    let verified =
        projections::verify::verify(conn).map_err(|e| anyhow!("verify could not run: {e}"))?;
    if !verified.is_ok() {
        bail!(
            "the seeded {} database fails `verify`: {}",
            db.backend.label(),
            verified.problems.join("; ")
        );
    }
    let summary = format!(
        "OK: {} events of {} aggregates ({:.1} s)",
        verified.events,
        verified.aggregates,
        t.elapsed().as_secs_f64()
    );
    eprintln!("  verify: {summary}");
    Ok(summary)
}

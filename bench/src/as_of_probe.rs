//! `--as-of-probe`: how long the account as it was takes at its oldest, middle and newest
//! points and at the end of today, straight through the library (`tally::read::as_of`, the
//! read the as-of page makes) on one connection, without HTTP or templates. Seeds one account
//! per `--sizes` on a fresh database per backend with the harness's own seeding; checks the
//! middle and newest points against a full replay and the read models; prints a table and
//! writes it to `<out>/<stamp>-as-of-probe.md`. No server, no load: cheap enough to run on a
//! busy machine, though the numbers are then the busy machine's.

use crate::args::Args;
use crate::db::{Backend, Database};
use crate::seed::{seed_account, seed_users};
use anyhow::{Context, Result, anyhow, bail};
use chrono::Utc;
use diesel::connection::SimpleConnection;
use std::fmt::Write as _;
use std::time::{Duration, Instant};
use tally::application::AccountRepository;
use tally::read::as_of::{Point, as_of};
use tally::read::members::members_of;

/// Timed reads per point (after one untimed warm-up read).
const REPS: usize = 20;

pub(crate) fn run_probe(args: &Args) -> Result<()> {
    let stamp = Utc::now().format("%Y-%m-%dT%H-%M-%SZ").to_string();
    let mut md = String::new();
    let _ = writeln!(md, "# As-of probe {stamp}\n");
    let _ = writeln!(
        md,
        "`tally::read::as_of::as_of` on one connection, {REPS} timed reads per point after one \
         untimed; snapshot every {} events. Load average at start: {}\n",
        args.snapshot_every(),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    md.push_str(
        "| Backend | Events | Point | Version | first ms | min ms | median ms | max ms |\n",
    );
    md.push_str("|---|---:|---|---:|---:|---:|---:|---:|\n");
    for name in &args.backends {
        let backend = Backend::parse(name)?;
        let db = Database::fresh(backend, args, "asof")?;
        let mut conn = db.connect()?;
        conn.run_migrations()
            .map_err(|e| anyhow!("migrations failed: {e}"))?;
        let users = seed_users(&mut conn)?;
        for (i, &size) in args.sizes().iter().enumerate() {
            let t = Instant::now();
            let account = seed_account(
                &mut conn,
                &users,
                &format!("As-of probe {size}"),
                size,
                args.snapshot_every(),
                4000 + i as u64,
            )?;
            eprintln!(
                "  {}: seeded {} events in {:.1} s",
                backend.label(),
                account.seeded,
                t.elapsed().as_secs_f64()
            );
            if conn.is_sqlite() {
                conn.batch_execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    .context("checkpointing")?;
            }
            let newest = account.seeded;
            let middle = (newest / 2).max(1);
            check(&mut conn, account.id, middle, newest)?;
            for (label, point) in [
                ("oldest (after change 1)", Point::After(1)),
                ("middle (after change N/2)", Point::After(middle)),
                ("newest (after change N)", Point::After(newest)),
                ("end of today (date)", Point::EndOf(Utc::now().date_naive())),
            ] {
                let mut times: Vec<Duration> = Vec::with_capacity(REPS + 1);
                let mut version = 0;
                for _ in 0..=REPS {
                    let t = Instant::now();
                    let view = as_of(&mut conn, account.id, point)?
                        .map_err(|missing| anyhow!("nothing at {label}: {missing:?}"))?;
                    times.push(t.elapsed());
                    version = view.version;
                }
                let first = times.remove(0);
                times.sort();
                let ms = |d: Duration| format!("{:.2}", d.as_secs_f64() * 1000.0);
                let line = format!(
                    "| {} | {} | {label} | {version} | {} | {} | {} | {} |",
                    backend.label(),
                    newest,
                    ms(first),
                    ms(times[0]),
                    ms(times[times.len() / 2]),
                    ms(times[times.len() - 1]),
                );
                eprintln!("{line}");
                md.push_str(&line);
                md.push('\n');
            }
        }
        drop(conn);
        drop(db);
    }
    println!("{md}");
    std::fs::create_dir_all(&args.out)?;
    let path = args.out.join(format!("{stamp}-as-of-probe.md"));
    std::fs::write(&path, &md).with_context(|| format!("cannot write {}", path.display()))?;
    eprintln!("results written to {}", path.display());
    Ok(())
}

/// The as-of balances equal a full replay at the middle and the read models at the newest.
fn check(
    conn: &mut tally::infrastructure::db::DbConnection,
    account: tally::domain::AccountId,
    middle: i64,
    newest: i64,
) -> Result<()> {
    let replayed = AccountRepository::retrieve(conn, account)?;
    let events = tally::infrastructure::event_store::load::<tally::domain::SharedAccount>(
        conn, account.0, 0,
    )?;
    let at_middle = tally::event_sourcing::Versioned::<tally::domain::SharedAccount>::replay(
        events.iter().take_while(|e| e.version <= middle),
    );
    let nets = |members: &[tally::read::members::MemberView]| {
        members.iter().map(|m| (m.id, m.net)).collect::<Vec<_>>()
    };
    let view = as_of(conn, account, Point::After(middle))?
        .map_err(|m| anyhow!("nothing at the middle: {m:?}"))?;
    let expected: Vec<_> = at_middle
        .state
        .members
        .iter()
        .map(|m| (m.id, m.balance.net().cents()))
        .collect();
    if nets(&view.members) != expected {
        bail!("as-of at {middle} differs from a replay");
    }
    let view = as_of(conn, account, Point::After(newest))?
        .map_err(|m| anyhow!("nothing at the newest: {m:?}"))?;
    let now = members_of(conn, account).map_err(|e| anyhow!("{e}"))?;
    if nets(&view.members) != nets(&now) || replayed.version != newest {
        bail!("as-of at the newest change differs from the read models");
    }
    Ok(())
}

//! The Markdown report: results side by side, the targets (reported, never asserted), the
//! server and seeding facts, statements per command, and every run in detail.

use crate::Env;
use crate::args::Args;
use crate::backend::BackendReport;
use crate::db::{Backend, SESSION_COUNTERS};
use crate::load::{Run, Scenario};
use crate::procfs::{cores, proc_status_kib_meminfo};
use std::fmt::Write as _;
use std::process::Command;
use std::time::{Duration, Instant};

fn ms(x: f64) -> String {
    if x.is_nan() {
        "–".into()
    } else if x < 10.0 {
        format!("{x:.2}")
    } else if x < 100.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.0}")
    }
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

pub(crate) fn thousands(n: i64) -> String {
    let s = n.abs().to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or("–".into(), |k| format!("{:.1} MiB", k as f64 / 1024.0))
}

fn median(v: &[Duration]) -> Duration {
    let mut s = v.to_vec();
    s.sort();
    s.get(s.len() / 2).copied().unwrap_or_default()
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "**missed**" }
}

fn find_run(r: &BackendReport, s: Scenario, size: i64, clients: usize) -> Option<&Run> {
    r.runs
        .iter()
        .find(|x| x.scenario == s && x.size == size && x.clients == clients)
}

/// The whole report.
pub(crate) fn render(
    env: &Env,
    reports: &[BackendReport],
    started: Instant,
    context: &str,
) -> String {
    let args = &env.args;
    let mut md = String::new();
    let _ = writeln!(md, "# tally benchmark, {}\n", env.stamp);
    md.push_str(context);
    let _ = writeln!(
        md,
        "- settings: {} s measured after {} s warm-up per run; server pool {}; snapshot every {} events; {} start-ups per backend{}\n- total harness time: {:.0} s\n",
        args.duration().as_secs_f64(),
        args.warmup().as_secs_f64(),
        args.pool_size,
        args.snapshot_every(),
        args.startup_runs(),
        if args.quick {
            "; **--quick** (tiny sizes, short runs)"
        } else {
            ""
        },
        started.elapsed().as_secs_f64()
    );

    results_table(&mut md, reports);
    targets(&mut md, args, reports);
    server_section(&mut md, args, reports);
    statements_section(&mut md, reports);
    statement_times_section(&mut md, reports);
    details_section(&mut md, reports);
    loadgen_line(&mut md, reports);
    md
}

/// Side-by-side summary.
fn results_table(md: &mut String, reports: &[BackendReport]) {
    md.push_str("## Results\n\n");
    md.push_str("Latencies in ms. `events` is the account's size class (events seeded).\n\n");
    let _ = write!(md, "| Scenario | Events | Clients |");
    for r in reports {
        let _ = write!(
            md,
            " {0} req/s | {0} p50 | {0} p99 | {0} errors |",
            r.backend.label()
        );
    }
    md.push('\n');
    md.push_str("|---|---:|---:|");
    for _ in reports {
        md.push_str("---:|---:|---:|---:|");
    }
    md.push('\n');
    let mut keys: Vec<(Scenario, i64, usize)> = reports
        .iter()
        .flat_map(|r| r.runs.iter().map(|x| (x.scenario, x.size, x.clients)))
        .collect();
    keys.sort_by_key(|&(s, size, c)| (size_order(s), size, s, c));
    keys.dedup();
    for (s, size, c) in &keys {
        let _ = write!(md, "| {} | {} | {} |", s.label(), thousands(*size), c);
        for r in reports {
            match find_run(r, *s, *size, *c) {
                Some(x) => {
                    let _ = write!(
                        md,
                        " {:.0} | {} | {} | {} |",
                        x.rps,
                        ms(x.p50),
                        ms(x.p99),
                        x.errors
                    );
                }
                None => md.push_str(" – | – | – | – |"),
            }
        }
        md.push('\n');
    }
    md.push('\n');
}

fn targets(md: &mut String, args: &Args, reports: &[BackendReport]) {
    md.push_str("## Against the targets (reported, never asserted)\n\n");
    let _ = write!(md, "| Target |");
    for r in reports {
        let _ = write!(md, " {} |", r.backend.label());
    }
    md.push('\n');
    md.push_str("|---|");
    for _ in reports {
        md.push_str("---|");
    }
    md.push('\n');
    let sizes = args.sizes();
    let busiest = args.post_clients.iter().copied().max().unwrap_or(1);
    target_post_vs_limit(md, reports, &sizes, busiest);
    target_post_vs_raw(md, reports, &sizes);
    target_post_growth(md, args, reports, &sizes);
    target_get_p99(md, args, reports, &sizes);
    target_list(md, reports, &sizes);
    target_rss_startup(md, reports);
}

fn target_post_vs_limit(md: &mut String, reports: &[BackendReport], sizes: &[i64], busiest: usize) {
    for &size in sizes {
        let _ = write!(
            md,
            "| POST at {busiest} clients ≥ 50% of the DB limit (execute_with), {} events |",
            thousands(size)
        );
        for r in reports {
            let post = find_run(r, Scenario::Post, size, busiest);
            let limit = find_run(r, Scenario::Limit, size, busiest);
            match (post, limit) {
                (Some(p), Some(l)) if l.rps > 0.0 => {
                    let ratio = p.rps / l.rps;
                    let _ = write!(
                        md,
                        " {:.0} / {:.0} = {:.0}% {} |",
                        p.rps,
                        l.rps,
                        ratio * 100.0,
                        verdict(ratio >= 0.5)
                    );
                }
                _ => md.push_str(" – |"),
            }
        }
        md.push('\n');
    }
}

/// Issue 15's honest ceilings: the app's expense POST against the hand-written minimal
/// transaction, on one account and over many.
fn target_post_vs_raw(md: &mut String, reports: &[BackendReport], sizes: &[i64]) {
    let ratio_cell =
        |md: &mut String, app: Option<&Run>, raw: Option<&Run>, goal: f64| match (app, raw) {
            (Some(a), Some(r)) if r.rps > 0.0 => {
                let ratio = a.rps / r.rps;
                let _ = write!(
                    md,
                    " {:.0} / {:.0} = {:.0}% {} |",
                    a.rps,
                    r.rps,
                    ratio * 100.0,
                    verdict(ratio >= goal)
                );
            }
            _ => md.push_str(" – |"),
        };
    for &size in sizes {
        let _ = write!(
            md,
            "| POST at 16 clients on one account ≥ 80% of the raw one-account ceiling, {} events |",
            thousands(size)
        );
        for r in reports {
            let app = find_run(r, Scenario::Post, size, 16);
            let raw = r
                .runs
                .iter()
                .find(|x| x.scenario == Scenario::Raw && x.clients == 16);
            ratio_cell(md, app, raw, 0.8);
        }
        md.push('\n');
    }
    md.push_str("| POST at 16 clients over 16 accounts ≥ 60% of the raw many-account ceiling |");
    for r in reports {
        let app = r.runs.iter().find(|x| x.scenario == Scenario::PostSpread);
        let raw = r.runs.iter().find(|x| x.scenario == Scenario::RawSpread);
        ratio_cell(md, app, raw, 0.6);
    }
    md.push('\n');
}

fn target_post_growth(md: &mut String, args: &Args, reports: &[BackendReport], sizes: &[i64]) {
    if let (Some(&small), Some(&large)) = (sizes.first(), sizes.last()) {
        for &c in &args.post_clients {
            let _ = write!(
                md,
                "| POST p50 at {} events ≤ 1.5× p50 at {} events ({c} client{}) |",
                thousands(large),
                thousands(small),
                if c == 1 { "" } else { "s" }
            );
            for r in reports {
                match (
                    find_run(r, Scenario::Post, large, c),
                    find_run(r, Scenario::Post, small, c),
                ) {
                    (Some(l), Some(s)) => {
                        let ratio = l.p50 / s.p50;
                        let _ = write!(
                            md,
                            " {} / {} ms = {:.2}× {} |",
                            ms(l.p50),
                            ms(s.p50),
                            ratio,
                            verdict(ratio <= 1.5)
                        );
                    }
                    _ => md.push_str(" – |"),
                }
            }
            md.push('\n');
        }
    }
}

fn target_get_p99(md: &mut String, args: &Args, reports: &[BackendReport], sizes: &[i64]) {
    let get16 = if args.get_clients().contains(&16) {
        16
    } else {
        args.get_clients().first().copied().unwrap_or(16)
    };
    for &size in sizes {
        let _ = write!(
            md,
            "| Dashboard GET p99 < 10 ms at {get16} clients, {} events |",
            thousands(size)
        );
        for r in reports {
            match find_run(r, Scenario::Get, size, get16) {
                Some(x) => {
                    let _ = write!(md, " {} ms {} |", ms(x.p99), verdict(x.p99 < 10.0));
                }
                None => md.push_str(" – |"),
            }
        }
        md.push('\n');
    }
    // The account as it was (issue 11): any point under 200 ms.
    for &size in sizes {
        for scenario in [Scenario::AsOfMiddle, Scenario::AsOfToday] {
            let _ = write!(
                md,
                "| {} p99 < 200 ms at {get16} clients, {} events |",
                scenario.label(),
                thousands(size)
            );
            for r in reports {
                match find_run(r, scenario, size, get16) {
                    Some(x) => {
                        let _ = write!(md, " {} ms {} |", ms(x.p99), verdict(x.p99 < 200.0));
                    }
                    None => md.push_str(" – |"),
                }
            }
            md.push('\n');
        }
    }
    // The statistics page's target (issue 11): 16 clients, the last 12 months.
    for &size in sizes {
        let _ = write!(
            md,
            "| Statistics GET p99 < 20 ms at 16 clients, {} events |",
            thousands(size)
        );
        for r in reports {
            match find_run(r, Scenario::Stats, size, 16) {
                Some(x) => {
                    let _ = write!(md, " {} ms {} |", ms(x.p99), verdict(x.p99 < 20.0));
                }
                None => md.push_str(" – |"),
            }
        }
        md.push('\n');
    }
}

/// The expense list (issue 15): p99 under 10 ms at 16 clients, and flat with history: p50 and
/// p99 at the largest size within 1.5× of those at the smallest.
fn target_list(md: &mut String, reports: &[BackendReport], sizes: &[i64]) {
    for &size in sizes {
        let _ = write!(
            md,
            "| {} p99 < 10 ms at 16 clients, {} events |",
            Scenario::List.label(),
            thousands(size)
        );
        for r in reports {
            match find_run(r, Scenario::List, size, 16) {
                Some(x) => {
                    let _ = write!(md, " {} ms {} |", ms(x.p99), verdict(x.p99 < 10.0));
                }
                None => md.push_str(" – |"),
            }
        }
        md.push('\n');
    }
    let (Some(&small), Some(&large)) = (sizes.iter().min(), sizes.iter().max()) else {
        return;
    };
    if small == large {
        return;
    }
    for (what, pick) in [("p50", 0), ("p99", 1)] {
        let _ = write!(
            md,
            "| {} {what} at {} events ≤ 1.5× at {} events (16 clients) |",
            Scenario::List.label(),
            thousands(large),
            thousands(small)
        );
        for r in reports {
            match (
                find_run(r, Scenario::List, small, 16),
                find_run(r, Scenario::List, large, 16),
            ) {
                (Some(a), Some(b)) => {
                    let (a, b) = if pick == 0 {
                        (a.p50, b.p50)
                    } else {
                        (a.p99, b.p99)
                    };
                    let ratio = b / a.max(f64::EPSILON);
                    let _ = write!(
                        md,
                        " {} / {} ms = {ratio:.2}× {} |",
                        ms(b),
                        ms(a),
                        verdict(ratio <= 1.5)
                    );
                }
                _ => md.push_str(" – |"),
            }
        }
        md.push('\n');
    }
}

fn target_rss_startup(md: &mut String, reports: &[BackendReport]) {
    md.push_str("| Server peak RSS under load < 64 MiB |");
    for r in reports {
        let peak = r.rss_load_kib.or(r.rss_sampled_kib);
        let _ = write!(
            md,
            " {} {} |",
            mib(peak),
            peak.map_or("–", |k| verdict(k < 64 * 1024))
        );
    }
    md.push('\n');
    md.push_str("| Start-up with migrations < 1 s (median) |");
    for r in reports {
        let m = median(&r.startup);
        let _ = write!(
            md,
            " {:.0} ms {} |",
            m.as_secs_f64() * 1000.0,
            verdict(m < Duration::from_secs(1))
        );
    }
    md.push_str("\n\n");
}

/// Other facts: server version, start-up, RSS, seeding, verify, notes.
fn server_section(md: &mut String, args: &Args, reports: &[BackendReport]) {
    md.push_str("## Server and seeding\n\n");
    for r in reports {
        let _ = writeln!(md, "### {}\n", r.backend.label());
        if let Some(v) = &r.server_version {
            let _ = writeln!(md, "- server: {v}");
        }
        let mut st: Vec<String> = r
            .startup
            .iter()
            .map(|d| format!("{:.0}", d.as_secs_f64() * 1000.0))
            .collect();
        st.sort_by_key(|s| s.parse::<u64>().unwrap_or(0));
        let _ = writeln!(
            md,
            "- start-up to /readyz 200 on a fresh database (migrations included): median {:.0} ms (runs: {} ms)",
            median(&r.startup).as_secs_f64() * 1000.0,
            st.join(", ")
        );
        let _ = writeln!(
            md,
            "- server RSS: {} when ready (before any request); {} after {} sign-ins (argon2, 2 at a time); peak during the measured load {} (VmHWM after a reset; sampled VmRSS max {})",
            mib(r.rss_idle_kib),
            mib(r.rss_signin_kib),
            args.max_clients(),
            mib(r.rss_load_kib),
            mib(r.rss_sampled_kib),
        );
        if !args.server_env.is_empty() {
            let _ = writeln!(
                md,
                "- extra server environment: `{}`",
                args.server_env.join(" ")
            );
        }
        for (what, events, took) in &r.seeding {
            let _ = writeln!(
                md,
                "- seeded {what}: {} events in {:.1} s ({:.0} events/s)",
                thousands(*events),
                took.as_secs_f64(),
                *events as f64 / took.as_secs_f64().max(1e-9)
            );
        }
        let _ = writeln!(md, "- `verify` on the seeded database: {}", r.verify);
        for n in &r.notes {
            let _ = writeln!(md, "- note: {n}");
        }
        md.push('\n');
    }
}

fn statements_section(md: &mut String, reports: &[BackendReport]) {
    for r in reports {
        if r.statement_profiles.is_empty() {
            continue;
        }
        let _ = writeln!(
            md,
            "## Statements per command ({}, the session's own counters over 50 commands)\n",
            r.backend.label()
        );
        md.push_str("| Command |");
        for name in SESSION_COUNTERS {
            let _ = write!(md, " {name} |");
        }
        md.push_str("\n|---|");
        for _ in SESSION_COUNTERS {
            md.push_str("---:|");
        }
        md.push('\n');
        for (what, values) in &r.statement_profiles {
            let _ = write!(md, "| {what} |");
            for v in values {
                let _ = write!(md, " {v:.1} |");
            }
            md.push('\n');
        }
        md.push('\n');
    }
}

/// Where a command's time goes on one connection, statement by statement.
fn statement_times_section(md: &mut String, reports: &[BackendReport]) {
    for r in reports {
        for (what, t) in &r.statement_times {
            let listed: f64 = t.statements.iter().map(|s| s.2).sum();
            let _ = writeln!(
                md,
                "### Time per statement: {what} ({}, one connection, 200 commands)\n\n\
                 A command took {:.3} ms, {:.3} ms of it in statements (sent until the last row \
                 came back) and {:.3} ms in the app between them.\n",
                r.backend.label(),
                t.whole,
                listed,
                (t.whole - listed).max(0.0)
            );
            md.push_str("| Statement (start) | per command | ms per command |\n|---|---:|---:|\n");
            for (sql, count, ms) in &t.statements {
                let _ = writeln!(
                    md,
                    "| `{}` | {count:.1} | {ms:.3} |",
                    sql.replace('|', "\\|")
                );
            }
            md.push('\n');
        }
    }
}

/// Details with CPU shares.
fn details_section(md: &mut String, reports: &[BackendReport]) {
    md.push_str("## Details\n\n");
    md.push_str(
        "CPU columns are shares of the whole machine (all cores) during the measured window: \
         the harness process (load generator, or the Diesel threads in the DB-limit rows), the \
         server, mariadbd, and everything that was busy (including other work on the machine). \
         `stmts/req` is MariaDB's global `Questions` counter per request (includes anything else \
         talking to that server).\n\n",
    );
    for r in reports {
        details_backend(md, r);
    }
}

fn details_backend(md: &mut String, r: &BackendReport) {
    let _ = writeln!(md, "### {}\n", r.backend.label());
    md.push_str("| Scenario | Events at start | Clients | OK | req/s | p50 | p90 | p99 | max | errors | harness CPU | server CPU | DB CPU | machine busy | stmts/req | server RSS |\n");
    md.push_str(
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    let mut runs: Vec<&Run> = r.runs.iter().collect();
    runs.sort_by_key(|x| (size_order(x.scenario), x.size, x.scenario, x.clients));
    for x in runs {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {:.0} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            x.scenario.label(),
            thousands(x.events_at_start),
            x.clients,
            x.ok,
            x.rps,
            ms(x.p50),
            ms(x.p90),
            ms(x.p99),
            ms(x.max),
            x.errors,
            pct(x.cpu.harness),
            pct(x.cpu.server),
            if r.backend == Backend::Mysql {
                pct(x.cpu.db)
            } else {
                "–".into()
            },
            pct(x.cpu.machine),
            x.statements.map_or("–".into(), |s| format!("{s:.1}")),
            mib(x.rss_kib),
        );
    }
    md.push('\n');
    for x in &r.runs {
        for s in &x.error_samples {
            let _ = writeln!(
                md,
                "- error in {} ({} events, {} clients): {s}",
                x.scenario.label(),
                x.size,
                x.clients
            );
        }
        for n in &x.notes {
            let _ = writeln!(
                md,
                "- note on {} ({} events, {} clients): {n}",
                x.scenario.label(),
                x.size,
                x.clients
            );
        }
    }
    md.push('\n');
}

fn loadgen_line(md: &mut String, reports: &[BackendReport]) {
    let max_loadgen = reports
        .iter()
        .flat_map(|r| &r.runs)
        .filter(|x| {
            matches!(
                x.scenario,
                Scenario::Get
                    | Scenario::AsOfMiddle
                    | Scenario::AsOfToday
                    | Scenario::Stats
                    | Scenario::List
                    | Scenario::Form
                    | Scenario::Post
                    | Scenario::PostSpread
            )
        })
        .map(|x| x.cpu.harness)
        .fold(0.0_f64, f64::max);
    let _ = writeln!(
        md,
        "Load generator: at most {} of the machine ({:.0}% of one core) in any HTTP run; it runs on one tokio worker thread, so it can never take more than one core.\n",
        pct(max_loadgen),
        max_loadgen * cores() * 100.0
    );
}

fn size_order(s: Scenario) -> u8 {
    match s {
        Scenario::Get
        | Scenario::AsOfMiddle
        | Scenario::AsOfToday
        | Scenario::Stats
        | Scenario::List
        | Scenario::Form
        | Scenario::Post
        | Scenario::Limit => 0,
        Scenario::Raw => 1,
        Scenario::PostSpread | Scenario::LimitSpread | Scenario::RawSpread => 2,
    }
}

/// The report's header lines: the machine, its load, the code's revision, the backends.
pub(crate) fn context_lines(args: &Args) -> String {
    let mut s = String::new();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_default();
    let mem_kib = proc_status_kib_meminfo().unwrap_or(0);
    let git = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let dirty = Command::new("git")
        .args(["status", "--porcelain", "--untracked-files=no"])
        .output()
        .ok()
        .is_some_and(|o| !o.stdout.is_empty());
    let _ = writeln!(
        s,
        "- machine: {} cores ({model}), {:.1} GiB RAM; load average at start: {}",
        cores(),
        mem_kib as f64 / 1024.0 / 1024.0,
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    let _ = writeln!(
        s,
        "- code: {}{}; release build; backends: {}",
        if git.is_empty() {
            "unknown revision".into()
        } else {
            git
        },
        if dirty {
            " (with uncommitted changes)"
        } else {
            ""
        },
        args.backends.join(", ")
    );
    s
}

/// The header's closing line, read when the runs are over.
pub(crate) fn load_end_line() -> String {
    format!(
        "- load average at the end: {}\n",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    )
}

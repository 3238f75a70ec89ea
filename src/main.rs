//! The `tally` command: reads settings, starts logging, calls into the library.

use anyhow::Context;
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use tally::config::Settings;
use tally::projections::{rebuild::rebuild_projections, verify::verify};
use tally::web::Application;

/// Shared expenses for flatmates.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Empty the read models and replay every event into them.
    RebuildProjections,
    /// Check read models against a replay, zero-sum nets and contiguous versions.
    Verify,
    /// Record every recurring bill that has fallen due (for cron; the server also does it).
    PostDue,
    /// Print a one-time link, valid for an hour, with which the person who registered with
    /// EMAIL sets a new password (there is no mail server: send it to them yourself).
    ResetPassword {
        /// The email address they registered with.
        email: String,
    },
    /// Exit 0 when the server at TALLY_BIND (or --url) answers /readyz; for container health
    /// checks without curl.
    Healthcheck {
        /// Base URL, e.g. http://127.0.0.1:8080 (default: from TALLY_BIND).
        #[arg(long)]
        url: Option<String>,
    },
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,diesel=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let database_url = tally::config::database_url_from_env();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(Settings::from_env()?),
        Command::Healthcheck { url } => healthcheck(url),
        Command::ResetPassword { email } => {
            let email =
                tally::identity::Email::parse(&email).map_err(|e| anyhow::anyhow!("{e}"))?;
            let mut conn = connect(&database_url)?;
            conn.run_migrations()?;
            let user = tally::identity::find_by_email(&mut conn, &email)?.ok_or_else(|| {
                anyhow::anyhow!("no account is registered with {:?}", email.as_str())
            })?;
            let token = tally::identity::reset::create(&mut conn, user.id(), chrono::Utc::now())?;
            let base = match std::env::var("TALLY_PUBLIC_URL") {
                Ok(url) => url.trim_end_matches('/').to_owned(),
                Err(_) => format!(
                    "http://{}",
                    std::env::var("TALLY_BIND").unwrap_or_else(|_| "127.0.0.1:8080".to_owned())
                ),
            };
            println!("{base}/reset?token={token}");
            eprintln!(
                "Send this link to {:?} yourself. It works once, for {} minutes; a new one \
                 ends it.",
                email.as_str(),
                tally::identity::reset::VALID_FOR_MINUTES
            );
            Ok(())
        }
        Command::Migrate => {
            let mut conn = connect(&database_url)?;
            let n = conn.run_migrations()?;
            println!("{n} migration(s) applied");
            Ok(())
        }
        Command::RebuildProjections => {
            let mut conn = connect(&database_url)?;
            conn.run_migrations()?;
            let bar = ProgressBar::new(0).with_style(
                ProgressStyle::with_template("{bar:40} {pos}/{len} events ({per_sec}, {eta})")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            let report = rebuild_projections(&mut conn, &mut |done, total| {
                bar.set_length(total);
                bar.set_position(done);
            })?;
            bar.finish();
            println!(
                "rebuilt read models from {} events of {} accounts",
                report.events, report.accounts
            );
            Ok(())
        }
        Command::PostDue => {
            let mut conn = connect(&database_url)?;
            conn.run_migrations()?;
            let report = tally::application::recurring::post_due(
                &mut conn,
                &tally::application::AccountRepository::default(),
                chrono::Utc::now(),
                None,
            )?;
            println!(
                "recorded {} event(s) in {} account(s)",
                report.recorded, report.accounts
            );
            for (account, why) in &report.failed {
                println!("FAILED: account {account}: {why}");
            }
            if report.failed.is_empty() {
                Ok(())
            } else {
                anyhow::bail!("posting failed in {} account(s)", report.failed.len())
            }
        }
        Command::Verify => {
            let mut conn = connect(&database_url)?;
            let report = verify(&mut conn)?;
            println!(
                "checked {} events of {} aggregates",
                report.events, report.aggregates
            );
            if report.is_ok() {
                println!("OK: read models equal a replay, nets sum to zero, versions contiguous");
                Ok(())
            } else {
                for p in &report.problems {
                    println!("PROBLEM: {p}");
                }
                anyhow::bail!("verify found {} problem(s)", report.problems.len())
            }
        }
    }
}

fn connect(
    url: &tally::infrastructure::db::DatabaseUrl,
) -> anyhow::Result<tally::infrastructure::db::DbConnection> {
    url.connect().context("cannot open the database")
}

/// A minimal HTTP/1.1 GET of /readyz with a short timeout.
fn healthcheck(url: Option<String>) -> anyhow::Result<()> {
    use std::io::{Read, Write};
    use std::net::{TcpStream, ToSocketAddrs};
    use std::time::Duration;
    let address = match url {
        Some(u) => u
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_owned(),
        None => std::env::var("TALLY_BIND").unwrap_or_else(|_| "127.0.0.1:8080".to_owned()),
    };
    // A server bound to all interfaces is reached on loopback.
    let address = address
        .replace("0.0.0.0", "127.0.0.1")
        .replace("[::]", "[::1]");
    let socket = address
        .to_socket_addrs()
        .context("bad address")?
        .next()
        .context("no address")?;
    let timeout = Duration::from_secs(3);
    let mut stream = TcpStream::connect_timeout(&socket, timeout).context("not reachable")?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    write!(
        stream,
        "GET /readyz HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let status = response.lines().next().unwrap_or_default();
    if status.starts_with("HTTP/1.1 200") {
        println!("ready");
        Ok(())
    } else {
        anyhow::bail!("not ready: {status}")
    }
}

/// Keeps glibc from holding on to the 19 MiB argon2 blocks after each sign-in.
///
/// glibc raises its mmap threshold when a large mmapped block is freed, so the next password
/// hash takes its memory from a heap arena that never shrinks, one per thread: hundreds of MiB
/// after a burst of sign-ins. A fixed threshold keeps large blocks mmapped and returned.
fn keep_large_allocations_mmapped() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator tuning; called before any other thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1024 * 1024);
    }
}

fn serve(settings: Settings) -> anyhow::Result<()> {
    keep_large_allocations_mmapped();
    let started = std::time::Instant::now();
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build(&settings)?;
        tracing::info!(
            port = app.port(),
            backend = settings.database_url.backend(),
            startup_ms = started.elapsed().as_millis() as u64,
            "tally is listening"
        );
        app.run().await.context("server failed")
    })
}

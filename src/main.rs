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
    /// Import a Splitwise, IHateMoney, Spliit or Cospend export: print the preview, record
    /// it in one transaction, print the account id last.
    Import {
        /// The exported file.
        file: std::path::PathBuf,
        /// Open a new account of this name for the file.
        #[arg(long, conflicts_with = "into", requires = "owner")]
        new_account: Option<String>,
        /// The e-mail of the registered user who owns the new account.
        #[arg(long)]
        owner: Option<String>,
        /// The new account's currency (default: the file's).
        #[arg(long)]
        currency: Option<String>,
        /// Import into this existing account; people join members of the same name.
        #[arg(long, required_unless_present = "new_account")]
        into: Option<String>,
        /// Which person in the file the owner is (default: the first).
        #[arg(long = "as")]
        as_name: Option<String>,
        /// Print the preview only.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write an account's whole event stream as a JSON backup to standard output.
    ExportAccount {
        /// The account's id.
        account_id: String,
    },
    /// Restore an account from a backup made by export-account; prints its id.
    ImportAccount {
        /// The backup file.
        file: std::path::PathBuf,
    },
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
        // Colours only on a terminal: a container's or journald's log gets plain lines, and
        // the server does not format escape codes for every request's span.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
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
        Command::Import {
            file,
            new_account,
            owner,
            currency,
            into,
            as_name,
            dry_run,
        } => import(
            &database_url,
            &file,
            ImportTarget {
                new_account,
                owner,
                currency,
                into,
                as_name,
            },
            dry_run,
        ),
        Command::ExportAccount { account_id } => {
            let id: tally::domain::AccountId = account_id
                .parse()
                .map_err(|_| anyhow::anyhow!("{account_id} is not an account id"))?;
            let mut conn = connect(&database_url)?;
            let bytes = tally::application::backup::export_account(&mut conn, id)?;
            use std::io::Write;
            std::io::stdout().write_all(&bytes)?;
            Ok(())
        }
        Command::ImportAccount { file } => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let mut conn = connect(&database_url)?;
            conn.run_migrations()?;
            let id = tally::application::backup::import_account(&mut conn, &bytes)?;
            println!("{id}");
            Ok(())
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

struct ImportTarget {
    new_account: Option<String>,
    owner: Option<String>,
    currency: Option<String>,
    into: Option<String>,
    as_name: Option<String>,
}

fn import(
    database_url: &tally::infrastructure::db::DatabaseUrl,
    file: &std::path::Path,
    target: ImportTarget,
    dry_run: bool,
) -> anyhow::Result<()> {
    use tally::application::import::{default_mapping, import_into, import_new};
    use tally::domain::{AccountId, AccountName, Currency};
    let size = std::fs::metadata(file)
        .with_context(|| format!("cannot read {}", file.display()))?
        .len();
    if size > tally::import::MAX_FILE_BYTES as u64 {
        anyhow::bail!("{}", tally::import::ImportError::TooLarge);
    }
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let plan = tally::import::parse(&bytes).map_err(|e| anyhow::anyhow!("{e}"))?;
    for line in tally::import::preview_lines(&plan) {
        println!("{line}");
    }
    let repo = tally::application::AccountRepository::default();
    let context = tally::event_sourcing::DecisionContext::at(chrono::Utc::now());
    let mut conn = connect(database_url)?;
    conn.run_migrations()?;
    let outcome = if let Some(name) = target.new_account {
        let name = AccountName::parse(&name).map_err(|e| anyhow::anyhow!("account name: {e}"))?;
        let email = target
            .owner
            .context("--owner EMAIL is needed with --new-account")?;
        let email =
            tally::identity::Email::parse(&email).map_err(|e| anyhow::anyhow!("--owner: {e}"))?;
        let owner = tally::identity::find_by_email(&mut conn, &email)?
            .with_context(|| format!("no user is registered as {}", email.as_str()))?;
        let currency = match target.currency {
            Some(code) => {
                Currency::from_code(&code).map_err(|e| anyhow::anyhow!("--currency: {e}"))?
            }
            None => match plan.currencies().as_slice() {
                [Some(code)] => Currency::from_code(&code.0)
                    .map_err(|_| anyhow::anyhow!("tally has no accounts in {}", code.0))?,
                [_] => anyhow::bail!("the file does not say its currency; give --currency CODE"),
                _ => anyhow::bail!("the file mixes currencies; tally keeps one per account"),
            },
        };
        let owner_is = match &target.as_name {
            Some(n) => plan
                .people
                .iter()
                .position(|p| p.trim().eq_ignore_ascii_case(n.trim()))
                .with_context(|| format!("nobody in the file is called {n}"))?,
            None => 0,
        };
        if dry_run {
            tally::application::import::check_currency(&plan, currency)?;
            println!("dry run: nothing recorded");
            println!(
                "{}",
                tally::application::import::new_account_id(&plan, owner.id())
            );
            return Ok(());
        }
        import_new(
            &mut conn,
            &repo,
            &plan,
            name,
            currency,
            owner.id(),
            owner_is,
            &context,
        )?
    } else {
        let id = target
            .into
            .context("--into ACCOUNT_ID or --new-account NAME")?;
        let account_id: AccountId = id
            .parse()
            .map_err(|_| anyhow::anyhow!("{id} is not an account id"))?;
        let account = tally::application::AccountRepository::retrieve(&mut conn, account_id)?;
        let mapping = default_mapping(&plan, &account.state)?;
        if dry_run {
            match account.state.opened {
                Some((_, currency)) => tally::application::import::check_currency(&plan, currency)?,
                None => anyhow::bail!("there is no such account"),
            }
            println!("dry run: nothing recorded");
            println!("{account_id}");
            return Ok(());
        }
        import_into(
            &mut conn, &repo, account_id, &plan, &mapping, None, &context,
        )?
    };
    if outcome.recorded == 0 {
        println!("this file was imported before: nothing recorded");
    } else {
        println!("recorded {} event(s)", outcome.recorded);
    }
    println!("{}", outcome.account_id);
    Ok(())
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

/// Keeps glibc's memory near what the server uses.
///
/// glibc raises its mmap threshold when a large mmapped block is freed, so the next password
/// hash (argon2's 19 MiB blocks) takes its memory from a heap arena that never shrinks, one per
/// thread: hundreds of MiB after a burst of sign-ins. A fixed threshold keeps large blocks
/// mmapped and returned. And glibc gives each thread that allocates while another holds an
/// arena an arena of its own, up to eight per core, each keeping what it once held; two are
/// enough for the few threads that work at once here. Measured by `tally-bench --backends
/// sqlite --sizes 100000`: peak RSS 59.5–63.7 MiB with glibc's default, 48.4–49.2 MiB with two
/// arenas, the requests per second within the runs' noise.
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator tuning; called before any other thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1024 * 1024);
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

fn serve(settings: Settings) -> anyhow::Result<()> {
    tune_allocator();
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

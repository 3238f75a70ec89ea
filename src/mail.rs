//! Mail that tally sends: only the "forgot password" link, through the SMTP server of
//! `TALLY_SMTP_URL` (lettre, rustls). Sending blocks; callers run it off the async threads.

use crate::config::SmtpSettings;
use crate::i18n::Lang;
use anyhow::Context;
use lettre::message::{Mailbox, header::ContentType};
use lettre::{Message, SmtpTransport, Transport};
use std::time::Duration;

/// How long one conversation with the mail server may take.
const TIMEOUT: Duration = Duration::from_secs(30);

/// Sends mail through the configured server.
#[derive(Clone)]
pub struct Mailer {
    transport: SmtpTransport,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Mailer(from {})", self.from)
    }
}

impl Mailer {
    /// Checks the settings (the URL's form, the sender's address) without connecting.
    pub fn new(settings: &SmtpSettings) -> anyhow::Result<Mailer> {
        let transport = SmtpTransport::from_url(&settings.url)
            .context("TALLY_SMTP_URL is not a mail server address lettre understands")?
            .timeout(Some(TIMEOUT))
            .build();
        let from = settings
            .from
            .parse::<Mailbox>()
            .context("TALLY_SMTP_FROM is not an email address (e.g. tally@example.org)")?;
        Ok(Mailer { transport, from })
    }

    /// Mails a password reset link to `to`, in `lang`.
    pub fn send_reset_link(
        &self,
        lang: Lang,
        to: &str,
        name: &str,
        link: &str,
        valid_minutes: i64,
    ) -> anyhow::Result<()> {
        let to = Mailbox::new(Some(name.to_owned()), to.parse().context("recipient")?);
        let body = format!(
            "{}\n\n{}\n\n{link}\n\n{}\n",
            lang.t1("forgot-mail-greeting", "name", name),
            lang.t("forgot-mail-intro"),
            lang.t1("forgot-mail-validity", "minutes", valid_minutes),
        );
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(lang.t("forgot-mail-subject"))
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .context("building the mail")?;
        self.transport
            .send(&message)
            .context("the mail server refused the mail")?;
        Ok(())
    }
}

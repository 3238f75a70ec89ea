//! A fake mail server for tests: a TCP listener on port 0 that speaks just enough SMTP
//! (greeting, EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no TLS, no authentication) to
//! accept messages, and hands each one over as it arrives.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

/// One accepted message: the envelope and the DATA as sent (dot-unstuffed).
#[derive(Debug, Clone)]
pub struct Mail {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
}

impl Mail {
    /// The body with quoted-printable soft line breaks and `=3D` undone, enough to read a
    /// link out of it.
    pub fn text(&self) -> String {
        self.data.replace("=\r\n", "").replace("=3D", "=")
    }

    /// The first `/reset?token=…` link's token.
    pub fn reset_token(&self) -> Option<String> {
        let text = self.text();
        let at = text.find("/reset?token=")? + "/reset?token=".len();
        let token: String = text[at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        (!token.is_empty()).then_some(token)
    }
}

/// The running fake server.
pub struct FakeSmtp {
    /// `smtp://127.0.0.1:<port>`, for `TALLY_SMTP_URL`.
    pub url: String,
    mails: Receiver<Mail>,
}

impl FakeSmtp {
    /// Starts listening; serves connections one after another on a thread of its own that
    /// ends with the test process.
    pub fn start() -> FakeSmtp {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("smtp://{}", listener.local_addr().expect("address"));
        let (sender, mails) = channel();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                // A broken conversation only loses that message.
                let _ = serve(stream, &sender);
            }
        });
        FakeSmtp { url, mails }
    }

    /// The next message, waiting at most `wait`.
    pub fn next(&self, wait: Duration) -> Option<Mail> {
        self.mails.recv_timeout(wait).ok()
    }
}

fn serve(stream: TcpStream, mails: &Sender<Mail>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut out = stream.try_clone()?;
    let mut lines = BufReader::new(stream);
    out.write_all(b"220 fake.test ESMTP\r\n")?;
    let mut from = String::new();
    let mut to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_owned();
        let verb = command
            .split([' ', ':'])
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" | "HELO" => out.write_all(b"250 fake.test\r\n")?,
            "MAIL" => {
                from = command.split_once(':').map_or("", |(_, a)| a).to_owned();
                out.write_all(b"250 OK\r\n")?;
            }
            "RCPT" => {
                to.push(command.split_once(':').map_or("", |(_, a)| a).to_owned());
                out.write_all(b"250 OK\r\n")?;
            }
            "DATA" => {
                out.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")?;
                let mut data = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line)? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" || line == ".\n" {
                        break;
                    }
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                }
                out.write_all(b"250 OK: queued\r\n")?;
                let _ = mails.send(Mail {
                    from: std::mem::take(&mut from),
                    to: std::mem::take(&mut to),
                    data,
                });
            }
            "RSET" => {
                from.clear();
                to.clear();
                out.write_all(b"250 OK\r\n")?;
            }
            "NOOP" => out.write_all(b"250 OK\r\n")?,
            "QUIT" => {
                out.write_all(b"221 Bye\r\n")?;
                return Ok(());
            }
            _ => out.write_all(b"502 Command not implemented\r\n")?,
        }
    }
}

//! The load generator's HTTP/1.1 keep-alive client, and signing clients in as a browser would.

use crate::Env;
use crate::seed::{PASSWORD, Seeded};
use crate::servers::Server;
use anyhow::{Context, Result, bail};
use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One browser: a keep-alive connection and the session cookie.
pub(crate) struct Http {
    pub(crate) addr: SocketAddr,
    conn: Option<TcpStream>,
    rbuf: Vec<u8>,
    wbuf: Vec<u8>,
    cookie: Option<String>,
}

pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) location: Option<String>,
    pub(crate) body: Vec<u8>,
}

/// What a response head says about the body and the connection.
struct Head {
    status: u16,
    /// Where the body starts in the read buffer.
    end: usize,
    length: Option<usize>,
    chunked: bool,
    close: bool,
    location: Option<String>,
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if hay.len() < from + needle.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

async fn fill(conn: &mut TcpStream, rbuf: &mut Vec<u8>) -> Result<()> {
    rbuf.reserve(16 * 1024);
    let n = conn.read_buf(rbuf).await?;
    if n == 0 {
        bail!("the server closed the connection");
    }
    if rbuf.len() > 16 * 1024 * 1024 {
        bail!("response too large");
    }
    Ok(())
}

/// Reads until `needle` is in the buffer at or after `from`; returns where it starts.
async fn fill_until(
    conn: &mut TcpStream,
    rbuf: &mut Vec<u8>,
    needle: &[u8],
    from: usize,
) -> Result<usize> {
    loop {
        if let Some(i) = find(rbuf, needle, from) {
            return Ok(i);
        }
        fill(conn, rbuf).await?;
    }
}

/// Parses the status line and the headers of `head` (which ends at `end`); a `tally_session`
/// cookie replaces `cookie` (an empty one removes it).
fn parse_head(head: &str, end: usize, cookie: &mut Option<String>) -> Result<Head> {
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .with_context(|| format!("bad status line {status_line:?}"))?;
    let mut h = Head {
        status,
        end,
        length: None,
        chunked: false,
        close: false,
        location: None,
    };
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            h.length = value.parse().ok();
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            h.chunked = value.to_ascii_lowercase().contains("chunked");
        } else if name.eq_ignore_ascii_case("connection") {
            h.close = value.eq_ignore_ascii_case("close");
        } else if name.eq_ignore_ascii_case("location") {
            h.location = Some(value.to_owned());
        } else if name.eq_ignore_ascii_case("set-cookie") {
            let pair = value.split(';').next().unwrap_or_default().trim();
            if let Some((n, v)) = pair.split_once('=')
                && n == "tally_session"
            {
                *cookie = if v.is_empty() {
                    None
                } else {
                    Some(pair.to_owned())
                };
            }
        }
    }
    Ok(h)
}

/// Reads a chunked body that starts at `pos`; returns where the message ends.
async fn read_chunked(
    conn: &mut TcpStream,
    rbuf: &mut Vec<u8>,
    mut pos: usize,
    body: Option<&mut Vec<u8>>,
) -> Result<usize> {
    let mut body = body;
    loop {
        let line_end = fill_until(conn, rbuf, b"\r\n", pos).await?;
        let size_text = std::str::from_utf8(&rbuf[pos..line_end])?;
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .context("bad chunk size")?;
        pos = line_end + 2;
        if size == 0 {
            // Optional trailers, then an empty line.
            loop {
                let end = fill_until(conn, rbuf, b"\r\n", pos).await?;
                let empty = end == pos;
                pos = end + 2;
                if empty {
                    return Ok(pos);
                }
            }
        }
        while rbuf.len() < pos + size + 2 {
            fill(conn, rbuf).await?;
        }
        if let Some(body) = body.as_deref_mut() {
            body.extend_from_slice(&rbuf[pos..pos + size]);
        }
        pos += size + 2;
    }
}

impl Http {
    pub(crate) fn new(addr: SocketAddr) -> Http {
        Http {
            addr,
            conn: None,
            rbuf: Vec::with_capacity(64 * 1024),
            wbuf: Vec::with_capacity(4 * 1024),
            cookie: None,
        }
    }

    /// Closes the connection (the next request opens a new one).
    pub(crate) fn disconnect(&mut self) {
        self.conn = None;
        self.rbuf.clear();
    }

    pub(crate) async fn request(
        &mut self,
        method: &str,
        path: &str,
        form: Option<&str>,
        keep_body: bool,
    ) -> Result<Response> {
        if self.conn.is_none() {
            let s = TcpStream::connect(self.addr).await?;
            s.set_nodelay(true)?;
            self.conn = Some(s);
            self.rbuf.clear();
        }
        self.write_request(method, path, form)?;
        match self.exchange(keep_body).await {
            Ok((response, close)) => {
                if close {
                    self.disconnect();
                }
                Ok(response)
            }
            Err(e) => {
                self.disconnect();
                Err(e)
            }
        }
    }

    fn write_request(&mut self, method: &str, path: &str, form: Option<&str>) -> Result<()> {
        self.wbuf.clear();
        write!(
            self.wbuf,
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nUser-Agent: tally-bench\r\nAccept: text/html\r\n",
            self.addr
        )?;
        if let Some(c) = &self.cookie {
            write!(self.wbuf, "Cookie: {c}\r\n")?;
        }
        if let Some(body) = form {
            write!(
                self.wbuf,
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            )?;
        } else {
            self.wbuf.extend_from_slice(b"\r\n");
        }
        Ok(())
    }

    /// Sends the request in `wbuf` and reads the response; true when the connection closes.
    async fn exchange(&mut self, keep_body: bool) -> Result<(Response, bool)> {
        let Http {
            conn,
            rbuf,
            wbuf,
            cookie,
            ..
        } = self;
        let conn = conn.as_mut().context("not connected")?;
        conn.write_all(wbuf).await?;
        let head_end = fill_until(conn, rbuf, b"\r\n\r\n", 0).await? + 4;
        let head = std::str::from_utf8(&rbuf[..head_end]).context("response head not UTF-8")?;
        let mut head = parse_head(head, head_end, cookie)?;
        let mut body = Vec::new();
        let consumed = read_body(conn, rbuf, &mut head, keep_body.then_some(&mut body)).await?;
        rbuf.drain(..consumed);
        let response = Response {
            status: head.status,
            location: head.location,
            body,
        };
        Ok((response, head.close))
    }
}

/// Reads the body the head announces; returns where the message ends in the buffer.
async fn read_body(
    conn: &mut TcpStream,
    rbuf: &mut Vec<u8>,
    head: &mut Head,
    body: Option<&mut Vec<u8>>,
) -> Result<usize> {
    let (status, head_end) = (head.status, head.end);
    if head.chunked {
        return read_chunked(conn, rbuf, head_end, body).await;
    }
    if let Some(n) = head.length {
        while rbuf.len() < head_end + n {
            fill(conn, rbuf).await?;
        }
        if let Some(body) = body {
            body.extend_from_slice(&rbuf[head_end..head_end + n]);
        }
        return Ok(head_end + n);
    }
    if status == 204 || status == 304 || (100..200).contains(&status) {
        return Ok(head_end);
    }
    // No length: the body runs to the end of the connection.
    loop {
        rbuf.reserve(16 * 1024);
        if conn.read_buf(rbuf).await? == 0 {
            break;
        }
    }
    if let Some(body) = body {
        body.extend_from_slice(&rbuf[head_end..]);
    }
    head.close = true;
    Ok(rbuf.len())
}

/// The value of `<input … name="csrf_token" value="…">` in a page.
fn csrf_in(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?;
    let at = text.find("name=\"csrf_token\"")?;
    let rest = &text[at..];
    let v = rest.find("value=\"")? + "value=\"".len();
    let end = rest[v..].find('"')?;
    Some(rest[v..v + end].to_owned())
}

/// A signed-in client: its own session (cookie), its user and the session's CSRF token.
pub(crate) struct Client {
    pub(crate) http: Http,
    pub(crate) user: usize,
    pub(crate) csrf: String,
}

/// Signs in through the pages, as a browser would: GET /signin for the form's token, POST
/// the form (argon2 on the server), then GET the dashboard for the new session's token.
async fn sign_in(
    addr: SocketAddr,
    user: usize,
    email: String,
    dashboard: String,
) -> Result<Client> {
    let mut http = Http::new(addr);
    let page = http.request("GET", "/signin", None, true).await?;
    if page.status != 200 {
        bail!("GET /signin answered {}", page.status);
    }
    let token = csrf_in(&page.body).context("no csrf_token on /signin")?;
    let form = serde_urlencoded::to_string([
        ("csrf_token", token.as_str()),
        ("next", "/"),
        ("email", email.as_str()),
        ("password", PASSWORD),
    ])?;
    let r = http.request("POST", "/signin", Some(&form), true).await?;
    if r.status != 303 {
        bail!(
            "POST /signin answered {}: {}",
            r.status,
            String::from_utf8_lossy(&r.body)
                .chars()
                .take(300)
                .collect::<String>()
        );
    }
    let page = http.request("GET", &dashboard, None, true).await?;
    if page.status != 200 {
        bail!("GET {dashboard} after signing in answered {}", page.status);
    }
    let csrf = csrf_in(&page.body).context("no csrf_token on the dashboard")?;
    Ok(Client { http, user, csrf })
}

/// Signs in `n` clients, two at a time (argon2 on the server); client *i* is user *i* mod 4.
pub(crate) fn sign_in_all(
    env: &Env,
    server: &Server,
    seeded: &Seeded,
    n: usize,
) -> Result<Vec<Client>> {
    let dashboard = seeded.sized.first().context("no sizes")?.0.path();
    let semaphore = Arc::new(tokio::sync::Semaphore::new(2));
    let handles: Vec<_> = (0..n)
        .map(|i| {
            let user = i % seeded.users.ids.len();
            let email = seeded.users.emails[user].clone();
            let dashboard = dashboard.clone();
            let addr = server.addr;
            let semaphore = Arc::clone(&semaphore);
            env.rt.spawn(async move {
                let _permit = semaphore.acquire().await?;
                sign_in(addr, user, email, dashboard).await
            })
        })
        .collect();
    let mut clients = Vec::new();
    for h in handles {
        clients.push(env.rt.block_on(h)??);
    }
    Ok(clients)
}

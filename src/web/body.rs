//! Page bodies rendered once per account version and kept for everyone who reads them.
//!
//! Rendering is most of what a dashboard or an expense list costs (formatting money and dates,
//! resolving messages, escaping); the result depends only on the account's version, the
//! language and, for the dashboard, who is looking. The few values that differ per request —
//! the form token, today's date, the fresh ids that make a form idempotent — are rendered as
//! stand-ins and filled in as the page is sent. The layout around the body (the user's name,
//! the flash message, the language switch) is rendered per request.
//!
//! Safe behind several instances for the same reason as `read::cache`: the key's version is
//! the one the request read from the database.

use crate::domain::{AccountId, ExpenseId, MemberId, TransferId};
use crate::i18n::Lang;
use crate::read::cache::VersionedCache;
use crate::web::context::PageContext;
use crate::web::errors::WebError;
use chrono::NaiveDate;
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

/// How many bodies an instance keeps (the largest, a page of 50 expenses, is about 40 KB).
pub const CAPACITY: usize = 128;

/// A per-request value in a kept body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hole {
    /// The session's form token.
    Csrf,
    /// Today's date where the reader is (`YYYY-MM-DD`, as a date input takes it).
    Today,
    /// A new expense id: each form shown records at most one expense.
    NewExpenseId,
    /// A new transfer id: each settle-up button records at most one payment.
    NewTransferId,
}

const HOLES: [Hole; 4] = [
    Hole::Csrf,
    Hole::Today,
    Hole::NewExpenseId,
    Hole::NewTransferId,
];

/// The stand-ins start with a prefix made at random when the process starts: nobody can type
/// it into a description or a name, so a kept body's text is never taken for a stand-in.
/// Letters, digits and dashes only, which HTML escaping leaves as they are.
static PREFIX: LazyLock<String> =
    LazyLock::new(|| format!("tally-hole-{}-", uuid::Uuid::new_v4().simple()));

static MARKERS: LazyLock<[String; 4]> =
    LazyLock::new(|| HOLES.map(|hole| format!("{}{}", *PREFIX, hole.code())));

impl Hole {
    /// The text that stands for this value while a body is rendered.
    pub fn marker(self) -> &'static str {
        &MARKERS[self as usize]
    }

    fn code(self) -> char {
        match self {
            Hole::Csrf => 'c',
            Hole::Today => 'd',
            Hole::NewExpenseId => 'e',
            Hole::NewTransferId => 't',
        }
    }

    fn from_code(code: u8) -> Option<Hole> {
        HOLES.into_iter().find(|hole| hole.code() as u8 == code)
    }
}

/// What a kept body is kept under, besides the account's version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BodyKey {
    /// The account.
    pub account: AccountId,
    /// The language it is written in.
    pub lang: Lang,
    /// Which page.
    pub page: KeptPage,
}

/// The pages whose bodies are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeptPage {
    /// The dashboard as this member sees it ("you" in the balances, paid by them in the form).
    Dashboard(MemberId),
    /// A page of the unfiltered expense list.
    ExpenseList(i64),
}

/// The kept bodies of one instance.
pub type BodyCache = VersionedCache<BodyKey, Body>;

/// The body kept under `key` at `version`, or the one `render` makes, kept from then on.
pub async fn kept<F, Fut>(
    cache: &BodyCache,
    key: BodyKey,
    version: i64,
    render: F,
) -> Result<Arc<Body>, WebError>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<String, WebError>>,
{
    if let Some(body) = cache.get(&key, version) {
        return Ok(body);
    }
    let body = Arc::new(Body::new(render().await?));
    cache.put(key, version, body.clone());
    Ok(body)
}

/// The context a kept body is rendered with: the language, and a stand-in for the form token;
/// nothing else of the request (no user, no flash message, no path) can reach the kept text.
pub fn context(lang: Lang) -> PageContext {
    PageContext {
        user: None,
        csrf: Hole::Csrf.marker().to_owned(),
        flash: None,
        path: String::new(),
        lang,
    }
}

/// A rendered body, cut where its stand-ins were.
#[derive(Debug)]
pub struct Body {
    text: String,
    /// Pieces of `text` in order, each followed by the value that goes after it, if any.
    pieces: Vec<(Range<usize>, Option<Hole>)>,
}

impl Body {
    /// Cuts a body rendered with `Hole::marker`s in it.
    pub fn new(text: String) -> Body {
        let prefix = PREFIX.as_str();
        let mut pieces = Vec::new();
        let mut start = 0;
        let mut from = 0;
        while let Some(found) = text[from..].find(prefix) {
            let at = from + found;
            let code_at = at + prefix.len();
            match text
                .as_bytes()
                .get(code_at)
                .copied()
                .and_then(Hole::from_code)
            {
                Some(hole) => {
                    pieces.push((start..at, Some(hole)));
                    start = code_at + 1;
                    from = start;
                }
                // Only `marker` writes the prefix; anything else after it is left as text.
                None => from = code_at,
            }
        }
        pieces.push((start..text.len(), None));
        Body { text, pieces }
    }

    /// The length of the kept text, about that of the filled body.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Whether the body is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The body with this request's values, to write into the page.
    pub fn filled<'a>(&'a self, fill: Fill<'a>) -> Filled<'a> {
        Filled { body: self, fill }
    }
}

/// This request's values for a body's stand-ins.
#[derive(Debug, Clone, Copy)]
pub struct Fill<'a> {
    /// The session's form token.
    pub csrf: &'a str,
    /// Today where the reader is.
    pub today: NaiveDate,
}

/// A body with its stand-ins filled in; writing it gives the page's HTML.
pub struct Filled<'a> {
    body: &'a Body,
    fill: Fill<'a>,
}

impl fmt::Display for Filled<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (range, hole) in &self.body.pieces {
            f.write_str(&self.body.text[range.clone()])?;
            match hole {
                None => {}
                Some(Hole::Csrf) => f.write_str(self.fill.csrf)?,
                Some(Hole::Today) => write!(f, "{}", self.fill.today)?,
                Some(Hole::NewExpenseId) => write!(f, "{}", ExpenseId::new())?,
                Some(Hole::NewTransferId) => write!(f, "{}", TransferId::new())?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill() -> Fill<'static> {
        Fill {
            csrf: "token",
            today: NaiveDate::from_ymd_opt(2026, 12, 3).expect("a date"),
        }
    }

    #[test]
    fn every_stand_in_is_filled_and_the_text_around_kept() {
        let rendered = format!(
            "<input value=\"{}\"><input value=\"{}\">|{}|{}|{}",
            Hole::Csrf.marker(),
            Hole::Today.marker(),
            Hole::NewExpenseId.marker(),
            Hole::NewTransferId.marker(),
            Hole::Csrf.marker(),
        );
        let out = Body::new(rendered).filled(fill()).to_string();
        let parts: Vec<&str> = out.split('|').collect();
        assert_eq!(
            parts[0],
            "<input value=\"token\"><input value=\"2026-12-03\">"
        );
        assert!(uuid::Uuid::parse_str(parts[1]).is_ok(), "{out}");
        assert!(uuid::Uuid::parse_str(parts[2]).is_ok(), "{out}");
        assert_eq!(parts[3], "token");
        assert!(!out.contains("tally-hole"), "{out}");
    }

    #[test]
    fn fresh_ids_differ_each_time_the_body_is_sent() {
        let body = Body::new(Hole::NewTransferId.marker().to_owned());
        assert_ne!(
            body.filled(fill()).to_string(),
            body.filled(fill()).to_string()
        );
    }

    #[test]
    fn text_that_only_looks_like_a_stand_in_is_left_alone() {
        // What a visitor could type: the prefix without this process's random part.
        let typed = "tally-hole-0123456789abcdef0123456789abcdef-c and tally-hole-";
        let body = Body::new(format!("{typed}{}", Hole::Csrf.marker()));
        assert_eq!(body.filled(fill()).to_string(), format!("{typed}token"));
        // And the prefix followed by something that is no stand-in's code.
        let odd = format!("{}z{}", *PREFIX, Hole::Csrf.marker());
        assert_eq!(
            Body::new(odd).filled(fill()).to_string(),
            format!("{}ztoken", *PREFIX)
        );
    }
}

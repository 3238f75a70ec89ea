//! File uploads (`multipart/form-data`), for the import pages only.
//!
//! The CSRF guard reads an upload's whole body (at most [`MAX_UPLOAD_BODY`] bytes, on the
//! routes in [`UPLOAD_ROUTES`] only; every other POST keeps the 256 KiB form limit), parses it
//! here with `actix-multipart`, checks the `csrf_token` field like any form's, and leaves the
//! parsed fields in the request for the handler ([`UploadForm::of`]). One parse,
//! one limit, and a handler cannot be reached by an upload whose token was not checked.

use super::errors::WebError;
use crate::import::MAX_FILE_BYTES;
use actix_web::http::header::HeaderMap;
use actix_web::web::Bytes;
use actix_web::{HttpMessage, HttpRequest};
use futures_util::StreamExt;

/// The route patterns that take a file.
pub const UPLOAD_ROUTES: &[&str] = &[
    "/accounts/{account_id}/import",
    "/import",
    "/accounts/{account_id}/rates",
];

/// The largest upload body: the file's 10 MiB and room for the form's other fields and the
/// multipart framing.
pub const MAX_UPLOAD_BODY: usize = MAX_FILE_BYTES + 64 * 1024;

/// At most this many fields: the import forms have two.
const MAX_FIELDS: usize = 16;

/// Whether this POST is an upload: a multipart body on an upload route.
pub fn is_upload(pattern: Option<&str>, headers: &HeaderMap) -> bool {
    let multipart = headers
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("multipart/form-data")
        });
    multipart && pattern.is_some_and(|p| UPLOAD_ROUTES.contains(&p))
}

/// An upload's fields, in the order sent.
#[derive(Debug, Clone, Default)]
pub struct UploadForm {
    fields: Vec<(String, Option<String>, Bytes)>,
}

impl UploadForm {
    /// Reads a buffered multipart body; `None` when it is not well-formed multipart.
    pub async fn parse(headers: &HeaderMap, body: Bytes) -> Option<UploadForm> {
        let stream = futures_util::stream::once(async move { Ok(body) });
        let mut multipart = actix_multipart::Multipart::new(headers, stream);
        let mut fields = Vec::new();
        while let Some(field) = multipart.next().await {
            let mut field = field.ok()?;
            if fields.len() >= MAX_FIELDS {
                return None;
            }
            let name = field.name()?.to_owned();
            let filename = field
                .content_disposition()
                .and_then(|d| d.get_filename())
                .map(str::to_owned);
            let mut data = Vec::new();
            while let Some(chunk) = field.next().await {
                data.extend_from_slice(&chunk.ok()?);
            }
            fields.push((name, filename, Bytes::from(data)));
        }
        Some(UploadForm { fields })
    }

    /// A text field's first value.
    pub fn text(&self, name: &str) -> Option<String> {
        self.fields
            .iter()
            .find(|(n, _, _)| n == name)
            .and_then(|(_, _, b)| std::str::from_utf8(b).ok())
            .map(str::to_owned)
    }

    /// A file field's name (as the browser gave it) and bytes; `None` when no file was chosen.
    pub fn file(&self, name: &str) -> Option<(String, Bytes)> {
        self.fields
            .iter()
            .find(|(n, f, b)| {
                n == name && (f.as_deref().is_some_and(|f| !f.is_empty()) || !b.is_empty())
            })
            .map(|(_, f, b)| (f.clone().unwrap_or_default(), b.clone()))
    }
}

impl UploadForm {
    /// The fields the CSRF guard parsed. A handler calls this after its access guard (a
    /// `Member` or `SignedIn` argument), so that someone without access learns nothing about
    /// the route; a request that is not an upload has no fields and is refused.
    pub fn of(req: &HttpRequest) -> Result<UploadForm, WebError> {
        req.extensions()
            .get::<UploadForm>()
            .cloned()
            .ok_or(WebError::BadUpload)
    }
}

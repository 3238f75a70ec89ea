//! Every POST must carry the session's CSRF token; otherwise 403 and the handler never runs.
//! A form sends it as the `csrf_token` field, urlencoded; a file upload as a multipart field
//! of the same name (see `upload`), so both work without JavaScript.

use super::context::{CSRF_FIELD, expected_csrf};
use super::errors::WebError;
use super::upload::{MAX_UPLOAD_BODY, UploadForm, is_upload};
use actix_session::SessionExt;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::web::{Bytes, BytesMut};
use actix_web::{Error, HttpMessage, ResponseError};
use futures_util::StreamExt;

/// The largest form body accepted.
pub const MAX_FORM_BYTES: usize = 256 * 1024;

/// A larger body is still read to its end, up to this size, and thrown away, so that the
/// client (still sending) receives the 413 instead of a reset connection. Beyond it the
/// connection is closed after the answer.
pub const MAX_DRAINED_BYTES: usize = 32 * 1024 * 1024;

/// Checks the token, then hands the untouched body on to the handler.
pub async fn csrf_guard(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    if req.method() != Method::POST {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_left_body);
    }
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_DRAINED_BYTES as u64) {
        return Ok(req.into_response(too_large(true)).map_into_right_body());
    }
    // The pattern, not the path, decides: an upload route takes up to 10 MiB of multipart,
    // every other POST 256 KiB of urlencoded form.
    let pattern = req.match_pattern();
    let upload = is_upload(pattern.as_deref(), req.headers());
    let limit = if upload {
        MAX_UPLOAD_BODY
    } else {
        MAX_FORM_BYTES
    };
    let mut payload = req.take_payload();
    let mut body = BytesMut::new();
    let mut seen = 0_usize;
    while let Some(chunk) = payload.next().await {
        let chunk = chunk?;
        seen += chunk.len();
        if seen > MAX_DRAINED_BYTES {
            return Ok(req.into_response(too_large(true)).map_into_right_body());
        }
        if seen <= limit {
            body.extend_from_slice(&chunk);
        }
    }
    if seen > limit {
        // Read to the end: the connection is clean and the client gets the answer.
        let response = if upload {
            WebError::FileTooLarge.error_response()
        } else {
            too_large(false)
        };
        return Ok(req.into_response(response).map_into_right_body());
    }
    let body: Bytes = body.freeze();
    let expected = expected_csrf(&req.get_session());
    let parsed = if upload {
        UploadForm::parse(req.headers(), body.clone()).await
    } else {
        None
    };
    let given = match &parsed {
        Some(form) => form.text(CSRF_FIELD),
        None if upload => None,
        None => form_field(&body, CSRF_FIELD),
    };
    let valid = match (&expected, &given) {
        (Some(e), Some(g)) => constant_time_eq(e.as_bytes(), g.as_bytes()),
        _ => false,
    };
    if !valid {
        // The route's pattern, not the path: a path can hold a secret (an invite token).
        let route = req
            .match_pattern()
            .unwrap_or_else(|| "(no route)".to_owned());
        tracing::warn!(route = %route, "POST refused: missing or wrong CSRF token");
        let response = WebError::Forbidden.error_response();
        return Ok(req.into_response(response).map_into_right_body());
    }
    if let Some(form) = parsed {
        req.extensions_mut().insert(form);
    }
    req.set_payload(Payload::from(body));
    next.call(req)
        .await
        .map(ServiceResponse::map_into_left_body)
}

/// 413 for a body over the limit; `close` when the rest of it was not read, so the
/// connection cannot be reused (a client must not send its next request into it).
fn too_large(close: bool) -> actix_web::HttpResponse {
    let mut response = actix_web::HttpResponse::PayloadTooLarge();
    if close {
        response.force_close();
    }
    response
        .content_type(actix_web::http::header::ContentType::plaintext())
        .body(crate::i18n::current().t("error-form-too-large"))
}

/// The first value of a field in an urlencoded body.
fn form_field(body: &[u8], name: &str) -> Option<String> {
    url_pairs(body).find(|(k, _)| k == name).map(|(_, v)| v)
}

fn url_pairs(body: &[u8]) -> impl Iterator<Item = (String, String)> + '_ {
    form_urlencoded_pairs(body)
}

fn form_urlencoded_pairs(body: &[u8]) -> std::vec::IntoIter<(String, String)> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .unwrap_or_default()
        .into_iter()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0_u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

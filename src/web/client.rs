//! Who is asking: the client's address, taken from the connection, or from forwarded
//! headers only when the connection comes from a configured proxy (`TALLY_TRUSTED_PROXIES`).
//! Any client can write `X-Forwarded-For`; believing it from anyone would let an attacker
//! pick the address that throttling and the logs see.

use super::errors::WebError;
use crate::config::TrustedProxies;
use actix_web::dev::Payload;
use actix_web::http::header::HeaderMap;
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use std::future::{Ready, ready};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// The client's address as far as tally can trust it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

impl std::fmt::Display for ClientAddr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// The client of a request from `peer`: the peer itself, unless it is a trusted proxy, in
/// which case the forwarded chain is walked from the right (the hop nearest to tally)
/// past every trusted proxy. A hop that cannot be read stops the walk at the last
/// trusted address.
pub fn client_of(
    peer: Option<SocketAddr>,
    headers: &HeaderMap,
    trusted: &TrustedProxies,
) -> ClientAddr {
    // A peer is always known on TCP; a unix socket or a test request has none.
    let mut client = peer.map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |p| p.ip());
    if trusted.is_empty() || !trusted.contains(client) {
        return ClientAddr(client);
    }
    for hop in forwarded_chain(headers).iter().rev() {
        if !trusted.contains(client) {
            break;
        }
        match parse_hop(hop) {
            Some(ip) => client = ip,
            None => break,
        }
    }
    ClientAddr(client)
}

/// The addresses a request passed through, leftmost (the original client) first: from
/// `X-Forwarded-For`, which every common proxy appends to (nginx's
/// `$proxy_add_x_forwarded_for`), else from `Forwarded` (RFC 7239). Only one of the two is
/// read, so a client cannot add a chain of its own in the header the proxy leaves alone.
fn forwarded_chain(headers: &HeaderMap) -> Vec<String> {
    let x_forwarded_for: Vec<String> = headers
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|hop| hop.trim().to_owned())
        .collect();
    if !x_forwarded_for.is_empty() {
        return x_forwarded_for;
    }
    headers
        .get_all("forwarded")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|element| {
            element.split(';').find_map(|pair| {
                let (name, value) = pair.trim().split_once('=')?;
                name.trim()
                    .eq_ignore_ascii_case("for")
                    .then(|| value.trim().trim_matches('"').to_owned())
            })
        })
        .collect()
}

/// `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1` or `[2001:db8::1]:4711`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    if hop.len() > 64 {
        return None;
    }
    if let Ok(ip) = hop.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Ok(socket) = hop.parse::<SocketAddr>() {
        return Some(socket.ip());
    }
    hop.strip_prefix('[')
        .and_then(|rest| rest.split(']').next())
        .and_then(|inner| inner.parse().ok())
}

impl FromRequest for ClientAddr {
    type Error = WebError;
    type Future = Ready<Result<Self, WebError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // The request span works it out once for the log; this reads it back.
        ready(
            req.extensions()
                .get::<ClientAddr>()
                .copied()
                .ok_or_else(|| WebError::internal(anyhow::anyhow!("client address missing"))),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{HeaderName, HeaderValue};

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                HeaderName::from_bytes(name.as_bytes()).expect("name"),
                HeaderValue::from_str(value).expect("value"),
            );
        }
        map
    }

    fn peer(ip: &str) -> Option<SocketAddr> {
        Some(SocketAddr::new(ip.parse().expect("ip"), 40000))
    }

    fn ip(text: &str) -> ClientAddr {
        ClientAddr(text.parse().expect("ip"))
    }

    #[test]
    fn forwarded_headers_from_strangers_are_ignored() {
        let h = headers(&[
            ("x-forwarded-for", "198.51.100.7"),
            ("forwarded", "for=198.51.100.8"),
        ]);
        assert_eq!(
            client_of(peer("203.0.113.9"), &h, &TrustedProxies::default()),
            ip("203.0.113.9")
        );
        assert_eq!(
            client_of(peer("203.0.113.9"), &h, &TrustedProxies::loopback()),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn a_trusted_proxy_names_the_client() {
        let trusted = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").expect("valid");
        let h = headers(&[("x-forwarded-for", "198.51.100.7")]);
        assert_eq!(
            client_of(peer("127.0.0.1"), &h, &trusted),
            ip("198.51.100.7")
        );
        // The client put a fake address first; the proxies appended the real one.
        let h = headers(&[("x-forwarded-for", "1.2.3.4, 198.51.100.7, 10.0.0.5")]);
        assert_eq!(
            client_of(peer("127.0.0.1"), &h, &trusted),
            ip("198.51.100.7")
        );
        let h = headers(&[(
            "forwarded",
            "for=1.2.3.4, for=\"[2001:db8::17]:4711\";proto=https",
        )]);
        assert_eq!(
            client_of(peer("127.0.0.1"), &h, &trusted),
            ip("2001:db8::17")
        );
        // With both, the proxy's X-Forwarded-For counts; a client's own Forwarded does not.
        let h = headers(&[
            ("forwarded", "for=1.2.3.4"),
            ("x-forwarded-for", "198.51.100.7"),
        ]);
        assert_eq!(
            client_of(peer("127.0.0.1"), &h, &trusted),
            ip("198.51.100.7")
        );
        let h = headers(&[("x-forwarded-for", "198.51.100.7:5555")]);
        assert_eq!(
            client_of(peer("127.0.0.1"), &h, &trusted),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn unreadable_hops_stop_at_the_proxy() {
        let trusted = TrustedProxies::loopback();
        for value in ["unknown", "", "not an address", &"9".repeat(3000)] {
            let h = headers(&[("x-forwarded-for", value)]);
            assert_eq!(
                client_of(peer("127.0.0.1"), &h, &trusted),
                ip("127.0.0.1"),
                "{value:?}"
            );
        }
        assert_eq!(
            client_of(peer("127.0.0.1"), &HeaderMap::new(), &trusted),
            ip("127.0.0.1")
        );
    }
}

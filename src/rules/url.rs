//! Rule `url`, and the hand-written URL parser every URL rule uses (no `url` crate: wasm size).
//! Configuration guides, test and Runscope links must be reachable web addresses (fields.md;
//! Okta guide `submit-oin-app`; domain.md "Why submissions bounce" #8). Invariant: the parser
//! is linear, allocation-free and never panics; it rejects white space, user info (`a@host`,
//! a look-alike trick) and hosts without a dot (except `localhost`).

use super::Ctx;
use crate::messages;
use crate::model::Finding;

/// Rule id.
pub const RULE: &str = "url";

/// The pieces of an absolute URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Url<'a> {
    /// Scheme as written (`https`).
    pub scheme: &'a str,
    /// Host as written (IPv6 hosts keep their brackets).
    pub host: &'a str,
    /// Port, when given.
    pub port: Option<u16>,
    /// Everything after the authority (`/path?query#fragment`), possibly empty.
    pub rest: &'a str,
}

/// Parses an absolute `scheme://host[:port][/…]` URL.
pub fn parse(v: &str) -> Option<Url<'_>> {
    let v = v.trim();
    // ASCII (nearly every URL) byte by byte: white space and controls are the bytes up to the
    // space, and DEL.
    let spaced = if v.is_ascii() {
        v.bytes().any(|b| b <= b' ' || b == 0x7F)
    } else {
        v.chars().any(|c| c.is_whitespace() || c.is_control())
    };
    if spaced {
        return None;
    }
    let (scheme, after) = v.split_once("://")?;
    let mut sc = scheme.chars();
    if !sc.next()?.is_ascii_alphabetic()
        || !sc.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return None;
    }
    // Byte searches, not `str` patterns (a char searcher per call): every URL rule parses here,
    // and an ASCII byte never occurs inside another character's encoding.
    let end = after
        .bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(after.len());
    let (authority, rest) = after.split_at(end);
    if authority.contains('@') {
        return None;
    }
    let (host, port) = if authority.starts_with('[') {
        let close = authority.find(']')?;
        let (host, tail) = authority.split_at(close + 1);
        let inner = host.get(1..close)?;
        if inner.is_empty()
            || !inner
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        {
            return None;
        }
        (
            host,
            if tail.is_empty() {
                None
            } else {
                Some(tail.strip_prefix(':')?)
            },
        )
    } else {
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        };
        if !host_ok(host) {
            return None;
        }
        (host, port)
    };
    let port = match port {
        None => None,
        Some(p) if !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()) => {
            Some(p.parse::<u16>().ok()?)
        }
        Some(_) => return None,
    };
    Some(Url {
        scheme,
        host,
        port,
        rest,
    })
}

/// Whether a host name is dotted labels of letters, digits, `-` (and `_`, which `no_underscore`
/// reports separately), or `localhost`.
fn host_ok(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    host.as_bytes().contains(&b'.')
        && host.split('.').all(|l| {
            let bytes = l.as_bytes();
            !bytes.is_empty()
                && bytes.first() != Some(&b'-')
                && bytes.last() != Some(&b'-')
                && if l.is_ascii() {
                    l.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                } else {
                    l.chars()
                        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
                }
        })
}

/// Whether `v` is an absolute http or https URL.
pub fn is_web_url(v: &str) -> bool {
    parse(v).is_some_and(|u| {
        u.scheme.eq_ignore_ascii_case("https") || u.scheme.eq_ignore_ascii_case("http")
    })
}

/// An error when `value` is not a web address.
pub fn check(value: &str, ctx: &Ctx) -> Vec<Finding> {
    if is_web_url(value) {
        Vec::new()
    } else {
        vec![ctx.error(RULE, messages::url(&ctx.what, value))]
    }
}

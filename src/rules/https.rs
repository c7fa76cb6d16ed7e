//! Rule `https`: static URLs Okta calls or sends users to must use https:// (fields.md; Okta
//! guide `submit-oin-app`, which requires HTTPS for ACS, redirect, SCIM and GTR endpoints).
//! Invariant: expressions never reach this rule (they get `el_*`).

use super::url::parse;
use super::Ctx;
use crate::messages;
use crate::model::Finding;

/// Rule id.
pub const RULE: &str = "https";

/// An error when `value` is not an absolute https:// URL.
pub fn check(value: &str, ctx: &Ctx) -> Vec<Finding> {
    match parse(value) {
        Some(u) if u.scheme.eq_ignore_ascii_case("https") => Vec::new(),
        Some(u) if u.scheme.eq_ignore_ascii_case("http") => {
            vec![ctx.error(RULE, messages::https_http(&ctx.what))]
        }
        _ => vec![ctx.error(RULE, messages::https_missing(&ctx.what, value))],
    }
}

//! Rule `auth_mode`: the SCIM authentication mode is one of Header, Bearer or OAuth 2 (fields.md,
//! scim.auth_mode; Okta guide `submit-oin-app`, "SCIM properties"). Invariant: matched on words
//! the option contains, so "HTTP Header" or "OAuth 2.0" count.

use super::Ctx;
use crate::messages;
use crate::model::Finding;

/// Rule id.
pub const RULE: &str = "auth_mode";

/// Whether a mode's text names an accepted mode.
pub fn accepted(mode: &str) -> bool {
    let l = mode.to_lowercase();
    l.contains("header") || l.contains("bearer") || l.contains("oauth")
}

/// An error when the chosen mode is not accepted.
pub fn check(mode: &str, ctx: &Ctx) -> Vec<Finding> {
    if accepted(mode) {
        Vec::new()
    } else {
        vec![ctx.error(RULE, messages::auth_mode(mode))]
    }
}

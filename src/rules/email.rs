//! Rule `email`: contact addresses must be valid email addresses (fields.md,
//! support.escalation_email and support.public_contact; Okta guide `submit-oin-app`, "Support
//! contact"). Invariant: parsed by hand, linear in the input, never panics.

use super::Ctx;
use crate::messages;
use crate::model::Finding;

/// Rule id.
pub const RULE: &str = "email";

const LOCAL_SPECIALS: &str = "!#$%&'*+/=?^_`{|}~.-";

/// Whether `v` is a plain `local@domain.tld` address.
pub fn is_email(v: &str) -> bool {
    if v.chars().count() > 254 || v.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let Some((local, domain)) = v.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.chars().count() <= 64
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || LOCAL_SPECIALS.contains(c))
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    local_ok && domain_ok(domain)
}

/// Whether `domain` is a dotted host name with an alphabetic top-level label.
pub fn domain_ok(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let tld_ok = labels
        .last()
        .is_some_and(|t| t.chars().count() >= 2 && t.chars().all(char::is_alphabetic));
    labels.len() >= 2
        && tld_ok
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.chars().count() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

/// An error when `value` is not an email address.
pub fn check(value: &str, ctx: &Ctx) -> Vec<Finding> {
    if is_email(value) {
        Vec::new()
    } else {
        vec![ctx.error(RULE, messages::email(&ctx.what, value))]
    }
}

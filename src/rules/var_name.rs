//! Rule `var_name`: a tenant variable name matches `^[a-z][a-z0-9_]*$` and has at most 1024
//! characters (fields.md, tenant.variables; Okta guide `submit-oin-app`, "Tenant settings").
//! Invariant: matched by hand, no regex; a fix is suggested when one is obvious.

use super::Ctx;
use crate::messages;
use crate::model::Finding;

/// Rule id.
pub const RULE: &str = "var_name";

/// Longest accepted name.
pub const MAX: usize = 1024;

/// Whether a name matches `^[a-z][a-z0-9_]*$`.
pub fn valid(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
}

/// A valid name close to `name` ("Sub Domain" → "sub_domain"), when there is a short one.
pub fn suggestion(name: &str) -> Option<String> {
    let mapped: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let s = mapped.trim_start_matches(|c: char| !c.is_ascii_lowercase());
    (valid(s) && s.len() <= 60).then(|| s.to_string())
}

/// Errors for a name that is too long or breaks the pattern.
pub fn check(name: &str, ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    let len = name.chars().count();
    if len > MAX {
        out.push(ctx.error(RULE, messages::var_name_too_long(len)));
    }
    if !valid(name) {
        out.push(ctx.error(RULE, messages::var_name(name, suggestion(name).as_deref())));
    }
    out
}

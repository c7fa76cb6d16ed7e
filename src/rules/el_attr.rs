//! Rule `el_attr`: SAML attribute statement values may reference only `user.x`, `appuser.x` or
//! `${user.userName}` style attributes (fields.md, saml.attribute_statements; Okta guide
//! `submit-oin-app`, "Attribute statements"; domain.md #6). Invariant: one linear pass; text in
//! quotes is a literal and never judged; Okta EL function classes (`String.` …) are allowed.

use super::expression::dedup;
use super::Ctx;
use crate::messages;
use crate::model::Finding;

/// Rule id.
pub const RULE: &str = "el_attr";

/// Prefixes a reference may use.
pub const ALLOWED: [&str; 2] = ["user", "appuser"];

/// Okta Expression Language function classes: `String.toLowerCase(user.email)` is not a reference.
pub const FUNCTIONS: [&str; 5] = ["String", "Arrays", "Convert", "Time", "Iso3166Convert"];

/// Errors for unbalanced braces/quotes and for each disallowed reference.
pub fn check(value: &str, ctx: &Ctx) -> Vec<Finding> {
    let chars: Vec<char> = value.chars().collect();
    let mut out = Vec::new();
    let mut quote: Option<char> = None;
    let mut depth = 0usize;
    let mut unbalanced = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        if c.is_alphabetic() || c == '_' || c.is_numeric() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '.')
            {
                i += 1;
            }
            let token: String = chars[start..i].iter().collect();
            let token = token.trim_end_matches('.');
            let after_at = start > 0 && chars[start - 1] == '@';
            if !c.is_numeric() && !after_at {
                if let Some((prefix, _)) = token.split_once('.') {
                    if !ALLOWED.contains(&prefix) && !FUNCTIONS.contains(&prefix) {
                        out.push(ctx.error(RULE, messages::el_attr(&ctx.what, token)));
                    }
                }
            }
            continue;
        }
        match c {
            '\'' | '"' => quote = Some(c),
            '{' => depth += 1,
            '}' if depth == 0 => unbalanced = true,
            '}' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    if unbalanced || depth > 0 || quote.is_some() {
        out.insert(0, ctx.error(RULE, messages::el_attr_unbalanced(&ctx.what)));
    }
    dedup(out)
}

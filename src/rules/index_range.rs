//! Rule `index_range`: an additional ACS URL's index is a whole number from 0 to 65535
//! (fields.md, saml.additional_acs; SAML 2.0 `AssertionConsumerServiceIndex` is an unsigned
//! short; Okta guide `submit-oin-app`). Invariant: no sign, no decimals, no spaces inside.

use super::Ctx;
use crate::messages;
use crate::model::Finding;

/// Rule id.
pub const RULE: &str = "index_range";

/// Whether `v` is an integer 0–65535.
pub fn valid(v: &str) -> bool {
    let v = v.trim();
    !v.is_empty()
        && v.chars().all(|c| c.is_ascii_digit())
        && v.trim_start_matches('0').len() <= 5
        && {
            let digits = v.trim_start_matches('0');
            digits.is_empty() || digits.parse::<u32>().is_ok_and(|n| n <= 65_535)
        }
}

/// An error when the index is out of range.
pub fn check(value: &str, ctx: &Ctx) -> Vec<Finding> {
    if valid(value) {
        Vec::new()
    } else {
        vec![ctx.error(RULE, messages::index_range(&ctx.what, value))]
    }
}

//! Rule `phone`: a support phone number holds 7–20 digits and only spaces, `+`, `(`, `)`, `-`,
//! `.` besides (fields.md, support.public_contact; Okta guide `submit-oin-app`). Invariant:
//! counts ASCII digits only.

use super::Ctx;
use crate::messages;
use crate::model::Finding;

/// Rule id.
pub const RULE: &str = "phone";

/// Whether `v` looks like a phone number.
pub fn is_phone(v: &str) -> bool {
    let allowed = v
        .chars()
        .all(|c| c.is_ascii_digit() || " +()-.".contains(c));
    let digits = v.chars().filter(char::is_ascii_digit).count();
    allowed && (7..=20).contains(&digits)
}

/// An error when `value` is not a phone number.
pub fn check(value: &str, ctx: &Ctx) -> Vec<Finding> {
    if is_phone(value) {
        Vec::new()
    } else {
        vec![ctx.error(RULE, messages::phone(value))]
    }
}

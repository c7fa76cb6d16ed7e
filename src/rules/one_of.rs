//! Rule `one_of`: the public support contact needs at least one of link, email or phone
//! (fields.md, support.public_contact; Okta guide `submit-oin-app`, "Support contact").
//! Invariant: reported on the whole field, not on one part.

use super::Ctx;
use crate::messages;
use crate::model::Finding;

/// Rule id.
pub const RULE: &str = "one_of";

/// An error when every value is empty.
pub fn check(values: &[&str], ctx: &Ctx) -> Vec<Finding> {
    if values.iter().all(|v| v.trim().is_empty()) {
        vec![ctx.error(RULE, messages::one_of())]
    } else {
        Vec::new()
    }
}

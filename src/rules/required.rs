//! Rule `required`: a value the OIN submission needs is empty (fields.md "required" column;
//! Okta guide `submit-oin-app`, which marks these fields as required). Invariant: the caller
//! decides presence (secrets by `filled` only); this rule never reads a value.

use super::Ctx;
use crate::model::Finding;

/// Rule id.
pub const RULE: &str = "required";

/// An error with `message` when the value is not filled.
pub fn check(filled: bool, ctx: &Ctx, message: String) -> Vec<Finding> {
    if filled {
        Vec::new()
    } else {
        vec![ctx.error(RULE, message)]
    }
}

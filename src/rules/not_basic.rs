//! Rule `not_basic`: SCIM integrations in the OIN may not use Basic authentication (fields.md,
//! scim.auth_mode; Okta guide `submit-oin-app`, "SCIM properties"; domain.md #5).
//! Invariant: an error whatever the option's exact wording ("Basic", "Basic Auth").

use super::Ctx;
use crate::messages;
use crate::model::Finding;

/// Rule id.
pub const RULE: &str = "not_basic";

/// An error when the chosen mode is Basic.
pub fn check(mode: &str, ctx: &Ctx) -> Vec<Finding> {
    if mode.trim().to_lowercase().starts_with("basic") {
        vec![ctx.error(RULE, messages::not_basic())]
    } else {
        Vec::new()
    }
}

//! Rule `short_description` (info): a catalog description under 100 characters rarely says what
//! the integration does for customers (fields.md, catalog.description; Okta guide
//! `submit-oin-app`, "Description"). Invariant: advice only, never an error.

use super::Ctx;
use crate::messages;
use crate::model::{Finding, Severity};

/// Rule id.
pub const RULE: &str = "short_description";

/// Descriptions shorter than this get the advice.
pub const MIN: usize = 100;

/// An info finding when the (non-empty) description is under 100 characters.
pub fn check(value: &str, ctx: &Ctx) -> Vec<Finding> {
    let len = value.chars().count();
    if len > 0 && len < MIN {
        vec![ctx.finding(RULE, Severity::Info, messages::short_description(len))]
    } else {
        Vec::new()
    }
}

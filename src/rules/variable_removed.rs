//! Rule `variable_removed` (warning): a tenant variable of the published version is missing or
//! renamed; Okta deletes the old variable, which breaks existing customers' instances (fields.md,
//! tenant.variables; Okta guide `update-oin-app`). Invariant: compares exact names only.

use super::Ctx;
use crate::messages;
use crate::model::{Finding, Severity};

/// Rule id.
pub const RULE: &str = "variable_removed";

/// A warning per published variable name not among the current names.
pub fn check(published: &[String], current: &[&str], ctx: &Ctx) -> Vec<Finding> {
    published
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty() && !current.contains(p))
        .map(|p| ctx.finding(RULE, Severity::Warning, messages::variable_removed(p)))
        .collect()
}

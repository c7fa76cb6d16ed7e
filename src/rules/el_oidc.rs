//! Rule `el_oidc`: OIDC URI expressions are written `{app.name}` (no `$`) and use only defined
//! variables (fields.md "Expressions"; Okta guide `submit-oin-app`, "OIDC properties"; domain.md
//! #11: `{appName}` bounces). Invariant: only called for values `is_expression` accepts.

use super::expression::{check_braces, Style};
use super::Ctx;
use crate::model::Finding;

/// Rule id.
pub const RULE: &str = "el_oidc";

/// Errors for syntax, style, prefix and undefined variables.
pub fn check(value: &str, ctx: &Ctx) -> Vec<Finding> {
    check_braces(value, Style::Oidc, RULE, ctx)
}

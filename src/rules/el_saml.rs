//! Rule `el_saml`: SAML URL expressions are written `${org.name}` and use only defined
//! variables (fields.md "Expressions"; Okta guide `submit-oin-app`, "SAML properties").
//! Invariant: only called for values `expression::is_expression` accepts.

use super::expression::{check_braces, Style};
use super::Ctx;
use crate::model::Finding;

/// Rule id.
pub const RULE: &str = "el_saml";

/// Errors for syntax, style, prefix and undefined variables.
pub fn check(value: &str, ctx: &Ctx) -> Vec<Finding> {
    check_braces(value, Style::Saml, RULE, ctx)
}

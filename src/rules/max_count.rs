//! Rule `max_count`: at most 3 use cases (fields.md, catalog.use_cases) and at most 8 tenant
//! variables (fields.md, tenant.variables; Okta guide `submit-oin-app`, "Tenant settings").
//! Invariant: counts only what the user chose or filled, never blank template rows.

use super::Ctx;
use crate::messages;
use crate::model::Finding;

/// Rule id.
pub const RULE: &str = "max_count";

/// Most use cases the catalog accepts.
pub const USE_CASES: usize = 3;

/// Most tenant variables Okta accepts.
pub const VARIABLES: usize = 8;

/// An error when more than 3 use cases are selected.
pub fn use_cases(selected: &[&str], ctx: &Ctx) -> Vec<Finding> {
    if selected.len() > USE_CASES {
        vec![ctx.error(RULE, messages::use_cases_count(selected.len(), USE_CASES))]
    } else {
        Vec::new()
    }
}

/// An error when there are more than 8 tenant variable rows.
pub fn variables(rows: usize, ctx: &Ctx) -> Vec<Finding> {
    if rows > VARIABLES {
        vec![ctx.error(RULE, messages::variables_count(rows, VARIABLES))]
    } else {
        Vec::new()
    }
}

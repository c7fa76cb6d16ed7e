//! Rule `required_choice`: a choice needs a ticked option (SCIM Read operations, sign-in flows,
//! JIT answer) (fields.md; Okta guide `submit-oin-app`, "SCIM properties" and "Test
//! information"). Invariant: options match case-insensitively on their start ("Read" matches
//! "Read users").

use super::Ctx;
use crate::messages;
use crate::model::Finding;

/// Rule id.
pub const RULE: &str = "required_choice";

/// An error when no selected option starts with `option`.
pub fn option(selected: &[&str], option: &str, ctx: &Ctx) -> Vec<Finding> {
    let want = option.to_lowercase();
    if selected.iter().any(|s| s.to_lowercase().starts_with(&want)) {
        return Vec::new();
    }
    let mut shown = String::new();
    let mut chars = option.chars();
    if let Some(first) = chars.next() {
        shown.extend(first.to_uppercase());
        shown.push_str(chars.as_str());
    }
    vec![ctx.error(RULE, messages::required_option(&ctx.what, &shown))]
}

/// An error when nothing is selected.
pub fn any(selected: &[&str], ctx: &Ctx) -> Vec<Finding> {
    if selected.is_empty() {
        vec![ctx.error(RULE, messages::required_one_choice(&ctx.what))]
    } else {
        Vec::new()
    }
}

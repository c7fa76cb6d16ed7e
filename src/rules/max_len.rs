//! Rule `max_len`: a value longer than Okta accepts (limits from fields.md, after the Okta guide
//! `submit-oin-app`). Invariant: lengths are counted in characters (`chars().count()`), never
//! bytes, so RTL and combining text is measured as the user sees it.

use super::Ctx;
use crate::messages;
use crate::model::Finding;

/// Rule id.
pub const RULE: &str = "max_len";

/// An error when `value` has more than `max` characters.
pub fn check(value: &str, max: usize, ctx: &Ctx) -> Vec<Finding> {
    let len = value.chars().count();
    if len > max {
        vec![ctx.error(RULE, messages::max_len(&ctx.what, len, max))]
    } else {
        Vec::new()
    }
}

/// An error when `value` is not under `limit` characters (the catalog description: "must be
/// under 1024"), worded the way the OIN catalog words it.
pub fn check_under(value: &str, limit: usize, ctx: &Ctx) -> Vec<Finding> {
    let len = value.chars().count();
    if len >= limit {
        vec![ctx.error(RULE, messages::max_len_under(&ctx.what, len, limit))]
    } else {
        Vec::new()
    }
}

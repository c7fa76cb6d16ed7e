//! Rule `unique`: tenant variable names, additional ACS indexes and redirect URIs must not repeat
//! (fields.md; Okta guide `submit-oin-app`). Invariant: each repeat is reported once, on the row
//! where it repeats, never on the first occurrence the user meant to keep.

use super::Ctx;
use crate::model::Finding;
use std::collections::BTreeSet;

/// Rule id.
pub const RULE: &str = "unique";

/// Errors for each value seen before, pinned to `part` on its row; `message` words it.
pub fn check(
    values: &[(&str, u32)],
    ctx: &Ctx,
    part: &str,
    message: impl Fn(&str, u32) -> String,
) -> Vec<Finding> {
    // Sets of `String`, not `&str`: the wasm module holds the first kind anyway (issue 6, size).
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut reported: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    for (value, row) in values {
        if !seen.insert(value.to_string()) && reported.insert(value.to_string()) {
            out.push(ctx.error(RULE, message(value, *row)).at(part, *row));
        }
    }
    out
}

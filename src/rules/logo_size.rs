//! Rule `logo_size`: the logo file must be under 1 MB (fields.md, catalog.logo; Okta guide
//! `submit-oin-app`, "Logo"). Invariant: 1 MB means 1,048,576 bytes, and the limit is exclusive.

use super::Ctx;
use crate::messages;
use crate::model::Finding;

/// Rule id.
pub const RULE: &str = "logo_size";

/// The first size that is refused: 1 MiB.
pub const LIMIT: u64 = 1_048_576;

/// An error when the file is 1 MiB or larger.
pub fn check(size: u64, ctx: &Ctx) -> Vec<Finding> {
    if size >= LIMIT {
        vec![ctx.error(RULE, messages::logo_size(size))]
    } else {
        Vec::new()
    }
}

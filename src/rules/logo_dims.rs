//! Rule `logo_dims`: the logo must be exactly 244×244, 200×200, 244×156 or 156×244 pixels
//! (fields.md, catalog.logo; Okta guide `submit-oin-app`, "Logo"). Invariant: checked only when
//! the dimensions are known (from the chosen file's header, else the preview image).

use super::Ctx;
use crate::messages;
use crate::model::Finding;

/// Rule id.
pub const RULE: &str = "logo_dims";

/// Accepted (width, height) pairs.
pub const ACCEPTED: [(u32, u32); 4] = [(244, 244), (200, 200), (244, 156), (156, 244)];

/// An error when the dimensions are not one of the accepted pairs.
pub fn check(width: u32, height: u32, ctx: &Ctx) -> Vec<Finding> {
    if ACCEPTED.contains(&(width, height)) {
        Vec::new()
    } else {
        vec![ctx.error(RULE, messages::logo_dims(width, height))]
    }
}

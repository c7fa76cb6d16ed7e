//! Rule `isvtest_username` (info): Okta reviewers expect the test account username
//! `isvtest@okta.com` (fields.md, test.username; Okta guide `submit-oin-app`, "Test account").
//! Invariant: advice only; case-insensitive.

use super::Ctx;
use crate::messages;
use crate::model::{Finding, Severity};

/// Rule id.
pub const RULE: &str = "isvtest_username";

/// The username reviewers expect.
pub const EXPECTED: &str = "isvtest@okta.com";

/// An info finding when the username is another one.
pub fn check(value: &str, ctx: &Ctx) -> Vec<Finding> {
    if value.trim().eq_ignore_ascii_case(EXPECTED) {
        Vec::new()
    } else {
        vec![ctx.finding(RULE, Severity::Info, messages::isvtest_username())]
    }
}

//! Rule `no_underscore`: the SCIM base URL's host must not contain `_`; Okta's provisioning
//! agent cannot reach such hosts (fields.md, scim.base_url; domain.md "Why submissions bounce"
//! #11). Invariant: only the host is judged (paths may hold `_`); for expressions, variables are
//! replaced by a placeholder first, so `app.sub_domain` itself is not a complaint.

use super::expression;
use super::url::parse;
use super::Ctx;
use crate::messages;
use crate::model::Finding;

/// Rule id.
pub const RULE: &str = "no_underscore";

/// An error when the URL's host contains `_`.
pub fn check(value: &str, ctx: &Ctx) -> Vec<Finding> {
    let rendered;
    let v = if expression::is_expression(value) {
        rendered = expression::render(value);
        rendered.as_str()
    } else {
        value
    };
    match parse(v) {
        Some(u) if u.host.contains('_') => vec![ctx.error(RULE, messages::no_underscore(u.host))],
        _ => Vec::new(),
    }
}

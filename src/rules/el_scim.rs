//! Rule `el_scim`: SCIM base URL expressions are quoted concatenations such as
//! `'https://' + app.subdomain + '.example.com/scim/v2'` using only defined variables (fields.md
//! "Expressions"; Okta guide `submit-oin-app`, "SCIM properties"). Invariant: only called for
//! values `is_expression` accepts.

use super::expression::{dedup, defined, literal, reference, tokens, Style};
use super::Ctx;
use crate::messages;
use crate::model::Finding;

/// Rule id.
pub const RULE: &str = "el_scim";

/// Errors for syntax, style, prefix and undefined variables.
pub fn check(value: &str, ctx: &Ctx) -> Vec<Finding> {
    let style = Style::Scim;
    let ex = style.example();
    if value.contains('{') || value.contains('}') {
        return vec![ctx.error(RULE, messages::el_style(&ctx.what, ex))];
    }
    let Some(tokens) = tokens(value) else {
        return vec![ctx.error(RULE, messages::el_unbalanced(&ctx.what, ex))];
    };
    let mut out = Vec::new();
    for t in tokens {
        if literal(t).is_some() {
            continue;
        }
        match reference(t) {
            None => {
                let shown = if t.is_empty() { "+" } else { t };
                out.push(ctx.error(RULE, messages::el_syntax(&ctx.what, shown, ex)));
            }
            Some((p, _)) if p != style.prefix() => {
                out.push(ctx.error(RULE, messages::el_prefix(&ctx.what, t, "app.", ex)))
            }
            Some((p, n)) if !defined(ctx.draft, style, p, n) => {
                out.push(ctx.error(RULE, messages::el_undefined(&ctx.what, t, n)))
            }
            Some(_) => {}
        }
    }
    dedup(out)
}

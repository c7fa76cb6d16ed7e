//! Shared reading of expressions in URLs (fields.md "Expressions"; Okta guide `submit-oin-app`,
//! "Dynamic properties with Okta Expression Language"): when a value is an expression, its
//! `{…}` groups, its quoted concatenation tokens, and whether a variable is defined. The rules
//! `el_saml`, `el_oidc`, `el_scim` are built on it. Invariant: single linear passes over the
//! value, no recursion, never panics.
//!
//! Defined variables: every tenant variable name, plus the globals `org.baseUrl`,
//! `org.subdomain` (SAML) and `app.baseURL` (OIDC, SCIM). fields.md lists `app.subdomain` "where
//! the subdomain variable exists": we read that as "`app.subdomain` is defined only when a tenant
//! variable named `subdomain` exists", which the tenant-variable lookup already covers.

use super::Ctx;
use crate::draft::Draft;

/// The expression dialect of a protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `https://${org.subdomain}.example.com/acs`.
    Saml,
    /// `https://{app.subdomain}.example.com/callback` (no `$`).
    Oidc,
    /// `'https://' + app.subdomain + '.example.com/scim/v2'`.
    Scim,
}

impl Style {
    /// The prefix variables take in this dialect.
    pub fn prefix(self) -> &'static str {
        match self {
            Style::Saml => "org",
            Style::Oidc | Style::Scim => "app",
        }
    }

    /// An example shown in messages.
    pub fn example(self) -> &'static str {
        match self {
            Style::Saml => "${org.name}",
            Style::Oidc => "{app.name}",
            Style::Scim => "'https://' + app.name + '.example.com/scim/v2'",
        }
    }
}

/// Whether a value is an expression rather than a static value.
pub fn is_expression(v: &str) -> bool {
    // Every form below needs a brace or a quote: most values (plain URLs) are ruled out by one
    // pass over their bytes instead of five searches.
    if !v.bytes().any(|b| matches!(b, b'{' | b'\'' | b'"')) {
        return false;
    }
    v.contains("${")
        || v.contains("{app.")
        || v.contains("{org.")
        || is_concatenation(v)
        || has_placeholder(v)
}

/// Whether a value holds a `{name}` placeholder such as `{appName}`: not a valid expression,
/// but an attempt at one (a known bounce reason), so it gets the expression check and its
/// precise message instead of a vague "not a web address".
pub fn has_placeholder(v: &str) -> bool {
    v.split('{').skip(1).any(|rest| {
        let inner = rest.split('}').next().unwrap_or("");
        rest.contains('}')
            && inner
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
    })
}

/// Whether a value uses quoted concatenation: a quote, and a `+` outside quotes.
pub fn is_concatenation(v: &str) -> bool {
    let mut quote = None;
    let (mut has_quote, mut plus) = (false, false);
    for c in v.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                has_quote = true;
            }
            None if c == '+' => plus = true,
            None => {}
        }
    }
    has_quote && plus
}

/// One `{…}` group of a brace-style expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group<'a> {
    /// Written `${…}`.
    pub dollar: bool,
    /// What is between the braces.
    pub inner: &'a str,
}

/// The `{…}` groups of a value, or `None` when braces nest, do not close, or quotes are odd.
pub fn groups(v: &str) -> Option<Vec<Group<'_>>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, bool)> = None;
    let mut prev = '\0';
    let (mut single, mut double) = (0usize, 0usize);
    for (i, c) in v.char_indices() {
        match c {
            '{' => {
                if open.is_some() {
                    return None;
                }
                open = Some((i + 1, prev == '$'));
            }
            '}' => {
                let (start, dollar) = open.take()?;
                out.push(Group {
                    dollar,
                    inner: v.get(start..i)?,
                });
            }
            '\'' => single += 1,
            '"' => double += 1,
            _ => {}
        }
        prev = c;
    }
    (open.is_none() && single % 2 == 0 && double % 2 == 0).then_some(out)
}

/// A variable reference split into prefix and name (`org.subdomain` → (`org`, `subdomain`)), when
/// it is `identifier.identifier`.
pub fn reference(v: &str) -> Option<(&str, &str)> {
    let (prefix, name) = v.trim().split_once('.')?;
    (identifier(prefix) && identifier(name)).then_some((prefix, name))
}

fn identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether `prefix.name` is defined for this draft (tenant variable or global).
pub fn defined(draft: &Draft, style: Style, prefix: &str, name: &str) -> bool {
    let global = match style {
        Style::Saml => prefix == "org" && (name == "baseUrl" || name == "subdomain"),
        Style::Oidc | Style::Scim => prefix == "app" && name == "baseURL",
    };
    global || super::variable_names(draft).contains(&name)
}

/// Tokens of a quoted concatenation, split on `+` outside quotes; `None` when a quote is open.
pub fn tokens(v: &str) -> Option<Vec<&str>> {
    let mut out = Vec::new();
    let mut quote = None;
    let mut start = 0;
    for (i, c) in v.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '+' => {
                out.push(v.get(start..i)?.trim());
                start = i + 1;
            }
            None => {}
        }
    }
    if quote.is_some() {
        return None;
    }
    out.push(v.get(start..)?.trim());
    Some(out)
}

/// The literal text of a quoted token (`'https://'` → `https://`), when it is one.
pub fn literal(token: &str) -> Option<&str> {
    let q = token.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let inner = token.get(1..)?.strip_suffix(q)?;
    (!inner.contains(q)).then_some(inner)
}

/// The value with every variable replaced by `x`, for host checks on expressions.
pub fn render(v: &str) -> String {
    if is_concatenation(v) && !v.contains('{') {
        let Some(tokens) = tokens(v) else {
            return String::new();
        };
        return tokens.iter().map(|t| literal(t).unwrap_or("x")).collect();
    }
    let mut out = String::with_capacity(v.len());
    let mut in_group = false;
    for c in v.chars() {
        match c {
            '{' => {
                if out.ends_with('$') {
                    out.pop();
                }
                in_group = true;
            }
            '}' if in_group => {
                in_group = false;
                out.push('x');
            }
            _ if in_group => {}
            _ => out.push(c),
        }
    }
    out
}

/// Findings of a brace-style dialect (SAML, OIDC) under `rule`.
pub fn check_braces(v: &str, style: Style, rule: &str, ctx: &Ctx) -> Vec<crate::model::Finding> {
    use crate::messages;
    let ex = style.example();
    let Some(groups) = groups(v) else {
        return vec![ctx.error(rule, messages::el_unbalanced(&ctx.what, ex))];
    };
    let mut out = Vec::new();
    // SAML wants `${…}`, OIDC wants `{…}`; quoted concatenation is SCIM's dialect.
    let wrong_style =
        is_concatenation(v) || groups.iter().any(|g| g.dollar != (style == Style::Saml));
    if wrong_style {
        out.push(ctx.error(rule, messages::el_style(&ctx.what, ex)));
    }
    for g in &groups {
        let shown = if g.dollar {
            format!("${{{}}}", g.inner)
        } else {
            format!("{{{}}}", g.inner)
        };
        match reference(g.inner) {
            None => out.push(ctx.error(rule, messages::el_syntax(&ctx.what, &shown, ex))),
            Some((p, _)) if p != style.prefix() => out.push(ctx.error(
                rule,
                messages::el_prefix(&ctx.what, &shown, &format!("{}.", style.prefix()), ex),
            )),
            Some((p, n)) if !defined(ctx.draft, style, p, n) => {
                out.push(ctx.error(rule, messages::el_undefined(&ctx.what, &shown, n)))
            }
            Some(_) => {}
        }
    }
    dedup(out)
}

/// Drops repeated findings (same message, part and row), keeping the first; linear-logarithmic,
/// so a value holding thousands of references stays fast.
pub fn dedup(findings: Vec<crate::model::Finding>) -> Vec<crate::model::Finding> {
    let mut seen = std::collections::BTreeSet::new();
    findings
        .into_iter()
        .filter(|f| seen.insert(f.message.clone()))
        .collect()
}

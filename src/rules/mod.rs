//! The checks of `shared/spec/fields.md`: one rule per file, each a pure function of a value
//! and its context returning findings. Invariant: rules never fail and never panic; rule ids
//! are a public contract; a field that was never seen yields no finding (completeness counts it
//! as unknown instead).
//!
//! Okta sources: developer.okta.com guides `submit-oin-app` (field limits, protocol properties,
//! expressions) and `update-oin-app` (tenant variables of published integrations).
//!
//! Decisions where fields.md is silent (documented once, here):
//! - A repeated row whose cells are all empty is treated as not existing: the wizard shows a
//!   blank row by default, and flagging it would make every draft fail.
//! - Scheme-less or malformed values in an `https`-only field get the `https` rule (there is no
//!   separate `url` rule for those fields).
//! - Expressions are also accepted (and syntax-checked) in the optional OIDC URI fields.
//! - `test.password` gets no `max_len`: its value is never read.
//! - A select whose shown text is a prompt ("Select…", "Choose…", "--") counts as unchosen.
//! - Groups are "managed" (scim.group_ops required) when any option of scim.group_ops is ticked,
//!   or any ticked option anywhere in the draft mentions "group" (e.g. a "Group push" capability).

pub mod auth_mode;
pub mod el_attr;
pub mod el_oidc;
pub mod el_saml;
pub mod el_scim;
pub mod email;
pub mod expression;
pub mod generic_mailbox;
pub mod https;
pub mod index_range;
pub mod isvtest_username;
pub mod logo_dims;
pub mod logo_format;
pub mod logo_size;
pub mod max_count;
pub mod max_len;
pub mod no_underscore;
pub mod not_basic;
pub mod one_of;
pub mod phone;
pub mod required;
pub mod required_choice;
pub mod short_description;
pub mod unique;
pub mod url;
pub mod var_name;
pub mod variable_removed;

use crate::catalogue::{FieldSpec, Need, Section, FIELDS};
use crate::draft::Draft;
use crate::messages;
use crate::model::{Cell, Finding, Severity};
use expression::Style;
use std::borrow::Cow;

/// What a rule knows besides the value: the draft, the field, how to name the value to the user
/// and where to pin a finding.
#[derive(Debug, Clone)]
pub struct Ctx<'a> {
    /// The whole draft (for cross-field facts such as tenant variable names).
    pub draft: &'a Draft,
    /// The catalogue field being checked.
    pub spec: &'static FieldSpec,
    /// The value's name in messages ("Display name", "Variable name in row 2"); borrowed when
    /// it is the catalogue's own (a context is made per field and part on every check, and a
    /// name is only read when a rule finds something).
    pub what: Cow<'static, str>,
    /// Part and row findings are pinned to, when about one part or row.
    pub at: Option<(&'a str, u32)>,
}

impl<'a> Ctx<'a> {
    /// Context for a whole field.
    pub fn new(draft: &'a Draft, spec: &'static FieldSpec) -> Ctx<'a> {
        Ctx {
            draft,
            spec,
            what: Cow::Borrowed(spec.name),
            at: None,
        }
    }

    /// The same context, about one part/row and named differently.
    pub fn part(&self, what: impl Into<Cow<'static, str>>, part: &'a str, row: u32) -> Ctx<'a> {
        Ctx {
            draft: self.draft,
            spec: self.spec,
            what: what.into(),
            at: Some((part, row)),
        }
    }

    /// A finding of this field, pinned where the context says.
    pub fn finding(&self, rule: &str, severity: Severity, message: String) -> Finding {
        let f = Finding::new(self.spec.key, rule, severity, message);
        match &self.at {
            Some((part, row)) => f.at(part, *row),
            None => f,
        }
    }

    /// An error finding of this field.
    pub fn error(&self, rule: &str, message: String) -> Finding {
        self.finding(rule, Severity::Error, message)
    }
}

/// Runs `rule` on one part or row of a field, naming it (`what`, a catalogue sentence) only when
/// the rule finds something: a name appears in messages alone, and most values pass, so the
/// usual case formats nothing. A rule's findings never depend on the name, only their wording.
fn on_part<'a>(
    ctx: &Ctx<'a>,
    what: impl FnOnce() -> String,
    part: &'a str,
    row: u32,
    rule: impl Fn(&Ctx) -> Vec<Finding>,
) -> Vec<Finding> {
    let found = rule(&ctx.part("", part, row));
    if found.is_empty() {
        return found;
    }
    rule(&ctx.part(what(), part, row))
}

/// Checks every seen, applicable field of a draft.
pub fn check(draft: &Draft) -> Vec<Finding> {
    let mut out = Vec::new();
    for spec in FIELDS {
        if !draft.applies(spec.section) || !draft.seen(spec.key) {
            continue;
        }
        out.extend(check_field(draft, spec));
    }
    out
}

/// Whether a field must hold a value now (its section applies and its `Need` condition holds).
/// Repeated-row fields are required only while they have a non-empty row.
pub fn required_now(draft: &Draft, spec: &FieldSpec) -> bool {
    if !draft.applies(spec.section) {
        return false;
    }
    match spec.need {
        Need::Optional => false,
        Need::Always | Need::AtLeastOne | Need::Option(_) => true,
        Need::RowCells => !rows(draft.cells(spec.key)).is_empty(),
        Need::WhenOauth => oauth_mode(draft),
        Need::WhenScim => draft.applies(Section::Scim),
        Need::WhenSso => has_sso(draft),
        Need::WhenSamlAtLeastOne => draft.applies(Section::Saml),
        Need::WhenSpFlow => sp_flow(draft),
        Need::WhenSpFlowSaml => sp_flow(draft) && draft.applies(Section::Saml),
        Need::OptionWhenGroups(_) => groups_managed(draft),
    }
}

/// The chosen options of a choice field: ticked options (`part` = option text) and the shown
/// text of a select (a single cell with empty part), minus select prompts.
pub fn selected(cells: &[Cell]) -> Vec<&str> {
    let mut out = Vec::new();
    for c in cells {
        match c.checked {
            Some(true) => {
                let v = if c.part.trim().is_empty() {
                    c.text.trim()
                } else {
                    c.part.trim()
                };
                if !v.is_empty() {
                    out.push(v);
                }
            }
            Some(false) => {}
            None => {
                let v = c.text.trim();
                if c.part.is_empty() && !v.is_empty() && !is_prompt(v) {
                    out.push(v);
                }
            }
        }
    }
    out
}

fn is_prompt(v: &str) -> bool {
    let l = v.to_lowercase();
    l.starts_with("select") || l.starts_with("choose") || l.starts_with("--") || l == "none"
}

fn oauth_mode(draft: &Draft) -> bool {
    draft.applies(Section::Scim)
        && selected(draft.cells("scim.auth_mode"))
            .iter()
            .any(|v| v.to_lowercase().starts_with("oauth"))
}

fn has_sso(draft: &Draft) -> bool {
    draft.applies(Section::Saml) || draft.applies(Section::Oidc)
}

fn sp_flow(draft: &Draft) -> bool {
    selected(draft.cells("test.sso_flows"))
        .iter()
        .any(|v| v.to_lowercase().starts_with("sp"))
}

fn groups_managed(draft: &Draft) -> bool {
    if !selected(draft.cells("scim.group_ops")).is_empty() {
        return true;
    }
    draft.cells.iter().any(|(key, cells)| {
        key != "scim.group_ops"
            && cells
                .iter()
                .any(|c| c.checked == Some(true) && c.part.to_lowercase().contains("group"))
    })
}

/// Row indexes that hold at least one non-empty cell, ascending.
pub fn rows(cells: &[Cell]) -> Vec<u32> {
    let mut out: Vec<u32> = cells
        .iter()
        .filter(|c| !c.text.trim().is_empty())
        .map(|c| c.row)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The trimmed text of one part of one row ("" when absent).
pub fn cell_text<'c>(cells: &'c [Cell], part: &str, row: u32) -> &'c str {
    cells
        .iter()
        .find(|c| c.part == part && c.row == row)
        .map(|c| c.text.trim())
        .unwrap_or("")
}

/// Trimmed texts of rows by (part, row), so row checks stay linear in the number of cells.
pub type RowIndex<'c> = std::collections::BTreeMap<(&'c str, u32), &'c str>;

/// Indexes the cells of a repeated-row field (first cell wins for a (part, row) pair).
pub fn row_index(cells: &[Cell]) -> RowIndex<'_> {
    let mut out = RowIndex::new();
    for c in cells {
        out.entry((c.part.as_str(), c.row)).or_insert(c.text.trim());
    }
    out
}

fn at<'c>(index: &RowIndex<'c>, part: &str, row: u32) -> &'c str {
    index.get(&(part, row)).copied().unwrap_or("")
}

/// Whether one part holds anything (text or, for secrets, `filled`).
fn part_filled(cells: &[Cell], part: &str) -> bool {
    cells
        .iter()
        .any(|c| c.part == part && (c.filled || !c.text.trim().is_empty()))
}

/// Tenant variable names defined in the draft (trimmed, non-empty).
pub fn variable_names(draft: &Draft) -> Vec<&str> {
    let cells = draft.cells("tenant.variables");
    cells
        .iter()
        .filter(|c| c.part == "name")
        .map(|c| c.text.trim())
        .filter(|t| !t.is_empty())
        .collect()
}

/// Splits a list value into entries: one per line, comma or white space.
pub fn split_list(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
}

/// Human label of one part of a parts/rows field.
fn part_label(key: &str, part: &str) -> &'static str {
    match (key, part) {
        ("tenant.variables", "label") => "Variable label",
        ("tenant.variables", "name") => "Variable name",
        ("saml.additional_acs", "url") => "Additional ACS URL",
        ("saml.additional_acs", "index") => "ACS index",
        ("saml.attribute_statements", "name") => "Attribute name",
        ("saml.attribute_statements", "values") => "Attribute values",
        ("support.public_contact", "link") => "Support link",
        ("support.public_contact", "email") => "Support email",
        ("support.public_contact", "phone") => "Support phone",
        ("scim.oauth_endpoints", "authorize") => "Authorize endpoint",
        ("scim.oauth_endpoints", "token") => "Token endpoint",
        ("scim.oauth_client", "id") => "Client ID",
        ("scim.oauth_client", "secret") => "Client secret",
        _ => "Value",
    }
}

fn row_parts(key: &str) -> &'static [&'static str] {
    match key {
        "tenant.variables" => &["label", "name"],
        "saml.additional_acs" => &["url", "index"],
        "saml.attribute_statements" => &["name", "values"],
        _ => &[],
    }
}

/// A required-message for a field, with its condition when it is conditional.
fn required_message(spec: &FieldSpec, what: &str) -> String {
    match spec.need {
        Need::WhenOauth => messages::required_when(what, messages::when_oauth()),
        Need::WhenSpFlow | Need::WhenSpFlowSaml => {
            messages::required_when(what, messages::when_sp_flow())
        }
        _ => messages::required(what),
    }
}

/// Runs the checks of one field (seen and applicable).
fn check_field(draft: &Draft, spec: &'static FieldSpec) -> Vec<Finding> {
    let ctx = Ctx::new(draft, spec);
    let cells = draft.cells(spec.key);
    let text = draft.text(spec.key);
    let need = required_now(draft, spec);
    let mut out = Vec::new();
    // A required text field: `required` when empty, otherwise the format checks.
    let text_field = |out: &mut Vec<Finding>, checks: &dyn Fn(&str, &Ctx) -> Vec<Finding>| {
        if text.is_empty() {
            if need {
                out.extend(required::check(
                    false,
                    &ctx,
                    required_message(spec, &ctx.what),
                ));
            }
        } else {
            out.extend(checks(text, &ctx));
        }
    };
    match spec.key {
        "catalog.display_name" => text_field(&mut out, &|v, c| max_len::check(v, 64, c)),
        "catalog.description" => text_field(&mut out, &|v, c| {
            let mut f = max_len::check_under(v, 1024, c);
            f.extend(short_description::check(v, c));
            f
        }),
        "catalog.logo" => out.extend(logo(&ctx, cells)),
        "catalog.use_cases" => out.extend(max_count::use_cases(&selected(cells), &ctx)),
        "tenant.variables" => out.extend(tenant_variables(&ctx, cells)),
        "support.escalation_email" => text_field(&mut out, &|v, c| {
            let f = email::check(v, c);
            if f.is_empty() {
                generic_mailbox::check(v, c)
            } else {
                f
            }
        }),
        "support.public_contact" => out.extend(public_contact(&ctx, cells)),
        "saml.acs_url" => text_field(&mut out, &|v, c| uri(v, 1024, Some(Style::Saml), c)),
        "saml.additional_acs" => out.extend(additional_acs(&ctx, cells)),
        "saml.entity_id" => text_field(&mut out, &|v, c| max_len::check(v, 1024, c)),
        "saml.attribute_statements" => out.extend(attribute_statements(&ctx, cells)),
        "saml.config_guide_url" | "oidc.config_guide_url" | "scim.config_guide_url" => {
            text_field(&mut out, &|v, c| web_url(v, None, true, c))
        }
        "oidc.redirect_uris" | "oidc.post_logout_uris" => out.extend(uri_list(&ctx, cells, need)),
        "oidc.initiate_login_uri" => {
            text_field(&mut out, &|v, c| uri(v, 1024, Some(Style::Oidc), c))
        }
        "scim.base_url" => text_field(&mut out, &|v, c| {
            let mut f = uri(v, 1024, Some(Style::Scim), c);
            f.extend(no_underscore::check(v, c));
            f
        }),
        "scim.auth_mode" => {
            let chosen = selected(cells);
            match chosen.first() {
                None => out.extend(required::check(false, &ctx, messages::required(&ctx.what))),
                Some(v) => {
                    let f = not_basic::check(v, &ctx);
                    out.extend(if f.is_empty() {
                        auth_mode::check(v, &ctx)
                    } else {
                        f
                    });
                }
            }
        }
        "scim.oauth_endpoints" => {
            out.extend(parts(&ctx, cells, &["authorize", "token"], need, true))
        }
        "scim.oauth_client" => out.extend(parts(&ctx, cells, &["id", "secret"], need, false)),
        "scim.user_ops" | "scim.group_ops" if need => {
            if let Need::Option(o) | Need::OptionWhenGroups(o) = spec.need {
                out.extend(required_choice::option(&selected(cells), o, &ctx));
            }
        }
        "ul.gtr_endpoint" => text_field(&mut out, &|v, c| uri(v, 1024, None, c)),
        "test.account_url"
        | "test.sp_initiate_url"
        | "test.runscope_spec"
        | "test.runscope_crud" => text_field(&mut out, &|v, c| web_url(v, Some(512), false, c)),
        "test.username" => text_field(&mut out, &|v, c| {
            let mut f = max_len::check(v, 255, c);
            f.extend(isvtest_username::check(v, c));
            f
        }),
        "test.password" => {
            let filled = cells.iter().any(|c| c.filled);
            if need && !filled {
                out.extend(required::check(false, &ctx, messages::required(&ctx.what)));
            }
        }
        "test.instructions" | "test.sp_initiate_description" => {
            text_field(&mut out, &|v, c| max_len::check(v, 2048, c))
        }
        "test.sso_flows" | "test.jit" if need => {
            out.extend(required_choice::any(&selected(cells), &ctx));
        }
        _ => {}
    }
    out
}

/// `url` (well-formed web address), then `https` when asked, then `max_len` when given.
fn web_url(v: &str, max: Option<usize>, https_too: bool, c: &Ctx) -> Vec<Finding> {
    let mut f = url::check(v, c);
    if f.is_empty() && https_too {
        f.extend(https::check(v, c));
    }
    if let Some(m) = max {
        f.extend(max_len::check(v, m, c));
    }
    f
}

/// A URI that may be an expression: `max_len`, then `https` for static values or the protocol's
/// expression check (`style`) for expressions.
fn uri(v: &str, max: usize, style: Option<Style>, c: &Ctx) -> Vec<Finding> {
    let mut f = max_len::check(v, max, c);
    match style {
        Some(s) if expression::is_expression(v) => f.extend(match s {
            Style::Saml => el_saml::check(v, c),
            Style::Oidc => el_oidc::check(v, c),
            Style::Scim => el_scim::check(v, c),
        }),
        _ => f.extend(https::check(v, c)),
    }
    f
}

fn logo(ctx: &Ctx, cells: &[Cell]) -> Vec<Finding> {
    let file = cells.iter().find_map(|c| c.file.as_ref());
    let image = cells.iter().find_map(|c| c.image.as_ref());
    let placeholder = image.is_some_and(|i| {
        let s = i.src.to_lowercase();
        s.contains("default") || s.contains("placeholder")
    });
    match file {
        Some(file) => {
            let mut out = logo_format::check(file, ctx);
            out.extend(logo_size::check(file.size, ctx));
            // Dimensions: the chosen file's (mapping copies them into `image`), else its header.
            let dims = image
                .filter(|i| i.width > 0 && i.height > 0 && !placeholder)
                .map(|i| (i.width, i.height))
                .or_else(|| crate::image::dimensions(&file.head).map(|(_, w, h)| (w, h)));
            if let Some((w, h)) = dims {
                out.extend(logo_dims::check(w, h, ctx));
            }
            out
        }
        None => {
            if placeholder {
                return required::check(false, ctx, messages::logo_placeholder());
            }
            match image.filter(|i| i.width > 0 && i.height > 0) {
                Some(i) => logo_dims::check(i.width, i.height, ctx),
                None => {
                    let filled = cells.iter().any(|c| c.filled || image.is_some());
                    if filled {
                        Vec::new()
                    } else {
                        required::check(false, ctx, messages::required(&ctx.what))
                    }
                }
            }
        }
    }
}

fn tenant_variables(ctx: &Ctx, cells: &[Cell]) -> Vec<Finding> {
    let idx = row_index(cells);
    let mut out = Vec::new();
    let rows = rows(cells);
    out.extend(row_required(ctx, cells, &rows));
    let mut names = Vec::new();
    for &r in &rows {
        let name = at(&idx, "name", r);
        if !name.is_empty() {
            let what = || messages::in_row("Variable name", r);
            out.extend(on_part(ctx, what, "name", r, |c| var_name::check(name, c)));
            names.push((name, r));
        }
    }
    out.extend(max_count::variables(rows.len(), ctx));
    out.extend(unique::check(&names, ctx, "name", |v, _| {
        messages::duplicate_variable(v)
    }));
    let current: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
    out.extend(variable_removed::check(
        &ctx.draft.published_variables,
        &current,
        ctx,
    ));
    out
}

fn row_required(ctx: &Ctx, cells: &[Cell], rows: &[u32]) -> Vec<Finding> {
    let idx = row_index(cells);
    let mut out = Vec::new();
    for &r in rows {
        for part in row_parts(ctx.spec.key) {
            if !at(&idx, part, r).is_empty() {
                continue;
            }
            let c = ctx.part(messages::in_row(part_label(ctx.spec.key, part), r), part, r);
            out.extend(required::check(false, &c, messages::required(&c.what)));
        }
    }
    out
}

fn additional_acs(ctx: &Ctx, cells: &[Cell]) -> Vec<Finding> {
    let idx = row_index(cells);
    let rows = rows(cells);
    let mut out = row_required(ctx, cells, &rows);
    let mut indexes = Vec::new();
    for &r in &rows {
        let url_v = at(&idx, "url", r);
        if !url_v.is_empty() {
            let what = || messages::in_row("Additional ACS URL", r);
            out.extend(on_part(ctx, what, "url", r, |c| {
                uri(url_v, 1024, Some(Style::Saml), c)
            }));
        }
        let index_text = at(&idx, "index", r);
        if !index_text.is_empty() {
            let what = || messages::in_row("ACS index", r);
            let f = on_part(ctx, what, "index", r, |c| index_range::check(index_text, c));
            if f.is_empty() {
                indexes.push((index_text, r));
            }
            out.extend(f);
        }
    }
    out.extend(unique::check(&indexes, ctx, "index", |v, _| {
        messages::duplicate_index(v)
    }));
    out
}

fn attribute_statements(ctx: &Ctx, cells: &[Cell]) -> Vec<Finding> {
    let idx = row_index(cells);
    let rows = rows(cells);
    let mut out = row_required(ctx, cells, &rows);
    for &r in &rows {
        let v = at(&idx, "values", r);
        if !v.is_empty() {
            let what = || messages::in_row("Attribute values", r);
            out.extend(on_part(ctx, what, "values", r, |c| el_attr::check(v, c)));
        }
    }
    out
}

fn public_contact(ctx: &Ctx, cells: &[Cell]) -> Vec<Finding> {
    // The first non-empty cell of each part (a page may report a part on a row index other than 0).
    let value = |part: &str| {
        cells
            .iter()
            .find(|c| c.part == part && !c.text.trim().is_empty())
            .map(|c| c.text.trim())
            .unwrap_or("")
    };
    let (link, mail, tel) = (value("link"), value("email"), value("phone"));
    let mut out = one_of::check(&[link, mail, tel], ctx);
    if !link.is_empty() {
        out.extend(web_url(
            link,
            None,
            true,
            &ctx.part("Support link", "link", 0),
        ));
    }
    if !mail.is_empty() {
        out.extend(email::check(mail, &ctx.part("Support email", "email", 0)));
    }
    if !tel.is_empty() {
        out.extend(phone::check(tel, &ctx.part("Support phone", "phone", 0)));
    }
    out
}

fn parts(
    ctx: &Ctx,
    cells: &[Cell],
    names: &[&'static str],
    need: bool,
    urls: bool,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for part in names {
        let c = ctx.part(part_label(ctx.spec.key, part), part, 0);
        if !part_filled(cells, part) {
            if need {
                out.extend(required::check(
                    false,
                    &c,
                    required_message(ctx.spec, &c.what),
                ));
            }
        } else if urls {
            let v = cells
                .iter()
                .find(|x| x.part == *part)
                .map(|x| x.text.trim())
                .unwrap_or("");
            out.extend(https::check(v, &c));
        }
    }
    out
}

fn uri_list<'a>(ctx: &Ctx<'a>, cells: &'a [Cell], need: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut seen = Vec::new();
    // Of `String`, not `&str`: the wasm module holds that set type anyway (issue 6, size).
    let mut checked: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for cell in cells {
        for v in split_list(&cell.text) {
            // A repeated entry is checked once; `unique` reports the repeat.
            if checked.insert(v.to_string()) {
                let what = || messages::list_entry(ctx.spec.name, v);
                out.extend(on_part(ctx, what, &cell.part, cell.row, |c| {
                    uri(v, 1024, Some(Style::Oidc), c)
                }));
            }
            seen.push((v, cell.row));
        }
    }
    if seen.is_empty() && need && ctx.spec.need == Need::AtLeastOne {
        out.extend(required::check(
            false,
            ctx,
            messages::required_list(&ctx.what),
        ));
    }
    if ctx.spec.key == "oidc.redirect_uris" {
        let what = ctx.what.clone();
        out.extend(unique::check(&seen, ctx, "", move |v, _| {
            messages::duplicate_entry(&what, v)
        }));
    }
    out
}

//! What changed between the published version and an in-progress version (pure): per field
//! added / removed / changed, tenant variables removed (breaks existing customers) or added
//! (empty on existing instances), and whether only catalog fields changed (the lighter
//! catalog-only update path of Okta's `update-oin-app` guide). Invariant: a field the draft has
//! not shown yet is never reported as removed; secrets are compared by presence only.

use crate::catalogue::{self, Section};
use crate::draft::Draft;
use crate::model::Cell;
use std::collections::{BTreeMap, BTreeSet};

/// How a field changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// Empty in the published version, filled now.
    Added,
    /// Filled in the published version, empty now.
    Removed,
    /// Filled in both, different.
    Changed,
}

impl ChangeKind {
    /// Word used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        }
    }
}

/// One changed field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Field key.
    pub field: String,
    /// How it changed.
    pub kind: ChangeKind,
    /// Published value, as text.
    pub before: String,
    /// In-progress value, as text.
    pub after: String,
}

/// Published vs in-progress.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    /// Changed fields in catalogue order.
    pub changes: Vec<Change>,
    /// Tenant variable names the published version has and the draft lacks.
    pub variables_removed: Vec<String>,
    /// Tenant variable names the draft adds.
    pub variables_added: Vec<String>,
    /// Something changed, and only catalog fields (name, description, logo, use cases, contacts).
    pub catalog_only: bool,
}

/// A field's value as one comparable text: rows and parts in order, ticked options, a secret's
/// presence only, a logo's size and source.
pub fn value_text(cells: &[Cell]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut ticked: BTreeSet<String> = BTreeSet::new();
    for cell in cells {
        if let Some(checked) = cell.checked {
            if checked {
                ticked.insert(cell.part.trim().to_string());
            }
            continue;
        }
        if let Some(image) = &cell.image {
            if cell.filled {
                parts.push(format!("{}×{} {}", image.width, image.height, image.src));
            }
            continue;
        }
        let text = cell.text.trim();
        if text.is_empty() {
            if cell.filled {
                parts.push("(set)".into());
            }
            continue;
        }
        parts.push(if cell.part.is_empty() {
            text.to_string()
        } else {
            format!("{}: {text}", cell.part)
        });
    }
    parts.extend(ticked);
    parts.join("; ")
}

/// Whether two values of a group of options name the same options: the read-only view lists
/// them as text in its own order and separator ("Single Sign-On, Lifecycle Management") where
/// the form has ticked boxes ("Lifecycle Management; Single Sign-On").
fn same_options(a: &str, b: &str) -> bool {
    let options = |text: &str| -> BTreeSet<String> {
        text.split([',', ';'])
            .map(|o| o.trim().to_lowercase())
            .filter(|o| !o.is_empty())
            .collect()
    };
    options(a) == options(b)
}

/// Tenant variable names of a field's cells.
pub fn variable_names(cells: &[Cell]) -> Vec<String> {
    cells
        .iter()
        .filter(|c| c.part == "name" && !c.text.trim().is_empty())
        .map(|c| c.text.trim().to_string())
        .collect()
}

/// Compares a published snapshot with a draft.
pub fn diff(published: &BTreeMap<String, Vec<Cell>>, draft: &Draft) -> Diff {
    let mut out = Diff::default();
    for spec in catalogue::FIELDS {
        let (Some(before), Some(after)) = (published.get(spec.key), draft.cells.get(spec.key))
        else {
            continue;
        };
        if spec.kind == catalogue::Kind::Secret {
            continue; // presence of a secret is not a change anyone reviews
        }
        let (b, a) = (value_text(before), value_text(after));
        if b == a || (spec.kind == catalogue::Kind::Choice && same_options(&b, &a)) {
            continue;
        }
        let kind = match (b.is_empty(), a.is_empty()) {
            (true, _) => ChangeKind::Added,
            (false, true) => ChangeKind::Removed,
            (false, false) => ChangeKind::Changed,
        };
        out.changes.push(Change {
            field: spec.key.to_string(),
            kind,
            before: b,
            after: a,
        });
    }
    if let (Some(before), Some(after)) = (
        published.get("tenant.variables"),
        draft.cells.get("tenant.variables"),
    ) {
        let (old, new) = (variable_names(before), variable_names(after));
        out.variables_removed = old.iter().filter(|n| !new.contains(n)).cloned().collect();
        out.variables_added = new.iter().filter(|n| !old.contains(n)).cloned().collect();
    }
    out.catalog_only = !out.changes.is_empty()
        && out.changes.iter().all(|c| {
            catalogue::field(&c.field)
                .is_some_and(|f| matches!(f.section, Section::Catalog | Section::Support))
        });
    out
}

/// The "What changed" text for review notes, in Markdown (values quoted as code, so page text
/// can never become markup).
pub fn markdown(name: &str, diff: &Diff) -> String {
    let mut out = format!("## What changed: {}\n\n", escape(name));
    if diff.changes.is_empty() {
        out.push_str("No field differs from the published version (of the fields seen so far).\n");
        return out;
    }
    for c in &diff.changes {
        let label = catalogue::field(&c.field)
            .map(|f| f.name)
            .unwrap_or(&c.field);
        match c.kind {
            ChangeKind::Added => {
                out.push_str(&format!("- **{label}** added: {}\n", code(&c.after)))
            }
            ChangeKind::Removed => out.push_str(&format!(
                "- **{label}** removed (was {})\n",
                code(&c.before)
            )),
            ChangeKind::Changed => out.push_str(&format!(
                "- **{label}** changed: {} → {}\n",
                code(&c.before),
                code(&c.after)
            )),
        }
    }
    for name in &diff.variables_removed {
        out.push_str(&format!(
            "- Tenant variable {} removed or renamed: existing customers' instances lose its value.\n",
            code(name)
        ));
    }
    for name in &diff.variables_added {
        out.push_str(&format!(
            "- Tenant variable {} added: it is empty on existing instances.\n",
            code(name)
        ));
    }
    if diff.catalog_only {
        out.push_str("\nOnly catalog fields changed: the catalog-only update path applies.\n");
    }
    out
}

/// Text as inline Markdown code: backticks in the text get a longer fence, and line breaks flatten.
pub fn code(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let clipped: String = flat.chars().take(200).collect();
    let longest = longest_run(&clipped, '`');
    let fence = "`".repeat(longest + 1);
    format!("{fence} {clipped} {fence}")
}

fn longest_run(text: &str, ch: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for c in text.chars() {
        run = if c == ch { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// Escapes Markdown punctuation in plain text (names in headings).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.push(' ');
            continue;
        }
        if "\\`*_{}[]()<>#+-.!|~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(pairs: &[(&str, &[Cell])]) -> BTreeMap<String, Vec<Cell>> {
        pairs
            .iter()
            .map(|(k, c)| (k.to_string(), c.to_vec()))
            .collect()
    }

    fn draft(pairs: &[(&str, &[Cell])]) -> Draft {
        Draft {
            cells: cells(pairs),
            ..Draft::default()
        }
    }

    fn vars(names: &[&str]) -> Vec<Cell> {
        names
            .iter()
            .enumerate()
            .flat_map(|(i, n)| {
                [
                    Cell::text("label", i as u32, n),
                    Cell::text("name", i as u32, n),
                ]
            })
            .collect()
    }

    #[test]
    fn a_renamed_variable_is_removed_plus_added() {
        let published = cells(&[("tenant.variables", &vars(&["subdomain", "region"]))]);
        let d = diff(
            &published,
            &draft(&[("tenant.variables", &vars(&["subdomain", "area"]))]),
        );
        assert_eq!(d.variables_removed, vec!["region"]);
        assert_eq!(d.variables_added, vec!["area"]);
        assert!(!d.catalog_only);
        let md = markdown("Acme", &d);
        assert!(
            md.contains("Tenant variable ` region ` removed or renamed"),
            "{md}"
        );
        assert!(
            md.contains("` area ` added: it is empty on existing instances"),
            "{md}"
        );
    }

    #[test]
    fn only_catalog_changes_take_the_catalog_only_path() {
        let published = cells(&[
            ("catalog.description", &[Cell::text("", 0, "Old words")]),
            (
                "saml.acs_url",
                &[Cell::text("", 0, "https://a.example/acs")],
            ),
        ]);
        let now = draft(&[
            ("catalog.description", &[Cell::text("", 0, "New words")]),
            (
                "saml.acs_url",
                &[Cell::text("", 0, "https://a.example/acs")],
            ),
        ]);
        let d = diff(&published, &now);
        assert_eq!(d.changes.len(), 1);
        assert_eq!(d.changes[0].kind, ChangeKind::Changed);
        assert!(d.catalog_only);
        let protocol = draft(&[(
            "saml.acs_url",
            &[Cell::text("", 0, "https://b.example/acs")],
        )]);
        assert!(!diff(&published, &protocol).catalog_only);
    }

    #[test]
    fn a_protocol_added_is_reported_and_unseen_fields_are_not_removed() {
        let published = cells(&[
            ("oidc.redirect_uris", &[Cell::text("", 0, "")]),
            ("catalog.display_name", &[Cell::text("", 0, "Acme")]),
        ]);
        let now = draft(&[(
            "oidc.redirect_uris",
            &[Cell::text("", 0, "https://a.example/cb")],
        )]);
        let d = diff(&published, &now);
        assert_eq!(
            d.changes.len(),
            1,
            "display name was not seen in the draft: not removed"
        );
        assert_eq!(d.changes[0].kind, ChangeKind::Added);
    }

    #[test]
    fn options_listed_in_another_order_are_not_a_change() {
        let published = cells(&[(
            "catalog.use_cases",
            &[Cell::text("", 0, "Single Sign-On, Lifecycle Management")],
        )]);
        let ticked = [
            Cell::choice("Lifecycle Management", true),
            Cell::choice("Single Sign-On", true),
        ];
        let d = diff(&published, &draft(&[("catalog.use_cases", &ticked)]));
        assert!(d.changes.is_empty(), "{d:?}");
        let one = [
            Cell::choice("Lifecycle Management", true),
            Cell::choice("Single Sign-On", false),
        ];
        let d = diff(&published, &draft(&[("catalog.use_cases", &one)]));
        assert_eq!(d.changes.len(), 1, "an option unticked is a change");
    }

    #[test]
    fn page_text_cannot_become_markdown() {
        let published = cells(&[("catalog.display_name", &[Cell::text("", 0, "a")])]);
        let now = draft(&[(
            "catalog.display_name",
            &[Cell::text("", 0, "x` [link](javascript:alert(1)) ``y\n# h")],
        )]);
        let md = markdown("<b>Name</b> [x](y)", &diff(&published, &now));
        assert!(md.contains("\\<b\\>Name\\</b\\> \\[x\\]\\(y\\)"), "{md}");
        assert!(
            md.contains("``` x` [link](javascript:alert(1)) ``y # h ```"),
            "{md}"
        );
    }
}

//! What is known of one version of one integration, gathered across wizard steps and tabs:
//! the cells each catalogue field showed the last time its page was seen, and which
//! capabilities (protocol sections) the draft has. Invariant: plain data, merged by pure
//! functions; a field absent from `cells` was never seen ("not checked yet"), never "missing".

use crate::catalogue::Section;
use crate::model::Cell;
use crate::section_set::SectionSet;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Everything known of one draft.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
// Unknown keys are refused, not ignored: a stored value that does not read exactly is set
// aside by the registry (quarantine) instead of being loaded without the part it could not place.
#[serde(default, deny_unknown_fields)]
pub struct Draft {
    /// Field key → the cells its page showed last (secrets carry only `filled`).
    pub cells: BTreeMap<String, Vec<Cell>>,
    /// Section keys of the capabilities this draft has (`saml`, `oidc`, `scim`, `ul`), learned from
    /// the capabilities page or from a protocol section being on screen.
    pub capabilities: BTreeSet<String>,
    /// Tenant variable names the published version had (for the "renamed variable" warning).
    pub published_variables: Vec<String>,
}

impl Draft {
    /// Whether a section is part of this draft (fields.md, "applies when").
    pub fn applies(&self, section: Section) -> bool {
        match section {
            Section::Catalog | Section::Tenant | Section::Support | Section::Test => true,
            other => self.capabilities.contains(other.key()),
        }
    }

    /// Whether the field was seen on some page.
    pub fn seen(&self, key: &str) -> bool {
        self.cells.contains_key(key)
    }

    /// The cells of a field (empty when never seen).
    pub fn cells(&self, key: &str) -> &[Cell] {
        self.cells.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The text of a plain single-value field, trimmed ("" when never seen or empty).
    pub fn text(&self, key: &str) -> &str {
        self.cells(key)
            .iter()
            .find(|c| c.part.is_empty())
            .map(|c| c.text.trim())
            .unwrap_or("")
    }

    /// Whether the named option of a choice field is ticked (case-insensitive match on the option
    /// text's start, so "Read" matches "Read users").
    pub fn option_ticked(&self, key: &str, option: &str) -> bool {
        let want = option.to_lowercase();
        self.cells(key).iter().any(|c| {
            c.checked == Some(true) && c.part.to_lowercase().trim().starts_with(want.as_str())
        })
    }

    /// Records what one page showed: every field mapped on it replaces what was known before.
    pub fn absorb(&mut self, cells: BTreeMap<String, Vec<Cell>>, sections_on_screen: &SectionSet) {
        for (key, mut list) in cells {
            for cell in &mut list {
                if let Some(file) = cell.file.as_mut() {
                    // Mapping already read the image dimensions from these bytes into `Cell::image`;
                    // storing them would make every load and save of the registry slower.
                    file.head.clear();
                }
            }
            self.cells.insert(key, list);
        }
        for s in sections_on_screen.iter() {
            if matches!(
                s,
                Section::Saml | Section::Oidc | Section::Scim | Section::Ul
            ) {
                self.capabilities.insert(s.key().to_string());
            }
        }
    }
}

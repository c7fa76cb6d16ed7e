//! User settings (pure): rules turned off, severities changed, when a draft counts as stale,
//! whether the submitter map syncs. Stored inside the registry so the one writer keeps them
//! consistent. Invariant: settings only filter or re-grade findings; they never invent one, and
//! a rule id they name that no longer exists is ignored, not an error.

use crate::i18n::Text;
use crate::model::{Finding, Severity};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Every rule id a user can turn off or re-grade, with what it checks (options page; the text
/// is the catalogue's `rule_<id>`) and the severity its findings have unless re-graded (fields.md;
/// `Finding::new` asserts it in debug builds, so every rule test checks this table too).
pub const RULES: &[(&str, Text, Severity)] = &[
    ("required", Text("rule_required"), Severity::Error),
    ("max_len", Text("rule_max_len"), Severity::Error),
    (
        "short_description",
        Text("rule_short_description"),
        Severity::Info,
    ),
    ("logo_format", Text("rule_logo_format"), Severity::Error),
    ("logo_size", Text("rule_logo_size"), Severity::Error),
    ("logo_dims", Text("rule_logo_dims"), Severity::Error),
    ("max_count", Text("rule_max_count"), Severity::Error),
    ("var_name", Text("rule_var_name"), Severity::Error),
    ("unique", Text("rule_unique"), Severity::Error),
    (
        "variable_removed",
        Text("rule_variable_removed"),
        Severity::Warning,
    ),
    ("email", Text("rule_email"), Severity::Error),
    (
        "generic_mailbox",
        Text("rule_generic_mailbox"),
        Severity::Warning,
    ),
    ("one_of", Text("rule_one_of"), Severity::Error),
    ("url", Text("rule_url"), Severity::Error),
    ("https", Text("rule_https"), Severity::Error),
    ("phone", Text("rule_phone"), Severity::Error),
    ("el_saml", Text("rule_el_saml"), Severity::Error),
    ("el_oidc", Text("rule_el_oidc"), Severity::Error),
    ("el_scim", Text("rule_el_scim"), Severity::Error),
    ("el_attr", Text("rule_el_attr"), Severity::Error),
    ("no_underscore", Text("rule_no_underscore"), Severity::Error),
    ("not_basic", Text("rule_not_basic"), Severity::Error),
    ("auth_mode", Text("rule_auth_mode"), Severity::Error),
    (
        "required_choice",
        Text("rule_required_choice"),
        Severity::Error,
    ),
    ("index_range", Text("rule_index_range"), Severity::Error),
    (
        "isvtest_username",
        Text("rule_isvtest_username"),
        Severity::Info,
    ),
    ("org_mismatch", Text("rule_org_mismatch"), Severity::Error),
    ("org_unknown", Text("rule_org_unknown"), Severity::Info),
    (
        "personal_email",
        Text("rule_personal_email"),
        Severity::Warning,
    ),
    ("tests_stale", Text("rule_tests_stale"), Severity::Warning),
    (
        "catalog_only_update",
        Text("rule_catalog_only_update"),
        Severity::Info,
    ),
];

/// The severity `rule`'s findings have unless the user re-graded it; `None` for an unknown id.
pub fn default_severity(rule: &str) -> Option<Severity> {
    RULES.iter().find(|(id, ..)| *id == rule).map(|(.., s)| *s)
}

/// Default days after which an unseen draft counts as stale.
pub const DEFAULT_STALE_DAYS: u32 = 14;

/// The settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Rule ids turned off.
    pub disabled: BTreeSet<String>,
    /// Rule id → severity to use instead of the rule's own.
    pub severity: BTreeMap<String, Severity>,
    /// Days after which an unseen draft counts as stale.
    pub stale_days: u32,
    /// Mirror the submitter map to `chrome.storage.sync`.
    pub sync: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            disabled: BTreeSet::new(),
            severity: BTreeMap::new(),
            stale_days: DEFAULT_STALE_DAYS,
            sync: true,
        }
    }
}

impl Settings {
    /// Drops findings of disabled rules and re-grades the others as asked.
    pub fn apply(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter(|f| !self.disabled.contains(&f.rule))
            .map(|mut f| {
                if let Some(severity) = self.severity.get(&f.rule) {
                    f.severity = *severity;
                }
                f
            })
            .collect()
    }

    /// Milliseconds after which an unseen draft counts as stale.
    pub fn stale_after_ms(&self) -> f64 {
        f64::from(self.stale_days.clamp(1, 3650)) * 24.0 * 3600.0 * 1000.0
    }

    /// Keeps only known rule ids and sane values (settings come from the options page and from
    /// imports, and may be hand-edited).
    pub fn sanitised(mut self) -> Settings {
        let known = |id: &String| RULES.iter().any(|(r, ..)| r == id);
        // Rebuilt rather than `retain`ed: the same collections, without the B-tree's removal
        // code for these two types in the wasm module (src/maps.rs).
        self.disabled = std::mem::take(&mut self.disabled)
            .into_iter()
            .filter(known)
            .collect();
        self.severity = crate::maps::only(std::mem::take(&mut self.severity), known);
        self.stale_days = self.stale_days.clamp(1, 3650);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &str, severity: Severity) -> Finding {
        Finding::new("catalog.description", rule, severity, "m".into())
    }

    #[test]
    fn rules_can_be_turned_off_and_regraded() {
        let mut s = Settings::default();
        s.disabled.insert("short_description".into());
        s.severity.insert("generic_mailbox".into(), Severity::Error);
        let out = s.apply(vec![
            finding("short_description", Severity::Info),
            finding("generic_mailbox", Severity::Warning),
        ]);
        let mut regraded = finding("generic_mailbox", Severity::Warning);
        regraded.severity = Severity::Error;
        assert_eq!(out, vec![regraded]);
    }

    #[test]
    fn unknown_rule_ids_and_silly_values_are_cleaned() {
        let mut s = Settings {
            stale_days: 0,
            ..Settings::default()
        };
        s.disabled.insert("no_such_rule".into());
        s.disabled.insert("required".into());
        let s = s.sanitised();
        assert_eq!(s.disabled.iter().collect::<Vec<_>>(), ["required"]);
        assert_eq!(s.stale_days, 1);
    }

    #[test]
    fn every_rule_file_is_listed() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            if let Some(line) = text.lines().find(|l| l.starts_with("pub const RULE: &str")) {
                let id = line.split('"').nth(1).unwrap();
                assert!(
                    RULES.iter().any(|(r, ..)| *r == id),
                    "{id} missing from settings::RULES"
                );
            }
        }
    }
}

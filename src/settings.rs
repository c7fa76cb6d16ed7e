//! User settings (pure): rules turned off, severities changed, when a draft counts as stale,
//! whether the submitter map syncs. Stored inside the registry so the one writer keeps them
//! consistent. Invariant: settings only filter or re-grade findings; they never invent one, and
//! a rule id they name that no longer exists is ignored, not an error.

use crate::model::{Finding, Severity};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Every rule id a user can turn off or re-grade, with what it checks (options page).
pub const RULES: &[(&str, &str)] = &[
    ("required", "Required fields are filled"),
    ("max_len", "Values stay within Okta's length limits"),
    (
        "short_description",
        "Descriptions say what the integration does (advice)",
    ),
    ("logo_format", "Logo is PNG, JPG or GIF"),
    ("logo_size", "Logo is under 1 MB"),
    ("logo_dims", "Logo has an accepted pixel size"),
    (
        "max_count",
        "Use cases and tenant variables stay within their limits",
    ),
    ("var_name", "Tenant variable names are well formed"),
    ("unique", "Names, indexes and URIs are not repeated"),
    (
        "variable_removed",
        "Tenant variables of the published version are kept",
    ),
    ("email", "Email addresses are valid"),
    (
        "generic_mailbox",
        "The escalation contact is a person, not a shared mailbox",
    ),
    ("one_of", "A public support contact is given"),
    ("url", "Web addresses are valid"),
    ("https", "Addresses use https"),
    ("phone", "Phone numbers are valid"),
    ("el_saml", "SAML expressions are valid and defined"),
    ("el_oidc", "OIDC expressions are valid and defined"),
    ("el_scim", "SCIM expressions are valid and defined"),
    ("el_attr", "Attribute statements use allowed references"),
    ("no_underscore", "The SCIM host has no underscore"),
    ("not_basic", "SCIM does not use Basic authentication"),
    ("auth_mode", "SCIM authentication mode is one Okta supports"),
    ("required_choice", "Required options are ticked"),
    ("index_range", "ACS indexes are between 0 and 65,535"),
    (
        "isvtest_username",
        "The test account is isvtest@okta.com (advice)",
    ),
    ("org_mismatch", "Submitting from the original submitter org"),
    ("org_unknown", "The submitter org is known (advice)"),
    (
        "personal_email",
        "The admin signs in with a company address",
    ),
    ("tests_stale", "Test results are less than 48 hours old"),
    (
        "catalog_only_update",
        "Catalog-only updates are pointed out (advice)",
    ),
];

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
        let known = |id: &String| RULES.iter().any(|(r, _)| r == id);
        self.disabled.retain(known);
        self.severity.retain(|id, _| known(id));
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
        assert_eq!(out, vec![finding("generic_mailbox", Severity::Error)]);
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
                    RULES.iter().any(|(r, _)| *r == id),
                    "{id} missing from settings::RULES"
                );
            }
        }
    }
}

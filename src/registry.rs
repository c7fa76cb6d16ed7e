//! The registry: every integration seen, its submitter org(s), its published version and its
//! in-progress versions per org, as stored in `chrome.storage.local`. Invariant: it carries a
//! schema version; anything that cannot be read is migrated or kept aside in `quarantine`,
//! never dropped.

use crate::draft::Draft;
use crate::model::{Cell, Finding};
use crate::org::OrgRef;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// Current schema version of the stored registry. Schema 2 stores each integration under its
/// own key (see `crate::layout`); the in-memory shape is the one schema 1 stored under one key,
/// so a schema-1 registry reads as is and is written back split.
pub const SCHEMA: u32 = 2;
/// The schema before integrations got their own storage keys.
pub const SCHEMA_ONE_KEY: u32 = 1;

/// Integration ids handed out by [`Registry::integration_mut`] since the last
/// [`Registry::take_touched`]: the only records that may need writing. Not stored, and never part
/// of a registry's equality (two registries with the same data are equal whatever was touched).
#[derive(Debug, Clone, Default)]
pub struct Touched(std::collections::BTreeSet<String>);

impl PartialEq for Touched {
    fn eq(&self, _: &Touched) -> bool {
        true
    }
}

/// The whole stored state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Registry {
    /// Schema version of this shape.
    pub schema: u32,
    /// Bumped on every change, so concurrent writers can tell a stale copy.
    pub revision: u64,
    /// Who wrote this revision (a token per worker instance): a worker whose parsed records
    /// carry the stamp storage holds may reuse them instead of reading every record again.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub stamp: String,
    /// Integration id → what is known of it (stored under keys of their own, `crate::layout`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub integrations: BTreeMap<String, Integration>,
    /// Org host → what is known of the org.
    pub orgs: BTreeMap<String, OrgInfo>,
    /// Stored values that could not be read, kept verbatim for export.
    pub quarantine: Vec<Quarantined>,
    /// The last problem mirroring submitter orgs to `chrome.storage.sync` (empty when fine).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sync_note: String,
    /// The user's settings (options page).
    pub settings: crate::settings::Settings,
    /// Records possibly changed since they were last saved (not stored).
    #[serde(skip)]
    pub touched: Touched,
}

impl Default for Registry {
    fn default() -> Self {
        Registry {
            schema: SCHEMA,
            revision: 0,
            stamp: String::new(),
            integrations: BTreeMap::new(),
            orgs: BTreeMap::new(),
            quarantine: Vec::new(),
            sync_note: String::new(),
            settings: crate::settings::Settings::default(),
            touched: Touched::default(),
        }
    }
}

/// What is known of one org.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OrgInfo {
    /// Org id (`00o…`), when learned.
    pub id: String,
    /// When the id was last fetched or last failed (ms since the epoch).
    pub checked_at: f64,
    /// Consecutive failures of the id lookup (for backoff).
    pub failures: u32,
    /// No new lookup before this time (ms since the epoch): expiry, backoff or a lookup in flight.
    pub retry_at: f64,
    /// The submissions API for this org: `""` not tried, `ok`, or `refused` (401/403/404).
    pub api: String,
    /// When the submissions API was last asked (ms since the epoch).
    pub api_synced_at: f64,
    /// The last sync stopped at the page cap (`submissions::MAX_PAGES`).
    pub api_capped: bool,
    /// The last integrations list page seen on this org (where Resume goes without an edit URL).
    pub list_url: String,
    /// Integration whose list row to point out on the next list visit, and until when.
    pub highlight: String,
    /// Expiry of `highlight` (ms since the epoch).
    pub highlight_until: f64,
}

/// A claim that an org made the original submission.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SubmitterClaim {
    /// The org.
    pub org: OrgRef,
    /// How it was learned: `list-page`, `pinned` or `imported`.
    pub how: String,
    /// When (ms since the epoch).
    pub at: f64,
}

/// The published version as last seen.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Published {
    /// Status as shown.
    pub status: String,
    /// Last published date as shown (free text).
    pub last_published: String,
    /// Field values of the read-only view (no secrets).
    pub snapshot: BTreeMap<String, Vec<Cell>>,
    /// When it was last seen.
    pub seen_at: f64,
}

/// One in-progress version, on one org.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InProgress {
    /// Org host it lives on.
    pub org: String,
    /// Normalised status.
    pub status: String,
    /// Completeness 0–100 last computed.
    pub complete: u8,
    /// Errors last computed.
    pub errors: u32,
    /// When it was last seen (ms since the epoch).
    pub last_seen: f64,
    /// Edit page URL, when known.
    pub edit_url: String,
    /// What the pages showed, across steps.
    pub draft: Draft,
    /// Findings last computed.
    pub findings: Vec<Finding>,
}

/// One integration.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Integration {
    /// Integration id.
    pub id: String,
    /// Display name, when known.
    pub name: String,
    /// Orgs claimed as the original submitter (more than one is a conflict the user resolves).
    pub submitters: Vec<SubmitterClaim>,
    /// The published version, when seen.
    pub published: Option<Published>,
    /// In-progress versions, keyed by org host.
    pub drafts: BTreeMap<String, InProgress>,
}

/// A stored value that could not be read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Quarantined {
    /// Why it was set aside.
    pub reason: String,
    /// When.
    pub at: f64,
    /// The value, verbatim.
    pub value: Value,
}

/// Reads a typed value out of a JSON value through its text. Deliberate: deserialising from
/// `Value` directly would compile a second copy of every type's deserialiser into the wasm.
fn read<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, serde_json::Error> {
    serde_json::from_str(&value.to_string())
}

/// The entries of one map of the registry (`integrations`, `orgs`) that read on their own; the
/// others (or the whole map, when it is not one) are listed in `aside` as (reason, key, value),
/// the value shaped as that map so the fragment reads as part of a registry again.
fn salvage_map<T: serde::de::DeserializeOwned>(
    key: String,
    field: Value,
    aside: &mut Vec<(String, String, Value)>,
) -> BTreeMap<String, T> {
    let mut out = BTreeMap::new();
    match field {
        Value::Object(items) => {
            for (id, item) in items {
                match read::<T>(&item) {
                    Ok(entry) => {
                        out.insert(id, entry);
                    }
                    Err(e) => {
                        let reason = format!("unreadable {key} entry {id:?}: {e}");
                        let mut one = serde_json::Map::new();
                        one.insert(id, item);
                        aside.push((reason, key.clone(), Value::Object(one)));
                    }
                }
            }
        }
        Value::Null => {}
        other => aside.push((format!("unreadable {key}: not a map"), key, other)),
    }
    out
}

impl Registry {
    /// Reads a stored value: the current shape as is, older shapes migrated, anything else kept
    /// aside in quarantine (with an empty registry to carry on with).
    pub fn from_stored(value: Value, now: f64) -> Registry {
        if value.is_null() {
            return Registry::default();
        }
        let schema = value.get("schema").and_then(Value::as_u64);
        match schema {
            Some(s) if s == u64::from(SCHEMA) || s == u64::from(SCHEMA_ONE_KEY) => {
                let mut reg = match read::<Registry>(&value) {
                    Ok(reg) => reg,
                    Err(_) => Registry::salvaged(value, now),
                };
                reg.schema = SCHEMA;
                reg
            }
            Some(s) if s > u64::from(SCHEMA) => Registry::quarantined(
                format!("registry written by a newer version (schema {s})"),
                value,
                now,
            ),
            _ => {
                Registry::quarantined("registry without a known schema version".into(), value, now)
            }
        }
    }

    /// Reads the stored registry from its JSON text (the worker's path): the current shape is
    /// read directly, anything else goes through [`Registry::from_stored`].
    pub fn from_json(text: &str, now: f64) -> Registry {
        #[derive(Deserialize)]
        struct Probe {
            schema: Option<u64>,
        }
        // Only an object is the registry: serde would also read a struct from a JSON array,
        // position by position (`[1]` would pass for an empty registry of schema 1).
        let current = text.trim_start().starts_with('{')
            && serde_json::from_str::<Probe>(text).is_ok_and(|p| {
                p.schema == Some(u64::from(SCHEMA)) || p.schema == Some(u64::from(SCHEMA_ONE_KEY))
            });
        if current {
            if let Ok(mut registry) = serde_json::from_str::<Registry>(text) {
                registry.schema = SCHEMA;
                return registry;
            }
        }
        match serde_json::from_str::<Value>(text) {
            Ok(value) => Registry::from_stored(value, now),
            Err(e) => Registry::quarantined(
                format!("registry is not JSON: {e}"),
                Value::String(text.to_string()),
                now,
            ),
        }
    }

    /// Reads what can be read of a current-schema registry that does not read as a whole (a
    /// damaged record, a renamed key, a value of the wrong type): every integration, org and
    /// quarantine entry that reads on its own loads; everything else is set aside in quarantine
    /// verbatim, as a fragment of the registry's shape (`{"integrations": {"<id>": …}}`) so it can
    /// be exported and put back. One damaged record costs that record, never the others.
    fn salvaged(value: Value, now: f64) -> Registry {
        let Value::Object(fields) = value else {
            return Registry::quarantined("unreadable registry".into(), value, now);
        };
        let mut aside = Vec::new();
        // Every other field (revision, settings… and any added later) is tried on its own.
        let mut simple = serde_json::Map::new();
        let mut maps = Vec::new();
        for (key, field) in fields {
            if matches!(key.as_str(), "integrations" | "orgs" | "quarantine") {
                maps.push((key, field));
                continue;
            }
            let mut one = serde_json::Map::new();
            one.insert(key.clone(), field.clone());
            match read::<Registry>(&Value::Object(one)) {
                Ok(_) => {
                    simple.insert(key, field);
                }
                Err(e) => aside.push((
                    format!("unreadable registry field {key:?}: {e}"),
                    key,
                    field,
                )),
            }
        }
        let mut reg = match read::<Registry>(&Value::Object(simple.clone())) {
            Ok(reg) => reg,
            Err(e) => {
                aside.push((
                    format!("unreadable registry fields: {e}"),
                    String::new(),
                    Value::Object(simple),
                ));
                Registry::default()
            }
        };
        reg.schema = SCHEMA;
        for (key, field) in maps {
            match key.as_str() {
                "integrations" => reg.integrations = salvage_map(key, field, &mut aside),
                "orgs" => reg.orgs = salvage_map(key, field, &mut aside),
                _ => match field {
                    Value::Array(items) => {
                        for item in items {
                            match read::<Quarantined>(&item) {
                                Ok(q) => reg.quarantine.push(q),
                                Err(e) => aside.push((
                                    format!("unreadable quarantine entry: {e}"),
                                    key.clone(),
                                    Value::Array(vec![item]),
                                )),
                            }
                        }
                    }
                    Value::Null => {}
                    other => aside.push(("unreadable quarantine: not a list".into(), key, other)),
                },
            }
        }
        for (reason, key, field) in aside {
            // A fragment of the registry's shape (`{"<field>": …}`), or the fields as they were.
            let value = if key.is_empty() {
                field
            } else {
                let mut fragment = serde_json::Map::new();
                fragment.insert(key, field);
                Value::Object(fragment)
            };
            reg.quarantine.push(Quarantined {
                reason,
                at: now,
                value,
            });
        }
        reg
    }

    fn quarantined(reason: String, value: Value, now: f64) -> Registry {
        // A quarantined registry may itself hold earlier quarantined values: lift them out so
        // nothing nests without bound and nothing is lost.
        let mut reg = Registry::default();
        if let Some(Value::Array(items)) = value.get("quarantine") {
            for item in items {
                if let Ok(q) = read::<Quarantined>(item) {
                    reg.quarantine.push(q);
                }
            }
        }
        reg.quarantine.push(Quarantined {
            reason,
            at: now,
            value,
        });
        reg
    }

    /// The integration with this id, created when absent. Every change to a record goes through
    /// here (or [`Registry::touch`]), which is how a save knows which records to write.
    pub fn integration_mut(&mut self, id: &str) -> &mut Integration {
        if !self.touched.0.contains(id) {
            self.touched.0.insert(id.to_string());
        }
        self.integrations
            .entry(id.to_string())
            .or_insert_with(|| Integration {
                id: id.to_string(),
                ..Integration::default()
            })
    }
}

impl Registry {
    /// Notes that a record was changed in place (not through [`Registry::integration_mut`]).
    pub fn touch(&mut self, id: &str) {
        self.touched.0.insert(id.to_string());
    }

    /// The ids touched since the last [`Registry::take_touched`].
    pub fn touched_ids(&self) -> impl Iterator<Item = &String> {
        self.touched.0.iter()
    }

    /// The ids touched since the last call, and forgets them.
    pub fn take_touched(&mut self) -> std::collections::BTreeSet<String> {
        std::mem::take(&mut self.touched.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unreadable_values_are_kept_aside() {
        let reg = Registry::from_stored(json!({"schema": 1, "integrations": 7}), 5.0);
        assert_eq!(reg.quarantine.len(), 1);
        assert_eq!(reg.quarantine[0].value, json!({"integrations": 7}));
        let newer = Registry::from_stored(json!({"schema": 99}), 5.0);
        assert!(newer.quarantine[0].reason.contains("newer"));
        let junk = Registry::from_stored(json!("junk"), 5.0);
        assert_eq!(junk.quarantine[0].value, json!("junk"));
    }

    #[test]
    fn one_damaged_record_costs_that_record_only() {
        let good = json!({"id": "acme_a_1", "name": "A"});
        let bad = json!({"id": "acme_b_1", "drafts": {"x.okta.com": {"complete": 300}}});
        let stored = json!({
            "schema": 1,
            "revision": 9,
            "integrations": {"acme_a_1": good, "acme_b_1": bad},
            "orgs": {"x.okta.com": {"id": "00o1"}, "y.okta.com": "garbage"},
            "quarantine": [{"reason": "earlier", "at": 1.0, "value": [1]}, 42],
        });
        let reg = Registry::from_stored(stored, 5.0);
        assert_eq!(reg.revision, 9);
        assert_eq!(reg.integrations.keys().collect::<Vec<_>>(), ["acme_a_1"]);
        assert_eq!(reg.integrations["acme_a_1"].name, "A");
        assert_eq!(reg.orgs["x.okta.com"].id, "00o1");
        let values: Vec<&Value> = reg.quarantine.iter().map(|q| &q.value).collect();
        assert_eq!(
            values,
            [
                &json!([1]),
                &json!({"integrations": {"acme_b_1": bad}}),
                &json!({"orgs": {"y.okta.com": "garbage"}}),
                &json!({"quarantine": [42]}),
            ]
        );
        assert!(
            reg.quarantine[1].reason.contains("acme_b_1"),
            "{:?}",
            reg.quarantine[1]
        );
        // Set aside once: saving and loading again changes nothing.
        let again = Registry::from_stored(serde_json::to_value(&reg).unwrap(), 6.0);
        assert_eq!(again, reg);
    }

    #[test]
    fn salvage_keeps_every_readable_field() {
        // A damaged record must not cost the user's settings (or any other field) either.
        let mut reg = Registry {
            revision: 4,
            ..Registry::default()
        };
        reg.settings.stale_days = 30;
        reg.integration_mut("acme_a_1").name = "A".into();
        let mut stored = serde_json::to_value(&reg).unwrap();
        stored["integrations"]["acme_b_1"] = json!({"id": 7});
        stored["mystery"] = json!([1, 2]);
        let loaded = Registry::from_stored(stored, 5.0);
        assert_eq!(loaded.revision, 4);
        assert_eq!(loaded.settings, reg.settings);
        assert_eq!(loaded.integrations, reg.integrations);
        let values: Vec<&Value> = loaded.quarantine.iter().map(|q| &q.value).collect();
        assert_eq!(
            values,
            [
                &json!({"mystery": [1, 2]}),
                &json!({"integrations": {"acme_b_1": {"id": 7}}})
            ]
        );
    }

    #[test]
    fn a_renamed_key_is_kept_not_silently_dropped() {
        // One flipped byte in "integrations" used to read as a registry with no integrations
        // (unknown keys were ignored), and the next save wiped them.
        let text =
            r#"{"schema":1,"revision":2,"integrationr":{"acme_a_1":{"id":"acme_a_1","name":"A"}}}"#;
        let reg = Registry::from_json(text, 5.0);
        assert_eq!(reg.quarantine.len(), 1, "{reg:?}");
        assert_eq!(
            reg.quarantine[0].value,
            json!({"integrationr": {"acme_a_1": {"id": "acme_a_1", "name": "A"}}})
        );
        // Inside a record too: a record with an unknown key is set aside whole, not loaded
        // without the part it could not place.
        let text = r#"{"schema":1,"integrations":{"acme_a_1":{"id":"acme_a_1","draftz":{"a.okta.com":{}}},"acme_b_1":{"id":"acme_b_1"}}}"#;
        let reg = Registry::from_json(text, 5.0);
        assert_eq!(reg.integrations.keys().collect::<Vec<_>>(), ["acme_b_1"]);
        assert_eq!(
            reg.quarantine[0].value,
            json!({"integrations": {"acme_a_1": {"id": "acme_a_1", "draftz": {"a.okta.com": {}}}}})
        );
    }

    #[test]
    fn only_an_object_reads_as_the_registry() {
        // Found by `cargo fuzz` (target `registry_import`): the worker's path read `[1]` as an
        // empty registry (serde reads structs from arrays too) where `from_stored` kept it aside.
        for text in ["[1]", "[1, 5]", " [1,0,{}]"] {
            let reg = Registry::from_json(text, 5.0);
            assert_eq!(reg.quarantine.len(), 1, "{text}");
            assert_eq!(
                reg.quarantine[0].value,
                serde_json::from_str::<Value>(text).unwrap()
            );
        }
    }

    #[test]
    fn current_shape_round_trips() {
        let mut reg = Registry::default();
        reg.integration_mut("acme_x_1").name = "Acme".into();
        let stored = serde_json::to_value(&reg).unwrap();
        assert_eq!(Registry::from_stored(stored, 0.0), reg);
    }
}

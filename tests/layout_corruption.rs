//! No data lost in the split storage layout (schema 2, `layout.rs`): a registry built from the
//! fixture pages is saved as its keys (core, one record per integration, index), then random keys
//! are damaged (truncated as by an interrupted write, bytes flipped, replaced by another JSON
//! type, removed) and the keys are read back the way the worker reads them (`layout::assemble`).
//! It must never panic; every record left intact must load unchanged; every damaged record must
//! either load or be kept verbatim in quarantine; a damaged core must not cost any record; and the
//! next save must write back every record that loaded.
//!
//! `PROPTEST_CASES=N` changes the number of cases (`make fuzz` raises it).

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixture_registry;
mod json_common;
use fixture_registry::visited_fixture_pages;
use json_common::holds;
use oin_helper::layout::{self, Saved, RECORD_PREFIX};
use oin_helper::registry::Registry;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;
use std::collections::BTreeMap;

const NOW: f64 = 1.8e12;

/// The registry the fixture pages leave (drafts on several orgs, list rows, a published view).
fn original() -> Registry {
    let registry = visited_fixture_pages(NOW);
    assert!(registry.integrations.len() >= 5);
    registry
}

/// The stored keys of `registry` (key → JSON text), as one save writes them.
fn stored(registry: &Registry) -> BTreeMap<String, String> {
    let mut registry = registry.clone();
    let writes = layout::writes(&mut registry, &mut Saved::default(), "t");
    writes.set.into_iter().collect()
}

/// Reads stored keys back as the worker does.
fn load(store: &BTreeMap<String, String>) -> Registry {
    layout::read_keys(store.clone(), NOW).0
}

/// One way a stored value gets damaged.
#[derive(Debug, Clone)]
enum Damage {
    /// The text ends early.
    Truncate(Index),
    /// Bits flipped in bytes (the result may not be UTF-8 or JSON).
    Flip(Vec<(Index, u8)>),
    /// Replaced by a value of another JSON type.
    Replace(&'static str),
    /// The key is gone.
    Remove,
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        any::<Index>().prop_map(Damage::Truncate),
        proptest::collection::vec((any::<Index>(), 1u8..=255), 1..4).prop_map(Damage::Flip),
        prop_oneof![
            Just("[1]"),
            Just("7"),
            Just("\"text\""),
            Just("null"),
            Just("{}"),
            Just("{\"id\":5}")
        ]
        .prop_map(Damage::Replace),
        Just(Damage::Remove),
    ]
}

/// Applies `damage` to a text; `None` means the key is removed.
fn apply(text: &str, damage: &Damage) -> Option<String> {
    match damage {
        Damage::Truncate(at) => {
            let bytes = text.as_bytes();
            let cut = at.index(bytes.len().max(1));
            Some(String::from_utf8_lossy(&bytes[..cut]).into_owned())
        }
        Damage::Flip(flips) => {
            let mut bytes = text.as_bytes().to_vec();
            for (at, bits) in flips {
                let i = at.index(bytes.len().max(1));
                if let Some(b) = bytes.get_mut(i) {
                    *b ^= bits;
                }
            }
            Some(String::from_utf8_lossy(&bytes).into_owned())
        }
        Damage::Replace(with) => Some((*with).to_string()),
        Damage::Remove => None,
    }
}

#[test]
fn damaged_keys_cost_only_themselves() {
    let registry = original();
    let keys = stored(&registry);
    let names: Vec<String> = keys.keys().cloned().collect();
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    let mut runner = TestRunner::new(Config {
        cases,
        ..Config::default()
    });
    let strategy = proptest::collection::vec((any::<Index>(), damage()), 1..4);
    runner
        .run(&strategy, |damages| {
            let mut store = keys.clone();
            let mut damaged = BTreeMap::new();
            for (which, how) in &damages {
                let key = &names[which.index(names.len())];
                let Some(text) = store.get(key).cloned() else {
                    continue;
                };
                match apply(&text, how) {
                    Some(new) => {
                        store.insert(key.clone(), new.clone());
                        damaged.insert(key.clone(), Some(new));
                    }
                    None => {
                        store.remove(key);
                        damaged.insert(key.clone(), None);
                    }
                }
            }
            let loaded = load(&store);
            let aside = serde_json::to_value(&loaded.quarantine).unwrap();
            for (id, record) in &registry.integrations {
                let key = format!("{RECORD_PREFIX}{id}");
                match damaged.get(&key) {
                    // Intact: loaded unchanged.
                    None => prop_assert_eq!(loaded.integrations.get(id), Some(record), "{}", id),
                    // Removed by hand: nothing to keep.
                    Some(None) => {}
                    // Damaged: loaded, or kept verbatim (as its value, or its text).
                    Some(Some(text)) => {
                        let kept = match serde_json::from_str::<Value>(text) {
                            Ok(value) => holds(&aside, &value),
                            Err(_) => holds(&aside, &Value::String(text.clone())),
                        };
                        prop_assert!(
                            loaded.integrations.contains_key(id) || kept,
                            "{id}: neither loaded nor kept aside"
                        );
                    }
                }
            }
            // Everything that loaded is written again by the next save.
            let rewritten = stored(&loaded);
            prop_assert_eq!(load(&rewritten).integrations, loaded.integrations);
            Ok(())
        })
        .unwrap();
}

#[test]
fn a_save_interrupted_between_its_two_calls_loses_no_record() {
    // Clearing data removes the records first, then writes the core: a worker killed in between
    // leaves the old core with fewer records, which still loads.
    let registry = original();
    let mut store = stored(&registry);
    store.retain(|k, _| !k.starts_with(RECORD_PREFIX));
    let loaded = load(&store);
    assert!(loaded.integrations.is_empty());
    assert_eq!(loaded.orgs, registry.orgs);
    assert!(loaded.quarantine.is_empty());
}

//! No data lost (issue 7): 1,000 random corruptions of a stored registry, at the JSON-text level
//! (truncation, flipped bits, inserted and deleted bytes) and at the value level (wrong types,
//! wrong or missing schema version, half-written records, renamed keys). Each corrupted text is
//! loaded the way the worker loads it (`Registry::from_json`, the text `chrome.storage` hands
//! back) and through the public `Registry::from_stored` (text that is not JSON is seen as a string
//! value), and must:
//! - never panic;
//! - keep every integration record that was readable: a record of the original registry still
//!   present verbatim anywhere in the corrupted value, and every entry of the corrupted
//!   `integrations` map that reads as an integration, is either loaded or in quarantine verbatim;
//! - on a current-schema registry, load every readable record (one damaged record is set aside,
//!   the others stay usable);
//! - keep text that is not JSON at all, verbatim;
//! - save and load back unchanged (nothing is lost on the next save either).
//!
//! `PROPTEST_CASES=N` changes the number of corruptions (`make fuzz` raises it).

#![cfg(not(target_arch = "wasm32"))]
// Test helpers: a malformed fixture should stop the run loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixture_registry;
mod json_common;
use fixture_registry::visited_fixture_pages;
use json_common::{holds, same_json};
use oin_helper::handler::handle;
use oin_helper::model::Request;
use oin_helper::registry::{Integration, OrgInfo, Registry};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::BTreeMap;

const CORRUPTIONS: u32 = 1_000;
const NOW: f64 = 1.8e12;

// ----------------------------------------------------------------------------- the registry

/// A registry as a user has it after a few weeks: the fixture pages visited (drafts on several
/// orgs, list rows, a published view), org ids learned, settings changed, and an earlier
/// quarantined value.
fn original() -> Value {
    let mut registry = visited_fixture_pages(NOW);
    let now = NOW;
    for (host, id) in [
        ("integrator-1000001.okta.com", "00o1000001AAAAAAAAA1"),
        ("integrator-1234567.okta.com", "00o1234567ZZZZZZZZZ1"),
    ] {
        let request = Request::OrgLookup {
            host: host.into(),
            status: 200,
            body: format!(r#"{{"id":"{id}"}}"#),
            retry_after: None,
        };
        registry = handle(registry, request, now).registry;
    }
    let mut value = serde_json::to_value(&registry).unwrap();
    // The user's own choices (options page): losing them is losing data too.
    value["settings"] = json!({"disabled": ["isvtest_username"], "severity": {"short_description": "warning"}, "stale_days": 30, "sync": false});
    value["quarantine"] = json!([{"reason": "an earlier damaged value", "at": 1.7e12, "value": {"integrations": {"x": 7}}}]);
    let integrations = value["integrations"].as_object().unwrap();
    assert!(
        integrations.len() >= 5,
        "the fixture pages should leave several integrations, got {}",
        integrations.len()
    );
    value
}

// ---------------------------------------------------------------------------- corruptions

/// One way stored text gets damaged.
#[derive(Debug, Clone)]
enum Corruption {
    /// The write stopped early (quota, crash): the text ends at a random character.
    Truncate(Index),
    /// Random bits flipped in random bytes (the result may not be UTF-8 or JSON).
    FlipBits(Vec<(Index, u8)>),
    /// Bytes deleted.
    Delete(Index, usize),
    /// Random bytes inserted.
    Insert(Index, Vec<u8>),
    /// A node of the JSON tree replaced by a value of another type.
    WrongType(Index, Value),
    /// The schema version replaced (or removed, for `None`).
    Schema(Option<Value>),
    /// One integration record written halfway: some keys missing, one value cut short.
    HalfRecord(Index, Vec<bool>, Index),
    /// An object key renamed (a flipped character in a key).
    RenameKey(Index, String),
    /// The whole value replaced.
    Replace(String),
}

fn json_leaf() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e300f64..1e300).prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::String),
        Just(json!([])),
        Just(json!({})),
        Just(json!([1, "two", null])),
        Just(json!({"id": 7, "drafts": "none"})),
    ]
    .boxed()
}

fn corruption() -> BoxedStrategy<Corruption> {
    prop_oneof![
        3 => any::<Index>().prop_map(Corruption::Truncate),
        3 => vec((any::<Index>(), 1u8..=255), 1..4).prop_map(Corruption::FlipBits),
        1 => (any::<Index>(), 1usize..64).prop_map(|(at, n)| Corruption::Delete(at, n)),
        1 => (any::<Index>(), vec(any::<u8>(), 1..16)).prop_map(|(at, b)| Corruption::Insert(at, b)),
        3 => (any::<Index>(), json_leaf()).prop_map(|(at, v)| Corruption::WrongType(at, v)),
        1 => proptest::option::of(prop_oneof![
            Just(json!(0)), Just(json!(2)), Just(json!(99)), Just(json!("1")),
            Just(json!(-1)), Just(json!(1.5)), Just(Value::Null), Just(json!([1]))
        ]).prop_map(Corruption::Schema),
        2 => (any::<Index>(), vec(any::<bool>(), 8), any::<Index>())
            .prop_map(|(which, keep, cut)| Corruption::HalfRecord(which, keep, cut)),
        2 => (any::<Index>(), "[a-z_]{0,14}").prop_map(|(at, k)| Corruption::RenameKey(at, k)),
        1 => prop_oneof![
            Just(String::new()), Just("null".to_string()), Just("{}".to_string()),
            Just("[]".to_string()), Just("\"registry\"".to_string()), Just("{\"schema\":1}".to_string()),
        ].prop_map(Corruption::Replace),
    ]
    .boxed()
}

/// Pre-order list of paths to every node (object keys and array indices).
fn paths(value: &Value) -> Vec<Vec<PathStep>> {
    fn walk(v: &Value, here: &mut Vec<PathStep>, out: &mut Vec<Vec<PathStep>>) {
        out.push(here.clone());
        match v {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    here.push(PathStep::At(i));
                    walk(item, here, out);
                    here.pop();
                }
            }
            Value::Object(items) => {
                for (k, item) in items {
                    here.push(PathStep::Key(k.clone()));
                    walk(item, here, out);
                    here.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut Vec::new(), &mut out);
    out
}

#[derive(Debug, Clone)]
enum PathStep {
    Key(String),
    At(usize),
}

fn node_mut<'a>(value: &'a mut Value, path: &[PathStep]) -> &'a mut Value {
    path.iter().fold(value, |v, step| match step {
        PathStep::Key(k) => &mut v[k.as_str()],
        PathStep::At(i) => &mut v[*i],
    })
}

/// Applies corruptions to the stored text, each on the result of the previous one. Value-level
/// corruptions of text that no longer parses are skipped (there is no tree to damage).
fn corrupt(text: &str, corruptions: &[Corruption]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for c in corruptions {
        match c {
            Corruption::Truncate(at) => {
                let s = String::from_utf8_lossy(&bytes).into_owned();
                let cut = at.index(s.chars().count() + 1);
                bytes = s.chars().take(cut).collect::<String>().into_bytes();
            }
            Corruption::FlipBits(flips) => {
                for (at, mask) in flips {
                    if !bytes.is_empty() {
                        let i = at.index(bytes.len());
                        bytes[i] ^= mask;
                    }
                }
            }
            Corruption::Delete(at, n) => {
                let start = at.index(bytes.len() + 1);
                let end = (start + n).min(bytes.len());
                bytes.drain(start..end);
            }
            Corruption::Insert(at, extra) => {
                let i = at.index(bytes.len() + 1);
                bytes.splice(i..i, extra.iter().copied());
            }
            Corruption::Replace(text) => bytes = text.clone().into_bytes(),
            value_level => {
                let Ok(mut value) = serde_json::from_slice::<Value>(&bytes) else {
                    continue;
                };
                damage(&mut value, value_level);
                bytes = value.to_string().into_bytes();
            }
        }
    }
    // chrome.storage hands the worker JavaScript strings, which are always text.
    String::from_utf8_lossy(&bytes).into_owned()
}

fn damage(value: &mut Value, c: &Corruption) {
    match c {
        Corruption::WrongType(at, replacement) => {
            let all = paths(value);
            *node_mut(value, &all[at.index(all.len())]) = replacement.clone();
        }
        Corruption::Schema(schema) => {
            if let Value::Object(map) = value {
                match schema {
                    Some(s) => {
                        map.insert("schema".into(), s.clone());
                    }
                    None => {
                        map.remove("schema");
                    }
                }
            }
        }
        Corruption::HalfRecord(which, keep, cut) => {
            let Some(Value::Object(items)) = value.get_mut("integrations") else {
                return;
            };
            if items.is_empty() {
                return;
            }
            let id = items.keys().nth(which.index(items.len())).unwrap().clone();
            if let Value::Object(record) = &mut items[&id] {
                let keys: Vec<String> = record.keys().cloned().collect();
                for (k, key) in keys.iter().enumerate() {
                    if !keep[k % keep.len()] {
                        record.remove(key);
                    }
                }
                // The last value written is cut short.
                if let Some((_, last)) = record.iter_mut().last() {
                    match last {
                        Value::String(s) => {
                            let n = cut.index(s.chars().count() + 1);
                            *s = s.chars().take(n).collect();
                        }
                        Value::Array(a) => {
                            let n = cut.index(a.len() + 1);
                            a.truncate(n);
                        }
                        Value::Object(o) => {
                            let n = cut.index(o.len() + 1);
                            let gone: Vec<String> = o.keys().skip(n).cloned().collect();
                            for k in gone {
                                o.remove(&k);
                            }
                        }
                        _ => *last = Value::Null,
                    }
                }
            }
        }
        Corruption::RenameKey(at, new_key) => {
            let keyed: Vec<Vec<PathStep>> = paths(value)
                .into_iter()
                .filter(|p| matches!(p.last(), Some(PathStep::Key(_))))
                .collect();
            if keyed.is_empty() {
                return;
            }
            let path = &keyed[at.index(keyed.len())];
            let (last, parent) = path.split_last().unwrap();
            let PathStep::Key(old) = last else { return };
            if let Value::Object(map) = node_mut(value, parent) {
                if let Some(v) = map.remove(old) {
                    map.insert(new_key.clone(), v);
                }
            }
        }
        _ => {}
    }
}

// ------------------------------------------------------------------------------ the checks

fn in_quarantine(registry: &Registry, part: &Value) -> bool {
    registry.quarantine.iter().any(|q| holds(&q.value, part))
}

/// What happened to one corrupted registry, for the closing figures.
#[derive(Debug, Default, Clone)]
struct Tally {
    cases: usize,
    not_json: usize,
    whole_set_aside: usize,
    salvaged: usize,
    intact: usize,
    records_at_risk: usize,
    records_loaded: usize,
    records_quarantined: usize,
}

fn check(original: &Value, text: &str, tally: &mut Tally) -> Result<(), TestCaseError> {
    let parsed = serde_json::from_str::<Value>(text).ok();
    // The public API sees a value: text that is not JSON arrives as a string.
    let as_value = parsed
        .clone()
        .unwrap_or_else(|| Value::String(text.to_string()));
    let loaded = [
        ("from_json", Registry::from_json(text, NOW)),
        ("from_stored", Registry::from_stored(as_value.clone(), NOW)),
    ];
    tally.cases += 1;
    for (how, registry) in &loaded {
        // Saved and loaded again, nothing changes (and so nothing is lost on the next save).
        let saved = serde_json::to_string(registry).unwrap();
        let again = Registry::from_json(&saved, NOW + 1.0);
        prop_assert!(
            same_json(
                &serde_json::to_value(&again).unwrap(),
                &serde_json::to_value(registry).unwrap()
            ),
            "{}: a save and load changed the registry",
            how
        );
        let Some(value) = &parsed else {
            prop_assert!(
                in_quarantine(registry, &as_value),
                "{}: text that is not JSON was not kept verbatim",
                how
            );
            continue;
        };
        // Every record of the original that is still there verbatim survives.
        for (id, record) in original["integrations"].as_object().unwrap() {
            if !holds(value, record) {
                continue;
            }
            tally.records_at_risk += 1;
            let kept_loaded = registry
                .integrations
                .values()
                .any(|i| same_json(&serde_json::to_value(i).unwrap(), record));
            let kept_aside = in_quarantine(registry, record);
            prop_assert!(
                kept_loaded || kept_aside,
                "{}: record {:?} was readable and is gone",
                how,
                id
            );
            tally.records_loaded += usize::from(kept_loaded);
            tally.records_quarantined += usize::from(!kept_loaded && kept_aside);
        }
        // Every entry that reads as an integration (or org) is loaded as read, or kept verbatim;
        // on a current-schema registry it is loaded.
        let current = value.get("schema") == Some(&json!(1));
        for (map, read_ok) in [
            (
                "integrations",
                (|v: &Value| serde_json::from_value::<Integration>(v.clone()).is_ok())
                    as fn(&Value) -> bool,
            ),
            ("orgs", |v: &Value| {
                serde_json::from_value::<OrgInfo>(v.clone()).is_ok()
            }),
        ] {
            let Some(Value::Object(items)) = value.get(map) else {
                continue;
            };
            for (id, item) in items {
                let loaded = match map {
                    "integrations" => registry
                        .integrations
                        .get(id)
                        .map(|i| serde_json::to_value(i).unwrap()),
                    _ => registry
                        .orgs
                        .get(id)
                        .map(|o| serde_json::to_value(o).unwrap()),
                };
                let readable = read_ok(item);
                if readable && current {
                    prop_assert!(
                        loaded.is_some(),
                        "{}: readable {} entry {:?} not loaded",
                        how,
                        map,
                        id
                    );
                }
                prop_assert!(
                    loaded.is_some() || in_quarantine(registry, item),
                    "{}: {} entry {:?} dropped",
                    how,
                    map,
                    id
                );
            }
        }
        // Every other field of a current-schema registry (revision, settings…) is loaded when it
        // reads on its own, else kept verbatim.
        if let (true, Some(fields)) = (current, value.as_object()) {
            let loaded = serde_json::to_value(registry).unwrap();
            for (key, field) in fields {
                if matches!(
                    key.as_str(),
                    "schema" | "integrations" | "orgs" | "quarantine"
                ) {
                    continue;
                }
                let alone =
                    serde_json::from_value::<Registry>(json!({ key.clone(): field.clone() }))
                        .map(|r| serde_json::to_value(r).unwrap()[key.as_str()].clone());
                match alone {
                    // Readable on its own: loaded.
                    Ok(want) => prop_assert!(
                        same_json(&loaded[key.as_str()], &want),
                        "{}: readable field {:?} not loaded",
                        how,
                        key
                    ),
                    Err(_) => prop_assert!(
                        in_quarantine(registry, field),
                        "{}: field {:?} was dropped",
                        how,
                        key
                    ),
                }
            }
        }
        // Earlier quarantined values stay.
        for q in original["quarantine"].as_array().unwrap() {
            if holds(value, q) {
                prop_assert!(
                    registry
                        .quarantine
                        .iter()
                        .any(|mine| same_json(&serde_json::to_value(mine).unwrap(), q))
                        || in_quarantine(registry, q),
                    "{}: an earlier quarantined value was dropped",
                    how
                );
            }
        }
    }
    let registry = &loaded[0].1;
    if parsed.is_none() {
        tally.not_json += 1;
    } else if registry.quarantine.len() <= 1 && registry.integrations.is_empty() {
        tally.whole_set_aside += 1;
    } else if registry.quarantine.len() > 1 {
        tally.salvaged += 1;
    } else {
        tally.intact += 1;
    }
    Ok(())
}

#[test]
fn a_thousand_corruptions_lose_no_record() {
    let original = original();
    let text = original.to_string();
    // The undamaged registry loads as it is.
    let clean = Registry::from_json(&text, NOW);
    assert_eq!(clean.quarantine.len(), 1);
    assert_eq!(
        serde_json::to_value(&clean.integrations).unwrap(),
        original["integrations"]
    );

    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CORRUPTIONS);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let tally = RefCell::new(Tally::default());
    let result = runner.run(&vec(corruption(), 1..4), |corruptions| {
        let damaged = corrupt(&text, &corruptions);
        check(&original, &damaged, &mut tally.borrow_mut())
    });
    let tally = tally.into_inner();
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!(
        "registry corruptions survived: {} (not JSON: {}, set aside whole: {}, salvaged record by record: {}, loaded unchanged: {}); \
         readable records checked: {} (loaded {}, kept in quarantine {})",
        tally.cases,
        tally.not_json,
        tally.whole_set_aside,
        tally.salvaged,
        tally.intact,
        tally.records_at_risk,
        tally.records_loaded,
        tally.records_quarantined
    );
    assert!(tally.cases >= cases as usize);
    // The mix exercised every path (a generator change that stopped reaching one shows here).
    assert!(tally.not_json > 0 && tally.whole_set_aside > 0 && tally.salvaged > 0);
}

#[test]
fn known_corruptions() {
    let original = original();
    let text = original.to_string();
    let first_id = original["integrations"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .clone();
    let tally = RefCell::new(Tally::default());
    let mut cases: BTreeMap<&str, String> = BTreeMap::new();
    cases.insert("cut in half", text[..text.len() / 2].to_string());
    cases.insert("empty", String::new());
    cases.insert(
        "integrations renamed",
        text.replacen("\"integrations\"", "\"integrationz\"", 1),
    );
    cases.insert("schema 2", text.replacen("\"schema\":1", "\"schema\":2", 1));
    cases.insert(
        "schema as text",
        text.replacen("\"schema\":1", "\"schema\":\"1\"", 1),
    );
    let mut wrong = original.clone();
    wrong["integrations"][&first_id]["drafts"] = json!("none");
    cases.insert("one record of the wrong type", wrong.to_string());
    for (name, damaged) in &cases {
        let mut runner = TestRunner::new(Config {
            cases: 1,
            failure_persistence: None,
            ..Config::default()
        });
        runner
            .run(&Just(()), |_| {
                check(&original, damaged, &mut tally.borrow_mut())
            })
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    // One damaged record: the others load.
    let reg = Registry::from_json(&cases["one record of the wrong type"], NOW);
    assert_eq!(
        reg.integrations.len() + 1,
        original["integrations"].as_object().unwrap().len()
    );
    assert!(!reg.integrations.contains_key(&first_id));
}

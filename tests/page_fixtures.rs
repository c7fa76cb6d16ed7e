//! Data-driven tests of page understanding: each JSON file in `tests/fixtures/snapshots/` is a
//! list of cases `{name, snapshot, expect}`; one `check` runs a snapshot through `analyse` and
//! `list_rows` and compares what a user would notice (page kind, tool, which field each control
//! lands in, list rows). Invariant: every fixture file is run (an unlisted file fails the suite).

// Test helpers outside `#[test]` fns: a malformed fixture should stop the run loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use oin_helper::model::PageSnapshot;
use oin_helper::page::{analyse, list_rows, skipped_rows, Mapping, PageInfo};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Deserialize)]
struct Case {
    name: String,
    snapshot: PageSnapshot,
    expect: Map<String, Value>,
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/snapshots")
}

/// Runs every case of one fixture file; panics with every difference of every case.
fn check_file(file: &str) {
    let text = std::fs::read_to_string(dir().join(file)).unwrap();
    let cases: Vec<Case> = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert!(!cases.is_empty(), "{file} has no cases");
    let mut failures = Vec::new();
    for case in &cases {
        for diff in check(&case.snapshot, &case.expect) {
            failures.push(format!("{file} / {}: {diff}", case.name));
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

/// Where a control landed, written the way fixtures write it: `field`, `field:part`, `field#row`,
/// `field:part#row`, `hidden`, or null (visible but unmatched).
fn placement(snapshot: &PageSnapshot, mapping: &Mapping, id: u32) -> Value {
    if let Some((key, cell)) = mapping.field_of(id) {
        let mut s = key.to_string();
        if !cell.part.is_empty() {
            s.push(':');
            s.push_str(&cell.part);
        }
        if cell.row != 0 {
            s.push_str(&format!("#{}", cell.row));
        }
        return Value::String(s);
    }
    match snapshot.controls.iter().find(|c| c.id == id) {
        Some(c) if c.hidden => Value::String("hidden".into()),
        Some(_) => Value::Null,
        None => Value::String("<no such control>".into()),
    }
}

/// Section keys, sorted by name so fixtures can list them alphabetically.
fn keys<T>(set: impl IntoIterator<Item = T>, key: impl Fn(T) -> &'static str) -> Value {
    let mut names: Vec<&str> = set.into_iter().map(key).collect();
    names.sort_unstable();
    Value::Array(names.into_iter().map(|s| Value::String(s.into())).collect())
}

fn same(diffs: &mut Vec<String>, what: &str, got: Value, want: &Value) {
    if &got != want {
        diffs.push(format!("{what}: got {got}, want {want}"));
    }
}

/// Compares what the page understanding says with what the case expects; returns differences.
fn check(snapshot: &PageSnapshot, expect: &Map<String, Value>) -> Vec<String> {
    let (info, mapping): (PageInfo, Mapping) = analyse(snapshot);
    let mut diffs = Vec::new();
    for (what, want) in expect {
        match what.as_str() {
            "kind" => same(&mut diffs, what, info.kind.as_str().into(), want),
            "tool" => same(&mut diffs, what, info.tool.as_str().into(), want),
            "submission_id" => same(&mut diffs, what, info.submission_id.clone().into(), want),
            "name" => same(&mut diffs, what, info.name.clone().into(), want),
            "sections" => same(
                &mut diffs,
                what,
                keys(info.sections.iter().copied(), |s| s.key()),
                want,
            ),
            "capabilities" => same(
                &mut diffs,
                what,
                info.capabilities
                    .as_ref()
                    .map(|c| keys(c.iter().copied(), |s| s.key()))
                    .unwrap_or(Value::Null),
                want,
            ),
            "submit_buttons" => same(
                &mut diffs,
                what,
                serde_json::to_value(&info.submit_buttons).unwrap(),
                want,
            ),
            "controls" => {
                for (id, place) in want.as_object().unwrap() {
                    let got = placement(snapshot, &mapping, id.parse().unwrap());
                    same(&mut diffs, &format!("control #{id}"), got, place);
                }
            }
            "cells" => {
                for want_cell in want.as_array().unwrap() {
                    let id = want_cell["control"].as_u64().unwrap() as u32;
                    let Some((_, cell)) = mapping.field_of(id) else {
                        same(
                            &mut diffs,
                            &format!("cell of #{id}"),
                            Value::Null,
                            want_cell,
                        );
                        continue;
                    };
                    for (k, v) in want_cell.as_object().unwrap() {
                        let got = match k.as_str() {
                            "control" => continue,
                            "text" => cell.text.clone().into(),
                            "filled" => cell.filled.into(),
                            "checked" => cell.checked.into(),
                            "file" => cell.file.as_ref().map(|f| f.name.clone()).into(),
                            "image" => cell.image.as_ref().map(|i| vec![i.width, i.height]).into(),
                            "image_src" => cell.image.as_ref().map(|i| i.src.clone()).into(),
                            other => format!("<unknown cell key {other}>").into(),
                        };
                        same(&mut diffs, &format!("cell #{id} {k}"), got, v);
                    }
                }
            }
            "unmatched" => same(
                &mut diffs,
                &format!("unmatched {:?}", mapping.unmatched),
                mapping.unmatched.len().into(),
                want,
            ),
            "unmatched_contains" => {
                for needle in want.as_array().unwrap() {
                    let needle = needle.as_str().unwrap();
                    if !mapping.unmatched.iter().any(|u| u.contains(needle)) {
                        diffs.push(format!(
                            "unmatched {:?} lacks {needle:?}",
                            mapping.unmatched
                        ));
                    }
                }
            }
            "hidden" => same(&mut diffs, what, mapping.hidden.len().into(), want),
            "skipped" => same(&mut diffs, what, skipped_rows(snapshot).into(), want),
            "rows" => {
                let rows = list_rows(snapshot);
                let by_id: BTreeMap<u32, _> = rows.iter().map(|r| (r.row, r)).collect();
                let want_rows = want.as_array().unwrap();
                same(
                    &mut diffs,
                    "row count",
                    rows.len().into(),
                    &want_rows.len().into(),
                );
                for w in want_rows {
                    let id = w["row"].as_u64().unwrap() as u32;
                    let Some(r) = by_id.get(&id) else {
                        diffs.push(format!("row {id} not read"));
                        continue;
                    };
                    for (k, v) in w.as_object().unwrap() {
                        let got: Value = match k.as_str() {
                            "row" => continue,
                            "name" => r.name.clone().into(),
                            "integration" => r.integration.clone().into(),
                            "version" => r.version.clone().into(),
                            "status" => r.status.clone().into(),
                            "status_raw" => r.status_raw.clone().into(),
                            "edit_url" => r.edit_url.clone().into(),
                            other => format!("<unknown row key {other}>").into(),
                        };
                        same(&mut diffs, &format!("row {id} {k}"), got, v);
                    }
                }
            }
            other => diffs.push(format!("unknown expectation {other}")),
        }
    }
    diffs
}

/// Every fixture file, each its own test so a failure names the page it is about.
macro_rules! fixtures {
    ($($test:ident => $file:literal,)*) => {
        $(#[test] fn $test() { check_file($file); })*
        const FILES: &[&str] = &[$($file),*];
    };
}

fixtures! {
    label_variants => "label_variants.json",
    techniques => "techniques.json",
    wizard_details => "wizard_details.json",
    wizard_configure => "wizard_configure.json",
    wizard_test => "wizard_test.json",
    wizard_capabilities => "wizard_capabilities.json",
    manager_general => "manager_general.json",
    manager_saml => "manager_saml.json",
    list_wizard => "list_wizard.json",
    list_manager => "list_manager.json",
    list_support_article => "list_support_article.json",
    published_readonly => "published_readonly.json",
    other_pages => "other_pages.json",
    bad_input => "bad_input.json",
}

#[test]
fn every_fixture_file_is_run() {
    let mut on_disk: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = FILES.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "add new fixture files to the fixtures! list"
    );
}

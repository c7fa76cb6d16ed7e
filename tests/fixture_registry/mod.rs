//! The registry a user has after visiting every fixture page (drafts on several orgs, list rows,
//! a published view): built once here for the corruption tests, which damage it in storage.

use oin_helper::handler::handle;
use oin_helper::model::{PageSnapshot, Request};
use oin_helper::registry::Registry;
use serde_json::Value;
use std::path::PathBuf;

/// Every snapshot in `tests/fixtures/snapshots/`, checked in file order, one minute apart,
/// ending before `now`.
pub fn visited_fixture_pages(now: f64) -> Registry {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/snapshots");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut registry = Registry::default();
    let mut at = now - 1e9;
    for path in files {
        let cases: Vec<Value> =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for case in cases {
            let snapshot: PageSnapshot = serde_json::from_value(case["snapshot"].clone()).unwrap();
            registry = handle(registry, Request::Check { snapshot }, at).registry;
            at += 60_000.0;
        }
    }
    registry
}

//! The export file reads exactly as `serde_json::to_string_pretty` of the export writes it:
//! `board::export` writes compact text and lays it out itself (`src/json_pretty.rs`, which saves
//! the wasm module a second serializer), and the file must not change for that.

#![cfg(not(target_arch = "wasm32"))]
// Test helpers: a malformed fixture should stop the run loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixture_registry;

use fixture_registry::visited_fixture_pages;
use oin_helper::board;
use oin_helper::registry::Registry;

const NOW: f64 = 1.8e12;

#[test]
fn the_export_is_serde_jsons_pretty_text() {
    let visited = visited_fixture_pages(NOW);
    assert!(!visited.integrations.is_empty());
    let mut odd = visited.clone();
    odd.integration_mut("acme_odd_1").name = "Quote \" {braces}, [brackets]: \\ é\n".into();
    for registry in [Registry::default(), visited, odd] {
        let (_, text) = board::export(&registry, NOW);
        let expected = serde_json::to_string_pretty(&board::export_file(&registry, NOW)).unwrap();
        assert_eq!(text, expected);
    }
}

//! Fuzz target: a page snapshot through the whole worker path (recognise → map → rules →
//! completeness → handler → popup). The input is either a snapshot as JSON (the seed corpus is
//! the fixture pages of `tests/fixtures/snapshots/`) or raw bytes spread over the text fields of
//! a console-looking page, so mutations reach mapping and rules quickly. Invariant checked: no
//! panic, and the plan serialises for the content script.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oin_helper::completeness;
use oin_helper::draft::Draft;
use oin_helper::handler::handle;
use oin_helper::model::{
    Button, Control, Heading, LabelCandidates, ListRow, PageSnapshot, Request,
};
use oin_helper::page::{analyse, list_rows};
use oin_helper::registry::Registry;
use oin_helper::rules;

/// Spreads raw text over a page that looks like an OIN wizard step.
fn page_from(text: &str) -> PageSnapshot {
    let mut parts = text.split('\u{1}');
    let mut next = || parts.next().unwrap_or("").to_string();
    let url = format!(
        "https://acme-admin.okta.com/admin/oin/integrations/{}",
        next()
    );
    let mut controls = Vec::new();
    for (id, label) in [
        "Display name",
        "Description",
        "Default ACS URL",
        "Name",
        "Label",
        "Support phone",
        "Base URL",
    ]
    .into_iter()
    .enumerate()
    {
        let value = next();
        controls.push(Control {
            id: id as u32,
            tag: "input".into(),
            kind: "text".into(),
            labels: LabelCandidates {
                label: label.into(),
                heading: next(),
                ..LabelCandidates::default()
            },
            filled: !value.is_empty(),
            value,
            ..Control::default()
        });
    }
    controls.push(Control {
        id: 90,
        tag: "input".into(),
        kind: "checkbox".into(),
        labels: LabelCandidates {
            legend: next(),
            ..LabelCandidates::default()
        },
        option: next(),
        checked: Some(true),
        filled: true,
        ..Control::default()
    });
    PageSnapshot {
        url,
        title: next(),
        headings: vec![
            Heading {
                level: 1,
                text: "Add integration details".into(),
            },
            Heading {
                level: 2,
                text: next(),
            },
        ],
        buttons: vec![Button {
            id: 99,
            text: next(),
            disabled: false,
        }],
        controls,
        rows: vec![ListRow {
            id: 100,
            cells: vec![next(), next()],
            actions: vec![next()],
            links: vec![next()],
        }],
        texts: vec![next(), next()],
        user: Some(next()),
    }
}

fuzz_target!(|data: &[u8]| {
    let snapshot = match serde_json::from_slice::<PageSnapshot>(data) {
        Ok(snapshot) => snapshot,
        Err(_) => page_from(&String::from_utf8_lossy(data)),
    };
    let (info, mapping) = analyse(&snapshot);
    let _ = list_rows(&snapshot);
    let mut draft = Draft::default();
    draft.absorb(mapping.cells.clone(), &info.sections);
    let findings = rules::check(&draft);
    let score = completeness::score(&draft, &findings);
    assert!(score.complete <= 100);
    let outcome = handle(
        Registry::default(),
        Request::Check {
            snapshot: snapshot.clone(),
        },
        1.8e12,
    );
    serde_json::to_string(&outcome.response).expect("the plan serialises");
    let again = handle(
        outcome.registry,
        Request::Check { snapshot },
        1.8e12 + 1000.0,
    );
    let _ = handle(
        again.registry,
        Request::Popup { url: None },
        1.8e12 + 2000.0,
    );
});

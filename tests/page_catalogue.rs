//! Page understanding against the whole catalogue and against hostile sizes: every label the
//! catalogue knows maps back to its own field under its own section's heading, huge values and
//! labels are handled whole and quickly, and big pages and lists stay linear. Invariant: these
//! tests are generated from `catalogue::FIELDS`, so a label added there is tested here at once.

// Test helpers outside `#[test]` fns: a malformed fixture should stop the run loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use oin_helper::catalogue::{Kind, FIELDS};
use oin_helper::model::{Control, Heading, LabelCandidates, ListRow, PageSnapshot};
use oin_helper::page::{analyse, list_rows, map_controls, recognise, PageKind};

/// A control named by `label` under `heading`, shaped the way its field's kind is shown.
fn control_for(id: u32, kind: Kind, label: &str, heading: &str) -> Control {
    let mut c = Control {
        id,
        tag: "input".into(),
        kind: "text".into(),
        labels: LabelCandidates {
            label: label.into(),
            heading: heading.into(),
            ..Default::default()
        },
        value: "x".into(),
        filled: true,
        ..Default::default()
    };
    match kind {
        Kind::Choice => {
            c.kind = "checkbox".into();
            c.labels.label = "Read".into();
            c.labels.legend = label.into();
            c.option = "Read".into();
            c.checked = Some(true);
        }
        Kind::File => c.kind = "file".into(),
        Kind::Secret => {
            c.kind = "password".into();
            c.secret = true;
            c.value.clear();
        }
        Kind::Rows => c.row = Some(0),
        Kind::Text | Kind::List | Kind::Parts => {}
    }
    c
}

fn page(controls: Vec<Control>, headings: &[&str]) -> PageSnapshot {
    let mut hs = vec![Heading {
        level: 1,
        text: "Add integration details".into(),
    }];
    hs.extend(headings.iter().map(|h| Heading {
        level: 2,
        text: (*h).into(),
    }));
    PageSnapshot {
        url: "https://integrator-1234567-admin.okta.com/admin/oin/acme_x_1/edit".into(),
        headings: hs,
        controls,
        ..Default::default()
    }
}

/// Maps one page and says which field (and part) control #1 landed in.
fn check(snapshot: &PageSnapshot, expected: Option<(&str, &str)>) {
    let (info, mapping) = analyse(snapshot);
    let got = mapping.field_of(1).map(|(k, c)| (k, c.part.as_str()));
    let got = got.map(|(k, p)| (k, if p == "Read" { "" } else { p }));
    assert_eq!(
        got, expected,
        "{:?} / unmatched {:?} / {:?}",
        snapshot.controls[0].labels, mapping.unmatched, info.kind
    );
}

#[test]
fn every_catalogue_label_maps_to_its_field_under_its_section() {
    for spec in FIELDS {
        let heading = spec.section.headings()[0];
        for (label, part) in spec.labels {
            // Written the way a page shows it: capitalised, starred, with a colon.
            let shown = format!("{}{} *:", label[..1].to_uppercase(), &label[1..]);
            check(
                &page(vec![control_for(1, spec.kind, &shown, heading)], &[heading]),
                Some((spec.key, part)),
            );
        }
    }
}

#[test]
fn secrets_are_never_read_even_when_the_page_sends_a_value() {
    let mut c = control_for(1, Kind::Secret, "Test account password", "Test account");
    c.value = "hunter2".into();
    let (_, mapping) = analyse(&page(vec![c], &["Test account"]));
    let (key, cell) = mapping.field_of(1).unwrap();
    assert_eq!(key, "test.password");
    assert_eq!(cell.text, "");
    assert!(cell.filled);
}

#[test]
fn hundred_thousand_character_values_and_labels_are_kept_or_clipped_without_harm() {
    let long = "é".repeat(100_000);
    let mut value = control_for(1, Kind::Text, "Description", "OIN catalog properties");
    value.value = long.clone();
    let mut label = control_for(
        2,
        Kind::Text,
        &format!("Display name {long}"),
        "OIN catalog properties",
    );
    label.value = "Strawberry Central".into();
    let (info, mapping) = analyse(&page(vec![value, label], &["OIN catalog properties"]));
    assert_eq!(
        mapping.field_of(1).map(|(_, c)| c.text.chars().count()),
        Some(100_000)
    );
    assert_eq!(
        mapping.field_of(2).map(|(k, _)| k),
        Some("catalog.display_name")
    );
    assert_eq!(info.name.as_deref(), Some("Strawberry Central"));
}

#[test]
fn a_two_thousand_control_page_maps_every_labelled_control() {
    let mut controls = Vec::new();
    let mut id = 0;
    while controls.len() < 2_000 {
        for spec in FIELDS {
            let heading = spec.section.headings()[0];
            for (label, _) in spec.labels {
                id += 1;
                let mut c = control_for(id, spec.kind, label, heading);
                c.row = Some(id);
                controls.push(c);
                id += 1;
                // An unlabelled neighbour with only a long placeholder: the slow path.
                let mut u = control_for(id, Kind::Text, "", heading);
                u.labels.placeholder =
                    "e.g. https://example.com/some/very/long/path/that/names/nothing".into();
                u.labels.name = "fieldWithAVeryLongGeneratedIdentifierName".into();
                controls.push(u);
            }
        }
    }
    controls.truncate(2_000);
    let snapshot = page(
        controls,
        &[
            "OIN catalog properties",
            "SAML properties",
            "Testing information",
        ],
    );
    let info = recognise(&snapshot);
    assert_eq!(info.kind, PageKind::Form);
    // How fast this is, is measured by `make bench` (page mapping growth), not asserted here.
    let mapping = map_controls(&snapshot, &info);
    assert!(mapping.cells.len() > 20);
    assert!(
        mapping.unmatched.len() >= 900,
        "unlabelled neighbours are reported, not guessed"
    );
}

#[test]
fn a_hundred_thousand_row_list_is_read_whole() {
    let rows: Vec<ListRow> = (0..100_000)
        .map(|i| ListRow {
            id: i,
            cells: vec![
                format!("Integration {i}"),
                "DRAFT Jan 6, 2026".into(),
                "CURRENT VERSION".into(),
            ],
            actions: vec!["Edit".into()],
            links: vec![format!("/admin/oin/integrations/acme_app{i}_1/edit")],
        })
        .collect();
    let snapshot = PageSnapshot {
        headings: vec![Heading {
            level: 1,
            text: "Your OIN Integrations".into(),
        }],
        rows,
        ..Default::default()
    };
    assert_eq!(recognise(&snapshot).kind, PageKind::List);
    let read = list_rows(&snapshot);
    assert_eq!(read.len(), 100_000);
    assert_eq!(read[99_999].integration, "acme_app99999_1");
    assert_eq!(read[0].status, "draft");
}

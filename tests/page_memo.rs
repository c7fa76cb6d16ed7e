//! `page::memo`: a page checked again with only its values changed (typing) reuses the last
//! structural analysis, and the result is exactly a fresh `analyse` of the new snapshot; a page
//! whose structure changed in anything is analysed afresh. Run over every snapshot fixture and
//! every real form the benchmark captured.

// Test helpers outside `#[test]` fns: a malformed fixture should stop the run loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use oin_helper::model::{FileMeta, PageSnapshot};
use oin_helper::page::{analyse, memo};
use serde::Deserialize;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[derive(Deserialize)]
struct Case {
    snapshot: PageSnapshot,
}

#[derive(Deserialize)]
struct Forms {
    forms: Vec<Form>,
}

#[derive(Deserialize)]
struct Form {
    snapshot: PageSnapshot,
}

/// Every snapshot of `tests/fixtures/snapshots/` and of `benches/fixtures/forms.json`.
fn snapshots() -> Vec<PageSnapshot> {
    let mut out = Vec::new();
    let dir = root().join("tests/fixtures/snapshots");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in files {
        let cases: Vec<Case> = serde_json::from_str(&std::fs::read_to_string(&file).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        out.extend(cases.into_iter().map(|c| c.snapshot));
    }
    let forms: Forms = serde_json::from_str(
        &std::fs::read_to_string(root().join("benches/fixtures/forms.json")).unwrap(),
    )
    .unwrap();
    out.extend(forms.forms.into_iter().map(|f| f.snapshot));
    assert!(out.len() > 50, "fixtures not found: {}", out.len());
    out
}

/// Values a user may type or pick, awkward ones included.
const VALUES: &[&str] = &[
    "",
    "   ",
    "Acme Blueberry",
    "https://acme.example.com/sso/saml",
    "http://insecure.example.com",
    "${org.subdomain}.example.com/{app.undefined}",
    "Select…",
    "שלום עולם",
    "e\u{301}\u{301}",
    "support@acme.example.com",
];

/// `snapshot` with every control's value, filled, checked, file and preview changed (the
/// `round`-th variant): what typing and clicking change, and nothing else.
fn values_changed(snapshot: &PageSnapshot, round: usize) -> PageSnapshot {
    let mut out = snapshot.clone();
    for (i, c) in out.controls.iter_mut().enumerate() {
        let value = VALUES[(i + round) % VALUES.len()];
        c.value = value.to_string();
        c.filled = !value.trim().is_empty();
        if let Some(checked) = c.checked {
            c.checked = Some(checked != (round % 2 == 1));
        }
        c.file = (round % 3 == 1).then(|| FileMeta {
            name: "logo.png".into(),
            size: 1234,
            mime: "image/png".into(),
            head: vec![0x89, b'P', b'N', b'G'],
        });
        if round % 3 == 2 {
            c.preview = None;
        }
    }
    out
}

fn assert_same_as_fresh(snapshot: &PageSnapshot, what: &str) -> memo::Fresh {
    let (got, fresh) = memo::analyse(snapshot);
    assert_eq!(got, analyse(snapshot), "{what}");
    fresh
}

#[test]
fn a_page_with_only_its_values_changed_reuses_the_analysis_and_gets_the_same_result() {
    let mut reused = 0;
    for (n, snapshot) in snapshots().into_iter().enumerate() {
        let fresh = assert_same_as_fresh(&snapshot, &format!("snapshot {n}"));
        memo::keep(snapshot.clone(), fresh);
        for round in 0..6 {
            let typed = values_changed(&snapshot, round);
            let fresh = assert_same_as_fresh(&typed, &format!("snapshot {n}, values {round}"));
            assert!(
                fresh.reused(),
                "snapshot {n}, values {round}: analysed afresh"
            );
            reused += 1;
            memo::keep(typed, fresh);
        }
    }
    assert!(reused > 300, "{reused}");
}

/// Structural changes, each of which must make the page be analysed afresh.
fn structure_changes(snapshot: &PageSnapshot) -> Vec<(&'static str, PageSnapshot)> {
    let mut out = Vec::new();
    let mut push = |what, change: &dyn Fn(&mut PageSnapshot)| {
        let mut s = snapshot.clone();
        change(&mut s);
        if &s != snapshot {
            out.push((what, s));
        }
    };
    push("a label", &|s| {
        if let Some(c) = s.controls.first_mut() {
            c.labels.label = "Display name".into();
        }
    });
    push("an aria-label", &|s| {
        if let Some(c) = s.controls.last_mut() {
            c.labels.aria_label.push_str(" (required)");
        }
    });
    push("a heading above a control", &|s| {
        if let Some(c) = s.controls.first_mut() {
            c.labels.heading = "SCIM properties".into();
        }
    });
    push("a control hidden", &|s| {
        if let Some(c) = s.controls.first_mut() {
            c.hidden = !c.hidden;
        }
    });
    push("a control's kind", &|s| {
        if let Some(c) = s.controls.first_mut() {
            c.kind = if c.kind == "checkbox" {
                "radio"
            } else {
                "checkbox"
            }
            .into();
            c.checked = Some(true);
        }
    });
    push("a row number", &|s| {
        if let Some(c) = s.controls.last_mut() {
            c.row = Some(c.row.unwrap_or(0) + 1);
        }
    });
    push("a control more", &|s| {
        if let Some(c) = s.controls.first().cloned() {
            s.controls.push(c);
        }
    });
    push("a heading", &|s| {
        s.headings.push(oin_helper::model::Heading {
            level: 2,
            text: "Read only".into(),
        })
    });
    push("a status text", &|s| {
        s.texts.push("This integration is read only".into())
    });
    push("a button", &|s| {
        s.buttons.push(oin_helper::model::Button {
            id: 999,
            text: "Submit integration".into(),
            disabled: false,
        })
    });
    push("the URL", &|s| s.url.push_str("?step=2"));
    push("the title", &|s| {
        s.title = "Okta Integration Network".into()
    });
    out
}

#[test]
fn a_page_whose_structure_changed_is_analysed_afresh_and_gets_the_same_result() {
    let mut afresh = 0;
    for (n, snapshot) in snapshots().into_iter().enumerate() {
        for (what, changed) in structure_changes(&snapshot) {
            let fresh = assert_same_as_fresh(&snapshot, &format!("snapshot {n}"));
            memo::keep(snapshot.clone(), fresh);
            let fresh = assert_same_as_fresh(&changed, &format!("snapshot {n}, {what}"));
            assert!(
                !fresh.reused(),
                "snapshot {n}: {what} reused the old analysis"
            );
            afresh += 1;
            memo::keep(changed, fresh);
        }
    }
    assert!(afresh > 300, "{afresh}");
}

#[test]
fn a_changed_catalogue_is_not_answered_with_texts_worded_from_the_old_one() {
    let snapshot = snapshots()
        .into_iter()
        .find(|s| !analyse(s).1.unmatched.is_empty())
        .expect("a page with unmatched controls");
    let (_, fresh) = memo::analyse(&snapshot);
    memo::keep(snapshot.clone(), fresh);
    let pseudo = r#"{"diagnostics_unlabelled": {"message": "PSEUDO $1 $2"},
                    "diagnostics_ambiguous": {"message": "PSEUDO $1 $2"},
                    "diagnostics_out_of_section": {"message": "PSEUDO $1 $2"},
                    "diagnostics_duplicate": {"message": "PSEUDO $1 $2 $3"}}"#;
    oin_helper::i18n::with_catalogue(pseudo, || {
        let (got, fresh) = memo::analyse(&snapshot);
        assert!(!fresh.reused());
        assert_eq!(got, analyse(&snapshot));
    });
}

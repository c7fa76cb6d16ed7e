//! Shared helpers of the rule tests: build a draft from a few cells and compare the findings of
//! one field with expected lines (`severity rule[@part#row]: message`), rust-analyzer style.
//! Invariant: tests go through the public `rules::check`, exactly as the product does.
#![allow(dead_code)]

use oin_helper::draft::Draft;
use oin_helper::model::{Cell, Finding};
use oin_helper::rules;

/// A draft with the given capabilities and fields.
pub fn draft(caps: &[&str], fields: Vec<(&str, Vec<Cell>)>) -> Draft {
    let mut d = Draft::default();
    for c in caps {
        d.capabilities.insert(c.to_string());
    }
    for (k, cells) in fields {
        d.cells.insert(k.to_string(), cells);
    }
    d
}

/// One finding as a line.
pub fn line(f: &Finding) -> String {
    let at = match f.row {
        Some(r) => format!("@{}#{}", f.part, r),
        None => String::new(),
    };
    format!("{} {}{}: {}", f.severity.as_str(), f.rule, at, f.message)
}

/// The findings of one field as lines.
pub fn lines(d: &Draft, key: &str) -> Vec<String> {
    rules::check(d)
        .iter()
        .filter(|f| f.field == key)
        .map(line)
        .collect()
}

/// Asserts the findings of `key` in `d` are exactly `expected`.
pub fn check(d: &Draft, key: &str, expected: &[&str]) {
    let got = lines(d, key);
    assert_eq!(got, expected, "field {key}, draft {:?}", d.cells.get(key));
}

/// A plain text field holding `value`, checked with the given capabilities.
pub fn check_text(caps: &[&str], key: &str, value: &str, expected: &[&str]) {
    check(
        &draft(caps, vec![(key, vec![Cell::text("", 0, value)])]),
        key,
        expected,
    );
}

/// Runs `check_text` over a table of (value, expected) rows.
pub fn table(caps: &[&str], key: &str, rows: &[(&str, &[&str])]) {
    for (value, expected) in rows {
        check_text(caps, key, value, expected);
    }
}

/// Cells of repeated rows: each row is a list of (part, text).
pub fn rows(rows: &[&[(&str, &str)]]) -> Vec<Cell> {
    let mut out = Vec::new();
    for (r, cells) in rows.iter().enumerate() {
        for (part, text) in cells.iter() {
            out.push(Cell::text(part, r as u32, text));
        }
    }
    out
}

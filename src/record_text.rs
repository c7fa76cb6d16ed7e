//! The JSON text of an integration record as `layout::writes` stores it, made without
//! serialising the draft fields that did not change since the last save. Invariant: the text is
//! byte for byte `serde_json::to_string(record)`; anything that does not fit the shape this
//! relies on is serialised whole instead.
//!
//! Why: a keystroke changes one field of one draft, but its record (every field every wizard
//! step showed, ~8 KB) was serialised whole on every save, the largest part of a save. Cells
//! hold no floats, so two lists of cells are equal exactly when their texts are: a field whose
//! cells equal the ones last written reuses the text written then.

use crate::model::Cell;
use crate::registry::Integration;

/// Where each draft's cells sit in the record's text once they are taken out: the `cells` of an
/// empty `Draft`. Only a key followed by `:` can read `"cells":` (inside a JSON string every `"`
/// is escaped), and only the drafts' `cells` are maps under that key, so the holes are the
/// drafts', in the order the drafts are serialised (their map's order).
const HOLE: &str = "\"cells\":{}";

/// The texts last written of each draft field of one record: per org host, per field key, the
/// cells and their JSON text, both in the order the record serialises them (plain vectors walked
/// side by side with the record's maps: less code in the wasm than maps of maps).
pub type CellTexts = Vec<(String, Vec<FieldText>)>;

/// One field's key, its cells and its entry's JSON text (`"key":[…]`: the key is serialised
/// with the cells, so an unchanged field costs a copy, not a serialisation of its key).
pub type FieldText = (String, Vec<Cell>, String);

/// `serde_json::to_string(record)`, reusing the texts in `cache` of the fields whose cells did
/// not change; `cache` is left holding exactly this record's fields.
pub fn record_text(record: &mut Integration, cache: &mut CellTexts) -> String {
    let taken: Vec<_> = record
        .drafts
        .values_mut()
        .map(|version| std::mem::take(&mut version.draft.cells))
        .collect();
    let shell = serde_json::to_string(record).unwrap_or_default();
    for (version, cells) in record.drafts.values_mut().zip(taken) {
        version.draft.cells = cells;
    }
    let holes: Vec<usize> = shell.match_indices(HOLE).map(|(at, _)| at).collect();
    if holes.len() != record.drafts.len() {
        cache.clear();
        return serde_json::to_string(record).unwrap_or_default();
    }
    let mut previous = std::mem::take(cache).into_iter().peekable();
    let mut text = String::with_capacity(shell.len() * 4);
    let mut from = 0;
    for (at, (org, version)) in holes.into_iter().zip(&record.drafts) {
        text.push_str(&shell[from..at]);
        text.push_str("\"cells\":{");
        // Both are in key order: skip the orgs (and below, the fields) no longer there.
        while previous.next_if(|(o, _)| o < org).is_some() {}
        let known = previous.next_if(|(o, _)| o == org).map(|(_, f)| f);
        let mut known = known.unwrap_or_default().into_iter().peekable();
        let mut kept = Vec::with_capacity(version.draft.cells.len());
        for (n, (key, cells)) in version.draft.cells.iter().enumerate() {
            if n > 0 {
                text.push(',');
            }
            while known.next_if(|(k, _, _)| k < key).is_some() {}
            let field = match known.next_if(|(k, _, _)| k == key) {
                Some(field) if field.1 == *cells => field,
                _ => {
                    let mut entry = serde_json::to_string(key).unwrap_or_default();
                    entry.push(':');
                    entry.push_str(&serde_json::to_string(cells).unwrap_or_default());
                    (key.clone(), cells.clone(), entry)
                }
            };
            text.push_str(&field.2);
            kept.push(field);
        }
        text.push('}');
        cache.push((org.clone(), kept));
        from = at + HOLE.len();
    }
    text.push_str(&shell[from..]);
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{InProgress, Published};

    fn record() -> Integration {
        let mut i = Integration {
            id: "acme_a_1".into(),
            name: "Acme \"cells\":{} é".into(),
            ..Integration::default()
        };
        for org in ["a.okta.com", "b.okta.com"] {
            let mut v = InProgress {
                org: org.into(),
                status: "draft".into(),
                last_seen: 1.5,
                ..InProgress::default()
            };
            v.draft.cells.insert(
                "catalog.display_name".into(),
                vec![Cell::text("", 0, "Acme \"x\"\u{1}")],
            );
            v.draft
                .cells
                .insert("cells".into(), vec![Cell::choice("cells", true)]);
            v.draft
                .cells
                .insert("tenant.variables".into(), vec![Cell::text("name", 1, "x")]);
            i.drafts.insert(org.into(), v);
        }
        i
    }

    #[test]
    fn the_text_is_the_record_serialised_whatever_the_cache_holds() {
        let mut cache = CellTexts::new();
        let mut r = record();
        let expect = |r: &Integration| serde_json::to_string(r).unwrap();
        assert_eq!(record_text(&mut r, &mut cache), expect(&r));
        assert_eq!(cache.len(), 2);
        // One field changed, one added, one removed, a draft gone: still the same text.
        let v = r.drafts.get_mut("a.okta.com").unwrap();
        v.draft.cells.get_mut("catalog.display_name").unwrap()[0].text = "Acme 2".into();
        v.draft
            .cells
            .insert("catalog.description".into(), vec![Cell::text("", 0, "d")]);
        v.draft.cells.remove("cells");
        r.drafts.remove("b.okta.com");
        assert_eq!(record_text(&mut r, &mut cache), expect(&r));
        assert_eq!(cache.len(), 1, "only this record's drafts are kept");
        assert_eq!(cache[0].0, "a.okta.com");
        assert_eq!(cache[0].1.len(), 3);
        // Empty drafts, no drafts, a published snapshot holding a "cells" key.
        r.drafts.get_mut("a.okta.com").unwrap().draft.cells.clear();
        r.published = Some(Published {
            snapshot: [("cells".to_string(), Vec::new())].into(),
            ..Published::default()
        });
        assert_eq!(record_text(&mut r, &mut cache), expect(&r));
        r.drafts.clear();
        assert_eq!(record_text(&mut r, &mut cache), expect(&r));
        // A string holding the hole's text is escaped there, so it makes no hole.
        let mut odd = record();
        odd.drafts.get_mut("a.okta.com").unwrap().org = "\"cells\":{}".into();
        assert_eq!(record_text(&mut odd, &mut cache), expect(&odd));
    }
}

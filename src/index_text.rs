//! The popup index's JSON text as `layout::writes` stores it, reusing the texts of the rows that
//! did not change since the last save. Invariant: the text is byte for byte
//! `serde_json::to_string(index)`; an index whose text does not start the way this relies on is
//! serialised whole instead.
//!
//! Why: any change to one board row (a draft's errors or completeness while the user types, its
//! name) rewrites the index, whose text is every row of every tracked draft (~700 bytes a row):
//! with 200 drafts, serialising it was three quarters of such a keystroke's save. A row equal to
//! the one last written (its only float compared by bits, so equal rows serialise alike) reuses
//! the text written then.

use crate::board::PopupIndex;
use crate::model::DraftView;

/// The text of `index`, reusing `texts` (the row texts of `previous`, the index last written,
/// in its order) for the rows that did not change; `texts` is left holding `index`'s row texts.
pub fn index_text(
    index: &mut PopupIndex,
    previous: Option<&PopupIndex>,
    texts: &mut Vec<String>,
) -> String {
    let rows = std::mem::take(&mut index.drafts);
    let shell = serde_json::to_string(&*index).unwrap_or_default();
    index.drafts = rows;
    // `{"schema":1,"drafts":[]…`: the rows go between the brackets.
    let open = shell
        .find("\"drafts\":[]")
        .map(|at| at + "\"drafts\":[".len())
        .filter(|&open| {
            shell.get(..open).is_some_and(|head| {
                head.strip_prefix("{\"schema\":")
                    .and_then(|h| h.strip_suffix(",\"drafts\":["))
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            })
        });
    let Some(open) = open else {
        texts.clear();
        return serde_json::to_string(&*index).unwrap_or_default();
    };
    let mut old: Vec<String> = std::mem::take(texts);
    let before = previous
        .map(|p| p.drafts.as_slice())
        .filter(|d| d.len() == old.len())
        .unwrap_or(&[]);
    let mut fresh = Vec::with_capacity(index.drafts.len());
    for (i, row) in index.drafts.iter().enumerate() {
        let same = position(before, i, row)
            .filter(|&j| {
                before
                    .get(j)
                    .is_some_and(|b| b == row && b.last_seen.to_bits() == row.last_seen.to_bits())
            })
            .and_then(|j| old.get_mut(j))
            .map(std::mem::take)
            .filter(|text| !text.is_empty());
        fresh.push(same.unwrap_or_else(|| serde_json::to_string(row).unwrap_or_default()));
    }
    let rows_len: usize = fresh.iter().map(|t| t.len() + 1).sum();
    let mut text = String::with_capacity(shell.len() + rows_len);
    text.push_str(shell.get(..open).unwrap_or(""));
    for (n, row) in fresh.iter().enumerate() {
        if n > 0 {
            text.push(',');
        }
        text.push_str(row);
    }
    text.push_str(shell.get(open..).unwrap_or(""));
    *texts = fresh;
    text
}

/// Where the row of `row`'s draft was in `before`, looked for at `i` and beside it first: rows
/// keep their order but for a draft seen again, which goes first among its org's, moving the
/// rows between it and its old place by one.
fn position(before: &[DraftView], i: usize, row: &DraftView) -> Option<usize> {
    let same = |j: &usize| {
        before
            .get(*j)
            .is_some_and(|b| b.integration == row.integration && b.org == row.org)
    };
    [i, i.wrapping_sub(1), i + 1]
        .into_iter()
        .find(same)
        .or_else(|| (0..before.len()).find(same))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, org: &str, errors: u32) -> DraftView {
        DraftView {
            integration: id.into(),
            name: format!("Name \"{id}\" é"),
            org: org.into(),
            errors,
            last_seen: 1.5,
            claims: vec!["a.okta.com".into()],
            ..DraftView::default()
        }
    }

    #[test]
    fn the_text_is_the_index_serialised_whatever_the_cache_holds() {
        let expect = |i: &PopupIndex| serde_json::to_string(i).unwrap();
        let mut texts = Vec::new();
        let mut index = PopupIndex {
            schema: 1,
            drafts: vec![row("a_1", "x", 0), row("b_1", "x", 1), row("b_1", "y", 2)],
            notice: "\"drafts\":[]".into(),
            ..PopupIndex::default()
        };
        assert_eq!(index_text(&mut index, None, &mut texts), expect(&index));
        assert_eq!(texts.len(), 3);
        // One row changed, one moved, one added; a -0.0 that equals 0.0 but reads otherwise.
        let previous = index.clone();
        index.drafts[1].errors = 5;
        index.drafts.swap(0, 2);
        index.drafts.push(row("c_1", "x", 0));
        index.drafts[0].last_seen = -0.0;
        let mut zero = previous.clone();
        zero.drafts[2].last_seen = 0.0;
        let mut t = texts.clone();
        assert_eq!(index_text(&mut index, Some(&zero), &mut t), expect(&index));
        assert_eq!(
            index_text(&mut index, Some(&previous), &mut texts),
            expect(&index)
        );
        // A cache that does not belong to the previous index, no rows, no previous.
        let previous = index.clone();
        texts.pop();
        assert_eq!(
            index_text(&mut index, Some(&previous), &mut texts),
            expect(&index)
        );
        index.drafts.clear();
        assert_eq!(
            index_text(&mut index, Some(&previous), &mut texts),
            expect(&index)
        );
        assert_eq!(index_text(&mut index, None, &mut texts), expect(&index));
    }
}

//! The structural half of the last page's analysis, kept for the next check. While the user
//! types, each check's page differs from the one before only in its controls' values, so the
//! page's kind, its tool and which control shows which field (`recognise::structure`: keying
//! every heading, text, button and label and looking them up in the catalogue, ~40% of a
//! check's `handle`) come out the same: they are reused, and only the values are read again
//! (`recognise::with_values`). A page whose structure differs in anything (a heading, a text, a
//! button, a label, a control's kind, option, row, hidden or disabled flag, or the catalogue
//! the diagnostics are worded from) is analysed afresh. The result is the same either way:
//! `tests/page_memo.rs` compares it with a fresh analysis.

use super::mapping::{Mapping, Plan};
use super::recognise::{structure, with_values, PageInfo};
use crate::i18n;
use crate::model::{Control, PageSnapshot};
use std::cell::RefCell;

/// The last page analysed afresh, with the structural half of its analysis.
struct Last {
    snapshot: PageSnapshot,
    info: PageInfo,
    plan: Plan,
    catalogue: u64,
}

thread_local! {
    static LAST: RefCell<Option<Last>> = const { RefCell::new(None) };
}

/// A structural analysis made by [`analyse`], for [`keep`] (nothing when one was reused).
#[derive(Default)]
pub struct Fresh(Option<(PageInfo, Plan, u64)>);

impl Fresh {
    /// Whether [`analyse`] reused the kept analysis (made none afresh).
    pub fn reused(&self) -> bool {
        self.0.is_none()
    }
}

/// `recognise::analyse` of `snapshot`, reusing the last page's structural analysis when
/// `snapshot` has the same structure. Hand the snapshot and the [`Fresh`] to [`keep`] after.
pub fn analyse(snapshot: &PageSnapshot) -> ((PageInfo, Mapping), Fresh) {
    let catalogue = i18n::catalogue_generation();
    let reused = LAST.with(|last| {
        let last = last.borrow();
        let last = last
            .as_ref()
            .filter(|l| l.catalogue == catalogue && same_structure(&l.snapshot, snapshot))?;
        Some(with_values(last.info.clone(), &last.plan, snapshot))
    });
    if let Some(analysed) = reused {
        return (analysed, Fresh(None));
    }
    let (info, plan) = structure(snapshot);
    let analysed = with_values(info.clone(), &plan, snapshot);
    (analysed, Fresh(Some((info, plan, catalogue))))
}

/// Keeps `snapshot` and its structural analysis for the next check, when [`analyse`] made one
/// afresh (else the one kept already has the same structure).
pub fn keep(snapshot: PageSnapshot, fresh: Fresh) {
    let Some((info, plan, catalogue)) = fresh.0 else {
        return;
    };
    let last = Last {
        snapshot,
        info,
        plan,
        catalogue,
    };
    LAST.with(|l| *l.borrow_mut() = Some(last));
}

/// Drops the kept analysis: the next page is analysed afresh (benchmarks of a first check).
pub fn forget() {
    LAST.with(|l| l.borrow_mut().take());
}

/// Whether two snapshots differ at most in their controls' values (value, filled, checked,
/// file, preview): everything `recognise::structure` reads is compared.
pub fn same_structure(a: &PageSnapshot, b: &PageSnapshot) -> bool {
    a.url == b.url
        && a.title == b.title
        && a.user == b.user
        && a.headings == b.headings
        && a.buttons == b.buttons
        && a.texts == b.texts
        && a.rows == b.rows
        && a.controls.len() == b.controls.len()
        && a.controls
            .iter()
            .zip(&b.controls)
            .all(|(x, y)| same_control(x, y))
}

fn same_control(a: &Control, b: &Control) -> bool {
    a.id == b.id
        && a.tag == b.tag
        && a.kind == b.kind
        && a.secret == b.secret
        && a.checked.is_some() == b.checked.is_some()
        && a.option == b.option
        && a.hidden == b.hidden
        && a.disabled == b.disabled
        && a.row == b.row
        && a.labels == b.labels
}

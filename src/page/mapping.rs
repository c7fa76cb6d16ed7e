//! Maps the controls of a page to catalogue fields by their accessible name, the way a screen
//! reader names them. Invariant: one pass over the controls with a prebuilt label index (linear
//! in the page); a control is mapped only when its name says which field it is — an unnamed,
//! ambiguous or duplicate control is reported in `unmatched`, never guessed; secrets' values are
//! never read.

use super::labels::{self, Context, Entry, Hit, Index, Source};
use super::recognise::PageInfo;
use crate::catalogue::{Kind, FIELDS};
use crate::image;
use crate::model::{Cell, Control, ImageMeta, PageSnapshot};
use crate::section_set::SectionSet;
use labels::FxMap;
use std::collections::BTreeMap;

/// The result of mapping one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mapping {
    /// Field key → cells shown on this page (each carrying its control handle).
    pub cells: BTreeMap<String, Vec<Cell>>,
    /// (field key, label that matched) for the diagnostics panel, one per field found.
    pub found: Vec<(String, String)>,
    /// Best label of every visible control that matched no field, with a short note when it was
    /// named but could not be placed (ambiguous, duplicate, outside its section).
    pub unmatched: Vec<String>,
    /// Best label of every hidden control (skipped: nothing on screen to mark).
    pub hidden: Vec<String>,
}

impl Mapping {
    /// The field key and cell a control was mapped to, if any (tests and the planner).
    pub fn field_of(&self, control: u32) -> Option<(&str, &Cell)> {
        self.cells.iter().find_map(|(key, cells)| {
            cells
                .iter()
                .find(|c| c.control == Some(control))
                .map(|c| (key.as_str(), c))
        })
    }
}

/// Maps the controls of a page.
pub fn map_controls(snapshot: &PageSnapshot, info: &PageInfo) -> Mapping {
    map_with(snapshot, Index::shared(), &info.sections)
}

/// Why a named control was not mapped.
enum Miss {
    /// Nothing in its names matched.
    Nothing,
    /// Its label names several fields and nothing on screen says which.
    Ambiguous(Vec<&'static str>),
    /// A generic label ("Name") under a section that has no field of that name.
    OutOfSection,
}

/// Maps with a prebuilt index and the sections on screen (shared with `recognise`).
pub(crate) fn map_with(snapshot: &PageSnapshot, index: &Index, on_screen: &SectionSet) -> Mapping {
    plan_with(snapshot, index, on_screen).fill(snapshot)
}

/// A control's place in the mapping: everything its cell needs but the control's value.
#[derive(Debug, Clone)]
struct Placed {
    /// Index of the control in the snapshot.
    control: usize,
    key: &'static str,
    kind: Kind,
    part: &'static str,
    choice: bool,
    matched: String,
    row: u32,
}

/// What mapping decides from a page's structure alone (labels, headings, kinds, options, rows,
/// hidden flags), before any value is read: which control shows which field, and the
/// diagnostics. Two snapshots that differ only in their controls' values, as while typing, get
/// the same plan (see `page::memo`); [`Plan::fill`] reads the values.
#[derive(Debug, Clone, Default)]
pub(crate) struct Plan {
    placed: Vec<Placed>,
    found: Vec<(String, String)>,
    unmatched: Vec<String>,
    hidden: Vec<String>,
}

impl Plan {
    /// (field key, label that matched), one per field found.
    pub(crate) fn found(&self) -> &[(String, String)] {
        &self.found
    }

    /// The mapping of `snapshot`, whose structure this plan was made from: each placed
    /// control's cell built from its current value.
    pub(crate) fn fill(&self, snapshot: &PageSnapshot) -> Mapping {
        Mapping {
            cells: self.cells(snapshot),
            found: self.found.clone(),
            unmatched: self.unmatched.clone(),
            hidden: self.hidden.clone(),
        }
    }

    /// [`Plan::fill`] for a plan not needed afterwards: its diagnostics move, not copied.
    pub(crate) fn into_mapping(self, snapshot: &PageSnapshot) -> Mapping {
        Mapping {
            cells: self.cells(snapshot),
            found: self.found,
            unmatched: self.unmatched,
            hidden: self.hidden,
        }
    }

    fn cells(&self, snapshot: &PageSnapshot) -> BTreeMap<String, Vec<Cell>> {
        let mut cells: BTreeMap<String, Vec<Cell>> = BTreeMap::new();
        for placed in &self.placed {
            let Some(control) = snapshot.controls.get(placed.control) else {
                continue;
            };
            let mut cell = build_cell(
                control,
                placed.kind,
                placed.part,
                placed.choice,
                &placed.matched,
            );
            cell.row = placed.row;
            cells.entry(placed.key.to_string()).or_default().push(cell);
        }
        cells
    }
}

/// Decides where each control of `snapshot` goes, from its structure alone (see [`Plan`]).
pub(crate) fn plan_with(snapshot: &PageSnapshot, index: &Index, on_screen: &SectionSet) -> Plan {
    let mut out = Plan::default();
    // Many controls share one heading or legend: resolve each distinct text once.
    let mut contexts: FxMap<&str, Context> = FxMap::default();
    let mut taken: FxMap<(usize, String, u32), u32> = FxMap::default();
    let mut list_next: FxMap<usize, u32> = FxMap::default();
    // Fields already listed in `out.found`, by catalogue index (a flag per field: cheaper than a
    // set, and no B-tree set of `usize` in the wasm module).
    let mut found = vec![false; FIELDS.len()];
    let mut memo = Memo::new();

    for (position, control) in snapshot.controls.iter().enumerate() {
        if control.hidden {
            out.hidden.push(labels::best_hint(control));
            continue;
        }
        let choice = is_choice(control);
        if choice && is_capability_option(control, index) {
            // The capabilities step's checkboxes are read by `recognise`, not catalogue fields.
            continue;
        }
        let heading = context_of(&mut contexts, index, &control.labels.heading);
        let ctx = if choice {
            heading
        } else {
            let legend = context_of(&mut contexts, index, &control.labels.legend);
            Context {
                section: legend.section.or(heading.section),
                field: legend.field.or(heading.field),
            }
        };
        let (entry, matched) = match resolve(control, choice, ctx, index, on_screen, &mut memo) {
            Ok(hit) => hit,
            Err(miss) => {
                out.unmatched.push(describe_miss(control, &miss));
                continue;
            }
        };
        let Some(spec) = FIELDS.get(entry.field) else {
            continue;
        };
        let row = match (spec.kind, control.row) {
            (_, Some(row)) => row,
            // Several inputs of one list without row marks: one entry each, in page order.
            (Kind::List, None) => {
                let next = list_next.entry(entry.field).or_insert(0);
                *next += 1;
                *next - 1
            }
            _ => 0,
        };
        let slot = (
            entry.field,
            cell_part(control, spec.kind, entry.part, choice, &matched).to_string(),
            row,
        );
        if let Some(first) = taken.get(&slot) {
            out.unmatched.push(crate::i18n::t(
                "diagnostics_duplicate",
                &[&labels::best_hint(control), spec.key, &first.to_string()],
            ));
            continue;
        }
        taken.insert(slot, control.id);
        let first_found = found
            .get_mut(entry.field)
            .is_some_and(|seen| !std::mem::replace(seen, true));
        if first_found {
            out.found.push((
                spec.key.to_string(),
                labels::clip(matched.trim(), 80).to_string(),
            ));
        }
        out.placed.push(Placed {
            control: position,
            key: spec.key,
            kind: spec.kind,
            part: entry.part,
            choice,
            matched,
            row,
        });
    }
    out
}

fn context_of<'a>(cache: &mut FxMap<&'a str, Context>, index: &Index, text: &'a str) -> Context {
    if text.trim().is_empty() {
        return Context::default();
    }
    *cache.entry(text).or_insert_with(|| index.context(text))
}

fn is_choice(control: &Control) -> bool {
    control.kind.eq_ignore_ascii_case("checkbox")
        || control.kind.eq_ignore_ascii_case("radio")
        || control.checked.is_some() && !control.tag.eq_ignore_ascii_case("select")
}

fn is_capability_option(control: &Control, index: &Index) -> bool {
    let option = if control.option.trim().is_empty() {
        &control.labels.label
    } else {
        &control.option
    };
    if labels::capability_of(option).is_none() {
        return false;
    }
    // Only when the group is the capabilities one (or has no name at all): a "SAML" option
    // inside a named catalogue group belongs to that field.
    let group = if control.labels.legend.trim().is_empty() {
        &control.labels.heading
    } else {
        &control.labels.legend
    };
    labels::with_match_key(group, |key| key.contains("capabilit"))
        || index.lookup(group, true).is_none()
}

/// Comparison keys and catalogue hits of the label texts seen so far on this page: repeated
/// rows repeat their labels, so each distinct text is keyed and looked up once.
struct Memo<'s, 'i> {
    slots: labels::FxMap<(&'s str, bool), usize>,
    done: Vec<(String, Option<Hit<'i>>)>,
}

impl<'s, 'i> Memo<'s, 'i> {
    fn new() -> Self {
        Memo {
            slots: labels::FxMap::default(),
            done: Vec::new(),
        }
    }

    fn get(
        &mut self,
        index: &'i Index,
        text: &'s str,
        identifier: bool,
    ) -> &(String, Option<Hit<'i>>) {
        let slot = match self.slots.get(&(text, identifier)) {
            Some(&slot) => slot,
            None => {
                let key = if identifier {
                    labels::identifier_key(text)
                } else {
                    labels::match_key(text)
                };
                let hit = index.lookup_key(&key, true);
                self.done.push((key, hit));
                self.slots.insert((text, identifier), self.done.len() - 1);
                self.done.len() - 1
            }
        };
        &self.done[slot]
    }
}

/// Finds the field a control names: its label sources in rank order, each tried against the
/// field its heading names first, then the whole catalogue.
fn resolve<'s, 'i>(
    control: &'s Control,
    choice: bool,
    ctx: Context,
    index: &'i Index,
    on_screen: &SectionSet,
    memo: &mut Memo<'s, 'i>,
) -> Result<(Entry, String), Miss> {
    let mut miss = Miss::Nothing;
    for (text, source) in labels::ranked(&control.labels, choice) {
        let identifier = source == Source::Identifier;
        let (key, hit) = memo.get(index, text, identifier);
        if let (Some(field), false) = (ctx.field, identifier) {
            if let Some(part) = index.part_in_field(field, key) {
                return Ok((Entry { field, part }, text.to_string()));
            }
        }
        let Some(hit) = hit else {
            continue;
        };
        if hit.generic && !hit.exact && ctx.section.is_none() {
            // "… Name" with nothing on screen saying whose name: not a guess worth making.
            continue;
        }
        match choose(hit.entries, hit.generic, ctx, control.row, on_screen) {
            Ok(entry) => return Ok((entry, text.to_string())),
            Err(m) => {
                if matches!(miss, Miss::Nothing) {
                    miss = m;
                }
            }
        }
    }
    // An unnamed input under a heading that names a list ("Redirect URIs" with one box per URI).
    if let Some(field) = ctx.field {
        if FIELDS.get(field).map(|f| f.kind) == Some(Kind::List) && matches!(miss, Miss::Nothing) {
            return Ok((Entry { field, part: "" }, control.labels.heading.clone()));
        }
    }
    Err(miss)
}

/// Picks one field among those a label names: the field its heading names, else its section,
/// else row-ness (a repeated row vs a single box), else the sections on screen.
fn choose(
    entries: &[Entry],
    generic: bool,
    ctx: Context,
    row: Option<u32>,
    on_screen: &SectionSet,
) -> Result<Entry, Miss> {
    if let Some(f) = ctx.field {
        if let Some(e) = entries.iter().find(|e| e.field == f) {
            return Ok(*e);
        }
    }
    let section_of = |e: &Entry| FIELDS.get(e.field).map(|f| f.section);
    let mut pool: Vec<Entry> = entries.to_vec();
    if let Some(s) = ctx.section {
        let inside: Vec<Entry> = pool
            .iter()
            .copied()
            .filter(|e| section_of(e) == Some(s))
            .collect();
        if !inside.is_empty() {
            pool = inside;
        } else if generic {
            return Err(Miss::OutOfSection);
        }
    }
    if pool.len() > 1 {
        let want_rows = row.is_some();
        let by_row: Vec<Entry> = pool
            .iter()
            .copied()
            .filter(|e| (FIELDS.get(e.field).map(|f| f.kind) == Some(Kind::Rows)) == want_rows)
            .collect();
        if !by_row.is_empty() {
            pool = by_row;
        }
    }
    if pool.len() > 1 && ctx.section.is_none() {
        let shown: Vec<Entry> = pool
            .iter()
            .copied()
            .filter(|e| section_of(e).is_some_and(|s| on_screen.contains(&s)))
            .collect();
        if !shown.is_empty() {
            pool = shown;
        }
    }
    match pool.as_slice() {
        [only] => Ok(*only),
        [first, rest @ ..] if rest.iter().all(|e| e.field == first.field) => Ok(*first),
        _ => Err(Miss::Ambiguous(
            pool.iter()
                .filter_map(|e| FIELDS.get(e.field).map(|f| f.key))
                .collect(),
        )),
    }
}

fn describe_miss(control: &Control, miss: &Miss) -> String {
    let hint = labels::best_hint(control);
    match miss {
        Miss::Nothing => hint,
        Miss::Ambiguous(keys) => {
            crate::i18n::t("diagnostics_ambiguous", &[&hint, &keys.join(", ")])
        }
        Miss::OutOfSection => crate::i18n::t(
            "diagnostics_out_of_section",
            &[&hint, labels::clip(control.labels.heading.trim(), 60)],
        ),
    }
}

/// Whether a control's value is a secret: only whether it holds anything is ever read.
fn is_secret(control: &Control, kind: Kind, part: &str) -> bool {
    control.secret
        || control.kind.eq_ignore_ascii_case("password")
        || kind == Kind::Secret
        || part == "secret"
}

fn is_file(control: &Control, kind: Kind) -> bool {
    kind == Kind::File || control.kind.eq_ignore_ascii_case("file")
}

/// The part a control's cell fills: the catalogue's part, or for a choice its option's text.
/// Structure only (labels and options), never the value.
fn cell_part<'a>(
    control: &'a Control,
    kind: Kind,
    part: &'a str,
    choice: bool,
    matched: &'a str,
) -> &'a str {
    if !choice || is_secret(control, kind, part) || is_file(control, kind) {
        return part;
    }
    if !control.option.trim().is_empty() {
        control.option.trim()
    } else if !control.labels.label.trim().is_empty() {
        control.labels.label.trim()
    } else {
        matched.trim()
    }
}

/// Builds the cell a control shows, reading only what the field may read.
fn build_cell(control: &Control, kind: Kind, part: &str, choice: bool, matched: &str) -> Cell {
    let mut cell = Cell {
        control: Some(control.id),
        part: cell_part(control, kind, part, choice, matched).to_string(),
        ..Cell::default()
    };
    if is_secret(control, kind, part) {
        // Only whether it holds anything: the value is never read, stored or shown.
        cell.filled = control.filled;
        return cell;
    }
    if is_file(control, kind) {
        cell.file = control.file.clone();
        cell.image = control.file.as_ref().and_then(|f| {
            image::dimensions(&f.head).map(|(_, width, height)| ImageMeta {
                width,
                height,
                src: format!("file:{}", f.name),
                alt: String::new(),
            })
        });
        if cell.image.is_none() {
            cell.image = control.preview.clone();
        }
        cell.text = control
            .file
            .as_ref()
            .map(|f| f.name.clone())
            .unwrap_or_default();
        cell.filled = control.filled || control.file.is_some() || control.preview.is_some();
        return cell;
    }
    if choice {
        cell.checked = Some(control.checked.unwrap_or(false));
        cell.filled = cell.checked == Some(true);
        return cell;
    }
    let placeholder_option =
        control.tag.eq_ignore_ascii_case("select") && is_placeholder_option(&control.value);
    if !placeholder_option {
        cell.text = control.value.clone();
    }
    cell.filled = !cell.text.trim().is_empty();
    cell
}

/// "Select…", "-- Choose --": a select showing its prompt holds nothing.
fn is_placeholder_option(value: &str) -> bool {
    labels::with_match_key(value, |key| {
        key.is_empty()
            || key.starts_with("select")
            || key.starts_with("choose")
            || key == "none selected"
    })
}

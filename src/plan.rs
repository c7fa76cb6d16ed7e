//! Turns findings, completeness and the page mapping into the `RenderPlan` the content script
//! paints. Invariant: pure; every control handle in the plan comes from this page's snapshot.

use crate::catalogue::{self, Section, SECTIONS};
use crate::completeness::Score;
use crate::draft::Draft;
use crate::model::{
    Cell, DiagnosticsView, DockWords, Finding, GuardView, Marker, SectionView, Severity,
    SummaryItem, SummaryView,
};
use crate::page::{Mapping, PageInfo};
use crate::strings;

/// The control a finding should be shown next to, when its field is on this page.
pub fn control_for(finding: &Finding, mapping: &Mapping) -> Option<u32> {
    let cells: &[Cell] = mapping.cells.get(&finding.field)?;
    let exact = cells.iter().find(|c| {
        (finding.part.is_empty() || c.part == finding.part)
            && finding.row.is_none_or(|r| c.row == r)
    });
    exact.or_else(|| cells.first()).and_then(|c| c.control)
}

/// One summary / guard line for a finding.
pub fn item(finding: &Finding, mapping: &Mapping) -> SummaryItem {
    SummaryItem {
        field: finding.field.clone(),
        rule: finding.rule.clone(),
        severity: finding.severity.as_str().to_string(),
        message: finding.message.clone(),
        control: control_for(finding, mapping),
    }
}

/// Inline markers for the findings whose field is on this page.
pub fn markers(findings: &[Finding], mapping: &Mapping) -> Vec<Marker> {
    findings
        .iter()
        .filter_map(|f| {
            Some(Marker {
                control: control_for(f, mapping)?,
                field: f.field.clone(),
                rule: f.rule.clone(),
                severity: f.severity.as_str().to_string(),
                message: f.message.clone(),
            })
        })
        .collect()
}

fn section_of(finding: &Finding) -> Option<Section> {
    catalogue::field(&finding.field).map(|f| f.section)
}

/// The summary panel: overall figures, then findings grouped by section (submission-level
/// findings first, since they matter most).
pub fn summary(score: &Score, findings: &[Finding], mapping: &Mapping) -> SummaryView {
    let mut sections = Vec::new();
    // Each finding's section, looked up once (not once per section listed).
    let placed: Vec<(Option<Section>, &Finding)> =
        findings.iter().map(|f| (section_of(f), f)).collect();
    let submission: Vec<SummaryItem> = placed
        .iter()
        .filter(|(s, _)| s.is_none())
        .map(|(_, f)| item(f, mapping))
        .collect();
    if !submission.is_empty() {
        sections.push(SectionView {
            key: "submission".into(),
            title: strings::SUBMISSION_SECTION.into(),
            complete: score.complete,
            counts: String::new(),
            items: submission,
        });
    }
    let mut headlines = Headlines::default();
    for s in &score.sections {
        let items = placed
            .iter()
            .filter(|(section, _)| *section == Some(s.section))
            .map(|(_, f)| item(f, mapping))
            .collect();
        sections.push(SectionView {
            key: s.section.key().into(),
            title: s.section.title().into(),
            complete: s.complete,
            counts: headlines.get(s.complete, s.errors, s.warnings, s.unknown),
            items,
        });
    }
    SummaryView {
        title: strings::SUMMARY_TITLE.into(),
        complete: score.complete,
        errors: score.errors,
        warnings: score.warnings,
        unknown: score.unknown,
        headline: headlines.get(score.complete, score.errors, score.warnings, score.unknown),
        sections,
    }
}

/// The headlines of one summary, each distinct one worded once: most sections of a draft read
/// alike ("100% complete · 0 errors · 0 warnings"), and wording one takes several catalogue
/// lookups and substitutions.
#[derive(Default)]
struct Headlines(Vec<((u8, u32, u32, u32), String)>);

impl Headlines {
    fn get(&mut self, complete: u8, errors: u32, warnings: u32, unknown: u32) -> String {
        let figures = (complete, errors, warnings, unknown);
        if let Some((_, text)) = self.0.iter().find(|(f, _)| *f == figures) {
            return text.clone();
        }
        let text = strings::headline(complete, errors, warnings, unknown);
        self.0.push((figures, text.clone()));
        text
    }
}

/// The submit guard, present whenever the page has a submit button; it holds the click only
/// while `blocking` is not empty.
pub fn guard(info: &PageInfo, findings: &[Finding], mapping: &Mapping) -> Option<GuardView> {
    if info.submit_buttons.is_empty() {
        return None;
    }
    let blocking: Vec<SummaryItem> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| item(f, mapping))
        .collect();
    Some(GuardView {
        buttons: info.submit_buttons.clone(),
        title: strings::GUARD_TITLE.into(),
        intro: strings::guard_intro(blocking.len() as u32),
        blocking,
        submit_anyway: strings::SUBMIT_ANYWAY.into(),
        go_back: strings::GO_BACK.into(),
    })
}

/// The diagnostics panel: fields found, applicable fields of the sections on screen that were
/// not found, and controls that matched nothing.
pub fn diagnostics(info: &PageInfo, mapping: &Mapping, draft: &Draft) -> DiagnosticsView {
    let found = mapping
        .found
        .iter()
        .map(|(key, label)| {
            // `format!("{key} ← \"{label}\"")`, without the formatting machinery (one line
            // per field found, every check).
            let mut line = String::with_capacity(key.len() + label.len() + 7);
            line.push_str(key);
            line.push_str(" ← \"");
            line.push_str(label);
            line.push('"');
            line
        })
        .collect();
    let missing = SECTIONS
        .iter()
        .filter(|s| info.sections.contains(s) && draft.applies(**s))
        .flat_map(|s| catalogue::fields_of(*s))
        .filter(|f| !mapping.cells.contains_key(f.key) && expected(draft, f))
        .map(|f| f.key.to_string())
        .collect();
    let hidden = mapping
        .hidden
        .iter()
        .map(|h| strings::diagnostics_hidden(h));
    DiagnosticsView {
        title: strings::DIAGNOSTICS_TITLE.into(),
        found,
        missing,
        unmatched: mapping.unmatched.iter().cloned().chain(hidden).collect(),
        headings: diagnostics_headings(),
    }
}

/// Headings of the diagnostics panel's three lists.
pub fn diagnostics_headings() -> [String; 3] {
    strings::DIAGNOSTICS_HEADINGS.map(String::from)
}

/// The summary dock's own words (title without a summary, toggle labels).
pub fn dock_words() -> DockWords {
    DockWords {
        title: strings::EXT_NAME.into(),
        show: strings::DOCK_SHOW.into(),
        hide: strings::DOCK_HIDE.into(),
    }
}

/// Whether a field should be on screen when its section is: unconditional fields always, and
/// conditional ones (OAuth 2 endpoints, SP flow fields, Runscope links…) only while their
/// condition holds, since the console hides them otherwise.
fn expected(draft: &Draft, spec: &catalogue::FieldSpec) -> bool {
    use catalogue::Need;
    matches!(
        spec.need,
        Need::Always | Need::Optional | Need::AtLeastOne | Need::RowCells
    ) || crate::rules::required_now(draft, spec)
}

/// Toolbar badge: the error count, empty when there is none.
pub fn badge(errors: u32) -> String {
    if errors == 0 {
        String::new()
    } else {
        errors.to_string()
    }
}

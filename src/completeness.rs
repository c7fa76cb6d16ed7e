//! Completeness ("the 100%"): per section and overall, counting only required fields and
//! error-severity findings; a required field never seen is unknown, not missing. Invariant:
//! warnings and info never lower a percentage, and 100 means nothing is unknown and no field has
//! an error.
//!
//! Units: every applicable field that is required now (`rules::required_now`, conditions
//! included) plus every applicable field with an error finding. A unit is satisfied when its
//! field was seen and has no error finding. Percentage = floor(100 × satisfied / units), 100
//! when there are no units.

use crate::catalogue::{Section, FIELDS, SECTIONS};
use crate::draft::Draft;
use crate::model::{Finding, Severity};
use crate::rules;

/// Completeness of one section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionScore {
    /// The section.
    pub section: Section,
    /// 0–100.
    pub complete: u8,
    /// Error findings in the section.
    pub errors: u32,
    /// Warning findings.
    pub warnings: u32,
    /// Applicable required fields not seen yet.
    pub unknown: u32,
}

/// Completeness of a whole draft.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Score {
    /// 0–100 over all applicable sections.
    pub complete: u8,
    /// Errors.
    pub errors: u32,
    /// Warnings.
    pub warnings: u32,
    /// Unknown fields.
    pub unknown: u32,
    /// Applicable sections in catalogue order.
    pub sections: Vec<SectionScore>,
}

fn percent(satisfied: u32, units: u32) -> u8 {
    if units == 0 {
        100
    } else {
        // satisfied ≤ units, so the result is at most 100 and fits in u8.
        u8::try_from(u64::from(satisfied) * 100 / u64::from(units)).unwrap_or(100)
    }
}

/// (errors, warnings) per catalogue field (same order as `FIELDS`), counted in one pass over
/// the findings rather than once per field and severity.
fn counts(findings: &[Finding]) -> Vec<(u32, u32)> {
    let mut out = vec![(0u32, 0u32); FIELDS.len()];
    for f in findings {
        let Some(entry) = FIELDS
            .iter()
            .position(|spec| spec.key == f.field)
            .and_then(|i| out.get_mut(i))
        else {
            continue;
        };
        match f.severity {
            Severity::Error => entry.0 = entry.0.saturating_add(1),
            Severity::Warning => entry.1 = entry.1.saturating_add(1),
            Severity::Info => {}
        }
    }
    out
}

/// Scores a draft given its findings.
pub fn score(draft: &Draft, findings: &[Finding]) -> Score {
    let mut total = Score::default();
    let (mut units, mut satisfied) = (0u32, 0u32);
    let counted = counts(findings);
    for section in SECTIONS {
        if !draft.applies(section) {
            continue;
        }
        let mut s = SectionScore {
            section,
            complete: 100,
            errors: 0,
            warnings: 0,
            unknown: 0,
        };
        let (mut s_units, mut s_sat) = (0u32, 0u32);
        let of_section = FIELDS
            .iter()
            .zip(&counted)
            .filter(|(f, _)| f.section == section);
        for (spec, &(errors, warnings)) in of_section {
            let required = rules::required_now(draft, spec);
            let seen = draft.seen(spec.key);
            if required || errors > 0 {
                s_units += 1;
                if seen && errors == 0 {
                    s_sat += 1;
                }
            }
            if required && !seen {
                s.unknown += 1;
            }
            s.errors += errors;
            s.warnings += warnings;
        }
        s.complete = percent(s_sat, s_units);
        units += s_units;
        satisfied += s_sat;
        total.errors += s.errors;
        total.warnings += s.warnings;
        total.unknown += s.unknown;
        total.sections.push(s);
    }
    total.count_submission(findings);
    total.complete = percent(satisfied, units);
    total
}

impl Score {
    /// Counts the submission-level findings among `findings` (org mismatch, personal email,
    /// stale tests…) in the overall totals, so the badge and the submit guard see them; they
    /// count in no section and not in the percentage: the percentage measures the form's fields,
    /// and an org mismatch cannot be fixed by editing the form (the banner and the guard carry
    /// it instead). So a draft scored on its field findings and then given its submission
    /// findings here scores exactly as on both at once, without a second pass over the fields.
    pub fn count_submission(&mut self, findings: &[Finding]) {
        for f in findings
            .iter()
            .filter(|f| f.field.starts_with("submission."))
        {
            match f.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => {}
            }
        }
    }
}

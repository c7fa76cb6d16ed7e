//! The words of the helper's own UI (titles, buttons, headlines, the popup's lines), named in
//! one place beside `messages.rs` (finding messages); the text itself is in the catalogue
//! (`extension/_locales/<lang>/messages.json`, through [`crate::i18n`]). Invariant: no page
//! text is ever interpolated into markup; these are plain strings painted with `textContent`,
//! and no sentence is written in Rust.

use crate::i18n::{t, Text};

/// Summary panel title.
pub const SUMMARY_TITLE: Text = Text("summary_title");
/// Submit guard title.
pub const GUARD_TITLE: Text = Text("guard_title");
/// Submit guard action that lets the click through.
pub const SUBMIT_ANYWAY: Text = Text("guard_submit_anyway");
/// Submit guard action that cancels.
pub const GO_BACK: Text = Text("guard_go_back");
/// Diagnostics panel title.
pub const DIAGNOSTICS_TITLE: Text = Text("diagnostics_title");
/// Headings of the diagnostics panel's lists: found, expected but not found, not matched.
pub const DIAGNOSTICS_HEADINGS: [Text; 3] = [
    Text("diagnostics_found"),
    Text("diagnostics_missing"),
    Text("diagnostics_unmatched"),
];
/// The extension's name (the summary dock's title when it shows no summary).
pub const EXT_NAME: Text = Text("ext_name");
/// The summary dock's toggle while collapsed.
pub const DOCK_SHOW: Text = Text("content_show");
/// The summary dock's toggle while open.
pub const DOCK_HIDE: Text = Text("content_hide");
/// Popup note when the active tab is not an Okta admin page.
pub const NOT_OKTA: Text = Text("popup_not_okta");
/// Popup empty state.
pub const NO_DRAFTS: Text = Text("popup_no_drafts");
/// Summary section of submission-level findings (org, tests).
pub const SUBMISSION_SECTION: Text = Text("section_submission");

/// Thousands separators for counts shown to people ("1,043"); one implementation, in `messages`.
pub fn count(n: usize) -> String {
    crate::messages::thousands(n as u64)
}

/// "1 error" / "2 errors": `one` when `n` is 1, else `other`; both get the count as `$1`.
pub fn plural(n: u32, one: Text, other: Text) -> String {
    let key = if n == 1 { one } else { other };
    t(key.key(), &[&count(n as usize)])
}

/// The summary headline.
pub fn headline(complete: u8, errors: u32, warnings: u32, unknown: u32) -> String {
    let percent = complete.to_string();
    let errors = plural(errors, Text("count_errors_one"), Text("count_errors_other"));
    let warnings = plural(
        warnings,
        Text("count_warnings_one"),
        Text("count_warnings_other"),
    );
    if unknown > 0 {
        let unknown = count(unknown as usize);
        t(
            "headline_unknown",
            &[&percent, &errors, &warnings, &unknown],
        )
    } else {
        t("headline", &[&percent, &errors, &warnings])
    }
}

/// The submit guard's introduction.
pub fn guard_intro(errors: u32) -> String {
    let problems = plural(
        errors,
        Text("count_problems_one"),
        Text("count_problems_other"),
    );
    t("guard_intro", &[&problems])
}

/// Popup line naming the signed-in org.
pub fn current_org(host: &str, id: &str) -> String {
    if id.is_empty() {
        t("popup_current_org", &[host])
    } else {
        t("popup_current_org_id", &[host, id])
    }
}

/// The org banner's paragraphs.
pub fn org_banner(submitter: &str, current: &str) -> Vec<String> {
    vec![
        t("banner_wrong_org", &[submitter, current]),
        t("banner_rule", &[]),
        t("banner_migration", &[]),
    ]
}

/// The org banner's action.
pub fn open_submitter(submitter_host: &str) -> String {
    t("banner_open_submitter", &[submitter_host])
}

/// "just now", "5 min ago", "3 days ago", for a duration in milliseconds (the popup's "seen").
pub fn ago(ms: f64) -> String {
    let minutes = (ms / 60_000.0).max(0.0) as u64;
    match minutes {
        0 => t("ago_just_now", &[]),
        1..=59 => t("ago_minutes", &[&minutes.to_string()]),
        60..=1439 => t("ago_hours", &[&(minutes / 60).to_string()]),
        1440..=2879 => t("ago_days_one", &[&(minutes / 1440).to_string()]),
        _ => t("ago_days", &[&(minutes / 1440).to_string()]),
    }
}

/// A hidden control in the diagnostics: "Client secret (hidden)".
pub fn diagnostics_hidden(label: &str) -> String {
    t("diagnostics_hidden", &[label])
}

/// The list page's diagnostics: rows read, rows skipped (when any), and how the submissions
/// API answered (`api`: `ok`, `refused`, anything else = not asked; `capped` after `pages`).
pub fn list_diagnostics(
    rows: usize,
    skipped: usize,
    api: &str,
    capped: bool,
    pages: u32,
) -> (Vec<String>, Vec<String>) {
    let api_note = match api {
        "ok" if capped => t("diagnostics_api_capped", &[&pages.to_string()]),
        "ok" => t("diagnostics_api_ok", &[]),
        "refused" => t("diagnostics_api_refused", &[]),
        _ => t("diagnostics_api_not_asked", &[]),
    };
    let found = vec![t("diagnostics_list_rows", &[&rows.to_string()]), api_note];
    let unmatched = if skipped > 0 {
        vec![t("diagnostics_rows_skipped", &[&skipped.to_string()])]
    } else {
        Vec::new()
    };
    (found, unmatched)
}

/// A "What changed" line for a field: `kind` is `added`, `removed` or `changed`
/// (`diff::ChangeKind::as_str`); another word is shown as it is.
pub fn change_field(name: &str, kind: &str) -> String {
    let kind = match kind {
        "added" => t("change_added", &[]),
        "removed" => t("change_removed", &[]),
        "changed" => t("change_changed", &[]),
        other => other.to_string(),
    };
    t("change_field", &[name, &kind])
}

/// A "What changed" line for a removed or renamed tenant variable.
pub fn change_variable_removed(name: &str) -> String {
    t("change_variable_removed", &[name])
}

/// A "What changed" line for an added tenant variable.
pub fn change_variable_added(name: &str) -> String {
    t("change_variable_added", &[name])
}

/// The "What changed" line saying only catalog fields changed.
pub fn change_catalog_only() -> String {
    t("change_catalog_only", &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_get_thousands_separators() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1043), "1,043");
        assert_eq!(count(1234567), "1,234,567");
    }

    #[test]
    fn headline_reads_naturally() {
        assert_eq!(
            headline(78, 1, 0, 3),
            "78% complete · 1 error · 0 warnings · 3 not checked yet"
        );
        assert_eq!(
            headline(100, 0, 2, 0),
            "100% complete · 0 errors · 2 warnings"
        );
    }

    #[test]
    fn one_day_is_singular() {
        let day = 24.0 * 3600.0 * 1000.0;
        assert_eq!(ago(day + 1.0), "1 day ago");
        assert_eq!(ago(2.0 * day), "2 days ago");
        assert_eq!(ago(90.0 * 60_000.0), "1 h ago");
    }
}

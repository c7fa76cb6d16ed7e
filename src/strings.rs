//! The words of the helper's own UI (titles, buttons, headlines), in one place beside
//! `messages.rs` (finding messages) so both can be translated together. Invariant: no page
//! text is ever interpolated into markup; these are plain strings painted with `textContent`.

/// Summary panel title.
pub const SUMMARY_TITLE: &str = "OIN Helper: draft check";
/// Submit guard title.
pub const GUARD_TITLE: &str = "Submit with problems left?";
/// Submit guard action that lets the click through.
pub const SUBMIT_ANYWAY: &str = "Submit anyway";
/// Submit guard action that cancels.
pub const GO_BACK: &str = "Go back and fix";
/// Diagnostics panel title.
pub const DIAGNOSTICS_TITLE: &str = "Diagnostics: what OIN Helper recognised on this page";
/// Popup note when the active tab is not an Okta admin page.
pub const NOT_OKTA: &str = "This tab is not an Okta Admin Console page.";
/// Popup empty state.
pub const NO_DRAFTS: &str = "No in-progress versions tracked yet. Open Applications > Your OIN Integrations in your Integrator org, then Update or Edit an integration: OIN Helper will list it here.";

/// Thousands separators for counts shown to people ("1,043"); one implementation, in `messages`.
pub fn count(n: usize) -> String {
    crate::messages::thousands(n as u64)
}

/// "1 error" / "2 errors".
pub fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", count(n as usize))
    }
}

/// The summary headline.
pub fn headline(complete: u8, errors: u32, warnings: u32, unknown: u32) -> String {
    let mut parts = vec![format!("{complete}% complete")];
    parts.push(plural(errors, "error", "errors"));
    parts.push(plural(warnings, "warning", "warnings"));
    if unknown > 0 {
        parts.push(format!("{} not checked yet", count(unknown as usize)));
    }
    parts.join(" · ")
}

/// The submit guard's introduction.
pub fn guard_intro(errors: u32) -> String {
    format!(
        "OIN Helper found {} that Okta's reviewers would send back. Submitting now is likely to cost a review round trip.",
        plural(errors, "problem", "problems")
    )
}

/// Popup line naming the signed-in org.
pub fn current_org(host: &str, id: &str) -> String {
    if id.is_empty() {
        format!("Signed-in org: {host}")
    } else {
        format!("Signed-in org: {host} ({id})")
    }
}

/// The org banner's paragraphs.
pub fn org_banner(submitter: &str, current: &str) -> Vec<String> {
    vec![
        format!("Wrong org: this integration was originally submitted from {submitter}. You are signed in to {current}."),
        "Okta's rule: an update must come from the same Integrator org that made the original submission; otherwise the OIN team rejects it.".to_string(),
        "To move the integration to this org instead, email developers@okta.com with the subject \"ISV - App Migration\".".to_string(),
    ]
}

/// The org banner's action.
pub fn open_submitter(submitter_host: &str) -> String {
    format!("Open this page in {submitter_host}")
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
}

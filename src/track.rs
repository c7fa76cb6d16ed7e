//! Tracking versions (pure): what a list row or a submissions API answer says about an
//! integration's published and in-progress versions, folded into the registry. Invariant: a
//! sighting only adds or refreshes; it never removes a version or a submitter claim, and an edit
//! URL is only ever stored when it points at the same org's own admin host.

use crate::completeness;
use crate::org::{self, OrgRef, Site};
use crate::page::list::{classify_status, RowInfo};
use crate::registry::{InProgress, Integration, Published, Registry};
use crate::signals;
use crate::submissions::{self, Submission};
use crate::submitter;

/// The normalised status of a free-text status; unknown statuses are kept verbatim.
pub fn normalise_status(raw: &str) -> String {
    match classify_status(raw) {
        Some((status, _)) => status.to_string(),
        None => raw.trim().to_string(),
    }
}

/// Whether `url` is a page of `org_host`'s own Admin Console (or the OIN Manager).
pub fn own_page(url: &str, org_host: &str) -> bool {
    match org::site(url) {
        Site::Admin { org_host: host } => host == org_host,
        Site::Manager => true,
        _ => false,
    }
}

fn draft_on<'a>(integration: &'a mut Integration, org_host: &str) -> &'a mut InProgress {
    integration
        .drafts
        .entry(org_host.to_string())
        .or_insert_with(|| InProgress {
            org: org_host.to_string(),
            status: "draft".into(),
            ..InProgress::default()
        })
}

/// Folds one list row into its integration.
pub fn record_row(integration: &mut Integration, row: &RowInfo, current: &OrgRef, now: f64) {
    if integration.name.is_empty() || row.version == "published" {
        integration.name = row.name.clone();
    }
    if row.version == "published" {
        submitter::record(integration, current, submitter::LIST_PAGE, now);
        let published = integration.published.get_or_insert_with(Published::default);
        published.status = row.status.clone();
        if published.seen_at == 0.0 || now - published.seen_at >= crate::handler::LAST_SEEN_STEP_MS
        {
            published.seen_at = now;
        }
        return;
    }
    let version = draft_on(integration, &current.host);
    version.status = row.status.clone();
    if version.last_seen == 0.0 || now - version.last_seen >= crate::handler::LAST_SEEN_STEP_MS {
        version.last_seen = now;
    }
    if let Some(url) = row
        .edit_url
        .as_deref()
        .filter(|u| own_page(u, &current.host))
    {
        version.edit_url = url.to_string();
    }
}

/// Folds one submission from the API into the registry: the published version and its
/// submitter org, or the in-progress version with completeness computed from the API's fields
/// (fields seen on pages are fresher and are kept).
pub fn merge_submission(registry: &mut Registry, current: &OrgRef, s: &Submission, now: f64) {
    if s.id.trim().is_empty() {
        return;
    }
    let settings = registry.settings.clone();
    let integration = registry.integration_mut(&s.id);
    if !s.name.trim().is_empty() {
        integration.name = s.name.trim().to_string();
    }
    let status = normalise_status(&s.status);
    if status == "published" {
        submitter::record(integration, current, submitter::LIST_PAGE, now);
        let published = integration.published.get_or_insert_with(Published::default);
        published.status = status;
        published.last_published = s.last_published.clone().unwrap_or_default();
        published.seen_at = now;
        if published.snapshot.is_empty() {
            published.snapshot = submissions::cells(s);
        }
        return;
    }
    if s.last_published.is_some() {
        // An in-progress version of a published integration: it was submitted from this org.
        submitter::record(integration, current, submitter::LIST_PAGE, now);
        integration
            .published
            .get_or_insert_with(Published::default)
            .last_published = s.last_published.clone().unwrap_or_default();
    }
    let version = draft_on(integration, &current.host);
    version.status = status;
    for (key, cells) in submissions::cells(s) {
        version.draft.cells.entry(key).or_insert(cells);
    }
    if version.draft.capabilities.is_empty() {
        version.draft.capabilities = submissions::capabilities(s);
    }
    if version.last_seen == 0.0 {
        version.last_seen = signals::iso_to_ms(&s.last_updated).unwrap_or(now);
    }
    let findings = settings.apply(crate::rules::check(&version.draft));
    let score = completeness::score(&version.draft, &findings);
    version.complete = score.complete;
    version.errors = score.errors;
    version.findings = findings
        .into_iter()
        .filter(|f| f.field.starts_with("submission."))
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::submissions::parse_page;

    fn org(host: &str) -> OrgRef {
        OrgRef {
            host: host.into(),
            id: String::new(),
        }
    }

    fn row(version: &str, status: &str, edit: Option<&str>) -> RowInfo {
        RowInfo {
            row: 1,
            integration: "acme_x_1".into(),
            name: "Acme X".into(),
            version: version.into(),
            status_raw: status.into(),
            status: normalise_status(status),
            edit_url: edit.map(str::to_string),
        }
    }

    #[test]
    fn statuses_normalise_and_unknown_ones_stay_verbatim() {
        for (raw, want) in [
            ("Draft", "draft"),
            ("Draft—ISV new", "draft"),
            ("OIN to review", "in-review"),
            ("To be QA tested by Okta", "in-review"),
            ("Final Review", "in-review"),
            ("ISV to review", "changes-requested"),
            ("ISV needs to fix bugs", "changes-requested"),
            ("Published", "published"),
            ("Complete", "published"),
            ("Waiting for the moon", "Waiting for the moon"),
        ] {
            assert_eq!(normalise_status(raw), want, "{raw}");
        }
    }

    #[test]
    fn list_rows_record_versions_and_only_same_org_edit_urls() {
        let a = org("a.okta.com");
        let mut i = Integration::default();
        record_row(&mut i, &row("published", "Published", None), &a, 1.0);
        assert_eq!(i.submitters.len(), 1);
        record_row(
            &mut i,
            &row(
                "in-progress",
                "Draft",
                Some("https://a-admin.okta.com/x/edit"),
            ),
            &a,
            2.0,
        );
        assert_eq!(
            i.drafts["a.okta.com"].edit_url,
            "https://a-admin.okta.com/x/edit"
        );
        record_row(
            &mut i,
            &row(
                "in-progress",
                "ISV to review",
                Some("https://evil.com/edit"),
            ),
            &a,
            3.0,
        );
        assert_eq!(
            i.drafts["a.okta.com"].edit_url, "https://a-admin.okta.com/x/edit",
            "foreign URL never stored"
        );
        assert_eq!(i.drafts["a.okta.com"].status, "changes-requested");
        assert_eq!(
            i.drafts["a.okta.com"].last_seen, 2.0,
            "a second later: not worth a write"
        );
        let later = 2.0 + crate::handler::LAST_SEEN_STEP_MS;
        record_row(
            &mut i,
            &row("in-progress", "ISV to review", None),
            &a,
            later,
        );
        assert_eq!(i.drafts["a.okta.com"].last_seen, later);
    }

    #[test]
    fn the_api_fills_drafts_never_opened_but_keeps_what_pages_showed() {
        let body = r#"[{"id":"acme_x_1","name":"Acme X","description":"","capabilities":["SSO_OIDC"],
            "sso":{"oidc":{"redirectUris":["https://a.example/cb"],"doc":"https://a.example/doc"}},
            "status":"New","lastUpdated":"2026-11-01T00:00:00Z","lastPublished":"2026-01-01T00:00:00Z"}]"#;
        let items = parse_page(body).unwrap();
        let mut reg = Registry::default();
        let a = org("a.okta.com");
        reg.integration_mut("acme_x_1")
            .drafts
            .entry("a.okta.com".into())
            .or_default()
            .draft
            .cells
            .insert(
                "catalog.description".into(),
                vec![crate::model::Cell::text("", 0, "Seen on the page")],
            );
        merge_submission(&mut reg, &a, &items[0], 10.0);
        let i = &reg.integrations["acme_x_1"];
        let d = &i.drafts["a.okta.com"];
        assert_eq!(d.status, "draft");
        assert_eq!(d.draft.text("catalog.description"), "Seen on the page");
        assert_eq!(
            d.draft.text("oidc.config_guide_url"),
            "https://a.example/doc"
        );
        assert!(d.draft.capabilities.contains("oidc"));
        assert!(
            d.complete > 0 && d.complete < 100,
            "test fields are unknown: {}",
            d.complete
        );
        assert_eq!(
            i.submitters[0].org.host, "a.okta.com",
            "a published integration's update is this org's"
        );
    }
}

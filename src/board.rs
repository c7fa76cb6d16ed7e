//! The popup's resume board and the files it exchanges (pure): drafts by org with status,
//! completeness, staleness, where Resume goes and what changed; the export (registry plus
//! reports, no secrets) and the import of a teammate's export, merged per key. Invariant: an
//! import only adds (versions, claims, org ids); it never removes or overwrites a local entry.

use crate::diff::{self, Diff};
use crate::maps;
use crate::messages;
use crate::model::{DraftView, PopupView};
use crate::org::{self, OrgRef, Site};
use crate::registry::{InProgress, Integration, Registry};
use crate::strings;
use crate::strings::ago;
use crate::submitter;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Largest import accepted (bytes).
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;
/// Format tag of export files.
pub const EXPORT_FORMAT: &str = "oin-helper-export";

/// The org host of a page URL the helper works on.
fn page_org(url: &str) -> Option<String> {
    match org::site(url) {
        Site::Admin { org_host } => Some(org_host),
        Site::Manager => Some(org::OIN_MANAGER_HOST.to_string()),
        _ => None,
    }
}

/// Where Resume goes when no edit page is known: the org's list page as last seen, else its
/// Admin Console home.
pub fn fallback_url(registry: &Registry, org_host: &str) -> String {
    if let Some(url) = registry
        .orgs
        .get(org_host)
        .map(|o| o.list_url.clone())
        .filter(|u| !u.is_empty())
    {
        return url;
    }
    org::admin_host(org_host)
        .map(|h| format!("https://{h}/"))
        .unwrap_or_default()
}

fn diff_of(integration: &Integration, version: &InProgress) -> Option<Diff> {
    let published = integration
        .published
        .as_ref()
        .filter(|p| !p.snapshot.is_empty())?;
    Some(diff::diff(&published.snapshot, &version.draft))
}

fn change_lines(d: &Diff) -> Vec<String> {
    let mut lines: Vec<String> = d
        .changes
        .iter()
        .map(|c| {
            let name = crate::catalogue::field(&c.field)
                .map(|f| f.name)
                .unwrap_or(&c.field);
            strings::change_field(name, c.kind.as_str())
        })
        .collect();
    lines.extend(
        d.variables_removed
            .iter()
            .map(|v| strings::change_variable_removed(v)),
    );
    lines.extend(
        d.variables_added
            .iter()
            .map(|v| strings::change_variable_added(v)),
    );
    if d.catalog_only {
        lines.push(strings::change_catalog_only());
    }
    lines
}

/// One draft's report in Markdown: completeness, findings, what changed. No secret values ever
/// reach it (they are never captured).
pub fn report_markdown(
    integration: &Integration,
    version: &InProgress,
    settings: &crate::settings::Settings,
) -> String {
    let name = if integration.name.is_empty() {
        &integration.id
    } else {
        &integration.name
    };
    let mut out = format!(
        "# OIN Helper report: {}\n\n- Integration: {}\n- Org: {}\n- Status: {}\n- Completeness: {}%\n- Errors: {}\n\n## Findings\n\n",
        diff::escape(name),
        diff::code(&integration.id),
        diff::code(&version.org),
        diff::escape(&version.status),
        version.complete,
        version.errors
    );
    // Field findings are recomputed from the draft (they are not stored); submission-level
    // ones (org, admin, tests) were stored when the page was checked.
    let mut findings = settings.apply(crate::rules::check(&version.draft));
    findings.splice(0..0, version.findings.iter().cloned());
    if findings.is_empty() {
        out.push_str("None.\n");
    }
    for f in &findings {
        out.push_str(&format!(
            "- **{}** {} ({}): {}\n",
            f.severity.as_str(),
            diff::code(&f.field),
            f.rule,
            diff::escape(&f.message)
        ));
    }
    if let Some(d) = diff_of(integration, version) {
        out.push('\n');
        out.push_str(&diff::markdown(name, &d));
    }
    out
}

/// The popup's board as stored under `layout::INDEX_KEY`: every in-progress version with what
/// its row shows, so the popup renders without waking the worker or reading any record. Derived
/// data: rebuilt from the records whenever it would change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PopupIndex {
    /// Shape version of the index (a popup finding another asks the worker instead).
    pub schema: u32,
    /// The rows, grouped by org, most recently seen first within one (`last_seen_text` and
    /// `stale` are filled in when shown).
    pub drafts: Vec<DraftView>,
    /// Org host → org id, for the active tab's org line.
    pub orgs: BTreeMap<String, String>,
    /// After how long a draft is stale (ms).
    pub stale_after_ms: f64,
    /// Values kept aside (count).
    pub quarantined: u32,
    /// The last sync problem (empty when fine).
    pub notice: String,
}

/// Shape version of [`PopupIndex`].
pub const INDEX_SCHEMA: u32 = 1;

/// The rows of one integration's in-progress versions, without what depends on other records
/// (org ids, the org's list page): what `layout` keeps per record between saves.
pub fn draft_views(i: &Integration) -> Vec<DraftView> {
    let name = if i.name.is_empty() {
        i.id.clone()
    } else {
        i.name.clone()
    };
    let recorded = submitter::submitter(i);
    let submitter = recorded.map(|c| c.org.host.clone()).unwrap_or_default();
    let pinned = recorded.is_some_and(|c| c.how == submitter::PINNED);
    let claims: Vec<String> = i.submitters.iter().map(|c| c.org.host.clone()).collect();
    i.drafts
        .values()
        .map(|d| {
            let changes = diff_of(i, d);
            DraftView {
                integration: i.id.clone(),
                name: name.clone(),
                org: d.org.clone(),
                status: d.status.clone(),
                complete: d.complete,
                errors: d.errors,
                last_seen: d.last_seen,
                resume_url: d.edit_url.clone(),
                resume_highlight: d.edit_url.is_empty(),
                submitter: submitter.clone(),
                conflict: submitter::conflict(i),
                claims: claims.clone(),
                pinned,
                changes: changes.as_ref().map(change_lines).unwrap_or_default(),
                ..DraftView::default()
            }
        })
        .collect()
}

/// The popup index of `registry`, from the rows of each record (`views`, by integration id).
pub fn index(registry: &Registry, views: &BTreeMap<String, Vec<DraftView>>) -> PopupIndex {
    let mut drafts: Vec<DraftView> = views
        .values()
        .flatten()
        .map(|d| {
            let mut d = d.clone();
            d.org_id = registry
                .orgs
                .get(&d.org)
                .map(|o| o.id.clone())
                .unwrap_or_default();
            if d.resume_highlight {
                d.resume_url = fallback_url(registry, &d.org);
            }
            d
        })
        .collect();
    // Grouped by org (the board shows one heading per org), most recently seen first within.
    drafts.sort_by(|a, b| a.org.cmp(&b.org).then(b.last_seen.total_cmp(&a.last_seen)));
    PopupIndex {
        schema: INDEX_SCHEMA,
        drafts,
        orgs: maps::collect(
            registry
                .orgs
                .iter()
                .filter(|(_, o)| !o.id.is_empty())
                .map(|(h, o)| (h.clone(), o.id.clone())),
        ),
        stale_after_ms: registry.settings.stale_after_ms(),
        quarantined: registry.quarantine.len() as u32,
        notice: registry.sync_note.clone(),
    }
}

/// The popup's view from its index: the active tab's org, then every in-progress version.
pub fn popup_from_index(index: PopupIndex, url: Option<&str>, now: f64) -> PopupView {
    let org_host = url.and_then(page_org).unwrap_or_default();
    let org_id = index.orgs.get(&org_host).cloned().unwrap_or_default();
    let current_org = if org_host.is_empty() {
        strings::NOT_OKTA.to_string()
    } else {
        strings::current_org(&org_host, &org_id)
    };
    let mut drafts = index.drafts;
    for d in &mut drafts {
        d.last_seen_text = ago(now - d.last_seen);
        d.stale = now - d.last_seen > index.stale_after_ms;
    }
    PopupView {
        current_org,
        org_host,
        org_id,
        empty_note: if drafts.is_empty() {
            strings::NO_DRAFTS.into()
        } else {
            String::new()
        },
        drafts,
        notice: index.notice,
        quarantined: index.quarantined,
    }
}

/// The popup's view straight from the registry (the worker's answer to the popup's actions).
pub fn popup(registry: &Registry, url: Option<&str>, now: f64) -> PopupView {
    let views = maps::collect(
        registry
            .integrations
            .iter()
            .map(|(id, i)| (id.clone(), draft_views(i))),
    );
    popup_from_index(index(registry, &views), url, now)
}

/// One draft's Markdown report (the popup's Copy report), built when asked for: it recomputes
/// the field findings, which is too much work to do for every row each time the popup opens.
pub fn report(registry: &Registry, integration: &str, org_host: &str) -> Option<String> {
    let i = registry.integrations.get(integration)?;
    let d = i.drafts.get(org_host)?;
    Some(report_markdown(i, d, &registry.settings))
}

/// One draft's "What changed" in Markdown (the popup's Copy summary, for review notes), built
/// when asked for rather than kept in the index for every row.
pub fn summary(registry: &Registry, integration: &str, org_host: &str) -> Option<String> {
    let i = registry.integrations.get(integration)?;
    let d = i.drafts.get(org_host)?;
    let name = if i.name.is_empty() { &i.id } else { &i.name };
    diff_of(i, d).map(|c| diff::markdown(name, &c))
}

/// Whether a draft matches the popup's search (name, id, org or status; case-insensitive).
pub fn matches(draft: &DraftView, query: &str) -> bool {
    let query = query.trim().to_lowercase();
    query.is_empty()
        || [&draft.name, &draft.integration, &draft.org, &draft.status]
            .iter()
            .any(|field| field.to_lowercase().contains(&query))
}

/// An export file: the registry and one report per draft.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Export {
    /// Always [`EXPORT_FORMAT`].
    pub format: String,
    /// When it was made (ms since the epoch).
    pub exported_at: f64,
    /// The whole registry (it never holds a secret's value).
    pub registry: Registry,
    /// One report per in-progress version.
    #[serde(default)]
    pub reports: Vec<DraftReport>,
}

/// A draft's report inside an export.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftReport {
    /// Integration id.
    pub integration: String,
    /// Org host.
    pub org: String,
    /// Completeness.
    pub complete: u8,
    /// The report in Markdown.
    pub markdown: String,
}

/// The export file of `registry` made at `now`.
pub fn export_file(registry: &Registry, now: f64) -> Export {
    let reports = registry
        .integrations
        .values()
        .flat_map(|i| {
            i.drafts.values().map(move |d| DraftReport {
                integration: i.id.clone(),
                org: d.org.clone(),
                complete: d.complete,
                markdown: report_markdown(i, d, &registry.settings),
            })
        })
        .collect();
    Export {
        format: EXPORT_FORMAT.into(),
        exported_at: now,
        registry: registry.clone(),
        reports,
    }
}

/// Builds the export file's name and text.
pub fn export(registry: &Registry, now: f64) -> (String, String) {
    let file = export_file(registry, now);
    // Pretty, as `to_string_pretty` writes it, without compiling a pretty serializer for every
    // type in the registry (src/json_pretty.rs).
    let text = serde_json::to_string(&file)
        .map(|compact| crate::json_pretty::pretty(&compact))
        .unwrap_or_default();
    let day = crate::signals::ms_to_date(now);
    (format!("oin-helper-export-{day}.json"), text)
}

/// What an import did, for the popup's notice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Integrations that were new here.
    pub integrations: u32,
    /// Submitter claims added.
    pub claims: u32,
    /// Integrations now claimed by more than one org.
    pub conflicts: u32,
    /// Versions added.
    pub versions: u32,
}

/// Merges a teammate's export (or a bare registry) into the local registry. Refuses files of
/// 5 MB or more and files that are not an export, with a message; an older schema is migrated.
pub fn import(local: &mut Registry, text: &str, now: f64) -> Result<ImportReport, String> {
    if text.len() >= MAX_IMPORT_BYTES {
        return Err(messages::import_too_large(text.len()));
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|_| messages::import_not_json())?;
    let registry_value = match value.get("format").and_then(|f| f.as_str()) {
        Some(EXPORT_FORMAT) => value
            .get("registry")
            .cloned()
            .unwrap_or(serde_json::Value::Null),
        _ if value.get("schema").is_some() => value,
        _ => return Err(messages::import_not_export()),
    };
    let incoming = Registry::from_stored(registry_value, now);
    if incoming.integrations.is_empty() && !incoming.quarantine.is_empty() {
        return Err(messages::import_unreadable());
    }
    let mut report = ImportReport::default();
    for (id, theirs) in incoming.integrations {
        let known = local.integrations.contains_key(&id);
        let mine = local.integration_mut(&id);
        if !known {
            report.integrations += 1;
            mine.name = theirs.name.clone();
        }
        let had_conflict = submitter::conflict(mine);
        for claim in &theirs.submitters {
            let before = mine.submitters.len();
            let org = OrgRef {
                host: claim.org.host.clone(),
                id: claim.org.id.clone(),
            };
            if org::admin_host(&org.host).is_none() {
                continue; // a claim must name an Okta org host
            }
            submitter::add_claim(mine, &org, submitter::IMPORTED, claim.at);
            if mine.submitters.len() > before {
                report.claims += 1;
            }
        }
        if submitter::conflict(mine) && !had_conflict {
            report.conflicts += 1;
        }
        if mine.published.is_none() && theirs.published.is_some() {
            mine.published = theirs.published.clone();
        }
        for (host, version) in theirs.drafts {
            if let std::collections::btree_map::Entry::Vacant(slot) = mine.drafts.entry(host) {
                let mut version = version;
                // Edit links are only kept when they point at that org's own console.
                if !crate::track::own_page(&version.edit_url, &version.org) {
                    version.edit_url.clear();
                }
                slot.insert(version);
                report.versions += 1;
            }
        }
    }
    for (host, info) in incoming.orgs {
        let mine = local.orgs.entry(host).or_default();
        if mine.id.is_empty() {
            mine.id = info.id;
        }
    }
    local.quarantine.extend(incoming.quarantine);
    local.revision = local.revision.wrapping_add(1);
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::SubmitterClaim;

    fn claimed(id: &str, host: &str) -> Registry {
        let mut reg = Registry::default();
        let i = reg.integration_mut(id);
        i.name = "Acme".into();
        i.submitters.push(SubmitterClaim {
            org: OrgRef {
                host: host.into(),
                id: String::new(),
            },
            how: "list-page".into(),
            at: 1.0,
        });
        reg
    }

    #[test]
    fn import_merges_per_key_and_flags_conflicts_without_losing_local_entries() {
        let mut local = claimed("acme_x_1", "a.okta.com");
        local.integration_mut("acme_x_1").drafts.insert(
            "a.okta.com".into(),
            InProgress {
                org: "a.okta.com".into(),
                complete: 40,
                ..InProgress::default()
            },
        );
        let mut theirs = claimed("acme_x_1", "b.okta.com");
        theirs.integration_mut("acme_y_1").name = "Other".into();
        theirs.integration_mut("acme_x_1").drafts.insert(
            "a.okta.com".into(),
            InProgress {
                org: "a.okta.com".into(),
                complete: 99,
                ..InProgress::default()
            },
        );
        let (_, text) = export(&theirs, 5.0);
        let report = import(&mut local, &text, 6.0).unwrap();
        assert_eq!(
            report,
            ImportReport {
                integrations: 1,
                claims: 1,
                conflicts: 1,
                versions: 0
            }
        );
        let x = &local.integrations["acme_x_1"];
        assert_eq!(x.submitters.len(), 2, "both claims kept");
        assert_eq!(x.submitters[1].how, "imported");
        assert_eq!(
            x.drafts["a.okta.com"].complete, 40,
            "the local version wins"
        );
        assert!(submitter::conflict(x));
        assert!(local.integrations.contains_key("acme_y_1"));
    }

    #[test]
    fn bad_imports_are_refused_with_a_message() {
        let mut local = Registry::default();
        assert!(import(&mut local, &" ".repeat(MAX_IMPORT_BYTES), 0.0)
            .unwrap_err()
            .contains("5 MB"));
        assert!(import(&mut local, "{not json", 0.0)
            .unwrap_err()
            .contains("not a JSON"));
        assert!(import(&mut local, r#"{"hello":1}"#, 0.0)
            .unwrap_err()
            .contains("not an OIN Helper export"));
        assert_eq!(local, Registry::default(), "nothing changed");
    }

    #[test]
    fn an_older_or_bare_registry_is_accepted_and_hostile_claims_skipped() {
        let mut local = Registry::default();
        let text = r#"{"schema":1,"integrations":{"acme_z_1":{"id":"acme_z_1","name":"Z","submitters":[
            {"org":{"host":"evil.com","id":""},"how":"list-page","at":1},
            {"org":{"host":"z.okta.com","id":"00oZ"},"how":"list-page","at":2}]}}}"#;
        let report = import(&mut local, text, 0.0).unwrap();
        assert_eq!(report.claims, 1);
        assert_eq!(
            local.integrations["acme_z_1"].submitters[0].org.host,
            "z.okta.com"
        );
    }

    #[test]
    fn the_board_lists_drafts_by_org_with_resume_targets() {
        let mut reg = Registry::default();
        reg.orgs.entry("b.okta.com".into()).or_default().list_url =
            "https://b-admin.okta.com/admin/oin/integrations".into();
        let i = reg.integration_mut("acme_x_1");
        i.drafts.insert(
            "b.okta.com".into(),
            InProgress {
                org: "b.okta.com".into(),
                last_seen: 0.0,
                ..InProgress::default()
            },
        );
        i.drafts.insert(
            "a.okta.com".into(),
            InProgress {
                org: "a.okta.com".into(),
                last_seen: 1.0,
                edit_url: "https://a-admin.okta.com/e".into(),
                ..InProgress::default()
            },
        );
        let view = popup(
            &reg,
            Some("https://a-admin.okta.com/"),
            reg.settings.stale_after_ms() + 0.5,
        );
        assert_eq!(view.current_org, "Signed-in org: a.okta.com");
        assert_eq!(
            view.drafts
                .iter()
                .map(|d| d.org.as_str())
                .collect::<Vec<_>>(),
            ["a.okta.com", "b.okta.com"]
        );
        assert_eq!(view.drafts[0].resume_url, "https://a-admin.okta.com/e");
        assert_eq!(
            view.drafts[1].resume_url,
            "https://b-admin.okta.com/admin/oin/integrations"
        );
        assert!(view.drafts[1].stale && !view.drafts[0].stale);
    }

    #[test]
    fn copy_summary_is_the_drafts_what_changed_in_markdown() {
        let cell = |text: &str| crate::model::Cell {
            part: String::new(),
            text: text.into(),
            filled: true,
            ..crate::model::Cell::default()
        };
        let mut reg = claimed("acme_x_1", "a.okta.com");
        let i = reg.integration_mut("acme_x_1");
        let mut draft = InProgress {
            org: "a.okta.com".into(),
            ..InProgress::default()
        };
        draft
            .draft
            .cells
            .insert("catalog.display_name".into(), vec![cell("Acme Two")]);
        i.drafts.insert("a.okta.com".into(), draft);
        assert_eq!(
            summary(&reg, "acme_x_1", "a.okta.com"),
            None,
            "nothing to compare before the published version is seen"
        );
        let i = reg.integration_mut("acme_x_1");
        let mut published = crate::registry::Published::default();
        published
            .snapshot
            .insert("catalog.display_name".into(), vec![cell("Acme")]);
        i.published = Some(published);
        let text = summary(&reg, "acme_x_1", "a.okta.com").unwrap_or_default();
        assert!(text.starts_with("## What changed: Acme\n"), "{text}");
        assert!(text.contains("Display name"), "{text}");
        assert_eq!(
            summary(&reg, "acme_x_1", "b.okta.com"),
            None,
            "no draft there"
        );
    }
}

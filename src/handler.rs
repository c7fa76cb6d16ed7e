//! The pure heart of the service worker: `handle(registry, request, now)` → new registry and
//! response. Invariant: no I/O, no clock, no randomness; the worker loads, calls this, saves.

use crate::completeness;
use crate::model::{DraftView, PageSnapshot, PopupView, RenderPlan, Request, Response};
use crate::org::{self, Site};
use crate::page::{self, PageInfo, PageKind};
use crate::plan;
use crate::registry::{InProgress, Registry};
use crate::rules;
use crate::strings;

/// A draft not seen for this long is flagged stale in the popup.
pub const STALE_AFTER_MS: f64 = 14.0 * 24.0 * 3600.0 * 1000.0;

/// What handling a request produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The registry to store.
    pub registry: Registry,
    /// Whether it differs from what was loaded (saves are skipped otherwise).
    pub changed: bool,
    /// The answer.
    pub response: Response,
}

/// Handles one request.
pub fn handle(registry: Registry, request: Request, now: f64) -> Outcome {
    match request {
        Request::Check { snapshot } => check(registry, &snapshot, now),
        Request::Popup { url } => {
            let response = Response::Popup(popup(&registry, url.as_deref(), now));
            Outcome { registry, changed: false, response }
        }
    }
}

/// The org host a page belongs to, when it is a page the helper works on.
fn page_org(url: &str) -> Option<String> {
    match org::site(url) {
        Site::Admin { org_host } => Some(org_host),
        Site::Manager => Some(org::OIN_MANAGER_HOST.to_string()),
        Site::OrgHost | Site::Foreign => None,
    }
}

fn nothing(changed: bool, registry: Registry) -> Outcome {
    let plan = RenderPlan { page: PageKind::Other.as_str().into(), ..RenderPlan::default() };
    Outcome { registry, changed, response: Response::Plan(plan) }
}

fn check(registry: Registry, snapshot: &PageSnapshot, now: f64) -> Outcome {
    let Some(org_host) = page_org(&snapshot.url) else {
        return nothing(false, registry);
    };
    let info = page::recognise(snapshot);
    match info.kind {
        PageKind::Form => check_form(registry, snapshot, &info, &org_host, now),
        PageKind::List | PageKind::Published | PageKind::Other => nothing(false, registry),
    }
}

/// The integration id (contract.md): the submission id, else the normalised display name.
fn integration_id(info: &PageInfo, display_name: &str) -> String {
    if let Some(id) = &info.submission_id {
        return id.clone();
    }
    let name = info.name.as_deref().unwrap_or(display_name);
    let normalised = name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    if normalised.is_empty() {
        "untitled".into()
    } else {
        normalised
    }
}

fn check_form(mut registry: Registry, snapshot: &PageSnapshot, info: &PageInfo, org_host: &str, now: f64) -> Outcome {
    let mapping = page::map_controls(snapshot, info);
    let shown_name = mapping
        .cells
        .get("catalog.display_name")
        .and_then(|cells| cells.first())
        .map(|c| c.text.trim().to_string())
        .unwrap_or_default();
    let id = integration_id(info, &shown_name);
    let integration = registry.integration_mut(&id);
    if !shown_name.is_empty() {
        integration.name = shown_name;
    }
    let version = integration.drafts.entry(org_host.to_string()).or_insert_with(|| InProgress {
        org: org_host.to_string(),
        status: "draft".into(),
        ..InProgress::default()
    });
    version.draft.absorb(mapping.cells.clone(), &info.sections);
    if let Some(caps) = &info.capabilities {
        version.draft.capabilities = caps.iter().map(|s| s.key().to_string()).collect();
    }
    let findings = rules::check(&version.draft);
    let score = completeness::score(&version.draft, &findings);
    version.complete = score.complete;
    version.errors = score.errors;
    version.last_seen = now;
    version.edit_url = snapshot.url.clone();
    version.findings = findings.clone();
    let plan = RenderPlan {
        page: PageKind::Form.as_str().into(),
        tool: info.tool.as_str().into(),
        integration: id,
        markers: plan::markers(&findings, &mapping),
        summary: Some(plan::summary(&score, &findings, &mapping)),
        banner: None,
        guard: plan::guard(info, &findings, &mapping),
        rows: Vec::new(),
        diagnostics: Some(plan::diagnostics(info, &mapping, &version.draft)),
        badge: plan::badge(score.errors),
    };
    registry.revision += 1;
    Outcome { registry, changed: true, response: Response::Plan(plan) }
}

fn popup(registry: &Registry, url: Option<&str>, now: f64) -> PopupView {
    let org_host = url.and_then(page_org).unwrap_or_default();
    let org_id = registry.orgs.get(&org_host).map(|o| o.id.clone()).unwrap_or_default();
    let current_org = if org_host.is_empty() {
        strings::NOT_OKTA.to_string()
    } else {
        strings::current_org(&org_host, &org_id)
    };
    let mut drafts: Vec<DraftView> = registry
        .integrations
        .values()
        .flat_map(|i| {
            i.drafts.values().map(move |d| DraftView {
                integration: i.id.clone(),
                name: i.name.clone(),
                org: d.org.clone(),
                status: d.status.clone(),
                complete: d.complete,
                errors: d.errors,
                last_seen: d.last_seen,
                last_seen_text: ago(now - d.last_seen),
                stale: now - d.last_seen > STALE_AFTER_MS,
                resume_url: d.edit_url.clone(),
            })
        })
        .collect();
    drafts.sort_by(|a, b| b.last_seen.total_cmp(&a.last_seen));
    PopupView {
        current_org,
        org_host,
        org_id,
        empty_note: if drafts.is_empty() { strings::NO_DRAFTS.into() } else { String::new() },
        drafts,
    }
}

/// "just now", "5 minutes ago", "3 days ago".
pub fn ago(ms: f64) -> String {
    let minutes = (ms / 60_000.0).max(0.0) as u64;
    match minutes {
        0 => "just now".into(),
        1..=59 => format!("{minutes} min ago"),
        60..=1439 => format!("{} h ago", minutes / 60),
        _ => format!("{} days ago", minutes / 1440),
    }
}

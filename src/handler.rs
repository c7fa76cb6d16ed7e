//! The pure heart of the service worker: `handle(registry, request, now)` → new registry,
//! response and follow-up effects. Invariant: no I/O, no clock, no randomness; the worker
//! loads, calls this, saves, then runs the effects (which come back as requests).

use crate::board;
use crate::completeness;
use crate::diff;
use crate::messages;
use crate::model::{
    BannerView, DiagnosticsView, DockWords, Effect, Finding, PageSnapshot, PopupView, RenderPlan,
    Request, Response, RowMark, Severity,
};
use crate::org::{self, OrgRef, Site};
use crate::page::memo::Fresh;
use crate::page::{self, Mapping, PageInfo, PageKind};
use crate::plan;
use crate::registry::{InProgress, Published, Registry};
use crate::signals;
use crate::strings;
use crate::submissions;
use crate::submitter::{self, Verdict};
use crate::track;

/// "Last seen" moves in steps of a minute: the popup shows no finer time, and a keystroke that
/// only moved it would otherwise rewrite the whole registry.
pub const LAST_SEEN_STEP_MS: f64 = 60.0 * 1000.0;
/// Test results older than this are stale for Okta's reviewers.
pub const TESTS_STALE_HOURS: u64 = 48;

/// What handling a request produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The registry to store.
    pub registry: Registry,
    /// Whether it differs from what was loaded (saves are skipped otherwise).
    pub changed: bool,
    /// The answer.
    pub response: Response,
    /// Work for the worker after answering.
    pub effects: Vec<Effect>,
}

impl Outcome {
    fn new(registry: Registry, changed: bool, response: Response) -> Outcome {
        Outcome {
            registry,
            changed,
            response,
            effects: Vec::new(),
        }
    }
}

/// Handles one request.
pub fn handle(mut registry: Registry, request: Request, now: f64) -> Outcome {
    match request {
        Request::Check { snapshot } => {
            let (outcome, fresh) = check(registry, &snapshot, now);
            page::memo::keep(snapshot, fresh);
            outcome
        }
        Request::OrgLookup {
            host,
            status,
            body,
            retry_after,
        } => {
            let info = registry.orgs.entry(host).or_default();
            org::lookup_answered(info, status, &body, retry_after, now);
            learn_ids(&mut registry);
            registry.revision = registry.revision.wrapping_add(1);
            Outcome::new(registry, true, Response::Popup(PopupView::default()))
        }
        Request::PinSubmitter { integration, url } => {
            let changed = match current_org(&registry, &url) {
                Some(current) if registry.integrations.contains_key(&integration) => {
                    submitter::record(
                        registry.integration_mut(&integration),
                        &current,
                        submitter::PINNED,
                        now,
                    )
                }
                _ => false,
            };
            if changed {
                registry.revision = registry.revision.wrapping_add(1);
            }
            let view = board::popup(&registry, Some(&url), now);
            Outcome::new(registry, changed, Response::Popup(view))
        }
        Request::Popup { url } => {
            let response = Response::Popup(board::popup(&registry, url.as_deref(), now));
            Outcome::new(registry, false, response)
        }
        Request::Submissions {
            host,
            status,
            body,
            link,
            page,
        } => submissions_page(registry, &host, status, &body, &link, page, now),
        Request::Highlight { integration, host } => {
            let info = registry.orgs.entry(host).or_default();
            info.highlight = integration;
            info.highlight_until = now + HIGHLIGHT_FOR_MS;
            registry.revision = registry.revision.wrapping_add(1);
            Outcome::new(registry, true, Response::Popup(PopupView::default()))
        }
        Request::Import { text, url } => {
            let (changed, notice) = match board::import(&mut registry, &text, now) {
                Ok(r) => (
                    true,
                    messages::import_done(r.integrations, r.claims, r.conflicts, r.versions),
                ),
                Err(message) => (false, message),
            };
            let mut view = board::popup(&registry, url.as_deref(), now);
            view.notice = notice;
            Outcome::new(registry, changed, Response::Popup(view))
        }
        Request::Options => {
            let response = options(&registry, String::new());
            Outcome::new(registry, false, response)
        }
        Request::SaveSettings { settings } => {
            registry.settings = settings.sanitised();
            registry.revision = registry.revision.wrapping_add(1);
            let response = options(&registry, messages::settings_saved());
            Outcome::new(registry, true, response)
        }
        Request::ClearData => {
            // Everything goes except the settings themselves: the user asked to forget drafts
            // and orgs, not how they like the checks.
            let settings = registry.settings.clone();
            let revision = registry.revision.wrapping_add(1);
            registry = Registry {
                settings,
                revision,
                ..Registry::default()
            };
            let response = options(&registry, messages::data_cleared());
            Outcome::new(registry, true, response)
        }
        Request::Export => {
            let (file, text) = board::export(&registry, now);
            Outcome::new(registry, false, Response::Export { file, text })
        }
        Request::Report { integration, host } => {
            let text = board::report(&registry, &integration, &host).unwrap_or_default();
            let file = format!("{integration}-report.md");
            Outcome::new(registry, false, Response::Export { file, text })
        }
        Request::Summary { integration, host } => {
            let text = board::summary(&registry, &integration, &host).unwrap_or_default();
            let file = format!("{integration}-what-changed.md");
            Outcome::new(registry, false, Response::Export { file, text })
        }
    }
}

fn options(registry: &Registry, notice: String) -> Response {
    Response::Options {
        settings: registry.settings.clone(),
        rules: crate::settings::RULES
            .iter()
            .map(|(id, what, _)| (id.to_string(), what.to_string()))
            .collect(),
        notice,
    }
}

/// How long a list row asked for by Resume stays highlighted.
pub const HIGHLIGHT_FOR_MS: f64 = 2.0 * 60.0 * 1000.0;

/// Folds a page of the submissions API into the registry and asks for the next page. Orgs that
/// refuse (401/403/404) are remembered and left alone quietly: pages are then the only source.
fn submissions_page(
    mut registry: Registry,
    host: &str,
    status: u16,
    body: &str,
    link: &str,
    page: u32,
    now: f64,
) -> Outcome {
    let current = OrgRef {
        host: host.to_string(),
        id: registry
            .orgs
            .get(host)
            .map(|o| o.id.clone())
            .unwrap_or_default(),
    };
    let mut effects = Vec::new();
    let items = if status == 200 {
        submissions::parse_page(body)
    } else {
        None
    };
    let info = registry.orgs.entry(host.to_string()).or_default();
    match (status, items) {
        (401 | 403 | 404, _) => info.api = "refused".into(),
        (200, Some(items)) => {
            info.api = "ok".into();
            let admin = org::admin_host(host).unwrap_or_default();
            match submissions::next_page(link, &items, &admin) {
                Some(url) if page + 1 < submissions::MAX_PAGES => {
                    effects.push(Effect::FetchSubmissions {
                        host: host.to_string(),
                        url,
                        page: page + 1,
                    })
                }
                Some(_) => info.api_capped = true,
                None => info.api_capped = false,
            }
            for s in &items {
                track::merge_submission(&mut registry, &current, s, now);
            }
        }
        // Malformed answers, timeouts, 5xx: try again at the next sync.
        _ => {}
    }
    registry.revision = registry.revision.wrapping_add(1);
    Outcome {
        registry,
        changed: true,
        response: Response::Popup(PopupView::default()),
        effects,
    }
}

/// Whether the org's submissions should be synced now.
fn sync_due(registry: &Registry, org_host: &str, now: f64) -> bool {
    let Some(info) = registry.orgs.get(org_host) else {
        return true;
    };
    let wait = if info.api == "refused" {
        submissions::REFUSED_RETRY_MS
    } else {
        submissions::SYNC_EVERY_MS
    };
    now >= info.api_synced_at + wait
}

/// The org host a page belongs to, when it is a page the helper works on.
fn page_org(url: &str) -> Option<String> {
    match org::site(url) {
        Site::Admin { org_host } => Some(org_host),
        Site::Manager => Some(org::OIN_MANAGER_HOST.to_string()),
        Site::OrgHost | Site::Foreign => None,
    }
}

/// The signed-in org of a page, with its id when known.
fn current_org(registry: &Registry, url: &str) -> Option<OrgRef> {
    let host = page_org(url)?;
    let id = registry
        .orgs
        .get(&host)
        .map(|o| o.id.clone())
        .unwrap_or_default();
    Some(OrgRef { host, id })
}

/// Fills in org ids on claims that were recorded by host before the id was known.
fn learn_ids(registry: &mut Registry) {
    let ids: Vec<(String, String)> = registry
        .orgs
        .iter()
        .filter(|(_, o)| !o.id.is_empty())
        .map(|(h, o)| (h.clone(), o.id.clone()))
        .collect();
    let mut learned = Vec::new();
    for (key, integration) in registry.integrations.iter_mut() {
        for claim in &mut integration.submitters {
            if claim.org.id.is_empty() {
                if let Some((_, id)) = ids.iter().find(|(h, _)| *h == claim.org.host) {
                    claim.org.id = id.clone();
                    learned.push(key.clone());
                }
            }
        }
    }
    for id in learned {
        registry.touch(&id);
    }
}

fn other_page(registry: Registry) -> Outcome {
    let plan = RenderPlan {
        page: PageKind::Other.as_str().into(),
        ..RenderPlan::default()
    };
    Outcome::new(registry, false, Response::Plan(Box::new(plan)))
}

/// Checks a page's snapshot held elsewhere (`delta` keeps each page port's last one), as `handle`
/// does for `Request::Check`: the page's structural analysis is kept for the next check too
/// (with a copy of the snapshot, made only when that analysis was made afresh).
pub fn check_held(registry: Registry, snapshot: &PageSnapshot, now: f64) -> Outcome {
    let (outcome, fresh) = check(registry, snapshot, now);
    if !fresh.reused() {
        page::memo::keep(snapshot.clone(), fresh);
    }
    outcome
}

/// Checks a page; beside the outcome, the page's structural analysis for `page::memo::keep`.
fn check(mut registry: Registry, snapshot: &PageSnapshot, now: f64) -> (Outcome, Fresh) {
    let Some(page_host) = page_org(&snapshot.url) else {
        return (other_page(registry), Fresh::default());
    };
    let ((info, mapping), fresh) = page::memo::analyse(snapshot);
    if info.kind == PageKind::Other {
        return (other_page(registry), fresh);
    }
    // On the OIN Manager the org is the linked org its banner names.
    let org_host = if page_host == org::OIN_MANAGER_HOST {
        signals::linked_org(&snapshot.texts)
            .filter(|h| org::admin_host(h).is_some())
            .unwrap_or(page_host)
    } else {
        page_host
    };
    let mut effects = Vec::new();
    if org_host != org::OIN_MANAGER_HOST && org::lookup_due(registry.orgs.get(&org_host), now) {
        org::lookup_issued(registry.orgs.entry(org_host.clone()).or_default(), now);
        effects.push(Effect::FetchOrgId {
            url: org::well_known_url(&org_host),
            host: org_host.clone(),
        });
    }
    if org_host != org::OIN_MANAGER_HOST && sync_due(&registry, &org_host, now) {
        if let Some(admin) = org::admin_host(&org_host) {
            registry
                .orgs
                .entry(org_host.clone())
                .or_default()
                .api_synced_at = now;
            effects.push(Effect::FetchSubmissions {
                host: org_host.clone(),
                url: submissions::first_page(&admin),
                page: 0,
            });
        }
    }
    let current = OrgRef {
        host: org_host.clone(),
        id: registry
            .orgs
            .get(&org_host)
            .map(|o| o.id.clone())
            .unwrap_or_default(),
    };
    let mut plan = match info.kind {
        PageKind::Form => check_form(&mut registry, snapshot, &info, &mapping, &current, now),
        PageKind::List => check_list(&mut registry, snapshot, &current, now),
        PageKind::Published => {
            check_published(&mut registry, snapshot, &info, &mapping, &current, now)
        }
        PageKind::Other => RenderPlan::default(),
    };
    plan.dock = plan::dock_words();
    // What a page shows again (another keystroke with the same values, a list seen a minute
    // ago) changes nothing worth writing; the save compares the touched records and writes
    // nothing then (`layout::writes`).
    let outcome = Outcome {
        registry,
        changed: true,
        response: Response::Plan(Box::new(plan)),
        effects,
    };
    (outcome, fresh)
}

/// The integration id (contract.md): the submission id, else the normalised display name.
fn integration_id(info: &PageInfo, display_name: &str) -> String {
    if let Some(id) = &info.submission_id {
        return id.clone();
    }
    let name = info
        .name
        .as_deref()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or(display_name);
    let normalised = page::list::name_id(name);
    if normalised.is_empty() {
        "untitled".into()
    } else {
        normalised
    }
}

fn shown_name(mapping: &Mapping) -> String {
    mapping
        .cells
        .get("catalog.display_name")
        .and_then(|cells| cells.first())
        .map(|c| c.text.trim().to_string())
        .unwrap_or_default()
}

/// The org banner, when the signed-in org is not the submitter.
fn banner(submitter: &OrgRef, current: &OrgRef, url: &str) -> BannerView {
    BannerView {
        kind: "org-mismatch".into(),
        paragraphs: strings::org_banner(
            &messages::org_name(&submitter.host, &submitter.id),
            &messages::org_name(&current.host, &current.id),
        ),
        action_label: strings::open_submitter(&submitter.host),
        action_url: org::same_page_on(url, &submitter.host).unwrap_or_default(),
    }
}

/// Submission-level findings (fields.md, "Submission-level checks") and the banner they imply.
fn submission_findings(
    registry: &Registry,
    id: &str,
    name: &str,
    current: &OrgRef,
    snapshot: &PageSnapshot,
    now: f64,
) -> (Vec<Finding>, Option<BannerView>) {
    let mut findings = Vec::new();
    let mut shown = None;
    let here = messages::org_name(&current.host, &current.id);
    let integration = registry.integrations.get(id);
    match integration.map(|i| submitter::verdict(i, current)) {
        Some(Verdict::Differs(submitter)) => {
            let there = messages::org_name(&submitter.host, &submitter.id);
            findings.push(Finding::new(
                "submission.org",
                "org_mismatch",
                Severity::Error,
                messages::org_mismatch(&there, &here),
            ));
            shown = Some(banner(&submitter, current, &snapshot.url));
        }
        Some(Verdict::Same) => {}
        Some(Verdict::Unknown) | None => {
            // The usual way the mistake happens: a new Integrator org starts a "new" submission
            // of an integration another org published.
            let key = page::list::name_id(name);
            let twin = registry
                .integrations
                .values()
                .filter(|i| i.id != id && !key.is_empty())
                .find_map(|i| {
                    // The name is compared first: only an integration of the same name needs
                    // its submitter's verdict (and most have another name).
                    let same_name = i.id == key || page::list::has_name_id(&i.name, &key);
                    if !same_name {
                        return None;
                    }
                    match submitter::verdict(i, current) {
                        Verdict::Differs(org) => Some(org),
                        _ => None,
                    }
                });
            if let Some(submitter) = twin {
                let there = messages::org_name(&submitter.host, &submitter.id);
                findings.push(Finding::new(
                    "submission.org",
                    "org_mismatch",
                    Severity::Error,
                    messages::org_name_match(name, &there, &here),
                ));
                shown = Some(banner(&submitter, current, &snapshot.url));
            } else if integration.is_some_and(|i| i.published.is_some()) {
                findings.push(Finding::new(
                    "submission.org",
                    "org_unknown",
                    Severity::Info,
                    messages::org_unknown(),
                ));
            }
        }
    }
    let login = snapshot.user.as_deref().and_then(signals::email_in);
    if let Some(login) = login.filter(|l| signals::is_personal(l)) {
        findings.push(Finding::new(
            "submission.admin_email",
            "personal_email",
            Severity::Warning,
            messages::personal_email(&login),
        ));
    }
    if let Some(hours) =
        signals::last_test_run_hours(&snapshot.texts, now).filter(|h| *h > TESTS_STALE_HOURS)
    {
        findings.push(Finding::new(
            "submission.tests",
            "tests_stale",
            Severity::Warning,
            messages::tests_stale(hours),
        ));
    }
    (findings, shown)
}

fn check_form(
    registry: &mut Registry,
    snapshot: &PageSnapshot,
    info: &PageInfo,
    mapping: &Mapping,
    current: &OrgRef,
    now: f64,
) -> RenderPlan {
    let settings = registry.settings.clone();
    let shown = shown_name(mapping);
    let id = integration_id(info, &shown);
    let integration = registry.integration_mut(&id);
    if !shown.is_empty() || integration.name.is_empty() {
        integration.name = if shown.is_empty() {
            info.name.clone().unwrap_or_default()
        } else {
            shown
        };
    }
    let name = integration.name.clone();
    let published_variables = integration
        .published
        .as_ref()
        .map(published_variable_names)
        .unwrap_or_default();
    let version = integration
        .drafts
        .entry(current.host.clone())
        .or_insert_with(|| InProgress {
            org: current.host.clone(),
            status: "draft".into(),
            ..InProgress::default()
        });
    version.draft.absorb(mapping.cells.clone(), &info.sections);
    if let Some(caps) = &info.capabilities {
        version.draft.capabilities = caps.iter().map(|s| s.key().to_string()).collect();
    }
    if !published_variables.is_empty() {
        version.draft.published_variables = published_variables;
    }
    let mut findings = settings.apply(crate::rules::check(&version.draft));
    // Scored once, on the field findings; the submission findings only add to the totals
    // (`Score::count_submission`), never to the percentage stored here.
    let mut score = completeness::score(&version.draft, &findings);
    version.complete = score.complete;
    if version.last_seen == 0.0 || now - version.last_seen >= LAST_SEEN_STEP_MS {
        version.last_seen = now;
    }
    version.edit_url = snapshot.url.clone();
    // The draft is moved out while the submission findings read the rest of the registry (they
    // never read drafts), and put back below: no copy of it per check.
    let draft = std::mem::take(&mut version.draft);
    let (mut submission, banner) =
        submission_findings(registry, &id, &name, current, snapshot, now);
    let published = registry
        .integrations
        .get(&id)
        .and_then(|i| i.published.as_ref())
        .filter(|p| !p.snapshot.is_empty());
    if published.is_some_and(|p| diff::diff(&p.snapshot, &draft).catalog_only) {
        submission.push(Finding::new(
            "submission.catalog_only",
            "catalog_only_update",
            Severity::Info,
            messages::catalog_only_update(),
        ));
    }
    let submission = settings.apply(submission);
    score.count_submission(&submission);
    findings.splice(0..0, submission);
    let diagnostics = plan::diagnostics(info, mapping, &draft);
    if let Some(version) = registry.integration_mut(&id).drafts.get_mut(&current.host) {
        version.draft = draft;
        version.errors = score.errors;
        // Only the submission-level findings are kept: field findings are recomputed from the
        // draft when a report needs them, which keeps every load and save of the registry small.
        version.findings = findings
            .iter()
            .filter(|f| f.field.starts_with("submission."))
            .cloned()
            .collect();
    }
    RenderPlan {
        page: PageKind::Form.as_str().into(),
        tool: info.tool.as_str().into(),
        integration: id,
        markers: plan::markers(&findings, mapping),
        summary: Some(plan::summary(&score, &findings, mapping)),
        banner,
        guard: plan::guard(info, &findings, mapping),
        rows: Vec::new(),
        diagnostics: Some(diagnostics),
        badge: plan::badge(score.errors),
        // Filled in once for every page kind by `check`.
        dock: DockWords::default(),
    }
}

fn published_variable_names(published: &Published) -> Vec<String> {
    published
        .snapshot
        .get("tenant.variables")
        .map(|cells| {
            cells
                .iter()
                .filter(|c| c.part == "name" && !c.text.trim().is_empty())
                .map(|c| c.text.trim().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn check_list(
    registry: &mut Registry,
    snapshot: &PageSnapshot,
    current: &OrgRef,
    now: f64,
) -> RenderPlan {
    let rows = page::list_rows(snapshot);
    for row in &rows {
        track::record_row(
            registry.integration_mut(&row.integration),
            row,
            current,
            now,
        );
    }
    let info = registry.orgs.entry(current.host.clone()).or_default();
    info.list_url = snapshot.url.clone();
    let highlight = if now <= info.highlight_until {
        info.highlight.clone()
    } else {
        String::new()
    };
    let (api, capped) = (info.api.clone(), info.api_capped);
    let marks = rows
        .iter()
        .map(|row| RowMark {
            row: row.row,
            integration: row.integration.clone(),
            version: row.version.clone(),
            status: row.status.clone(),
            banner: registry.integrations.get(&row.integration).and_then(|i| {
                match submitter::verdict(i, current) {
                    Verdict::Differs(submitter) => Some(banner(&submitter, current, &snapshot.url)),
                    _ => None,
                }
            }),
            highlight: !highlight.is_empty() && row.integration == highlight,
        })
        .collect();
    let skipped = page::list::skipped_rows(snapshot);
    let (found, unmatched) =
        strings::list_diagnostics(rows.len(), skipped, &api, capped, submissions::MAX_PAGES);
    let diagnostics = DiagnosticsView {
        title: strings::DIAGNOSTICS_TITLE.into(),
        found,
        missing: Vec::new(),
        unmatched,
        headings: plan::diagnostics_headings(),
    };
    RenderPlan {
        page: PageKind::List.as_str().into(),
        rows: marks,
        diagnostics: Some(diagnostics),
        ..RenderPlan::default()
    }
}

fn check_published(
    registry: &mut Registry,
    snapshot: &PageSnapshot,
    info: &PageInfo,
    mapping: &Mapping,
    current: &OrgRef,
    now: f64,
) -> RenderPlan {
    let shown = shown_name(mapping);
    let id = integration_id(info, &shown);
    let integration = registry.integration_mut(&id);
    if !shown.is_empty() {
        integration.name = shown;
    } else if let Some(name) = info.name.clone().filter(|n| !n.is_empty()) {
        integration.name = name;
    }
    submitter::record(integration, current, submitter::LIST_PAGE, now);
    let published = integration.published.get_or_insert_with(Published::default);
    published.status = "published".into();
    published.seen_at = now;
    if !mapping.cells.is_empty() {
        // Values of the read-only view, for "what changed" and renamed variables; secrets never
        // carry a value, and control handles mean nothing once the page is gone.
        published.snapshot = crate::maps::collect(mapping.cells.iter().map(|(k, cells)| {
            let cells = cells
                .iter()
                .map(|c| crate::model::Cell {
                    control: None,
                    file: None,
                    ..c.clone()
                })
                .collect();
            (k.clone(), cells)
        }));
    }
    let banner = match submitter::verdict(integration, current) {
        Verdict::Differs(submitter) => Some(banner(&submitter, current, &snapshot.url)),
        _ => None,
    };
    RenderPlan {
        page: PageKind::Published.as_str().into(),
        tool: info.tool.as_str().into(),
        integration: id,
        banner,
        ..RenderPlan::default()
    }
}

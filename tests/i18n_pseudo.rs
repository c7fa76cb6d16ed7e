//! Localisation, proven: with a pseudo-locale installed (every catalogue message rewritten as
//! `⟦` + accented text + `⟧`, substitutions kept), every user-facing string the core produces —
//! finding messages of every rule, the render plan's summary / guard / banner / diagnostics, the
//! popup's and the options page's texts — comes out bracketed, so none is hard-coded in Rust.
//! Also: every key the code uses exists in `extension/_locales/en/messages.json`, every key
//! there is used, and the file is one Chrome (and Firefox) will load. Invariant: the product is
//! run through its public entry points only (`rules::check`, `handler::handle`).

// Test helpers: a malformed fixture or catalogue should stop the run loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod rules_common;

use oin_helper::handler::{self, Outcome};
use oin_helper::i18n;
use oin_helper::model::{
    BannerView, Cell, FileMeta, Finding, PageSnapshot, PopupView, RenderPlan, Request, Response,
};
use oin_helper::registry::Registry;
use oin_helper::rules;
use oin_helper::settings::{Settings, RULES};
use rules_common::{draft, rows};
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const OPEN: char = '⟦';
const CLOSE: char = '⟧';
/// 2026-12-01T00:00:00Z: late enough that a test run shown for 2026-01-01 is stale.
const NOW: f64 = 1_795_996_800_000.0;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn en_text() -> String {
    std::fs::read_to_string(root().join("extension/_locales/en/messages.json")).unwrap()
}

fn en() -> Map<String, Value> {
    serde_json::from_str(&en_text()).expect("messages.json is JSON")
}

// ---- the pseudo-locale ---------------------------------------------------------------------

fn accent(c: char) -> char {
    const FROM: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const TO: &str = "áƀçðéƒĝĥíĵķĺɱñöþʠŕšţúṽŵẋýžÅƁÇÐÉƑĜĤÍĴĶĹṀÑÖÞǪŔŠŢÚṼŴẊÝŽ";
    match FROM.chars().position(|f| f == c) {
        Some(i) => TO.chars().nth(i).unwrap(),
        None => c,
    }
}

/// `⟦` + the message with its letters accented (`$1`..`$9` and `$$` kept) + `⟧`.
fn pseudo_message(message: &str) -> String {
    let mut out = String::from(OPEN);
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' {
            out.push(c);
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(accent(c));
        }
    }
    out.push(CLOSE);
    out
}

/// The pseudo-locale catalogue, built from the English one.
fn pseudo() -> String {
    let mut catalogue = en();
    for entry in catalogue.values_mut() {
        let message = entry["message"].as_str().unwrap().to_string();
        entry["message"] = Value::String(pseudo_message(&message));
    }
    serde_json::to_string(&catalogue).unwrap()
}

// ---- what must be bracketed ----------------------------------------------------------------

/// Collects user-facing strings with where they came from, and checks them.
#[derive(Default)]
struct Texts {
    seen: Vec<(String, String)>,
    problems: Vec<String>,
}

impl Texts {
    /// A whole sentence or label from the catalogue: bracketed from end to end.
    fn sentence(&mut self, place: &str, text: &str) {
        self.seen.push((place.to_string(), text.to_string()));
        if !(text.starts_with(OPEN) && text.ends_with(CLOSE)) || text.contains("[[") {
            self.problems
                .push(format!("{place}: not from the catalogue: {text:?}"));
        }
    }

    fn finding(&mut self, place: &str, f: &Finding) {
        self.sentence(&format!("{place} {} {}", f.rule, f.field), &f.message);
    }

    fn banner(&mut self, place: &str, banner: &BannerView) {
        for p in &banner.paragraphs {
            self.sentence(&format!("{place} banner paragraph"), p);
        }
        self.sentence(&format!("{place} banner action"), &banner.action_label);
    }

    fn plan(&mut self, place: &str, plan: &RenderPlan, page: &PageSnapshot) {
        for m in &plan.markers {
            self.sentence(&format!("{place} marker {}", m.rule), &m.message);
        }
        if let Some(s) = &plan.summary {
            self.sentence(&format!("{place} summary title"), &s.title);
            self.sentence(&format!("{place} summary headline"), &s.headline);
            for section in &s.sections {
                // Section titles are the console's own headings (catalogue.rs).
                if !section_titles().contains(section.title.as_str()) {
                    self.sentence(&format!("{place} section title"), &section.title);
                }
                if !section.counts.is_empty() {
                    self.sentence(&format!("{place} section counts"), &section.counts);
                }
                for item in &section.items {
                    self.sentence(
                        &format!("{place} summary item {}", item.rule),
                        &item.message,
                    );
                }
            }
        }
        if let Some(g) = &plan.guard {
            self.sentence(&format!("{place} guard title"), &g.title);
            self.sentence(&format!("{place} guard intro"), &g.intro);
            self.sentence(&format!("{place} guard submit anyway"), &g.submit_anyway);
            self.sentence(&format!("{place} guard go back"), &g.go_back);
            for item in &g.blocking {
                self.sentence(&format!("{place} guard item {}", item.rule), &item.message);
            }
        }
        if let Some(b) = &plan.banner {
            self.banner(place, b);
        }
        for row in &plan.rows {
            if let Some(b) = &row.banner {
                self.banner(&format!("{place} row"), b);
            }
        }
        if plan.summary.is_some() || plan.banner.is_some() || plan.diagnostics.is_some() {
            // The dock's frame: its title without a summary, and the toggle's two labels.
            self.sentence(&format!("{place} dock title"), &plan.dock.title);
            self.sentence(&format!("{place} dock show"), &plan.dock.show);
            self.sentence(&format!("{place} dock hide"), &plan.dock.hide);
        }
        if let Some(d) = &plan.diagnostics {
            self.sentence(&format!("{place} diagnostics title"), &d.title);
            for heading in &d.headings {
                self.sentence(&format!("{place} diagnostics heading"), heading);
            }
            // The lists hold values (field keys, the page's own labels) and catalogue
            // annotations around them; nothing else.
            let page = serde_json::to_string(page).unwrap();
            let from_page = |v: &str| {
                let needle = serde_json::to_string(v.trim_end_matches('…')).unwrap();
                page.contains(needle.trim_matches('"'))
            };
            let key = |k: &str| oin_helper::catalogue::field(k).is_some();
            let place = format!("{place} diagnostics line");
            for line in &d.found {
                let value = line
                    .split_once(" ← ")
                    .is_some_and(|(k, label)| key(k) && from_page(label.trim_matches('"')));
                if !value {
                    self.sentence(&place, line);
                }
            }
            for line in &d.missing {
                if !key(line) {
                    self.problems
                        .push(format!("{place}: not a field key: {line:?}"));
                }
            }
            for line in &d.unmatched {
                if line.contains(OPEN) {
                    self.sentence(&place, line);
                } else if !from_page(line) {
                    self.problems.push(format!(
                        "{place}: neither translated nor page text: {line:?}"
                    ));
                }
            }
        }
    }

    fn popup(&mut self, place: &str, view: &PopupView) {
        self.sentence(&format!("{place} current org"), &view.current_org);
        if !view.empty_note.is_empty() {
            self.sentence(&format!("{place} empty note"), &view.empty_note);
        }
        if !view.notice.is_empty() {
            self.sentence(&format!("{place} notice"), &view.notice);
        }
        for d in &view.drafts {
            self.sentence(&format!("{place} last seen"), &d.last_seen_text);
            for line in &d.changes {
                self.sentence(&format!("{place} change"), line);
            }
        }
    }

    fn assert_clean(&self) {
        assert!(
            self.problems.is_empty(),
            "{} hard-coded strings:\n{}",
            self.problems.len(),
            self.problems.join("\n")
        );
    }
}

fn section_titles() -> BTreeSet<&'static str> {
    oin_helper::catalogue::SECTIONS
        .iter()
        .map(|s| s.title())
        .collect()
}

// ---- drafts that trigger every rule --------------------------------------------------------

fn png(w: u32, h: u32) -> Vec<u8> {
    let mut b = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    b.extend(b"IHDR");
    b.extend(w.to_be_bytes());
    b.extend(h.to_be_bytes());
    b
}

fn logo(name: &str, mime: &str, size: u64, head: Vec<u8>) -> Vec<Cell> {
    vec![Cell {
        file: Some(FileMeta {
            name: name.into(),
            size,
            mime: mime.into(),
            head,
        }),
        filled: true,
        ..Cell::default()
    }]
}

fn text(value: &str) -> Vec<Cell> {
    vec![Cell::text("", 0, value)]
}

/// Drafts that between them break every rule `rules::check` runs, most of them several ways.
fn bad_drafts() -> Vec<oin_helper::draft::Draft> {
    let all = &["saml", "oidc", "scim", "ul"];
    let long = "d".repeat(1043);
    let use_cases: Vec<Cell> = (0..5)
        .map(|i| Cell::choice(&format!("Use {i}"), true))
        .collect();
    let many_vars: Vec<(&str, &str)> = vec![("label", "L"), ("name", "v")];
    let nine: Vec<&[(&str, &str)]> = (0..9).map(|_| many_vars.as_slice()).collect();
    let ops = |ticked: &[&str]| {
        ["Create", "Read", "Update", "Deactivate"]
            .iter()
            .map(|o| Cell::choice(o, ticked.contains(o)))
            .collect::<Vec<_>>()
    };
    let mut with_published = draft(
        &[],
        vec![(
            "tenant.variables",
            rows(&[
                &[("label", "Sub"), ("name", "Sub Domain")],
                &[("label", ""), ("name", "x")],
            ]),
        )],
    );
    with_published.published_variables = vec!["subdomain".into()];
    vec![
        // Everything empty: required, required lists, one_of, conditional requirements.
        draft(all, vec![("scim.auth_mode", text("OAuth 2"))]),
        draft(
            &[],
            vec![
                ("catalog.description", text(&long)),
                ("catalog.display_name", text(&"n".repeat(200))),
                ("catalog.use_cases", use_cases),
                ("catalog.logo", logo("acme.svg", "image/svg+xml", 2_000, vec![])),
                ("support.escalation_email", text("support@acme.com")),
                (
                    "support.public_contact",
                    vec![
                        Cell::text("link", 0, "acme.com/support"),
                        Cell::text("email", 0, "help@"),
                        Cell::text("phone", 0, "12345"),
                    ],
                ),
                ("test.username", text("reviewer@acme.com")),
                ("test.account_url", text("app.acme.com")),
            ],
        ),
        draft(&[], vec![("catalog.description", text("Syncs users."))]),
        draft(&[], vec![("catalog.logo", logo("a.png", "image/png", 1_048_576, png(300, 300)))]),
        draft(&[], vec![("catalog.logo", logo("a.png", "image/png", 2_000, b"<svg".to_vec()))]),
        draft(&[], vec![("support.escalation_email", text("jane@acme"))]),
        draft(&[], vec![("support.public_contact", vec![])]),
        draft(&[], vec![("tenant.variables", rows(&nine))]),
        draft(
            &[],
            vec![(
                "tenant.variables",
                rows(&[&[("label", "A"), ("name", "a")], &[("label", "B"), ("name", "a")]]),
            )],
        ),
        with_published,
        draft(
            &["oidc"],
            vec![(
                "oidc.redirect_uris",
                text("http://b.acme.com/cb, https://a.acme.com/cb, https://a.acme.com/cb, https://${app.x}/cb, https://{org.s}.acme.com/cb, https://{app.undefined}.acme.com/cb, https://{app.baseURL/cb, https://{appName}.acme.com/cb, ftp://acme.com/cb"),
            )],
        ),
        draft(&["saml"], vec![("saml.acs_url", text("https://${org.tenant}.acme.com/acs"))]),
        draft(&["saml"], vec![("saml.acs_url", text("https://{org.subdomain}.acme.com/acs"))]),
        draft(
            &["saml"],
            vec![
                (
                    "saml.additional_acs",
                    rows(&[
                        &[("url", "http://acme.com/acs"), ("index", "65536")],
                        &[("url", "https://acme.com/b"), ("index", "3")],
                        &[("url", "https://acme.com/c"), ("index", "3")],
                    ]),
                ),
                (
                    "saml.attribute_statements",
                    rows(&[&[("name", "org"), ("values", "org.name")], &[("name", "x"), ("values", "${user.x")]]),
                ),
            ],
        ),
        draft(
            &["scim"],
            vec![
                ("scim.base_url", text("https://my_api.acme.com/scim/v2")),
                ("scim.auth_mode", text("Basic")),
                ("scim.user_ops", ops(&["Create"])),
            ],
        ),
        draft(
            &["scim"],
            vec![
                ("scim.base_url", text("'https://' + org.subdomain + '.acme.com/scim/v2'")),
                ("scim.auth_mode", text("API key")),
            ],
        ),
        draft(&["scim"], vec![("scim.base_url", text("http://api.acme.com/scim/v2"))]),
        draft(&["scim"], vec![("scim.base_url", text("'https://' + app.baseURL + '/scim/v2"))]),
    ]
}

// ---- the handler on page snapshots ---------------------------------------------------------

#[derive(serde::Deserialize)]
struct Case {
    snapshot: PageSnapshot,
}

fn snapshots() -> Vec<(String, PageSnapshot)> {
    let dir = root().join("tests/fixtures/snapshots");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let cases: Vec<Case> =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        out.extend(cases.into_iter().map(|c| (name.clone(), c.snapshot)));
    }
    out
}

fn plan_of(outcome: &Outcome) -> Option<&RenderPlan> {
    match &outcome.response {
        Response::Plan(plan) => Some(plan),
        _ => None,
    }
}

fn popup_of(outcome: &Outcome) -> &PopupView {
    match &outcome.response {
        Response::Popup(view) => view,
        other => panic!("expected a popup view, got {other:?}"),
    }
}

/// The texts checked so far and the rule ids seen.
type Seen = (Texts, BTreeSet<String>);

/// One page check: its plan's texts are checked, its rule ids noted.
fn check_page(
    seen: &mut Seen,
    registry: Registry,
    place: &str,
    snapshot: &PageSnapshot,
) -> Registry {
    let outcome = handler::handle(
        registry,
        Request::Check {
            snapshot: snapshot.clone(),
        },
        NOW,
    );
    if let Some(plan) = plan_of(&outcome) {
        seen.0.plan(place, plan, snapshot);
        for m in &plan.markers {
            seen.1.insert(m.rule.clone());
        }
        for s in plan.summary.iter().flat_map(|s| &s.sections) {
            seen.1.extend(s.items.iter().map(|i| i.rule.clone()));
        }
    }
    outcome.registry
}

/// Runs every snapshot, the popup, the options page and the files through the handler.
fn run_handler(seen: &mut Seen) {
    let snaps = snapshots();
    let check = check_page;

    // Every page in one browser, in file order: lists, published views and forms accumulate.
    let mut registry = Registry::default();
    for (file, snapshot) in &snaps {
        registry = check(seen, registry, file, snapshot);
    }
    // The read-only published view, then the form of the same integration: no submitter known,
    // a published version to compare with; a personal login and an old test run.
    let published = snaps
        .iter()
        .find(|(f, _)| f == "published_readonly.json")
        .unwrap();
    let form = snaps
        .iter()
        .rfind(|(f, _)| f == "wizard_details.json")
        .unwrap();
    let mut fresh = check(seen, Registry::default(), "published", &published.1);
    let mut personal = form.1.clone();
    personal.user = Some("Signed in as jane.doe@gmail.com".into());
    personal
        .texts
        .push("Last test run: 2026-01-01T00:00:00Z".into());
    // Forget who submitted it: the submitter is unknown, the published version is not.
    for integration in fresh.integrations.values_mut() {
        integration.submitters.clear();
    }
    fresh = check(seen, fresh, "form after published", &personal);
    // The same form after another org was pinned as the submitter: the wrong-org banner.
    let id = fresh.integrations.keys().next().unwrap().clone();
    let pinned = handler::handle(
        fresh,
        Request::PinSubmitter {
            integration: id,
            url: "https://integrator-7654321-admin.okta.com/admin/oin".into(),
        },
        NOW,
    );
    seen.0.popup("pin", popup_of(&pinned));
    let mismatch = check(seen, pinned.registry, "form on the wrong org", &personal);
    // A new submission named like the pinned integration, from this org: the name-match warning.
    let mut twin = personal.clone();
    twin.url = "https://integrator-1234567-admin.okta.com/admin/oin/integrations/new".into();
    check(seen, mismatch.clone(), "new twin", &twin);

    // The popup, on an Okta tab and off one, with and without drafts.
    for (place, url) in [
        (
            "popup okta",
            Some("https://integrator-1234567-admin.okta.com/admin/oin"),
        ),
        ("popup other", None),
    ] {
        let out = handler::handle(
            registry.clone(),
            Request::Popup {
                url: url.map(String::from),
            },
            NOW + 20.0 * 86_400_000.0,
        );
        seen.0.popup(place, popup_of(&out));
    }
    let empty = handler::handle(Registry::default(), Request::Popup { url: None }, NOW);
    seen.0.popup("popup empty", popup_of(&empty));

    // Export, then imports of it and of things that are not exports.
    let export = handler::handle(registry.clone(), Request::Export, NOW);
    let Response::Export { text: exported, .. } = &export.response else {
        panic!("expected an export");
    };
    for (place, text) in [
        ("import export", exported.clone()),
        ("import not json", "not json".to_string()),
        ("import not export", "{}".to_string()),
        (
            "import too large",
            " ".repeat(oin_helper::board::MAX_IMPORT_BYTES),
        ),
        (
            "import unreadable",
            r#"{"format":"oin-helper-export","registry":"x"}"#.to_string(),
        ),
    ] {
        let out = handler::handle(
            Registry::default(),
            Request::Import { text, url: None },
            NOW,
        );
        seen.0.popup(place, popup_of(&out));
    }
    // Importing into a browser that pinned another org: claims conflict.
    let conflict = handler::handle(
        mismatch,
        Request::Import {
            text: exported.clone(),
            url: None,
        },
        NOW,
    );
    seen.0.popup("import with conflicts", popup_of(&conflict));

    // The options page: rule descriptions and notices.
    for request in [
        Request::Options,
        Request::SaveSettings {
            settings: Settings::default(),
        },
        Request::ClearData,
    ] {
        let out = handler::handle(registry.clone(), request, NOW);
        let Response::Options { rules, notice, .. } = &out.response else {
            panic!("expected the options view");
        };
        for (id, what) in rules {
            seen.0.sentence(&format!("options rule {id}"), what);
        }
        if !notice.is_empty() {
            seen.0.sentence("options notice", notice);
        }
    }
}

/// The message and UI helpers the pages above do not reach (one error exactly, conditions,
/// the wasm edge's notes) and the helpers waiting to be wired (see "Still in English").
fn helpers(texts: &mut Texts) {
    use oin_helper::{messages as m, strings as s};
    let (rows_found, rows_skipped) = s::list_diagnostics(3, 1, "ok", true, 20);
    let mut all = vec![
        m::required_list("Redirect URIs"),
        m::required_when("Initiate login URI", m::when_sp_flow()),
        m::required_when("Token endpoint", m::when_oauth()),
        m::logo_placeholder(),
        m::var_name("_", None),
        m::var_name("Sub Domain", Some("sub_domain")),
        m::var_name_too_long(1025),
        m::required_one_choice("Sign-in flows"),
        m::org_name_match("Acme", "a.okta.com", "b.okta.com"),
        m::import_done(1, 2, 3, 4),
        m::sync_skipped(2),
        m::sync_failed("QUOTA_BYTES quota exceeded"),
        m::unknown_error(),
        m::snapshot_unreadable("missing field `kind`"),
        s::headline(50, 1, 1, 0),
        s::headline(50, 2, 0, 7),
        s::guard_intro(1),
        s::guard_intro(3),
        s::current_org("a.okta.com", "00o1"),
        s::current_org("a.okta.com", ""),
        s::diagnostics_hidden("Client secret"),
        s::change_field("Description", "added"),
        s::change_field("Description", "removed"),
        s::change_field("Description", "changed"),
        s::change_variable_removed("region"),
        s::change_variable_added("region"),
        s::change_catalog_only(),
        s::SUBMISSION_SECTION.into(),
    ];
    all.extend([0.0, 120_000.0, 7_200_000.0, 90_000_000.0, 200_000_000.0].map(s::ago));
    all.extend(rows_found.into_iter().chain(rows_skipped));
    for api in ["ok", "refused", ""] {
        all.extend(s::list_diagnostics(0, 0, api, false, 0).0);
    }
    for text in &all {
        texts.sentence("helper", text);
    }
}

/// The popup board's words (facts, notes, buttons): built in the core (`popup_board`).
fn board_words(texts: &mut Texts) {
    use oin_helper::model::{DraftView, PopupView};
    use oin_helper::strings as s;
    let draft = |stale: bool, conflict: bool| DraftView {
        integration: "acme".into(),
        name: "Acme".into(),
        org: "a.okta.com".into(),
        org_id: "00o1".into(),
        status: "draft".into(),
        complete: 50,
        errors: 2,
        last_seen_text: s::ago(7_200_000.0),
        stale,
        submitter: "a.okta.com".into(),
        conflict,
        claims: vec!["a.okta.com".into(), "b.okta.com".into()],
        changes: vec![s::change_variable_added("region")],
        ..DraftView::default()
    };
    let view = PopupView {
        org_host: "a.okta.com".into(),
        drafts: vec![draft(false, false), draft(true, true)],
        ..PopupView::default()
    };
    let opened = oin_helper::popup_board::changes_body(&view.drafts[0]);
    for node in oin_helper::popup_board::board(&view)
        .walk()
        .into_iter()
        .chain(opened.walk())
    {
        if matches!(node.tag, "h3" | "span" | "summary" | "button") {
            texts.sentence(&format!("popup board {}", node.tag), &node.text);
        }
    }
}

/// Keys named in `src/` outside `src/wasm/` (the native core: what the handler and the helpers
/// above can reach).
fn core_keys() -> BTreeSet<String> {
    keys_used()
        .into_iter()
        .filter(|(_, file)| file.starts_with("src/") && !file.starts_with("src/wasm/"))
        .map(|(k, _)| k)
        .collect()
}

// ---- the tests -----------------------------------------------------------------------------

#[test]
fn no_user_facing_string_is_hard_coded() {
    let catalogue = pseudo();
    let mut seen: Seen = Default::default();
    i18n::with_catalogue(&catalogue, || {
        for (i, d) in bad_drafts().iter().enumerate() {
            for f in rules::check(d) {
                seen.0.finding(&format!("draft {i}"), &f);
                seen.1.insert(f.rule.clone());
            }
        }
        run_handler(&mut seen);
        helpers(&mut seen.0);
        board_words(&mut seen.0);
    });
    let (texts, rule_ids) = seen;
    texts.assert_clean();
    // Which catalogue messages the run produced: each one's text before its first `$`.
    let pseudo_catalogue: Map<String, Value> = serde_json::from_str(&catalogue).unwrap();
    let unexercised: Vec<&String> = pseudo_catalogue
        .iter()
        .filter(|(_, e)| {
            let m = e["message"].as_str().unwrap();
            let head = m.split('$').next().unwrap();
            let tail = m
                .rsplit('$')
                .next()
                .unwrap()
                .trim_start_matches(|c: char| c.is_ascii_digit());
            !texts
                .seen
                .iter()
                .any(|(_, t)| t.contains(head) && t.contains(tail))
        })
        .map(|(k, _)| k)
        .collect();
    // Every message of the core was produced and checked at least once (the wasm UI's words
    // are checked by `the_wasm_ui_writes_no_sentence`).
    let core = core_keys();
    let missed: Vec<&&String> = unexercised
        .iter()
        .filter(|k| core.contains(k.as_str()))
        .collect();
    assert!(
        missed.is_empty(),
        "no case produces the message of {missed:?}"
    );
    let every: BTreeSet<String> = RULES.iter().map(|(id, ..)| id.to_string()).collect();
    let missed: Vec<&String> = every.difference(&rule_ids).collect();
    assert!(
        missed.is_empty(),
        "no pseudo-locale case triggers {missed:?}"
    );
    assert!(
        texts.seen.len() > 200,
        "only {} texts checked",
        texts.seen.len()
    );
}

#[test]
fn english_is_unchanged_outside_the_pseudo_locale() {
    // The override is scoped: the same draft reads in English before and after.
    let d = draft(&[], vec![("catalog.display_name", text(""))]);
    let english = |d: &oin_helper::draft::Draft| {
        rules::check(d)
            .into_iter()
            .map(|f| f.message)
            .collect::<Vec<_>>()
    };
    let before = english(&d);
    let during = i18n::with_catalogue(&pseudo(), || english(&d));
    assert_eq!(before, english(&d));
    assert!(
        before.contains(&"Display name is required.".to_string()),
        "{before:?}"
    );
    assert!(during.iter().all(|m| m.starts_with(OPEN)), "{during:?}");
}

// ---- the catalogue and its use -------------------------------------------------------------

fn files_under(dir: &Path, ext: &[&str], out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "_locales") {
                files_under(&path, ext, out);
            }
        } else if path
            .extension()
            .is_some_and(|x| ext.iter().any(|e| x == *e))
        {
            out.push(path);
        }
    }
}

/// The string literal right after each occurrence of `marker` (`t("`, `getMessage('`…).
fn literals_after(text: &str, marker: &str, end: char) -> Vec<String> {
    text.match_indices(marker)
        .filter_map(|(i, _)| {
            let rest = &text[i + marker.len()..];
            rest.find(end).map(|j| rest[..j].to_string())
        })
        .collect()
}

/// Every key the code names, with the file that names it: Rust's `t("…"` and `Text("…")`,
/// JavaScript's `getMessage('…'`, HTML's `data-i18n="…"`, the manifest's `__MSG_…__`.
fn keys_used() -> Vec<(String, String)> {
    let mut files = Vec::new();
    files_under(&root().join("src"), &["rs"], &mut files);
    files_under(
        &root().join("extension"),
        &["js", "html", "json"],
        &mut files,
    );
    let mut used = Vec::new();
    for file in files {
        let mut text = std::fs::read_to_string(&file).unwrap();
        // Unit tests may name keys that do not exist (to test the fallback).
        if let Some(tests) = text.find("#[cfg(test)]") {
            text.truncate(tests);
        }
        let name = file.strip_prefix(root()).unwrap().display().to_string();
        let mut keys = Vec::new();
        if name.ends_with(".rs") {
            for marker in ["t(", "Text("] {
                for (i, _) in text.match_indices(marker) {
                    // `t(` after a word character is another function (`set_text_content(`…).
                    let word_before =
                        text[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_');
                    let rest = text[i + marker.len()..].trim_start();
                    if (marker == "Text(" || !word_before) && rest.starts_with('"') {
                        keys.extend(rest[1..].split('"').next().map(str::to_string));
                    }
                }
            }
        } else {
            keys.extend(literals_after(&text, "getMessage('", '\''));
            keys.extend(literals_after(&text, "msg('", '\''));
            keys.extend(literals_after(&text, "data-i18n=\"", '"'));
            for (i, _) in text.match_indices("__MSG_") {
                let rest = &text[i + "__MSG_".len()..];
                if let Some(j) = rest.find("__") {
                    keys.push(rest[..j].to_string());
                }
            }
        }
        used.extend(keys.into_iter().map(|k| (k, name.clone())));
    }
    used
}

#[test]
fn code_and_catalogue_name_the_same_keys() {
    let catalogue = en();
    let used = keys_used();
    let missing: Vec<String> = used
        .iter()
        .filter(|(k, _)| !catalogue.contains_key(k.as_str()))
        .map(|(k, f)| format!("{f}: {k}"))
        .collect();
    assert!(
        missing.is_empty(),
        "keys used but not in messages.json:\n{}",
        missing.join("\n")
    );
    let named: BTreeSet<&str> = used.iter().map(|(k, _)| k.as_str()).collect();
    let unused: Vec<&String> = catalogue
        .keys()
        .filter(|k| !named.contains(k.as_str()))
        .collect();
    assert!(
        unused.is_empty(),
        "keys in messages.json that nothing uses: {unused:?}"
    );
    // The scan itself works: it sees Rust, JavaScript, HTML and the manifest.
    for (key, file) in [
        ("required", "src/messages.rs"),
        ("rule_required", "src/settings.rs"),
        ("page_start_failed", "extension/popup/popup.js"),
        ("page_loading", "extension/popup/popup.html"),
        ("ext_description", "extension/manifest.json"),
    ] {
        assert!(
            used.iter().any(|(k, f)| k == key && f == file),
            "the key scan missed {key} in {file}"
        );
    }
}

/// `$` misuse in a message. Chrome drops `$` before anything but a digit 1-9 or `$`, reads
/// `$1$` as the named placeholder "1" (and refuses to load the extension when it is not
/// defined), and Firefox reads `$10` as the tenth argument.
fn dollar_problems(key: &str, message: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let chars: Vec<char> = message.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '$' {
            i += 1;
            continue;
        }
        match chars.get(i + 1) {
            Some('$') => i += 2,
            Some(d @ '1'..='9') => {
                if let Some(c) = chars
                    .get(i + 2)
                    .filter(|c| c.is_ascii_digit() || **c == '$')
                {
                    problems.push(format!("{key}: ${d} followed by {c:?}"));
                }
                i += 2;
            }
            other => {
                problems.push(format!("{key}: lone $ before {other:?}; write $$"));
                i += 1;
            }
        }
    }
    problems
}

#[test]
fn the_english_catalogue_is_valid_for_chrome_and_firefox() {
    let catalogue = en();
    assert!(!catalogue.is_empty());
    let mut problems = Vec::new();
    for (key, entry) in &catalogue {
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            problems.push(format!("{key}: keys are [a-z0-9_]+"));
        }
        let Some(message) = entry.get("message").and_then(Value::as_str) else {
            problems.push(format!("{key}: no \"message\" string"));
            continue;
        };
        if message.is_empty() {
            problems.push(format!(
                "{key}: empty message (getMessage would report it missing)"
            ));
        }
        if entry
            .get("description")
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
        {
            problems.push(format!("{key}: no description for translators"));
        }
        if entry.get("placeholders").is_some() {
            problems.push(format!(
                "{key}: named placeholders are not substituted by Rust; use $1..$9"
            ));
        }
        problems.extend(dollar_problems(key, message));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Chrome limits the store description to 132 characters.
    assert!(
        catalogue["ext_description"]["message"]
            .as_str()
            .unwrap()
            .chars()
            .count()
            <= 132
    );
    // `_locales` and `default_locale` go together, or Chrome refuses the extension.
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("extension/manifest.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(manifest["default_locale"], "en");
    assert!(root().join("extension/_locales/en/messages.json").is_file());
    // The compiled-in catalogue (build.rs) is this file's keys and messages.
    let compiled: Vec<(String, String)> = i18n::english_entries()
        .map(|(key, message)| (key.to_string(), message.to_string()))
        .collect();
    let parsed: Vec<(String, String)> = i18n::parse(&en_text()).into_iter().collect();
    assert_eq!(compiled, parsed);
}

#[test]
fn every_locale_names_only_english_keys_and_keeps_substitutions() {
    let english = en();
    let dir = root().join("extension/_locales");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path().join("messages.json");
        let lang = path
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let catalogue: Map<String, Value> =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{lang}: {e}"));
        for (key, entry) in &catalogue {
            let en_message = english
                .get(key)
                .unwrap_or_else(|| panic!("{lang}: {key} is not an English key"))["message"]
                .as_str()
                .unwrap();
            let message = entry["message"]
                .as_str()
                .unwrap_or_else(|| panic!("{lang}: {key} has no message"));
            let dollars = dollar_problems(key, message);
            assert!(dollars.is_empty(), "{lang}: {dollars:?}");
            let args = |m: &str| -> BTreeSet<String> {
                let chars: Vec<char> = m.chars().collect();
                chars
                    .windows(2)
                    .filter(|w| w[0] == '$' && w[1].is_ascii_digit())
                    .map(|w| w.iter().collect())
                    .collect()
            };
            assert_eq!(
                args(message),
                args(en_message),
                "{lang}: {key} must use the same $n as English"
            );
        }
    }
}

/// String literals of Rust source, outside comments and `#[cfg(test)]` (enough for this code:
/// no raw strings, no `"` inside char literals).
fn rust_literals(source: &str) -> Vec<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or("");
    let mut out = Vec::new();
    for line in code.lines() {
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '/' && chars.peek() == Some(&'/') {
                break;
            }
            if c != '"' {
                continue;
            }
            let mut literal = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => literal.extend(chars.next()),
                    '"' => break,
                    c => literal.push(c),
                }
            }
            out.push(literal);
        }
    }
    out
}

#[test]
fn the_wasm_ui_writes_no_sentence() {
    // The popup and the options page run only in a browser, so the pseudo-locale cannot reach
    // them natively: their source is checked instead. A literal of two words or more is a
    // sentence someone will read, unless it is one of these developer-only errors (a page
    // without a document, a value serde cannot write: neither happens to a user; a failed save
    // or a worker callback that threw, logged to the worker's console for whoever debugs it).
    let developer_only = [
        "OIN Helper could not save its data:",
        "OIN Helper could not deliver an answer:",
        "popup root has no document",
        "options root has no document",
        "the value cannot be written as JSON",
    ];
    let mut files = Vec::new();
    files_under(&root().join("src/wasm"), &["rs"], &mut files);
    assert!(files.len() >= 5, "src/wasm not found");
    let mut problems = Vec::new();
    for file in files {
        for literal in rust_literals(&std::fs::read_to_string(&file).unwrap()) {
            let words = literal
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphabetic))
                .count();
            if words >= 2 && !developer_only.contains(&literal.as_str()) {
                problems.push(format!("{}: {literal:?}", file.display()));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "words written in the wasm UI instead of the catalogue:\n{}",
        problems.join("\n")
    );
    // The scan sees literals (a sentence put back would be caught).
    assert_eq!(
        rust_literals("let a = f(\"Two words\", \"x\\\"y\"); // \"not this\""),
        ["Two words", "x\"y"]
    );
}

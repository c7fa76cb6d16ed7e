//! Property tests: the pure core never panics on any input a page, the network or storage can
//! hand it (README invariant 4, issue 7 "never panics on any input"). Each property runs a fixed
//! number of generated cases (see `CASES`); `PROPTEST_CASES=N` overrides every count, which is
//! what `make fuzz` does when no nightly `cargo fuzz` is available.
//!
//! Inputs are built two ways: mutations of the real page snapshots in
//! `tests/fixtures/snapshots/` (so generated pages get deep into mapping, rules and the handler)
//! and snapshots assembled from scratch out of catalogue words, console words and hostile strings
//! (huge values, bidi overrides, zero-width characters, markup, lone expression braces, odd URLs).

#![cfg(not(target_arch = "wasm32"))]
// Test helpers: a malformed fixture should stop the run loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod json_common;
use json_common::{holds, same_json};
use oin_helper::catalogue::{Kind, FIELDS, SECTIONS};
use oin_helper::completeness;
use oin_helper::draft::Draft;
use oin_helper::handler::handle;
use oin_helper::image::{self, Format};
use oin_helper::model::{
    Button, Cell, Control, FileMeta, Heading, ImageMeta, LabelCandidates, ListRow, PageSnapshot,
    Request, Response,
};
use oin_helper::org::{self, Site};
use oin_helper::page::{analyse, list_rows, recognise, skipped_rows};
use oin_helper::registry::Registry;
use oin_helper::rules::{self, expression, Ctx};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::Config;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;

/// Cases per property in `make test` (debug build; about a minute on two idle cores). Sum:
/// 104,000 (plus the 1,000 corruptions of `tests/registry_corruption.rs`).
mod cases {
    pub const SEEDED_PIPELINE: u32 = 5_000;
    pub const SCRATCH_PIPELINE: u32 = 4_000;
    pub const HANDLER_REQUESTS: u32 = 1_500;
    pub const SNAPSHOT_JSON: u32 = 5_000;
    pub const RULES_ON_ANY_VALUE: u32 = 1_500;
    pub const EXPRESSIONS: u32 = 15_000;
    pub const HOSTS: u32 = 25_000;
    pub const IMAGE_HEADERS: u32 = 40_000;
    pub const REGISTRY_VALUES: u32 = 4_000;
    pub const REGISTRY_TEXT: u32 = 3_000;
}

/// Proptest settings: a case count (overridden by `PROPTEST_CASES`), no regression files
/// written into the source tree (a failure found here becomes a named regression test instead).
fn config(default_cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default_cases);
    Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2_000,
        ..Config::default()
    }
}

// ------------------------------------------------------------------------------------ strings

/// Fragments that mean something to some part of the core, and fragments that attack it.
const PIECES: &[&str] = &[
    "",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\u{00A0}",
    "\u{202E}",
    "\u{202D}",
    "\u{200B}",
    "\u{200D}",
    "\u{2060}",
    "\u{FEFF}",
    "\u{0301}",
    "\u{0130}",
    "\u{1E9E}",
    "\u{FB03}",
    "é",
    "ß",
    "İ",
    "\u{10FFFF}",
    "🙂",
    "👩‍💻",
    "\0",
    "\u{7F}",
    "\u{FFFD}",
    "<script>window.__oinTrap=1</script>",
    "<img src=x onerror=alert(1)>",
    "</oin-helper>",
    "javascript:alert(1)",
    "&lt;b&gt;",
    "${",
    "{",
    "}",
    "$",
    "'",
    "\"",
    "+",
    "\\",
    "https://",
    "http://",
    "https://acme-admin.okta.com",
    "https://integrator-1000001-admin.okta.com/admin/oin/integrations/acme_x_1/edit",
    ":",
    ":443",
    "/",
    "//",
    "?",
    "#",
    "@",
    ".",
    "-",
    "_",
    "%",
    "%2e",
    "org.",
    "app.",
    "org.subdomain",
    "app.baseURL",
    "${org.subdomain}",
    "{app.subdomain}",
    "{appName}",
    "' + app.subdomain + '",
    "user.email",
    "subdomain",
    "okta.com",
    "-admin",
    "oktapreview.com",
    "okta-emea.com",
    "xn--",
    "00o1000001AAAAAAAAA1",
    "display name",
    "Display name *",
    "description",
    "(optional)",
    "(required)",
    "*",
    "label",
    "name",
    "acs url",
    "index",
    "Draft",
    "Published",
    "OIN to review",
    "ISV to review",
    "In progress",
    "Version 2",
    "Submit for Review",
    "Submit integration",
    "Last test run: ",
    "2026-11-28T12:00:00Z",
    "9999-99-99T99:99:99Z",
    "-001-01-01T00:00Z",
    "Admins from the linked Okta org ",
    "integrator-1000001.okta.com",
    "gmail.com",
    "isvtest@okta.com",
    "a@b.c",
    "99999999999999999999999",
    "-1",
    "0",
    "65535",
    "70000",
    "SAML 2.0",
    "OIDC",
    "SCIM 2.0 provisioning",
    "Universal Logout",
    "capabilities",
    "Header",
    "Bearer",
    "OAuth 2",
    "Basic",
    "Select…",
    "Create",
    "Read",
    "Group push",
];

/// Console words that make a generated page look like an OIN page.
const CONSOLE_WORDS: &[&str] = &[
    "Add integration capabilities",
    "Add integration details",
    "Configure your integration",
    "Test your integration",
    "OIN catalog properties",
    "Tenant settings",
    "Integration variables",
    "Support contact",
    "Public support contact",
    "SAML properties",
    "OIDC properties",
    "SCIM properties",
    "Authentication settings",
    "Universal Logout",
    "Testing information for Okta review",
    "Your OIN Integrations",
    "My submissions",
    "This integration is read-only",
    "App Integration / Version 2 / IN PROGRESS",
    "Submit for Review",
    "Submit integration",
    "Build new OIN integration",
    "Add New Submission",
    "Edit integration",
    "Update",
    "Edit",
    "Save",
    "Next",
];

/// URLs the core must classify: real console pages, look-alikes and nonsense.
const URLS: &[&str] = &[
    "https://integrator-1000001-admin.okta.com/admin/oin/integrations",
    "https://integrator-1000001-admin.okta.com/admin/oin/integrations/acme_x_1/edit/details",
    "https://integrator-2000002-admin.okta.com/admin/oin/integrations/acme_x_1/edit?tab=saml",
    "https://oinmanager.okta.com/submissions/acme_kiwi_1/edit?tab=general",
    "https://oinmanager.okta.com/",
    "https://dev-1-admin.oktapreview.com/admin/oin?submissionId=acme_y_22",
    "https://acme-admin.okta-emea.com/",
    "https://acme.okta.com/app/UserHome",
    "https://ACME-ADMIN.OKTA.COM.:443/x",
    "https://acme-admin.okta.com@evil.com/",
    "https://evil.com/acme-admin.okta.com",
    "https://xn--acme-admin-x.okta.com/",
    "https://аcme-admin.okta.com/",
    "https://-admin.okta.com/",
    "https://a.b-admin.okta.com/",
    "https://acme-admin.okta.com:/",
    "https://acme-admin.okta.com:99999999999999999999/",
    "https://[::1]/",
    "https://127.0.0.1/",
    "https://",
    "https:///",
    "http://acme-admin.okta.com/",
    "javascript:alert(1)//acme-admin.okta.com",
    "data:text/html,<script>",
    "chrome-extension://abc/popup/popup.html",
    "about:blank",
    "",
];

/// Every label and heading the catalogue knows, so generated controls land on real fields.
fn catalogue_words() -> &'static [String] {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: Vec<String> = FIELDS
            .iter()
            .flat_map(|f| f.labels.iter().map(|(label, _)| label.to_string()))
            .collect();
        words.extend(FIELDS.iter().map(|f| f.name.to_string()));
        for s in SECTIONS {
            words.extend(s.headings().iter().map(|h| h.to_string()));
        }
        words.sort();
        words.dedup();
        words
    })
}

/// A very long string made of one fragment (up to ~70,000 bytes).
fn huge() -> BoxedStrategy<String> {
    (select(PIECES), 1_000usize..70_000)
        .prop_map(|(piece, bytes)| piece.repeat(bytes / piece.len().max(1)))
        .boxed()
}

/// Any string: fragments glued together, arbitrary Unicode, or (rarely) a huge one.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        5 => vec(select(PIECES), 0..10).prop_map(|v| v.concat()),
        3 => any::<String>(),
        2 => "\\PC{0,40}",
        2 => select(catalogue_words()),
        1 => select(CONSOLE_WORDS).prop_map(str::to_string),
        1 => huge(),
    ]
    .boxed()
}

/// Mostly short strings (for the many small fields of a snapshot), sometimes anything.
fn small_text() -> BoxedStrategy<String> {
    prop_oneof![
        6 => Just(String::new()),
        4 => select(catalogue_words()),
        2 => select(PIECES).prop_map(str::to_string),
        3 => vec(select(PIECES), 0..6).prop_map(|v| v.concat()),
        1 => text(),
    ]
    .boxed()
}

fn url() -> BoxedStrategy<String> {
    prop_oneof![
        4 => select(URLS).prop_map(str::to_string),
        // Admin-looking hosts with odd labels (hyphen runs, 63-character limits).
        2 => ("[a-z0-9-]{0,4}(-admin|--admin|-admin-admin)?|[a-z0-9-]{55,66}-admin", select(vec![".okta.com", ".oktapreview.com", ".okta-emea.com", ".okta.com.", ".evil.com"]), select(vec!["/", "", "/admin/oin?x#y", ":443/"]))
            .prop_map(|(sub, domain, path)| format!("https://{sub}{domain}{path}")),
        2 => (select(URLS), text()).prop_map(|(u, t)| format!("{u}{t}")),
        2 => ("https://", text(), select(PIECES), text())
            .prop_map(|(a, b, c, d)| format!("{a}{b}{c}{d}")),
        1 => text(),
    ]
    .boxed()
}

fn bytes() -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        3 => vec(any::<u8>(), 0..64),
        2 => (select(vec![
            vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R'],
            b"GIF89a".to_vec(),
            b"GIF87a".to_vec(),
            vec![0xFF, 0xD8, 0xFF],
            vec![0xFF, 0xD8],
        ]), vec(any::<u8>(), 0..48))
            .prop_map(|(mut head, tail)| {
                head.extend(tail);
                head
            }),
        1 => jpeg_segments(),
        1 => vec(any::<u8>(), 0..4096),
    ]
    .boxed()
}

/// A JPEG made of random segments (markers, lengths, fill bytes): walks the segment parser.
fn jpeg_segments() -> BoxedStrategy<Vec<u8>> {
    vec(
        (
            prop_oneof![
                Just(0xC0u8),
                Just(0xC4),
                Just(0xCC),
                Just(0xDA),
                Just(0xD9),
                Just(0x01),
                Just(0xE0),
                any::<u8>()
            ],
            0usize..4,
            any::<u16>(),
            vec(any::<u8>(), 0..12),
        ),
        0..8,
    )
    .prop_map(|segments| {
        let mut b = vec![0xFF, 0xD8];
        for (marker, fill, len, body) in segments {
            b.extend(std::iter::repeat_n(0xFF, fill + 1));
            b.push(marker);
            b.extend(len.to_be_bytes());
            b.extend(body);
        }
        b
    })
    .boxed()
}

// ---------------------------------------------------------------------------------- snapshots

fn heading() -> BoxedStrategy<Heading> {
    (
        prop_oneof![Just(1u8), Just(2), Just(3), Just(0), any::<u8>()],
        prop_oneof![
            3 => select(CONSOLE_WORDS).prop_map(str::to_string),
            2 => select(catalogue_words()),
            2 => text()
        ],
    )
        .prop_map(|(level, text)| Heading { level, text })
        .boxed()
}

fn button() -> BoxedStrategy<Button> {
    (
        any::<u32>(),
        prop_oneof![select(CONSOLE_WORDS).prop_map(str::to_string), text()],
        any::<bool>(),
    )
        .prop_map(|(id, text, disabled)| Button { id, text, disabled })
        .boxed()
}

fn label_candidates() -> BoxedStrategy<LabelCandidates> {
    (
        prop_oneof![3 => select(catalogue_words()), 1 => text()],
        small_text(),
        small_text(),
        small_text(),
        prop_oneof![select(CONSOLE_WORDS).prop_map(str::to_string), small_text()],
        small_text(),
        small_text(),
        small_text(),
        small_text(),
    )
        .prop_map(
            |(
                label,
                aria_label,
                labelled_by,
                legend,
                heading,
                placeholder,
                name,
                dom_id,
                data_se,
            )| {
                LabelCandidates {
                    label,
                    aria_label,
                    labelled_by,
                    legend,
                    heading,
                    placeholder,
                    name,
                    dom_id,
                    data_se,
                }
            },
        )
        .boxed()
}

fn file_meta() -> BoxedStrategy<FileMeta> {
    (small_text(), any::<u64>(), small_text(), bytes())
        .prop_map(|(name, size, mime, head)| FileMeta {
            name,
            size,
            mime,
            head,
        })
        .boxed()
}

fn image_meta() -> BoxedStrategy<ImageMeta> {
    (any::<u32>(), any::<u32>(), small_text(), small_text())
        .prop_map(|(width, height, src, alt)| ImageMeta {
            width,
            height,
            src,
            alt,
        })
        .boxed()
}

fn control() -> BoxedStrategy<Control> {
    (
        (
            0u32..64,
            select(vec!["input", "textarea", "select", "custom", "div"]),
            select(vec![
                "text", "url", "email", "password", "checkbox", "radio", "file", "", "CHECKBOX",
            ]),
            label_candidates(),
            text(),
        ),
        (
            any::<bool>(),
            any::<bool>(),
            proptest::option::of(any::<bool>()),
            prop_oneof![
                small_text(),
                select(vec![
                    "SAML 2.0",
                    "OIDC",
                    "SCIM 2.0 provisioning",
                    "Universal Logout",
                    "Yes",
                    "No",
                    "SP",
                    "IdP"
                ])
                .prop_map(str::to_string)
            ],
            prop_oneof![9 => Just(false), 1 => Just(true)],
            any::<bool>(),
            proptest::option::of(prop_oneof![0u32..5, any::<u32>()]),
            proptest::option::weighted(0.1, file_meta()),
            proptest::option::weighted(0.1, image_meta()),
        ),
    )
        .prop_map(
            |(
                (id, tag, kind, labels, value),
                (secret, filled, checked, option, hidden, disabled, row, file, preview),
            )| {
                Control {
                    id,
                    tag: tag.into(),
                    kind: kind.into(),
                    labels,
                    value,
                    secret,
                    filled,
                    checked,
                    option,
                    hidden,
                    disabled,
                    row,
                    file,
                    preview,
                }
            },
        )
        .boxed()
}

fn list_row() -> BoxedStrategy<ListRow> {
    (
        any::<u32>(),
        vec(
            prop_oneof![
                select(vec![
                    "Acme",
                    "Draft",
                    "Published",
                    "OIN to review",
                    "ISV needs to review",
                    "Published version",
                    "In-progress version",
                    "Jan 5, 2026",
                    "2026-01-05",
                    "Name",
                    "Status"
                ])
                .prop_map(str::to_string),
                text()
            ],
            0..6,
        ),
        vec(
            prop_oneof![
                select(vec!["Edit", "Update", "View", "Edit integration"]).prop_map(str::to_string),
                text()
            ],
            0..3,
        ),
        vec(url(), 0..3),
    )
        .prop_map(|(id, cells, actions, links)| ListRow {
            id,
            cells,
            actions,
            links,
        })
        .boxed()
}

prop_compose! {
    /// A snapshot assembled from scratch.
    fn scratch_snapshot()(
        url in url(),
        title in prop_oneof![small_text(), Just("Your OIN Integrations | Okta Admin Console".to_string())],
        headings in vec(heading(), 0..6),
        buttons in vec(button(), 0..4),
        controls in vec(control(), 0..14),
        rows in vec(list_row(), 0..5),
        texts in vec(text(), 0..4),
        user in proptest::option::of(text()),
    ) -> PageSnapshot {
        PageSnapshot { url, title, headings, buttons, controls, rows, texts, user }
    }
}

/// The real page snapshots of the fixture files (form steps of both tools, lists, other pages).
fn seeds() -> &'static [PageSnapshot] {
    static SEEDS: OnceLock<Vec<PageSnapshot>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/snapshots");
        let mut out = Vec::new();
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for path in files {
            let cases: Vec<Value> =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            for case in cases {
                out.push(serde_json::from_value(case["snapshot"].clone()).unwrap());
            }
        }
        assert!(
            out.len() > 20,
            "expected the snapshot fixtures in {}",
            dir.display()
        );
        out
    })
}

/// One change to a real snapshot.
#[derive(Debug, Clone)]
enum Mutation {
    Url(String),
    Title(String),
    Heading(usize, Heading),
    Button(usize, Button),
    Value(usize, String),
    Label(usize, u8, String),
    Option(usize, String),
    Kind(usize, String),
    Row(usize, Option<u32>),
    Checked(usize, Option<bool>),
    Hidden(usize, bool),
    File(usize, Option<FileMeta>),
    Preview(usize, Option<ImageMeta>),
    Id(usize, u32),
    Duplicate(usize, usize),
    Remove(usize),
    Insert(usize, Box<Control>),
    Cell(usize, usize, String),
    Link(usize, String),
    NewRow(ListRow),
    Text(usize, String),
    User(Option<String>),
}

fn mutation() -> BoxedStrategy<Mutation> {
    let i = any::<prop::sample::Index>().prop_map(|ix| ix.index(usize::MAX));
    prop_oneof![
        1 => url().prop_map(Mutation::Url),
        1 => text().prop_map(Mutation::Title),
        1 => (i.clone(), heading()).prop_map(|(i, h)| Mutation::Heading(i, h)),
        1 => (i.clone(), button()).prop_map(|(i, b)| Mutation::Button(i, b)),
        6 => (i.clone(), text()).prop_map(|(i, t)| Mutation::Value(i, t)),
        4 => (i.clone(), 0u8..9, text()).prop_map(|(i, w, t)| Mutation::Label(i, w, t)),
        1 => (i.clone(), text()).prop_map(|(i, t)| Mutation::Option(i, t)),
        1 => (i.clone(), select(vec!["checkbox", "radio", "file", "password", "text", "url"]).prop_map(str::to_string)).prop_map(|(i, t)| Mutation::Kind(i, t)),
        1 => (i.clone(), proptest::option::of(any::<u32>())).prop_map(|(i, r)| Mutation::Row(i, r)),
        1 => (i.clone(), proptest::option::of(any::<bool>())).prop_map(|(i, c)| Mutation::Checked(i, c)),
        1 => (i.clone(), any::<bool>()).prop_map(|(i, h)| Mutation::Hidden(i, h)),
        1 => (i.clone(), proptest::option::of(file_meta())).prop_map(|(i, f)| Mutation::File(i, f)),
        1 => (i.clone(), proptest::option::of(image_meta())).prop_map(|(i, p)| Mutation::Preview(i, p)),
        1 => (i.clone(), prop_oneof![0u32..8, any::<u32>()]).prop_map(|(i, id)| Mutation::Id(i, id)),
        1 => (i.clone(), 1usize..40).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        1 => i.clone().prop_map(Mutation::Remove),
        1 => (i.clone(), control()).prop_map(|(i, c)| Mutation::Insert(i, Box::new(c))),
        3 => (i.clone(), i.clone(), text()).prop_map(|(r, c, t)| Mutation::Cell(r, c, t)),
        1 => (i.clone(), url()).prop_map(|(r, l)| Mutation::Link(r, l)),
        1 => list_row().prop_map(Mutation::NewRow),
        1 => (i, text()).prop_map(|(i, t)| Mutation::Text(i, t)),
        1 => proptest::option::of(text()).prop_map(Mutation::User),
    ]
    .boxed()
}

fn apply(s: &mut PageSnapshot, m: Mutation) {
    fn at<T>(v: &mut [T], i: usize) -> Option<&mut T> {
        let n = v.len();
        if n == 0 {
            None
        } else {
            v.get_mut(i % n)
        }
    }
    match m {
        Mutation::Url(u) => s.url = u,
        Mutation::Title(t) => s.title = t,
        Mutation::Heading(i, h) => match at(&mut s.headings, i) {
            Some(x) => *x = h,
            None => s.headings.push(h),
        },
        Mutation::Button(i, b) => match at(&mut s.buttons, i) {
            Some(x) => *x = b,
            None => s.buttons.push(b),
        },
        Mutation::Value(i, t) => {
            if let Some(c) = at(&mut s.controls, i) {
                c.filled = !t.trim().is_empty();
                c.value = t;
            }
        }
        Mutation::Label(i, which, t) => {
            if let Some(c) = at(&mut s.controls, i) {
                let l = &mut c.labels;
                *match which {
                    0 => &mut l.label,
                    1 => &mut l.aria_label,
                    2 => &mut l.labelled_by,
                    3 => &mut l.legend,
                    4 => &mut l.heading,
                    5 => &mut l.placeholder,
                    6 => &mut l.name,
                    7 => &mut l.dom_id,
                    _ => &mut l.data_se,
                } = t;
            }
        }
        Mutation::Option(i, t) => {
            if let Some(c) = at(&mut s.controls, i) {
                c.option = t;
            }
        }
        Mutation::Kind(i, t) => {
            if let Some(c) = at(&mut s.controls, i) {
                c.kind = t;
            }
        }
        Mutation::Row(i, r) => {
            if let Some(c) = at(&mut s.controls, i) {
                c.row = r;
            }
        }
        Mutation::Checked(i, v) => {
            if let Some(c) = at(&mut s.controls, i) {
                c.checked = v;
            }
        }
        Mutation::Hidden(i, v) => {
            if let Some(c) = at(&mut s.controls, i) {
                c.hidden = v;
            }
        }
        Mutation::File(i, f) => {
            if let Some(c) = at(&mut s.controls, i) {
                c.file = f;
            }
        }
        Mutation::Preview(i, p) => {
            if let Some(c) = at(&mut s.controls, i) {
                c.preview = p;
            }
        }
        Mutation::Id(i, id) => {
            if let Some(c) = at(&mut s.controls, i) {
                c.id = id;
            }
        }
        Mutation::Duplicate(i, n) => {
            if let Some(c) = at(&mut s.controls, i).cloned() {
                for _ in 0..n {
                    s.controls.push(c.clone());
                }
            }
        }
        Mutation::Remove(i) => {
            if !s.controls.is_empty() {
                let n = s.controls.len();
                s.controls.remove(i % n);
            }
        }
        Mutation::Insert(i, c) => {
            let n = s.controls.len() + 1;
            s.controls.insert(i % n, *c);
        }
        Mutation::Cell(r, c, t) => match at(&mut s.rows, r) {
            Some(row) => match at(&mut row.cells, c) {
                Some(cell) => *cell = t,
                None => row.cells.push(t),
            },
            None => s.texts.push(t),
        },
        Mutation::Link(r, l) => {
            if let Some(row) = at(&mut s.rows, r) {
                row.links.push(l);
            }
        }
        Mutation::NewRow(row) => s.rows.push(row),
        Mutation::Text(i, t) => match at(&mut s.texts, i) {
            Some(x) => *x = t,
            None => s.texts.push(t),
        },
        Mutation::User(u) => s.user = u,
    }
}

prop_compose! {
    /// A real snapshot with a few mutations.
    fn seeded_snapshot()(
        seed in any::<prop::sample::Index>(),
        mutations in vec(mutation(), 0..6),
    ) -> PageSnapshot {
        let all = seeds();
        let mut s = all[seed.index(all.len())].clone();
        for m in mutations {
            apply(&mut s, m);
        }
        s
    }
}

/// A plausible `Date.now()` (whole milliseconds), or an extreme one. Whole numbers up to 2^50
/// (year ~37,000): above 2^52 serde_json's default number reader may land one unit in the last
/// place off, which only an absurd clock could reach.
fn now() -> BoxedStrategy<f64> {
    prop_oneof![
        8 => (1.7e12f64..1.9e12).prop_map(f64::trunc),
        1 => Just(0.0),
        1 => (-1.1e15f64..1.1e15).prop_map(f64::trunc),
    ]
    .boxed()
}

/// Registries equal up to the last bits of fractional numbers (see [`same_json`]).
fn same_registry(a: &Registry, b: &Registry) -> bool {
    same_json(
        &serde_json::to_value(a).unwrap(),
        &serde_json::to_value(b).unwrap(),
    )
}

// ------------------------------------------------------------------------------------ checks

/// The whole path a snapshot takes in the worker, plus the invariants a user would notice.
fn run_pipeline(snapshots: Vec<PageSnapshot>, mut now: f64) -> Result<(), TestCaseError> {
    let mut registry = Registry::default();
    for snapshot in snapshots {
        let (info, mapping) = analyse(&snapshot);
        prop_assert_eq!(recognise(&snapshot), info.clone());
        let rows = list_rows(&snapshot);
        prop_assert_eq!(rows.len() + skipped_rows(&snapshot), snapshot.rows.len());
        let mut draft = Draft::default();
        draft.absorb(mapping.cells.clone(), &info.sections);
        if let Some(caps) = &info.capabilities {
            draft.capabilities = caps.iter().map(|s| s.key().to_string()).collect();
        }
        let findings = rules::check(&draft);
        let score = completeness::score(&draft, &findings);
        prop_assert!(score.complete <= 100);
        for s in &score.sections {
            prop_assert!(s.complete <= 100);
        }

        let outcome = handle(
            registry,
            Request::Check {
                snapshot: snapshot.clone(),
            },
            now,
        );
        // The answer crosses to JavaScript as JSON.
        let wire = serde_json::to_string(&outcome.response).unwrap();
        prop_assert!(serde_json::from_str::<Response>(&wire).is_ok());
        if let Response::Plan(plan) = &outcome.response {
            if let Some(summary) = &plan.summary {
                prop_assert!(summary.complete <= 100);
            }
            // A banner's action only ever leads to an Okta admin host.
            for banner in plan
                .banner
                .iter()
                .chain(plan.rows.iter().filter_map(|r| r.banner.as_ref()))
            {
                if !banner.action_url.is_empty() {
                    prop_assert!(
                        matches!(org::site(&banner.action_url), Site::Admin { .. }),
                        "{}",
                        banner.action_url
                    );
                }
            }
        }
        registry = outcome.registry;
        // What the worker saves loads back unchanged.
        let saved = serde_json::to_value(&registry).unwrap();
        prop_assert_eq!(&Registry::from_stored(saved, now), &registry);
        now += 60_000.0;
    }
    let outcome = handle(registry, Request::Popup { url: None }, now);
    prop_assert!(matches!(outcome.response, Response::Popup(_)));
    Ok(())
}

/// A draft in which every catalogue field (of every section) holds values derived from `values`:
/// every rule runs on them.
fn draft_holding(
    values: &[String],
    ticked: &[bool],
    file: &Option<FileMeta>,
    image: &Option<ImageMeta>,
) -> Draft {
    let mut draft = Draft::default();
    for s in ["saml", "oidc", "scim", "ul"] {
        draft.capabilities.insert(s.to_string());
    }
    let value = |i: usize| {
        values
            .get(i % values.len().max(1))
            .cloned()
            .unwrap_or_default()
    };
    let tick = |i: usize| {
        ticked
            .get(i % ticked.len().max(1))
            .copied()
            .unwrap_or(false)
    };
    for (n, spec) in FIELDS.iter().enumerate() {
        let mut parts: Vec<&str> = spec.labels.iter().map(|(_, p)| *p).collect();
        parts.sort();
        parts.dedup();
        let cells = match spec.kind {
            Kind::Text => vec![Cell::text("", 0, &value(n))],
            Kind::List => (0..3)
                .map(|r| Cell::text("", r, &value(n + r as usize)))
                .collect(),
            Kind::Rows => (0..3u32)
                .flat_map(|r| parts.iter().enumerate().map(move |(k, p)| (r, k, *p)))
                .map(|(r, k, p)| Cell::text(p, r, &value(n + r as usize + k)))
                .collect(),
            Kind::Parts => parts
                .iter()
                .enumerate()
                .map(|(k, p)| Cell::text(p, 0, &value(n + k)))
                .collect(),
            Kind::Choice => (0..4)
                .map(|k| Cell::choice(&value(n + k), tick(n + k)))
                .collect(),
            Kind::Secret => vec![Cell {
                filled: tick(n),
                ..Cell::default()
            }],
            Kind::File => vec![Cell {
                file: file.clone(),
                image: image.clone(),
                filled: file.is_some(),
                ..Cell::default()
            }],
        };
        draft.cells.insert(spec.key.to_string(), cells);
    }
    draft.published_variables = values.iter().take(3).cloned().collect();
    draft
}

/// Arbitrary JSON, with registry-shaped objects near the top.
fn json_value() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        small_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            vec(
                (
                    prop_oneof![
                        select(vec![
                            "schema",
                            "revision",
                            "integrations",
                            "orgs",
                            "quarantine",
                            "id",
                            "name",
                            "submitters",
                            "published",
                            "drafts",
                            "org",
                            "host",
                            "how",
                            "at",
                            "status",
                            "complete",
                            "errors",
                            "last_seen",
                            "edit_url",
                            "draft",
                            "cells",
                            "findings",
                            "capabilities",
                            "reason",
                            "value"
                        ])
                        .prop_map(str::to_string),
                        small_text()
                    ],
                    inner
                ),
                0..6
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
    .boxed()
}

/// A stored registry: a real one (built by the handler from fixture pages) with damage, or
/// arbitrary JSON under the registry's keys.
fn stored_registry() -> BoxedStrategy<Value> {
    prop_oneof![
        2 => json_value(),
        2 => (vec(json_value(), 0..4), vec(json_value(), 0..3), json_value(), prop_oneof![Just(Value::from(1)), json_value()])
            .prop_map(|(integrations, orgs, quarantine, schema)| {
                let mut map = serde_json::Map::new();
                map.insert("schema".into(), schema);
                map.insert("revision".into(), Value::from(3));
                map.insert("integrations".into(), Value::Object(integrations.into_iter().enumerate().map(|(i, v)| (format!("int_{i}"), v)).collect()));
                map.insert("orgs".into(), Value::Object(orgs.into_iter().enumerate().map(|(i, v)| (format!("org{i}.okta.com"), v)).collect()));
                map.insert("quarantine".into(), quarantine);
                Value::Object(map)
            }),
        3 => (any::<prop::sample::Index>(), vec((any::<prop::sample::Index>(), json_value()), 1..4))
            .prop_map(|(which, damage)| {
                let mut value = real_registries()[which.index(real_registries().len())].clone();
                for (at, replacement) in damage {
                    replace_nth(&mut value, at, replacement);
                }
                value
            }),
    ]
    .boxed()
}

/// Registries as the handler leaves them after visiting the fixture pages.
fn real_registries() -> &'static [Value] {
    static REGS: OnceLock<Vec<Value>> = OnceLock::new();
    REGS.get_or_init(|| {
        let mut out = Vec::new();
        let mut registry = Registry::default();
        for (n, snapshot) in seeds().iter().enumerate() {
            registry = handle(
                registry,
                Request::Check {
                    snapshot: snapshot.clone(),
                },
                1.8e12 + n as f64,
            )
            .registry;
            if n % 7 == 0 {
                out.push(serde_json::to_value(&registry).unwrap());
            }
        }
        out.push(serde_json::to_value(&registry).unwrap());
        out
    })
}

/// Replaces the n-th node (pre-order, modulo the node count) of a JSON tree.
fn replace_nth(value: &mut Value, at: prop::sample::Index, replacement: Value) {
    fn count(v: &Value) -> usize {
        1 + match v {
            Value::Array(a) => a.iter().map(count).sum(),
            Value::Object(o) => o.values().map(count).sum(),
            _ => 0,
        }
    }
    fn walk(v: &mut Value, n: &mut usize, replacement: &mut Option<Value>) {
        if *n == 0 {
            if let Some(r) = replacement.take() {
                *v = r;
            }
            return;
        }
        *n -= 1;
        match v {
            Value::Array(a) => a.iter_mut().for_each(|c| walk(c, n, replacement)),
            Value::Object(o) => o.values_mut().for_each(|c| walk(c, n, replacement)),
            _ => {}
        }
    }
    let mut n = at.index(count(value));
    walk(value, &mut n, &mut Some(replacement));
}

// -------------------------------------------------------------------------------- properties

proptest! {
    #![proptest_config(config(cases::SEEDED_PIPELINE))]
    /// Real pages, mutated: recognise → map → rules → completeness → handler → save/load.
    #[test]
    fn mutated_real_pages_go_through_the_whole_pipeline(
        pages in vec(seeded_snapshot(), 1..4),
        now in now(),
    ) {
        run_pipeline(pages, now)?;
    }
}

proptest! {
    #![proptest_config(config(cases::SCRATCH_PIPELINE))]
    /// Pages assembled from scratch out of console words and hostile strings.
    #[test]
    fn generated_pages_go_through_the_whole_pipeline(
        pages in vec(scratch_snapshot(), 1..3),
        now in now(),
    ) {
        run_pipeline(pages, now)?;
    }
}

proptest! {
    #![proptest_config(config(cases::HANDLER_REQUESTS))]
    /// Every kind of request, in any order, on a registry that already knows integrations.
    #[test]
    fn any_request_sequence_is_handled(
        requests in vec(prop_oneof![
            3 => seeded_snapshot().prop_map(|snapshot| Request::Check { snapshot }),
            2 => (prop_oneof![select(vec!["integrator-1000001.okta.com", "oinmanager.okta.com", ""]).prop_map(str::to_string), text()],
                  any::<u16>(),
                  prop_oneof![Just(r#"{"id":"00o1000001AAAAAAAAA1"}"#.to_string()), text()],
                  proptest::option::of(prop_oneof![any::<f64>(), Just(f64::INFINITY), Just(f64::NAN), Just(1e308)]))
                .prop_map(|(host, status, body, retry_after)| Request::OrgLookup { host, status, body, retry_after }),
            2 => (prop_oneof![select(vec!["acme_strawberrycentral_1", "acme strawberry central"]).prop_map(str::to_string), text()], url())
                .prop_map(|(integration, url)| Request::PinSubmitter { integration, url }),
            1 => proptest::option::of(url()).prop_map(|url| Request::Popup { url }),
            2 => (prop_oneof![select(vec!["integrator-1000001.okta.com", "integrator-1000001-admin.okta.com", ""]).prop_map(str::to_string), text()],
                  prop_oneof![Just(200u16), any::<u16>()],
                  prop_oneof![submissions_body(), json_value().prop_map(|v| v.to_string()), text()],
                  prop_oneof![Just(String::new()), Just("<https://integrator-1000001-admin.okta.com/integrations/api/v1/submissions?limit=20&after=acme_x_1>; rel=\"next\"".to_string()), text()],
                  prop_oneof![0u32..3, any::<u32>()])
                .prop_map(|(host, status, body, link, page)| Request::Submissions { host, status, body, link, page }),
            1 => (text(), prop_oneof![Just("integrator-1000001.okta.com".to_string()), text()])
                .prop_map(|(integration, host)| Request::Highlight { integration, host }),
            2 => (prop_oneof![
                    real_export(),
                    stored_registry().prop_map(|v| v.to_string()),
                    text(),
                  ], proptest::option::of(url()))
                .prop_map(|(text, url)| Request::Import { text, url }),
            1 => Just(Request::Export),
        ], 1..8),
        now in now(),
    ) {
        let mut registry = real_registries().last().map(|v| Registry::from_stored(v.clone(), now)).unwrap();
        for request in requests {
            let outcome = handle(registry, request, now);
            serde_json::to_string(&outcome.response).unwrap();
            for effect in &outcome.effects {
                check_effect(effect)?;
            }
            registry = outcome.registry;
        }
    }
}

/// The only network requests the core ever asks the worker to make: the signed-in org's own
/// well-known endpoint (on its org host) and its submissions API (on its admin host).
fn check_effect(effect: &oin_helper::model::Effect) -> Result<(), TestCaseError> {
    let v = serde_json::to_value(effect).unwrap();
    let url = v["url"].as_str().unwrap_or("");
    let host = v["host"].as_str().unwrap_or("");
    match v["kind"].as_str().unwrap_or("") {
        "fetch-org-id" => {
            prop_assert_eq!(url, format!("https://{host}/.well-known/okta-organization"));
            prop_assert!(org::site(url) == Site::OrgHost, "{}", url);
        }
        "fetch-submissions" => {
            let admin = org::admin_host(host);
            prop_assert!(admin.is_some(), "{}", host);
            let prefix = format!("https://{}/integrations/api/v1/submissions", admin.unwrap());
            prop_assert!(url.starts_with(&prefix), "{} is not under {}", url, prefix);
        }
        other => prop_assert!(false, "unexpected effect {other}: {v}"),
    }
    Ok(())
}

/// A submissions API answer in the documented shape, with hostile values.
fn submissions_body() -> BoxedStrategy<String> {
    vec(
        (
            prop_oneof![Just("acme_x_1".to_string()), text()],
            text(),
            select(vec!["Complete", "New", "To be reviewed by Okta", "ISV needs to review", "Published"]),
            prop_oneof![Just(Value::Null), json_value()],
        ),
        0..4,
    )
    .prop_map(|items| {
        Value::Array(
            items
                .into_iter()
                .map(|(id, name, status, extra)| {
                    serde_json::json!({"id": id, "name": name, "status": status, "lastUpdated": "2026-11-01T00:00:00.000Z", "sso": extra})
                })
                .collect(),
        )
        .to_string()
    })
    .boxed()
}

/// What the popup's Export produced for a registry that knows the fixture pages.
fn real_export() -> BoxedStrategy<String> {
    static EXPORT: OnceLock<String> = OnceLock::new();
    let text = EXPORT
        .get_or_init(|| {
            let registry = real_registries()
                .last()
                .map(|v| Registry::from_stored(v.clone(), 1.8e12))
                .unwrap();
            match handle(registry, Request::Export, 1.8e12).response {
                Response::Popup(_) | Response::Plan(_) => String::new(),
                other => serde_json::to_value(&other).unwrap()["text"]
                    .as_str()
                    .unwrap_or("")
                    .to_string(),
            }
        })
        .clone();
    (Just(text), any::<prop::sample::Index>())
        .prop_map(|(text, cut)| {
            // Whole, or cut short as a half-downloaded file would be.
            if cut.index(4) == 0 {
                let at = cut.index(text.len() + 1);
                text.get(..at).unwrap_or(&text).to_string()
            } else {
                text
            }
        })
        .boxed()
}

proptest! {
    #![proptest_config(config(cases::SNAPSHOT_JSON))]
    /// Whatever JSON a content script (or a page posing as one) sends is read or refused.
    #[test]
    fn snapshot_json_is_read_or_refused(
        text in prop_oneof![
            text(),
            json_value().prop_map(|v| v.to_string()),
            seeded_snapshot().prop_map(|s| serde_json::to_string(&s).unwrap()),
        ],
        cut in any::<prop::sample::Index>(),
    ) {
        for candidate in [text.as_str(), text.get(..cut.index(text.len() + 1)).unwrap_or("")] {
            if let Ok(snapshot) = serde_json::from_str::<PageSnapshot>(candidate) {
                let outcome = handle(Registry::default(), Request::Check { snapshot }, 1.8e12);
                serde_json::to_string(&outcome.response).unwrap();
            }
            let _ = serde_json::from_str::<Request>(candidate);
        }
    }
}

proptest! {
    #![proptest_config(config(cases::RULES_ON_ANY_VALUE))]
    /// Every rule of every field on arbitrary values (all sections applying).
    #[test]
    fn every_rule_takes_any_value(
        values in vec(text(), 1..6),
        ticked in vec(any::<bool>(), 1..6),
        file in proptest::option::of(file_meta()),
        image in proptest::option::of(image_meta()),
    ) {
        let draft = draft_holding(&values, &ticked, &file, &image);
        let findings = rules::check(&draft);
        for f in &findings {
            prop_assert!(!f.message.is_empty());
            // Quoted values are shortened: a pasted novel never becomes a novel-sized message.
            prop_assert!(f.message.chars().count() < 2_000, "{} chars", f.message.chars().count());
        }
        let score = completeness::score(&draft, &findings);
        prop_assert!(score.complete <= 100);
    }
}

proptest! {
    #![proptest_config(config(cases::EXPRESSIONS))]
    /// The expression reader: every function on any value, with the structure it promises.
    #[test]
    fn expressions_are_read_without_panicking(v in prop_oneof![
        text(),
        vec(select(vec!["${", "{", "}", "$", "'", "\"", "+", "org.", "app.", "subdomain", "baseUrl", "x", " ", "https://", ".example.com/", "{app.", "{org.", "é", "\u{202E}"]), 0..24).prop_map(|v| v.concat()),
    ]) {
        let _ = expression::is_expression(&v);
        let _ = expression::has_placeholder(&v);
        let _ = expression::is_concatenation(&v);
        let rendered = expression::render(&v);
        let closing = v.matches('}').count();
        prop_assert!(rendered.len() <= v.len() + closing + 1, "render grew {} → {}", v.len(), rendered.len());
        if let Some(groups) = expression::groups(&v) {
            for g in &groups {
                prop_assert!(v.contains(g.inner));
                let _ = expression::reference(g.inner);
            }
        }
        if let Some(tokens) = expression::tokens(&v) {
            prop_assert!(!tokens.is_empty());
            for t in &tokens {
                let _ = expression::literal(t);
            }
        }
        let _ = expression::reference(&v);
        let _ = expression::literal(&v);
        let draft = draft_holding(std::slice::from_ref(&v), &[true], &None, &None);
        for (key, style, rule) in [
            ("saml.acs_url", expression::Style::Saml, "el_saml"),
            ("oidc.redirect_uris", expression::Style::Oidc, "el_oidc"),
            ("scim.base_url", expression::Style::Scim, "el_scim"),
        ] {
            let spec = oin_helper::catalogue::field(key).unwrap();
            let ctx = Ctx::new(&draft, spec);
            let findings = expression::check_braces(&v, style, rule, &ctx);
            let n = findings.len();
            prop_assert_eq!(expression::dedup(findings).len(), n, "check_braces returns no repeats");
            let _ = expression::defined(&draft, style, "org", &v);
        }
    }
}

proptest! {
    #![proptest_config(config(cases::HOSTS))]
    /// Host parsing: total, and the properties the org guard relies on.
    #[test]
    fn hosts_are_parsed_safely(url in url(), org_host in prop_oneof![
        select(vec!["acme.okta.com", "ACME.OKTAPREVIEW.COM", "a.okta-emea.com.", "acme-admin.okta.com", "evil.com", "okta.com", "a.b.okta.com", "xn--a.okta.com", "a.okta.com:443", "a.okta.com/@evil.com", "a.okta.com\\@evil.com", "a.okta.com#@evil.com"]).prop_map(str::to_string),
        // Labels around the 63-character DNS limit (the admin label is six characters longer).
        ("[a-z0-9][a-z0-9-]{48,66}[a-z0-9]", select(vec![".okta.com", ".oktapreview.com", ".okta-emea.com"]))
            .prop_map(|(label, domain)| format!("{label}{domain}")),
        text(),
    ]) {
        if let Some(host) = org::https_host(&url) {
            prop_assert!(!host.is_empty() && host.len() <= 253);
            prop_assert!(host.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'), "{}", host);
        }
        match org::site(&url) {
            Site::Admin { org_host: org } => {
                // The org's admin host leads back to the same org.
                let admin = org::admin_host(&org);
                prop_assert!(admin.is_some(), "{}", org);
                prop_assert_eq!(org::site(&format!("https://{}/", admin.unwrap())), Site::Admin { org_host: org.clone() });
            }
            Site::Manager | Site::OrgHost | Site::Foreign => {}
        }
        if let Some(target) = org::same_page_on(&url, &org_host) {
            // "Open submitter org" only ever leads to an Okta admin host.
            prop_assert!(matches!(org::site(&target), Site::Admin { .. }), "{} → {}", url, target);
            prop_assert!(target.starts_with("https://"));
        }
        let _ = org::admin_host(&org_host);
        let _ = oin_helper::page::recognise::host_of(&url);
        if let Some(id) = oin_helper::page::recognise::submission_id_from_url(&url) {
            prop_assert!(oin_helper::page::recognise::is_submission_id(&id));
        }
        if let Some(id) = org::parse_well_known(&org_host) {
            prop_assert!(id.starts_with("00o") && id.bytes().all(|b| b.is_ascii_alphanumeric()));
        }
    }
}

proptest! {
    #![proptest_config(config(cases::IMAGE_HEADERS))]
    /// Image headers: any bytes, and every prefix of them, are read or refused.
    #[test]
    fn image_headers_are_read_or_refused(head in bytes(), cut in any::<prop::sample::Index>()) {
        let got = image::dimensions(&head);
        if let Some((format, _, _)) = got {
            prop_assert_eq!(Some(format), image::sniff(&head));
        }
        let prefix = &head[..cut.index(head.len() + 1)];
        if let Some((format, w, h)) = image::dimensions(prefix) {
            // What a prefix says, the whole file says too (a header never depends on later bytes).
            prop_assert_eq!(got, Some((format, w, h)));
            prop_assert!(matches!(format, Format::Png | Format::Gif | Format::Jpeg));
        }
    }
}

proptest! {
    #![proptest_config(config(cases::REGISTRY_VALUES))]
    /// Any stored value loads: never a panic, and a value that is not the registry is kept whole.
    #[test]
    fn any_stored_value_loads(value in stored_registry(), now in now()) {
        let registry = Registry::from_stored(value.clone(), now);
        // Loading what was just loaded (and saved) changes nothing.
        let saved = serde_json::to_value(&registry).unwrap();
        let reloaded = Registry::from_stored(saved, now);
        prop_assert!(same_registry(&reloaded, &registry), "{:?}\n!=\n{:?}", reloaded, registry);
        // Nothing is dropped: each stored integration and org is loaded or kept verbatim.
        for map in ["integrations", "orgs"] {
            if let Some(Value::Object(items)) = value.get(map) {
                for (id, item) in items {
                    let loaded = match map {
                        "integrations" => registry.integrations.contains_key(id),
                        _ => registry.orgs.contains_key(id),
                    };
                    prop_assert!(
                        loaded || registry.quarantine.iter().any(|q| holds(&q.value, item)),
                        "{} {:?} was dropped", map, id
                    );
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(config(cases::REGISTRY_TEXT))]
    /// Any stored text (what `chrome.storage` may hold after a crash or a bad import) loads.
    #[test]
    fn any_stored_text_loads(
        text in prop_oneof![
            text(),
            stored_registry().prop_map(|v| v.to_string()),
        ],
        cut in any::<prop::sample::Index>(),
    ) {
        for candidate in [text.as_str(), text.get(..cut.index(text.len() + 1)).unwrap_or("")] {
            let value = serde_json::from_str::<Value>(candidate).unwrap_or_else(|_| Value::String(candidate.to_string()));
            let registry = Registry::from_stored(value, 1.8e12);
            serde_json::to_string(&registry).unwrap();
        }
    }
}

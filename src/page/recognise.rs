//! Recognises the kind of page (form step, list, read-only published view, other) and the tool
//! (OIN Wizard or OIN Manager) from what the page shows: headings, buttons, texts and field
//! labels. Invariant: the URL is only a hint (its host names OIN Manager, its path may carry a
//! submission id); a page that shows no OIN words is `Other`, so nothing is painted on it.

use super::labels::{self, contains, Index};
use super::list::{classify_key, classify_status, Vocabulary};
use super::mapping::{plan_with, Mapping, Plan};
use crate::model::PageSnapshot;
use crate::section_set::SectionSet;
use std::sync::OnceLock;

/// Which kind of page the snapshot shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PageKind {
    /// A draft being edited (a wizard step or a manager tab).
    Form,
    /// The integrations list.
    List,
    /// The read-only view of a published integration.
    Published,
    /// Anything else: nothing is painted.
    #[default]
    Other,
}

impl PageKind {
    /// Word used in the render plan.
    pub fn as_str(self) -> &'static str {
        match self {
            PageKind::Form => "form",
            PageKind::List => "list",
            PageKind::Published => "published",
            PageKind::Other => "other",
        }
    }
}

/// Which tool's vocabulary the page uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tool {
    /// The OIN Wizard in the Admin Console.
    Wizard,
    /// The legacy OIN Manager (or the Support article's words).
    Manager,
    /// Not known.
    #[default]
    Unknown,
}

impl Tool {
    /// Word used in the render plan.
    pub fn as_str(self) -> &'static str {
        match self {
            Tool::Wizard => "wizard",
            Tool::Manager => "manager",
            Tool::Unknown => "",
        }
    }
}

/// What the page is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageInfo {
    /// Kind of page.
    pub kind: PageKind,
    /// Tool vocabulary.
    pub tool: Tool,
    /// Submission id from the URL, when it carries one.
    pub submission_id: Option<String>,
    /// Display name the page shows for the integration (header, or the display name field).
    pub name: Option<String>,
    /// Protocol / form sections visible on screen.
    pub sections: SectionSet,
    /// Capabilities ticked on a capabilities page, when the page shows them.
    pub capabilities: Option<SectionSet>,
    /// Buttons that submit the draft for review.
    pub submit_buttons: Vec<u32>,
}

/// Headings of the OIN Wizard's steps (comparison keys).
const WIZARD_STEPS: &[&str] = &[
    "add integration capabilities",
    "add integration details",
    "configure your integration",
    "test your integration",
    "test integration",
];

/// Headings only an OIN submission form shows (either tool).
const OIN_FORM_HEADINGS: &[&str] = &[
    "oin catalog properties",
    "testing information for okta review",
    "tenant settings",
    "integration variables",
];

/// Buttons that submit a draft for review.
const SUBMIT_BUTTONS: &[&str] = &["submit for review", "submit integration"];

/// Words of the OIN Wizard (weight 2 = only the wizard says it).
const WIZARD_WORDS: &[(&str, u32)] = &[
    ("edit integration", 2),
    ("submit integration", 2),
    ("build new oin integration", 2),
    ("this integration is read only", 2),
    ("your oin integrations", 1),
    ("add integration capabilities", 2),
    ("add integration details", 2),
    ("configure your integration", 2),
    ("test your integration", 2),
    ("oin submission tester", 2),
];

/// Words of OIN Manager and of the Support article (weight 2 = only they say it).
const MANAGER_WORDS: &[(&str, u32)] = &[
    ("update", 2),
    ("edit", 1),
    ("submit for review", 2),
    ("add new submission", 2),
    ("my submissions", 2),
    ("in progress", 1),
    ("in progress version", 2),
    ("app integration", 1),
    ("general settings", 1),
    ("admins from the linked okta org", 2),
];

/// Rows read for vocabulary: statuses are uniform down a list, so the first rows tell.
const ROWS_FOR_TOOL: usize = 200;

/// Recognises a page.
pub fn recognise(snapshot: &PageSnapshot) -> PageInfo {
    analyse(snapshot).0
}

/// Recognises a page and maps its controls in one go (the mapping is what recognition used).
pub fn analyse(snapshot: &PageSnapshot) -> (PageInfo, Mapping) {
    let (info, plan) = structure(snapshot);
    let mapping = plan.into_mapping(snapshot);
    values_read(info, mapping, snapshot)
}

/// The half of [`analyse`] that reads the page's structure only (headings, texts, buttons,
/// labels, kinds, options, rows, hidden flags; never a control's value): the page's kind and
/// tool, and the mapping's [`Plan`]. The name shown and the capabilities ticked, which come from
/// values, are left for [`with_values`].
pub(crate) fn structure(snapshot: &PageSnapshot) -> (PageInfo, Plan) {
    let index = Index::shared();
    // Every heading, text, button and the title keyed into one string: the keys, in that order.
    let mut raws: Vec<&str> = Vec::with_capacity(
        snapshot.headings.len() + snapshot.texts.len() + snapshot.buttons.len() + 1,
    );
    raws.extend(snapshot.headings.iter().map(|h| h.text.as_str()));
    raws.extend(snapshot.texts.iter().map(String::as_str));
    raws.extend(snapshot.buttons.iter().map(|b| b.text.as_str()));
    raws.push(&snapshot.title);
    let keyed = labels::Keys::of(&raws);
    let keys: Vec<&str> = keyed.iter().collect();
    let (headings, rest) = keys.split_at(snapshot.headings.len().min(keys.len()));
    let (texts, rest) = rest.split_at(snapshot.texts.len().min(rest.len()));
    let (button_keys, title) = rest.split_at(snapshot.buttons.len().min(rest.len()));
    let buttons: Vec<(u32, &str, bool)> = snapshot
        .buttons
        .iter()
        .zip(button_keys)
        .map(|(b, k)| (b.id, *k, b.disabled))
        .collect();
    let shown = || headings.iter().chain(texts.iter());

    let mut sections = SectionSet::new();
    for key in headings {
        if let Some(s) = index.context_key(key).section {
            sections.insert(s);
        }
    }
    let plan = plan_with(snapshot, index, &sections);

    let host = host_of(&snapshot.url);
    let manager_host = host == "oinmanager.okta.com";
    let has_button = |word: &str| buttons.iter().any(|(_, k, _)| *k == word);
    let read_only = shown().any(|k| contains(k, "this integration is read only"));
    let step = headings.iter().any(|k| WIZARD_STEPS.contains(k));
    let oin_heading = headings.iter().any(|k| OIN_FORM_HEADINGS.contains(k));
    let manager_header = shown().any(|k| {
        contains(k, "app integration") && (contains(k, "in progress") || has_version_number(k))
    });
    let submit_buttons: Vec<u32> = buttons
        .iter()
        .filter(|(_, k, disabled)| !disabled && SUBMIT_BUTTONS.contains(k))
        .map(|(id, _, _)| *id)
        .collect();
    let list_page = headings
        .iter()
        .any(|k| contains(k, "your oin integrations") || *k == "my submissions")
        || texts.contains(&"my submissions")
        || has_button("add new submission")
        || has_button("build new oin integration");
    let fields = distinctive_fields(plan.found(), index);
    let oin_words = shown()
        .chain(title)
        .any(|k| k.split(' ').any(|w| w == "oin") || contains(k, "okta integration network"));
    let submission_id = submission_id_from_url(&snapshot.url);
    // Whether the capabilities are shown is structure; which are ticked is filled in later.
    let capabilities = capabilities_shown(snapshot);

    let kind = if read_only {
        PageKind::Published
    } else if step
        || manager_header
        || !submit_buttons.is_empty()
        || oin_heading
        || capabilities.is_some() && (oin_words || list_page)
        || (manager_host && fields >= 1)
        || (fields >= 3 && (oin_words || submission_id.is_some()))
    {
        PageKind::Form
    } else if list_page {
        PageKind::List
    } else {
        PageKind::Other
    };

    let tool = if manager_host {
        Tool::Manager
    } else {
        tool_of(snapshot, headings, texts, &buttons)
    };
    let info = PageInfo {
        kind,
        tool,
        submission_id,
        name: None,
        sections,
        capabilities,
        submit_buttons: if kind == PageKind::Other {
            Vec::new()
        } else {
            submit_buttons
        },
    };
    (info, plan)
}

/// The other half of [`analyse`]: `snapshot`'s values read through the structure's `plan` (made
/// from `snapshot` or from a page with the same structure): the mapping's cells, the name shown
/// and the capabilities ticked.
pub(crate) fn with_values(
    info: PageInfo,
    plan: &Plan,
    snapshot: &PageSnapshot,
) -> (PageInfo, Mapping) {
    values_read(info, plan.fill(snapshot), snapshot)
}

/// `info` completed from `snapshot`'s values: the capabilities ticked (read again only where
/// the structure shows them) and the name shown.
fn values_read(
    mut info: PageInfo,
    mapping: Mapping,
    snapshot: &PageSnapshot,
) -> (PageInfo, Mapping) {
    if info.capabilities.is_some() {
        info.capabilities = capabilities_shown(snapshot);
    }
    info.name = match info.kind {
        PageKind::Form | PageKind::Published => name_shown(snapshot, &mapping, Index::shared()),
        PageKind::List | PageKind::Other => None,
    };
    (info, mapping)
}

/// Fields matched by a label that names them on its own (not "Name", "Password"…): a sign-in
/// page's Username and Password must not make it a form.
fn distinctive_fields(found: &[(String, String)], index: &Index) -> usize {
    found
        .iter()
        .filter(|(_, label)| !labels::with_match_key(label, |key| index.is_generic(key)))
        .count()
}

fn tool_of(
    snapshot: &PageSnapshot,
    headings: &[&str],
    texts: &[&str],
    buttons: &[(u32, &str, bool)],
) -> Tool {
    let mut wizard = 0;
    let mut manager = 0;
    let words = ToolWords::shared();
    let mut score = |key: &str, exact_only: bool| {
        let (w, m) = words.score(key, exact_only);
        wizard += w;
        manager += m;
    };
    for k in headings.iter().chain(texts) {
        score(k, false);
    }
    for (_, k, _) in buttons {
        score(k, true);
    }
    let status_vocab = |status: Option<(&str, Vocabulary)>| match status {
        Some((_, Vocabulary::Wizard)) => (2, 0),
        Some((_, Vocabulary::Manager)) => (0, 2),
        _ => (0, 0),
    };
    let rows = snapshot.rows.iter().take(ROWS_FOR_TOOL);
    // The texts' keys are already made (`texts`, in the same order); row cells are keyed here.
    let statuses = texts.iter().map(|k| classify_key(k)).chain(
        rows.clone()
            .flat_map(|r| r.cells.iter())
            .map(|c| classify_status(c)),
    );
    for status in statuses {
        let (w, m) = status_vocab(status);
        wizard += w;
        manager += m;
    }
    for action in rows.flat_map(|r| r.actions.iter()) {
        labels::with_match_key(action, |key| {
            if key == "update" || key == "edit" {
                manager += 1;
            } else if key == "edit integration" {
                wizard += 1;
            }
        });
    }
    match wizard.cmp(&manager) {
        std::cmp::Ordering::Greater => Tool::Wizard,
        std::cmp::Ordering::Less => Tool::Manager,
        std::cmp::Ordering::Equal => Tool::Unknown,
    }
}

/// [`WIZARD_WORDS`] and [`MANAGER_WORDS`] ready for scoring a key in one pass over its bytes:
/// a key scores a word's weight when it equals the word or, for a word of several words (and
/// unless only exact matches count), when it contains it anywhere.
struct ToolWords {
    /// Every word: (text, weight to the wizard, weight to the manager).
    words: Vec<(&'static str, u32, u32)>,
    /// Per first byte, the several-word words starting with it (bit `i` = `words[i]`).
    starting: [u32; 256],
    /// Per second byte, the several-word words whose second byte it is: with `starting`, most
    /// positions of a key are ruled out without comparing any word there.
    second: [u32; 256],
    /// Per length (in bytes, below 64), the words of that length: a key is compared only with
    /// the words it could equal.
    of_length: [u32; 64],
}

impl ToolWords {
    fn shared() -> &'static ToolWords {
        static SHARED: OnceLock<ToolWords> = OnceLock::new();
        SHARED.get_or_init(|| {
            let words: Vec<(&'static str, u32, u32)> = WIZARD_WORDS
                .iter()
                .map(|(w, weight)| (*w, *weight, 0))
                .chain(MANAGER_WORDS.iter().map(|(w, weight)| (*w, 0, *weight)))
                .collect();
            let mut starting = [0u32; 256];
            let mut second = [0u32; 256];
            let mut of_length = [0u32; 64];
            for (i, (word, _, _)) in words.iter().enumerate() {
                if let Some(bits) = of_length.get_mut(word.len()) {
                    *bits |= 1 << i;
                }
                if let (true, [first, next, ..]) = (word.contains(' '), word.as_bytes()) {
                    starting[usize::from(*first)] |= 1 << i;
                    second[usize::from(*next)] |= 1 << i;
                }
            }
            ToolWords {
                words,
                starting,
                second,
                of_length,
            }
        })
    }

    /// (wizard, manager) weight of one key; each word counts once.
    fn score(&self, key: &str, exact_only: bool) -> (u32, u32) {
        let mut hits = 0u32;
        if exact_only {
            hits = self.exact(key);
        } else {
            // A plain index loop: every byte of every text on the page passes here.
            let bytes = key.as_bytes();
            let mut i = 1;
            while i < bytes.len() {
                let mut maybe = self.starting[usize::from(bytes[i - 1])]
                    & self.second[usize::from(bytes[i])]
                    & !hits;
                while maybe != 0 {
                    let bit = maybe.trailing_zeros();
                    maybe &= maybe - 1;
                    let word = self.words.get(bit as usize).map_or("", |w| w.0);
                    if bytes
                        .get(i - 1..)
                        .is_some_and(|b| b.starts_with(word.as_bytes()))
                    {
                        hits |= 1 << bit;
                    }
                }
                i += 1;
            }
            hits |= self.exact(key);
        }
        let (mut wizard, mut manager) = (0, 0);
        while hits != 0 {
            let bit = hits.trailing_zeros();
            hits &= hits - 1;
            if let Some((_, w, m)) = self.words.get(bit as usize) {
                wizard += w;
                manager += m;
            }
        }
        (wizard, manager)
    }

    /// Bits of the words equal to the key (only the words of its length are compared).
    fn exact(&self, key: &str) -> u32 {
        let mut maybe = self.of_length.get(key.len()).copied().unwrap_or(0);
        let mut bits = 0;
        while maybe != 0 {
            let bit = maybe.trailing_zeros();
            maybe &= maybe - 1;
            if self.words.get(bit as usize).is_some_and(|w| w.0 == key) {
                bits |= 1 << bit;
            }
        }
        bits
    }
}

/// The display name the page shows: the Display name field's value, else the first `h1` that is
/// not one of the console's own titles.
fn name_shown(snapshot: &PageSnapshot, mapping: &Mapping, index: &Index) -> Option<String> {
    let field = mapping
        .cells
        .get("catalog.display_name")
        .and_then(|cells| cells.iter().map(|c| c.text.trim()).find(|t| !t.is_empty()));
    if let Some(name) = field {
        return Some(labels::clip(name, 200).to_string());
    }
    // Only top-level headings: a section's own sub-headings ("SAML tests") are not names.
    let candidates = snapshot.headings.iter().filter(|h| h.level == 1);
    candidates.into_iter().find_map(|h| {
        // "Acme / Version 2 / IN PROGRESS": the name is the first part of a manager header.
        let first = h.text.split(" / ").next().unwrap_or("").trim();
        let key = labels::match_key(first);
        let console_title = key.is_empty()
            || WIZARD_STEPS.contains(&key.as_str())
            || OIN_FORM_HEADINGS.contains(&key.as_str())
            || key.contains("oin integrations")
            || key.contains("read only")
            || key == "app integration"
            || key == "my submissions"
            || key.starts_with("version ")
            || key == "in progress"
            || index.context(first).section.is_some()
            || index.lookup(first, false).is_some();
        (!console_title).then(|| labels::clip(first, 200).to_string())
    })
}

/// The ticked capabilities, when the capabilities step (or a capabilities group) is shown.
fn capabilities_shown(snapshot: &PageSnapshot) -> Option<SectionSet> {
    let mut shown = false;
    let mut ticked = SectionSet::new();
    for c in &snapshot.controls {
        if c.hidden
            || !(c.kind.eq_ignore_ascii_case("checkbox") || c.kind.eq_ignore_ascii_case("radio"))
        {
            continue;
        }
        let option = if c.option.trim().is_empty() {
            &c.labels.label
        } else {
            &c.option
        };
        let Some(section) = labels::capability_of(option) else {
            continue;
        };
        let group = if c.labels.legend.trim().is_empty() {
            &c.labels.heading
        } else {
            &c.labels.legend
        };
        if !labels::with_match_key(group, |g| g.is_empty() || g.contains("capabilit")) {
            continue;
        }
        shown = true;
        if c.checked == Some(true) {
            ticked.insert(section);
        }
    }
    shown.then_some(ticked)
}

fn has_version_number(key: &str) -> bool {
    let ws: Vec<&str> = key.split(' ').collect();
    ws.windows(2)
        .any(|w| w[0] == "version" && w[1].chars().all(|c| c.is_ascii_digit()))
}

/// The host of a URL, lower case (empty when it has none).
pub fn host_of(url: &str) -> String {
    let Some((_, rest)) = url.split_once("://") else {
        return String::new();
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    // `user@host:port`: only the host names the site.
    let host = authority.rsplit('@').next().unwrap_or("");
    host.split(':').next().unwrap_or("").to_ascii_lowercase()
}

/// A submission id carried by a URL: a path segment shaped like `acme_strawberrycentral_1`, or
/// the value of an id-like query parameter of that shape.
pub fn submission_id_from_url(url: &str) -> Option<String> {
    let no_fragment = url.split('#').next().unwrap_or("");
    let (before_query, query) = no_fragment.split_once('?').unwrap_or((no_fragment, ""));
    let path = match before_query.split_once("://") {
        Some((_, rest)) => rest.find('/').map(|at| &rest[at..]).unwrap_or(""),
        None => before_query,
    };
    if let Some(seg) = path.split('/').find(|s| is_submission_id(s)) {
        return Some(seg.to_string());
    }
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        let k = k.to_ascii_lowercase();
        let id_like = k.contains("id") || k.contains("submission") || k.contains("integration");
        (id_like && is_submission_id(v)).then(|| v.to_string())
    })
}

/// `acme_strawberrycentral_1`: lower-case letters, digits and `_`, ending in `_<digits>`, with a
/// name before it (not a paging word such as `page_2`).
pub fn is_submission_id(s: &str) -> bool {
    if s.len() < 3
        || s.len() > 128
        || !s
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return false;
    }
    let Some((stem, number)) = s.rsplit_once('_') else {
        return false;
    };
    !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
        && stem.bytes().any(|b| b.is_ascii_lowercase())
        && !stem.starts_with('_')
        && !matches!(stem, "page" | "step" | "tab" | "version" | "v")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_words_score_like_the_plain_search() {
        let naive = |key: &str, exact_only: bool| {
            let score = |words: &[(&str, u32)]| -> u32 {
                words
                    .iter()
                    .filter(|(w, _)| {
                        key == *w || (!exact_only && w.contains(' ') && key.contains(w))
                    })
                    .map(|(_, weight)| weight)
                    .sum()
            };
            (score(WIZARD_WORDS), score(MANAGER_WORDS))
        };
        for key in [
            "",
            "update",
            "edit",
            "edit integration",
            "reedit integrations and submit for review submit for review",
            "acme app integration in progress version 2",
            "in progress version",
            "test your integration test integration",
            "admins from the linked okta org acme.okta.com",
            "my submissions",
            "your oin integrations build new oin integration",
            "e",
        ] {
            for exact_only in [false, true] {
                assert_eq!(
                    ToolWords::shared().score(key, exact_only),
                    naive(key, exact_only),
                    "{key} {exact_only}"
                );
            }
        }
    }

    #[test]
    fn submission_ids_come_from_path_or_query() {
        let id = |u: &str| submission_id_from_url(u);
        assert_eq!(
            id("https://x-admin.okta.com/admin/oin/acme_strawberrycentral_1/edit").as_deref(),
            Some("acme_strawberrycentral_1")
        );
        assert_eq!(
            id("https://x-admin.okta.com/admin/oin?submissionId=acme_x_12#top").as_deref(),
            Some("acme_x_12")
        );
        assert_eq!(id("https://x-admin.okta.com/admin/oin/step_2"), None);
        assert_eq!(id("https://x-admin.okta.com/admin/apps/active"), None);
        assert_eq!(
            host_of("https://user@OINmanager.okta.com:443/x"),
            "oinmanager.okta.com"
        );
    }
}

//! Reads the rows of an integrations list (OIN Wizard's "Your OIN Integrations", OIN Manager's
//! "My submissions"): name, status (raw and normalised per contract.md), version and identity.
//! Invariant: one pass, constant work per cell, so thousands of rows read in linear time; a row
//! without a name is skipped and counted, never invented.

use super::labels;
use super::recognise::submission_id_from_url;
use crate::model::{ListRow, PageSnapshot};

/// One recognised list row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowInfo {
    /// Row handle from the snapshot.
    pub row: u32,
    /// Integration id (submission id when a link carries one, else the normalised name).
    pub integration: String,
    /// Display name.
    pub name: String,
    /// `published` or `in-progress`.
    pub version: String,
    /// Status as shown.
    pub status_raw: String,
    /// Normalised status (`draft`, `in-review`, `changes-requested`, `published`, else the raw text).
    pub status: String,
    /// Edit page URL when the row links to one.
    pub edit_url: Option<String>,
}

/// Which tool's vocabulary a status word belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocabulary {
    /// OIN Wizard words (Draft, OIN to review, ISV to review).
    Wizard,
    /// OIN Manager words (Draft—ISV new, To be reviewed by Okta…).
    Manager,
    /// Words of both, or of the submissions API.
    Shared,
}

/// Status words as shown (comparison keys), their normalised status and vocabulary. Longest
/// first, so "draft isv new" is tried before "draft".
const STATUSES: &[(&str, &str, Vocabulary)] = &[
    ("to be qa tested by okta", "in-review", Vocabulary::Manager),
    ("to be reviewed by okta", "in-review", Vocabulary::Manager),
    (
        "isv needs to fix bugs",
        "changes-requested",
        Vocabulary::Manager,
    ),
    (
        "isv needs to review",
        "changes-requested",
        Vocabulary::Manager,
    ),
    ("draft isv new", "draft", Vocabulary::Manager),
    ("action required", "changes-requested", Vocabulary::Shared),
    ("oin to review", "in-review", Vocabulary::Wizard),
    ("isv to review", "changes-requested", Vocabulary::Wizard),
    ("final review", "in-review", Vocabulary::Manager),
    ("submitted", "in-review", Vocabulary::Shared),
    ("published", "published", Vocabulary::Shared),
    ("complete", "published", Vocabulary::Shared),
    ("draft", "draft", Vocabulary::Wizard),
    ("new", "draft", Vocabulary::Shared),
];

/// Words that mark which version a row is, not its name or status.
const PUBLISHED_MARKS: &[&str] = &["published version"];
const IN_PROGRESS_MARKS: &[&str] = &["in progress version", "in progress", "current version"];

const MONTHS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Normalises a status text: `Some((normalised, vocabulary))` when it is a known status, alone
/// or followed by a date ("DRAFT Jan 5, 2026", "Published on 2025-10-01").
pub fn classify_status(raw: &str) -> Option<(&'static str, Vocabulary)> {
    labels::with_match_key(raw, classify_key)
}

/// [`classify_status`] on a comparison key.
pub(crate) fn classify_key(key: &str) -> Option<(&'static str, Vocabulary)> {
    // Every text of every page is classified: a word whose first byte differs is passed over
    // without comparing it.
    let first = key.as_bytes().first();
    for (word, status, vocab) in STATUSES {
        if word.as_bytes().first() != first {
            continue;
        }
        if key == *word {
            return Some((status, *vocab));
        }
        if let Some(rest) = key.strip_prefix(word).and_then(|r| r.strip_prefix(' ')) {
            if is_date_tail(rest) {
                return Some((status, *vocab));
            }
        }
    }
    None
}

/// Reads list rows.
pub fn list_rows(snapshot: &PageSnapshot) -> Vec<RowInfo> {
    snapshot.rows.iter().filter_map(read_row).collect()
}

/// How many rows of the list were skipped (no name to show: header rows, empty rows).
pub fn skipped_rows(snapshot: &PageSnapshot) -> usize {
    snapshot
        .rows
        .iter()
        .filter(|r| read_row(r).is_none())
        .count()
}

/// Reads one row; `None` when it shows no name (a header row or an empty row).
pub fn read_row(row: &ListRow) -> Option<RowInfo> {
    let mut name: Option<&str> = None;
    let mut status: Option<(&str, &'static str)> = None;
    let mut unknown_status: Option<&str> = None;
    let mut published_mark = false;
    let mut in_progress_mark = false;
    let mut header_like = 0;
    for cell in &row.cells {
        // A cell stacking blocks arrives as lines (an id under a name): the first line is the
        // cell's text; the lines under it can say which version or status the row is, never its
        // name.
        let mut lines = cell.split('\n');
        let text = lines.next().unwrap_or_default().trim();
        for detail in lines {
            let key = labels::match_key(detail);
            published_mark |= PUBLISHED_MARKS.iter().any(|m| contains_words(&key, m));
            in_progress_mark |= IN_PROGRESS_MARKS.iter().any(|m| contains_words(&key, m));
            if let (None, Some((normalised, _))) = (status, classify_key(&key)) {
                status = Some((detail.trim(), normalised));
            }
        }
        if text.is_empty() {
            continue;
        }
        let key = labels::match_key(text);
        if matches!(
            key.as_str(),
            "name" | "status" | "integration name" | "app name" | "last updated" | "version"
        ) {
            header_like += 1;
        }
        if PUBLISHED_MARKS.iter().any(|m| contains_words(&key, m)) {
            published_mark = true;
            if key.split(' ').count() <= 3 {
                continue;
            }
        }
        if IN_PROGRESS_MARKS.iter().any(|m| contains_words(&key, m)) {
            in_progress_mark = true;
            // "In progress" alone is also the Support article's status of the version being
            // edited: a draft.
            if key == "in progress" && status.is_none() {
                status = Some((text, "draft"));
            }
            if key.split(' ').count() <= 3 {
                continue;
            }
        }
        // The row's own buttons and links ("Edit", "View") are actions, not its status.
        if row.actions.iter().any(|a| a.trim() == text) {
            continue;
        }
        if let Some((normalised, _)) = classify_key(&key) {
            if status.is_none() {
                status = Some((text, normalised));
            }
            continue;
        }
        if name.is_none() {
            name = Some(text);
        } else if unknown_status.is_none() && !looks_like_date(&key) {
            unknown_status = Some(text);
        }
    }
    for action in &row.actions {
        labels::with_match_key(action, |key| {
            published_mark |= PUBLISHED_MARKS.iter().any(|m| contains_words(key, m));
            in_progress_mark |= IN_PROGRESS_MARKS.iter().any(|m| contains_words(key, m));
        });
    }
    if header_like >= 2 {
        return None;
    }
    // A row is an integration only when something says so: a known status, a version mark, or
    // a link carrying a submission id. Navigation lists ("Applications") have none of these.
    let id_link = row.links.iter().find_map(|l| submission_id_from_url(l));
    if status.is_none() && !published_mark && !in_progress_mark && id_link.is_none() {
        return None;
    }
    let name = name?;
    let (status_raw, status) = match (status, unknown_status) {
        (Some((raw, normalised)), _) => (raw.to_string(), normalised.to_string()),
        // An unknown status is kept as shown: a new console word is reported, not guessed.
        (None, Some(raw)) => (raw.to_string(), raw.to_string()),
        (None, None) => (String::new(), String::new()),
    };
    let version = if published_mark {
        "published"
    } else if in_progress_mark {
        "in-progress"
    } else if status == "published" {
        "published"
    } else {
        "in-progress"
    };
    let integration = id_link.unwrap_or_else(|| name_id(name));
    let edit_url = row
        .links
        .iter()
        .find(|l| path_of(l).to_ascii_lowercase().contains("edit"))
        .cloned();
    Some(RowInfo {
        row: row.id,
        integration,
        name: name.to_string(),
        version: version.to_string(),
        status_raw,
        status,
        edit_url,
    })
}

/// The integration id used when no submission id is known: the display name, lower case, white
/// space collapsed (contract.md, "Identity of an integration").
pub fn name_id(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether `name_id(name) == id`, without building the id for an ASCII name (the usual case):
/// a check compares the page's name with every tracked integration's, so with hundreds tracked
/// the allocations were most of that search. Other names go through `name_id` itself, whose
/// `to_lowercase` depends on context (a final Σ) in ways a character walk would not copy.
pub fn has_name_id(name: &str, id: &str) -> bool {
    if !name.is_ascii() {
        return name_id(name) == id;
    }
    let mut rest = id.as_bytes();
    for (n, word) in name.split_whitespace().enumerate() {
        if n > 0 {
            match rest.split_first() {
                Some((b' ', tail)) => rest = tail,
                _ => return false,
            }
        }
        let Some((head, tail)) = rest.split_at_checked(word.len()) else {
            return false;
        };
        if !head.eq_ignore_ascii_case(word.as_bytes()) || head.iter().any(u8::is_ascii_uppercase) {
            return false;
        }
        rest = tail;
    }
    rest.is_empty()
}

/// Whether `words` occurs in `key` as whole words (both are comparison keys).
fn contains_words(key: &str, words: &str) -> bool {
    let bytes = key.as_bytes();
    key.match_indices(words).any(|(at, _)| {
        let end = at + words.len();
        (at == 0 || bytes[at - 1] == b' ') && (end == key.len() || bytes[end] == b' ')
    })
}

fn is_date_tail(rest: &str) -> bool {
    let first = rest.split(' ').next().unwrap_or("");
    matches!(first, "on" | "since" | "at" | "by" | "updated" | "last") || looks_like_date(rest)
}

fn looks_like_date(key: &str) -> bool {
    let first = key.split(' ').next().unwrap_or("");
    first.starts_with(|c: char| c.is_ascii_digit()) || MONTHS.contains(&first)
}

/// The path of a link (no scheme, host, query or fragment).
fn path_of(link: &str) -> &str {
    let no_fragment = link.split('#').next().unwrap_or("");
    let no_query = no_fragment.split('?').next().unwrap_or("");
    match no_query.split_once("://") {
        Some((_, rest)) => rest.find('/').map(|at| &rest[at..]).unwrap_or(""),
        None => no_query,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_name_id_agrees_with_name_id() {
        let names = [
            "",
            " ",
            "Acme",
            "acme",
            "  Acme   Blueberry\tSync ",
            "Acme\u{0B}Sync",
            "ACME sync",
            "Acme-Sync 2",
            "Ωmega ΣΑΣ",
            "Straße",
            "a  b",
            "ab",
        ];
        for name in names {
            for id in names.iter().map(|n| name_id(n)).chain(
                [
                    "acme sync",
                    "acme  sync",
                    "acme sync ",
                    "acme",
                    "a b",
                    "ab",
                    "ACME",
                ]
                .map(String::from),
            ) {
                assert_eq!(
                    has_name_id(name, &id),
                    name_id(name) == id,
                    "{name:?} {id:?}"
                );
            }
        }
    }

    #[test]
    fn statuses_normalise_with_dates() {
        assert_eq!(
            classify_status("DRAFT Jan 5, 2026").map(|s| s.0),
            Some("draft")
        );
        assert_eq!(classify_status("Draft—ISV new").map(|s| s.0), Some("draft"));
        assert_eq!(classify_status("New Relic").map(|s| s.0), None);
        assert_eq!(
            classify_status("ISV needs to fix bugs").map(|s| s.0),
            Some("changes-requested")
        );
    }

    fn row(cells: &[&str]) -> ListRow {
        ListRow {
            id: 7,
            cells: cells.iter().map(|c| c.to_string()).collect(),
            actions: vec!["Edit".into()],
            links: Vec::new(),
        }
    }

    #[test]
    fn a_name_cell_with_its_id_under_it_reads_as_the_name() {
        let info = read_row(&row(&[
            "Acme Strawberry Central\nacme_strawberrycentral_1",
            "Version 2",
            "In progress",
            "Edit",
        ]))
        .unwrap_or_default();
        assert_eq!(info.name, "Acme Strawberry Central");
        assert_eq!(info.integration, "acme strawberry central");
        assert_eq!(info.status, "draft");
    }

    #[test]
    fn a_status_under_the_name_still_counts() {
        let info = read_row(&row(&["Acme Kiwi\nPublished", "Edit"])).unwrap_or_default();
        assert_eq!(info.name, "Acme Kiwi");
        assert_eq!(info.status, "published");
        assert_eq!(info.version, "published");
    }
}

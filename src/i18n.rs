//! Localised text: every user-facing string is looked up here by key, in the catalogue of
//! `extension/_locales/<lang>/messages.json` (Chrome's format). Invariant: pure and total —
//! [`t`] never panics and never returns an empty string for a known key; a key missing from
//! the catalogue in use comes back as `[[key]]`, visible, so it is caught rather than hidden.
//!
//! Where the text comes from, first match wins:
//! 1. a catalogue installed for this thread by [`with_catalogue`] (tests: the pseudo-locale);
//! 2. the browser's own catalogue for its UI language, when the wasm edge installed a lookup
//!    with [`set_platform_lookup`] (`chrome.i18n.getMessage`: the browser picks the language and
//!    falls back to `default_locale` itself);
//! 3. the English catalogue, compiled in (by `build.rs`, as a sorted table of keys and messages),
//!    so native code and tests need no browser.
//!
//! Substitutions follow `chrome.i18n.getMessage` exactly, so one message reads the same whether
//! Rust or the browser fills it in: `$1`..`$9` are replaced by the arguments (a missing one by
//! nothing), `$$` is a literal `$`.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::OnceLock;

// The English catalogue as shipped in the extension (`default_locale`), read by `build.rs` as
// `parse` reads a catalogue: `EN_TEXT` and `EN_BOUNDS`. Only keys and messages are compiled in,
// not the file (its translators' descriptions were two thirds of it) nor its parsing.
include!(concat!(env!("OUT_DIR"), "/en_catalogue.rs"));

/// A parsed catalogue: key → message (the "message" member of each entry).
type Catalogue = BTreeMap<String, String>;

/// A browser lookup: the message of `key` with `args` substituted, or `None` when the browser
/// has no such key (or no `chrome.i18n`).
pub type PlatformLookup = fn(&str, &[&str]) -> Option<String>;

static PLATFORM: OnceLock<PlatformLookup> = OnceLock::new();

thread_local! {
    static OVERRIDE: RefCell<Option<Rc<Catalogue>>> = const { RefCell::new(None) };
    /// Bumped whenever [`with_catalogue`] installs or restores a catalogue: texts made before
    /// a change are not reused after it (see `page::memo`).
    static GENERATION: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// A catalogue key whose text is looked up when it is turned into a `String` (with `into()`,
/// `to_string()` or `format!`). Lets `const` tables and constants (the options page's rule
/// descriptions, the UI's titles) name localised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text(pub &'static str);

impl Text {
    /// The key.
    pub fn key(self) -> &'static str {
        self.0
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&t(self.0, &[]))
    }
}

impl From<Text> for String {
    fn from(text: Text) -> String {
        t(text.0, &[])
    }
}

/// Parses a `messages.json` text into key → message. Entries without a string "message" are
/// skipped; text that is not a JSON object gives an empty catalogue (every lookup `[[key]]`).
pub fn parse(json: &str) -> BTreeMap<String, String> {
    let Ok(serde_json::Value::Object(entries)) = serde_json::from_str::<serde_json::Value>(json)
    else {
        return Catalogue::new();
    };
    entries
        .into_iter()
        .filter_map(|(key, entry)| {
            let message = entry.get("message")?.as_str()?.to_string();
            // Chrome matches keys case-insensitively; so do we.
            Some((key.to_ascii_lowercase(), message))
        })
        .collect()
}

/// Entry `i` of the compiled-in English catalogue: its key (lower case) and message.
fn english_entry(i: usize) -> Option<(&'static str, &'static str)> {
    let bound = |j: usize| EN_BOUNDS.get(j).map(|&b| usize::from(b));
    let (key_start, key_end, end) = (bound(2 * i)?, bound(2 * i + 1)?, bound(2 * i + 2)?);
    Some((EN_TEXT.get(key_start..key_end)?, EN_TEXT.get(key_end..end)?))
}

/// The compiled-in English catalogue, in key order: what `parse` gives for
/// `extension/_locales/en/messages.json` (a test checks it).
pub fn english_entries() -> impl Iterator<Item = (&'static str, &'static str)> {
    (0..EN_BOUNDS.len() / 2).map_while(english_entry)
}

/// The English message of `key` (lower case), by binary search over the sorted keys.
fn english(key: &str) -> Option<&'static str> {
    let (mut low, mut high) = (0, EN_BOUNDS.len() / 2);
    while low < high {
        let middle = low + (high - low) / 2;
        let (candidate, message) = english_entry(middle)?;
        match candidate.cmp(key) {
            std::cmp::Ordering::Less => low = middle + 1,
            std::cmp::Ordering::Greater => high = middle,
            std::cmp::Ordering::Equal => return Some(message),
        }
    }
    None
}

/// Installs the browser's lookup (the wasm edge does, once, before anything is shown). Later
/// calls are ignored: the lookup of a process never changes.
pub fn set_platform_lookup(lookup: PlatformLookup) {
    let _ = PLATFORM.set(lookup);
}

/// The text of `key` with `args` in place of `$1`, `$2`…; `[[key]]` when no catalogue has it.
pub fn t(key: &str, args: &[&str]) -> String {
    // Keys are lower case (Chrome matches them case-insensitively); lower only when needed.
    let lowered;
    let key = if key.bytes().any(|b| b.is_ascii_uppercase()) {
        lowered = key.to_ascii_lowercase();
        lowered.as_str()
    } else {
        key
    };
    let overridden = OVERRIDE.with(|o| {
        o.borrow()
            .as_ref()
            .map(|c| c.get(key).map(|m| substitute(m, args)))
    });
    if let Some(found) = overridden {
        // An installed catalogue is the whole truth: no fallback, so a gap shows.
        return found.unwrap_or_else(|| format!("[[{key}]]"));
    }
    if let Some(lookup) = PLATFORM.get() {
        if let Some(text) = platform_text(*lookup, key, args) {
            return text;
        }
    }
    match english(key) {
        Some(message) => substitute(message, args),
        None => format!("[[{key}]]"),
    }
}

/// Stand-ins for `$1`..`$9` handed to the browser's lookup (private-use characters, which no
/// catalogue message contains): the browser fills them in where the message has `$1`..`$9` and
/// resolves `$$` itself, which leaves the message's template.
const SLOTS: [&str; 9] = [
    "\u{E001}", "\u{E002}", "\u{E003}", "\u{E004}", "\u{E005}", "\u{E006}", "\u{E007}", "\u{E008}",
    "\u{E009}",
];

thread_local! {
    /// The browser's template of each key asked so far (empty: the browser has no such key, or
    /// an empty message, which is treated the same). A platform lookup crosses into JavaScript;
    /// a check shows dozens of messages, so each key is asked once per worker and filled in
    /// here. The lookup of a process never changes ([`set_platform_lookup`]), so nothing in
    /// this cache goes stale. Same map type as [`Catalogue`]: one BTreeMap instantiation less
    /// in the wasm module.
    static TEMPLATES: RefCell<Catalogue> = const { RefCell::new(BTreeMap::new()) };
}

/// The platform's text of `key` with `args`, from its cached template: the same text the lookup
/// gives for those arguments, since the browser inserts arguments as they are, never scanned
/// again (`$$` is already resolved in the template). `None` when the browser has no such key or
/// the text comes out empty (the compiled-in English answers then, as before).
fn platform_text(lookup: PlatformLookup, key: &str, args: &[&str]) -> Option<String> {
    TEMPLATES.with(|cache| {
        let mut cache = cache.borrow_mut();
        let template = match cache.get(key) {
            Some(template) => template,
            None => {
                let template = lookup(key, &SLOTS).unwrap_or_default();
                cache.entry(key.to_string()).or_insert(template)
            }
        };
        if template.is_empty() {
            return None;
        }
        let text = fill(template, args);
        (!text.is_empty()).then_some(text)
    })
}

/// Puts `args` in place of the [`SLOTS`] of a template (a missing argument gives nothing).
fn fill(template: &str, args: &[&str]) -> String {
    let mut out =
        String::with_capacity(template.len() + args.iter().map(|a| a.len()).sum::<usize>());
    let mut rest = template;
    // A slot is U+E001..U+E009, encoded EE 80 81..89; the text between slots is copied whole.
    while let Some(at) = rest.bytes().position(|b| b == 0xEE) {
        match rest.as_bytes().get(at + 1..at + 3) {
            Some(&[0x80, n @ 0x81..=0x89]) => {
                out.push_str(&rest[..at]);
                if let Some(arg) = args.get(usize::from(n - 0x81)) {
                    out.push_str(arg);
                }
                rest = &rest[at + 3..];
            }
            _ => {
                // Another character starting with EE (three bytes long): copied as it is.
                let end = (at + 3).min(rest.len());
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Which catalogue [`t`] answers from on this thread: changes whenever [`with_catalogue`]
/// installs or restores one (the platform's lookup never changes in a process).
pub fn catalogue_generation() -> u64 {
    GENERATION.with(std::cell::Cell::get)
}

/// Runs `f` with `json` (a `messages.json` text) as this thread's catalogue, then puts the
/// previous one back, even if `f` panics. Keys missing from `json` come back as `[[key]]`.
/// For tests (the pseudo-locale); costs [`t`] one thread-local read when unused.
pub fn with_catalogue<R>(json: &str, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Rc<Catalogue>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            OVERRIDE.with(|o| *o.borrow_mut() = previous);
            GENERATION.with(|g| g.set(g.get().wrapping_add(1)));
        }
    }
    GENERATION.with(|g| g.set(g.get().wrapping_add(1)));
    let installed = Rc::new(parse(json));
    let _restore = Restore(OVERRIDE.with(|o| o.borrow_mut().replace(installed)));
    f()
}

/// Fills `$1`..`$9` with `args` and turns `$$` into `$`, as `chrome.i18n.getMessage` does
/// (Chromium's `ReplaceStringPlaceholders`): a run of n+1 dollars gives n; `$` before anything
/// else is dropped with that character; a missing argument gives nothing. Arguments are
/// inserted as they are, never scanned again.
pub fn substitute(message: &str, args: &[&str]) -> String {
    let mut out =
        String::with_capacity(message.len() + args.iter().map(|a| a.len()).sum::<usize>());
    let mut rest = message;
    // The text between dollars is copied whole.
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match after.chars().next() {
            None => rest = after,
            Some('$') => {
                let run = after.bytes().take_while(|&b| b == b'$').count();
                for _ in 0..run {
                    out.push('$');
                }
                rest = &after[run..];
            }
            Some(d @ '1'..='9') => {
                let index = d as usize - '1' as usize;
                if let Some(arg) = args.get(index) {
                    out.push_str(arg);
                }
                rest = &after[1..];
            }
            Some(other) => rest = &after[other.len_utf8()..],
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substitutes_like_chrome() {
        assert_eq!(substitute("$1 is $2.", &["A", "b"]), "A is b.");
        assert_eq!(substitute("$1 and $1", &["x"]), "x and x");
        assert_eq!(substitute("$$1 costs $$$1", &["9"]), "$1 costs $$1");
        assert_eq!(substitute("${a} $2", &["x"]), "a} ");
        assert_eq!(substitute("end $", &[]), "end ");
        assert_eq!(substitute("$1", &["$2 stays"]), "$2 stays");
    }

    #[test]
    fn missing_keys_show_and_english_is_the_default() {
        assert_eq!(t("no_such_key_at_all", &[]), "[[no_such_key_at_all]]");
        assert_eq!(
            t("required", &["Display name"]),
            "Display name is required."
        );
        assert_eq!(t("REQUIRED", &["X"]), "X is required.");
        assert_eq!(String::from(Text("ext_name")), "OIN Helper");
        assert_eq!(Text("ext_name").to_string(), "OIN Helper");
    }

    #[test]
    fn every_english_key_is_found_and_only_those() {
        let entries: Vec<_> = english_entries().collect();
        assert!(entries.len() > 100);
        assert!(entries.windows(2).all(|pair| pair[0].0 < pair[1].0));
        for (key, message) in &entries {
            assert_eq!(english(key), Some(*message));
            assert_eq!(english(&format!("{key}_")), None);
        }
        assert_eq!(english(""), None);
        assert_eq!(english("\u{10FFFF}"), None);
    }

    /// The character-by-character reading of Chromium's rules `substitute` implements.
    fn reference_substitute(message: &str, args: &[&str]) -> String {
        let mut out = String::new();
        let mut chars = message.chars().peekable();
        while let Some(ch) = chars.next() {
            if ch != '$' {
                out.push(ch);
                continue;
            }
            match chars.next() {
                None => {}
                Some('$') => {
                    out.push('$');
                    while chars.peek() == Some(&'$') {
                        chars.next();
                        out.push('$');
                    }
                }
                Some(d @ '1'..='9') => {
                    if let Some(arg) = args.get(d as usize - '1' as usize) {
                        out.push_str(arg);
                    }
                }
                Some(_) => {}
            }
        }
        out
    }

    #[test]
    fn substitution_and_slots_agree_with_the_plain_reading() {
        let alphabet = ['$', '1', '2', '9', '0', 'a', 'é', '\u{E001}', '\u{E00A}'];
        let args: &[&str] = &["A", "$1", "\u{E002}"];
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(
                longer
                    .into_iter()
                    .filter(|t| t.chars().count() == 5 || t.len() < 12),
            );
            texts.sort();
            texts.dedup();
        }
        for text in &texts {
            assert_eq!(
                substitute(text, args),
                reference_substitute(text, args),
                "{text:?}"
            );
            // Filling the browser's template gives the browser's text (for messages without
            // slot characters of their own, as every catalogue message is).
            if !text.contains('\u{E001}') {
                let template = reference_substitute(text, &SLOTS);
                assert_eq!(
                    fill(&template, args),
                    reference_substitute(text, args),
                    "{text:?}"
                );
            }
        }
    }

    /// A stand-in for `chrome.i18n.getMessage` over a small catalogue.
    fn fake_browser(key: &str, args: &[&str]) -> Option<String> {
        let message = match key {
            "plain" => "No arguments.",
            "two" => "$1 is $2.",
            "dollars" => "$$1 costs $$$1, $1 and $3",
            "only" => "$1",
            _ => return Some(String::new()),
        };
        Some(substitute(message, args))
    }

    #[test]
    fn cached_templates_give_the_browsers_text() {
        let cases: &[(&str, &[&str])] = &[
            ("plain", &[]),
            ("two", &["A", "b"]),
            ("two", &["\u{E002} stays", "$1"]),
            ("two", &["only one"]),
            ("dollars", &["9"]),
            ("dollars", &["x", "y", "z"]),
            ("only", &["value"]),
        ];
        for _ in 0..2 {
            for (key, args) in cases {
                assert_eq!(
                    platform_text(fake_browser, key, args),
                    fake_browser(key, args),
                    "{key} {args:?}"
                );
            }
        }
        // Unknown to the browser, or empty once filled in: English answers instead.
        assert_eq!(platform_text(fake_browser, "unknown", &["x"]), None);
        assert_eq!(platform_text(fake_browser, "only", &[""]), None);
    }

    #[test]
    fn an_override_is_scoped_and_strict() {
        let json = r#"{"required": {"message": "¡$1!"}}"#;
        let inside = with_catalogue(json, || (t("required", &["x"]), t("ext_name", &[])));
        assert_eq!(inside, ("¡x!".to_string(), "[[ext_name]]".to_string()));
        assert_eq!(t("required", &["x"]), "x is required.");
        let nested = with_catalogue(json, || with_catalogue("not json", || t("required", &[])));
        assert_eq!(nested, "[[required]]");
        let after = std::panic::catch_unwind(|| with_catalogue(json, || panic!("boom")));
        assert!(after.is_err());
        assert_eq!(t("ext_name", &[]), "OIN Helper");
    }
}

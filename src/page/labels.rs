//! Label normalisation and the label index: how a control's raw label candidates are compared
//! with the catalogue's labels and how a heading names a section (or a repeated field).
//! Invariant: pure and linear — the index is built once per page from `catalogue::FIELDS`, and
//! every lookup costs a bounded number of hash probes whatever the page or the text size.

use crate::catalogue::{Kind, Section, FIELDS, SECTIONS};
use crate::model::{Control, LabelCandidates};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A small multiplicative hasher (the Fx hash of rustc) for the index's short, trusted keys:
/// the catalogue is ours, so SipHash's flood resistance buys nothing and costs most of a lookup.
#[derive(Debug, Clone, Copy, Default)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Whole words straight from the slice, the last short one zero-padded: the same hash as
        // padding every chunk, without a copy per word.
        let mut words = bytes.chunks_exact(8);
        for chunk in &mut words {
            let word = <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes);
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        let tail = words.remainder();
        if !tail.is_empty() {
            let mut word = [0u8; 8];
            word[..tail.len()].copy_from_slice(tail);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
type FxSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// Longest stretch of a label (in characters) that is ever compared: a label is a few words, so
/// anything longer is pasted text, and reading all of it would only cost time.
const LABEL_MAX_CHARS: usize = 400;

/// Longest hint shown in diagnostics, in characters.
const HINT_MAX_CHARS: usize = 80;

/// Labels too generic to name a field on their own: they only map when the section (or the
/// repeated field) they sit in agrees, because "Name" or "URL" means something else elsewhere.
const GENERIC: &[&str] = &[
    "name",
    "label",
    "url",
    "index",
    "values",
    "value",
    "password",
    "username",
    "base url",
    "configuration guide url",
    "link to configuration guide",
    "configuration guide",
];

/// Headings that name one repeated (or grouped) field rather than a whole section, so that
/// "Name" under "Attribute statements" is the attribute's name, not a tenant variable's.
const SUB_HEADINGS: &[(&str, &str)] = &[
    ("attribute statements", "saml.attribute_statements"),
    ("saml attribute statements", "saml.attribute_statements"),
    ("attribute statement", "saml.attribute_statements"),
    ("additional acs urls", "saml.additional_acs"),
    ("additional acs url", "saml.additional_acs"),
    ("provide any additional acs urls", "saml.additional_acs"),
    ("public support contact", "support.public_contact"),
    ("tenant variables", "tenant.variables"),
    ("integration variables", "tenant.variables"),
    ("oauth 2 endpoints", "scim.oauth_endpoints"),
    ("oauth endpoints", "scim.oauth_endpoints"),
];

/// Capability options of the capabilities step (comparison keys), and the protocol section each
/// one turns on.
const CAPABILITIES: &[(&str, Section)] = &[
    ("saml 2.0", Section::Saml),
    ("saml", Section::Saml),
    ("saml 2.0 sso", Section::Saml),
    ("saml 2.0 single sign on", Section::Saml),
    ("saml sso", Section::Saml),
    ("sso saml", Section::Saml),
    ("oidc", Section::Oidc),
    ("oidc sso", Section::Oidc),
    ("sso oidc", Section::Oidc),
    ("openid connect", Section::Oidc),
    ("openid connect oidc", Section::Oidc),
    ("oidc openid connect", Section::Oidc),
    ("scim 2.0", Section::Scim),
    ("scim", Section::Scim),
    ("scim provisioning", Section::Scim),
    ("scim 2.0 provisioning", Section::Scim),
    ("provisioning", Section::Scim),
    ("provisioning scim", Section::Scim),
    ("universal logout", Section::Ul),
];

/// Normalises a label for display and comparison: lower case, invisible format characters
/// (bidi marks, zero-width spaces) removed, `*` removed, "(optional)"/"(required)" removed, white
/// space collapsed, surrounding punctuation and trailing colons trimmed.
pub fn normalise(raw: &str) -> String {
    let raw = clip(raw, LABEL_MAX_CHARS);
    let mut text = String::with_capacity(raw.len());
    for ch in raw.chars() {
        if is_invisible(ch) || ch == '*' {
            continue;
        }
        text.extend(ch.to_lowercase());
    }
    for marker in ["(optional)", "(required)"] {
        // A marker may sit anywhere ("Description (optional) *"), and more than once.
        while let Some(at) = text.find(marker) {
            text.replace_range(at..at + marker.len(), " ");
        }
    }
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    trim_punctuation(&collapsed).to_string()
}

/// The comparison key of a label: its words only (letters, digits, combining marks and `.` inside
/// a word), lower case, joined by single spaces, without "(optional)"/"(required)". Hyphens,
/// slashes and brackets separate words, so "Sign-in redirect URIs:" and "sign in redirect uris"
/// compare equal. One pass and one allocation: it runs for every label of every control.
pub fn match_key(raw: &str) -> String {
    let raw = clip(raw, LABEL_MAX_CHARS);
    if raw.is_ascii() {
        return ascii_key(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut in_word = false;
    let mut chars = raw.char_indices();
    while let Some((i, ch)) = chars.next() {
        if ch == '(' {
            let tail = raw.get(i + 1..i + 10).unwrap_or("");
            if tail.eq_ignore_ascii_case("optional)") || tail.eq_ignore_ascii_case("required)") {
                chars.nth(8);
                end_word(&mut out, &mut in_word);
                continue;
            }
        }
        if is_invisible(ch) {
            // Invisible marks do not split a word: "Dis\u{200F}play" reads "Display".
            continue;
        }
        if ch.is_alphanumeric() || is_combining(ch) || (ch == '.' && in_word) {
            if !in_word && !out.is_empty() {
                out.push(' ');
            }
            in_word = true;
            if ch.is_ascii() {
                out.push(ch.to_ascii_lowercase());
            } else {
                out.extend(ch.to_lowercase());
            }
        } else {
            end_word(&mut out, &mut in_word);
        }
    }
    end_word(&mut out, &mut in_word);
    out
}

/// [`match_key`] for ASCII text (almost every label), byte by byte: same result, several times
/// faster than decoding characters.
fn ascii_key(raw: &str) -> String {
    let mut out = vec![0u8; raw.len()];
    let len = ascii_key_into(raw, &mut out);
    out.truncate(len);
    // Only ASCII was written, so this is always valid UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// Longest ASCII text [`with_match_key`] keys on the stack.
const STACK_KEY_BYTES: usize = 96;

/// `f(&match_key(raw))`, without allocating the key when the text is short ASCII (nearly every
/// option, status and group name): for keys that are compared once and dropped.
pub fn with_match_key<R>(raw: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; STACK_KEY_BYTES];
    f(&key_in(raw, &mut buf))
}

/// The key of `raw`, written into `buf` when it fits (the work of [`with_match_key`], kept out
/// of its generic body so that each caller's copy of it stays a call).
fn key_in<'b>(raw: &str, buf: &'b mut [u8; STACK_KEY_BYTES]) -> std::borrow::Cow<'b, str> {
    let raw = clip(raw, LABEL_MAX_CHARS);
    if raw.len() <= STACK_KEY_BYTES && raw.is_ascii() {
        let len = ascii_key_into(raw, buf);
        // Only ASCII was written: never the empty fallback.
        let key = std::str::from_utf8(buf.get(..len).unwrap_or(&[])).unwrap_or("");
        return std::borrow::Cow::Borrowed(key);
    }
    std::borrow::Cow::Owned(match_key(raw))
}

/// The keys of several texts in one string (one allocation, not one per text): a page's headings,
/// texts and buttons are all keyed on every check.
#[derive(Debug, Default)]
pub struct Keys {
    text: String,
    /// Where each key ends in `text`.
    ends: Vec<usize>,
}

impl Keys {
    /// The keys of `raws`, in order: each is `match_key` of its text.
    pub fn of(raws: &[&str]) -> Keys {
        let room = raws.iter().map(|r| clip(r, LABEL_MAX_CHARS).len()).sum();
        let mut buf: Vec<u8> = Vec::with_capacity(room);
        let mut ends = Vec::with_capacity(raws.len());
        for raw in raws {
            let raw = clip(raw, LABEL_MAX_CHARS);
            let start = buf.len();
            if raw.is_ascii() {
                buf.resize(start + raw.len(), 0);
                let len = ascii_key_into(raw, buf.get_mut(start..).unwrap_or_default());
                buf.truncate(start + len);
            } else {
                buf.extend_from_slice(match_key(raw).as_bytes());
            }
            ends.push(buf.len());
        }
        Keys {
            // Whole keys only, each valid UTF-8: never the empty fallback.
            text: String::from_utf8(buf).unwrap_or_default(),
            ends,
        }
    }

    /// The keys, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + Clone {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .map(|(start, end)| self.text.get(start..end).unwrap_or(""))
    }
}

/// What [`ascii_key_into`] does with each ASCII byte, looked up once per byte (every text of
/// every page is keyed on every check).
#[derive(Clone, Copy, PartialEq, Eq)]
enum ByteClass {
    /// A letter or digit: part of a word.
    Word,
    /// `.`: part of a word inside one, else a separator.
    Dot,
    /// `(`: maybe the start of "(optional)" / "(required)"; a separator either way.
    Paren,
    /// A control character that is not white space: dropped, without ending the word.
    Dropped,
    /// Anything else ends the word.
    Separator,
}

const BYTE_CLASSES: [ByteClass; 128] = {
    let mut classes = [ByteClass::Separator; 128];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        classes[b] = if byte.is_ascii_alphanumeric() {
            ByteClass::Word
        } else if byte == b'.' {
            ByteClass::Dot
        } else if byte == b'(' {
            ByteClass::Paren
        } else if byte.is_ascii_control() && !byte.is_ascii_whitespace() {
            ByteClass::Dropped
        } else {
            ByteClass::Separator
        };
        b += 1;
    }
    classes
};

/// The key of ASCII `raw` written into `buf` (at least `raw.len()` bytes); its length. Written
/// in place: a key is never longer than its text (each space it puts between words stands for at
/// least one separator), and only ASCII is written, so no character is encoded.
fn ascii_key_into(raw: &str, buf: &mut [u8]) -> usize {
    let bytes = raw.as_bytes();
    let mut len = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let class = BYTE_CLASSES
            .get(usize::from(b))
            .copied()
            .unwrap_or(ByteClass::Separator);
        match class {
            ByteClass::Word => {
                if !in_word && len > 0 {
                    buf[len] = b' ';
                    len += 1;
                }
                in_word = true;
                buf[len] = b.to_ascii_lowercase();
                len += 1;
            }
            ByteClass::Dot if in_word => {
                buf[len] = b'.';
                len += 1;
            }
            ByteClass::Dropped => {}
            ByteClass::Paren => {
                let tail = raw.get(i + 1..i + 10).unwrap_or("");
                if tail.eq_ignore_ascii_case("optional)") || tail.eq_ignore_ascii_case("required)")
                {
                    i += 9;
                }
                len = end_ascii_word(buf, len, &mut in_word);
            }
            ByteClass::Dot | ByteClass::Separator => {
                len = end_ascii_word(buf, len, &mut in_word);
            }
        }
        i += 1;
    }
    end_ascii_word(buf, len, &mut in_word)
}

/// [`end_word`] on the first `len` bytes of [`ascii_key_into`]'s buffer: the new length.
fn end_ascii_word(out: &[u8], mut len: usize, in_word: &mut bool) -> usize {
    if *in_word {
        while len > 0 && out[len - 1] == b'.' {
            len -= 1;
        }
    }
    *in_word = false;
    len
}

/// Whether `needle` occurs in `haystack`: a plain byte search, since keys and page texts are
/// short and `str::contains` sets up a two-way searcher on every call. (A byte match of UTF-8
/// text is a character match: no character's encoding starts inside another's.)
pub fn contains(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = n.split_first() else {
        return true;
    };
    let Some(last) = h.len().checked_sub(n.len()) else {
        return false;
    };
    // A plain loop over the first byte (rarely matched), not an iterator chain: this runs for
    // every shown text several times a check.
    let mut i = 0;
    while i <= last {
        if h[i] == first && h.get(i + 1..i + n.len()) == Some(rest) {
            return true;
        }
        i += 1;
    }
    false
}

fn end_word(out: &mut String, in_word: &mut bool) {
    if *in_word {
        // A word never ends with a dot ("e.g." and "URL." compare as "e.g" and "url").
        while out.ends_with('.') {
            out.pop();
        }
    }
    *in_word = false;
}

/// Splits an identifier hint (`displayName`, `app_description`, `config-guide-url`) into words.
pub fn identifier_words(raw: &str) -> String {
    let raw = clip(raw, LABEL_MAX_CHARS);
    let mut out = String::with_capacity(raw.len() + 8);
    let mut prev_lower = false;
    for ch in raw.chars() {
        if ch.is_uppercase() && prev_lower {
            out.push(' ');
        }
        prev_lower = ch.is_lowercase() || ch.is_ascii_digit();
        if ch == '_' || ch == '-' || ch == '.' || ch == '[' || ch == ']' {
            out.push(' ');
            prev_lower = false;
        } else {
            out.extend(ch.to_lowercase());
        }
    }
    out
}

/// The comparison key of an identifier hint: `match_key(identifier_words(raw))`, in one pass
/// for ASCII identifiers (nearly all of them).
pub fn identifier_key(raw: &str) -> String {
    let raw = clip(raw, LABEL_MAX_CHARS);
    if !raw.is_ascii() {
        return match_key(&identifier_words(raw));
    }
    let mut out = String::with_capacity(raw.len() + 8);
    let mut prev_lower = false;
    let mut in_word = false;
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() {
            if b.is_ascii_uppercase() && prev_lower {
                in_word = false;
            }
            if !in_word && !out.is_empty() {
                out.push(' ');
            }
            in_word = true;
            prev_lower = b.is_ascii_lowercase() || b.is_ascii_digit();
            out.push(char::from(b.to_ascii_lowercase()));
        } else {
            in_word = false;
            prev_lower = false;
        }
    }
    out
}

/// The best human hint for a control, for diagnostics (shortened): its label, else its other
/// names, else its tag and type.
pub fn best_hint(control: &Control) -> String {
    let c = &control.labels;
    let named = [
        c.label.as_str(),
        c.labelled_by.as_str(),
        c.aria_label.as_str(),
        c.legend.as_str(),
        c.placeholder.as_str(),
        c.name.as_str(),
        c.dom_id.as_str(),
        c.data_se.as_str(),
    ]
    .into_iter()
    .find(|s| !s.trim().is_empty());
    let mut hint = match named {
        Some(text) => clip(
            text.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .as_str(),
            HINT_MAX_CHARS,
        )
        .to_string(),
        None => crate::i18n::t("diagnostics_unlabelled", &[&control.tag, &control.kind])
            .trim_end()
            .to_string(),
    };
    if !control.option.trim().is_empty() && named == Some(c.legend.as_str()) {
        hint.push_str(" / ");
        hint.push_str(clip(control.option.trim(), HINT_MAX_CHARS));
    }
    hint
}

/// The capability a capabilities-step option names ("SAML 2.0", "SCIM provisioning"…), if any.
pub fn capability_of(option: &str) -> Option<Section> {
    with_match_key(option, |key| {
        CAPABILITIES
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, s)| *s)
    })
}

/// What a heading (or legend) says about the controls under it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context {
    /// Section the heading announces.
    pub section: Option<Section>,
    /// Index in `catalogue::FIELDS` of the one field the heading names (a repeated field or a
    /// group such as "Attribute statements" or "Redirect URIs").
    pub field: Option<usize>,
}

/// One catalogue label: which field (index in `FIELDS`) and which part it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Index in `catalogue::FIELDS`.
    pub field: usize,
    /// Part name (`""` for the whole field).
    pub part: &'static str,
}

/// How a label text matched the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit<'a> {
    /// The catalogue labels (same comparison key) it matched, in catalogue order.
    pub entries: &'a [Entry],
    /// Whether the key is one of the generic labels that need their section to agree.
    pub generic: bool,
    /// Whether the whole label was equal to the catalogue label (else: contained in it).
    pub exact: bool,
}

/// The catalogue's labels and the section headings, keyed for matching. Built once per process
/// ([`Index::shared`]): the catalogue is constant, so nothing per page or per control rebuilds it.
#[derive(Debug, Clone)]
pub struct Index {
    labels: FxMap<String, Vec<Entry>>,
    first_words: FxSet<String>,
    max_words: usize,
    generic: FxSet<String>,
    sections: FxMap<String, Section>,
    section_max_words: usize,
    sub_headings: FxMap<String, usize>,
    /// Per field (same order as `FIELDS`): its labels' keys with their parts.
    field_keys: Vec<Vec<(String, &'static str)>>,
}

impl Default for Index {
    fn default() -> Self {
        Index::new()
    }
}

impl Index {
    /// Builds the index from the catalogue (about a hundred labels).
    pub fn new() -> Index {
        let mut labels: FxMap<String, Vec<Entry>> = FxMap::default();
        let mut first_words = FxSet::default();
        let mut max_words = 1;
        let mut field_keys = Vec::with_capacity(FIELDS.len());
        for (i, spec) in FIELDS.iter().enumerate() {
            let mut keys = Vec::with_capacity(spec.labels.len());
            for (label, part) in spec.labels {
                let key = match_key(label);
                let count = key.split(' ').count();
                max_words = max_words.max(count);
                if let Some(first) = key.split(' ').next() {
                    first_words.insert(first.to_string());
                }
                keys.push((key.clone(), *part));
                let list = labels.entry(key).or_default();
                let entry = Entry { field: i, part };
                if !list.contains(&entry) {
                    list.push(entry);
                }
            }
            field_keys.push(keys);
        }
        let generic = GENERIC.iter().map(|g| match_key(g)).collect();
        let mut sections = FxMap::default();
        let mut section_max_words = 1;
        for s in SECTIONS {
            for h in s.headings() {
                let key = match_key(h);
                section_max_words = section_max_words.max(key.split(' ').count());
                sections.entry(key).or_insert(s);
            }
        }
        let mut sub_headings = FxMap::default();
        for (heading, key) in SUB_HEADINGS {
            if let Some(i) = FIELDS.iter().position(|f| f.key == *key) {
                sub_headings.insert(match_key(heading), i);
            }
        }
        Index {
            labels,
            first_words,
            max_words,
            generic,
            sections,
            section_max_words,
            sub_headings,
            field_keys,
        }
    }

    /// The index of the built-in catalogue, built on first use.
    pub fn shared() -> &'static Index {
        static SHARED: OnceLock<Index> = OnceLock::new();
        SHARED.get_or_init(Index::new)
    }

    /// Matches a label text; see [`Index::lookup_key`].
    pub fn lookup(&self, raw: &str, contained: bool) -> Option<Hit<'_>> {
        with_match_key(raw, |key| self.lookup_key(key, contained))
    }

    /// Matches a comparison key: exact equality first, then the longest catalogue label
    /// contained in it as whole words (leftmost on a tie). `contained` turns the second step on.
    /// A one-word generic label ("Name", "URL") is contained only as the last word, and
    /// `mapping` accepts that only where the section is known.
    pub fn lookup_key(&self, key: &str, contained: bool) -> Option<Hit<'_>> {
        if key.is_empty() {
            return None;
        }
        if let Some(entries) = self.labels.get(key) {
            return Some(Hit {
                entries,
                generic: self.generic.contains(key),
                exact: true,
            });
        }
        if !contained {
            return None;
        }
        let ws = word_spans(key);
        // Only words that start some catalogue label can start a match: probe those alone.
        let starts: Vec<usize> = (0..ws.len())
            .filter(|&i| self.first_words.contains(&key[ws[i].0..ws[i].1]))
            .collect();
        if starts.is_empty() {
            return None;
        }
        // Longest first, so "display name" wins over "name" in "Display name (shown in the catalog)".
        for n in (1..=self.max_words.min(ws.len())).rev() {
            for &start in starts.iter().filter(|&&s| s + n <= ws.len()) {
                let probe = &key[ws[start].0..ws[start + n - 1].1];
                if let Some(entries) = self.labels.get(probe) {
                    let generic = self.generic.contains(probe);
                    // A one-word generic label counts only as the label's last word, where a
                    // group name precedes it ("Tenant variables Label"), not in "Name format".
                    if generic && n == 1 && start + 1 != ws.len() {
                        continue;
                    }
                    return Some(Hit {
                        entries,
                        generic,
                        exact: false,
                    });
                }
            }
        }
        None
    }

    /// The part of one given field a label key names: equal to one of its labels, or the tail of
    /// one ("support email" under "Public support contact" is that field's "public support email").
    pub fn part_in_field(&self, field: usize, key: &str) -> Option<&'static str> {
        let keyed = self.field_keys.get(field)?;
        if key.is_empty() {
            return None;
        }
        if let Some((_, p)) = keyed.iter().find(|(l, _)| l == key) {
            return Some(p);
        }
        keyed
            .iter()
            .find(|(l, _)| {
                l.len() > key.len()
                    && l.ends_with(key)
                    && l.as_bytes()[l.len() - key.len() - 1] == b' '
            })
            .map(|(_, p)| *p)
    }

    /// What a heading (or a legend) says: the repeated field it names, else the section.
    pub fn context(&self, heading: &str) -> Context {
        with_match_key(heading, |key| self.context_key(key))
    }

    /// [`Index::context`] of a heading's comparison key.
    pub fn context_key(&self, key: &str) -> Context {
        if key.is_empty() {
            return Context::default();
        }
        if let Some(&field) = self.sub_headings.get(key) {
            return Context {
                section: FIELDS.get(field).map(|f| f.section),
                field: Some(field),
            };
        }
        if let Some(&section) = self.sections.get(key) {
            return Context {
                section: Some(section),
                field: None,
            };
        }
        if let Some(entries) = self.labels.get(key) {
            // A heading equal to a field's own label ("Redirect URIs") names that field, but only
            // when the label is unambiguous: "Configuration guide URL" alone names no section.
            if let [only] = entries.as_slice() {
                if !self.generic.contains(key) {
                    let spec = FIELDS.get(only.field);
                    let field = matches!(
                        spec.map(|f| f.kind),
                        Some(Kind::List | Kind::Rows | Kind::Parts | Kind::Choice)
                    )
                    .then_some(only.field);
                    return Context {
                        section: spec.map(|f| f.section),
                        field,
                    };
                }
            }
        }
        // "Configure SAML properties", "OIN catalog properties (shown to customers)": a section
        // heading inside a longer one. Only several-word section names count this way, so a
        // heading such as "Run SAML tests" does not announce the SAML section.
        let ws = word_spans(key);
        for n in (2..=self.section_max_words.min(ws.len())).rev() {
            for start in 0..=(ws.len() - n) {
                let probe = &key[ws[start].0..ws[start + n - 1].1];
                if let Some(&section) = self.sections.get(probe) {
                    return Context {
                        section: Some(section),
                        field: None,
                    };
                }
            }
        }
        Context::default()
    }

    /// Whether a comparison key is one of the generic labels.
    pub fn is_generic(&self, key: &str) -> bool {
        self.generic.contains(key)
    }
}

/// Byte ranges of the space-separated words of a key: a run of words is then a slice of the key
/// itself (the same text as joining them with single spaces), so probing allocates nothing.
fn word_spans(key: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::with_capacity(8);
    let mut at = 0;
    for word in key.split(' ') {
        spans.push((at, at + word.len()));
        at += word.len() + 1;
    }
    spans
}

/// The label texts of a control in rank order, each with how it may be used.
pub fn ranked(c: &LabelCandidates, choice: bool) -> impl Iterator<Item = (&str, Source)> {
    // For a checkbox or radio group the legend names the field; the control's own label is the
    // option, and only names the field for a lone checkbox.
    let legend = (c.legend.as_str(), Source::Strong);
    let (legend_first, legend_after) = if choice {
        (Some(legend), None)
    } else {
        (None, Some(legend))
    };
    legend_first
        .into_iter()
        .chain([
            (c.label.as_str(), Source::Strong),
            (c.labelled_by.as_str(), Source::Strong),
            (c.aria_label.as_str(), Source::Strong),
        ])
        .chain(legend_after)
        .chain([
            (c.placeholder.as_str(), Source::Placeholder),
            (c.name.as_str(), Source::Identifier),
            (c.dom_id.as_str(), Source::Identifier),
            (c.data_se.as_str(), Source::Identifier),
        ])
        .filter(|(t, _)| !t.trim().is_empty())
}

/// How trustworthy a label source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Visible label, `aria-labelledby`, `aria-label`, legend.
    Strong,
    /// `placeholder`: shown, but often an example rather than a name.
    Placeholder,
    /// `name`, `id`, `data-se`: a developer's hint, never shown; split into words first.
    Identifier,
}

fn trim_punctuation(s: &str) -> &str {
    let keep = |c: char| c.is_alphanumeric() || is_combining(c);
    let mut out = s.trim_start_matches(|c: char| !keep(c));
    loop {
        let before = out;
        out = out.trim_end_matches(|c: char| !keep(c) && c != ')' && c != '?');
        // A closing bracket or question mark stays only when it belongs to the label
        // ("Audience URI (SP Entity ID)", "Supports Just-In-Time provisioning?").
        if out.ends_with(')') && !out.contains('(') {
            out = &out[..out.len() - 1];
        }
        if out.ends_with('?') && out.trim_end_matches('?').ends_with(|c: char| !keep(c)) {
            out = &out[..out.len() - 1];
        }
        if out == before {
            return out;
        }
    }
}

/// Characters a user cannot see that would otherwise split or change a word: bidi marks and
/// embeddings, zero-width spaces and joiners, soft hyphens, the BOM.
fn is_invisible(ch: char) -> bool {
    matches!(ch,
        '\u{00AD}' | '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
        || (ch.is_control() && !ch.is_whitespace())
}

/// Combining marks stay inside their word ("café" spelt with U+0301 is one word).
fn is_combining(ch: char) -> bool {
    matches!(ch,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05BD}'
        | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// The first `max` characters of a text (at a character boundary).
pub fn clip(s: &str, max: usize) -> &str {
    if s.len() <= max {
        // No more bytes than the limit means no more characters either.
        return s;
    }
    match s.char_indices().nth(max) {
        Some((at, _)) => &s[..at],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fx_hash_pads_only_the_last_word() {
        // The hash as first written: every chunk copied into a zero-padded word.
        let padded = |bytes: &[u8]| {
            bytes.chunks(8).fold(0u64, |h, chunk| {
                let mut word = [0u8; 8];
                word[..chunk.len()].copy_from_slice(chunk);
                (h.rotate_left(5) ^ u64::from_le_bytes(word))
                    .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
            })
        };
        let text = "redirect uris of the oidc section, and some more words";
        for end in 0..text.len() {
            let mut h = FxHasher::default();
            h.write(&text.as_bytes()[..end]);
            assert_eq!(h.finish(), padded(&text.as_bytes()[..end]), "{end}");
        }
    }

    #[test]
    fn normalise_strips_decoration() {
        assert_eq!(normalise("  Display   name *:"), "display name");
        assert_eq!(normalise("Description (optional)"), "description");
        assert_eq!(
            normalise("Audience URI (SP Entity ID)"),
            "audience uri (sp entity id)"
        );
        assert_eq!(
            normalise("Supports Just-In-Time provisioning?"),
            "supports just-in-time provisioning?"
        );
        assert_eq!(normalise("\u{200F}Display name\u{200E}"), "display name");
        assert_eq!(normalise("(Required) Username:"), "username");
    }

    /// The byte loop `ascii_key_into` had before its table of byte classes.
    fn ascii_key_reference(raw: &str) -> String {
        let bytes = raw.as_bytes();
        let mut out = vec![0u8; bytes.len()];
        let mut len = 0;
        let mut in_word = false;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'(' {
                let tail = raw.get(i + 1..i + 10).unwrap_or("");
                if tail.eq_ignore_ascii_case("optional)") || tail.eq_ignore_ascii_case("required)")
                {
                    i += 10;
                    len = end_ascii_word(&out, len, &mut in_word);
                    continue;
                }
            }
            if b.is_ascii_alphanumeric() || (b == b'.' && in_word) {
                if !in_word && len > 0 {
                    out[len] = b' ';
                    len += 1;
                }
                in_word = true;
                out[len] = b.to_ascii_lowercase();
                len += 1;
            } else if !b.is_ascii_control() || b.is_ascii_whitespace() {
                len = end_ascii_word(&out, len, &mut in_word);
            }
            i += 1;
        }
        len = end_ascii_word(&out, len, &mut in_word);
        out.truncate(len);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn ascii_keys_match_the_plain_byte_loop() {
        // Every string of up to three bytes from an alphabet of each byte class, and longer
        // labels with the markers.
        let alphabet = [
            "a", "Z", "7", ".", "(", ")", " ", "-", "\t", "\u{1}", "\u{7f}", "_",
        ];
        let mut samples = vec![String::new()];
        for a in alphabet {
            for b in alphabet {
                for c in alphabet {
                    samples.push(format!("{a}{b}{c}"));
                }
            }
        }
        samples.extend(
            [
                "Support email (optional) *",
                "(Required)Name",
                "x(optional)",
                "(optional",
                "e.g. URL.",
                "..a..b..",
                "Sign-in redirect URIs:",
                "A (OPTIONAL) b (required) c (requirED)d",
                "tab\there\u{1}glued",
            ]
            .map(String::from),
        );
        for raw in samples {
            assert_eq!(match_key(&raw), ascii_key_reference(&raw), "{raw:?}");
            assert_eq!(
                Keys::of(&[raw.as_str()]).iter().next(),
                Some(ascii_key_reference(&raw).as_str())
            );
            with_match_key(&raw, |key| assert_eq!(key, ascii_key_reference(&raw)));
        }
    }

    #[test]
    fn keys_ignore_separators() {
        assert_eq!(match_key("Sign-in redirect URIs:"), "sign in redirect uris");
        assert_eq!(
            match_key("Entity ID / audience restriction"),
            "entity id audience restriction"
        );
        assert_eq!(identifier_words("displayName"), "display name");
        assert_eq!(identifier_words("config-guide_url"), "config guide url");
        for id in [
            "displayName",
            "app_description",
            "o-form-input-display-name",
            "settings.scimBaseURL",
            "x2Name",
        ] {
            assert_eq!(identifier_key(id), match_key(&identifier_words(id)), "{id}");
        }
    }

    #[test]
    fn containment_prefers_the_longest_label() {
        let index = Index::new();
        let hit = index.lookup("Display name (shown in the OIN catalog)", true);
        let hit = hit.map(|h| FIELDS[h.entries[0].field].key);
        assert_eq!(hit, Some("catalog.display_name"));
    }

    #[test]
    fn headings_name_sections_and_fields() {
        let index = Index::new();
        assert_eq!(
            index.context("SAML properties").section,
            Some(Section::Saml)
        );
        assert_eq!(index.context("Run SAML tests").section, None);
        let attr = index
            .context("Attribute statements (optional)")
            .field
            .map(|i| FIELDS[i].key);
        assert_eq!(attr, Some("saml.attribute_statements"));
    }
}

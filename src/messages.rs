//! Every finding message, named in one place: each function fills a sentence of the catalogue
//! (`extension/_locales/<lang>/messages.json`, through [`crate::i18n::t`]) with values already
//! formatted here. Invariant: a message says what is wrong and how to fix it, in the user's
//! terms, never a rule id alone; no sentence is written in Rust (only numbers and quotes are).
//!
//! Values quoted from the page are shortened (see [`quote`]) so a 100,000-character paste never
//! turns into a 100,000-character message.

use crate::i18n::t;

/// Longest stretch of a user's value repeated inside a message, in characters.
const QUOTE_MAX: usize = 60;

/// Formats a count with thousands separators (`1043` → `1,043`).
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    if digits.len() <= 3 {
        // Nearly every count shown: nothing to separate.
        return digits;
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Quotes a value from the page, shortened to 60 characters with an ellipsis.
pub fn quote(value: &str) -> String {
    let value = value.trim();
    // The first QUOTE_MAX characters copied as one slice, not pushed one by one.
    let cut = value.char_indices().nth(QUOTE_MAX).map(|(at, _)| at);
    let shown = value.get(..cut.unwrap_or(value.len())).unwrap_or(value);
    let mut out = String::with_capacity(shown.len() + 9);
    out.push('“');
    out.push_str(shown);
    if cut.is_some() {
        out.push('…');
    }
    out.push('”');
    out
}

fn n(count: usize) -> String {
    thousands(count as u64)
}

/// "What" and the quoted value, without quoting the value twice when `what` already names it
/// (list entries are named by their value: "Redirect URIs entry “…”").
fn subject(what: &str, value: &str) -> String {
    let quoted = quote(value);
    if what.contains(&quoted) {
        what.to_string()
    } else {
        t("subject_value", &[what, &quoted])
    }
}

/// Names one cell of a repeated row: "Variable name in row 2".
pub fn in_row(part_label: &str, row: u32) -> String {
    t("row_part", &[part_label, &thousands(u64::from(row) + 1)])
}

/// Names one entry of a list field: "Redirect URIs entry “http://…”".
pub fn list_entry(field_name: &str, value: &str) -> String {
    t("list_entry", &[field_name, &quote(value)])
}

// ---- required ---------------------------------------------------------------------------

/// A required value is empty: "Display name is required."
pub fn required(what: &str) -> String {
    t("required", &[what])
}

/// A conditionally required value is empty (`when`: [`when_oauth`], [`when_sp_flow`]).
pub fn required_when(what: &str, when: impl AsRef<str>) -> String {
    t("required_when", &[what, when.as_ref()])
}

/// A list field has no entry at all.
pub fn required_list(what: &str) -> String {
    t("required_list", &[what])
}

/// The logo is still the console's default image.
pub fn logo_placeholder() -> String {
    t("logo_placeholder", &[])
}

/// Condition text: SCIM authentication mode is OAuth 2.
pub fn when_oauth() -> String {
    t("when_oauth", &[])
}

/// Condition text: the SP-initiated sign-in flow is ticked.
pub fn when_sp_flow() -> String {
    t("when_sp_flow", &[])
}

// ---- lengths and counts -----------------------------------------------------------------

/// A value is longer than an inclusive maximum.
pub fn max_len(what: &str, len: usize, max: usize) -> String {
    t("max_len", &[what, &n(len), &n(max)])
}

/// A value is not under an exclusive limit (the catalog description).
pub fn max_len_under(what: &str, len: usize, limit: usize) -> String {
    t("max_len_under", &[what, &n(len), &n(limit)])
}

/// The description is short.
pub fn short_description(len: usize) -> String {
    t("short_description", &[&n(len)])
}

/// Too many use cases ticked.
pub fn use_cases_count(count: usize, max: usize) -> String {
    let over = n(count.saturating_sub(max));
    t("use_cases_count", &[&n(count), &n(max), &over])
}

/// Too many tenant variables.
pub fn variables_count(count: usize, max: usize) -> String {
    let over = n(count.saturating_sub(max));
    t("variables_count", &[&n(count), &n(max), &over])
}

// ---- logo -------------------------------------------------------------------------------

/// The chosen logo file is not a PNG/JPG/GIF by its type or name.
pub fn logo_format(file_name: &str) -> String {
    t("logo_format", &[&quote(file_name)])
}

/// The chosen logo file's bytes are not a PNG/JPG/GIF image.
pub fn logo_format_bytes(file_name: &str) -> String {
    t("logo_format_bytes", &[&quote(file_name)])
}

/// The chosen logo file is 1 MB or more.
pub fn logo_size(bytes: u64) -> String {
    t("logo_size", &[&thousands(bytes.div_ceil(1024))])
}

/// The logo has dimensions the catalog does not accept.
pub fn logo_dims(width: u32, height: u32) -> String {
    let (w, h) = (thousands(u64::from(width)), thousands(u64::from(height)));
    t("logo_dims", &[&w, &h])
}

// ---- tenant variables -------------------------------------------------------------------

/// A variable name breaks the naming pattern.
pub fn var_name(value: &str, suggestion: Option<&str>) -> String {
    match suggestion {
        Some(s) => t("var_name_suggest", &[&quote(value), s]),
        None => t("var_name", &[&quote(value)]),
    }
}

/// A variable name is too long.
pub fn var_name_too_long(len: usize) -> String {
    t("var_name_too_long", &[&n(len)])
}

/// Two tenant variables share a name.
pub fn duplicate_variable(value: &str) -> String {
    t("duplicate_variable", &[&quote(value)])
}

/// A published variable is gone from the draft.
pub fn variable_removed(name: &str) -> String {
    t("variable_removed", &[&quote(name)])
}

// ---- contacts ---------------------------------------------------------------------------

/// Not an email address.
pub fn email(what: &str, value: &str) -> String {
    t("email", &[&subject(what, value)])
}

/// A shared queue used as the escalation contact.
pub fn generic_mailbox(value: &str) -> String {
    t("generic_mailbox", &[&quote(value)])
}

/// No public support contact at all.
pub fn one_of() -> String {
    t("one_of", &[])
}

/// Not a phone number.
pub fn phone(value: &str) -> String {
    t("phone", &[&quote(value)])
}

// ---- URLs -------------------------------------------------------------------------------

/// Not a web address at all.
pub fn url(what: &str, value: &str) -> String {
    t("url", &[&subject(what, value)])
}

/// An http:// address where https:// is required.
pub fn https_http(what: &str) -> String {
    t("https_http", &[what])
}

/// Not an https:// address.
pub fn https_missing(what: &str, value: &str) -> String {
    t("https_missing", &[&subject(what, value)])
}

/// An underscore in the host name of the SCIM base URL.
pub fn no_underscore(host: &str) -> String {
    t("no_underscore", &[&quote(host)])
}

/// The same entry listed twice.
pub fn duplicate_entry(what: &str, value: &str) -> String {
    t("duplicate_entry", &[what, &quote(value)])
}

// ---- expressions ------------------------------------------------------------------------

/// Unbalanced braces or quotes in an expression.
pub fn el_unbalanced(what: &str, example: &str) -> String {
    t("el_unbalanced", &[what, example])
}

/// Expression written in another protocol's style.
pub fn el_style(what: &str, example: &str) -> String {
    t("el_style", &[what, example])
}

/// A variable reference with the wrong prefix.
pub fn el_prefix(what: &str, reference: &str, prefix: &str, example: &str) -> String {
    t("el_prefix", &[what, &quote(reference), prefix, example])
}

/// A part of an expression that is not a valid reference or literal.
pub fn el_syntax(what: &str, fragment: &str, example: &str) -> String {
    t("el_syntax", &[what, &quote(fragment), example])
}

/// A variable not defined under Tenant settings.
pub fn el_undefined(what: &str, reference: &str, name: &str) -> String {
    t("el_undefined", &[what, &quote(reference), name])
}

/// A disallowed reference in a SAML attribute value.
pub fn el_attr(what: &str, reference: &str) -> String {
    t("el_attr", &[what, &quote(reference)])
}

/// Unbalanced braces or quotes in a SAML attribute value.
pub fn el_attr_unbalanced(what: &str) -> String {
    t("el_attr_unbalanced", &[what])
}

// ---- SCIM -------------------------------------------------------------------------------

/// Basic authentication chosen.
pub fn not_basic() -> String {
    t("not_basic", &[])
}

/// Some other authentication mode chosen.
pub fn auth_mode(value: &str) -> String {
    t("auth_mode", &[&quote(value)])
}

/// A must-tick option is not ticked.
pub fn required_option(what: &str, option: &str) -> String {
    t("required_option", &[what, &quote(option)])
}

/// No option of a choice is chosen.
pub fn required_one_choice(what: &str) -> String {
    t("required_one_choice", &[what])
}

/// An additional ACS index out of range.
pub fn index_range(what: &str, value: &str) -> String {
    t("index_range", &[&subject(what, value)])
}

/// Two additional ACS URLs share an index.
pub fn duplicate_index(value: &str) -> String {
    t("duplicate_index", &[&quote(value)])
}

// ---- testing ----------------------------------------------------------------------------

/// The test username is not Okta's reviewer account.
pub fn isvtest_username() -> String {
    t("isvtest_username", &[])
}

/// Names an org for people: its host, and its id when known.
pub fn org_name(host: &str, id: &str) -> String {
    if id.is_empty() {
        host.to_string()
    } else {
        t("org_with_id", &[host, id])
    }
}

/// `org_mismatch`: the signed-in org is not the original submitter.
pub fn org_mismatch(submitter: &str, current: &str) -> String {
    t("org_mismatch", &[submitter, current])
}

/// `org_mismatch` for a new submission whose name matches an integration of another org.
pub fn org_name_match(name: &str, submitter: &str, current: &str) -> String {
    t("org_name_match", &[&quote(name), submitter, current])
}

/// `org_unknown`: no submitter recorded yet.
pub fn org_unknown() -> String {
    t("org_unknown", &[])
}

/// `personal_email`: the admin signs in with a personal mail address.
pub fn personal_email(login: &str) -> String {
    t("personal_email", &[&quote(login)])
}

/// `tests_stale`: test results older than 48 hours.
pub fn tests_stale(hours: u64) -> String {
    t("tests_stale", &[&thousands(hours)])
}

/// An import file of 5 MB or more.
pub fn import_too_large(bytes: usize) -> String {
    t("import_too_large", &[&thousands(bytes as u64)])
}

/// An import file that is not JSON.
pub fn import_not_json() -> String {
    t("import_not_json", &[])
}

/// An import file that is JSON but not an export.
pub fn import_not_export() -> String {
    t("import_not_export", &[])
}

/// An export whose registry cannot be read.
pub fn import_unreadable() -> String {
    t("import_unreadable", &[])
}

/// What an import did.
pub fn import_done(integrations: u32, claims: u32, conflicts: u32, versions: u32) -> String {
    let count = |n: u32| thousands(u64::from(n));
    let (i, c, v) = (count(integrations), count(claims), count(versions));
    if conflicts > 0 {
        t("import_done_conflicts", &[&i, &c, &v, &count(conflicts)])
    } else {
        t("import_done", &[&i, &c, &v])
    }
}

/// `catalog_only_update`: only catalog fields changed.
pub fn catalog_only_update() -> String {
    t("catalog_only_update", &[])
}

/// Sync could not take every submitter org.
pub fn sync_skipped(count: usize) -> String {
    t("sync_skipped", &[&thousands(count as u64)])
}

/// Sync refused a write.
pub fn sync_failed(reason: &str) -> String {
    t("sync_failed", &[&quote(reason)])
}

/// Stands in for a browser error that carries no message.
pub fn unknown_error() -> String {
    t("unknown_error", &[])
}

/// Settings were saved.
pub fn settings_saved() -> String {
    t("settings_saved", &[])
}

/// All data was cleared.
pub fn data_cleared() -> String {
    t("data_cleared", &[])
}

/// A message from a page or the popup could not be read (logged to the page's console).
pub fn snapshot_unreadable(reason: &str) -> String {
    t("snapshot_unreadable", &[reason])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        for (input, want) in [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (1043, "1,043"),
            (1234567, "1,234,567"),
        ] {
            assert_eq!(thousands(input), want);
        }
    }

    #[test]
    fn quote_shortens_long_values() {
        assert_eq!(quote("abc"), "“abc”");
        let long = "é".repeat(100);
        assert_eq!(quote(&long), format!("“{}…”", "é".repeat(60)));
        // Exactly at the limit, one over, and trimmed first.
        assert_eq!(quote(&"a".repeat(60)), format!("“{}”", "a".repeat(60)));
        assert_eq!(quote(&"a".repeat(61)), format!("“{}…”", "a".repeat(60)));
        assert_eq!(quote("  x  "), "“x”");
        assert_eq!(quote(""), "“”");
    }
}

//! Every user-facing sentence in one place, so it can be translated and tested. Invariant:
//! a message says what is wrong and how to fix it, in the user's terms, never a rule id alone.
//!
//! Values quoted from the page are shortened (see [`quote`]) so a 100,000-character paste never
//! turns into a 100,000-character message.

/// Longest stretch of a user's value repeated inside a message, in characters.
const QUOTE_MAX: usize = 60;

/// Formats a count with thousands separators (`1043` → `1,043`).
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
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
    let mut out = String::from("“");
    let mut chars = value.chars();
    out.extend(chars.by_ref().take(QUOTE_MAX));
    if chars.next().is_some() {
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
        format!("{what} {quoted}")
    }
}

/// Names one cell of a repeated row: "Variable name in row 2".
pub fn in_row(part_label: &str, row: u32) -> String {
    format!("{part_label} in row {}", thousands(u64::from(row) + 1))
}

/// Names one entry of a list field: "Redirect URIs entry “http://…”".
pub fn list_entry(field_name: &str, value: &str) -> String {
    format!("{field_name} entry {}", quote(value))
}

// ---- required ---------------------------------------------------------------------------

/// A required value is empty: "Display name is required."
pub fn required(what: &str) -> String {
    format!("{what} is required.")
}

/// A conditionally required value is empty.
pub fn required_when(what: &str, when: &str) -> String {
    format!("{what} is required when {when}.")
}

/// A list field has no entry at all.
pub fn required_list(what: &str) -> String {
    format!("{what} is required; add at least one.")
}

/// The logo is still the console's default image.
pub fn logo_placeholder() -> String {
    "Logo is still the default placeholder; upload your own logo (PNG, JPG or GIF).".to_string()
}

/// Condition text: SCIM authentication mode is OAuth 2.
pub fn when_oauth() -> &'static str {
    "Authentication mode is OAuth 2"
}

/// Condition text: the SP-initiated sign-in flow is ticked.
pub fn when_sp_flow() -> &'static str {
    "the SP-initiated sign-in flow is ticked"
}

// ---- lengths and counts -----------------------------------------------------------------

/// A value is longer than an inclusive maximum.
pub fn max_len(what: &str, len: usize, max: usize) -> String {
    format!(
        "{what} is {} characters; Okta accepts at most {}.",
        n(len),
        n(max)
    )
}

/// A value is not under an exclusive limit (the catalog description).
pub fn max_len_under(what: &str, len: usize, limit: usize) -> String {
    format!(
        "{what} is {} characters; the OIN catalog accepts under {}.",
        n(len),
        n(limit)
    )
}

/// The description is short.
pub fn short_description(len: usize) -> String {
    format!(
        "Description is only {} characters; say what the integration does for customers (aim for 100 or more).",
        n(len)
    )
}

/// Too many use cases ticked.
pub fn use_cases_count(count: usize, max: usize) -> String {
    format!(
        "{} use cases are selected; the OIN catalog allows at most {}, so untick {}.",
        n(count),
        n(max),
        n(count.saturating_sub(max))
    )
}

/// Too many tenant variables.
pub fn variables_count(count: usize, max: usize) -> String {
    format!(
        "There are {} tenant variables; Okta allows at most {}, so remove {}.",
        n(count),
        n(max),
        n(count.saturating_sub(max))
    )
}

// ---- logo -------------------------------------------------------------------------------

/// The chosen logo file is not a PNG/JPG/GIF by its type or name.
pub fn logo_format(file_name: &str) -> String {
    format!(
        "Logo {} is not a PNG, JPG or GIF file; save it in one of those formats.",
        quote(file_name)
    )
}

/// The chosen logo file's bytes are not a PNG/JPG/GIF image.
pub fn logo_format_bytes(file_name: &str) -> String {
    format!(
        "Logo {} does not contain PNG, JPG or GIF image data; export it again in one of those formats.",
        quote(file_name)
    )
}

/// The chosen logo file is 1 MB or more.
pub fn logo_size(bytes: u64) -> String {
    let kb = bytes.div_ceil(1024);
    format!(
        "Logo file is {} KB; the OIN catalog accepts files under 1 MB (1,024 KB), so compress or resize it.",
        thousands(kb)
    )
}

/// The logo has dimensions the catalog does not accept.
pub fn logo_dims(width: u32, height: u32) -> String {
    format!(
        "Logo is {}×{} pixels; the OIN catalog accepts exactly 244×244, 200×200, 244×156 or 156×244.",
        thousands(u64::from(width)),
        thousands(u64::from(height))
    )
}

// ---- tenant variables -------------------------------------------------------------------

/// A variable name breaks the naming pattern.
pub fn var_name(value: &str, suggestion: Option<&str>) -> String {
    match suggestion {
        Some(s) => format!(
            "Variable name {} must start with a lower-case letter and use only a–z, 0–9 and _; for example {s}.",
            quote(value)
        ),
        None => format!(
            "Variable name {} must start with a lower-case letter and use only a–z, 0–9 and _.",
            quote(value)
        ),
    }
}

/// A variable name is too long.
pub fn var_name_too_long(len: usize) -> String {
    format!(
        "Variable name is {} characters; Okta accepts at most 1,024.",
        n(len)
    )
}

/// Two tenant variables share a name.
pub fn duplicate_variable(value: &str) -> String {
    format!(
        "Variable name {} is used more than once; give each tenant variable its own name.",
        quote(value)
    )
}

/// A published variable is gone from the draft.
pub fn variable_removed(name: &str) -> String {
    format!(
        "Tenant variable {} is in the published version but missing here; renaming or removing it deletes its value for existing customers, so keep the original name.",
        quote(name)
    )
}

// ---- contacts ---------------------------------------------------------------------------

/// Not an email address.
pub fn email(what: &str, value: &str) -> String {
    format!(
        "{} is not a valid email address; enter one like jane.doe@example.com.",
        subject(what, value)
    )
}

/// A shared queue used as the escalation contact.
pub fn generic_mailbox(value: &str) -> String {
    format!(
        "{} looks like a shared mailbox; Okta asks for a named person who can act on escalations.",
        quote(value)
    )
}

/// No public support contact at all.
pub fn one_of() -> String {
    "Public support contact needs at least one of Support link, Support email or Support phone."
        .to_string()
}

/// Not a phone number.
pub fn phone(value: &str) -> String {
    format!(
        "Support phone {} is not a valid phone number; use 7 to 20 digits, with only spaces, +, (, ), - or . between them.",
        quote(value)
    )
}

// ---- URLs -------------------------------------------------------------------------------

/// Not a web address at all.
pub fn url(what: &str, value: &str) -> String {
    format!(
        "{} is not a valid web address; enter a full URL such as https://example.com/path.",
        subject(what, value)
    )
}

/// An http:// address where https:// is required.
pub fn https_http(what: &str) -> String {
    format!("{what} must use https://, not http://.")
}

/// Not an https:// address.
pub fn https_missing(what: &str, value: &str) -> String {
    format!(
        "{} is not a full https:// address; enter one such as https://example.com/path.",
        subject(what, value)
    )
}

/// An underscore in the host name of the SCIM base URL.
pub fn no_underscore(host: &str) -> String {
    format!(
        "SCIM base URL host {} contains _, which Okta cannot reach; use - instead.",
        quote(host)
    )
}

/// The same entry listed twice.
pub fn duplicate_entry(what: &str, value: &str) -> String {
    format!(
        "{what} lists {} more than once; remove the duplicate.",
        quote(value)
    )
}

// ---- expressions ------------------------------------------------------------------------

/// Unbalanced braces or quotes in an expression.
pub fn el_unbalanced(what: &str, example: &str) -> String {
    format!("{what} has an unclosed brace or quote; write variables as {example}.")
}

/// Expression written in another protocol's style.
pub fn el_style(what: &str, example: &str) -> String {
    format!("{what} uses the wrong expression style; write variables as {example}.")
}

/// A variable reference with the wrong prefix.
pub fn el_prefix(what: &str, reference: &str, prefix: &str, example: &str) -> String {
    format!(
        "{what} refers to {}; here variables start with {prefix}, as in {example}.",
        quote(reference)
    )
}

/// A part of an expression that is not a valid reference or literal.
pub fn el_syntax(what: &str, fragment: &str, example: &str) -> String {
    format!(
        "{what} has {} where a variable belongs; write variables as {example}.",
        quote(fragment)
    )
}

/// A variable not defined under Tenant settings.
pub fn el_undefined(what: &str, reference: &str, name: &str) -> String {
    format!(
        "{what} uses {}, which is not defined; add a tenant variable named {name} or fix the name.",
        quote(reference)
    )
}

/// A disallowed reference in a SAML attribute value.
pub fn el_attr(what: &str, reference: &str) -> String {
    format!(
        "{what} uses {}; attribute values may use only user.x, appuser.x or ${{user.userName}} references.",
        quote(reference)
    )
}

/// Unbalanced braces or quotes in a SAML attribute value.
pub fn el_attr_unbalanced(what: &str) -> String {
    format!("{what} has an unclosed brace or quote; write references as user.email or ${{user.userName}}.")
}

// ---- SCIM -------------------------------------------------------------------------------

/// Basic authentication chosen.
pub fn not_basic() -> String {
    "Basic authentication is not accepted for SCIM in the OIN; choose Header, Bearer or OAuth 2."
        .to_string()
}

/// Some other authentication mode chosen.
pub fn auth_mode(value: &str) -> String {
    format!(
        "Authentication mode {} is not one the OIN accepts; choose Header, Bearer or OAuth 2.",
        quote(value)
    )
}

/// A must-tick option is not ticked.
pub fn required_option(what: &str, option: &str) -> String {
    format!("{what}: tick {}; Okta requires it.", quote(option))
}

/// No option of a choice is chosen.
pub fn required_one_choice(what: &str) -> String {
    format!("{what}: choose at least one option.")
}

/// An additional ACS index out of range.
pub fn index_range(what: &str, value: &str) -> String {
    format!(
        "{} must be a whole number from 0 to 65,535.",
        subject(what, value)
    )
}

/// Two additional ACS URLs share an index.
pub fn duplicate_index(value: &str) -> String {
    format!(
        "ACS index {} is used more than once; give each additional ACS URL its own index.",
        quote(value)
    )
}

// ---- testing ----------------------------------------------------------------------------

/// The test username is not Okta's reviewer account.
pub fn isvtest_username() -> String {
    "Okta reviewers expect the test account username isvtest@okta.com; use it unless your app cannot, and say why in the testing instructions.".to_string()
}

/// Names an org for people: its host, and its id when known.
pub fn org_name(host: &str, id: &str) -> String {
    if id.is_empty() {
        host.to_string()
    } else {
        format!("{host} ({id})")
    }
}

/// `org_mismatch`: the signed-in org is not the original submitter.
pub fn org_mismatch(submitter: &str, current: &str) -> String {
    format!(
        "This integration was submitted from {submitter}, but you are signed in to {current}; Okta rejects updates that do not come from the original submitter org, so sign in to {submitter} to submit."
    )
}

/// `org_mismatch` for a new submission whose name matches an integration of another org.
pub fn org_name_match(name: &str, submitter: &str, current: &str) -> String {
    format!(
        "An integration named {} was submitted from {submitter}; a new submission from {current} will not update it, so update it from {submitter} instead.",
        quote(name)
    )
}

/// `org_unknown`: no submitter recorded yet.
pub fn org_unknown() -> String {
    "OIN Helper does not know which org made the original submission yet; open Your OIN Integrations in that org, or pin this org as the submitter in the OIN Helper popup.".to_string()
}

/// `personal_email`: the admin signs in with a personal mail address.
pub fn personal_email(login: &str) -> String {
    format!(
        "You are signed in as {}, a personal mail address; Okta reviews submissions only from admins on the company's own domain, so sign in with your company account.",
        quote(login)
    )
}

/// `tests_stale`: test results older than 48 hours.
pub fn tests_stale(hours: u64) -> String {
    format!(
        "The last test run shown is {} hours old; Okta needs test results from the last 48 hours, so run the tests again before you submit.",
        thousands(hours)
    )
}

/// An import file of 5 MB or more.
pub fn import_too_large(bytes: usize) -> String {
    format!(
        "This file is {} bytes; OIN Helper imports files under 5 MB, so export again with fewer integrations.",
        thousands(bytes as u64)
    )
}

/// An import file that is not JSON.
pub fn import_not_json() -> String {
    "This file is not a JSON file; choose a file made by OIN Helper's Export.".to_string()
}

/// An import file that is JSON but not an export.
pub fn import_not_export() -> String {
    "This file is not an OIN Helper export; choose a file made by OIN Helper's Export.".to_string()
}

/// An export whose registry cannot be read.
pub fn import_unreadable() -> String {
    "This export could not be read (it may be damaged or from a newer OIN Helper); nothing was imported.".to_string()
}

/// What an import did.
pub fn import_done(integrations: u32, claims: u32, conflicts: u32, versions: u32) -> String {
    let mut text = format!(
        "Imported: {} new integrations, {} submitter claims, {} versions; nothing local was replaced.",
        thousands(u64::from(integrations)),
        thousands(u64::from(claims)),
        thousands(u64::from(versions))
    );
    if conflicts > 0 {
        text.push_str(&format!(
            " {} integrations are now claimed by two orgs: pin the right one.",
            thousands(u64::from(conflicts))
        ));
    }
    text
}

/// `catalog_only_update`: only catalog fields changed.
pub fn catalog_only_update() -> String {
    "Only catalog fields changed since the published version (name, description, logo, contacts); the lighter catalog-only update path applies.".to_string()
}

/// Sync could not take every submitter org.
pub fn sync_skipped(count: usize) -> String {
    format!(
        "{} integrations' submitter orgs did not fit in Chrome sync storage; they are kept in this browser, which stays the source of truth.",
        thousands(count as u64)
    )
}

/// Sync refused a write.
pub fn sync_failed(reason: &str) -> String {
    format!(
        "Chrome sync refused the submitter orgs ({}); they are kept in this browser, which stays the source of truth.",
        quote(reason)
    )
}

/// Settings were saved.
pub fn settings_saved() -> String {
    "Saved. Open console tabs use the new settings on their next check.".to_string()
}

/// All data was cleared.
pub fn data_cleared() -> String {
    "All tracked integrations, drafts and orgs were cleared from this browser; your settings were kept.".to_string()
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
    }
}

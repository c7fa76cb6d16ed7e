//! Org identity (pure): which Okta org a page belongs to, from its URL, with look-alike hosts
//! rejected. Invariant: only `https` URLs on the Okta cells listed in `OKTA_DOMAINS` are ever
//! treated as an org; everything else is "not an Okta admin page".

use crate::registry::OrgInfo;
use serde::{Deserialize, Serialize};

/// Okta's commercial cells whose Admin Consoles the extension runs on (README, permissions).
/// Gov clouds are deliberately absent: Integrator orgs (where OIN submissions are made) are
/// never provisioned there.
pub const OKTA_DOMAINS: [&str; 3] = ["okta.com", "oktapreview.com", "okta-emea.com"];

/// Host of the legacy OIN Manager.
pub const OIN_MANAGER_HOST: &str = "oinmanager.okta.com";

/// An org as seen from a page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// Unknown keys are refused, not ignored: a stored value that does not read exactly is set
// aside by the registry (quarantine) instead of being loaded without the part it could not place.
#[serde(default, deny_unknown_fields)]
pub struct OrgRef {
    /// Org host (`integrator-1234567.okta.com`).
    pub host: String,
    /// Org id (`00o…`), when known.
    pub id: String,
}

/// Where a URL points, once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Site {
    /// An org's Admin Console; carries the org host.
    Admin {
        /// The org host (admin host minus `-admin`).
        org_host: String,
    },
    /// The legacy OIN Manager.
    Manager,
    /// An org's own (end-user) host: not an admin page.
    OrgHost,
    /// Anything else.
    Foreign,
}

/// Splits `https://host[:port]/...` into the lower-cased host, rejecting userinfo, other schemes,
/// IP literals and characters no DNS label may hold (which also rejects punycode-free look-alikes
/// written with Unicode).
pub fn https_host(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') || authority.is_empty() {
        return None;
    }
    let host = match authority.rsplit_once(':') {
        Some((h, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => h,
        Some(_) => return None,
        None => authority,
    };
    let host = host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase();
    let valid = !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    let ip_literal = host
        .split('.')
        .all(|l| l.bytes().all(|b| b.is_ascii_digit()));
    (valid && !ip_literal).then_some(host)
}

/// Classifies a page URL.
pub fn site(url: &str) -> Site {
    let Some(host) = https_host(url) else {
        return Site::Foreign;
    };
    if host == OIN_MANAGER_HOST {
        return Site::Manager;
    }
    for domain in OKTA_DOMAINS {
        let Some(sub) = host.strip_suffix(domain).and_then(|s| s.strip_suffix('.')) else {
            continue;
        };
        // One label only: `a.b.okta.com` is not an org, and a punycode label (`xn--`) is a
        // look-alike, never an Okta subdomain.
        if sub.is_empty() || sub.contains('.') || sub.starts_with("xn--") {
            return Site::Foreign;
        }
        // The org's own host must be an org host too: `e--admin` is not the admin host of `e-`
        // (no DNS label ends with `-`), nor `a-admin-admin` that of `a-admin` (an admin host).
        return match sub.strip_suffix("-admin") {
            Some(org) if !org.is_empty() && !org.ends_with('-') && !org.ends_with("-admin") => {
                Site::Admin {
                    org_host: format!("{org}.{domain}"),
                }
            }
            _ => Site::OrgHost,
        };
    }
    Site::Foreign
}

/// The admin host of an org host (`acme.okta.com` → `acme-admin.okta.com`), when it is an Okta org.
pub fn admin_host(org_host: &str) -> Option<String> {
    let host = https_host(&format!("https://{org_host}/"))?;
    if site(&format!("https://{host}/")) != Site::OrgHost {
        return None;
    }
    let (sub, domain) = host.split_once('.')?;
    let admin = format!("{sub}-admin.{domain}");
    // The admin label is six characters longer than the org's: it must still be a DNS label (at
    // most 63 characters) that leads back to this org, or "open submitter org" would go nowhere.
    (site(&format!("https://{admin}/")) == Site::Admin { org_host: host }).then_some(admin)
}

/// The same page path on another org's admin host (for "open submitter org"); `None` when the
/// target is not an Okta org host or the URL is not an admin page.
pub fn same_page_on(url: &str, org_host: &str) -> Option<String> {
    let target = admin_host(org_host)?;
    let rest = url.strip_prefix("https://")?;
    let path_start = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let path = &rest[path_start..];
    Some(format!(
        "https://{target}{}",
        if path.is_empty() { "/" } else { path }
    ))
}

/// How long a learned org id is trusted before it is looked up again.
pub const ID_TTL_MS: f64 = 24.0 * 3600.0 * 1000.0;
/// How long a lookup may be in flight before another may be issued.
pub const IN_FLIGHT_MS: f64 = 60.0 * 1000.0;
/// First backoff after a failed lookup; doubles per failure up to `MAX_BACKOFF_MS`.
pub const FIRST_BACKOFF_MS: f64 = 30.0 * 1000.0;
/// Longest backoff.
pub const MAX_BACKOFF_MS: f64 = 6.0 * 3600.0 * 1000.0;

/// The URL of an org host's well-known endpoint (no sign-in needed, rate-limited by Okta).
pub fn well_known_url(org_host: &str) -> String {
    format!("https://{org_host}/.well-known/okta-organization")
}

/// Whether the org id should be looked up now (never known, expired, or backoff over).
pub fn lookup_due(info: Option<&OrgInfo>, now: f64) -> bool {
    info.is_none_or(|i| now >= i.retry_at)
}

/// Records that a lookup was issued, so the next checks do not issue another while it runs.
pub fn lookup_issued(info: &mut OrgInfo, now: f64) {
    info.retry_at = now + IN_FLIGHT_MS;
}

/// Records a lookup's answer. A failure (429, 5xx, timeout, offline, malformed JSON) keeps the
/// id known before, if any, and backs off: `Retry-After` when given, else exponentially.
pub fn lookup_answered(
    info: &mut OrgInfo,
    status: u16,
    body: &str,
    retry_after: Option<f64>,
    now: f64,
) {
    info.checked_at = now;
    match (status, parse_well_known(body)) {
        (200, Some(id)) => {
            info.id = id;
            info.failures = 0;
            info.retry_at = now + ID_TTL_MS;
        }
        _ => {
            info.failures = info.failures.saturating_add(1);
            let exponential = FIRST_BACKOFF_MS * 2f64.powi(info.failures.min(20) as i32 - 1);
            let wait = retry_after
                .filter(|s| s.is_finite() && *s > 0.0)
                .map(|s| s * 1000.0)
                .unwrap_or(exponential)
                .min(MAX_BACKOFF_MS);
            info.retry_at = now + wait;
        }
    }
}

/// Reads the org id from a well-known answer: `{"id":"00o…", …}`; `None` for anything else.
pub fn parse_well_known(body: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    let id = value.get("id")?.as_str()?;
    let plausible =
        id.starts_with("00o") && id.len() <= 40 && id.bytes().all(|b| b.is_ascii_alphanumeric());
    plausible.then(|| id.to_string())
}

/// Whether two orgs are the same: ids decide when both are known, else hosts.
pub fn same_org(a: &OrgRef, b: &OrgRef) -> bool {
    if !a.id.is_empty() && !b.id.is_empty() {
        a.id == b.id
    } else {
        a.host.eq_ignore_ascii_case(&b.host)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(url: &str, expected: Site) {
        assert_eq!(site(url), expected, "{url}");
    }

    fn admin(org: &str) -> Site {
        Site::Admin {
            org_host: org.to_string(),
        }
    }

    #[test]
    fn hosts_are_classified_and_look_alikes_rejected() {
        check(
            "https://integrator-1234567-admin.okta.com/admin/oin",
            admin("integrator-1234567.okta.com"),
        );
        check(
            "https://dev-123456-admin.oktapreview.com/",
            admin("dev-123456.oktapreview.com"),
        );
        check(
            "https://acme-admin.okta-emea.com",
            admin("acme.okta-emea.com"),
        );
        check("https://ACME-ADMIN.OKTA.COM:443/x", admin("acme.okta.com"));
        check("https://acme-admin.okta.com./x", admin("acme.okta.com"));
        check("https://oinmanager.okta.com/submissions", Site::Manager);
        check("https://acme.okta.com/app/UserHome", Site::OrgHost);
        check("https://okta.com.evil.com/", Site::Foreign);
        check("https://acme-admin.okta.com.evil.com/", Site::Foreign);
        check("https://evil-okta.com/", Site::Foreign);
        check("https://acme-admin.evil-okta.com/", Site::Foreign);
        check("https://okta.com@evil.com/", Site::Foreign);
        check("https://acme-admin.okta.com@evil.com/", Site::Foreign);
        check("https://evil.com/acme-admin.okta.com", Site::Foreign);
        check("http://acme-admin.okta.com/", Site::Foreign);
        check("https://127.0.0.1/", Site::Foreign);
        check("https://[::1]/", Site::Foreign);
        check("https://xn--okta-admin-abc.okta.com/", Site::Foreign);
        check("https://аcme-admin.okta.com/", Site::Foreign); // Cyrillic а
        check("https://a.b-admin.okta.com/", Site::Foreign);
        check("https://-admin.okta.com/", Site::Foreign);
        check("https://okta.com/", Site::Foreign);
        check("https://acme-admin.okta-gov.com/", Site::Foreign);
        check("javascript:alert(1)//acme-admin.okta.com", Site::Foreign);
        check("", Site::Foreign);
        check("https://acme-admin.okta.com:x/", Site::Foreign);
    }

    #[test]
    fn same_page_moves_only_to_okta_admin_hosts() {
        assert_eq!(
            same_page_on("https://b-admin.okta.com/admin/oin/x?y=1", "a.okta.com").as_deref(),
            Some("https://a-admin.okta.com/admin/oin/x?y=1")
        );
        assert_eq!(same_page_on("https://b-admin.okta.com/", "evil.com"), None);
        assert_eq!(
            same_page_on("https://b-admin.okta.com/", "a-admin.okta.com"),
            None
        );
        assert_eq!(
            admin_host("a.oktapreview.com").as_deref(),
            Some("a-admin.oktapreview.com")
        );
    }

    #[test]
    fn admin_pages_name_valid_org_hosts() {
        // Found by `cargo fuzz` (target `host`): `e--admin.okta.com` was taken for the admin
        // host of `e-.okta.com`, a host no DNS name can be (a label never ends with `-`).
        check("https://e--admin.okta.com/", Site::OrgHost);
        check("https://e-x-admin.okta.com/", admin("e-x.okta.com"));
        check("https://a-admin-admin.okta.com/", Site::OrgHost);
        if let Site::Admin { org_host } = site("https://a-b-admin.okta.com/") {
            assert_eq!(admin_host(&org_host).as_deref(), Some("a-b-admin.okta.com"));
        }
    }

    #[test]
    fn admin_hosts_are_valid_hosts() {
        // Found by `cargo fuzz` (target `host`): a 62-character org label made a 68-character
        // admin label, which no DNS name may hold, so "open submitter org" led nowhere.
        let long = format!("{}.okta.com", "k".repeat(62));
        assert_eq!(admin_host(&long), None);
        assert_eq!(same_page_on("https://b-admin.okta.com/x", &long), None);
        let longest = format!("{}.okta.com", "k".repeat(57));
        assert_eq!(
            admin_host(&longest),
            Some(format!("{}-admin.okta.com", "k".repeat(57)))
        );
        // The admin host is the clean host: lower case, no port, path or trailing dot.
        assert_eq!(
            admin_host("ACME.okta.com.").as_deref(),
            Some("acme-admin.okta.com")
        );
        assert_eq!(
            same_page_on(
                "https://b-admin.okta.com/p?q",
                "a.okta.com:443/@evil.example"
            )
            .as_deref(),
            Some("https://a-admin.okta.com/p?q")
        );
    }

    #[test]
    fn org_ids_are_looked_up_with_expiry_and_backoff() {
        let mut info = OrgInfo::default();
        assert!(lookup_due(None, 0.0));
        lookup_issued(&mut info, 0.0);
        assert!(
            !lookup_due(Some(&info), 1000.0),
            "no second lookup while one is in flight"
        );
        lookup_answered(
            &mut info,
            200,
            r#"{"id":"00o1000001AAAAAAAAA1","pipeline":"idx"}"#,
            None,
            1000.0,
        );
        assert_eq!(info.id, "00o1000001AAAAAAAAA1");
        assert!(!lookup_due(Some(&info), 1000.0 + ID_TTL_MS - 1.0));
        assert!(lookup_due(Some(&info), 1000.0 + ID_TTL_MS));

        lookup_answered(&mut info, 429, "", Some(120.0), 5000.0);
        assert_eq!(
            info.id, "00o1000001AAAAAAAAA1",
            "a failure keeps the id known before"
        );
        assert_eq!(info.retry_at, 5000.0 + 120_000.0, "Retry-After is honoured");
        lookup_answered(&mut info, 200, "{not json", None, 6000.0);
        assert_eq!(info.failures, 2);
        assert_eq!(
            info.retry_at,
            6000.0 + 2.0 * FIRST_BACKOFF_MS,
            "exponential backoff"
        );
        for _ in 0..40 {
            lookup_answered(&mut info, 0, "", None, 0.0);
        }
        assert_eq!(info.retry_at, MAX_BACKOFF_MS, "backoff is capped");
    }

    #[test]
    fn only_plausible_org_ids_are_accepted() {
        assert_eq!(
            parse_well_known(r#"{"id":"00oABC123"}"#).as_deref(),
            Some("00oABC123")
        );
        for body in [
            r#"{"id":"<script>"}"#,
            r#"{"id":"abc"}"#,
            r#"{"id":7}"#,
            "[]",
            "",
            "{",
        ] {
            assert_eq!(parse_well_known(body), None, "{body}");
        }
    }

    #[test]
    fn ids_beat_hosts_and_hosts_decide_without_ids() {
        let a = |host: &str, id: &str| OrgRef {
            host: host.into(),
            id: id.into(),
        };
        assert!(same_org(
            &a("x.okta.com", "00o1"),
            &a("renamed.okta.com", "00o1")
        ));
        assert!(!same_org(
            &a("x.okta.com", "00o1"),
            &a("x.okta.com", "00o2")
        ));
        assert!(same_org(&a("x.okta.com", ""), &a("X.okta.com", "00o2")));
        assert!(!same_org(&a("x.okta.com", ""), &a("y.okta.com", "")));
    }
}

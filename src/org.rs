//! Org identity (pure): which Okta org a page belongs to, from its URL, with look-alike hosts
//! rejected. Invariant: only `https` URLs on the Okta cells listed in `OKTA_DOMAINS` are ever
//! treated as an org; everything else is "not an Okta admin page".

use serde::{Deserialize, Serialize};

/// Okta's commercial cells whose Admin Consoles the extension runs on (README, permissions).
/// Gov clouds are deliberately absent: Integrator orgs (where OIN submissions are made) are
/// never provisioned there.
pub const OKTA_DOMAINS: [&str; 3] = ["okta.com", "oktapreview.com", "okta-emea.com"];

/// Host of the legacy OIN Manager.
pub const OIN_MANAGER_HOST: &str = "oinmanager.okta.com";

/// An org as seen from a page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
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
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    let ip_literal = host.split('.').all(|l| l.bytes().all(|b| b.is_ascii_digit()));
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
        return match sub.strip_suffix("-admin") {
            Some(org) if !org.is_empty() => Site::Admin {
                org_host: format!("{org}.{domain}"),
            },
            _ => Site::OrgHost,
        };
    }
    Site::Foreign
}

/// The admin host of an org host (`acme.okta.com` → `acme-admin.okta.com`), when it is an Okta org.
pub fn admin_host(org_host: &str) -> Option<String> {
    let url = format!("https://{org_host}/");
    match site(&url) {
        Site::OrgHost => {
            let (sub, domain) = org_host.split_once('.')?;
            Some(format!("{sub}-admin.{domain}"))
        }
        _ => None,
    }
}

/// The same page path on another org's admin host (for "open submitter org"); `None` when the
/// target is not an Okta org host or the URL is not an admin page.
pub fn same_page_on(url: &str, org_host: &str) -> Option<String> {
    let target = admin_host(org_host)?;
    let rest = url.strip_prefix("https://")?;
    let path_start = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let path = &rest[path_start..];
    Some(format!("https://{target}{}", if path.is_empty() { "/" } else { path }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(url: &str, expected: Site) {
        assert_eq!(site(url), expected, "{url}");
    }

    fn admin(org: &str) -> Site {
        Site::Admin { org_host: org.to_string() }
    }

    #[test]
    fn hosts_are_classified_and_look_alikes_rejected() {
        check("https://integrator-1234567-admin.okta.com/admin/oin", admin("integrator-1234567.okta.com"));
        check("https://dev-123456-admin.oktapreview.com/", admin("dev-123456.oktapreview.com"));
        check("https://acme-admin.okta-emea.com", admin("acme.okta-emea.com"));
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
        assert_eq!(same_page_on("https://b-admin.okta.com/", "a-admin.okta.com"), None);
        assert_eq!(admin_host("a.oktapreview.com").as_deref(), Some("a-admin.oktapreview.com"));
    }
}

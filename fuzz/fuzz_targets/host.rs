//! Fuzz target: org host parsing. The input is `url` NUL `org host` NUL `well-known body`.
//! Invariant checked: no panic; an accepted host is a lower-case DNS name; "open submitter org"
//! (`same_page_on`) only ever leads to an Okta admin host.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oin_helper::org::{self, Site};
use oin_helper::page::recognise;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\0');
    let url = parts.next().unwrap_or("");
    let org_host = parts.next().unwrap_or("");
    let body = parts.next().unwrap_or("");
    if let Some(host) = org::https_host(url) {
        assert!(host
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'));
    }
    if let Site::Admin { org_host: org } = org::site(url) {
        assert!(org::admin_host(&org).is_some());
    }
    if let Some(target) = org::same_page_on(url, org_host) {
        assert!(
            matches!(org::site(&target), Site::Admin { .. }),
            "{url} → {target}"
        );
    }
    let _ = org::admin_host(org_host);
    let _ = recognise::host_of(url);
    if let Some(id) = recognise::submission_id_from_url(url) {
        assert!(recognise::is_submission_id(&id));
    }
    let mut info = oin_helper::registry::OrgInfo::default();
    org::lookup_answered(&mut info, 200, body, None, 1.8e12);
    assert!(info.retry_at > 1.8e12);
});

//! Okta's submissions API (`/integrations/api/v1/submissions`, documented, marked in
//! development), read with the signed-in admin's session where an org answers it: the answer
//! mapped to catalogue keys, and the paging. Invariant: pure; malformed answers yield nothing
//! rather than an error, and paging is capped.

use crate::catalogue::Section;
use crate::model::{Cell, ImageMeta};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// Path of the list endpoint, on the org's admin host.
pub const PATH: &str = "/integrations/api/v1/submissions";
/// Page size asked for.
pub const PAGE_SIZE: u32 = 50;
/// Most pages read in one sync; an API that pages forever is cut here and the cut is reported.
pub const MAX_PAGES: u32 = 20;
/// How often an org's submissions are synced at most.
pub const SYNC_EVERY_MS: f64 = 10.0 * 60.0 * 1000.0;
/// How long an org that refused (401/403/404) is left alone before trying again.
pub const REFUSED_RETRY_MS: f64 = 24.0 * 3600.0 * 1000.0;

/// One submission as the API describes it (fields beyond these are ignored).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Submission {
    /// Submission id (`acme_strawberrycentral_1`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Logo URL.
    pub logo: String,
    /// Whether the logo is Okta's placeholder.
    pub default_logo: bool,
    /// `SSO_SAML`, `SSO_OIDC`, `PROVISIONING`, `UNIVERSAL_LOGOUT`…
    pub capabilities: Vec<String>,
    /// SSO settings.
    pub sso: Sso,
    /// SCIM settings.
    pub provisioning: Provisioning,
    /// Tenant variables.
    pub config: Vec<Variable>,
    /// Contacts.
    pub app_contact_details: Vec<Contact>,
    /// Free-text status (`New`, `To be reviewed by Okta`, `Complete`…).
    pub status: String,
    /// Last update (ISO date).
    pub last_updated: String,
    /// Last publication (ISO date), when published.
    pub last_published: Option<String>,
}

/// SSO block.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Sso {
    /// SAML settings.
    pub saml: Option<Saml>,
    /// OIDC settings.
    pub oidc: Option<Oidc>,
}

/// SAML settings.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Saml {
    /// ACS URLs (strings, or `{url, index}` objects).
    pub acs: Vec<serde_json::Value>,
    /// Entity ID.
    pub entity_id: String,
    /// Configuration guide URL.
    pub doc: String,
}

/// OIDC settings.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Oidc {
    /// Redirect URIs.
    pub redirect_uris: Vec<String>,
    /// Initiate login URI.
    pub initiate_login_uri: String,
    /// Post-logout URIs.
    pub post_logout_uris: Vec<String>,
    /// Configuration guide URL.
    pub doc: String,
}

/// SCIM settings.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Provisioning {
    /// SCIM base URL.
    pub base_uri: String,
    /// `HEADER`, `BEARER`, `OAUTH2`, `BASIC`.
    pub auth_mode: String,
    /// Configuration guide URL.
    pub setup_instructions_uri: String,
}

/// A tenant variable.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Variable {
    /// Variable name.
    pub name: String,
    /// Variable label.
    pub label: String,
}

/// A contact.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Contact {
    /// Kind of contact (`ESCALATION_EMAIL`, `SUPPORT_URL`, `SUPPORT_EMAIL`, `SUPPORT_PHONE`…).
    #[serde(rename = "type")]
    pub kind: String,
    /// Value.
    pub value: String,
}

/// Reads a page of the list: a JSON array, or an object holding one under a usual key. A body
/// that is not JSON, or holds no list, reads as `None`.
pub fn parse_page(body: &str) -> Option<Vec<Submission>> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    let list = match &value {
        serde_json::Value::Array(_) => value,
        serde_json::Value::Object(map) => ["items", "submissions", "data", "_embedded"]
            .iter()
            .find_map(|k| map.get(*k).filter(|v| v.is_array()).cloned())?,
        _ => return None,
    };
    // Entries that do not read as a submission are skipped, the rest kept.
    let items = list
        .as_array()?
        .iter()
        .filter_map(|v| serde_json::from_str(&v.to_string()).ok())
        .collect();
    Some(items)
}

/// The next page's URL: from a `Link: <…>; rel="next"` header when given, else by the
/// documented `after` cursor when the page was full. Only a URL on `admin_host` is followed.
pub fn next_page(link_header: &str, items: &[Submission], admin_host: &str) -> Option<String> {
    let from_link = link_header.split(',').find_map(|part| {
        let (url, params) = part.split_once(';')?;
        params.contains("rel=\"next\"").then(|| {
            url.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string()
        })
    });
    let next = match from_link {
        Some(url) => url,
        None if items.len() as u32 >= PAGE_SIZE => {
            format!(
                "https://{admin_host}{PATH}?limit={PAGE_SIZE}&after={}",
                items.last()?.id
            )
        }
        None => return None,
    };
    (crate::org::https_host(&next).as_deref() == Some(admin_host)).then_some(next)
}

/// The first page's URL.
pub fn first_page(admin_host: &str) -> String {
    format!("https://{admin_host}{PATH}?limit={PAGE_SIZE}")
}

/// The capabilities (section keys) of a submission.
pub fn capabilities(s: &Submission) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for cap in &s.capabilities {
        let section = match cap.to_ascii_uppercase().as_str() {
            "SSO_SAML" | "SAML" | "SAML_2_0" => Section::Saml,
            "SSO_OIDC" | "OIDC" => Section::Oidc,
            "PROVISIONING" | "SCIM" => Section::Scim,
            "UNIVERSAL_LOGOUT" | "UL" => Section::Ul,
            _ => continue,
        };
        out.insert(section.key().to_string());
    }
    out
}

fn text(part: &str, row: u32, value: &str) -> Cell {
    Cell::text(part, row, value)
}

/// Maps a submission's fields to catalogue keys (fields the API does not carry stay unknown).
pub fn cells(s: &Submission) -> BTreeMap<String, Vec<Cell>> {
    let mut out: BTreeMap<String, Vec<Cell>> = BTreeMap::new();
    let mut put = |key: &str, cells: Vec<Cell>| {
        out.insert(key.to_string(), cells);
    };
    put("catalog.display_name", vec![text("", 0, &s.name)]);
    put("catalog.description", vec![text("", 0, &s.description)]);
    let src = if s.default_logo || s.logo.is_empty() {
        "default-logo".to_string()
    } else {
        s.logo.clone()
    };
    let logo = Cell {
        filled: !s.default_logo && !s.logo.is_empty(),
        image: Some(ImageMeta {
            src,
            ..ImageMeta::default()
        }),
        ..Cell::default()
    };
    put("catalog.logo", vec![logo]);
    put(
        "tenant.variables",
        s.config
            .iter()
            .enumerate()
            .flat_map(|(i, v)| {
                [
                    text("label", i as u32, &v.label),
                    text("name", i as u32, &v.name),
                ]
            })
            .collect(),
    );
    let contact = |kind: &str| {
        s.app_contact_details
            .iter()
            .find(|c| c.kind.eq_ignore_ascii_case(kind))
            .map(|c| c.value.clone())
            .unwrap_or_default()
    };
    put(
        "support.escalation_email",
        vec![text("", 0, &contact("ESCALATION_EMAIL"))],
    );
    put(
        "support.public_contact",
        vec![
            text("link", 0, &contact("SUPPORT_URL")),
            text("email", 0, &contact("SUPPORT_EMAIL")),
            text("phone", 0, &contact("SUPPORT_PHONE")),
        ],
    );
    if let Some(saml) = &s.sso.saml {
        let acs: Vec<(String, String)> = saml
            .acs
            .iter()
            .map(|v| match v {
                serde_json::Value::String(url) => (url.clone(), String::new()),
                other => (
                    other
                        .get("url")
                        .and_then(|u| u.as_str())
                        .unwrap_or("")
                        .to_string(),
                    other
                        .get("index")
                        .map(|i| i.to_string().trim_matches('"').to_string())
                        .unwrap_or_default(),
                ),
            })
            .collect();
        put(
            "saml.acs_url",
            vec![text("", 0, acs.first().map(|a| a.0.as_str()).unwrap_or(""))],
        );
        put(
            "saml.additional_acs",
            acs.iter()
                .skip(1)
                .enumerate()
                .flat_map(|(i, (url, index))| {
                    [text("url", i as u32, url), text("index", i as u32, index)]
                })
                .collect(),
        );
        put("saml.entity_id", vec![text("", 0, &saml.entity_id)]);
        put("saml.config_guide_url", vec![text("", 0, &saml.doc)]);
    }
    if let Some(oidc) = &s.sso.oidc {
        let list = |uris: &[String]| {
            uris.iter()
                .enumerate()
                .map(|(i, u)| text("", i as u32, u))
                .collect::<Vec<_>>()
        };
        put("oidc.redirect_uris", list(&oidc.redirect_uris));
        put(
            "oidc.initiate_login_uri",
            vec![text("", 0, &oidc.initiate_login_uri)],
        );
        put("oidc.post_logout_uris", list(&oidc.post_logout_uris));
        put("oidc.config_guide_url", vec![text("", 0, &oidc.doc)]);
    }
    if capabilities(s).contains("scim") {
        put("scim.base_url", vec![text("", 0, &s.provisioning.base_uri)]);
        let mode = match s.provisioning.auth_mode.to_ascii_uppercase().as_str() {
            "HEADER" => "Header",
            "BEARER" => "Bearer",
            "OAUTH2" | "OAUTH_2" | "OAUTH" => "OAuth 2",
            "BASIC" => "Basic",
            _ => "",
        };
        put("scim.auth_mode", vec![text("", 0, mode)]);
        put(
            "scim.config_guide_url",
            vec![text("", 0, &s.provisioning.setup_instructions_uri)],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"[{"id":"acme_x_1","name":"Acme X","description":"Does X","logo":"https://a/logo.png",
      "capabilities":["SSO_SAML","PROVISIONING"],
      "sso":{"saml":{"acs":[{"url":"https://a.example/acs","index":0},{"url":"https://b.example/acs","index":1}],"entityId":"urn:x","doc":"https://a.example/doc"}},
      "provisioning":{"baseUri":"https://scim.example/v2","authMode":"OAUTH2","setupInstructionsUri":"https://a.example/scim"},
      "config":[{"name":"subdomain","label":"Subdomain"}],
      "appContactDetails":[{"type":"ESCALATION_EMAIL","value":"jane@acme.example"},{"type":"SUPPORT_URL","value":"https://help"}],
      "status":"New","lastUpdated":"2026-11-01T00:00:00Z","lastPublished":null},
      {"id": 7}, "junk"]"#;

    #[test]
    fn a_page_maps_to_catalogue_keys_and_skips_unreadable_entries() {
        let items = parse_page(PAGE).unwrap();
        assert_eq!(
            items.len(),
            1,
            "entries that are not submissions are skipped"
        );
        let s = &items[0];
        assert_eq!(
            capabilities(s),
            ["saml", "scim"].iter().map(|s| s.to_string()).collect()
        );
        let c = cells(s);
        assert_eq!(c["saml.acs_url"][0].text, "https://a.example/acs");
        assert_eq!(c["saml.additional_acs"].len(), 2);
        assert_eq!(c["saml.additional_acs"][1].text, "1");
        assert_eq!(c["scim.auth_mode"][0].text, "OAuth 2");
        assert_eq!(c["tenant.variables"][1].text, "subdomain");
        assert_eq!(c["support.public_contact"][0].text, "https://help");
        assert!(!c.contains_key("oidc.redirect_uris"));
        assert!(
            !c.contains_key("test.account_url"),
            "the API does not carry test data: unknown"
        );
    }

    #[test]
    fn malformed_answers_read_as_nothing() {
        for body in ["", "{", "null", "42", r#"{"errorCode":"E0000007"}"#] {
            assert_eq!(parse_page(body), None, "{body}");
        }
        assert_eq!(parse_page(r#"{"items":[]}"#), Some(vec![]));
    }

    #[test]
    fn paging_follows_next_links_on_the_same_host_only() {
        let host = "a-admin.okta.com";
        let link = r#"<https://a-admin.okta.com/integrations/api/v1/submissions?limit=2&after=x>; rel="next""#;
        assert_eq!(
            next_page(link, &[], host).as_deref(),
            Some("https://a-admin.okta.com/integrations/api/v1/submissions?limit=2&after=x")
        );
        let foreign = r#"<https://evil.com/x>; rel="next""#;
        assert_eq!(next_page(foreign, &[], host), None);
        assert_eq!(
            next_page("", &[Submission::default()], host),
            None,
            "a short page is the last"
        );
        let full: Vec<Submission> = (0..PAGE_SIZE)
            .map(|i| Submission {
                id: format!("s{i}"),
                ..Submission::default()
            })
            .collect();
        assert!(next_page("", &full, host).unwrap().ends_with("after=s49"));
    }
}

//! Popup decisions (pure): which tab the popup is about, and where Resume goes.
//! Invariant: Resume only ever opens an Okta admin host or the OIN Manager.

use crate::org::{self, Site};
use serde::{Deserialize, Serialize};

/// A browser tab as the popup sees it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TabInfo {
    /// Tab id.
    pub id: i32,
    /// URL (empty when the extension may not read it).
    pub url: String,
    /// Whether it is the active tab of the popup's window.
    pub active: bool,
    /// `lastAccessed` in ms.
    #[serde(rename = "lastAccessed")]
    pub last_accessed: f64,
}

fn is_okta(url: &str) -> bool {
    matches!(org::site(url), Site::Admin { .. } | Site::Manager)
}

/// The tab the popup describes: the active tab; when that is the popup itself opened as a tab
/// (keyboard users, tests), the most recently used Okta tab instead.
pub fn choose_tab(tabs: &[TabInfo], own_origin: &str) -> Option<TabInfo> {
    let active = tabs.iter().find(|t| t.active);
    match active {
        Some(t) if !own_origin.is_empty() && t.url.starts_with(own_origin) => tabs
            .iter()
            .filter(|t| is_okta(&t.url))
            .max_by(|a, b| a.last_accessed.total_cmp(&b.last_accessed))
            .cloned(),
        Some(t) => Some(t.clone()),
        None => None,
    }
}

/// What Resume does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Resume {
    /// Navigate this tab (it is already on the draft's org).
    Update {
        /// Tab id.
        tab: i32,
        /// Where to.
        url: String,
    },
    /// Open a new tab.
    Create {
        /// Where to.
        url: String,
    },
    /// Refuse: the stored URL is not an Okta admin page.
    Refuse,
}

/// Decides where Resume goes.
pub fn resume(target: &str, current: Option<&TabInfo>) -> Resume {
    let target_site = org::site(target);
    if !matches!(target_site, Site::Admin { .. } | Site::Manager) {
        return Resume::Refuse;
    }
    match current {
        Some(tab) if org::site(&tab.url) == target_site => Resume::Update {
            tab: tab.id,
            url: target.to_string(),
        },
        _ => Resume::Create {
            url: target.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tab(id: i32, url: &str, active: bool, last: f64) -> TabInfo {
        TabInfo {
            id,
            url: url.into(),
            active,
            last_accessed: last,
        }
    }

    #[test]
    fn popup_opened_as_a_tab_describes_the_last_okta_tab() {
        let tabs = [
            tab(1, "https://a-admin.okta.com/x", false, 10.0),
            tab(2, "https://b-admin.okta.com/x", false, 20.0),
            tab(3, "chrome-extension://abc/popup/popup.html", true, 30.0),
            tab(4, "https://example.com/", false, 40.0),
        ];
        assert_eq!(
            choose_tab(&tabs, "chrome-extension://abc/").map(|t| t.id),
            Some(2)
        );
        assert_eq!(choose_tab(&tabs[..2], "chrome-extension://abc/"), None);
        let normal = [tab(1, "https://example.com", true, 1.0)];
        assert_eq!(
            choose_tab(&normal, "chrome-extension://abc/").map(|t| t.id),
            Some(1)
        );
    }

    #[test]
    fn resume_reuses_the_tab_only_on_the_same_org_and_refuses_foreign_hosts() {
        let on_a = tab(7, "https://a-admin.okta.com/admin/apps", true, 0.0);
        assert_eq!(
            resume("https://a-admin.okta.com/edit", Some(&on_a)),
            Resume::Update {
                tab: 7,
                url: "https://a-admin.okta.com/edit".into()
            }
        );
        assert_eq!(
            resume("https://b-admin.okta.com/edit", Some(&on_a)),
            Resume::Create {
                url: "https://b-admin.okta.com/edit".into()
            }
        );
        assert_eq!(resume("https://evil.com/okta", Some(&on_a)), Resume::Refuse);
        assert_eq!(resume("javascript:alert(1)", None), Resume::Refuse);
    }
}

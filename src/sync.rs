//! The small integration → submitter-org map mirrored to `chrome.storage.sync`, so the answer
//! to "which org submitted this?" follows the user to their other browsers (pure). Invariant:
//! merges are per integration and per claim (never last-writer-wins on the whole map), nothing
//! is ever removed from sync, and writes stay inside Chrome's quotas (8 KB per item, 100 KB in
//! all); what does not fit stays local, which remains the truth, and the user is told.

use crate::org::OrgRef;
use crate::registry::Registry;
use crate::submitter;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Prefix of sync keys (`sub:<integration id>`).
pub const KEY_PREFIX: &str = "sub:";
/// `chrome.storage.sync.QUOTA_BYTES_PER_ITEM`.
pub const QUOTA_BYTES_PER_ITEM: usize = 8192;
/// `chrome.storage.sync.QUOTA_BYTES`, with room left for other keys.
pub const QUOTA_BYTES: usize = 100 * 1024;
/// `chrome.storage.sync.MAX_ITEMS`, with room left.
pub const MAX_ITEMS: usize = 500;

/// One claim as mirrored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SyncClaim {
    /// Org host.
    pub host: String,
    /// Org id, when known.
    pub id: String,
    /// How it was learned.
    pub how: String,
    /// When (ms since the epoch).
    pub at: f64,
}

/// Sync items: key → claims.
pub type Items = BTreeMap<String, Vec<SyncClaim>>;

/// The items the registry implies.
pub fn items(registry: &Registry) -> Items {
    items_of(registry.integrations.values())
}

/// The items of some integrations (a save after a keystroke plans only the records it touched).
pub fn items_of<'a>(integrations: impl Iterator<Item = &'a crate::registry::Integration>) -> Items {
    crate::maps::collect(integrations.filter(|i| !i.submitters.is_empty()).map(|i| {
        let claims = i
            .submitters
            .iter()
            .map(|c| SyncClaim {
                host: c.org.host.clone(),
                id: c.org.id.clone(),
                how: c.how.clone(),
                at: c.at,
            })
            .collect();
        (format!("{KEY_PREFIX}{}", i.id), claims)
    }))
}

/// Folds items read from sync into the registry; returns whether anything was added.
pub fn merge(registry: &mut Registry, items: &Items) -> bool {
    let mut changed = false;
    for (key, claims) in items {
        let Some(id) = key.strip_prefix(KEY_PREFIX).filter(|id| !id.is_empty()) else {
            continue;
        };
        for claim in claims {
            if crate::org::admin_host(&claim.host).is_none() {
                continue; // only Okta org hosts are ever claims
            }
            let org = OrgRef {
                host: claim.host.clone(),
                id: claim.id.clone(),
            };
            let how = if claim.how.is_empty() {
                submitter::IMPORTED
            } else {
                claim.how.as_str()
            };
            // A record is touched (and so compared and maybe written) only when a claim is new.
            let added = match registry.integrations.get_mut(id) {
                Some(known) => submitter::add_claim(known, &org, how, claim.at),
                None => submitter::add_claim(registry.integration_mut(id), &org, how, claim.at),
            };
            if added {
                registry.touch(id);
            }
            changed |= added;
        }
    }
    changed
}

/// What to write to sync: the items that differ from what sync holds, within the quotas.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// Items to set.
    pub set: Items,
    /// Integrations that did not fit (kept local only).
    pub skipped: Vec<String>,
}

fn size_of(key: &str, claims: &[SyncClaim]) -> usize {
    key.len()
        + serde_json::to_string(claims)
            .map(|s| s.len())
            .unwrap_or(usize::MAX / 4)
}

/// Plans the writes that bring sync up to `wanted`, given what it holds (`held`).
pub fn plan(held: &Items, wanted: &Items) -> Plan {
    let mut out = Plan::default();
    // What sync holds in all is measured only when something is to be written.
    let mut total: Option<usize> = None;
    let mut count = held.len();
    for (key, claims) in wanted {
        if held.get(key) == Some(claims) {
            continue;
        }
        let total =
            total.get_or_insert_with(|| held.iter().map(|(k, v)| size_of(k, v)).sum::<usize>());
        let size = size_of(key, claims);
        let previous = held.get(key).map(|v| size_of(key, v)).unwrap_or(0);
        let new_item = !held.contains_key(key);
        if size > QUOTA_BYTES_PER_ITEM
            || *total - previous + size > QUOTA_BYTES
            || (new_item && count + 1 > MAX_ITEMS)
        {
            out.skipped
                .push(key.trim_start_matches(KEY_PREFIX).to_string());
            continue;
        }
        *total = *total - previous + size;
        count += usize::from(new_item);
        out.set.insert(key.clone(), claims.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(host: &str, how: &str) -> SyncClaim {
        SyncClaim {
            host: host.into(),
            id: String::new(),
            how: how.into(),
            at: 1.0,
        }
    }

    #[test]
    fn items_round_trip_and_merge_per_claim() {
        let mut mine = Registry::default();
        submitter::record(
            mine.integration_mut("acme_x_1"),
            &OrgRef {
                host: "a.okta.com".into(),
                id: String::new(),
            },
            "list-page",
            1.0,
        );
        let mut other = Items::new();
        other.insert("sub:acme_x_1".into(), vec![claim("b.okta.com", "pinned")]);
        other.insert(
            "sub:acme_y_1".into(),
            vec![
                claim("c.okta.com", "list-page"),
                claim("evil.com", "list-page"),
            ],
        );
        other.insert("unrelated".into(), vec![claim("d.okta.com", "list-page")]);
        assert!(merge(&mut mine, &other));
        assert_eq!(
            mine.integrations["acme_x_1"].submitters.len(),
            2,
            "both claims kept: a conflict, not an overwrite"
        );
        assert_eq!(
            mine.integrations["acme_y_1"].submitters.len(),
            1,
            "non-Okta hosts are skipped"
        );
        assert!(!mine.integrations.contains_key("d.okta.com"));
        let again = items(&mine);
        assert!(
            !merge(&mut mine, &again),
            "merging what is already there changes nothing"
        );
    }

    #[test]
    fn writes_only_what_changed_and_respect_the_quotas() {
        let mut wanted = Items::new();
        wanted.insert("sub:same".into(), vec![claim("a.okta.com", "list-page")]);
        wanted.insert("sub:new".into(), vec![claim("b.okta.com", "list-page")]);
        let huge: Vec<SyncClaim> = (0..200)
            .map(|i| claim(&format!("org{i}.okta.com"), "list-page"))
            .collect();
        wanted.insert("sub:huge".into(), huge);
        let mut held = Items::new();
        held.insert("sub:same".into(), vec![claim("a.okta.com", "list-page")]);
        let p = plan(&held, &wanted);
        assert_eq!(p.set.keys().collect::<Vec<_>>(), ["sub:new"]);
        assert_eq!(p.skipped, vec!["huge"], "an item over 8 KB stays local");

        let many: Items = (0..2000)
            .map(|i| {
                (
                    format!("sub:app_{i}_1"),
                    vec![claim("a.okta.com", "list-page")],
                )
            })
            .collect();
        let p = plan(&Items::new(), &many);
        assert!(p.set.len() <= MAX_ITEMS);
        assert_eq!(
            p.set.len() + p.skipped.len(),
            2000,
            "nothing is silently dropped: the rest is reported"
        );
    }
}

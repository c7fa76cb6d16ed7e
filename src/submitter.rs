//! Who made the original submission of an integration, and whether the signed-in org is that
//! org (pure). Okta rejects an update sent from any other Integrator org (Support article "How
//! to Update an Application Integration Published to the OIN Catalog"). Invariant: claims are
//! only ever added or confirmed, never overwritten; a conflict is kept for the user to resolve.

use crate::org::{same_org, OrgRef};
use crate::registry::{Integration, SubmitterClaim};

/// How a claim was learned.
pub const LIST_PAGE: &str = "list-page";
/// Pinned by the user in the popup.
pub const PINNED: &str = "pinned";
/// From a teammate's export.
pub const IMPORTED: &str = "imported";

/// Records that `org` submitted the integration. A claim for an org already claimed is
/// confirmed (its id filled in when newly known); a pin moves that org's claim to the end,
/// where it wins.
pub fn record(integration: &mut Integration, org: &OrgRef, how: &str, now: f64) -> bool {
    let existing = integration
        .submitters
        .iter()
        .position(|c| same_org(&c.org, org));
    match existing {
        Some(i) if how == PINNED => {
            let mut claim = integration.submitters.remove(i);
            claim.how = PINNED.into();
            claim.at = now;
            fill_id(&mut claim, org);
            integration.submitters.push(claim);
            true
        }
        Some(i) => fill_id(&mut integration.submitters[i], org),
        None => {
            integration.submitters.push(SubmitterClaim {
                org: org.clone(),
                how: how.into(),
                at: now,
            });
            true
        }
    }
}

/// Adds a claim learned elsewhere (sync, a teammate's export) as it was made: a new org is
/// appended with its own `how` and time; a known org only gains its id. Never reorders, so a
/// remote pin cannot silently override a later local one (pins are ranked by time).
pub fn add_claim(integration: &mut Integration, org: &OrgRef, how: &str, at: f64) -> bool {
    match integration
        .submitters
        .iter()
        .position(|c| same_org(&c.org, org))
    {
        Some(i) => fill_id(&mut integration.submitters[i], org),
        None => {
            integration.submitters.push(SubmitterClaim {
                org: org.clone(),
                how: how.into(),
                at,
            });
            true
        }
    }
}

fn fill_id(claim: &mut SubmitterClaim, org: &OrgRef) -> bool {
    if claim.org.id.is_empty() && !org.id.is_empty() {
        claim.org.id = org.id.clone();
        return true;
    }
    false
}

fn latest_pin(integration: &Integration) -> Option<&SubmitterClaim> {
    integration
        .submitters
        .iter()
        .filter(|c| c.how == PINNED)
        .max_by(|a, b| a.at.total_cmp(&b.at))
}

/// The recorded submitter: the most recent pin, else the first org claimed.
pub fn submitter(integration: &Integration) -> Option<&SubmitterClaim> {
    latest_pin(integration).or_else(|| integration.submitters.first())
}

/// Whether more than one org is claimed and no pin settled it since the last claim.
pub fn conflict(integration: &Integration) -> bool {
    let claims = &integration.submitters;
    let distinct = claims
        .iter()
        .skip(1)
        .any(|c| !same_org(&c.org, &claims[0].org));
    let last_claim = claims
        .iter()
        .filter(|c| c.how != PINNED)
        .map(|c| c.at)
        .fold(f64::MIN, f64::max);
    distinct && latest_pin(integration).is_none_or(|pin| pin.at < last_claim)
}

/// How the signed-in org relates to the submitter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The signed-in org is the submitter.
    Same,
    /// Another org submitted it.
    Differs(OrgRef),
    /// No submitter recorded.
    Unknown,
}

/// Compares the signed-in org with the recorded submitter.
pub fn verdict(integration: &Integration, current: &OrgRef) -> Verdict {
    match submitter(integration) {
        None => Verdict::Unknown,
        Some(claim) if same_org(&claim.org, current) => Verdict::Same,
        Some(claim) => Verdict::Differs(claim.org.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(host: &str, id: &str) -> OrgRef {
        OrgRef {
            host: host.into(),
            id: id.into(),
        }
    }

    #[test]
    fn the_first_claim_stands_until_the_user_pins_another() {
        let mut i = Integration::default();
        let a = org("a.okta.com", "00oA");
        let b = org("b.okta.com", "00oB");
        assert_eq!(verdict(&i, &a), Verdict::Unknown);
        record(&mut i, &a, LIST_PAGE, 1.0);
        assert_eq!(verdict(&i, &a), Verdict::Same);
        assert_eq!(verdict(&i, &b), Verdict::Differs(a.clone()));
        record(&mut i, &b, LIST_PAGE, 2.0);
        assert!(conflict(&i), "two orgs claimed: kept and flagged");
        assert_eq!(i.submitters.len(), 2);
        assert_eq!(
            verdict(&i, &b),
            Verdict::Differs(a.clone()),
            "never overwritten silently"
        );
        record(&mut i, &b, PINNED, 3.0);
        assert!(!conflict(&i));
        assert_eq!(verdict(&i, &a), Verdict::Differs(b.clone()));
        assert_eq!(i.submitters.len(), 2, "the other claim is kept");
    }

    #[test]
    fn a_claim_is_confirmed_not_duplicated_and_learns_the_id() {
        let mut i = Integration::default();
        record(&mut i, &org("a.okta.com", ""), LIST_PAGE, 1.0);
        assert!(record(&mut i, &org("a.okta.com", "00oA"), LIST_PAGE, 2.0));
        assert!(!record(&mut i, &org("a.okta.com", "00oA"), LIST_PAGE, 3.0));
        assert_eq!(i.submitters.len(), 1);
        assert_eq!(i.submitters[0].org.id, "00oA");
        // Same id under a new host name is the same org.
        record(&mut i, &org("renamed.okta.com", "00oA"), LIST_PAGE, 4.0);
        assert_eq!(i.submitters.len(), 1);
    }
}

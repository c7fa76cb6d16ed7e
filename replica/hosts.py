"""Which org a Host header belongs to.

Chromium maps every *.okta.com name to this one server, so the Host header (port stripped) is
the only thing that tells the orgs apart.
"""

# org subdomain -> identity and behaviour. `layout` picks the console vocabulary: "wizard" is the
# OIN Wizard (Edit integration / Submit integration), "article" the Support article
# (Update / Edit / 100% / Submit for Review). `wellknown` selects the failure mode of
# /.well-known/okta-organization used by the extension's org-id lookup tests.
ORGS = {
    "integrator-1000001": {"id": "00o1000001AAAAAAAAA1", "layout": "wizard", "api": True,
                           "user": "dev@acme.example", "wellknown": "ok"},
    "integrator-2000002": {"id": "00o2000002BBBBBBBBB2", "layout": "article", "api": False,
                           "user": "acme.dev@gmail.com", "wellknown": "ok"},
    "integrator-3000003": {"id": "00o3000003CCCCCCCCC3", "layout": "wizard", "api": False,
                           "user": "dev@acme.example", "wellknown": "429"},
    "integrator-4000004": {"id": "00o4000004DDDDDDDDD4", "layout": "wizard", "api": False,
                           "user": "dev@acme.example", "wellknown": "malformed"},
    "integrator-5000005": {"id": "00o5000005EEEEEEEEE5", "layout": "wizard", "api": False,
                           "user": "dev@acme.example", "wellknown": "close"},
}

OIN_MANAGER = "oinmanager.okta.com"
# The org whose admins the legacy OIN Manager banner names.
OIN_MANAGER_LINKED_ORG = "integrator-1000001.okta.com"


def classify(host_header):
    """Return (kind, org_key) with kind in admin|org|oinm, or (None, None) for unknown hosts."""
    host = (host_header or "").strip().lower().split(":", 1)[0]
    if host == OIN_MANAGER:
        return "oinm", None
    if not host.endswith(".okta.com"):
        return None, None
    sub = host[: -len(".okta.com")]
    if sub.endswith("-admin") and sub[: -len("-admin")] in ORGS:
        return "admin", sub[: -len("-admin")]
    if sub in ORGS:
        return "org", sub
    return None, None


def org_host(org_key):
    return org_key + ".okta.com"


def admin_host(org_key):
    return org_key + "-admin.okta.com"

"""In-memory console state: integrations and their versions, per org, plus the fixtures.

State lives only as long as the process (tests restart the server or POST /replica-api/reset).
A lock guards it because ThreadingHTTPServer answers requests on several threads.
"""
import copy
import datetime
import json
import os
import threading

from hosts import ORGS

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE_DIR = os.path.join(HERE, "fixtures")

# Every form value the replica knows, empty. Fixtures and stored versions are merged over it so
# the page script can rely on every key being present.
EMPTY_VALUES = {
    "capabilities": [],
    "display_name": "", "description": "", "logo": "", "use_cases": [],
    "tenant_vars": [],
    "scim_auth_mode": "", "oauth_authorize_url": "", "oauth_token_url": "",
    "oauth_client_id": "", "oauth_client_secret": "",
    "escalation_email": "", "support_link": "", "support_email": "", "support_phone": "",
    "saml_acs_url": "", "saml_additional_acs": [], "saml_entity_id": "", "saml_attributes": [],
    "saml_config_guide": "",
    "oidc_redirect_uris": [""], "oidc_initiate_login_uri": "", "oidc_post_logout_uri": "",
    "oidc_config_guide": "",
    "scim_base_url": "", "scim_user_ops": [], "scim_group_ops": [], "scim_config_guide": "",
    "ul_gtr_endpoint": "",
    "test_account_url": "", "test_username": "", "test_password": "", "test_instructions": "",
    "test_sso_flows": [], "test_jit": "", "test_sp_initiate_url": "",
    "test_sp_initiate_description": "", "test_runscope_spec": "", "test_runscope_crud": "",
    "last_test_run": "",
}

STRAWBERRY = "acme_strawberrycentral_1"


def now():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def iso(dt):
    return dt.isoformat().replace("+00:00", "Z")


def fixture_names():
    return sorted(f[:-5] for f in os.listdir(FIXTURE_DIR) if f.endswith(".json"))


def load_fixture(name):
    """Fixture values merged over EMPTY_VALUES, or None. Test-run age is relative to now so
    'complete' stays fresh and 'defects' stays stale whenever the suite runs."""
    if name not in fixture_names():
        return None
    with open(os.path.join(FIXTURE_DIR, name + ".json"), encoding="utf-8") as f:
        raw = json.load(f)["values"]
    values = copy.deepcopy(EMPTY_VALUES)
    hours = raw.pop("last_test_run_hours_ago", None)
    values.update(raw)
    if hours is not None:
        values["last_test_run"] = iso(now() - datetime.timedelta(hours=hours))
    return values


def _version(n, kind, status, fixture, name=None, published_days_ago=None):
    values = load_fixture(fixture)
    if name:
        values["display_name"] = name
    t = now()
    v = {"n": n, "kind": kind, "status": status, "values": values,
         "lastUpdated": iso(t - datetime.timedelta(days=1)), "lastPublished": None}
    if published_days_ago is not None:
        v["lastPublished"] = iso(t - datetime.timedelta(days=published_days_ago))
        v["lastUpdated"] = v["lastPublished"]
    return v


def _integration(iid, name, versions):
    return {"id": iid, "name": name, "versions": versions}


def _seed(org_key):
    """Starting integrations of one org. Org A (wizard words) owns several integrations in the
    Wizard statuses; org B (article words) only sees Acme Strawberry Central published, which is
    the wrong-org scenario: the same id is worked on from an org that did not submit it."""
    straw = _integration(STRAWBERRY, "Acme Strawberry Central",
                         [_version(1, "published", "Published", "complete-saml", published_days_ago=90)])
    layout = ORGS[org_key]["layout"] if org_key in ORGS else "oinm"
    if layout == "article":
        return {STRAWBERRY: straw}
    if layout == "oinm":
        return {
            STRAWBERRY: straw,
            "acme_kiwi_1": _integration("acme_kiwi_1", "Acme Kiwi Connector",
                                        [_version(1, "in-progress", "Draft\u2014ISV new", "empty", "Acme Kiwi Connector")]),
            "acme_mango_1": _integration("acme_mango_1", "Acme Mango Flows",
                                         [_version(1, "in-progress", "To be reviewed by Okta", "complete-oidc", "Acme Mango Flows")]),
            "acme_papaya_1": _integration("acme_papaya_1", "Acme Papaya Sync",
                                          [_version(1, "in-progress", "ISV needs to review", "complete-scim-header", "Acme Papaya Sync")]),
            "acme_lime_1": _integration("acme_lime_1", "Acme Lime Logout",
                                        [_version(1, "in-progress", "To be QA tested by Okta", "complete-ul", "Acme Lime Logout")]),
        }
    return {
        STRAWBERRY: straw,
        "acme_blueberry_1": _integration("acme_blueberry_1", "Acme Blueberry Sync",
                                         [_version(1, "in-progress", "OIN to review", "complete-scim-oauth", "Acme Blueberry Sync")]),
        "acme_raspberry_1": _integration("acme_raspberry_1", "Acme Raspberry Portal",
                                         [_version(1, "in-progress", "ISV to review", "complete-oidc", "Acme Raspberry Portal")]),
        "acme_cranberry_1": _integration("acme_cranberry_1", "Acme Cranberry Logout",
                                         [_version(1, "in-progress", "Draft", "empty", "Acme Cranberry Logout")]),
    }


class Store:
    def __init__(self):
        self.lock = threading.RLock()
        self.reset()

    def reset(self):
        with self.lock:
            self.orgs = {key: _seed(key) for key in ORGS}
            self.orgs["oinm"] = _seed("oinm")
            self.new_counter = 0

    def integrations(self, scope):
        return self.orgs[scope]

    def get(self, scope, iid):
        return self.orgs[scope].get(iid)

    @staticmethod
    def published(integ):
        return next((v for v in integ["versions"] if v["kind"] == "published"), None)

    @staticmethod
    def in_progress(integ):
        return next((v for v in integ["versions"] if v["kind"] == "in-progress"), None)

    def start_new_version(self, scope, iid, status):
        """Edit integration (wizard) / Update (article, OIN Manager): copy the published values
        into a new in-progress version unless one exists. Returns that version."""
        with self.lock:
            integ = self.get(scope, iid)
            if integ is None:
                return None
            current = self.in_progress(integ)
            if current:
                return current
            pub = self.published(integ)
            n = max(v["n"] for v in integ["versions"]) + 1
            v = {"n": n, "kind": "in-progress", "status": status,
                 "values": copy.deepcopy(pub["values"]) if pub else copy.deepcopy(EMPTY_VALUES),
                 "lastUpdated": iso(now()), "lastPublished": None}
            integ["versions"].append(v)
            return v

    def add_new(self, scope, status, limit=None):
        with self.lock:
            if limit is not None and len(self.orgs[scope]) >= limit:
                return None
            self.new_counter += 1
            iid = "acme_new_integration_%d" % self.new_counter
            name = "New integration %d" % self.new_counter
            values = copy.deepcopy(EMPTY_VALUES)
            self.orgs[scope][iid] = _integration(iid, name, [
                {"n": 1, "kind": "in-progress", "status": status, "values": values,
                 "lastUpdated": iso(now()), "lastPublished": None}])
            return self.orgs[scope][iid]

    def save(self, scope, iid, values, status=None):
        with self.lock:
            integ = self.get(scope, iid)
            v = integ and self.in_progress(integ)
            if not v:
                return None
            merged = copy.deepcopy(EMPTY_VALUES)
            merged.update({k: values[k] for k in values if k in EMPTY_VALUES})
            v["values"] = merged
            v["lastUpdated"] = iso(now())
            if status:
                v["status"] = status
            if merged.get("display_name"):
                integ["name"] = merged["display_name"]
            return v

"""URL routing of console pages and the JSON each page script renders from.

Page URLs (all answer the same HTML shell; the script asks /replica-api/page for its data):

  admin hosts (integrator-NNNNNNN-admin.okta.com)
    /                                              -> 302 /admin/oin/integrations
    /admin/oin/integrations                        Your OIN Integrations (list)
    /admin/oin/integrations/{id}                   published version, read-only view
    /admin/oin/integrations/{id}/edit[/{step}]     wizard layout (org A, 3, 4, 5); steps below
    /admin/oin/integrations/{id}/edit[?tab=...]    article layout (org B); tabs below
    /replica/stress?n=2000                         N labelled controls for benchmarks
    /replica/hostile?view=form|list|control&i=N    hostile strings (injection tests, hostile.py)
  oinmanager.okta.com
    /  and /submissions                            OIN Manager submissions list
    /submissions/{id}/edit?tab=...                 OIN Manager edit form
    /replica/stress?n=2000

Form pages take ?fixture=<name> (replica/fixtures/<name>.json); the fixture replaces the stored
values and is never saved, so a fixture page looks the same every time it is loaded.
"""
import re

import hostile
from hosts import ORGS, OIN_MANAGER_LINKED_ORG, admin_host, org_host
from state import load_fixture, STRAWBERRY  # noqa: F401  (STRAWBERRY re-exported for tests)

WIZARD_STEPS = ["capabilities", "details", "configure", "test", "submit"]
ARTICLE_TABS = ["general", "saml", "oidc", "scim", "ul", "test"]

LIST_PATH = "/admin/oin/integrations"
_ID = r"([a-z0-9_]+)"


def edit_url(layout, iid):
    if layout == "oinm":
        return "/submissions/%s/edit" % iid
    return "%s/%s/edit" % (LIST_PATH, iid)


def _version_summary(layout, integ, v):
    return {"n": v["n"], "kind": v["kind"], "status": v["status"],
            "lastUpdated": v["lastUpdated"], "lastPublished": v["lastPublished"],
            "viewUrl": "%s/%s" % (LIST_PATH, integ["id"]) if layout != "oinm" else None,
            "editUrl": edit_url(layout, integ["id"]) if v["kind"] == "in-progress" else None}


def _list_rows(store, scope, layout):
    rows = []
    for integ in store.integrations(scope).values():
        for v in sorted(integ["versions"], key=lambda x: x["n"]):
            row = _version_summary(layout, integ, v)
            row.update({"id": integ["id"], "name": integ["name"]})
            rows.append(row)
    return rows


def _base(kind, org_key):
    if kind == "oinm":
        return {"layout": "oinm", "host": "oinmanager.okta.com", "orgHost": None,
                "user": ORGS["integrator-1000001"]["user"], "linkedOrg": OIN_MANAGER_LINKED_ORG}
    org = ORGS[org_key]
    return {"layout": org["layout"], "host": admin_host(org_key), "orgHost": org_host(org_key),
            "user": org["user"]}


def resolve(store, kind, org_key, path, query):
    """Return ("page", data) | ("redirect", url) | (None, None)."""
    scope = "oinm" if kind == "oinm" else org_key
    if kind not in ("admin", "oinm"):
        return None, None
    data = _base(kind, org_key)
    layout = data["layout"]
    path = path.rstrip("/") or "/"

    if path == "/replica/stress":
        try:
            n = max(1, min(int(query.get("n", "2000")), 20000))
        except ValueError:
            n = 2000
        data.update({"page": "stress", "n": n})
        return "page", data

    if path == "/replica/hostile" and kind == "admin":
        # Hostile strings in every place the extension reads (injection tests): see hostile.py.
        items = hostile.payloads()
        try:
            i = int(query.get("i", "0")) % len(items)
        except ValueError:
            i = 0
        data.update({"page": "hostile", "view": query.get("view", "form"), "i": i,
                     "payloads": items})
        return "page", data

    if kind == "oinm":
        if path in ("/", "/submissions"):
            data.update({"page": "list", "rows": _list_rows(store, scope, layout), "limit": 10})
            return "page", data
        m = re.fullmatch(r"/submissions/%s/edit" % _ID, path)
        if m:
            return _form(store, scope, data, m.group(1), query, tab_list=ARTICLE_TABS)
        return None, None

    if path == "/":
        return "redirect", LIST_PATH
    if path == LIST_PATH:
        data.update({"page": "list", "rows": _list_rows(store, scope, layout)})
        return "page", data
    m = re.fullmatch(r"%s/%s" % (LIST_PATH, _ID), path)
    if m:
        integ = store.get(scope, m.group(1))
        pub = integ and store.published(integ)
        if not pub:
            return None, None
        data.update({"page": "view", "integration": {"id": integ["id"], "name": integ["name"]},
                     "version": _version_summary(layout, integ, pub), "values": pub["values"],
                     "hasInProgress": store.in_progress(integ) is not None})
        return "page", data
    m = re.fullmatch(r"%s/%s/edit(?:/([a-z]+))?" % (LIST_PATH, _ID), path)
    if m:
        if layout == "wizard":
            step = m.group(2) or "capabilities"
            if step not in WIZARD_STEPS:
                return None, None
            data["step"] = step
        elif m.group(2):
            return None, None
        return _form(store, scope, data, m.group(1), query, tab_list=ARTICLE_TABS)
    return None, None


def _form(store, scope, data, iid, query, tab_list):
    integ = store.get(scope, iid)
    if integ is None:
        return None, None
    layout = data["layout"]
    fixture = query.get("fixture")
    if fixture is not None and load_fixture(fixture) is None:
        return None, None
    # Opening an edit page of a published-only integration behaves like pressing
    # Edit integration / Update first, so tests may deep-link to any step.
    # A fixture page never changes the store: it shows a transient in-progress version.
    status = {"wizard": "Draft", "article": "In progress", "oinm": "Draft\u2014ISV new"}[layout]
    v = store.in_progress(integ)
    if v is None and fixture:
        n = max(x["n"] for x in integ["versions"]) + 1
        v = {"n": n, "kind": "in-progress", "status": status, "values": None,
             "lastUpdated": None, "lastPublished": None}
    elif v is None:
        v = store.start_new_version(scope, iid, status)
    values = load_fixture(fixture) if fixture else v["values"]
    tab = query.get("tab", "general")
    if layout != "wizard":
        data["tab"] = tab if tab in tab_list else "general"
    data.update({"page": "form", "fixture": fixture,
                 "integration": {"id": integ["id"], "name": integ["name"]},
                 "version": _version_summary(layout, integ, v), "values": values,
                 "published": bool(store.published(integ))})
    return "page", data

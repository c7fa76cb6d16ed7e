"""The documented submissions API (/integrations/api/v1/submissions), answered from the store.

Shape per domain.md: id, name, description, logo, defaultLogo, capabilities[], sso.saml{acs[],
entityId, doc}, sso.oidc{redirectUris[], doc}, provisioning{baseUri, authMode,
setupInstructionsUri}, config[{name,label}], appContactDetails[], status, lastUpdated,
lastUpdatedBy, lastPublished. The test password is never part of it.
"""

# Wizard status words -> the free-text status the API reports.
API_STATUS = {"Published": "Complete", "Draft": "New", "OIN to review": "To be reviewed by Okta",
              "ISV to review": "ISV needs to review"}
CAPS = {"saml": "SSO_SAML", "oidc": "SSO_OIDC", "scim": "PROVISIONING", "ul": "UNIVERSAL_LOGOUT"}


def _int(text):
    return int(text) if str(text).isdigit() else text


def submission(integ, store, org_host, user):
    pub = store.published(integ)
    cur = store.in_progress(integ) or pub
    v = cur["values"]
    logo = v.get("logo") or ""
    out = {
        "id": integ["id"],
        "name": v["display_name"] or integ["name"],
        "description": v["description"],
        "logo": ("https://%s%s" % (org_host, logo)) if logo.startswith("/") else logo,
        "defaultLogo": not logo,
        "capabilities": [CAPS[c] for c in v["capabilities"] if c in CAPS],
        "sso": {},
        "config": [{"name": r.get("name", ""), "label": r.get("label", "")} for r in v["tenant_vars"]],
        "appContactDetails": [c for c in (
            {"type": "ESCALATION_EMAIL", "value": v["escalation_email"]},
            {"type": "SUPPORT_URL", "value": v["support_link"]},
            {"type": "SUPPORT_EMAIL", "value": v["support_email"]},
            {"type": "SUPPORT_PHONE", "value": v["support_phone"]}) if c["value"]],
        "status": API_STATUS.get(cur["status"], cur["status"]),
        "lastUpdated": cur["lastUpdated"],
        "lastUpdatedBy": user,
        "lastPublished": pub["lastPublished"] if pub else None,
    }
    if "saml" in v["capabilities"]:
        acs = [{"url": v["saml_acs_url"], "index": 0}] + [
            {"url": r.get("url", ""), "index": _int(r.get("index", ""))} for r in v["saml_additional_acs"]]
        out["sso"]["saml"] = {"acs": acs, "entityId": v["saml_entity_id"], "doc": v["saml_config_guide"]}
    if "oidc" in v["capabilities"]:
        out["sso"]["oidc"] = {"redirectUris": [u for u in v["oidc_redirect_uris"] if u],
                              "initiateLoginUri": v["oidc_initiate_login_uri"],
                              "postLogoutUris": [v["oidc_post_logout_uri"]] if v["oidc_post_logout_uri"] else [],
                              "doc": v["oidc_config_guide"]}
    if "scim" in v["capabilities"]:
        mode = {"OAuth 2": "OAUTH2", "Header": "HEADER", "Bearer": "BEARER", "Basic": "BASIC"}
        out["provisioning"] = {"baseUri": v["scim_base_url"],
                               "authMode": mode.get(v["scim_auth_mode"], v["scim_auth_mode"]),
                               "setupInstructionsUri": v["scim_config_guide"]}
    return out


def list_page(store, scope, org_host, user, limit, after):
    """Cursor paging: `after` is the id of the last item of the previous page."""
    ids = list(store.integrations(scope).keys())
    start = ids.index(after) + 1 if after in ids else 0
    chunk = ids[start:start + limit]
    items = [submission(store.get(scope, i), store, org_host, user) for i in chunk]
    nxt = None
    if start + limit < len(ids) and chunk:
        nxt = "https://%s/integrations/api/v1/submissions?limit=%d&after=%s" % (org_host, limit, chunk[-1])
    return items, nxt

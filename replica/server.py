#!/usr/bin/env python3
"""Replica of the Okta Admin Console pages OIN Helper works on (tests and demo only).

Usage: python3 replica/server.py --port 0 --cert-dir DIR [--verbose]
Prints exactly one line `REPLICA_READY port=<port>` once it listens on 127.0.0.1 (HTTPS).

Hosts (routing is by Host header; Chromium maps *.okta.com here with --host-resolver-rules):
  integrator-1000001-admin.okta.com / integrator-1000001.okta.com  org A, OIN Wizard words, API
  integrator-2000002-admin.okta.com / integrator-2000002.okta.com  org B, Support article words
  integrator-3000003…  well-known answers 429 + Retry-After      (admin host: wizard pages)
  integrator-4000004…  well-known answers malformed JSON          (admin host: wizard pages)
  integrator-5000005…  well-known closes the connection unanswered (admin host: wizard pages)
  oinmanager.okta.com  legacy OIN Manager

Paths:
  GET  /.well-known/okta-organization              org and admin hosts
  GET  /api/v1/users/me                            admin hosts
  GET  /integrations/api/v1/submissions[?limit=&after=], /integrations/api/v1/submissions/{id}
                                                   org A (admin + org host); 404 elsewhere
  GET  page paths                                  see pages.py docstring / README.md
  GET  /replica-api/page?url=<path+query>          the JSON a page script renders from
  POST /replica-api/integrations/{id}/edit         wizard: Edit integration (new Draft version)
  POST /replica-api/integrations/{id}/update       article / OIN Manager: Update
  POST /replica-api/integrations/new               Build new OIN integration / Add New Submission
  POST /replica-api/integrations/{id}/save         body {"values":{…}}; the in-progress version
  POST /replica-api/integrations/{id}/submit       body {"values":{…}}; status -> review
  POST /replica-api/reset                          restore the seeded state
  GET  /static/…                                   scripts, CSS, images
"""
import argparse
import http.server
import json
import os
import re
import ssl
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import api  # noqa: E402
import pages  # noqa: E402
from hosts import ORGS, classify, org_host  # noqa: E402
from state import Store  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
STATIC = os.path.join(HERE, "static")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'")
TT = "; require-trusted-types-for 'script'"
# The hostile-strings page allows inline script, as a weakly protected console would: a payload
# that the extension wrongly parsed as markup would then really run and set the tests' trap.
CSP_HOSTILE = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")

# Scripts in load order; app.js last because it starts the page.
SCRIPTS = ["dom.js", "fields.js", "specs.js", "shell.js", "list.js", "view.js", "wizard.js",
           "tabbed.js", "stress.js", "hostile.js", "app.js"]

SHELL = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<div id="root"></div>
{scripts}
</body>
</html>
"""

NOT_FOUND = SHELL.replace("<div id=\"root\"></div>\n{scripts}",
                          "<main class=\"notfound\"><h1>404</h1><p>Page not found.</p></main>")

TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".png": "image/png", ".svg": "image/svg+xml", ".json": "application/json"}

NEXT_STATUS = {"wizard": "OIN to review", "article": "Submitted", "oinm": "To be reviewed by Okta"}


def ensure_cert(cert_dir):
    """Self-signed cert for *.okta.com, made once per directory with the openssl CLI."""
    os.makedirs(cert_dir, exist_ok=True)
    cert, key = os.path.join(cert_dir, "cert.pem"), os.path.join(cert_dir, "key.pem")
    if not (os.path.exists(cert) and os.path.exists(key)):
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                        "-out", cert, "-days", "30", "-subj", "/CN=*.okta.com",
                        "-addext", "subjectAltName=DNS:*.okta.com,DNS:okta.com"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cert, key


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "ReplicaConsole/1.0"
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write("%s %s\n" % (self.headers.get("Host", "-"), fmt % args))

    # ---- responses -------------------------------------------------------------------------
    def _send(self, code, body, ctype, extra=None):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        # Like the console, nothing is stored, so pages never enter the back/forward cache;
        # `?bfcache=1` (remembered in a cookie for this browser) lifts that, for the test of a
        # page coming back from it.
        cacheable = self.query.get("bfcache") == "1" or "replica_bfcache=1" in (self.headers.get("Cookie") or "")
        self.send_header("Cache-Control", "no-cache" if cacheable else "no-store")
        if self.query.get("bfcache") == "1":
            self.send_header("Set-Cookie", "replica_bfcache=1; Path=/; Secure; SameSite=Lax")
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, code, obj, extra=None):
        self._send(code, json.dumps(obj), "application/json", extra)

    def _html(self, code, body):
        csp = (CSP_HOSTILE if self.path_only == "/replica/hostile" else CSP) + \
            (TT if self.query.get("tt") == "1" else "")
        self._send(code, body, "text/html; charset=utf-8", {"Content-Security-Policy": csp})

    def _not_found(self):
        if self.path_only.startswith(("/api/", "/integrations/api/", "/replica-api/", "/.well-known/")):
            self._json(404, {"errorCode": "E0000007", "errorSummary": "Not found: Resource not found"})
        else:
            self._html(404, NOT_FOUND.format(title="Not found"))

    # ---- dispatch --------------------------------------------------------------------------
    def _parse(self):
        u = urllib.parse.urlsplit(self.path)
        self.path_only = u.path
        self.query = dict(urllib.parse.parse_qsl(u.query, keep_blank_values=True))
        self.kind, self.org_key = classify(self.headers.get("Host"))
        self.scope = "oinm" if self.kind == "oinm" else self.org_key

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        self._parse()
        p = self.path_only
        if self.kind is None:
            return self._not_found()
        if p == "/.well-known/okta-organization" and self.kind in ("admin", "org"):
            return self._wellknown()
        if p == "/favicon.ico":
            # Browsers ask every host for it; answering keeps test consoles free of 404 noise.
            return self._send(204, b"", "image/x-icon")
        if p.startswith("/static/"):
            return self._static(p[len("/static/"):])
        if p.startswith("/integrations/api/v1/submissions"):
            return self._submissions(p)
        if p == "/api/v1/users/me" and self.kind == "admin":
            return self._json(200, {"id": "00u1000001USER", "status": "ACTIVE",
                                    "profile": {"login": ORGS[self.org_key]["user"],
                                                "email": ORGS[self.org_key]["user"]}})
        if p == "/replica-api/page":
            u = urllib.parse.urlsplit(self.query.get("url", "/"))
            q = dict(urllib.parse.parse_qsl(u.query, keep_blank_values=True))
            what, data = pages.resolve(self.server.store, self.kind, self.org_key, u.path, q)
            if what == "page":
                return self._json(200, data)
            return self._not_found()
        what, data = pages.resolve(self.server.store, self.kind, self.org_key, p, self.query)
        if what == "redirect":
            return self._send(302, "", "text/plain", {"Location": data})
        if what == "page":
            scripts = "\n".join('<script src="/static/%s"></script>' % s for s in SCRIPTS)
            return self._html(200, SHELL.format(title="Okta Admin Console", scripts=scripts))
        return self._not_found()

    def do_POST(self):
        self._parse()
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            return self._json(400, {"error": "bad json"})
        if self.kind not in ("admin", "oinm"):
            return self._not_found()
        store, scope = self.server.store, self.scope
        layout = "oinm" if self.kind == "oinm" else ORGS[self.org_key]["layout"]
        p = self.path_only
        if p == "/replica-api/reset":
            store.reset()
            return self._json(200, {"ok": True})
        if p == "/replica-api/integrations/new":
            integ = store.add_new(scope, {"wizard": "Draft", "article": "In progress",
                                          "oinm": "Draft\u2014ISV new"}[layout],
                                  limit=10 if layout == "oinm" else None)
            if integ is None:
                return self._json(409, {"error": "At most 10 submissions per org"})
            return self._json(200, {"id": integ["id"], "editUrl": pages.edit_url(layout, integ["id"])})
        m = re.fullmatch(r"/replica-api/integrations/([a-z0-9_]+)/(edit|update|save|submit)", p)
        if not m or store.get(scope, m.group(1)) is None:
            return self._not_found()
        iid, action = m.groups()
        if action in ("edit", "update"):
            status = {"wizard": "Draft", "article": "In progress", "oinm": "Draft\u2014ISV new"}[layout]
            v = store.start_new_version(scope, iid, status)
            return self._json(200, {"version": v["n"], "editUrl": pages.edit_url(layout, iid)})
        v = store.save(scope, iid, body.get("values") or {},
                       NEXT_STATUS[layout] if action == "submit" else None)
        if v is None:
            return self._json(409, {"error": "no in-progress version"})
        return self._json(200, {"version": v["n"], "status": v["status"]})

    # ---- endpoints -------------------------------------------------------------------------
    def _wellknown(self):
        org = ORGS[self.org_key]
        mode = org["wellknown"]
        if mode == "429":
            return self._json(429, {"errorCode": "E0000047", "errorSummary": "API call exceeded rate limit due to too many requests."},
                              {"Retry-After": "2", "X-Rate-Limit-Remaining": "0"})
        if mode == "malformed":
            return self._send(200, '{"id":"00o4000004DDD', "application/json")
        if mode == "close":
            # Drop the connection without a status line, as a broken proxy would.
            self.close_connection = True
            return
        host = org_host(self.org_key)
        self._json(200, {"id": org["id"], "pipeline": "idx",
                         "_links": {"organization": {"href": "https://" + host}}})

    def _submissions(self, p):
        if not (self.kind in ("admin", "org") and ORGS[self.org_key]["api"]):
            return self._not_found()
        store, scope = self.server.store, self.scope
        host = self.headers.get("Host", "").split(":")[0]
        user = ORGS[self.org_key]["user"]
        if p.rstrip("/") == "/integrations/api/v1/submissions":
            try:
                limit = max(1, min(int(self.query.get("limit", "20")), 200))
            except ValueError:
                limit = 20
            items, nxt = api.list_page(store, scope, host, user, limit, self.query.get("after"))
            extra = {"Link": '<%s>; rel="next"' % nxt} if nxt else None
            return self._json(200, items, extra)
        m = re.fullmatch(r"/integrations/api/v1/submissions/([a-z0-9_]+)", p)
        integ = m and store.get(scope, m.group(1))
        if not integ:
            return self._not_found()
        return self._json(200, api.submission(integ, store, host, user))

    def _static(self, rel):
        path = os.path.normpath(os.path.join(STATIC, rel))
        if not path.startswith(STATIC + os.sep) or not os.path.isfile(path):
            return self._not_found()
        with open(path, "rb") as f:
            body = f.read()
        self._send(200, body, TYPES.get(os.path.splitext(path)[1], "application/octet-stream"))


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # TLS handshakes aborted by the browser (self-signed cert probing) are routine noise.
        if self.verbose:
            super().handle_error(request, client_address)


def make_server(port, cert_dir, verbose=False):
    cert, key = ensure_cert(cert_dir)
    srv = Server(("127.0.0.1", port), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    # Handshake lazily in the request thread so one slow client cannot stall accept().
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True, do_handshake_on_connect=False)
    srv.store = Store()
    srv.verbose = verbose
    return srv


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=0)
    # Default matches /replica/certs in .gitignore.
    ap.add_argument("--cert-dir", default=os.path.join(HERE, "certs"))
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    srv = make_server(args.port, args.cert_dir, args.verbose)
    print("REPLICA_READY port=%d" % srv.server_address[1], flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()

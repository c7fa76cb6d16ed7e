"""Self-test of the replica console: python3 -m unittest replica/test_server.py (about 1 s)."""
import http.client
import json
import os
import ssl
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'")
A_ADMIN, A_ORG = "integrator-1000001-admin.okta.com", "integrator-1000001.okta.com"
B_ADMIN, B_ORG = "integrator-2000002-admin.okta.com", "integrator-2000002.okta.com"
STRAW = "acme_strawberrycentral_1"


class ReplicaTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.proc = subprocess.Popen([sys.executable, os.path.join(HERE, "server.py"), "--port", "0",
                                     "--cert-dir", cls.tmp.name], stdout=subprocess.PIPE, text=True)
        line = cls.proc.stdout.readline().strip()
        assert line.startswith("REPLICA_READY port="), line
        cls.port = int(line.split("=", 1)[1])
        cls.ctx = ssl._create_unverified_context()

    @classmethod
    def tearDownClass(cls):
        cls.proc.terminate()
        cls.proc.wait(5)
        cls.proc.stdout.close()
        cls.tmp.cleanup()

    def setUp(self):
        self.req(A_ADMIN, "/replica-api/reset", "POST", {})
        self.req(B_ADMIN, "/replica-api/reset", "POST", {})

    def req(self, host, path, method="GET", body=None, cookie=None):
        conn = http.client.HTTPSConnection("127.0.0.1", self.port, context=self.ctx, timeout=5)
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Host": host, "Content-Type": "application/json"}
        if cookie:
            headers["Cookie"] = cookie
        conn.request(method, path, body=data, headers=headers)
        res = conn.getresponse()
        payload = res.read()
        conn.close()
        return res, payload

    def page(self, host, url):
        res, body = self.req(host, "/replica-api/page?url=" + url.replace("?", "%3F").replace("&", "%26"))
        self.assertEqual(res.status, 200, body)
        return json.loads(body)

    def test_html_has_strict_csp_and_no_inline_code(self):
        for host, path in [(A_ADMIN, "/admin/oin/integrations"), (B_ADMIN, "/admin/oin/integrations"),
                           ("oinmanager.okta.com", "/"), (A_ADMIN, "/replica/stress?n=10")]:
            res, body = self.req(host, path)
            self.assertEqual(res.status, 200, (host, path))
            self.assertEqual(res.getheader("Content-Security-Policy"), CSP)
            html = body.decode()
            self.assertIn('<div id="root"></div>', html)
            self.assertNotIn("<style", html)
            self.assertEqual(html.count("<script"), html.count('<script src="/static/'))
        res, _ = self.req(A_ADMIN, "/admin/oin/integrations?tt=1")
        self.assertEqual(res.getheader("Content-Security-Policy"), CSP + "; require-trusted-types-for 'script'")

    def test_nothing_is_stored_unless_a_browser_asked_for_the_back_forward_cache(self):
        res, _ = self.req(A_ADMIN, "/admin/oin/integrations")
        self.assertEqual(res.getheader("Cache-Control"), "no-store")
        self.assertIsNone(res.getheader("Set-Cookie"))
        res, _ = self.req(A_ADMIN, "/admin/oin/integrations?bfcache=1")
        self.assertEqual(res.getheader("Cache-Control"), "no-cache")
        self.assertIn("replica_bfcache=1", res.getheader("Set-Cookie"))
        for path in ["/admin/oin/integrations", "/replica-api/page?url=/admin/oin/integrations"]:
            res, _ = self.req(A_ADMIN, path, cookie="replica_bfcache=1")
            self.assertEqual(res.getheader("Cache-Control"), "no-cache", path)

    def test_hostile_page_is_the_only_one_allowing_inline_script(self):
        # The injection tests' page: inline script allowed there (so a wrongly parsed payload
        # would run), nowhere else; its data carries 50+ payloads, each setting the trap.
        res, body = self.req(A_ADMIN, "/replica/hostile?view=form&i=3")
        self.assertEqual(res.status, 200)
        self.assertEqual(res.getheader("Content-Security-Policy"),
                         CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"))
        self.assertEqual(body.decode().count("<script"), body.decode().count('<script src="/static/'))
        data = self.page(A_ADMIN, "/replica/hostile?view=list")
        self.assertEqual(data["page"], "hostile")
        self.assertGreaterEqual(len(data["payloads"]), 50)
        self.assertGreaterEqual(sum("__oinTrap" in p for p in data["payloads"]), 40)
        self.assertEqual(self.page(A_ADMIN, "/replica/hostile?i=999")["i"], 999 % len(data["payloads"]))
        self.assertEqual(self.req("oinmanager.okta.com", "/replica/hostile")[0].status, 404)

    def test_unknown_host_and_path_are_404(self):
        self.assertEqual(self.req("evil-okta.com", "/")[0].status, 404)
        self.assertEqual(self.req("dev-1.okta.com", "/")[0].status, 404)
        res, _ = self.req(A_ADMIN, "/nope")
        self.assertEqual(res.status, 404)
        self.assertTrue(res.getheader("Content-Security-Policy"))

    def test_wellknown_per_host(self):
        for host, oid, org in [(A_ORG, "00o1000001AAAAAAAAA1", A_ORG), (A_ADMIN, "00o1000001AAAAAAAAA1", A_ORG),
                               (B_ORG, "00o2000002BBBBBBBBB2", B_ORG)]:
            res, body = self.req(host, "/.well-known/okta-organization")
            self.assertEqual(res.status, 200)
            doc = json.loads(body)
            self.assertEqual(doc["id"], oid)
            self.assertEqual(doc["_links"]["organization"]["href"], "https://" + org)
        res, _ = self.req("integrator-3000003.okta.com", "/.well-known/okta-organization")
        self.assertEqual(res.status, 429)
        self.assertEqual(res.getheader("Retry-After"), "2")
        res, body = self.req("integrator-4000004.okta.com", "/.well-known/okta-organization")
        self.assertEqual(res.status, 200)
        with self.assertRaises(ValueError):
            json.loads(body)
        with self.assertRaises((http.client.RemoteDisconnected, ConnectionError)):
            self.req("integrator-5000005.okta.com", "/.well-known/okta-organization")
        # The failure hosts still serve the wizard console.
        self.assertEqual(self.req("integrator-5000005-admin.okta.com", "/admin/oin/integrations")[0].status, 200)

    def test_submissions_api_org_a_only(self):
        res, body = self.req(A_ADMIN, "/integrations/api/v1/submissions?limit=2")
        self.assertEqual(res.status, 200)
        first = json.loads(body)
        self.assertEqual(len(first), 2)
        self.assertEqual(first[0]["id"], STRAW)
        self.assertIn('rel="next"', res.getheader("Link"))
        res, body = self.req(A_ADMIN, "/integrations/api/v1/submissions?limit=2&after=" + first[-1]["id"])
        second = json.loads(body)
        self.assertTrue(second and second[0]["id"] not in [s["id"] for s in first])
        res, body = self.req(A_ORG, "/integrations/api/v1/submissions/" + STRAW)
        sub = json.loads(body)
        for key in ("id", "name", "description", "logo", "capabilities", "sso", "config",
                    "appContactDetails", "status", "lastUpdated", "lastUpdatedBy", "lastPublished"):
            self.assertIn(key, sub)
        self.assertEqual(sub["sso"]["saml"]["entityId"], "https://acme.example/saml/metadata")
        self.assertNotIn("Str4wberry", body.decode())  # the test password never leaves the page
        self.assertEqual(self.req(B_ADMIN, "/integrations/api/v1/submissions")[0].status, 404)
        self.assertEqual(self.req(B_ADMIN, "/integrations/api/v1/submissions/" + STRAW)[0].status, 404)

    def test_users_me(self):
        self.assertEqual(json.loads(self.req(A_ADMIN, "/api/v1/users/me")[1])["profile"]["login"], "dev@acme.example")
        self.assertTrue(json.loads(self.req(B_ADMIN, "/api/v1/users/me")[1])["profile"]["login"].endswith("@gmail.com"))

    def test_update_creates_in_progress_version(self):
        rows = self.page(B_ADMIN, "/admin/oin/integrations")["rows"]
        self.assertEqual([(r["id"], r["kind"]) for r in rows], [(STRAW, "published")])
        res, body = self.req(B_ADMIN, "/replica-api/integrations/%s/update" % STRAW, "POST", {})
        self.assertEqual(json.loads(body)["editUrl"], "/admin/oin/integrations/%s/edit" % STRAW)
        rows = self.page(B_ADMIN, "/admin/oin/integrations")["rows"]
        self.assertEqual([(r["kind"], r["status"]) for r in rows], [("published", "Published"), ("in-progress", "In progress")])
        form = self.page(B_ADMIN, "/admin/oin/integrations/%s/edit" % STRAW)
        self.assertEqual((form["layout"], form["version"]["n"]), ("article", 2))

    def test_wizard_edit_integration_and_fixtures(self):
        view = self.page(A_ADMIN, "/admin/oin/integrations/" + STRAW)
        self.assertEqual(view["page"], "view")
        # A fixture page does not create a draft.
        form = self.page(A_ADMIN, "/admin/oin/integrations/%s/edit/test?fixture=defects" % STRAW)
        self.assertEqual(len(form["values"]["description"]), 1043)
        self.assertEqual(form["step"], "test")
        self.assertNotIn("in-progress", [r["kind"] for r in self.page(A_ADMIN, "/admin/oin/integrations")["rows"] if r["id"] == STRAW])
        self.req(A_ADMIN, "/replica-api/integrations/%s/edit" % STRAW, "POST", {})
        rows = [r for r in self.page(A_ADMIN, "/admin/oin/integrations")["rows"] if r["id"] == STRAW]
        self.assertEqual([r["status"] for r in rows], ["Published", "Draft"])
        res, body = self.req(A_ADMIN, "/replica-api/integrations/%s/submit" % STRAW, "POST", {"values": {"display_name": "X"}})
        self.assertEqual(json.loads(body)["status"], "OIN to review")
        self.assertEqual(self.req(A_ADMIN, "/replica-api/page?url=/admin/oin/integrations/x/edit%3Ffixture%3Dnope")[0].status, 404)

    def test_oin_manager(self):
        data = self.page("oinmanager.okta.com", "/")
        self.assertIn("To be reviewed by Okta", [r["status"] for r in data["rows"]])
        form = self.page("oinmanager.okta.com", "/submissions/acme_kiwi_1/edit?tab=saml")
        self.assertEqual((form["layout"], form["tab"]), ("oinm", "saml"))


if __name__ == "__main__":
    unittest.main()

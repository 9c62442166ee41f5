"""defender-sim: a foreign origin (--foreign-port; --next-link-origin and "next-link-origin" in /_sim/foreign) —
127.0.0.1 on another port, with the same certificate — that @odata.nextLinks can point at. It answers like the main
origin, so that a client which follows such a link gets its page, and records every request and whether it carried
an Authorization header. The main origin keeps serving $skip pages as before."""

import hashlib
import json
import os
import subprocess
import sys
import unittest
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "integration"))
from lib.simulator import ALERTS_V2, Simulator, binary_path, format_ticks  # noqa: E402

FAKE = "Bearer fake-credential-for-the-foreign-origin"


class ForeignOriginTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = Simulator(alerts=30, seed=51, budgets="off", tie_size=30, max_page_size=10, alerts_page_size=4,
                            foreign_port=0, next_link_origin="foreign").start()
        cls.foreign_port = cls.sim.foreign()["port"]

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()
        cls.sim.cleanup()

    def setUp(self):
        self.sim.set_foreign(next_link_origin="foreign")

    def fetch(self, url, authorization=None):
        """GET with urllib, as any client would; (status, body)."""
        request = urllib.request.Request(url, headers={"Authorization": authorization} if authorization else {})
        try:
            with urllib.request.urlopen(request, context=self.sim.ssl_context(), timeout=10) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            with e:
                return e.code, e.read()

    def new_log(self, start):
        return self.sim.foreign()["log"][start:]

    def test_the_foreign_origin_is_another_port_of_127_0_0_1(self):
        self.assertNotIn(self.foreign_port, (None, self.sim.port))
        self.assertEqual(self.sim.foreign()["next-link-origin"], "foreign")

    def test_graph_and_alerts_api_next_links_point_at_the_foreign_origin(self):
        graph = self.sim.alerts({"$top": "10"}).json()["@odata.nextLink"]
        mde = self.sim.mde_alerts().json()["@odata.nextLink"]
        for link in (graph, mde):
            parts = urllib.parse.urlsplit(link)
            self.assertEqual((parts.scheme, parts.hostname, parts.port), ("https", "127.0.0.1", self.foreign_port))
        self.assertEqual(urllib.parse.urlsplit(graph).path, ALERTS_V2)

    def test_a_request_with_a_credential_is_recorded_with_its_hash(self):
        link = self.sim.alerts({"$top": "10"}).json()["@odata.nextLink"]
        before = self.sim.stats()["foreignOrigin"]
        start = self.sim.foreign()["requests"]
        status, _ = self.fetch(link, FAKE)
        self.assertEqual(status, 401)  # not a token of ours, but it was sent
        [seen] = self.new_log(start)
        self.assertEqual(seen["target"], link[len("https://127.0.0.1:%d" % self.foreign_port):])
        self.assertEqual(seen["authorization"],
                         {"scheme": "Bearer", "sha256": hashlib.sha256(FAKE.encode()).hexdigest()})
        after = self.sim.stats()["foreignOrigin"]
        self.assertEqual((after["requests"] - before["requests"],
                          after["withAuthorization"] - before["withAuthorization"]), (1, 1))

    def test_a_request_without_a_credential_is_recorded_as_such(self):
        link = self.sim.alerts({"$top": "10"}).json()["@odata.nextLink"]
        before = self.sim.foreign()
        status, _ = self.fetch(link)
        self.assertEqual(status, 401)
        after = self.sim.foreign()
        self.assertEqual((after["requests"] - before["requests"],
                          after["withAuthorization"] - before["withAuthorization"]), (1, 0))
        self.assertIsNone(after["log"][-1]["authorization"])

    def test_a_client_that_sends_its_token_there_gets_the_page(self):
        first = self.sim.alerts({"$top": "10"}).json()
        status, body = self.fetch(first["@odata.nextLink"], "Bearer " + self.sim.access_token())
        self.assertEqual(status, 200)
        here = self.sim.alerts({"$top": "10", "$skip": "10"}).json()
        self.assertEqual([a["id"] for a in json.loads(body)["value"]], [a["id"] for a in here["value"]])

    def test_the_main_origin_serves_skip_pages_within_one_instant(self):
        [tie] = {e["ticks"] for e in self.sim.ledger()[:30]}
        query = {"$filter": "lastUpdateDateTime eq %s" % format_ticks(tie), "$orderby": "lastUpdateDateTime asc"}
        whole = [a["id"] for a in self.sim.alerts(dict(query, **{"$top": "30"})).json()["value"]]
        self.assertEqual(len(whole), 10)  # the page size caps $top
        pages = [self.sim.alerts(dict(query, **{"$top": "10", "$skip": str(skip)})).json()["value"]
                 for skip in (0, 10, 20, 30)]
        ids = [a["id"] for page in pages for a in page]
        self.assertEqual(ids[:10], whole)
        self.assertEqual((len(ids), len(set(ids)), len(pages[3])), (30, 30, 0))
        self.assertEqual(set(ids), {e["id"] for e in self.sim.ledger()[:30]})

    def test_control_endpoints_stay_on_the_main_origin(self):
        status, _ = self.fetch("https://127.0.0.1:%d/_sim/stats" % self.foreign_port)
        self.assertEqual(status, 404)

    def test_next_links_can_come_home_again(self):
        self.assertEqual(self.sim.set_foreign(next_link_origin="same")["next-link-origin"], "same")
        link = self.sim.alerts({"$top": "10"}).json()["@odata.nextLink"]
        self.assertEqual(urllib.parse.urlsplit(link).port, self.sim.port)
        for body in ({"next-link-origin": "elsewhere"}, {"next-link-host": "foreign"}):
            self.assertEqual(self.sim.request("POST", "/_sim/foreign", body=json.dumps(body)).status, 400, body)
        self.assertEqual(self.sim.foreign()["next-link-origin"], "same")


class WithoutForeignOriginTest(unittest.TestCase):
    def test_foreign_links_need_the_foreign_origin(self):
        with Simulator(alerts=5) as sim:
            self.assertEqual(sim.foreign()["port"], None)
            r = sim.request("POST", "/_sim/foreign", body=json.dumps({"next-link-origin": "foreign"}))
            self.assertEqual(r.status, 400)
            self.assertIn("--foreign-port", r.json()["error"])
            self.assertEqual(sim.stats()["foreignOrigin"], {"requests": 0, "withAuthorization": 0})
            result = subprocess.run([binary_path(), "--tls-dir", sim.tls_dir, "--next-link-origin", "foreign"],
                                    capture_output=True, text=True, timeout=10)
        self.assertEqual(result.returncode, 2)
        self.assertIn("--foreign-port", result.stderr)


if __name__ == "__main__":
    unittest.main()

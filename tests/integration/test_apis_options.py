"""What the API options do against defender-sim: emit-updates(no) sends each alert once (Graph and the alerts API),
filter() narrows the OData APIs and a bad one gives one clear error, machine-groups() narrows the SIEM API, a token
for the wrong audience is refreshed once and then explained, ties larger than a page in the unordered alerts API, and
SIEM windows that narrow under a burst."""

import os
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.defender_rig import Rig, served_versions  # noqa: E402
from lib.simulator import parse_ticks  # noqa: E402


class ApisOptionsTest(unittest.TestCase):
    def start(self, alerts=600, sim_args=(), **options):
        self.rig = Rig(self, alerts=alerts, seed=21, sim_args=sim_args)
        self.sim = self.rig.sim
        self.syslog = self.rig.syslog(**options)
        return self.syslog.start()

    def api_get(self, path, resource):
        token = self.sim.request_token(version=1, resource=resource).json()["access_token"]
        r = self.sim.get(path, token=token)
        self.assertEqual(r.status, 200, r.text())
        return r.json()

    def test_emit_updates_no_sends_each_alert_once_in_its_first_state(self):
        for api in ("graph", "alerts"):
            with self.subTest(api=api):
                self.start(api=api, emit_updates=False)
                ids = {v["id"] for v in self.sim.ledger() if api in v["apis"]}
                self.rig.settle(len(ids))
                r = self.sim.request("POST", f"/_sim/mutate?count=150&api={api}", body=b"")
                self.assertEqual(r.status, 201)
                versions = [v for v in self.sim.ledger() if api in v["apis"]]
                self.assertGreater(len(versions), len(ids), "the updates made no new versions")
                self.rig.settle(len(ids))
                got = [alert_id for alert_id, _, _, _ in self.rig.delivered()]
                print(f"api={api} emit-updates(no): {len(got)} messages for {len(ids)} alerts in {len(versions)} "
                      "versions")
                self.assertEqual(len(got), len(set(got)))
                self.assertEqual(set(got), {v["id"] for v in versions})
                self.syslog.stop()
                self.sim.stop()

    def test_filter_narrows_graph_to_what_the_service_selects(self):
        self.start(filter="severity eq 'high'")
        expected, _ = self.sim.all_alerts({"$filter": "severity eq 'high'", "$top": "1000"})
        self.assertGreater(len(expected), 20)
        self.rig.assert_exactly({(a["id"], parse_ticks(a["lastUpdateDateTime"])) for a in expected})
        self.assertEqual({severity for _, _, _, severity in self.rig.delivered()}, {"high"})

    def test_filter_narrows_the_alerts_api(self):
        self.start(api="alerts", filter="severity eq 'High'", page_size=10000)
        query = urllib.parse.urlencode({"$filter": "severity eq 'High'", "$top": "10000"}, quote_via=urllib.parse.quote)
        expected = self.api_get("/api/alerts?" + query, "https://api.securitycenter.microsoft.com")["value"]
        self.assertGreater(len(expected), 20)
        self.rig.assert_exactly({(a["id"], parse_ticks(a["lastUpdateTime"])) for a in expected})

    def test_a_filter_the_service_refuses_gives_one_clear_error(self):
        s = self.start(filter="riskScore eq 'high'")
        error = self.rig.the_one_error(s, "check filter(")
        self.assertIn("the API answered HTTP 400", error)
        self.assertIn("correlation id", error)
        self.assertIn("retry_in_seconds='300'", error)
        self.assertEqual(self.sim.stats()["apiRequests"]["total"], 1)

    def test_machine_groups_narrow_the_siem_api(self):
        self.start(api="siem", machine_groups=None)
        records = self.api_get("/api/alerts?sinceTimeUtc=2000-01-01T00:00:00.000", "https://graph.windows.net")
        groups = sorted({r["MachineGroup"] for r in records if r["MachineGroup"]})
        self.assertGreaterEqual(len(groups), 3, groups)
        chosen = groups[:2]
        self.syslog.stop()
        os.remove(self.rig.output)
        self.syslog.persist.unlink()
        self.syslog.write_config(self.rig.config(api="siem", machine_groups=chosen))
        self.syslog.start()
        expected = {(r["FullId"], parse_ticks(r["LastProcessedTimeUtc"])) for r in records if r["MachineGroup"] in chosen}
        print(f"machine-groups {chosen}: {len(expected)} of {len(records)} records")
        self.rig.assert_exactly(expected)

    def test_a_token_for_another_audience_is_refreshed_once_then_explained(self):
        s = self.start(audience="https://api.securitycenter.microsoft.com")
        error = self.rig.the_one_error(s, "a fresh token was refused too")
        self.assertIn("HTTP 401 (InvalidAuthenticationToken", error)
        self.assertIn("the token's audience https://api.securitycenter.microsoft.com", error)
        self.assertEqual(self.sim.stats()["tokenRequests"]["total"], 2)
        self.assertEqual(s.defender_stat("requests_401"), 2)

    def test_ties_larger_than_a_page_in_the_unordered_alerts_api(self):
        self.start(api="alerts", page_size=100, sim_args=["--tie-size", "250"])
        self.rig.assert_served_exactly("alerts")
        print(f"ties of 250 with pages of 100: requests={self.sim.stats()['apiRequests']['total']}")

    def test_siem_windows_narrow_under_a_burst_and_lose_nothing(self):
        self.start(api="siem", alerts=3000, page_size=100)
        expected = served_versions(self.sim.ledger(), "siem")
        self.rig.assert_exactly(expected)
        requests = self.sim.stats()["apiRequests"]["total"]
        print(f"SIEM with a bound of 100: requests={requests}")
        self.assertGreater(requests, len(expected) // 400)


if __name__ == "__main__":
    unittest.main()

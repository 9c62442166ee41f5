"""defender-sim: the legacy SIEM API (docs/microsoft-apis.md, "SIEM API"): v1 token for https://graph.windows.net, a
bare JSON array of the 50-field records of the sample, a window on LastProcessedTimeUtc (not AlertTime), its defaults,
ago, limit keeping the newest, machine groups and tags, and records that never change."""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "integration"))
from lib.simulator import Simulator, format_ticks, parse_ticks  # noqa: E402

SIEM_KEYS = [
    "AlertTime", "ComputerDnsName", "AlertTitle", "Category", "Severity", "AlertId", "Actor", "LinkToWDATP", "IocName",
    "IocValue", "CreatorIocName", "CreatorIocValue", "Sha1", "FileName", "FilePath", "IpAddress", "Url",
    "IoaDefinitionId", "UserName", "AlertPart", "FullId", "LastProcessedTimeUtc", "ThreatCategory", "ThreatFamily",
    "ThreatName", "RemediationAction", "RemediationIsSuccess", "Source", "Md5", "Sha256",
    "WasExecutingWhileDetected", "UserDomain", "LogOnUsers", "MachineDomain", "MachineName", "InternalIPv4List",
    "InternalIPv6List", "FileHash", "DeviceID", "MachineGroup", "Description", "DeviceCreatedMachineTags",
    "CloudCreatedMachineTags", "CommandLine", "IncidentLinkToWDATP", "ReportID", "LinkToMTP", "IncidentLinkToMTP",
    "ExternalId", "IocUniqueId"]
NULLABLE_BOOLS = {"RemediationIsSuccess", "WasExecutingWhileDetected"}
INTEGERS = {"AlertPart", "ReportID"}
SECOND = 10_000_000
HOURS = 4
EVERYTHING = {"sinceTimeUtc": "2000-01-01T00:00:00"}


def lpt(record):
    return parse_ticks(record["LastProcessedTimeUtc"])


class SiemApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = Simulator(alerts=500, seed=5, history=HOURS * 3600, budgets="off").start()
        cls.all = cls.records(EVERYTHING)

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()
        cls.sim.cleanup()

    @classmethod
    def records(cls, params):
        r = cls.sim.siem_alerts(params)
        assert r.status == 200, r.text()
        return r.json()

    def full_ids(self, params):
        return [r["FullId"] for r in self.records(params)]

    def test_bare_array_of_flat_records(self):
        r = self.sim.siem_alerts(EVERYTHING)
        self.assertEqual(r.headers.get("Content-Type"), "application/json; charset=utf-8")
        self.assertTrue(r.body.startswith(b"[{\"AlertTime\":"))
        self.assertGreater(len(self.all), 300)
        for rec in self.all:
            self.assertEqual(list(rec), SIEM_KEYS)
            for key, value in rec.items():
                if key in NULLABLE_BOOLS:
                    self.assertIn(value, (None, True, False), key)
                elif key in INTEGERS:
                    self.assertIsInstance(value, int, key)
                else:
                    self.assertIsInstance(value, str, key)  # absent values are "", never null
            self.assertEqual(rec["FullId"], rec["AlertId"] + ":" + rec["IocUniqueId"])
            self.assertRegex(rec["AlertId"], r"^da\d{18}_-?\d+$")
            self.assertIn(rec["Severity"], ("Informational", "Low", "Medium", "High"))
            self.assertIn(rec["Source"], ("EDR", "Antivirus", "CustomTI"))
            self.assertLessEqual(parse_ticks(rec["AlertTime"]), lpt(rec))
            self.assertEqual(rec["LinkToWDATP"], "https://securitycenter.windows.com/alert/" + rec["AlertId"])
            self.assertRegex(rec["ExternalId"], r"^[0-9A-F]{40}$")
        ticks = [lpt(r) for r in self.all]
        self.assertEqual(ticks, sorted(ticks))
        self.assertEqual(len({r["FullId"] for r in self.all}), len(self.all))
        self.assertTrue(any(r["AlertPart"] > 0 for r in self.all))  # several records for some alerts
        self.assertTrue(any(r["CommandLine"] for r in self.all) and any(r["Url"] for r in self.all))

    def test_records_are_the_ledger_and_the_endpoint_alerts(self):
        ledger = [e for e in self.sim.ledger() if "siem" in e["apis"]]
        self.assertEqual({i for e in ledger for i in e["siem"]["fullIds"]}, {r["FullId"] for r in self.all})
        by_id = {e["id"]: e for e in ledger}
        for rec in self.all:
            entry = by_id[rec["AlertId"]]
            self.assertEqual(lpt(rec), entry["siem"]["ticks"])
            self.assertEqual(rec["LastProcessedTimeUtc"], entry["siem"]["lastProcessedTimeUtc"])
        graph = {a["id"]: a for a in self.sim.all_alerts("")[0]}
        endpoint = {i for i, a in graph.items() if a["serviceSource"] == "microsoftDefenderForEndpoint"}
        self.assertEqual({r["AlertId"] for r in self.all}, endpoint)
        for rec in self.all:
            g = graph[rec["AlertId"]]
            self.assertEqual((rec["AlertTitle"], rec["AlertTime"], rec["IoaDefinitionId"]),
                             (g["title"], g["createdDateTime"], g["detectorId"]))

    def test_window_is_on_last_processed_time(self):
        t = lpt(self.all[len(self.all) // 2])
        since = [r["FullId"] for r in self.all if lpt(r) >= t]
        self.assertEqual(self.full_ids({"sinceTimeUtc": format_ticks(t)}), since)
        self.assertEqual(self.full_ids({"sinceTimeUtc": "2000-01-01T00:00:00Z", "untilTimeUtc": format_ticks(t)}),
                         [r["FullId"] for r in self.all if lpt(r) < t])
        # The examples' form: no zone, 3 digits; the instant is what counts.
        t3 = parse_ticks(format_ticks(t, 3))
        literal = format_ticks(t, 3)[:-1]
        self.assertEqual(self.full_ids({"sinceTimeUtc": literal}), [r["FullId"] for r in self.all if lpt(r) >= t3])
        # Some records in the window were raised before it began: the window is not on AlertTime.
        inside = self.records({"sinceTimeUtc": format_ticks(t)})
        self.assertTrue(any(parse_ticks(r["AlertTime"]) < t for r in inside))

    def bracket(self, params, seconds):
        """The records of a window that ends now and is `seconds` long, checked against the clock around the call."""
        before = int(time.time() * SECOND)
        got = set(self.full_ids(params))
        after = int(time.time() * SECOND)
        surely_in = {r["FullId"] for r in self.all if lpt(r) >= after - seconds * SECOND}
        maybe_in = {r["FullId"] for r in self.all if lpt(r) >= before - seconds * SECOND}
        self.assertTrue(surely_in <= got <= maybe_in, params)
        self.assertTrue(0 < len(got) < len(self.all), params)

    def test_default_window_is_two_hours(self):
        self.bracket({}, 2 * 3600)

    def test_ago(self):
        self.bracket({"ago": "PT30M"}, 1800)
        self.bracket({"ago": "PT1H30M"}, 5400)
        self.assertEqual(len(self.records({"ago": "P1D"})), len(self.all))
        for bad in ({"ago": "10m"}, {"ago": "P1M"}, {"ago": "PT"}, {"ago": "PT1H", "sinceTimeUtc": "2000-01-01T00:00:00"},
                    {"sinceTimeUtc": "yesterday"}, {"untilTimeUtc": "2024-13-01T00:00:00"}, {"limit": "-1"}):
            r = self.sim.siem_alerts(bad)
            self.assertEqual(r.status, 400, bad)
            self.assertEqual(r.json()["error"]["code"], "BadRequest", bad)

    def test_limit_keeps_the_newest(self):
        for n in (1, 5, 50):
            self.assertEqual(self.full_ids(dict(EVERYTHING, limit=str(n))), [r["FullId"] for r in self.all[-n:]])
        self.assertEqual(self.full_ids(dict(EVERYTHING, limit="0")), [])

    def test_machine_groups_and_tags(self):
        groups = ["Servers", "Build agents"]
        got = self.full_ids([("sinceTimeUtc", "2000-01-01T00:00:00"), ("machinegroups", groups[0]),
                             ("MachineGroups", groups[1])])
        self.assertEqual(got, [r["FullId"] for r in self.all if r["MachineGroup"] in groups])
        self.assertTrue(got)
        for name, tag in (("DeviceCreatedMachineTags", "Laptop"), ("CloudCreatedMachineTags", "VIP")):
            got = self.full_ids(dict(EVERYTHING, **{name: tag}))
            self.assertEqual(got, [r["FullId"] for r in self.all if tag in r[name].split(", ")], name)
            self.assertTrue(got, name)

    def test_v1_token_and_errors(self):
        r = self.sim.request_token(1)  # resource=https://graph.windows.net
        self.assertEqual(r.json()["resource"], "https://graph.windows.net")
        self.assertEqual(r.json()["expires_in"], "3599")
        self.assertEqual(self.sim.siem_alerts(EVERYTHING, token=r.json()["access_token"]).json(), self.all)
        old = self.sim.request_token(1, resource="https://WDATPAlertExport.Seville.onmicrosoft.com")
        self.assertEqual(self.sim.siem_alerts(EVERYTHING, token=old.json()["access_token"]).json(), self.all)
        for token in ("", "x.y.z"):
            r = self.sim.siem_alerts(EVERYTHING, token=token)
            self.assertEqual(r.status, 401)
            self.assertEqual(r.json()["error"]["code"], "Unauthorized")



class SiemChangesTest(unittest.TestCase):
    def test_records_never_change_and_new_detections_arrive(self):
        with Simulator(alerts=100, seed=6, budgets="off") as sim:
            before = sim.siem_alerts(EVERYTHING).json()
            rec = before[0]
            self.assertEqual(len(sim.mutate(ids=[rec["AlertId"]])), 1)
            self.assertEqual(sim.siem_alerts(EVERYTHING).json(), before)
            entry = sim.ledger()[-1]
            self.assertEqual((entry["id"], entry["apis"]), (rec["AlertId"], ["graph", "alerts"]))
            self.assertNotIn("siem", entry)

            added = sim.add_alerts(20)
            new = {e["id"]: e for e in sim.ledger() if e["id"] in {a["id"] for a in added} and "siem" in e["apis"]}
            self.assertTrue(new)
            got = sim.siem_alerts({"sinceTimeUtc": format_ticks(min(a["ticks"] for a in added))}).json()
            self.assertEqual({r["AlertId"] for r in got}, set(new))
            for r in got:
                self.assertEqual(lpt(r), new[r["AlertId"]]["ticks"])  # processed when its first version was made
                self.assertEqual(r["AlertTime"], r["LastProcessedTimeUtc"])


if __name__ == "__main__":
    unittest.main()

"""defender-sim: the Defender for Endpoint alerts API (docs/microsoft-apis.md, "Defender for Endpoint alerts API"): its
schema, the same alerts and versions as Graph, OData options, the missing next link with $top, an order that is not time
order, the token audience that picks the API on /api/alerts, and its error shape (docs/microsoft-apis.md,
"Error answers")."""

import gzip
import json
import os
import re
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "integration"))
from lib.simulator import ALERTS_API, Simulator, format_ticks, parse_ticks  # noqa: E402

ALERT_KEYS = [
    "id", "incidentId", "investigationId", "assignedTo", "severity", "status", "classification", "determination",
    "investigationState", "detectionSource", "detectorId", "category", "threatFamilyName", "title", "description",
    "alertCreationTime", "firstEventTime", "lastEventTime", "lastUpdateTime", "resolvedTime", "machineId",
    "computerDnsName", "rbacGroupName", "aadTenantId", "threatName", "mitreTechniques", "relatedUser", "comments"]
EVIDENCE_KEYS = [
    "entityType", "evidenceCreationTime", "sha1", "sha256", "fileName", "filePath", "processId", "processCommandLine",
    "processCreationTime", "parentProcessId", "parentProcessCreationTime", "parentProcessFileName",
    "parentProcessFilePath", "ipAddress", "url", "registryKey", "registryHive", "registryValueType", "registryValue",
    "accountName", "domainName", "userSid", "aadUserId", "userPrincipalName", "detectionStatus"]
# The keys each entity type fills; every other key is null.
EVIDENCE_FILLED = {
    "Process": {"sha1", "sha256", "fileName", "filePath", "processId", "processCommandLine", "processCreationTime",
                "parentProcessId", "parentProcessCreationTime", "detectionStatus"},
    "File": {"sha1", "sha256", "fileName", "filePath", "detectionStatus"},
    "User": {"accountName", "domainName", "userSid", "aadUserId", "userPrincipalName"},
    "Ip": {"ipAddress"},
    "Url": {"url"},
    "Registry": {"registryKey", "registryHive"},
}
OPTIONAL_FILLED = {"parentProcessFileName", "parentProcessFilePath", "registryValueType", "registryValue"}
SEVERITY = {"informational": "Informational", "low": "Low", "medium": "Medium", "high": "High"}
STATUS = {"new": "New", "inProgress": "InProgress", "resolved": "Resolved"}
CLASSIFICATION = {None: None, "unknown": None, "truePositive": "TruePositive", "falsePositive": "FalsePositive",
                  "informationalExpectedActivity": "InformationalExpectedActivity"}
DETECTION_SOURCE = {"microsoftDefenderForEndpoint": "WindowsDefenderAtp", "antivirus": "WindowsDefenderAv",
                    "customTi": "CustomerTI"}
CONTEXT = "https://api.securitycenter.microsoft.com/api/$metadata#Alerts"
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
PAGE = 100


class AlertsApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = Simulator(alerts=600, seed=11, budgets="off", alerts_page_size=PAGE).start()
        cls.graph = {a["id"]: a for a in cls.sim.all_alerts("")[0]}
        cls.endpoint = {i for i, a in cls.graph.items() if a["serviceSource"] == "microsoftDefenderForEndpoint"}
        cls.all, cls.pages = cls.walk({})
        cls.by_id = {a["id"]: a for a in cls.all}

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()
        cls.sim.cleanup()

    @classmethod
    def walk(cls, query):
        """Follows @odata.nextLink; returns the alerts and the number of pages."""
        r = cls.sim.mde_alerts(query)
        items, pages = [], 0
        while True:
            assert r.status == 200, r.text()
            page = r.json()
            items += page["value"]
            pages += 1
            if "@odata.nextLink" not in page:
                return items, pages
            r = cls.sim.get(page["@odata.nextLink"], token=cls.sim.alerts_token())

    def ids(self, query):
        return [a["id"] for a in self.walk(query)[0]]

    def test_exactly_the_endpoint_alerts_of_graph(self):
        self.assertEqual(len(self.all), len(self.endpoint))
        self.assertEqual(set(self.by_id), self.endpoint)
        self.assertLess(len(self.endpoint), len(self.graph))
        ledger = self.sim.ledger()
        self.assertEqual({e["id"] for e in ledger if "alerts" in e["apis"]}, self.endpoint)
        self.assertEqual({e["id"] for e in ledger if "alerts" not in e["apis"]}, set(self.graph) - self.endpoint)

    def test_schema(self):
        for a in self.all:
            self.assertEqual(list(a), ALERT_KEYS, a["id"])
            self.assertIsInstance(a["incidentId"], int)
            self.assertTrue(a["investigationId"] is None or isinstance(a["investigationId"], int))
            self.assertIn(a["severity"], SEVERITY.values())
            self.assertIn(a["status"], STATUS.values())
            self.assertIn(a["detectionSource"], DETECTION_SOURCE.values())
            self.assertEqual(a["aadTenantId"], self.sim.tenant_guid)
            self.assertRegex(a["machineId"], r"^[0-9a-f]{40}$")
            self.assertTrue(a["computerDnsName"].endswith(".contoso.com"))
            self.assertIsInstance(a["mitreTechniques"], list)
            self.assertEqual(set(a["relatedUser"]), {"userName", "domainName"})
            for c in a["comments"]:
                self.assertEqual(list(c), ["comment", "createdBy", "createdTime"])
            for key in ("alertCreationTime", "firstEventTime", "lastEventTime", "lastUpdateTime"):
                parse_ticks(a[key])
            self.assertEqual(a["resolvedTime"] is None, a["status"] != "Resolved")
        self.assertEqual({a["status"] for a in self.all}, set(STATUS.values()))

    def test_same_versions_as_graph(self):
        for a in self.all:
            g = self.graph[a["id"]]
            self.assertEqual(parse_ticks(a["lastUpdateTime"]), parse_ticks(g["lastUpdateDateTime"]))
            self.assertEqual(a["lastUpdateTime"], g["lastUpdateDateTime"])
            self.assertEqual(a["alertCreationTime"], g["createdDateTime"])
            self.assertEqual(a["firstEventTime"], g["firstActivityDateTime"])
            self.assertEqual(a["incidentId"], int(g["incidentId"]))
            self.assertEqual(a["severity"], SEVERITY[g["severity"]])
            self.assertEqual(a["status"], STATUS[g["status"]])
            self.assertEqual(a["classification"], CLASSIFICATION[g["classification"]])
            self.assertEqual(a["detectionSource"], DETECTION_SOURCE[g["detectionSource"]])
            self.assertEqual((a["title"], a["description"], a["category"], a["assignedTo"], a["detectorId"]),
                             (g["title"], g["description"], g["category"], g["assignedTo"], g["detectorId"]))
            self.assertEqual(a["mitreTechniques"], g["mitreTechniques"])
            self.assertEqual([c["comment"] for c in a["comments"]], [c["comment"] for c in g["comments"]])

    def test_evidence_only_with_expand(self):
        self.assertNotIn("evidence", self.all[0])
        expanded = self.walk({"$expand": "evidence"})[0]
        self.assertEqual([a["id"] for a in expanded], [a["id"] for a in self.all])
        types = set()
        for a in expanded:
            self.assertEqual(list(a), ALERT_KEYS + ["evidence"])
            self.assertTrue(a["evidence"], a["id"])
            for ev in a["evidence"]:
                self.assertEqual(list(ev), EVIDENCE_KEYS)
                filled = {k for k, v in ev.items() if v is not None} - {"entityType", "evidenceCreationTime"}
                required = EVIDENCE_FILLED[ev["entityType"]]
                self.assertTrue(required - {"detectionStatus"} <= filled, ev)
                self.assertTrue(filled <= required | OPTIONAL_FILLED, ev)
                types.add(ev["entityType"])
            self.assertEqual({k: v for k, v in a.items() if k != "evidence"}, self.by_id[a["id"]])
        self.assertEqual(types, set(EVIDENCE_FILLED))

    def test_order_is_fixed_but_not_time_order(self):
        ticks = [parse_ticks(a["lastUpdateTime"]) for a in self.all]
        self.assertNotEqual(ticks, sorted(ticks))
        self.assertNotEqual(ticks, sorted(ticks, reverse=True))
        self.assertEqual(self.ids({}), [a["id"] for a in self.all])
        for orderby in ("lastUpdateTime asc", "lastUpdateTime desc", "alertCreationTime"):
            self.assertEqual(self.ids({"$orderby": orderby}), [a["id"] for a in self.all], orderby)

    def test_server_paging_without_top_links_by_skip(self):
        self.assertEqual(self.pages, (len(self.all) + PAGE - 1) // PAGE)
        page = self.sim.mde_alerts({"$filter": "status eq 'New'"}).json()
        self.assertEqual(list(page), ["@odata.context", "value", "@odata.nextLink"])
        self.assertEqual(page["@odata.context"], CONTEXT)
        link = urllib.parse.urlsplit(page["@odata.nextLink"])
        self.assertEqual(link.path, ALERTS_API)
        self.assertEqual(urllib.parse.parse_qs(link.query), {"$filter": ["status eq 'New'"], "$skip": [str(PAGE)]})

    def test_no_next_link_with_top(self):
        for top in ("10", "250", "10000"):
            page = self.sim.mde_alerts({"$top": top}).json()
            self.assertEqual(list(page), ["@odata.context", "value"], top)
            self.assertEqual([a["id"] for a in page["value"]], [a["id"] for a in self.all[:int(top)]])
        r = self.sim.mde_alerts({"$top": "10001"})
        self.assertEqual(r.status, 400)
        err = r.json()["error"]
        self.assertEqual(list(err), ["code", "message", "target"])
        self.assertEqual(err["code"], "ODataError")
        self.assertIn("'10000'", err["message"])
        self.assertRegex(err["target"], GUID)

    def test_skip(self):
        got = self.sim.mde_alerts({"$top": "10", "$skip": "20"}).json()["value"]
        self.assertEqual([a["id"] for a in got], [a["id"] for a in self.all[20:30]])
        self.assertEqual(self.ids({"$skip": "250"}), [a["id"] for a in self.all[250:]])

    def test_time_filters(self):
        ordered = sorted(parse_ticks(a["lastUpdateTime"]) for a in self.all)
        t = ordered[len(ordered) // 2]
        for op, keep in (("ge", lambda x: x >= t), ("gt", lambda x: x > t), ("lt", lambda x: x < t),
                         ("le", lambda x: x <= t), ("eq", lambda x: x == t)):
            got = self.ids({"$filter": "lastUpdateTime %s %s" % (op, format_ticks(t))})
            self.assertEqual(got, [a["id"] for a in self.all if keep(parse_ticks(a["lastUpdateTime"]))], op)
        created = sorted(parse_ticks(a["alertCreationTime"]) for a in self.all)
        lo, hi = created[100], created[300]
        flt = "alertCreationTime ge %s and alertCreationTime lt %s" % (format_ticks(lo), format_ticks(hi))
        self.assertEqual(self.ids({"$filter": flt}),
                         [a["id"] for a in self.all if lo <= parse_ticks(a["alertCreationTime"]) < hi])

    def test_property_filters(self):
        analyst = next(a["assignedTo"] for a in self.all if a["assignedTo"])
        for flt, keep in [
            ("status eq 'New'", lambda a: a["status"] == "New"),
            ("status eq 'inprogress'", lambda a: a["status"] == "InProgress"),
            ("severity eq 'High' and status eq 'Resolved'", lambda a: a["severity"] == "High" and
             a["status"] == "Resolved"),
            ("category eq 'Execution'", lambda a: a["category"] == "Execution"),
            ("detectionSource eq 'WindowsDefenderAv'", lambda a: a["detectionSource"] == "WindowsDefenderAv"),
            ("detectionSource eq 'SomethingNew'", lambda a: False),
            ("assignedTo eq '%s'" % analyst, lambda a: a["assignedTo"] == analyst),
        ]:
            expected = [a["id"] for a in self.all if keep(a)]
            self.assertEqual(self.ids({"$filter": flt}), expected, flt)
        self.assertTrue(self.ids({"$filter": "status eq 'New'"}))

    def test_bad_queries(self):
        for query in [{"$filter": "status eq 'Bogus'"}, {"$filter": "title eq 'x'"},
                      {"$filter": "lastUpdateDateTime ge 2024-01-01T00:00:00Z"}, {"$filter": "severity gt 'Low'"},
                      {"$select": "id"}, {"$expand": "comments"}, {"$top": "-1"}, {"$skip": "x"}]:
            r = self.sim.mde_alerts(query)
            self.assertEqual(r.status, 400, query)
            err = r.json()["error"]
            self.assertEqual(err["code"], "ODataError", query)
            self.assertRegex(err["target"], GUID)

    def test_versioned_path_and_gzip(self):
        plain = self.sim.mde_alerts({"$top": "50"})
        self.assertEqual(self.sim.mde_alerts({"$top": "50"}, path="/api/v1.0/alerts").json(), plain.json())
        packed = self.sim.mde_alerts({"$top": "50"}, headers={"Accept-Encoding": "gzip"})
        self.assertEqual(packed.headers.get("Content-Encoding"), "gzip")
        self.assertEqual(json.loads(gzip.decompress(packed.body)), plain.json())
        self.assertEqual(plain.headers.get("Content-Type"),
                         "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8")

    def test_audience_picks_the_api(self):
        for scope in ("https://api.security.microsoft.com/.default",
                      "https://securitycenter.onmicrosoft.com/windowsatpservice/.default"):
            token = self.sim.access_token(scope=scope)
            self.assertEqual(self.sim.mde_alerts({"$top": "3"}, token=token).json()["@odata.context"], CONTEXT)
        v1 = self.sim.request_token(1, resource="https://api.securitycenter.microsoft.com").json()["access_token"]
        self.assertEqual(self.sim.mde_alerts({"$top": "3"}, token=v1).status, 200)
        for siem in (self.sim.siem_token(),
                     self.sim.access_token(scope="https://WDATPAlertExport.Seville.onmicrosoft.com/.default")):
            self.assertIsInstance(self.sim.mde_alerts("", token=siem).json(), list)  # the SIEM API's bare array
        for token in (self.sim.access_token(), "", "not-a-jwt"):  # a Graph token, none, garbage
            r = self.sim.mde_alerts("", token=token)
            self.assertEqual(r.status, 401, token)
            err = r.json()["error"]
            self.assertEqual(err["code"], "Unauthorized")
            self.assertTrue(err["message"].startswith("Invalid or expired authorization header"))
            self.assertRegex(err["target"], GUID)

    def test_other_paths_and_methods(self):
        r = self.sim.get("/api/machines", token=self.sim.alerts_token())
        self.assertEqual(r.status, 404)
        self.assertEqual(r.json()["error"]["code"], "ResourceNotFound")
        r = self.sim.request("POST", ALERTS_API, body=b"{}",
                             headers={"Authorization": "Bearer " + self.sim.alerts_token()})
        self.assertEqual((r.status, r.headers.get("Allow")), (405, "GET"))
        self.assertEqual(r.json()["error"]["code"], "MethodNotAllowed")

    def test_stats_per_api(self):
        before = self.sim.stats()["apiRequests"]["byApi"]
        self.sim.mde_alerts({"$top": "7"})
        self.sim.mde_alerts({"$top": "x"})
        self.sim.alerts({"$top": "2"})
        after = self.sim.stats()["apiRequests"]["byApi"]
        alerts = after["alerts"]
        self.assertEqual(alerts["total"] - before["alerts"]["total"], 2)
        self.assertEqual(alerts["alertsServed"] - before["alerts"]["alertsServed"], 7)
        self.assertEqual(alerts["byStatus"]["400"] - before["alerts"]["byStatus"].get("400", 0), 1)
        self.assertEqual(after["graph"]["total"] - before["graph"]["total"], 1)


if __name__ == "__main__":
    unittest.main()

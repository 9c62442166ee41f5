"""defender-sim: the generated alerts are deterministic per seed and shaped like Graph's alerts_v2
(docs/microsoft-apis.md, "Graph alerts_v2" and "Documented examples")."""

import collections
import json
import os
import re
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "integration"))
from lib.simulator import Simulator, parse_ticks, strip_times  # noqa: E402

ALERT_PROPERTIES = {
    "@odata.type", "id", "providerAlertId", "incidentId", "status", "severity", "classification", "determination",
    "serviceSource", "detectionSource", "productName", "detectorId", "tenantId", "title", "description",
    "recommendedActions", "category", "assignedTo", "alertWebUrl", "incidentWebUrl", "actorDisplayName",
    "threatDisplayName", "threatFamilyName", "mitreTechniques", "createdDateTime", "lastUpdateDateTime",
    "resolvedDateTime", "firstActivityDateTime", "lastActivityDateTime", "comments", "evidence", "systemTags"}
EVIDENCE_BASE = {"@odata.type", "createdDateTime", "verdict", "remediationStatus", "remediationStatusDetails", "roles",
                 "detailedRoles", "tags"}


class DataTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with Simulator(alerts=600, seed=42) as sim:
            cls.alerts, _ = sim.all_alerts({"$orderby": "lastUpdateDateTime asc"})
            cls.start = time.time()
            cls.raw_first = sim.alerts({"$top": "1"}).body
        cls.by_id = {a["id"]: a for a in cls.alerts}

    def test_same_seed_same_alerts(self):
        with Simulator(alerts=600, seed=42) as again:
            other, _ = again.all_alerts("")
        self.assertEqual(sorted(self.by_id), sorted(a["id"] for a in other))
        for a in other:
            self.assertEqual(strip_times(a), strip_times(self.by_id[a["id"]]))

    def test_other_seed_other_alerts(self):
        with Simulator(alerts=50, seed=43) as other_sim:
            other, _ = other_sim.all_alerts("")
        self.assertFalse(set(self.by_id) & {a["id"] for a in other})

    def test_every_property_present(self):
        for a in self.alerts:
            self.assertEqual(set(a), ALERT_PROPERTIES, a["id"])
            self.assertEqual(a["@odata.type"], "#microsoft.graph.security.alert")
            self.assertIsInstance(a["incidentId"], str)
            self.assertRegex(a["incidentId"], r"^\d+$")
            self.assertEqual(a["providerAlertId"], a["id"])
            self.assertTrue(a["alertWebUrl"].endswith("/alerts/%s?tid=%s" % (a["id"], a["tenantId"])))
            self.assertTrue(a["incidentWebUrl"].endswith("/incidents/%s?tid=%s" % (a["incidentId"], a["tenantId"])))
            for ev in a["evidence"]:
                self.assertTrue(EVIDENCE_BASE <= set(ev), ev)
                self.assertTrue(ev["@odata.type"].startswith("#microsoft.graph.security."))
            if a["status"] == "resolved":
                self.assertEqual(a["resolvedDateTime"], a["lastUpdateDateTime"])
                self.assertIn(a["classification"], ("truePositive", "falsePositive", "informationalExpectedActivity"))
            else:
                self.assertIsNone(a["resolvedDateTime"])

    def test_mix_of_products_and_values(self):
        sources = collections.Counter(a["serviceSource"] for a in self.alerts)
        self.assertEqual(set(sources), {
            "microsoftDefenderForEndpoint", "microsoftDefenderForOffice365", "microsoftDefenderForIdentity",
            "microsoftDefenderForCloudApps", "azureAdIdentityProtection", "dataLossPrevention",
            "microsoft365Defender"})
        self.assertGreater(sources["microsoftDefenderForEndpoint"], len(self.alerts) // 2)
        self.assertEqual({a["severity"] for a in self.alerts}, {"informational", "low", "medium", "high"})
        self.assertEqual({a["status"] for a in self.alerts}, {"new", "inProgress", "resolved"})
        self.assertTrue(any(a["comments"] for a in self.alerts))
        self.assertTrue(any(a["systemTags"] for a in self.alerts))
        self.assertTrue(any(a["classification"] is None for a in self.alerts))
        types = {ev["@odata.type"].rsplit(".", 1)[1] for a in self.alerts for ev in a["evidence"]}
        self.assertTrue({"deviceEvidence", "processEvidence", "fileEvidence", "userEvidence", "ipEvidence",
                         "urlEvidence", "mailboxEvidence", "registryKeyEvidence", "registryValueEvidence"} <= types,
                        types)
        for a in self.alerts:
            if a["serviceSource"] == "microsoftDefenderForEndpoint":
                self.assertRegex(a["id"], r"^da\d{18}_-?\d+$")
                self.assertIn(a["detectionSource"], ("microsoftDefenderForEndpoint", "antivirus", "customTi"))

    def test_process_evidence_shape(self):
        procs = [ev for a in self.alerts for ev in a["evidence"]
                 if ev["@odata.type"] == "#microsoft.graph.security.processEvidence"]
        self.assertTrue(procs)
        for ev in procs:
            self.assertEqual(set(ev["imageFile"]), {"sha1", "sha256", "fileName", "filePath", "fileSize",
                                                    "filePublisher", "signer", "issuer"})
            self.assertEqual(set(ev["userAccount"]), {"accountName", "domainName", "userSid", "azureAdUserId",
                                                      "userPrincipalName", "displayName"})
            self.assertRegex(ev["imageFile"]["sha256"], r"^[0-9a-f]{64}$")
        self.assertTrue(any("\\" in ev["processCommandLine"] and '"' in ev["processCommandLine"] and
                            "|" in ev["processCommandLine"] for ev in procs))

    def test_timestamps_vary_in_precision(self):
        digits = collections.Counter()
        start_ticks = int(self.start * 10_000_000)
        for a in self.alerts:
            for key in ("createdDateTime", "lastUpdateDateTime", "firstActivityDateTime", "lastActivityDateTime"):
                m = re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.(\d{1,7}))?Z$", a[key])
                self.assertIsNotNone(m, a[key])
                fraction = m.group(1) or ""
                self.assertFalse(fraction.endswith("0"), a[key])  # trailing zeros are trimmed, as .NET does
                digits[len(fraction)] += 1
            updated = parse_ticks(a["lastUpdateDateTime"])
            self.assertLessEqual(parse_ticks(a["createdDateTime"]), updated)
            self.assertLessEqual(parse_ticks(a["firstActivityDateTime"]), parse_ticks(a["lastActivityDateTime"]))
            self.assertLess(updated, start_ticks)
            self.assertGreaterEqual(updated, start_ticks - 86400 * 10_000_000 - 60 * 10_000_000)
        self.assertEqual(set(digits), set(range(8)), digits)

    def test_realistic_text(self):
        text = self.raw_first.decode("utf-8")
        self.assertNotIn("\\u00", text)  # raw UTF-8, not escaped
        blob = json.dumps(self.alerts, ensure_ascii=False)
        for fragment in ("Åsa Öberg", "田中 太郎", "C:\\\\Users\\\\", "Faktura_2024-åäö.docm"):
            self.assertIn(fragment, blob)

    def test_sizes(self):
        sizes = [len(json.dumps(a, ensure_ascii=False, separators=(",", ":")).encode()) for a in self.alerts]
        average = sum(sizes) / len(sizes)
        self.assertGreater(average, 2048)
        self.assertLess(average, 4608)  # "roughly 2-4 KiB": endpoint alerts with full evidence run larger


if __name__ == "__main__":
    unittest.main()

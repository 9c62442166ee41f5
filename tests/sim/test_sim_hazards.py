"""defender-sim: the delivery hazards of docs/delivery-hazards.md — ties, alerts updated while a client pages (with
proof that naive offset paging then misses a final version the ledger has), ingestion delay, a steady feed, hostile
strings — and the ledger that records every version made visible, superseded or final."""

import collections
import json
import os
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "integration"))
from lib.simulator import Simulator, format_ticks, parse_ticks  # noqa: E402

SECOND = 10_000_000
EVERYTHING = {"sinceTimeUtc": "2000-01-01T00:00:00"}


def finals(sim):
    return {(e["id"], e["ticks"]) for e in sim.ledger(final=True)}


def versions(items, time_key):
    return [(a["id"], parse_ticks(a[time_key])) for a in items]


class TiesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = Simulator(alerts=300, seed=8, history=3600, tie_size=100, budgets="off").start()

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()
        cls.sim.cleanup()

    def test_initial_alerts_in_ties(self):
        groups = collections.Counter(e["ticks"] for e in self.sim.ledger())
        self.assertEqual(sorted(groups.values()), [100, 100, 100])
        for t in groups:
            literal = format_ticks(t)
            ids, pages = self.sim.all_alerts({"$filter": "lastUpdateDateTime eq %s" % literal, "$top": "30"})
            self.assertEqual((len({a["id"] for a in ids}), pages), (100, 4))  # a tie bigger than a page
            mde = self.sim.mde_alerts({"$filter": "lastUpdateTime eq %s" % literal}).json()["value"]
            self.assertEqual({parse_ticks(a["lastUpdateTime"]) for a in mde}, {t})
            self.assertTrue(10 < len(mde) < 100)
        siem = self.sim.siem_alerts(EVERYTHING).json()
        self.assertEqual({parse_ticks(r["LastProcessedTimeUtc"]) for r in siem}, set(groups))

    def test_new_alerts_and_updates_in_ties(self):
        added = self.sim.add_alerts(10, tie=5)
        self.assertEqual(sorted(collections.Counter(a["ticks"] for a in added).values()), [5, 5])
        self.assertLess(added[0]["ticks"], added[5]["ticks"])
        self.assertEqual(self.sim.set_hazards(tie_size=4)["tie-size"], 4)
        try:
            added = self.sim.add_alerts(8)
            self.assertEqual(sorted(collections.Counter(a["ticks"] for a in added).values()), [4, 4])
            updated = self.sim.mutate(count=6, tie=3)
            self.assertEqual(sorted(collections.Counter(a["ticks"] for a in updated).values()), [3, 3])
        finally:
            self.sim.set_hazards(tie_size=1)


class MutationTest(unittest.TestCase):
    def setUp(self):
        self.sim = Simulator(alerts=60, seed=9, budgets="off").start()
        self.addCleanup(self.sim.cleanup)
        self.addCleanup(self.sim.stop)

    def test_an_update_replaces_the_version_everywhere(self):
        graph = {a["id"]: a for a in self.sim.all_alerts("")[0]}
        ledger = self.sim.ledger()
        alert = next(a for a in graph.values() if a["status"] == "new" and
                     a["serviceSource"] == "microsoftDefenderForEndpoint")
        old = next(e for e in ledger if e["id"] == alert["id"])
        first = self.sim.mutate(ids=[alert["id"]])[0]
        second = self.sim.mutate(ids=[alert["id"]])[0]
        self.assertLess(old["ticks"], first["ticks"])
        self.assertLess(first["ticks"], second["ticks"])
        after = self.sim.ledger()
        entries = [e for e in after if e["id"] == alert["id"]]
        self.assertEqual([e["ticks"] for e in entries], [old["ticks"], first["ticks"], second["ticks"]])
        self.assertEqual([e["supersededAt"] for e in entries], [entries[1]["visibleAt"], entries[2]["visibleAt"], None])
        self.assertEqual([e["apis"] for e in entries], [["graph", "alerts", "siem"], ["graph", "alerts"],
                                                        ["graph", "alerts"]])
        final = self.sim.ledger(final=True)
        self.assertEqual(len(final), 60)
        self.assertEqual(len({e["id"] for e in final}), 60)
        self.assertIn(entries[2], final)

        now = {a["id"]: a for a in self.sim.all_alerts("")[0]}[alert["id"]]
        self.assertEqual(parse_ticks(now["lastUpdateDateTime"]), second["ticks"])
        self.assertEqual((now["status"], now["resolvedDateTime"]), ("resolved", now["lastUpdateDateTime"]))
        self.assertIn(now["classification"], ("truePositive", "falsePositive", "informationalExpectedActivity"))
        self.assertIsNotNone(now["assignedTo"])
        self.assertEqual((now["createdDateTime"], now["title"]), (alert["createdDateTime"], alert["title"]))
        mde = self.sim.mde_alerts({"$filter": "lastUpdateTime eq %s" % now["lastUpdateDateTime"]}).json()["value"]
        self.assertEqual([(a["id"], a["status"]) for a in mde], [(alert["id"], "Resolved")])

    def walk_by_skip(self, fetch, page_size, between):
        """A naive client: $skip += page size until a short page; `between` runs after the first page."""
        items, skip = [], 0
        while True:
            page = fetch(skip)
            items += page
            if skip == 0:
                between()
            if len(page) < page_size:
                return items
            skip += page_size

    def test_skip_paging_ascending_misses_when_a_served_alert_changes(self):
        query = {"$orderby": "lastUpdateDateTime asc", "$top": "10"}
        before = [a["id"] for a in self.sim.alerts(dict(query, **{"$top": "60"})).json()["value"]]
        mutated = []
        got = self.walk_by_skip(lambda skip: self.sim.alerts(dict(query, **{"$skip": str(skip)})).json()["value"], 10,
                                lambda: mutated.extend(self.sim.mutate(target="served", api="graph")))
        self.assertEqual([m["id"] for m in mutated], [before[0]])
        missing = finals(self.sim) - set(versions(got, "lastUpdateDateTime"))
        self.assertEqual({i for i, _ in missing}, {before[10]})  # it moved up across the page boundary

    def test_skip_paging_descending_misses_when_an_unserved_alert_changes(self):
        before = [a["id"] for a in self.sim.alerts({"$top": "60"}).json()["value"]]  # most recent first
        mutated = []
        got = self.walk_by_skip(lambda skip: self.sim.alerts({"$top": "10", "$skip": str(skip)}).json()["value"], 10,
                                lambda: mutated.extend(self.sim.mutate(target="unserved", api="graph")))
        self.assertEqual([m["id"] for m in mutated], [before[10]])
        missing = finals(self.sim) - set(versions(got, "lastUpdateDateTime"))
        self.assertEqual(missing, {(before[10], mutated[0]["ticks"])})  # its new version went to the top
        twice = [i for i, n in collections.Counter(a["id"] for a in got).items() if n > 1]
        self.assertEqual(twice, [before[9]])

    def test_skip_paging_on_the_alerts_api_misses_when_a_served_alert_changes(self):
        got = self.walk_by_skip(
            lambda skip: self.sim.mde_alerts({"$top": "10", "$skip": str(skip)}).json()["value"], 10,
            lambda: self.sim.mutate(target="served", api="alerts"))
        endpoint = {(e["id"], e["ticks"]) for e in self.sim.ledger(final=True) if "alerts" in e["apis"]}
        missing = endpoint - set(versions(got, "lastUpdateTime"))
        # In an unsorted result the new version lands somewhere: before the boundary it is never served, after it
        # the alert that crosses the boundary is not. Either way exactly one final version is lost.
        self.assertEqual(len(missing), 1, missing)

    def test_mutation_rate_on_the_alerts_after_the_last_page(self):
        following = [a["id"] for a in self.sim.alerts({"$top": "60"}).json()["value"]][5:]
        self.sim.alerts({"$top": "5"})
        start = len(self.sim.ledger())
        self.sim.set_hazards(mutation_rate=20, mutation_target="unserved")
        time.sleep(1)
        self.sim.set_hazards(mutation_rate=0)
        updated = [e["id"] for e in self.sim.ledger(start)]
        self.assertTrue(12 <= len(updated) <= 28, len(updated))
        self.assertEqual(updated, following[:len(updated)])  # in order, each once


class DriverTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ledger_file = os.path.join(tempfile.mkdtemp(prefix="sim-ledger-"), "ledger.jsonl")
        cls.sim = Simulator(alerts=50, seed=10, budgets="off", ledger_file=cls.ledger_file).start()

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()
        cls.sim.cleanup()

    def test_random_mutations_at_a_rate(self):
        start = len(self.sim.ledger())
        began = time.time()
        self.sim.set_hazards(mutation_rate=25)
        time.sleep(1.2)
        self.sim.set_hazards(mutation_rate=0)
        elapsed = time.time() - began
        added = self.sim.ledger(start)
        self.assertTrue(0.6 * 25 * elapsed <= len(added) <= 1.3 * 25 * elapsed + 2, (len(added), elapsed))
        self.assertTrue(all(e["apis"][0] == "graph" and "siem" not in e["apis"] for e in added))
        final = self.sim.ledger(final=True)
        self.assertEqual(len(final), self.sim.stats()["alerts"])
        superseded = [e for e in self.sim.ledger() if e["supersededAt"] is not None]
        self.assertEqual(len(superseded) + len(final), len(self.sim.ledger()))

    def test_feed_rate_in_ties(self):
        start = len(self.sim.ledger())
        self.sim.set_hazards(feed_rate=20, tie_size=5)
        began = time.time()
        time.sleep(1.5)
        self.sim.set_hazards(feed_rate=0, tie_size=1)
        elapsed = time.time() - began
        added = self.sim.ledger(start)
        self.assertTrue(0.6 * 20 * elapsed <= len(added) <= 1.3 * 20 * elapsed + 5, (len(added), elapsed))
        self.assertEqual(set(collections.Counter(e["ticks"] for e in added).values()), {5})
        self.assertTrue(all(e["supersededAt"] is None for e in added))

    def test_ingestion_delay(self):
        self.sim.set_hazards(ingestion_delay=1.5)
        try:
            added = self.sim.add_alerts(6)
            since = format_ticks(min(a["ticks"] for a in added))
            self.assertEqual([a["visibleAt"] - a["ticks"] for a in added], [15 * SECOND // 10] * 6)
            ids = {a["id"] for a in added}
            self.assertFalse(ids & {e["id"] for e in self.sim.ledger()})
            self.assertEqual(self.sim.alerts({"$filter": "lastUpdateDateTime ge %s" % since}).json()["value"], [])
            self.assertEqual(self.sim.siem_alerts({"sinceTimeUtc": since}).json(), [])
            time.sleep(max(a["visibleAt"] for a in added) / SECOND - time.time() + 0.1)
            got = self.sim.alerts({"$filter": "lastUpdateDateTime ge %s" % since}).json()["value"]
            self.assertEqual({a["id"] for a in got}, ids)
            entries = [e for e in self.sim.ledger() if e["id"] in ids]
            self.assertEqual([(e["id"], e["ticks"], e["visibleAt"]) for e in entries],
                             [(a["id"], a["ticks"], a["visibleAt"]) for a in added])
            endpoint = {e["id"] for e in entries if "siem" in e["apis"]}
            self.assertEqual({r["AlertId"] for r in self.sim.siem_alerts({"sinceTimeUtc": since}).json()}, endpoint)

            self.sim.set_hazards(ingestion_delay=2, ingestion_delay_mode="random")
            added = self.sim.add_alerts(40)
            delays = [a["visibleAt"] - a["ticks"] for a in added]
            self.assertTrue(all(0 <= d <= 2 * SECOND for d in delays))
            self.assertGreater(len(set(delays)), 30)
            time.sleep(max(a["visibleAt"] for a in added) / SECOND - time.time() + 0.1)
            visible = {e["id"]: e["visibleAt"] for e in self.sim.ledger()}
            self.assertEqual({a["id"]: a["visibleAt"] for a in added}, {a["id"]: visible[a["id"]] for a in added})
        finally:
            self.sim.set_hazards(ingestion_delay=0, ingestion_delay_mode="fixed")

    def test_hazard_control(self):
        self.assertEqual(self.sim.hazards(), {"tie-size": 1, "feed-rate": 0, "mutation-rate": 0,
                                              "mutation-target": "random", "ingestion-delay": 0,
                                              "ingestion-delay-mode": "fixed", "hostile-rate": 0,
                                              "clock-offset": 0, "incident-update-rate": 0,
                                              "incident-merge-rate": 0})
        for body in ({"tie-size": 0}, {"feed-rate": -1}, {"hostile-rate": 2}, {"mutation-target": "x"},
                     {"ingestion-delay-mode": "x"}, {"nonsense": 1}, [1]):
            self.assertEqual(self.sim.request("POST", "/_sim/hazards", body=json.dumps(body)).status, 400, body)
        self.assertEqual(self.sim.hazards()["tie-size"], 1)

    def test_ledger_file_has_the_ledger_and_the_supersessions(self):
        self.sim.mutate(count=3)
        ledger = self.sim.ledger()
        entries, superseded = [], {}
        with open(self.ledger_file) as f:
            for line in f:
                item = json.loads(line)
                if set(item) == {"seq", "supersededAt"}:
                    superseded[item["seq"]] = item["supersededAt"]
                else:
                    entries.append(item)
        for e in entries:
            e["supersededAt"] = superseded.get(e["seq"], e["supersededAt"])
        self.assertEqual(entries, ledger)
        self.assertGreaterEqual(len(superseded), 3)


class HostileTest(unittest.TestCase):
    def test_hostile_strings_are_valid_json_on_every_api(self):
        with Simulator(alerts=300, seed=12, hostile_rate=0.5, budgets="off") as sim:
            raw = sim.alerts({"$top": "300"}).body
            alerts = json.loads(raw)["value"]
            hostile = [a for a in alerts if "|pipe|" in a["title"]]
            self.assertTrue(100 < len(hostile) < 200, len(hostile))
            for fragment in (b"\\u0000", b"\\r\\n", b"\\t", b"CEF:0|Evil|Forged", "🔥".encode(), "漢字".encode()):
                self.assertIn(fragment, raw)
            sizes = {len(a["description"].encode()) for a in hostile}
            self.assertIn(64 * 1024, sizes)
            self.assertTrue(any("\x00" in c["comment"] for a in hostile for c in a["comments"]))
            commands = [r["CommandLine"] for r in sim.siem_alerts(EVERYTHING).json()]
            self.assertTrue(any("\n<13>Jan 1 00:00:00 host CEF:0|Evil|" in c for c in commands))
            mde = sim.mde_alerts({"$expand": "evidence"}).body
            self.assertIn(b"CEF:0|Evil|Forged", mde)
            json.loads(mde)
            added = sim.add_alerts(40)
            self.assertTrue(0 < sum("|pipe|" in a["title"] for a in sim.alerts({"$top": "40"}).json()["value"]) < 40,
                            added)
        with Simulator(alerts=300, seed=12, budgets="off") as sim:
            self.assertNotIn(b"CEF:0|Evil", sim.alerts({"$top": "300"}).body)


if __name__ == "__main__":
    unittest.main()

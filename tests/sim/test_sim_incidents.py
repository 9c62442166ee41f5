"""defender-sim: Graph's security incidents (GET /v1.0/security/incidents) — the generated alerts grouped into
incidents consistent with alerts_v2's incidentId, the app role the API needs, its OData options with $top up to 50,
paging, $expand=alerts and the fault that breaks it, updates and merges that move lastUpdateDateTime, and the
incident ledger."""

import gzip
import json
import os
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "integration"))
from lib.simulator import (ALERTS_V2, INCIDENT_ROLES, INCIDENTS, Simulator, all_incidents, format_ticks,  # noqa: E402
                           incident_ledger, incidents, merge_incidents, parse_ticks, strip_times, update_incidents)

INCIDENT_PROPERTIES = {
    "@odata.type", "id", "tenantId", "status", "severity", "classification", "determination", "assignedTo",
    "displayName", "description", "summary", "incidentWebUrl", "redirectIncidentId", "createdDateTime",
    "lastUpdateDateTime", "lastModifiedBy", "resolvingComment", "priorityScore", "customTags", "systemTags",
    "comments"}
SEVERITY_RANK = {"unknown": 0, "informational": 1, "low": 2, "medium": 3, "high": 4}
SECOND = 10_000_000


def by_id(items):
    return {i["id"]: i for i in items}


def simulator(**kwargs):
    """A simulator, not yet started, whose token has the incidents' role and that counts no budget."""
    kwargs.setdefault("budgets", "off")
    kwargs.setdefault("extra_args", INCIDENT_ROLES)
    return Simulator(**kwargs)


class ListTest(unittest.TestCase):
    """A simulator nothing changes: 60 alerts in 40 incidents."""

    @classmethod
    def setUpClass(cls):
        cls.sim = cls.enterClassContext(simulator(alerts=60, seed=7))
        cls.alerts, _ = cls.sim.all_alerts({"$top": "1000"})
        cls.incidents, cls.pages = all_incidents(cls.sim, {"$orderby": "lastUpdateDateTime asc", "$top": "7"})
        cls.expanded, _ = all_incidents(cls.sim, {"$expand": "alerts", "$top": "50"})

    def alerts_of(self, incident_id):
        return [a for a in self.alerts if a["incidentId"] == incident_id]

    def test_every_property_is_present(self):
        self.assertEqual(len(self.incidents), 40)
        for i in self.incidents:
            self.assertEqual(set(i), INCIDENT_PROPERTIES, i["id"])
            self.assertEqual(i["@odata.type"], "#microsoft.graph.security.incident")
            self.assertEqual(i["tenantId"], self.sim.tenant_guid)
            self.assertEqual(i["incidentWebUrl"], "https://security.microsoft.com/incidents/%s?tid=%s"
                             % (i["id"], self.sim.tenant_guid))
            self.assertIsNone(i["redirectIncidentId"])
            self.assertIn(i["status"], ("active", "inProgress", "resolved"))
            self.assertTrue(i["priorityScore"] is None or 0 <= i["priorityScore"] <= 100, i["priorityScore"])

    def test_the_incidents_are_the_alerts_incident_ids(self):
        self.assertEqual(sorted(i["id"] for i in self.incidents), sorted({a["incidentId"] for a in self.alerts}))

    def test_an_incidents_severity_is_the_highest_of_its_alerts(self):
        for i in self.incidents:
            highest = max((a["severity"] for a in self.alerts_of(i["id"])), key=SEVERITY_RANK.get)
            self.assertEqual(i["severity"], highest, i["id"])

    def test_an_incident_is_created_with_its_first_alert_and_updated_with_its_last(self):
        for i in self.incidents:
            alerts = self.alerts_of(i["id"])
            self.assertEqual(parse_ticks(i["createdDateTime"]), min(parse_ticks(a["createdDateTime"]) for a in alerts))
            self.assertEqual(parse_ticks(i["lastUpdateDateTime"]),
                             max(parse_ticks(a["lastUpdateDateTime"]) for a in alerts))

    def test_the_initial_status_follows_the_work_on_the_alerts(self):
        for i in self.incidents:
            statuses = {a["status"] for a in self.alerts_of(i["id"])}
            expected = ("resolved" if statuses == {"resolved"} else "active" if statuses == {"new"} else "inProgress")
            self.assertEqual(i["status"], expected, (i["id"], statuses))
        self.assertEqual({i["status"] for i in self.incidents}, {"active", "inProgress", "resolved"})

    def test_expand_alerts_carries_the_alerts_as_alerts_v2_serves_them(self):
        self.assertEqual(len(self.expanded), 40)
        for i in self.expanded:
            self.assertEqual(sorted(i["alerts"], key=lambda a: a["id"]),
                             sorted(self.alerts_of(i["id"]), key=lambda a: a["id"]), i["id"])
            self.assertEqual(set(i) - {"alerts"}, INCIDENT_PROPERTIES)
        self.assertEqual(sum(len(i["alerts"]) for i in self.expanded), 60)

    def test_expand_alerts_names_them_in_the_context(self):
        page = incidents(self.sim, {"$expand": "alerts", "$top": "1"}).json()
        self.assertEqual(page["@odata.context"],
                         "https://graph.microsoft.com/v1.0/$metadata#security/incidents(alerts())")
        self.assertEqual(incidents(self.sim, {"$top": "1"}).json()["@odata.context"],
                         "https://graph.microsoft.com/v1.0/$metadata#security/incidents")

    def test_paging_ascending_returns_each_incident_once_in_order(self):
        self.assertEqual(self.pages, 6)  # 40 incidents, 7 a page
        keys = [(parse_ticks(i["lastUpdateDateTime"]), i["id"]) for i in self.incidents]
        self.assertEqual(keys, sorted(keys))
        self.assertEqual(len(set(i["id"] for i in self.incidents)), 40)

    def test_the_default_order_is_newest_first(self):
        page = incidents(self.sim, {"$top": "40"}).json()["value"]
        self.assertEqual([i["id"] for i in page], [i["id"] for i in reversed(self.incidents)])

    def test_top_50_is_served(self):
        with Simulator(alerts=120, seed=7, budgets="off", extra_args=INCIDENT_ROLES) as sim:
            r = incidents(sim, {"$top": "50"})
            self.assertEqual(r.status, 200)
            page = r.json()
            self.assertEqual(len(page["value"]), 50)
            self.assertIn("$skiptoken=", page["@odata.nextLink"])
            self.assertEqual(len(incidents(sim).json()["value"]), 50)  # without $top, the most there can be

    def test_top_51_is_refused_with_graphs_message(self):
        r = incidents(self.sim, {"$top": "51"})
        self.assertEqual(r.status, 400)
        self.assertEqual(r.json()["error"]["code"], "BadRequest")
        self.assertEqual(r.json()["error"]["message"], "The limit of '50' for Top query has been exceeded. "
                                                       "The value from the incoming request is '51'.")

    def test_skip_starts_later_and_the_next_link_keeps_the_query(self):
        page = incidents(self.sim, {"$orderby": "lastUpdateDateTime asc", "$top": "5", "$skip": "10"}).json()
        self.assertEqual([i["id"] for i in page["value"]], [i["id"] for i in self.incidents[10:15]])
        link = page["@odata.nextLink"]
        self.assertTrue(link.startswith("https://127.0.0.1:%d%s?" % (self.sim.port, INCIDENTS)), link)
        self.assertIn("$orderby=lastUpdateDateTime%20asc", link)
        self.assertIn("$top=5", link)
        self.assertNotIn("$skip=", link)
        after = self.sim.get(link, token=self.sim.access_token()).json()
        self.assertEqual([i["id"] for i in after["value"]], [i["id"] for i in self.incidents[15:20]])

    def test_filter_on_lastUpdateDateTime_splits_at_the_instant(self):
        middle = parse_ticks(self.incidents[20]["lastUpdateDateTime"])
        literal = format_ticks(middle)
        for op, expected in (("ge", lambda t: t >= middle), ("gt", lambda t: t > middle),
                             ("lt", lambda t: t < middle), ("le", lambda t: t <= middle),
                             ("eq", lambda t: t == middle)):
            with self.subTest(op=op):
                got, _ = all_incidents(self.sim, {"$filter": "lastUpdateDateTime %s %s" % (op, literal), "$top": "50"})
                want = [i["id"] for i in self.incidents if expected(parse_ticks(i["lastUpdateDateTime"]))]
                self.assertEqual(sorted(i["id"] for i in got), sorted(want))
                self.assertTrue(want)

    def test_filter_joins_terms_with_and(self):
        middle = parse_ticks(self.incidents[20]["lastUpdateDateTime"])
        query = "lastUpdateDateTime ge %s and status eq 'inProgress'" % format_ticks(middle)
        got, _ = all_incidents(self.sim, {"$filter": query})
        want = [i["id"] for i in self.incidents
                if parse_ticks(i["lastUpdateDateTime"]) >= middle and i["status"] == "inProgress"]
        self.assertTrue(want)
        self.assertEqual(sorted(i["id"] for i in got), sorted(want))

    def test_filter_on_a_property_graph_does_not_filter_is_refused(self):
        r = incidents(self.sim, {"$filter": "displayName eq 'x'"})
        self.assertEqual(r.status, 400)
        self.assertEqual(r.json()["error"]["message"],
                         "Invalid filter clause: Filtering on the property 'displayName' is not supported.")

    def test_only_alerts_can_be_expanded(self):
        r = incidents(self.sim, {"$expand": "comments"})
        self.assertEqual(r.status, 400)
        self.assertIn("'comments'", r.json()["error"]["message"])

    def test_count_gives_the_total(self):
        page = incidents(self.sim, {"$count": "true", "$top": "3"}).json()
        self.assertEqual((page["@odata.count"], len(page["value"])), (40, 3))

    def test_one_incident_by_id(self):
        wanted = self.expanded[3]
        r = incidents(self.sim, {"$expand": "alerts"}, path=INCIDENTS + "/" + wanted["id"])
        self.assertEqual(r.status, 200)
        body = r.json()
        self.assertEqual(body.pop("@odata.context"),
                         "https://graph.microsoft.com/v1.0/$metadata#security/incidents/$entity")
        self.assertEqual(body, wanted)
        r = incidents(self.sim, path=INCIDENTS + "/999999")
        self.assertEqual((r.status, r.json()["error"]["code"]), (404, "NotFound"))

    def test_gzip_when_asked(self):
        plain = incidents(self.sim, {"$top": "10"})
        packed = incidents(self.sim, {"$top": "10"}, headers={"Accept-Encoding": "gzip"})
        self.assertEqual(packed.headers.get("Content-Encoding"), "gzip")
        self.assertEqual(json.loads(gzip.decompress(packed.body)), plain.json())

    def test_the_ledger_holds_each_incident_version_served(self):
        ledger = incident_ledger(self.sim)
        self.assertEqual([e["seq"] for e in ledger], list(range(40)))
        served = {(i["id"], parse_ticks(i["lastUpdateDateTime"])) for i in self.incidents}
        self.assertEqual({(e["id"], e["ticks"]) for e in ledger}, served)
        expanded = by_id(self.expanded)
        for e in ledger:
            self.assertEqual(e["lastUpdateDateTime"], expanded[e["id"]]["lastUpdateDateTime"])
            self.assertEqual(e["alertIds"], [a["id"] for a in expanded[e["id"]]["alerts"]])
            self.assertEqual((e["status"], e["redirectIncidentId"], e["supersededAt"]),
                             (expanded[e["id"]]["status"], None, None))

    def test_the_control_endpoint_counts_the_incidents_and_their_requests(self):
        before = self.sim.request("GET", "/_sim/incidents").json()
        incidents(self.sim, {"$top": "4"})
        incidents(self.sim, {"$top": "51"})
        after = self.sim.request("GET", "/_sim/incidents").json()
        self.assertEqual((after["incidents"], after["incidentVersionsVisible"]), (40, 40))
        self.assertEqual(after["apiRequests"]["total"] - before["apiRequests"]["total"], 2)
        self.assertEqual(after["apiRequests"]["byStatus"]["400"] - before["apiRequests"]["byStatus"].get("400", 0), 1)
        self.assertEqual(after["incidentsServed"] - before["incidentsServed"], 4)
        log = self.sim.requests_log()[-2:]
        self.assertEqual([(r["api"], r["status"]) for r in log], [("incidents", 200), ("incidents", 400)])


class SeedTest(unittest.TestCase):
    def test_the_same_seed_makes_the_same_incidents(self):
        runs = []
        for _ in range(2):
            with Simulator(alerts=90, seed=11, budgets="off", extra_args=INCIDENT_ROLES) as sim:
                runs.append(sorted(strip_times(all_incidents(sim, {"$top": "50"})[0]), key=lambda i: i["id"]))
        self.assertEqual(len(runs[0]), 60)
        self.assertEqual(runs[0], runs[1])
        self.assertTrue(any(i["description"] for i in runs[0]))
        self.assertTrue(any(i["customTags"] for i in runs[0]))

    def test_the_same_updates_of_an_incident_make_the_same_incident(self):
        runs = []
        for _ in range(2):
            with Simulator(alerts=30, seed=11, budgets="off", extra_args=INCIDENT_ROLES) as sim:
                for _ in range(3):
                    update_incidents(sim, ids=["28005"])
                runs.append(strip_times(incidents(sim, path=INCIDENTS + "/28005").json()))
        self.assertEqual(runs[0], runs[1])
        self.assertEqual(runs[0]["status"], "resolved")


class PermissionTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # the default role: alerts_v2's permission only
        cls.sim = cls.enterClassContext(Simulator(alerts=10, seed=7, budgets="off"))

    def test_a_token_without_SecurityIncident_Read_All_is_refused_with_403(self):
        token = self.sim.access_token(fresh=True)
        r = incidents(self.sim, token=token)
        self.assertEqual(r.status, 403)
        error = r.json()["error"]
        self.assertEqual(error["code"], "Forbidden")
        self.assertEqual(error["message"], "Missing application roles. API required roles: SecurityIncident.Read.All, "
                                           "SecurityIncident.ReadWrite.All. API application roles: "
                                           "SecurityAlert.Read.All.")
        self.assertEqual(set(error["innerError"]), {"date", "request-id", "client-request-id"})
        self.assertEqual(self.sim.alerts({"$top": "1"}, token=token).status, 200)

    def test_a_grant_reaches_the_tokens_issued_after_it(self):
        before = self.sim.access_token(fresh=True)
        self.sim.set_faults(graph_roles="SecurityIncident.Read.All")
        try:
            after = self.sim.access_token(fresh=True)
            self.assertEqual(incidents(self.sim, token=before).status, 403)
            self.assertEqual(incidents(self.sim, token=after).status, 200)
            r = self.sim.alerts({"$top": "1"}, token=after)
            self.assertEqual(r.status, 403)
            self.assertIn("API required roles: SecurityAlert.Read.All, SecurityAlert.ReadWrite.All.",
                          r.json()["error"]["message"])
        finally:
            self.sim.set_faults(graph_roles="SecurityAlert.Read.All")


class FaultTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = cls.enterClassContext(simulator(alerts=30, seed=7))

    def setUp(self):
        self.sim.clear_faults()
        self.sim.set_faults(expand_alerts_fault="none", budgets="off")

    def test_the_expand_fault_answers_500_for_a_page_of_more_incidents_than_its_limit(self):
        applied = len(self.sim.faults()["applied"])
        self.assertEqual(self.sim.set_faults(expand_alerts_fault=2)["expand-alerts-fault"], 2)
        r = incidents(self.sim, {"$expand": "alerts", "$top": "3"})
        self.assertEqual((r.status, r.json()["error"]["code"]), (500, "InternalServerError"))
        self.assertEqual(incidents(self.sim, {"$expand": "alerts", "$top": "2"}).status, 200)
        self.assertEqual(incidents(self.sim, {"$top": "3"}).status, 200)
        one = incidents(self.sim, {"$top": "1"}).json()["value"][0]["id"]
        self.assertEqual(incidents(self.sim, {"$expand": "alerts"}, path=INCIDENTS + "/" + one).status, 200)
        self.assertEqual([(a["api"], a["kind"]) for a in self.sim.faults()["applied"][applied:]],
                         [("incidents", "expand-alerts")])

    def test_the_expand_fault_at_0_answers_500_to_every_expand(self):
        self.sim.set_faults(expand_alerts_fault=0)
        self.assertEqual(incidents(self.sim, {"$expand": "alerts", "$top": "1"}).status, 500)
        one = incidents(self.sim, {"$top": "1"}).json()["value"][0]["id"]
        self.assertEqual(incidents(self.sim, {"$expand": "alerts"}, path=INCIDENTS + "/" + one).status, 500)
        self.assertEqual(incidents(self.sim, {"$top": "1"}, path=INCIDENTS + "/" + one).status, 200)

    def test_a_fault_rule_for_incidents_hits_incidents_only(self):
        self.sim.add_fault("429", api="incidents", retry_after=3)
        self.assertEqual(self.sim.alerts({"$top": "1"}).status, 200)
        r = incidents(self.sim)
        self.assertEqual((r.status, r.headers.get("Retry-After")), (429, "3"))
        self.assertEqual(incidents(self.sim).status, 200)

    def test_5xx_faults_hit_incidents(self):
        for status in ("500", "502", "503", "504"):
            with self.subTest(status=status):
                self.sim.add_fault(status, api="incidents")
                self.assertEqual(incidents(self.sim).status, int(status))

    def test_incidents_have_their_own_request_budget(self):
        self.sim.set_faults(budgets="on", budget_incidents="2/60", budget_graph="none")
        try:
            self.assertEqual([incidents(self.sim).status for _ in range(2)], [200, 200])
            r = incidents(self.sim)
            self.assertEqual(r.status, 429)
            self.assertTrue(1 <= int(r.headers.get("Retry-After")) <= 60, r.headers.get("Retry-After"))
            self.assertEqual(self.sim.alerts({"$top": "1"}).status, 200)
        finally:
            self.sim.set_faults(budgets="off", budget_incidents="150/60", budget_graph="150/60")

    def test_a_slow_fault_delays_the_answer(self):
        self.sim.add_fault("slow", api="incidents", delay=1)
        began = time.monotonic()
        self.assertEqual(incidents(self.sim, {"$top": "1"}).status, 200)
        self.assertGreaterEqual(time.monotonic() - began, 1)

    def test_a_bad_alert_fault_breaks_the_middle_incident(self):
        normal = incidents(self.sim, {"$top": "5"}).body
        self.sim.add_fault("bad-alert", api="incidents", mode="invalid-utf8")
        broken = incidents(self.sim, {"$top": "5"}).body
        self.assertEqual(broken.replace(b"\xc3\x28\xff\xfe", b"", 1), normal)


class ChangeTest(unittest.TestCase):
    """Updates and merges, each on incidents no other test here touches."""

    @classmethod
    def setUpClass(cls):
        ledger_dir = tempfile.mkdtemp(prefix="incident-ledger-")
        cls.ledger_path = os.path.join(ledger_dir, "incidents.jsonl")
        cls.addClassCleanup(os.rmdir, ledger_dir)
        cls.addClassCleanup(os.remove, cls.ledger_path)  # cleanups run last first: after the simulator stops
        # 301: the last initial alert has an incident of its own, which the next alert joins
        cls.sim = cls.enterClassContext(
            simulator(alerts=301, seed=8, extra_args=INCIDENT_ROLES + ("--incident-ledger", cls.ledger_path)))
        cls.open = [i["id"] for i in all_incidents(cls.sim, {"$filter": "status eq 'active'", "$top": "50"})[0]]
        cls.resolved = [i["id"] for i in all_incidents(cls.sim, {"$filter": "status eq 'resolved'"})[0]]

    def get(self, incident_id, **query):
        r = incidents(self.sim, query, path=INCIDENTS + "/" + incident_id)
        self.assertEqual(r.status, 200, r.text())
        return r.json()

    def test_an_update_moves_lastUpdateDateTime_and_takes_the_incident_into_work(self):
        incident_id = self.open[0]
        before = self.get(incident_id)
        [version] = update_incidents(self.sim, ids=[incident_id])
        after = self.get(incident_id)
        self.assertEqual((version["id"], version["status"]), (incident_id, "inProgress"))
        self.assertEqual(after["lastUpdateDateTime"], version["lastUpdateDateTime"])
        self.assertGreater(parse_ticks(after["lastUpdateDateTime"]), parse_ticks(before["lastUpdateDateTime"]))
        self.assertEqual(after["status"], "inProgress")
        self.assertIsNotNone(after["assignedTo"])
        self.assertEqual(after["lastModifiedBy"], after["assignedTo"])

    def test_a_second_update_resolves_with_a_verdict(self):
        incident_id = self.open[1]
        update_incidents(self.sim, ids=[incident_id])
        [version] = update_incidents(self.sim, ids=[incident_id])
        after = self.get(incident_id)
        self.assertEqual((version["status"], after["status"]), ("resolved", "resolved"))
        self.assertIn(after["classification"], ("truePositive", "falsePositive", "informationalExpectedActivity"))
        self.assertNotEqual(after["determination"], "unknown")
        self.assertIsNotNone(after["resolvingComment"])

    def test_a_merge_redirects_the_source_and_moves_its_alerts_to_the_target(self):
        source, target = self.open[2], self.open[3]
        source_alerts = [a["id"] for a in self.get(source, **{"$expand": "alerts"})["alerts"]]
        target_alerts = [a["id"] for a in self.get(target, **{"$expand": "alerts"})["alerts"]]
        result = merge_incidents(self.sim, source=source, target=target)
        self.assertEqual(result["merges"], [{"source": source, "target": target}])
        at = result["incidents"][0]["lastUpdateDateTime"]
        self.assertEqual([(v["id"], v["status"], v["redirectIncidentId"], v["lastUpdateDateTime"])
                          for v in result["incidents"]],
                         [(source, "redirected", target, at), (target, "active", None, at)])
        self.assertEqual(sorted(v["id"] for v in result["alerts"]), sorted(source_alerts))

        redirected = self.get(source)
        self.assertEqual((redirected["status"], redirected["redirectIncidentId"], redirected["lastUpdateDateTime"]),
                         ("redirected", target, at))
        self.assertIn("Redirected", redirected["systemTags"])
        self.assertEqual(self.get(source, **{"$expand": "alerts"})["alerts"], [])
        merged = self.get(target, **{"$expand": "alerts"})
        self.assertEqual(merged["lastUpdateDateTime"], at)
        self.assertEqual([a["id"] for a in merged["alerts"]], target_alerts + source_alerts)
        self.assertEqual(merged["severity"], max((a["severity"] for a in merged["alerts"]), key=SEVERITY_RANK.get))
        moved = self.sim.alerts({"$filter": "lastUpdateDateTime eq %s" % at}).json()["value"]
        self.assertEqual(sorted(a["id"] for a in moved), sorted(source_alerts))
        for a in moved:
            self.assertEqual((a["incidentId"], a["incidentWebUrl"]), (target, merged["incidentWebUrl"]))

    def test_only_open_incidents_merge(self):
        def status(**params):
            return self.sim.request("POST", "/_sim/incidents/merge?" + "&".join("%s=%s" % p for p in params.items()),
                                    body=b"").status
        self.assertEqual(status(source=self.resolved[0], target=self.open[4]), 409)
        self.assertEqual(status(source=self.open[4], target=self.open[4]), 400)
        self.assertEqual(status(source="1", target=self.open[4]), 404)
        self.assertEqual(status(source=self.open[4]), 400)
        self.assertEqual(self.get(self.open[4])["status"], "active")

    def test_a_new_alert_joins_its_incident_and_moves_it(self):
        [added] = self.sim.add_alerts(1)
        [alert] = self.sim.alerts({"$filter": "lastUpdateDateTime eq %s" % added["lastUpdateDateTime"]}).json()["value"]
        self.assertEqual(alert["id"], added["id"])
        entries = [e for e in incident_ledger(self.sim) if e["id"] == alert["incidentId"]]
        self.assertGreaterEqual(len(entries), 2)  # it existed before the alert
        self.assertEqual((entries[-1]["ticks"], entries[-1]["alertIds"][-1]), (added["ticks"], added["id"]))
        self.assertEqual(self.get(alert["incidentId"])["lastUpdateDateTime"], added["lastUpdateDateTime"])

    def test_random_updates_and_merges(self):
        versions = update_incidents(self.sim, count=3)
        self.assertEqual(len({v["id"] for v in versions}), 3)
        result = merge_incidents(self.sim, count=2)
        self.assertEqual(len(result["merges"]), 2)
        for m in result["merges"]:
            self.assertLess(int(m["target"]), int(m["source"]))  # into the older one
            self.assertEqual(self.get(m["source"])["redirectIncidentId"], m["target"])

    def test_the_ledger_lists_every_version_served_and_marks_the_replaced_ones(self):
        served, _ = all_incidents(self.sim, {"$orderby": "lastUpdateDateTime asc", "$top": "50"})
        final = incident_ledger(self.sim, final=True)
        self.assertEqual({(e["id"], e["ticks"]) for e in final},
                         {(i["id"], parse_ticks(i["lastUpdateDateTime"])) for i in served})
        self.assertEqual(len(served), len({i["id"] for i in served}))
        ledger = incident_ledger(self.sim)
        self.assertEqual([e["seq"] for e in ledger], list(range(len(ledger))))
        for e in ledger:
            self.assertEqual(e["supersededAt"] is None, e in final)
        with open(self.ledger_path) as f:
            lines = [json.loads(line) for line in f]
        superseded = {line["seq"]: line["supersededAt"] for line in lines if set(line) == {"seq", "supersededAt"}}
        visible = [line for line in lines if set(line) != {"seq", "supersededAt"}]
        self.assertEqual([dict(v, supersededAt=superseded.get(v["seq"])) for v in visible], ledger)


class RoutingTest(unittest.TestCase):
    def test_an_alert_made_for_a_merged_incident_goes_to_the_one_it_was_merged_into(self):
        with Simulator(alerts=60, seed=9, budgets="off", extra_args=INCIDENT_ROLES) as sim:
            target = all_incidents(sim, {"$filter": "status eq 'active'"})[0][0]["id"]
            [first] = sim.add_alerts(1)  # alert 60: a new incident of its own
            [alert] = sim.alerts({"$filter": "lastUpdateDateTime eq %s" % first["lastUpdateDateTime"]}).json()["value"]
            self.assertEqual(alert["incidentId"], "28040")
            merge_incidents(sim, source="28040", target=target)
            [second] = sim.add_alerts(1)  # alert 61: made for 28040 too
            [alert] = sim.alerts({"$filter": "lastUpdateDateTime eq %s" % second["lastUpdateDateTime"]}).json()["value"]
            self.assertEqual(alert["incidentId"], target)
            latest = incident_ledger(sim)[-1]
            self.assertEqual((latest["id"], latest["alertIds"][-1], latest["ticks"]),
                             (target, second["id"], second["ticks"]))


class RateTest(unittest.TestCase):
    def test_the_update_and_merge_rates_change_incidents_over_time(self):
        with Simulator(alerts=300, seed=12, budgets="off", extra_args=INCIDENT_ROLES) as sim:
            sim.set_hazards(incident_update_rate=40, incident_merge_rate=10)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                statuses = [e["status"] for e in incident_ledger(sim)[200:]]
                if len(statuses) >= 40 and "redirected" in statuses:
                    break
                time.sleep(0.1)
            sim.set_hazards(incident_update_rate=0, incident_merge_rate=0)
            self.assertGreaterEqual(len(statuses), 40)
            self.assertIn("redirected", statuses)
            self.assertEqual(sim.hazards()["incident-update-rate"], 0)


class ClockTest(unittest.TestCase):
    def test_incident_times_follow_the_service_clock(self):
        offset = -1200 * SECOND
        lo = time.time_ns() // 100 + offset
        with Simulator(alerts=30, seed=7, budgets="off", clock_offset=-1200, extra_args=INCIDENT_ROLES) as sim:
            history = all_incidents(sim, {"$top": "50"})[0]
            self.assertTrue(all(parse_ticks(i["lastUpdateDateTime"]) < lo + 60 * SECOND for i in history))
            incident_id = history[0]["id"]
            before = time.time_ns() // 100 + offset
            [version] = update_incidents(sim, ids=[incident_id])
            after = time.time_ns() // 100 + offset
            # A service time keeps 0-7 fractional digits: it may fall up to a second before the host's.
            self.assertTrue(before - SECOND <= version["ticks"] <= after, (before, version["ticks"], after))
            r = incidents(sim, path=INCIDENTS + "/" + incident_id)
            self.assertEqual(r.json()["lastUpdateDateTime"], version["lastUpdateDateTime"])


if __name__ == "__main__":
    unittest.main()

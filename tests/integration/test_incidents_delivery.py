"""api(incidents) end to end: Microsoft Graph security incidents read from defender-sim by the real syslog-ng, each
incident version one message, counted against the simulator's incident ledger — every version it served delivered,
none twice, none it did not serve. The simulator makes incidents of its alerts (one or two alerts each), so the size
of a backlog is set through the number of alerts.

Graph serves incidents in pages of at most 50: the source asks for no more whatever page-size() says; ties of many
incidents updated at one instant span pages; analysts' updates while the source pages, and merges, make new versions;
an app registration without SecurityIncident.Read.All gets one error that says so."""

import os
import re
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.config_builder import simulator_source, to_files  # noqa: E402
from lib.defender_rig import Rig  # noqa: E402
from lib.delivery import incident_versions, report, versions as cef_versions  # noqa: E402
from lib.cef import parse_file  # noqa: E402
from lib.simulator import (INCIDENT_ROLES, incident_ledger, merge_incidents,  # noqa: E402
                           update_incidents)
from lib.syslogng import SyslogNg, count_lines, wait_until  # noqa: E402

PAGE = 50  # Graph's largest page of incidents
BACKLOG_ALERTS = 7_500  # about 5,000 incidents (seed 51)


class DebugSyslogNg(SyslogNg):
    """syslog-ng with debug messages on: the source logs each request it sends."""

    def args(self, *extra):
        return super().args("-d", *extra)


def incident_rig(test, alerts, seed, history=12 * 3600, sim_args=()):
    """A Rig whose simulator grants tokens SecurityIncident.Read.All."""
    return Rig(test, alerts=alerts, seed=seed, history=history, sim_args=[*INCIDENT_ROLES, *sim_args])


def requested_urls(log_text):
    """The URL of every request the source logged as answered (debug), in order."""
    return re.findall(r"the API answered; .*?request='([^']*)'", log_text)


class IncidentsDeliveryTest(unittest.TestCase):
    def test_a_backlog_of_5000_incidents_arrives_once_in_pages_of_50(self):
        started = time.monotonic()
        rig = incident_rig(self, alerts=BACKLOG_ALERTS, seed=51)
        served = incident_versions(incident_ledger(rig.sim))
        self.assertGreaterEqual(len(served), 5000)
        syslog = rig.syslog(cls=DebugSyslogNg, api="incidents", page_size=1000, poll_interval=1).start()
        rig.assert_exactly(served)

        # syslog-ng's own log escapes the ';' of a message.
        notice = r"page-size(1000) is more than api(incidents) serves in a page\; pages of 50 are asked for"
        self.assertEqual(syslog.log_text().count(notice), 1)
        urls = requested_urls(syslog.log_text())
        sim = rig.sim.request("GET", "/_sim/incidents").json()
        print(f"{len(served)} incidents in {len(urls)} requests, the simulator answered {sim['apiRequests']}, "
              f"{time.monotonic() - started:.1f}s", flush=True)
        self.assertEqual([u for u in urls if "&$top=50&" not in u], [])
        # Every request the source sent reached the simulator and was answered 200, which it refuses with 400 for
        # $top above 50; at least one request a page of 50 of the backlog.
        self.assertEqual(sim["apiRequests"]["byStatus"], {"200": len(urls)})
        self.assertGreaterEqual(len(urls), len(served) // PAGE)

    def test_ties_of_300_incidents_updated_at_one_instant_span_pages_and_arrive_once(self):
        rig = incident_rig(self, alerts=900, seed=52)
        rig.syslog(api="incidents", page_size=PAGE, poll_interval=1).start()
        backlog = incident_versions(incident_ledger(rig.sim))
        rig.wait_for(len(backlog))

        # Single updates, a tie of six pages, single updates, each of other incidents (an update of one updated
        # just before would supersede a version before it could be read): page boundaries cut the tie.
        ids = sorted({v["id"] for v in incident_ledger(rig.sim)})
        update_incidents(rig.sim, ids=ids[:40], tie=1)
        tie = update_incidents(rig.sim, ids=ids[40:340], tie=300)
        update_incidents(rig.sim, ids=ids[340:380], tie=1)
        self.assertEqual(len({v["ticks"] for v in tie}), 1)
        self.assertEqual(len({v["id"] for v in tie}), 300)
        served = incident_versions(incident_ledger(rig.sim))
        self.assertEqual(len(served), len(backlog) + 380)
        rig.assert_exactly(served)

    def test_updates_while_paging_deliver_every_final_version_once(self):
        started = time.monotonic()
        # Every update moves an incident into the window read next: over 200 pages of 50 in the drain, more than the
        # documented 150 requests a minute, so budgets are off on both sides (test_faults_budgets.py is about them).
        rig = incident_rig(self, alerts=BACKLOG_ALERTS, seed=53,
                           sim_args=["--incident-update-rate", "5000", "--budgets", "off"])
        backlog = len(incident_ledger(rig.sim, final=True))
        rig.syslog(api="incidents", page_size=PAGE, poll_interval=1, requests_per_minute=0).start()
        # Updates go on until nine tenths of the backlog is out and over a thousand were made, then stop, so that there
        # are final versions. The source pages the updated incidents as they come, also once the backlog is out: a
        # fast drain must not leave too few updates to read while paging.
        def drained_and_updated():
            return (count_lines(rig.output) >= backlog * 9 // 10
                    and sum(1 for v in incident_ledger(rig.sim) if v.get("supersededAt")) > 1000)
        wait_until(drained_and_updated, 120, interval=0.2, what="the backlog, and over 1,000 updates")
        rig.sim.set_hazards(incident_update_rate=0)
        ledger = settled_incident_ledger(rig.sim)
        every = incident_versions(ledger)
        final = incident_versions(ledger, final=True)
        updates = sum(1 for v in ledger if v.get("supersededAt"))
        wait_until(lambda: set(rig.versions()) >= final, 60, interval=0.5, what="every final version")
        rig.settle(0)
        got = rig.versions()
        result = report("incidents final versions", final, got)
        print(f"{backlog} incidents, {updates} updates while paging, {len(every)} versions, "
              f"{len(set(got) - final)} superseded ones delivered before their update, "
              f"{time.monotonic() - started:.1f}s", flush=True)
        self.assertEqual(result.missing, set())
        self.assertEqual(result.duplicated, 0)
        self.assertEqual(set(got) - every, set(), "delivered versions the simulator never served")

    def test_a_merged_incident_arrives_redirected_to_the_incident_it_was_merged_into(self):
        rig = incident_rig(self, alerts=600, seed=54)
        output = os.path.join(rig.work, "incidents.cef")
        cef_syslog(rig, output, poll_interval=1).start()
        backlog = incident_versions(incident_ledger(rig.sim))
        wait_until(lambda: count_lines(output) >= len(backlog), 60, what="the backlog")

        merged = merge_incidents(rig.sim, count=20)
        self.assertEqual(len(merged["merges"]), 20)
        ledger = incident_ledger(rig.sim)
        served = cef_versions(ledger)
        wait_until(lambda: count_lines(output) >= len(served), 60, what="the merges")
        time.sleep(3)  # two more polls: anything sent twice would have arrived
        records = parse_file(output)
        result = report("incidents with merges", served,
                        [(r["extension"]["externalId"], int(r["extension"]["deviceCustomDate1"])) for r in records])
        self.assertEqual((result.missing, result.duplicated, result.unexpected), (set(), 0, set()))

        redirected = {r["extension"]["externalId"]: r["extension"] for r in records
                      if r["extension"].get("MicrosoftDefenderStatus") == "redirected"}
        expected = {m["source"]: m["target"] for m in merged["merges"]}
        self.assertEqual({source: e.get("MicrosoftDefenderRedirectIncidentId") for source, e in redirected.items()},
                         expected)
        redirected_versions = {(v["id"], v["ticks"] // 10_000) for v in merged["incidents"] if v["id"] in expected}
        self.assertEqual({(source, int(e["deviceCustomDate1"])) for source, e in redirected.items()},
                         redirected_versions)

    def test_without_security_incident_read_all_one_error_and_nothing_delivered(self):
        rig = Rig(self, alerts=200, seed=55)
        syslog = rig.syslog(api="incidents", poll_interval=1).start()
        error = rig.the_one_error(syslog, "SecurityIncident.Read.All", quiet_seconds=4)
        self.assertIn("403", error)
        sim = rig.sim.request("GET", "/_sim/incidents").json()
        print(sim["apiRequests"], flush=True)
        self.assertEqual(set(sim["apiRequests"]["byStatus"]), {"403"})
        self.assertEqual(sim["incidentsServed"], 0)
        self.assertEqual(count_lines(rig.output), 0)


def cef_syslog(rig, output, **options):
    """syslog-ng with the source reading incidents from `rig`'s simulator as CEF, one a line into `output`."""
    config = to_files({"defender": (simulator_source(rig.sim, rig.secret, api="incidents", format="cef", **options),
                                    output)})
    syslog = SyslogNg(os.path.join(rig.work, "syslog-ng-cef"), config)
    rig.test.addCleanup(syslog.stop)
    return syslog


def settled_incident_ledger(sim, timeout=30):
    """The incident ledger once the simulator's driver stopped changing it (a tick that read the old rate may still
    run after it was set to zero)."""
    previous = incident_ledger(sim)
    deadline = time.monotonic() + timeout
    while True:
        time.sleep(0.5)
        ledger = incident_ledger(sim)
        if len(ledger) == len(previous) or time.monotonic() >= deadline:
            return ledger
        previous = ledger


if __name__ == "__main__":
    unittest.main()

"""Alerts updated while the source pages, at a high rate, during a 15,000-alert drain: every final version delivered
(the ledger's versions that nothing superseded), no version twice, nothing the simulator did not serve.

The mutation targets are the ones that break offset paging (tools/defender-sim/served_cursor.h): "served" — the
alerts of the page just served, which move behind the client and pull the next page's first alert across the
boundary — for Graph with $orderby asc (what the source sends) and for the alerts API's unsorted order; "unserved" —
the alerts right after that page — for Graph's default descending order, in case the source ever relied on it.

SIEM records never change once written: an update of an alert makes no new record, so the equivalent hazard is new
records arriving while a backlog drains (feed-rate), with updates of random alerts running too (the simulator's
"served" target follows the OData APIs' pages only) to show they add nothing."""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.defender_rig import Rig  # noqa: E402
from lib.delivery import api_versions, report  # noqa: E402
from lib.syslogng import count_lines, wait_until  # noqa: E402

RATE = 5000  # updates a second: each page of 1,000 the source is served is updated through within a fifth of a second
SIM_ALERTS = {"graph": 15_000, "alerts": 25_700, "siem": 17_000}  # about 15,000 versions in each API (seed 12)


def settled_ledger(sim, timeout=30):
    """The ledger once the simulator's driver stopped changing it: a tick that read the old rates may still run after
    they were set to zero, later on a loaded machine."""
    def shape(ledger):
        return len(ledger), sum(1 for v in ledger if v.get("supersededAt"))

    previous = sim.ledger()
    deadline = time.monotonic() + timeout
    while True:
        time.sleep(0.5)
        ledger = sim.ledger()
        if shape(ledger) == shape(previous) or time.monotonic() >= deadline:
            return ledger
        previous = ledger


class UpdatesTest(unittest.TestCase):
    def test_graph_updates_of_served_alerts_while_paging_lose_no_final_version(self):
        self.updates_while_paging("graph", "served")

    def test_graph_updates_of_unserved_alerts_while_paging_lose_no_final_version(self):
        self.updates_while_paging("graph", "unserved")

    def test_alerts_api_updates_of_served_alerts_while_paging_lose_no_final_version(self):
        # Every update moves an alert into the window the source reads next, and the unsorted API's full pages are
        # split: the documented 100 requests a minute would make the test wait for the budget, which is not what it
        # is about (test_faults_budgets.py is).
        self.updates_while_paging("alerts", "served", sim_args=["--budgets", "off"], requests_per_minute=0,
                                  requests_per_hour=0)

    def test_siem_new_records_during_a_drain_arrive_once_and_updates_add_none(self):
        self.updates_while_paging("siem", "random", feed_rate=2000)

    def updates_while_paging(self, api, target, feed_rate=0, sim_args=(), **options):
        started = time.monotonic()
        hazards = ["--mutation-rate", str(RATE), "--mutation-target", target, "--feed-rate", str(feed_rate)]
        rig = Rig(self, alerts=SIM_ALERTS[api], seed=12, history=12 * 3600, sim_args=hazards + list(sim_args))
        backlog = api_versions(rig.sim.ledger(), api)
        rig.syslog(api=api, page_size=1000, **options).start()
        # Updates go on until nine tenths of the backlog is out (the last tenth is read under the updates that the
        # first pages caused), then stop, so that there are final versions to wait for.
        wait_until(lambda: count_lines(rig.output) >= len(backlog) * 9 // 10, 120, interval=0.1, what="the backlog")
        under_updates = time.monotonic() - started
        rig.sim.set_hazards(mutation_rate=0, feed_rate=0)
        ledger = settled_ledger(rig.sim)
        every = api_versions(ledger, api)
        # The ledger's final versions; a SIEM record stays when its alert is updated, so for SIEM every record is one.
        final = every if api == "siem" else api_versions(rig.sim.ledger(final=True), api)
        updates = sum(1 for v in ledger if v.get("supersededAt"))
        new_alerts = len(ledger) - SIM_ALERTS[api] - updates
        wait_until(lambda: set(rig.versions()) >= final, 60, interval=0.5, what="every final version")
        rig.settle(0)
        got = rig.versions()
        result = report(f"api={api} target={target} final versions", final, got)
        print(f"api={api} target={target}: 90 % of a backlog of {len(backlog)} out in {under_updates:.1f}s under "
              f"{updates} updates and {new_alerts} new alerts; {len(every)} versions in the API, "
              f"{len(set(got) - final)} superseded ones delivered before their update; "
              f"requests={rig.sim.stats()['apiRequests']['total']}, {time.monotonic() - started:.1f}s", flush=True)
        if api == "siem":
            # About 2,000 new records and 2,500 to 8,000 updates in the drain's few seconds.
            self.assertGreater(len(final), len(backlog) + 500, "too few records arrived during the drain")
            self.assertGreater(updates, 1000, "too few updates during the drain")
        else:
            # "served": 2,000 to 7,500 updates in the drain's few seconds; "unserved" updates at most the 64 alerts
            # after each page served (ServedCursor::kLookahead): about 900.
            self.assertGreater(updates, 1000 if target == "served" else 500, "too few updates during the drain")
        self.assertEqual(result.missing, set())
        self.assertEqual(result.duplicated, 0)
        self.assertEqual(set(got) - every, set(), "delivered versions the simulator never served")

if __name__ == "__main__":
    unittest.main()

"""Ties: groups of 3,000 alert versions sharing one timestamp, read with pages of 1,000 — in the backlog and again at
the live edge, between single alerts so that page boundaries cut the groups — nothing missing, nothing duplicated,
for each of the three APIs. For the SIEM API the tie is on LastProcessedTimeUtc, and a bound of 1,000 cannot narrow
a window below one millisecond: the reader must take the tie whole."""

import collections
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.defender_rig import Rig  # noqa: E402
from lib.delivery import api_versions, report  # noqa: E402
from lib.syslogng import wait_until  # noqa: E402

TIE = 3000
PAGE = 1000
# The simulator's tie size per API, so that every group holds at least 3,000 versions of that API: the alerts API
# serves only Defender for Endpoint alerts (about 59 %), the SIEM API records of endpoint alerts (about 0.89 a piece).
SIM_TIE = {"graph": 3000, "alerts": 5400, "siem": 3600}


def tie_sizes(versions):
    """Sizes of the groups of more than a page of versions sharing one time, largest first (the SIEM API's records
    of one alert share a time too: those small groups are left out)."""
    return sorted((n for n in collections.Counter(t for _, t in versions).values() if n > PAGE), reverse=True)


class TiesTest(unittest.TestCase):
    def test_graph_ties_of_3000_with_pages_of_1000(self):
        self.ties("graph")

    def test_alerts_api_ties_of_3000_with_pages_of_1000(self):
        self.ties("alerts")

    def test_siem_ties_of_3000_on_last_processed_time_read_whole(self):
        self.ties("siem")

    def ties(self, api):
        started = time.monotonic()
        sim_tie = SIM_TIE[api]
        # Three groups and a smaller fourth (the initial alerts come in groups of tie-size).
        rig = Rig(self, alerts=3 * sim_tie + sim_tie // 3, seed=31, history=6 * 3600,
                  sim_args=["--tie-size", str(sim_tie)])
        backlog = api_versions(rig.sim.ledger(), api)
        groups = tie_sizes(backlog)
        print(f"api={api} backlog: {len(backlog)} versions, groups {groups}")
        self.assertGreaterEqual(groups[2], TIE)
        syslog = rig.syslog(api=api, page_size=PAGE)
        syslog.start()
        wait_until(lambda: set(rig.versions()) >= backlog, 60, interval=0.2, what="the backlog")
        result = report(f"api={api} backlog", backlog, rig.versions())
        self.assertEqual(result.missing, set())
        self.assertEqual(result.duplicated, 0)

        # At the live edge: single alerts, a group, single alerts, in three batches while the source polls.
        rig.sim.add_alerts(500, tie=1)
        rig.sim.add_alerts(sim_tie, tie=sim_tie)
        rig.sim.add_alerts(500, tie=1)
        served = api_versions(rig.sim.ledger(), api)
        live = tie_sizes(served - backlog)
        print(f"api={api} live: {len(served - backlog)} versions, groups {live}")
        self.assertGreaterEqual(live[0], TIE)
        rig.assert_exactly(served)
        result = report(f"api={api} all", served, rig.versions())
        requests = rig.sim.stats()["apiRequests"]["total"]
        print(f"api={api} requests={requests}, {time.monotonic() - started:.1f}s", flush=True)
        self.assertEqual(result.missing, set())
        self.assertEqual(result.duplicated, 0)
        self.assertEqual(result.unexpected, set())


if __name__ == "__main__":
    unittest.main()

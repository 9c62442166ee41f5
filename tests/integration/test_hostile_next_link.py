"""@odata.nextLinks that point at another origin (the simulator's foreign origin: 127.0.0.1 on another port, which
answers like the real one): the source must not send its token there. Graph, a tie of 3,000 alerts at one instant
read with pages of 1,000 — more than a page, so the source has to page inside the instant by its own query ($skip)
rather than by the link — and every alert still arrives exactly once."""

import collections
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.defender_rig import Rig  # noqa: E402
from lib.delivery import api_versions, report  # noqa: E402

TIE = 3000
PAGE = 1000
DRAIN_SECONDS = 90


class ForeignNextLinkTest(unittest.TestCase):
    def test_graph_next_links_to_a_foreign_origin_get_no_credential_and_lose_nothing(self):
        started = time.monotonic()
        # One group of 3,000 at one instant and a group of 300 after it (the initial alerts come in groups of tie-size).
        rig = Rig(self, alerts=TIE + 300, seed=71, history=6 * 3600,
                  sim_args=["--tie-size", str(TIE), "--foreign-port", "0", "--next-link-origin", "foreign"])
        served = api_versions(rig.sim.ledger(), "graph")
        self.assertEqual(sorted(collections.Counter(t for _, t in served).values()), [300, TIE])
        syslog = rig.syslog(api="graph", page_size=PAGE).start()
        deadline = time.monotonic() + DRAIN_SECONDS
        while time.monotonic() < deadline and syslog.alive() and not set(rig.versions()) >= served:
            time.sleep(0.5)
        if syslog.alive() and set(rig.versions()) >= served:
            rig.settle(0)
        foreign = rig.sim.foreign()
        result = report("graph, next links to a foreign origin", served, rig.versions())
        leaked = [e for e in foreign["log"] if e["authorization"]]
        print(f"foreign origin on port {foreign['port']}: {foreign['requests']} requests, "
              f"{foreign['withAuthorization']} with a credential (first: {leaked[:1]}); "
              f"main origin: {rig.sim.stats()['apiRequests']['total'] - foreign['requests']} API requests; "
              f"{time.monotonic() - started:.1f}s", flush=True)
        self.assertTrue(syslog.alive(), "syslog-ng died:\n" + syslog.log_text()[-3000:])
        self.assertEqual(foreign["withAuthorization"], 0, f"{foreign['withAuthorization']} requests with a credential")
        self.assertEqual(len(result.missing), 0, f"{len(result.missing)} missing")
        self.assertEqual(result.duplicated, 0)
        self.assertEqual(result.unexpected, set())


if __name__ == "__main__":
    unittest.main()

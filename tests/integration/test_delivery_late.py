"""Late arrivals: alert versions that become visible up to 200 s after their update time, read with
late-arrival(300): nothing missing, nothing twice — for each of the three APIs.

defender-sim makes a new version visible `ingestion-delay` seconds after its time (mode random: uniform from 0 to
it), so a version 200 s late takes 200 real seconds to appear; the initial alerts are all visible at start whatever
the delay. Waiting that long for each API is too slow for the suite, so the default run keeps the proportion and
scales the clock by ten: delays up to 20 s with late-arrival(30) (200/300 = 20/30), poll-interval(2) (relatively five
times coarser than 2 s against 300 s, so the scaled run is the harder one). The source's window arithmetic is the
same at both scales: each poll re-reads [position - late-arrival, now). DEFENDER_LONG_TESTS=1 runs the real figures
instead (late-arrival(300), delays up to 200 s: about four minutes).

One defender-sim and one syslog-ng serve all three APIs at once, each API read by two sources: one with the
late-arrival() under test, which must lose nothing, and a control with late-arrival() a quarter of the largest delay,
which must lose versions later than its window — all of them, and only those — so that the test is seen to be able
to fail."""

import os
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.config_builder import simulator_source, to_files  # noqa: E402
from lib.defender_rig import TEMPLATE  # noqa: E402
from lib.delivery import api_versions, report, rig_versions  # noqa: E402
from lib.simulator import Simulator  # noqa: E402
from lib.syslogng import SyslogNg, wait_until, write_secret  # noqa: E402

APIS = ("graph", "alerts", "siem")
TICKS = 10_000_000
LONG = os.environ.get("DEFENDER_LONG_TESTS") == "1"


class LateArrivalTest(unittest.TestCase):
    SCALE = 1 if LONG else 10
    MAX_DELAY = 200 // SCALE       # seconds from a version's time to when it can be queried, at most
    LATE_ARRIVAL = 300 // SCALE    # the source under test
    CONTROL = MAX_DELAY // 4       # the control source: too short for most of the delays
    POLL = 2
    FEED_SECONDS = 12              # new alerts are added over this long
    BATCH = 25                     # alerts added each half second

    @classmethod
    def setUpClass(cls):
        started = time.monotonic()
        cls.work = tempfile.mkdtemp(prefix="defender-it-")
        cls.sim = Simulator(alerts=300, seed=41, history=3600, ingestion_delay=cls.MAX_DELAY,
                            ingestion_delay_mode="random").start()
        cls.addClassCleanup(cls.sim.cleanup)
        cls.addClassCleanup(cls.sim.stop)
        secret = write_secret(os.path.join(cls.work, "secret"), cls.sim.client_secret)
        cls.outputs, sources = {}, {}
        for api in APIS:
            for role, late in (("test", cls.LATE_ARRIVAL), ("control", cls.CONTROL)):
                name = f"{api}_{role}"
                cls.outputs[(api, role)] = os.path.join(cls.work, f"{name}.log")
                sources[name] = (simulator_source(cls.sim, secret, api=api, late_arrival=late, poll_interval=cls.POLL,
                                                  persist_name=name),
                                 cls.outputs[(api, role)])
        config = to_files(sources, TEMPLATE)
        cls.syslog = SyslogNg(os.path.join(cls.work, "syslog-ng"), config)
        cls.addClassCleanup(cls.syslog.stop)
        cls.syslog.start()

        # The initial alerts first, so that every source is at the live edge when the late ones start.
        ledger = cls.sim.ledger()
        for (api, _), output in cls.outputs.items():
            wait_until(lambda: set(rig_versions(output)) >= api_versions(ledger, api), 60,
                       what=f"the initial {api} alerts")
        last_visible = 0
        for _ in range(cls.FEED_SECONDS * 2):
            last_visible = max([last_visible] + [v["visibleAt"] for v in cls.sim.add_alerts(cls.BATCH)])
            time.sleep(0.5)
        # Every version visible, then two polls of every source.
        wait_until(lambda: time.time() * TICKS > last_visible, cls.MAX_DELAY + 30, interval=0.5,
                   what="the last version to become visible")
        time.sleep(2 * cls.POLL + 1)
        cls.served = cls.sim.ledger()
        cls.ledger = cls.served[len(ledger):]  # the versions added here: the initial alerts are never late
        print(f"late arrivals: max delay {cls.MAX_DELAY}s, late-arrival({cls.LATE_ARRIVAL}), control "
              f"late-arrival({cls.CONTROL}); {len(cls.ledger)} versions, run took {time.monotonic() - started:.1f}s",
              flush=True)

    def lateness(self, api):
        """{version: seconds from its time to when it became visible} for the versions `api` served."""
        return {version: (v["visibleAt"] - version[1]) / TICKS
                for v in self.ledger for version in api_versions([v], api)}

    def late_arrivals_lose_nothing(self, api):
        served = api_versions(self.served, api)
        late = sorted(self.lateness(api).values())
        result = report(f"api={api} late-arrival({self.LATE_ARRIVAL})", served,
                        rig_versions(self.outputs[(api, "test")]))
        later_than_half = sum(1 for s in late if s > self.MAX_DELAY / 2)
        print(f"api={api}: {len(late)} new versions, the latest {late[-1]:.1f}s late, {later_than_half} later than "
              f"{self.MAX_DELAY / 2:.0f}s", flush=True)
        self.assertGreater(late[-1], self.MAX_DELAY * 0.9)
        self.assertGreater(later_than_half, 100)
        self.assertEqual(result.missing, set())
        self.assertEqual(result.duplicated, 0)
        self.assertEqual(result.unexpected, set())

    def test_graph_late_arrivals_lose_nothing(self):
        self.late_arrivals_lose_nothing("graph")

    def test_alerts_api_late_arrivals_lose_nothing(self):
        self.late_arrivals_lose_nothing("alerts")

    def test_siem_late_arrivals_lose_nothing(self):
        self.late_arrivals_lose_nothing("siem")

    def test_a_late_arrival_window_too_short_loses_exactly_the_later_versions(self):
        for api in APIS:
            with self.subTest(api=api):
                served = api_versions(self.served, api)
                lateness = self.lateness(api)
                result = report(f"api={api} control late-arrival({self.CONTROL})", served,
                                rig_versions(self.outputs[(api, "control")]))
                least_late_missing = min((lateness[v] for v in result.missing), default=None)
                print(f"api={api} control: {len(result.missing)} missing, the least late by {least_late_missing}s; "
                      f"{sum(1 for s in lateness.values() if s <= self.CONTROL)} versions at most "
                      f"{self.CONTROL}s late, none of them missing", flush=True)
                self.assertGreater(len(result.missing), 50, "the control lost nothing: the test cannot fail")
                self.assertTrue(all(v in lateness and lateness[v] > self.CONTROL for v in result.missing))
                self.assertEqual(result.duplicated, 0)


if __name__ == "__main__":
    unittest.main()

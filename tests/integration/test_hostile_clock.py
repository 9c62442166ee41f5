"""A host clock 20 minutes off the service's, with new alerts arriving all along (the simulator's steady feed): every
version the simulator served is delivered once — none lost to a window the host thinks is over (host ahead) or has
not reached yet (host behind) — and syslog-ng warns about the clock difference once, not at every poll.

The simulator plays the skew: --clock-offset -1200 is a service 20 minutes behind the host, i.e. a host 20 minutes
ahead; every time the service writes (Date headers, alert times, what a query sees) follows that clock."""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.defender_rig import Rig  # noqa: E402
from lib.delivery import api_versions, report  # noqa: E402

SKEW = 1200
FEED_RATE = 10       # new alerts a second, from the simulator's start to the end of the live part
LIVE_SECONDS = 15    # of the feed once the backlog is out
# About 400 versions of each API in the backlog (seed 61): the alerts API shows only Defender for Endpoint alerts,
# the SIEM API records of them.
SIM_ALERTS = {"graph": 400, "alerts": 700, "siem": 450}


def clock_lines(text):
    return [line for line in text.splitlines() if "clock" in line.lower()]


class HostileClockTest(unittest.TestCase):
    def test_graph_host_20_minutes_ahead_of_the_service(self):
        self.skewed("graph", -SKEW)

    def test_graph_host_20_minutes_behind_the_service(self):
        self.skewed("graph", SKEW)

    def test_alerts_api_host_20_minutes_ahead_of_the_service(self):
        self.skewed("alerts", -SKEW)

    def test_alerts_api_host_20_minutes_behind_the_service(self):
        self.skewed("alerts", SKEW)

    def test_siem_host_20_minutes_ahead_of_the_service(self):
        self.skewed("siem", -SKEW)

    def test_siem_host_20_minutes_behind_the_service(self):
        self.skewed("siem", SKEW)

    def skewed(self, api, offset):
        host = "ahead of" if offset < 0 else "behind"
        label = f"api={api} host {host} the service by {SKEW}s"
        started = time.monotonic()
        rig = Rig(self, alerts=SIM_ALERTS[api], seed=61, history=3 * 3600,
                  sim_args=["--clock-offset", str(offset), "--feed-rate", str(FEED_RATE)])
        backlog = api_versions(rig.sim.ledger(), api)
        syslog = rig.syslog(api=api).start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not set(rig.versions()) >= backlog and syslog.alive():
            time.sleep(0.2)
        time.sleep(LIVE_SECONDS)
        rig.sim.set_hazards(feed_rate=0)
        time.sleep(0.5)  # a tick of the simulator's driver that read the old rate
        served = api_versions(rig.sim.ledger(), api)
        # Bounded: the host behind the service would see the live alerts only in 20 minutes; 30 s is many polls.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not set(rig.versions()) >= served and syslog.alive():
            time.sleep(0.5)
        self.assertTrue(syslog.alive(), "syslog-ng died:\n" + syslog.log_text()[-3000:])
        polled = rig.polled_twice()
        result = report(label, served, rig.versions())
        lines = clock_lines(syslog.log_text())
        print(f"{label}: {len(backlog)} in the backlog, {len(served) - len(backlog)} from the feed; "
              f"{rig.sim.stats()['apiRequests']['total']} requests; {len(lines)} log lines about the clock"
              f"{': ' + lines[0] if lines else ''}; {time.monotonic() - started:.1f}s", flush=True)
        self.assertGreater(len(served) - len(backlog), FEED_RATE * LIVE_SECONDS // 3, "too few live alerts")
        self.assertEqual(len(result.missing), 0, f"{len(result.missing)} missing")
        self.assertEqual(result.duplicated, 0)
        self.assertEqual(result.unexpected, set())
        self.assertTrue(polled, "the source stopped polling")
        self.assertEqual(len(lines), 1, lines)
        self.assertRegex(lines[0], r"\b(ahead|behind)\b")


if __name__ == "__main__":
    unittest.main()

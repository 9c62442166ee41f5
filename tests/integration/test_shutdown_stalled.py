"""Shutdown and reload while the service stalls a response for 30 seconds: both complete in under 2 seconds,
because the transfer in flight is aborted (docs/troubleshooting.md, "Shutdown or reload takes long")."""

import os
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.config_builder import simulator_source, to_files  # noqa: E402
from lib.simulator import Simulator  # noqa: E402
from lib.syslogng import SyslogNg, count_lines, wait_until, write_secret  # noqa: E402

STALL_SECONDS = 30


class ShutdownStalledTest(unittest.TestCase):
    def start(self, stall_mode):
        work = tempfile.mkdtemp(prefix="defender-it-")
        self.sim = Simulator(alerts=300, seed=2, history=3600).start()
        self.addCleanup(self.sim.cleanup)
        self.addCleanup(self.sim.stop)
        secret = write_secret(os.path.join(work, "defender.secret"), self.sim.client_secret + "\n")
        self.output = os.path.join(work, "alerts.log")
        # The first alerts request is answered only after 30 s: at once (first-byte) or drop by drop (trickle).
        r = self.sim.request("POST", "/_sim/faults", body=f'{{"kind": "slow", "mode": "{stall_mode}", '
                                                          f'"delay": {STALL_SECONDS}, "count": 1, "api": "graph"}}')
        self.assertEqual(r.status, 200, r.text())
        s = SyslogNg(os.path.join(work, "syslog-ng"),
                     to_files({"defender": (simulator_source(self.sim, secret, poll_interval=2), self.output)}))
        self.addCleanup(s.stop)
        s.start()
        wait_until(lambda: self.sim.request("GET", "/_sim/faults").json()["applied"], 20, what="the stalled request")
        time.sleep(1)  # well inside the stall
        self.assertEqual(count_lines(self.output), 0)
        return s

    def test_shutdown_during_a_stalled_response_takes_under_two_seconds(self):
        s = self.start("first-byte")
        seconds = s.stop()
        print(f"shutdown during a {STALL_SECONDS}s stall took {seconds:.3f}s")
        self.assertLess(seconds, 2.0)

    def test_shutdown_during_a_trickling_response_takes_under_two_seconds(self):
        s = self.start("trickle")
        seconds = s.stop()
        print(f"shutdown during a {STALL_SECONDS}s trickle took {seconds:.3f}s")
        self.assertLess(seconds, 2.0)

    def test_reload_during_a_stalled_response_takes_under_two_seconds_and_polling_goes_on(self):
        s = self.start("first-byte")
        started = time.monotonic()
        s.reload()
        wait_until(lambda: "Configuration reload finished" in s.log_text(), 10, interval=0.02, what="the reload")
        seconds = time.monotonic() - started
        print(f"reload during a {STALL_SECONDS}s stall took {seconds:.3f}s")
        self.assertLess(seconds, 2.0)
        wait_until(lambda: count_lines(self.output) >= 300, 10, what="the alerts after the reload")
        self.assertIn("kept across reload", s.log_text())


if __name__ == "__main__":
    unittest.main()

"""kill -9 at random moments during a drain, each followed by a restart on the same persist file: nothing missing,
and only messages not yet acknowledged sent again."""

import os
import random
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.delivery import tally  # noqa: E402
from lib.simulator import Simulator  # noqa: E402
from lib.syslogng import SyslogNg, count_lines, file_pipeline, source_block, wait_until  # noqa: E402

ALERTS = 20_000
WINDOW = 200  # log-iw-size: at most this many messages are in flight, unacknowledged, at any moment


class CrashTest(unittest.TestCase):
    def test_ten_kill_9_during_a_drain_lose_nothing(self):
        work = tempfile.mkdtemp(prefix="defender-it-")
        sim = Simulator(alerts=ALERTS, seed=11, history=12 * 3600).start()
        self.addCleanup(sim.cleanup)
        self.addCleanup(sim.stop)
        secret = os.path.join(work, "secret")
        with open(secret, "w") as f:
            f.write(sim.client_secret)
        os.chmod(secret, 0o600)
        output = os.path.join(work, "alerts.log")
        source = source_block(sim, secret, page_size="500", log_iw_size=str(WINDOW))
        syslog = SyslogNg(os.path.join(work, "syslog-ng"), file_pipeline(source, output))
        self.addCleanup(syslog.stop)

        # The drain runs at thousands of alerts a second: the random moments are random points of progress, so that
        # all ten kills land inside the drain.
        rng = random.Random(20261127)
        kill_points = sorted(rng.sample(range(500, ALERTS - 1000), 10))
        lines_at_kill = []
        for point in kill_points:
            syslog.start()
            wait_until(lambda: count_lines(output) >= point, 60, interval=0.002, what=f"{point} lines")
            syslog.kill9()
            lines_at_kill.append(count_lines(output))
        syslog.start()
        wait_until(lambda: count_lines(output) >= ALERTS and self._settled(output), 180, interval=0.5,
                   what="the drain to finish after the last restart")

        result = tally(sim.ledger(), output)
        print(f"kill points: {kill_points}\nlines when killed: {lines_at_kill}")
        self.assertLess(lines_at_kill[-1], ALERTS, "the drain finished before the tenth kill; the test proved less")
        self.assertEqual(result.missing, set())
        self.assertEqual(result.unexpected, set())
        # Only messages in flight at a kill can come again: at most one window per kill.
        self.assertLessEqual(result.duplicated, 10 * WINDOW)

    def _settled(self, path):
        n = count_lines(path)
        time.sleep(1.0)
        return count_lines(path) == n


if __name__ == "__main__":
    unittest.main()

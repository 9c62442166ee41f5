"""syslog-ng-ctl reload during a drain: the cursor is handed to the new configuration, nothing missing, nothing
sent twice."""

import os
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.delivery import tally  # noqa: E402
from lib.simulator import Simulator  # noqa: E402
from lib.syslogng import SyslogNg, count_lines, file_pipeline, source_block, wait_until  # noqa: E402

ALERTS = 15_000


class ReloadTest(unittest.TestCase):
    def test_reloads_during_a_drain_lose_nothing_and_repeat_nothing(self):
        work = tempfile.mkdtemp(prefix="defender-it-")
        sim = Simulator(alerts=ALERTS, seed=12, history=12 * 3600).start()
        self.addCleanup(sim.cleanup)
        self.addCleanup(sim.stop)
        secret = os.path.join(work, "secret")
        with open(secret, "w") as f:
            f.write(sim.client_secret)
        os.chmod(secret, 0o600)
        output = os.path.join(work, "alerts.log")
        syslog = SyslogNg(os.path.join(work, "syslog-ng"),
                          file_pipeline(source_block(sim, secret, page_size="500", log_iw_size="300"), output))
        self.addCleanup(syslog.stop)
        syslog.start()

        reloads = 0
        for point in range(1500, ALERTS - 1500, 1500):
            wait_until(lambda: count_lines(output) >= point, 60, interval=0.002, what=f"{point} lines")
            syslog.reload()
            reloads += 1
        wait_until(lambda: count_lines(output) >= ALERTS, 120, what="the drain to finish")
        time.sleep(3)

        result = tally(sim.ledger(), output)
        print(f"reloads={reloads}")
        self.assertEqual(reloads, 8)
        self.assertIn("kept across reload", syslog.log_text())
        self.assertEqual(result.missing, set())
        self.assertEqual(result.duplicated, 0)
        self.assertEqual(result.unexpected, set())


if __name__ == "__main__":
    unittest.main()

"""config/arcsight.conf end to end: defender-sim -> microsoft-defender(format(cef)) -> network() over TCP -> a local
TCP listener (the SmartConnector); every line parsed as RFC 3164 header + CEF."""

import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, "..", "integration")]
from lib.listener import StallingListener  # noqa: E402
from lib.syslogng import wait_until  # noqa: E402

from harness import cef_lines  # noqa: E402
from harness.example_run import ExampleRun  # noqa: E402
from harness.examples import CONFIG_DIR  # noqa: E402

ALERTS = 300


class ArcSightTest(unittest.TestCase):
    def test_every_alert_reaches_the_connector_as_one_cef_line_with_a_syslog_header(self):
        listener = StallingListener()
        self.addCleanup(listener.close)
        run = ExampleRun(self, CONFIG_DIR / "arcsight.conf", ALERTS, arcsight_host="127.0.0.1",
                         arcsight_port=str(listener.port))
        run.syslog.start()
        wait_until(lambda: listener.count() >= ALERTS, 60, what=f"{ALERTS} lines at the TCP listener")

        lines = listener.snapshot()
        for _, record in cef_lines.parse(lines):
            self.assertEqual(record["vendor"], "Microsoft")
        run.assert_every_alert_once(cef_lines.delivered(lines))


if __name__ == "__main__":
    unittest.main()

"""config/qradar.conf end to end: defender-sim -> microsoft-defender(format(leef)) -> network() over TCP -> a local
TCP listener (the QRadar event collector); every line read as the RFC 3164 header QRadar detects the log source by
(a host name, not an address) and a LEEF record. Skipped while this build does not accept format(leef)."""

import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, "..", "integration")]
from lib.listener import StallingListener  # noqa: E402
from lib.syslogng import wait_until  # noqa: E402

from harness import leef  # noqa: E402
from harness.example_run import ExampleRun  # noqa: E402
from harness.examples import CONFIG_DIR  # noqa: E402
from harness.formats import skip_unless_accepted  # noqa: E402
from harness.syslog_header import split  # noqa: E402

ALERTS = 300
EXAMPLE = CONFIG_DIR / "qradar.conf"


class QRadarTest(unittest.TestCase):
    def test_every_alert_reaches_qradar_as_one_leef_line_with_a_syslog_header(self):
        skip_unless_accepted(self, EXAMPLE.read_text())
        listener = StallingListener()
        self.addCleanup(listener.close)
        run = ExampleRun(self, EXAMPLE, ALERTS, qradar_host="127.0.0.1", qradar_port=str(listener.port))
        run.syslog.start()
        wait_until(lambda: listener.count() >= ALERTS, 60, what=f"{ALERTS} lines at the TCP listener")

        delivered = []
        for line in listener.snapshot():
            record = split(line)[3]
            parsed = leef.parse(record)
            self.assertEqual(parsed["vendor"], "Microsoft")
            attributes = parsed["attributes"]
            delivered.append((attributes["externalId"], int(attributes["lastUpdated"])))
        run.assert_every_alert_once(delivered)


if __name__ == "__main__":
    unittest.main()

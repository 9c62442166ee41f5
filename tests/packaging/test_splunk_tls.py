"""config/splunk-tls.conf end to end: defender-sim -> microsoft-defender(format(cef)) -> network() with TLS -> a
local TLS listener (the Splunk TCP input) with a throwaway CA; every line parsed as header + CEF."""

import os
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, "..", "integration")]
from lib.syslogng import wait_until  # noqa: E402

from harness import cef_lines  # noqa: E402
from harness.certs import make_server_certificate  # noqa: E402
from harness.example_run import ExampleRun  # noqa: E402
from harness.examples import CONFIG_DIR  # noqa: E402
from harness.listeners import TlsLineListener  # noqa: E402

ALERTS = 300


class SplunkTlsTest(unittest.TestCase):
    def test_every_alert_reaches_the_tls_input_as_one_cef_line(self):
        certificate = make_server_certificate(tempfile.mkdtemp(prefix="defender-tls-"))
        listener = TlsLineListener(certificate)
        self.addCleanup(listener.close)
        # 127.0.0.1: the name syslog-ng checks against the certificate's subjectAltName.
        run = ExampleRun(self, CONFIG_DIR / "splunk-tls.conf", ALERTS, splunk_host="127.0.0.1",
                         splunk_port=str(listener.port), splunk_ca_file=certificate["ca"])
        run.syslog.start()
        wait_until(lambda: listener.count() >= ALERTS, 60, what=f"{ALERTS} lines at the TLS listener")

        run.assert_every_alert_once(cef_lines.delivered(listener.snapshot()))


if __name__ == "__main__":
    unittest.main()

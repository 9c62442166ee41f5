"""config/splunk-hec.conf end to end: defender-sim -> microsoft-defender(format(json), or format(ocsf)) -> http() ->
a local HTTPS stand-in for Splunk's HTTP Event Collector, which checks each request's shape as HEC would take it."""

import os
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, "..", "integration")]
from lib import ocsf  # noqa: E402
from lib.simulator import parse_ticks  # noqa: E402
from lib.syslogng import wait_until  # noqa: E402

from harness.certs import make_server_certificate  # noqa: E402
from harness.example_run import ExampleRun  # noqa: E402
from harness.examples import CONFIG_DIR  # noqa: E402
from harness.listeners import HecListener  # noqa: E402

ALERTS = 300
TOKEN = "12345678-aaaa-bbbb-cccc-1234567890ab"


class SplunkHecTest(unittest.TestCase):
    def start(self, **defines):
        """The example against a local HEC, running; returns the listener and the run once ALERTS events arrived."""
        certificate = make_server_certificate(tempfile.mkdtemp(prefix="defender-hec-tls-"))
        hec = HecListener(certificate)
        self.addCleanup(hec.close)
        run = ExampleRun(self, CONFIG_DIR / "splunk-hec.conf", ALERTS, splunk_hec_url=hec.url(),
                         splunk_hec_token=TOKEN, splunk_ca_file=certificate["ca"], **defines)
        run.syslog.start()
        wait_until(lambda: hec.event_count() >= ALERTS, 60, what=f"{ALERTS} events at the HEC listener")
        return hec, run

    def test_every_alert_reaches_hec_as_an_event_of_the_add_on_sourcetype(self):
        hec, run = self.start()

        requests = hec.snapshot()
        self.assertLess(len(requests), ALERTS, "events are batched, several to a request")
        delivered = []
        for request in requests:
            self.assertEqual(request.path, "/services/collector/event")
            self.assertEqual(request.headers.get("Authorization"), f"Splunk {TOKEN}")
            self.assertEqual(request.headers.get("Content-Type"), "application/json")
            for event in request.events():
                self.assertEqual(event["sourcetype"], "ms:defender:atp:alerts")
                self.assertEqual(event["source"], "microsoft_defender_endpoint_atp_alerts")
                self.assertTrue(event["host"])
                alert = event["event"]
                self.assertIsInstance(alert, dict, "the alert goes in as a JSON object, not as a string")
                updated_ms = parse_ticks(alert["lastUpdateDateTime"]) // 10_000
                # HEC files the event under "time": the version's update time, in seconds with milliseconds.
                self.assertEqual(round(float(event["time"]) * 1000), updated_ms)
                delivered.append((alert["id"], updated_ms))
        run.assert_every_alert_once(delivered)

    def test_with_format_ocsf_every_alert_reaches_hec_as_a_valid_detection_finding(self):
        hec, run = self.start(defender_format="ocsf", splunk_sourcetype="ocsf:microsoft:defender")
        delivered = []
        for request in hec.snapshot():
            for event in request.events():
                self.assertEqual(event["sourcetype"], "ocsf:microsoft:defender")
                finding = event["event"]
                self.assertEqual(ocsf.problems(finding), [])
                self.assertEqual(finding["class_uid"], 2004)
                delivered.append((finding["finding_info"]["uid"], finding["finding_info"]["modified_time"]))
        run.assert_every_alert_once(delivered)


if __name__ == "__main__":
    unittest.main()

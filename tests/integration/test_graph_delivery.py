"""microsoft-defender() in the real syslog-ng 3.38 against defender-sim over TLS: every alert once, as valid CEF,
across a restart, and alerts added later arrive."""

import os
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.cef import parse_file  # noqa: E402
from lib.config_builder import simulator_source, to_files  # noqa: E402
from lib.simulator import Simulator  # noqa: E402
from lib.syslogng import SyslogNg, count_lines, wait_until, write_secret  # noqa: E402


def epoch_ms(ticks):
    return ticks // 10_000


class GraphDeliveryTest(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="defender-it-")
        self.sim = Simulator(alerts=5000, seed=7, history=6 * 3600).start()
        self.addCleanup(self.sim.cleanup)
        self.addCleanup(self.sim.stop)
        self.secret = write_secret(os.path.join(self.work, "defender.secret"), self.sim.client_secret + "\n")
        self.output = os.path.join(self.work, "alerts.log")
        config = to_files({"defender": (simulator_source(self.sim, self.secret, page_size=1000, poll_interval=2),
                                        self.output)})
        self.syslog = SyslogNg(os.path.join(self.work, "syslog-ng"), config)
        self.addCleanup(self.syslog.stop)

    def delivered(self):
        """The parsed CEF records of the output file, after checking each is one valid CEF line."""
        return parse_file(self.output)

    def assert_exactly_the_ledger(self, records, ledger):
        served = {(v["id"], epoch_ms(v["ticks"])) for v in ledger}
        got = [(r["extension"]["externalId"], int(r["extension"]["deviceCustomDate1"])) for r in records]
        missing = served - set(got)
        duplicated = len(got) - len(set(got))
        unexpected = set(got) - served
        print(f"delivered={len(got)} missing={len(missing)} duplicated={duplicated} unexpected={len(unexpected)}")
        self.assertEqual(missing, set())
        self.assertEqual(duplicated, 0)
        self.assertEqual(unexpected, set())

    def test_every_alert_once_as_cef_then_nothing_again_after_restart_and_new_alerts_arrive(self):
        self.syslog.start()
        wait_until(lambda: count_lines(self.output) >= 5000, 120, what="5000 alerts in the output")
        requests_after_drain = self.sim.stats()["apiRequests"]["total"]
        # A further poll must not send anything again.
        wait_until(lambda: self.sim.stats()["apiRequests"]["total"] > requests_after_drain, 20, what="another poll")
        time.sleep(0.5)

        records = self.delivered()
        self.assertEqual(len(records), 5000)
        for r in records:
            self.assertEqual(r["version"], "0")
            self.assertEqual(r["vendor"], "Microsoft")
            self.assertEqual(r["extension"]["deviceCustomDate1Label"], "lastUpdated")
        self.assert_exactly_the_ledger(records, self.sim.ledger())
        # Pages of 1000: five full pages at least, and the service was not asked thousands of times.
        self.assertGreaterEqual(self.sim.stats()["apiRequests"]["byStatus"].get("200", 0), 6)
        self.assertLess(self.sim.stats()["apiRequests"]["total"], 40)

        stop_seconds = self.syslog.stop()
        self.assertLess(stop_seconds, 10)
        self.syslog.start()
        requests_before = self.sim.stats()["apiRequests"]["total"]
        wait_until(lambda: self.sim.stats()["apiRequests"]["total"] >= requests_before + 2, 30,
                   what="two polls after the restart")
        self.assertEqual(count_lines(self.output), 5000, "a restart sent alerts again")

        added = self.sim.add_alerts(25)
        wait_until(lambda: count_lines(self.output) >= 5025, 30, what="the 25 alerts added after the restart")
        time.sleep(2.5)
        records = self.delivered()
        self.assertEqual(len(records), 5025)
        self.assert_exactly_the_ledger(records, self.sim.ledger())
        self.assertEqual({r["extension"]["externalId"] for r in records[5000:]}, {a["id"] for a in added})


if __name__ == "__main__":
    unittest.main()

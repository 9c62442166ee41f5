"""Every output format end to end: the alerts a simulator served arrive once each as CEF, LEEF 1.0, LEEF 2.0 (with
the default and a TAB delimiter) and JSON, each line valid for its standard's parser and carrying the version's id
and update time."""

import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.cef import parse_file  # noqa: E402
from lib.config_builder import simulator_source, to_files  # noqa: E402
from lib.delivery import Tally, epoch_ms, versions  # noqa: E402
from lib.simulator import Simulator, parse_ticks  # noqa: E402
from lib.syslogng import SyslogNg, count_lines, wait_until, write_secret  # noqa: E402

ALERTS = 400


class FormatsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = Simulator(alerts=ALERTS, seed=31, hostile_rate=0.2).start()
        cls.ledger = cls.sim.ledger()

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()
        cls.sim.cleanup()

    def deliver(self, **options):
        work = tempfile.mkdtemp(prefix="defender-it-")
        secret = write_secret(os.path.join(work, "secret"), self.sim.client_secret)
        output = os.path.join(work, "alerts.log")
        config = to_files({"defender": (simulator_source(self.sim, secret, **options), output)})
        syslog = SyslogNg(os.path.join(work, "syslog-ng"), config)
        self.addCleanup(syslog.stop)
        syslog.start()
        wait_until(lambda: count_lines(output) >= ALERTS, 60, what=f"{ALERTS} alerts")
        return output

    def assert_exactly_served(self, delivered):
        result = Tally(versions(self.ledger), delivered)
        print(result, flush=True)
        self.assertEqual((result.missing, result.duplicated, result.unexpected), (set(), 0, set()))

    def test_cef(self):
        records = parse_file(self.deliver(format="cef"))
        self.assertEqual({r["vendor"] for r in records}, {"Microsoft"})
        self.assert_exactly_served(
            [(r["extension"]["externalId"], int(r["extension"]["deviceCustomDate1"])) for r in records])

    def check_leef(self, records, version, delimiter):
        self.assertEqual({(r["version"], r["vendor"], r["delimiter"]) for r in records}, {(version, "Microsoft", delimiter)})
        self.assert_exactly_served([(r["attributes"]["externalId"], int(r["attributes"]["lastUpdated"])) for r in records])

    def test_leef_1_0_separates_attributes_with_tab(self):
        self.check_leef(parse_file(self.deliver(format="leef"), "leef-parse"), "1.0", "\t")

    def test_leef_2_0_with_its_default_delimiter(self):
        self.check_leef(parse_file(self.deliver(format="leef2"), "leef-parse"), "2.0", "^")

    def test_leef_2_0_with_a_tab_delimiter_given_as_its_code(self):
        self.check_leef(parse_file(self.deliver(format="leef2", leef_delimiter="x09"), "leef-parse"), "2.0", "\t")

    def test_json_is_the_alert_as_the_api_returned_it(self):
        with open(self.deliver(format="json"), encoding="utf-8") as f:
            alerts = [json.loads(line) for line in f]
        self.assert_exactly_served([(a["id"], epoch_ms(parse_ticks(a["lastUpdateDateTime"]))) for a in alerts])
        served = {a["id"]: a for a in self.sim.alerts({"$top": str(ALERTS)}).json()["value"]}
        for alert in alerts:
            self.assertEqual(alert, served[alert["id"]])


if __name__ == "__main__":
    unittest.main()

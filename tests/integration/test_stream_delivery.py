"""microsoft-defender-stream() end to end: real syslog-ng against defender-stream-sim (librdkafka's mock cluster),
counted against the simulator's ledger: 200,000 records over 8 partitions each once, tables() keeping exactly the
tables named, bodies that are not records envelopes delivered raw and tagged, and CEF lines a CEF parser reads."""

import collections
import os
import shutil
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.cef import parse_file  # noqa: E402
from lib.config_builder import configuration, file_destination, log_path  # noqa: E402
from lib.stream_rig import connection_string_file, delivered_keys, partition_lags, stream_source  # noqa: E402
from lib.stream_sim import StreamSim, marker_in  # noqa: E402
from lib.syslogng import SyslogNg, count_lines, wait_until  # noqa: E402

# Lines a run may still add once the expected count is reached: none should come, and a second is enough to see.
SETTLE_SECONDS = 2
SIGNATURE = "signature_id"  # the CEF header field that carries the event id


class StreamDeliveryTest(unittest.TestCase):
    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="defender-stream-")
        self.addCleanup(shutil.rmtree, self.workdir, ignore_errors=True)
        self.secret = connection_string_file(self.workdir)
        self.output = os.path.join(self.workdir, "out.txt")

    def run_source(self, sim, expected_lines, template="${MESSAGE}\n", timeout=180, **options):
        """Starts syslog-ng with the stream source writing to self.output, waits for `expected_lines` lines and a
        moment more, and returns the running SyslogNg (stopped at cleanup)."""
        driver = stream_source(sim, self.secret, **options)
        syslog = SyslogNg(os.path.join(self.workdir, "syslog-ng"),
                          configuration(log_path("stream", driver, file_destination(self.output, template))))
        syslog.start()
        self.addCleanup(syslog.stop)
        wait_until(lambda: count_lines(self.output) >= expected_lines, timeout, interval=0.2,
                   what=f"{expected_lines} lines")
        time.sleep(SETTLE_SECONDS)
        return syslog

    def test_200000_records_over_8_partitions_arrive_each_once(self):
        with StreamSim(records=200_000, partitions=8, seed=3) as sim:
            expected = sim.expected_keys()
            events = {(e["hub"], e["partition"], e["event"]) for e in sim.ledger()}
            syslog = self.run_source(sim, 200_000, format="json")
            delivered = collections.Counter(delivered_keys(self.output))
            print(f"served={sum(expected.values())} delivered={sum(delivered.values())} events={len(events)}")
            self.assertEqual(sum(expected.values()), 200_000)
            self.assertEqual(delivered, expected)
            self.assertEqual(syslog.defender_stat("records"), 200_000)
            self.assertEqual(syslog.defender_stat("kafka_messages"), len(events))
            self.assertEqual(syslog.defender_stat("partitions"), 8)
            self.assertEqual(syslog.defender_stat("parse_errors"), 0)
            self.assertEqual(syslog.defender_stat("records_skipped"), 0)
            self.assertIn("microsoft-defender-stream: source starting", syslog.log_text())
            # One partition_lag for each partition held, its instance the persist name, hub and partition: all read.
            self.assertEqual(partition_lags(syslog), {(hub, str(p)): 0 for hub in sim.hubs for p in range(8)})
            self.assertEqual(syslog.defender_stat("consumer_lag"), 0)

    def test_tables_keeps_exactly_the_tables_named(self):
        kept = {"DeviceProcessEvents", "AlertInfo", "EmailEvents"}
        with StreamSim(records=20_000, partitions=4, seed=5) as sim:
            expected = collections.Counter(
                e["key"] for e in sim.ledger() if "key" in e and e["table"] in kept)
            self.assertGreater(len(expected), 0)
            self.assertLess(len(expected), 20_000)
            syslog = self.run_source(
                sim, len(expected), format="json",
                tables=["DeviceProcessEvents", "AlertInfo", "AdvancedHunting-EmailEvents"])
            delivered = collections.Counter(delivered_keys(self.output))
            self.assertEqual(delivered, expected)
            self.assertEqual(syslog.defender_stat("records"), len(expected))
            self.assertEqual(syslog.defender_stat("records_skipped"), 20_000 - len(expected))

    def test_bodies_that_are_not_records_envelopes_arrive_raw_tagged_and_counted(self):
        with StreamSim(records=5_000, partitions=4, seed=9, malformed_every=5) as sim:
            markers = sim.malformed_markers()
            self.assertGreaterEqual(len(markers), 5)
            expected = sim.expected_keys()
            total = sum(expected.values()) + len(markers)
            syslog = self.run_source(sim, total, template="${TAGS}\t${MESSAGE}\n", format="json")
            with open(self.output, encoding="utf-8") as f:
                lines = [line.rstrip("\n").split("\t", 1) for line in f]
            self.assertEqual(len(lines), total)
            tagged = [message for tags, message in lines if ".defender.parse_error" in tags.split(",")]
            self.assertEqual(len(tagged), len(markers))
            for marker in markers:
                self.assertEqual(sum(1 for message in tagged if marker_in(message, marker)), 1, marker)
            self.assertEqual(syslog.defender_stat("parse_errors"), len(markers))

    def test_a_reload_mid_drain_loses_nothing_and_repeats_at_most_what_was_in_flight(self):
        window = 500
        with StreamSim(records=100_000, partitions=4, seed=29) as sim:
            expected = sim.expected_keys()
            driver = stream_source(sim, self.secret, format="json", log_iw_size=window)
            syslog = SyslogNg(os.path.join(self.workdir, "syslog-ng"),
                              configuration(log_path("stream", driver, file_destination(self.output))))
            syslog.start()
            self.addCleanup(syslog.stop)
            wait_until(lambda: count_lines(self.output) >= 30_000, 120, interval=0.05, what="30,000 lines")
            syslog.reload()
            wait_until(lambda: set(delivered_keys(self.output)) >= set(expected), 180, interval=1.0,
                       what="every record")
            time.sleep(SETTLE_SECONDS)
            delivered = collections.Counter(delivered_keys(self.output))
            repeats = sum((delivered - expected).values())
            print(f"served={sum(expected.values())} delivered={sum(delivered.values())} repeated={repeats}")
            self.assertFalse(expected - delivered)
            # The source leaving the group commits what was acknowledged; what was in flight is read again.
            self.assertLessEqual(repeats, window)

    def test_cef_lines_of_every_table_read_back_with_a_cef_parser(self):
        with StreamSim(records=3_000, partitions=2, seed=13) as sim:
            self.run_source(sim, 3_000, format="cef")
            events = parse_file(self.output)
            self.assertEqual(len(events), 3_000)
            # The event id is the table: a table the module maps and one it does not know alike.
            delivered = collections.Counter(e[SIGNATURE] for e in events)
            served = collections.Counter(e["table"] for e in sim.ledger() if "key" in e)
            self.assertEqual(delivered, served)


if __name__ == "__main__":
    unittest.main()

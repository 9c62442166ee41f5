"""Bursts: one fetch makes several messages and posts them back to back, never more than the source's window has
room for (posting past the window breaks syslog-ng: with the window ignored, 3.38 crashed here with signal 11). With
a window of one message, one smaller than a burst and one larger than the most a burst takes, every alert and every
stream record arrives once and syslog-ng keeps running."""

import collections
import os
import shutil
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.config_builder import configuration, file_destination, log_path  # noqa: E402
from lib.defender_rig import Rig  # noqa: E402
from lib.stream_rig import connection_string_file, delivered_keys, stream_source  # noqa: E402
from lib.stream_sim import StreamSim  # noqa: E402
from lib.syslogng import SyslogNg, count_lines, wait_until  # noqa: E402

# Lines a run may still add once the expected count is reached: none should come, and two seconds are enough to see.
SETTLE_SECONDS = 2


class AlertBurstsTest(unittest.TestCase):
    def drain(self, window):
        rig = Rig(self, alerts=2000, seed=21)
        syslog = rig.syslog(page_size=500, log_iw_size=window)
        syslog.start()
        rig.assert_served_exactly(timeout=120)
        self.assertTrue(syslog.alive())

    def test_a_window_of_one_message_delivers_every_alert_once(self):
        self.drain(1)

    def test_a_window_smaller_than_a_burst_delivers_every_alert_once(self):
        self.drain(3)

    def test_a_window_larger_than_a_burst_delivers_every_alert_once(self):
        self.drain(1000)


class StreamBurstsTest(unittest.TestCase):
    def drain(self, window):
        work = tempfile.mkdtemp(prefix="defender-stream-")
        self.addCleanup(shutil.rmtree, work, ignore_errors=True)
        output = os.path.join(work, "out.txt")
        with StreamSim(records=6000, partitions=2, seed=5) as sim:
            expected = sim.expected_keys()
            driver = stream_source(sim, connection_string_file(work), format="json", log_iw_size=window)
            syslog = SyslogNg(os.path.join(work, "syslog-ng"),
                              configuration(log_path("stream", driver, file_destination(output, "${MESSAGE}\n"))))
            syslog.start()
            self.addCleanup(syslog.stop)
            wait_until(lambda: count_lines(output) >= sum(expected.values()), 180, interval=0.2,
                       what=f"{sum(expected.values())} lines")
            time.sleep(SETTLE_SECONDS)
            self.assertEqual(collections.Counter(delivered_keys(output)), expected)
            self.assertTrue(syslog.alive())

    def test_a_window_of_one_message_delivers_every_record_once(self):
        self.drain(1)

    def test_a_window_smaller_than_a_burst_delivers_every_record_once(self):
        self.drain(3)

    def test_a_window_larger_than_a_burst_delivers_every_record_once(self):
        self.drain(1000)


if __name__ == "__main__":
    unittest.main()

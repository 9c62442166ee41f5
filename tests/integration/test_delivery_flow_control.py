"""A destination that stops accepting: with flags(flow-control) the source pauses, syslog-ng's memory stays
bounded, and when the destination reads again everything arrives — for each of the three APIs; the same with a
reliable disk buffer across a restart of syslog-ng (Graph: the buffer is syslog-ng's, the same for every API)."""

import os
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.config_builder import configuration, log_path, simulator_source, tcp_destination  # noqa: E402
from lib.defender_rig import TEMPLATE  # noqa: E402
from lib.delivery import api_versions, report  # noqa: E402
from lib.listener import StallingListener  # noqa: E402
from lib.simulator import Simulator, parse_ticks  # noqa: E402
from lib.syslogng import SyslogNg, wait_until, write_secret  # noqa: E402

# Simulator sizes whose API serves about 20,000 versions for Graph and the SIEM API and 10,000 for the alerts API
# (seed 13): the stall comes after the first few hundred messages whatever the backlog; the alerts API's smaller one
# keeps the file under a minute. (The SIEM API once held whole oversized answers, 93 MB at 40,000 records; answers
# past a bound are now abandoned and the window narrowed.)
SIM_ALERTS = {"graph": 20_000, "alerts": 17_100, "siem": 22_700}


def versions_of(lines):
    """(SIEM record id or alert id, update ticks) of each line the listener got, written with TEMPLATE."""
    out = []
    for line in lines:
        alert_id, record_id, updated, _ = line.split("\t")
        out.append((record_id or alert_id, parse_ticks(updated)))
    return out


class FlowControlTest(unittest.TestCase):
    def start_sim(self, api):
        self.api = api
        self.work = tempfile.mkdtemp(prefix="defender-it-")
        self.sim = Simulator(alerts=SIM_ALERTS[api], seed=13, history=12 * 3600).start()
        self.addCleanup(self.sim.cleanup)
        self.addCleanup(self.sim.stop)
        self.served = api_versions(self.sim.ledger(), api)
        self.secret = write_secret(os.path.join(self.work, "secret"), self.sim.client_secret)
        self.listener = StallingListener()
        self.addCleanup(self.listener.close)

    def config(self, *destination_options):
        # The alerts API's pages are split rather than continued (it promises no order): pages of 1,000 keep the
        # drain inside its documented 100 requests a minute.
        page_size = 1000 if self.api == "alerts" else 500
        source = simulator_source(self.sim, self.secret, api=self.api, page_size=page_size, log_iw_size=500)
        destination = tcp_destination(self.listener.port, TEMPLATE, "log-fifo-size(2000)", "so-sndbuf(65536)",
                                      *destination_options)
        return configuration(log_path("defender", source, destination))

    def api_requests(self):
        return self.sim.stats()["apiRequests"]["total"]

    def wait_for_stall(self, syslog):
        """Until the sim sees no new request for 3 s: the source has stopped fetching."""
        last, since = self.api_requests(), time.monotonic()
        deadline = time.monotonic() + 60
        while time.monotonic() - since < 3:
            self.assertLess(time.monotonic(), deadline, "the source never paused")
            time.sleep(0.25)
            now = self.api_requests()
            if now != last:
                last, since = now, time.monotonic()
        return last

    def assert_everything_arrived(self, allow_duplicates=0):
        wait_until(lambda: self.listener.count() >= len(self.served), 120, what="every alert at the listener")
        time.sleep(2)
        result = report(f"api={self.api}", self.served, versions_of(self.listener.snapshot()))
        self.assertEqual(result.missing, set())
        self.assertEqual(result.unexpected, set())
        self.assertLessEqual(result.duplicated, allow_duplicates)

    def stalled_destination_pauses_the_source(self, api):
        self.start_sim(api)
        self.listener.pause()
        syslog = SyslogNg(os.path.join(self.work, "syslog-ng"), self.config())
        self.addCleanup(syslog.stop)
        syslog.start()
        requests = self.wait_for_stall(syslog)
        rss_at_stall = syslog.rss_kib()
        time.sleep(4)
        self.assertEqual(self.api_requests(), requests, "the source kept fetching while the destination stalled")
        rss_after = syslog.rss_kib()
        print(f"api={api}: stalled after {requests} requests with {self.listener.count()} of {len(self.served)} "
              f"at the listener; RSS {rss_at_stall} KiB at the stall, {rss_after} KiB 4 s later", flush=True)
        self.assertLess(rss_after, 64 * 1024)
        self.assertLess(rss_after - rss_at_stall, 2 * 1024)
        self.listener.resume()
        self.assert_everything_arrived()

    def test_graph_a_stalled_destination_pauses_the_source_with_bounded_memory(self):
        self.stalled_destination_pauses_the_source("graph")

    def test_alerts_api_a_stalled_destination_pauses_the_source_with_bounded_memory(self):
        self.stalled_destination_pauses_the_source("alerts")

    def test_siem_a_stalled_destination_pauses_the_source_with_bounded_memory(self):
        self.stalled_destination_pauses_the_source("siem")

    def test_graph_a_reliable_disk_buffer_keeps_everything_across_a_restart_while_stalled(self):
        self.start_sim("graph")
        self.listener.pause()
        buffer_dir = os.path.join(self.work, "disk-buffer")
        os.makedirs(buffer_dir)
        syslog = SyslogNg(os.path.join(self.work, "syslog-ng"), self.config(
            f'disk-buffer(reliable(yes) disk-buf-size(1048576000) mem-buf-size(1048576) dir("{buffer_dir}"))'))
        self.addCleanup(syslog.stop)
        syslog.start()
        wait_until(lambda: self.api_requests() >= 10, 60, what="the drain to get going")
        syslog.stop()
        syslog.start()
        time.sleep(2)
        self.listener.resume()
        self.assert_everything_arrived(allow_duplicates=len(self.served) // 10)


if __name__ == "__main__":
    unittest.main()

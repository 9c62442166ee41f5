"""A destination that stops accepting: with flags(flow-control) the source pauses, syslog-ng's memory stays
bounded, and when the destination reads again everything arrives; the same with a reliable disk buffer across a
restart of syslog-ng."""

import os
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.cef import parse_lines  # noqa: E402
from lib.delivery import Tally, versions  # noqa: E402
from lib.listener import StallingListener  # noqa: E402
from lib.simulator import Simulator  # noqa: E402
from lib.syslogng import SyslogNg, source_block, wait_until  # noqa: E402

ALERTS = 20_000


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class FlowControlTest(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="defender-it-")
        self.sim = Simulator(alerts=ALERTS, seed=13, history=12 * 3600).start()
        self.addCleanup(self.sim.cleanup)
        self.addCleanup(self.sim.stop)
        self.secret = os.path.join(self.work, "secret")
        with open(self.secret, "w") as f:
            f.write(self.sim.client_secret)
        os.chmod(self.secret, 0o600)
        self.listener = StallingListener()
        self.addCleanup(self.listener.close)

    def config(self, destination_options=""):
        source = source_block(self.sim, self.secret, page_size="500", log_iw_size="500")
        return f"""@version: 3.38
options {{ stats-freq(0); }};
source s_defender {{
{source}
}};
destination d_siem {{
  network("127.0.0.1" port({self.listener.port}) transport(tcp) template("${{MESSAGE}}\\n")
          log-fifo-size(2000) so-sndbuf(65536) {destination_options});
}};
log {{ source(s_defender); destination(d_siem); flags(flow-control); }};
"""

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
        wait_until(lambda: self.listener.count() >= ALERTS, 120, what="every alert at the listener")
        time.sleep(2)
        records = parse_lines(self.listener.snapshot())
        result = Tally(versions(self.sim.ledger()),
                       [(r["extension"]["externalId"], int(r["extension"]["deviceCustomDate1"])) for r in records])
        print(result, flush=True)
        self.assertEqual(result.missing, set())
        self.assertEqual(result.unexpected, set())
        self.assertLessEqual(result.duplicated, allow_duplicates)

    def test_a_stalled_destination_pauses_the_source_with_bounded_memory(self):
        self.listener.pause()
        syslog = SyslogNg(os.path.join(self.work, "syslog-ng"), self.config())
        self.addCleanup(syslog.stop)
        syslog.start()
        requests = self.wait_for_stall(syslog)
        rss_at_stall = rss_kib(syslog.process.pid)
        time.sleep(4)
        self.assertEqual(self.api_requests(), requests, "the source kept fetching while the destination stalled")
        rss_after = rss_kib(syslog.process.pid)
        print(f"stalled after {requests} requests; RSS {rss_at_stall} KiB at the stall, {rss_after} KiB 4 s later",
              flush=True)
        self.assertLess(rss_after, 64 * 1024)
        self.assertLess(rss_after - rss_at_stall, 2 * 1024)
        self.listener.resume()
        self.assert_everything_arrived()

    def test_a_reliable_disk_buffer_keeps_everything_across_a_restart_while_stalled(self):
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
        self.assert_everything_arrived(allow_duplicates=ALERTS // 10)


if __name__ == "__main__":
    unittest.main()

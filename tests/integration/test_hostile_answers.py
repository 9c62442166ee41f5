"""Hostile answers in place of a fifth of the pages during a drain of 3,000 alerts from Graph — an alert nested
100,000 deep, a gzip bomb of 1 GiB, a 100 MiB body, numbers of 10,000 digits, keys that are not UTF-8, an alert of
33 million values, all kinds mixed — syslog-ng stays up and answering, its memory stays bounded, and every alert
arrives exactly once (a hostile answer replaces the page it stands for; the source must ask again)."""

import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.defender_rig import Rig  # noqa: E402
from lib.delivery import api_versions, report  # noqa: E402

ALERTS = 3000
PAGE = 100       # 30 pages at least: enough answers for every kind at a fifth
SEED = 88        # its first 12 page answers hold every kind (the rate is drawn from the seed and the answer number)
KINDS = ("deep-nesting", "gzip-bomb", "huge-body", "long-numbers", "invalid-utf8-keys", "wide-array")
RSS_BOUND_MIB = 256
DRAIN_SECONDS = 150


class Watch(threading.Thread):
    """Samples syslog-ng's resident memory every 50 ms and whether it is alive, until stopped or it dies."""

    def __init__(self, syslog):
        super().__init__(daemon=True)
        self.syslog = syslog
        self.pid = syslog.process.pid
        self.peak_kib = 0
        self.samples = 0
        self.died = False
        self.halt = threading.Event()

    def run(self):
        while not self.halt.wait(0.05):
            try:
                os.kill(self.pid, 0)
                self.peak_kib = max(self.peak_kib, self.syslog.rss_kib())
                self.samples += 1
            except (OSError, ValueError):
                self.died = True
                return


class HostileAnswersTest(unittest.TestCase):
    def test_graph_a_fifth_of_the_pages_hostile_syslog_ng_lives_in_bounded_memory_and_delivers_all_once(self):
        started = time.monotonic()
        rig = Rig(self, alerts=ALERTS, seed=SEED, history=6 * 3600,
                  sim_args=["--hostile-answers", "all", "--hostile-answer-rate", "0.2",
                            "--hostile-answer-targets", "pages"])
        served = api_versions(rig.sim.ledger(), "graph")
        syslog = rig.syslog(api="graph", page_size=PAGE).start()
        watch = Watch(syslog)
        watch.start()
        self.addCleanup(watch.halt.set)

        stats_answered = stats_failed = 0
        deadline = time.monotonic() + DRAIN_SECONDS
        while time.monotonic() < deadline and not watch.died and not set(rig.versions()) >= served:
            try:
                syslog.ctl("stats")
                stats_answered += 1
            except (RuntimeError, OSError):
                stats_failed += 1
            time.sleep(1)
        alive = syslog.alive() and not watch.died
        if alive:
            rig.settle(0)
        watch.halt.set()
        watch.join(5)
        peak_hwm = syslog.peak_rss_kib() if syslog.alive() else 0
        hostile = rig.sim.hostile_answers()
        result = report("graph, a fifth of the pages hostile", served, rig.versions())
        print(f"hostile answers served: {hostile['byKind']}; requests={rig.sim.stats()['apiRequests']['total']}; "
              f"syslog-ng {'alive' if alive else 'DIED'}; syslog-ng-ctl stats answered {stats_answered} times, "
              f"failed {stats_failed}; peak RSS sampled {watch.peak_kib / 1024:.1f} MiB ({watch.samples} samples), "
              f"high-water mark {peak_hwm / 1024:.1f} MiB; {time.monotonic() - started:.1f}s", flush=True)
        self.assertTrue(alive, "syslog-ng died:\n" + syslog.log_text()[-3000:])
        self.assertEqual(stats_failed, 0)
        self.assertGreater(stats_answered, 0)
        self.assertEqual({k for k, n in hostile["byKind"].items() if n}, set(KINDS))
        self.assertLess(max(watch.peak_kib, peak_hwm), RSS_BOUND_MIB * 1024)
        self.assertEqual(len(result.missing), 0, f"{len(result.missing)} missing")
        self.assertEqual(result.duplicated, 0)
        self.assertEqual(result.unexpected, set())


if __name__ == "__main__":
    unittest.main()

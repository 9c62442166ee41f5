"""The faults a real service has, each against the real syslog-ng: 429 with Retry-After in seconds and as an HTTP date
(the gap is measured from the simulator's request log), server errors (exponential backoff, a degraded state in stats
and the log, recovery without a restart), connection resets and cut-off bodies (nothing lost, nothing twice), tokens
that die early (one refresh), an alerts API that cannot expand evidence (the window is read without it), and the
request budget (never exceeded, counted from the simulator's request log)."""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.defender_rig import Rig  # noqa: E402
from lib.syslogng import wait_until  # noqa: E402

TICKS = 10_000_000


class FaultsBudgetsTest(unittest.TestCase):
    def start(self, alerts=600, sim_args=(), faults=(), **options):
        self.rig = Rig(self, alerts=alerts, seed=9, sim_args=sim_args)
        self.sim = self.rig.sim
        for fault in faults:
            r = self.sim.request("POST", "/_sim/faults", body=fault)
            self.assertEqual(r.status, 200, r.text())
        self.syslog = self.rig.syslog(**options).start()
        return self.syslog

    def requests(self):
        return self.sim.request("GET", "/_sim/requests").json()

    def assert_everything_once(self, api="graph"):
        self.rig.assert_served_exactly(api, timeout=90)

    def gap_after(self, status):
        """Seconds between the first request answered with `status` and the request after it."""
        log = self.requests()
        index = next(i for i, r in enumerate(log) if r["status"] == status)
        return (log[index + 1]["at"] - log[index]["at"]) / TICKS

    def test_429_waits_as_long_as_retry_after_says_in_seconds(self):
        self.start(faults=['{"kind": "429", "count": 1, "api": "graph", "retry-after": 4}'])
        self.assert_everything_once()
        gap = self.gap_after(429)
        print(f"Retry-After: 4 -> the next request came {gap:.2f}s later")
        self.assertGreaterEqual(gap, 4.0)
        self.assertLess(gap, 5.5)
        self.assertEqual(self.syslog.defender_stat("requests_429"), 1)

    def test_429_waits_until_the_http_date_of_retry_after(self):
        self.start(faults=['{"kind": "429", "count": 1, "api": "graph", "retry-after": 5, '
                           '"retry-after-form": "date"}'])
        self.assert_everything_once()
        gap = self.gap_after(429)
        print(f"Retry-After: <date 5s ahead> -> the next request came {gap:.2f}s later")
        self.assertGreaterEqual(gap, 4.0)  # an HTTP date has whole seconds
        self.assertLess(gap, 6.5)

    def test_server_errors_back_off_exponentially_show_degraded_and_recover_without_a_restart(self):
        s = self.start(faults=['{"kind": "500", "count": 3, "api": "graph"}'])
        wait_until(lambda: s.defender_stat("consecutive_failures") >= 2, 20, what="two failures in a row")
        self.assertEqual(s.defender_stat("degraded"), 1)
        self.assert_everything_once()
        self.assertEqual(s.defender_stat("degraded"), 0)
        self.assertEqual(s.defender_stat("consecutive_failures"), 0)
        log = self.requests()
        failed = [i for i, r in enumerate(log) if r["status"] == 500]
        gaps = [(log[i + 1]["at"] - log[i]["at"]) / TICKS for i in failed]
        print("backoff after each 500: " + ", ".join(f"{g:.2f}s" for g in gaps))
        # Equal jitter: between half and all of 2 s, 4 s, 8 s.
        for gap, ceiling in zip(gaps, (2, 4, 8)):
            self.assertGreaterEqual(gap, ceiling / 2 - 0.1)
            self.assertLessEqual(gap, ceiling + 0.6)
        text = s.log_text()
        self.assertEqual(text.count("the API answered HTTP 500"), 3)
        self.assertEqual(text.count("the API answers again"), 1)  # syslog-ng writes ';' as '\;'
        self.assertEqual(text.count("microsoft-defender: "), text.count("microsoft-defender: source starting") + 4)
        self.assertIn("failed_attempts='3'", text)

    def test_resets_and_cut_off_bodies_lose_nothing_and_repeat_nothing(self):
        s = self.start(alerts=1200, page_size=200, faults=[
            '{"kind": "reset", "count": 1, "api": "graph"}',
            '{"kind": "truncate", "mode": "json", "count": 1, "api": "graph"}',
            '{"kind": "truncate", "mode": "connection", "count": 1, "api": "graph"}',
        ])
        self.assert_everything_once()
        applied = self.sim.request("GET", "/_sim/faults").json()["applied"]
        self.assertEqual([a["kind"] for a in applied], ["reset", "truncate", "truncate"])
        self.assertEqual(s.defender_stat("requests_network"), 2)
        self.assertEqual(s.defender_stat("parse_errors"), 1)
        self.assertIn("was cut off or malformed", s.log_text())

    def test_tokens_that_die_early_are_refreshed_once_each_time(self):
        s = self.start(sim_args=["--token-max-age", "3"])
        self.assert_everything_once()
        for _ in range(4):
            self.sim.add_alerts(3)
            time.sleep(2)
        self.assert_everything_once()
        self.assertGreaterEqual(s.defender_stat("requests_401"), 1)
        self.assertGreaterEqual(s.defender_stat("token_refreshes"), 2)
        self.assertNotIn("a fresh token was refused too", s.log_text())

    def test_an_alerts_api_that_cannot_expand_evidence_does_not_stall_the_source(self):
        s = self.start(api="alerts", faults=['{"kind": "500", "count": 3, "api": "alerts"}'])
        self.assert_everything_once(api="alerts")
        warning = self.rig.the_one_error(s, "while asked for $expand=evidence", quiet_seconds=0)
        self.assertIn("set expand-evidence(no)", warning)
        log = self.requests()
        third = [i for i, r in enumerate(log) if r["status"] == 500][2]
        self.assertLess((log[third + 1]["at"] - log[third]["at"]) / TICKS, 1.0, "the window without it is read at once")

    def test_the_request_budget_is_never_exceeded(self):
        per_minute = 4
        s = self.start(alerts=1500, page_size=50, requests_per_minute=per_minute)
        time.sleep(70)
        log = self.requests()
        times = [r["at"] for r in log]
        self.assertGreater(len(times), per_minute, "the budget let too few requests through")
        first = times[0]
        in_first_minute = sum(1 for t in times if t - first < 60 * TICKS)
        print(f"requests-per-minute({per_minute}): {len(times)} requests in 70s, {in_first_minute} in the first "
              f"minute, budget_waits={s.defender_stat('budget_waits')}")
        self.assertEqual(in_first_minute, per_minute)
        for earlier, later in zip(times, times[per_minute:]):
            self.assertGreaterEqual(later - earlier, 60 * TICKS)
        self.assertGreaterEqual(s.defender_stat("budget_waits"), 1)
        self.assertNotIn(429, [r["status"] for r in log])


if __name__ == "__main__":
    unittest.main()

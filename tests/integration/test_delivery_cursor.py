"""The cursor moves when nothing is new, and the lag figure stays true — for each of the three APIs.

One defender-sim serves a source of each API in one syslog-ng, with poll-interval(2). After the drain, with no new
alerts: cursor_lag_seconds (syslog-ng-ctl stats) stays within a few seconds of poll-interval, and the persisted
position (the start-up line "position=...") moves forward across an idle spell between two restarts, by the time
between the stops that persisted it, give or take a poll-interval, while nothing is sent again. Idle, each source makes
one request per poll-interval and asks for no token (the one it has lasts an hour)."""

import os
import re
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.config_builder import simulator_source, to_files  # noqa: E402
from lib.defender_rig import TEMPLATE  # noqa: E402
from lib.delivery import api_versions, report, rig_versions  # noqa: E402
from lib.simulator import Simulator, parse_ticks  # noqa: E402
from lib.syslogng import SyslogNg, wait_until, write_secret  # noqa: E402

APIS = ("graph", "alerts", "siem")
POLL = 2
SLACK = 3          # seconds the lag may exceed poll-interval: one request, and the stats refresh (at most 1 s)
IDLE = 8           # seconds between the two restarts with nothing new
SAMPLES = 16       # lag samples, half a second apart
STARTING = re.compile(r"source starting; persist_name='microsoft-defender\.[^,]+,(\w+)'.* position=(\S+) \(([^)]*)\)")


def instance(api):
    return f"microsoft-defender.contoso.onmicrosoft.com,{api}"


class CursorIdleTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        started = time.monotonic()
        cls.work = tempfile.mkdtemp(prefix="defender-it-")
        cls.sim = Simulator(alerts=1000, seed=51, history=3 * 3600).start()
        cls.addClassCleanup(cls.sim.cleanup)
        cls.addClassCleanup(cls.sim.stop)
        secret = write_secret(os.path.join(cls.work, "secret"), cls.sim.client_secret)
        cls.outputs = {api: os.path.join(cls.work, f"{api}.log") for api in APIS}
        config = to_files({api: (simulator_source(cls.sim, secret, api=api, poll_interval=POLL), cls.outputs[api])
                           for api in APIS}, TEMPLATE)
        cls.syslog = syslog = SyslogNg(os.path.join(cls.work, "syslog-ng"), config)
        cls.addClassCleanup(syslog.stop)
        syslog.start()

        cls.served = {api: api_versions(cls.sim.ledger(), api) for api in APIS}
        for api in APIS:
            wait_until(lambda: set(rig_versions(cls.outputs[api])) >= cls.served[api], 60, what=f"the {api} drain")
        time.sleep(POLL + 1)
        cls.lags = {api: [] for api in APIS}
        requests_before, tokens_before = len(cls.sim.requests_log()), cls.sim.stats()["tokenRequests"]["total"]
        idle_from = time.monotonic()
        for _ in range(SAMPLES):
            stats = syslog.stats()
            for api in APIS:
                cls.lags[api].append(next(value for (component, _, inst, name), value in stats.items()
                                          if component.startswith("src.microsoft-defender")
                                          and inst == instance(api) and name == "cursor_lag_seconds"))
            time.sleep(0.5)
        cls.idle_seconds = time.monotonic() - idle_from
        cls.idle_requests = [r["api"] for r in cls.sim.requests_log(requests_before)]
        cls.idle_tokens = cls.sim.stats()["tokenRequests"]["total"] - tokens_before

        # Two restarts around an idle spell: the second start-up reads a later position than the first.
        syslog.stop()
        cls.positions, cls.stopped_at = [], [time.time()]
        for _ in range(2):
            log_from = len(syslog.log_text())
            syslog.start()
            lines = STARTING.findall(syslog.log_text()[log_from:])
            cls.positions.append({api: (parse_ticks(position), how) for api, position, how in lines})
            time.sleep(IDLE)
            syslog.stop()
            cls.stopped_at.append(time.time())
        print(f"cursor idle run: {time.monotonic() - started:.1f}s", flush=True)

    def cursor_moves_when_nothing_is_new(self, api):
        lags = self.lags[api]
        (first, first_how), (second, second_how) = self.positions[0][api], self.positions[1][api]
        moved = (second - first) / 10_000_000
        # Each start-up reads what the stop before it persisted: the position of the last poll before that stop.
        between = self.stopped_at[1] - self.stopped_at[0]
        result = report(f"api={api}", self.served[api], rig_versions(self.outputs[api]))
        print(f"api={api}: cursor_lag_seconds {lags} with poll-interval({POLL}); the persisted position moved "
              f"{moved:.1f}s between stops {between:.1f}s apart with nothing new", flush=True)
        self.assertTrue(all(0 <= lag <= POLL + SLACK for lag in lags), lags)
        self.assertEqual((first_how, second_how), ("restored checkpoint", "restored checkpoint"))
        self.assertGreaterEqual(moved, between - POLL - SLACK)
        self.assertLessEqual(moved, between + POLL)
        self.assertEqual(result.missing, set())
        self.assertEqual(result.duplicated, 0)
        self.assertEqual(result.unexpected, set())

    def one_request_per_poll_interval_when_idle(self, api):
        requests = self.idle_requests.count(api)
        polls = self.idle_seconds / POLL
        print(f"api={api}: {requests} requests and {self.idle_tokens} token requests in {self.idle_seconds:.1f}s idle "
              f"with poll-interval({POLL})", flush=True)
        # Whole polls in the span, give or take the one at either edge.
        self.assertGreaterEqual(requests, int(polls) - 1)
        self.assertLessEqual(requests, int(polls) + 1)
        self.assertEqual(self.idle_tokens, 0)

    def test_graph_one_request_per_poll_interval_when_idle(self):
        self.one_request_per_poll_interval_when_idle("graph")

    def test_alerts_api_one_request_per_poll_interval_when_idle(self):
        self.one_request_per_poll_interval_when_idle("alerts")

    def test_siem_one_request_per_poll_interval_when_idle(self):
        self.one_request_per_poll_interval_when_idle("siem")

    def test_graph_cursor_moves_when_nothing_is_new(self):
        self.cursor_moves_when_nothing_is_new("graph")

    def test_alerts_api_cursor_moves_when_nothing_is_new(self):
        self.cursor_moves_when_nothing_is_new("alerts")

    def test_siem_cursor_moves_when_nothing_is_new(self):
        self.cursor_moves_when_nothing_is_new("siem")


if __name__ == "__main__":
    unittest.main()

"""defender-sim: a service clock that runs ahead of or behind the host's (--clock-offset, "clock-offset" in
/_sim/hazards). Every "now" of the service follows it: the Date header of every answer, the times of the alerts it
makes (on request and from the steady feed), what a query can see, the token times, the ledger and the request log."""

import base64
import email.utils
import json
import math
import os
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "integration"))
from lib.simulator import ALERTS_V2, Simulator, binary_path, format_ticks, parse_ticks  # noqa: E402

SECOND = 10_000_000
BEHIND = -1200  # a host 20 minutes ahead of the service
AHEAD = 1200    # a host 20 minutes behind it
HISTORY = 3600


def host_ticks():
    return time.time_ns() // 100


class ServiceWindow:
    """The service's "now" while the block ran: the host's clock before and after, plus the offset."""

    def __init__(self, offset_seconds):
        self.offset = offset_seconds * SECOND

    def __enter__(self):
        self.lo = host_ticks() + self.offset
        return self

    def __exit__(self, *exc):
        self.hi = host_ticks() + self.offset

    def seconds(self):
        """The whole seconds a Date header written in the window can show."""
        return math.floor(self.lo / SECOND), math.floor(self.hi / SECOND)


def date_seconds(response):
    return int(email.utils.parsedate_to_datetime(response.headers["Date"]).timestamp())


def jwt_claims(token):
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


class ServiceBehindTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.started = ServiceWindow(BEHIND)
        with cls.started:
            cls.sim = Simulator(alerts=40, seed=21, history=HISTORY, budgets="off", clock_offset=BEHIND).start()
        cls.token = cls.sim.access_token()

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()
        cls.sim.cleanup()

    def assert_date_in(self, response, window):
        lo, hi = window.seconds()
        self.assertTrue(lo <= date_seconds(response) <= hi, (response.headers["Date"], lo, hi))

    def assert_ticks_in(self, ticks, window):
        self.assertTrue(window.lo <= ticks <= window.hi, (format_ticks(ticks), format_ticks(window.lo),
                                                           format_ticks(window.hi)))

    def test_the_date_header_of_every_answer_is_the_service_time(self):
        answers = {
            "token": lambda: self.sim.request_token(),
            "token error": lambda: self.sim.request_token(client_secret="wrong"),
            "page": lambda: self.sim.alerts({"$top": "1"}, token=self.token),
            "api error": lambda: self.sim.alerts({"$top": "1"}, token="not-a-token"),
            "alerts api": lambda: self.sim.mde_alerts({"$top": "1"}),
            "siem api": lambda: self.sim.siem_alerts({"ago": "PT1H"}),
            "control": lambda: self.sim.request("GET", "/_sim/stats"),
        }
        statuses = {}
        for name, call in answers.items():
            with ServiceWindow(BEHIND) as window:
                r = call()
            statuses[name] = r.status
            self.assert_date_in(r, window)
        self.assertEqual(statuses, {"token": 200, "token error": 401, "page": 200, "api error": 401,
                                    "alerts api": 200, "siem api": 200, "control": 200})

    def test_the_first_alerts_lie_in_the_history_before_the_service_start(self):
        initial = self.sim.ledger()[:40]  # the first entries, whatever the other tests added since
        self.assertEqual([e["seq"] for e in initial], list(range(40)))
        for entry in initial:
            self.assertTrue(self.started.lo - HISTORY * SECOND <= entry["ticks"] < self.started.hi, entry)
            self.assert_ticks_in(entry["visibleAt"], self.started)

    def test_new_alerts_carry_the_service_time_in_the_ledger_and_on_the_page(self):
        with ServiceWindow(BEHIND) as window:
            added = self.sim.add_alerts(5)
        for a in added:
            self.assert_ticks_in(a["ticks"], window)
            self.assertEqual(a["visibleAt"], a["ticks"])
        since = format_ticks(min(a["ticks"] for a in added))
        page = self.sim.alerts({"$filter": "lastUpdateDateTime ge %s" % since}, token=self.token).json()["value"]
        self.assertEqual({a["id"] for a in page}, {a["id"] for a in added})
        for alert in page:
            self.assert_ticks_in(parse_ticks(alert["createdDateTime"]), window)
            self.assert_ticks_in(parse_ticks(alert["lastUpdateDateTime"]), window)

    def test_the_steady_feed_carries_the_service_time(self):
        start = len(self.sim.ledger())
        with ServiceWindow(BEHIND) as window:
            self.sim.set_hazards(feed_rate=20)
            time.sleep(1)
            self.sim.set_hazards(feed_rate=0)
        fed = self.sim.ledger(start)
        self.assertGreaterEqual(len(fed), 10)
        for entry in fed:
            self.assert_ticks_in(entry["ticks"], window)
            self.assert_ticks_in(entry["visibleAt"], window)

    def test_the_newest_alerts_are_20_minutes_old_by_the_host_clock(self):
        with ServiceWindow(BEHIND) as window:
            added = self.sim.add_alerts(3)
        host_now = window.hi - BEHIND * SECOND

        def since(minutes):
            query = {"$filter": "lastUpdateDateTime ge %s" % format_ticks(host_now - minutes * 60 * SECOND)}
            return {a["id"] for a in self.sim.alerts(query, token=self.token).json()["value"]}

        self.assertEqual(since(19), set())
        self.assertLessEqual({a["id"] for a in added}, since(21))

    def test_token_times_are_the_service_time(self):
        with ServiceWindow(BEHIND) as window:
            v1 = self.sim.request_token(1).json()
            v2 = self.sim.request_token().json()
        lo, hi = window.seconds()
        not_before = int(v1["not_before"])
        self.assertTrue(lo <= not_before <= hi, (not_before, lo, hi))
        self.assertEqual(int(v1["expires_on"]) - not_before, int(v1["expires_in"]))
        for token in (v1["access_token"], v2["access_token"]):
            claims = jwt_claims(token)
            self.assertTrue(lo <= claims["iat"] <= hi, (claims, lo, hi))
            self.assertEqual((claims["nbf"], claims["exp"] - claims["iat"]), (claims["iat"], 3599))

    def test_the_request_log_has_the_service_time(self):
        start = len(self.sim.requests_log())
        with ServiceWindow(BEHIND) as window:
            self.sim.alerts({"$top": "1"}, token=self.token)
        [logged] = self.sim.requests_log(start)
        self.assert_ticks_in(logged["at"], window)

    def test_the_offset_moves_at_run_time(self):
        try:
            self.assertEqual(self.sim.set_hazards(clock_offset=3600)["clock-offset"], 3600)
            with ServiceWindow(3600) as window:
                r = self.sim.alerts({"$top": "1"}, token=self.token)
            self.assert_date_in(r, window)
        finally:
            self.assertEqual(self.sim.set_hazards(clock_offset=BEHIND)["clock-offset"], BEHIND)
        with ServiceWindow(BEHIND) as window:
            r = self.sim.alerts({"$top": "1"}, token=self.token)
        self.assert_date_in(r, window)

    def test_offsets_that_are_not_seconds_within_a_year_are_refused(self):
        for body in ({"clock-offset": "soon"}, {"clock-offset": 31536001}, {"clock-offset": -31536001}):
            r = self.sim.request("POST", "/_sim/hazards", body=json.dumps(body))
            self.assertEqual(r.status, 400, body)
            self.assertIn("clock-offset", r.json()["error"])
        self.assertEqual(self.sim.hazards()["clock-offset"], BEHIND)
        result = subprocess.run([binary_path(), "--tls-dir", self.sim.tls_dir, "--clock-offset", "1h"],
                                capture_output=True, text=True, timeout=10)
        self.assertEqual(result.returncode, 2)
        self.assertIn("invalid value '1h' for clock-offset", result.stderr)


class ServiceAheadTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = Simulator(alerts=10, seed=22, history=HISTORY, budgets="off", clock_offset=AHEAD).start()

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()
        cls.sim.cleanup()

    def test_a_new_alert_is_visible_at_once_though_the_host_will_reach_its_time_in_20_minutes(self):
        with ServiceWindow(AHEAD) as window:
            added = self.sim.add_alerts(4)
        self.assertTrue(all(window.lo <= a["ticks"] <= window.hi for a in added), added)
        self.assertEqual([a["visibleAt"] for a in added], [a["ticks"] for a in added])
        since = format_ticks(min(a["ticks"] for a in added))
        page = self.sim.alerts({"$filter": "lastUpdateDateTime ge %s" % since}).json()["value"]
        self.assertEqual({a["id"] for a in page}, {a["id"] for a in added})

    def test_an_ingestion_delay_counts_from_the_service_time(self):
        self.sim.set_hazards(ingestion_delay=1)
        try:
            added = self.sim.add_alerts(2)
        finally:
            self.sim.set_hazards(ingestion_delay=0)
        since = format_ticks(min(a["ticks"] for a in added))
        query = {"$filter": "lastUpdateDateTime ge %s" % since}
        self.assertEqual(self.sim.alerts(query).json()["value"], [])
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not self.sim.alerts(query).json()["value"]:
            time.sleep(0.1)
        self.assertEqual({a["id"] for a in self.sim.alerts(query).json()["value"]}, {a["id"] for a in added})

    def test_the_date_header_is_ahead_of_the_host(self):
        with ServiceWindow(AHEAD) as window:
            r = self.sim.get(ALERTS_V2 + "?$top=1", token=self.sim.access_token())
        lo, hi = window.seconds()
        self.assertTrue(lo <= date_seconds(r) <= hi, (r.headers["Date"], lo, hi))


if __name__ == "__main__":
    unittest.main()

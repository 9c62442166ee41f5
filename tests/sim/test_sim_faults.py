"""defender-sim: faults, switched on from the command line and at run time through /_sim/faults — 429 with
Retry-After (seconds or an HTTP date), 5xx, connection resets, truncated bodies, slow answers, tokens that die early,
broken alerts inside a valid page — and the documented request budgets enforced as throttling."""

import email.utils
import http.client
import json
import os
import re
import socket
import ssl
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "integration"))
from lib.simulator import ALERTS_V2, Simulator  # noqa: E402

GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
PAGE = ALERTS_V2 + "?$top=20"


def raw_get(sim, path, token, timeout=10):
    """One request on a fresh connection, with TLS done in memory over a plain socket so that the transport's own
    ending shows: returns (head, body, ending) where ending is None for a FIN, ConnectionResetError for a RST, or
    the timeout. Python's ssl sockets report a reset under TLS as a mere unexpected EOF."""
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    tls = sim.ssl_context().wrap_bio(incoming, outgoing, server_hostname="127.0.0.1")
    data, ending = b"", None
    with socket.create_connection(("127.0.0.1", sim.port), timeout=timeout) as raw:
        def pump():
            """Sends what TLS has to send, and gives it what arrives; False at the end of the stream."""
            nonlocal ending
            out = outgoing.read()
            if out:
                raw.sendall(out)
            try:
                chunk = raw.recv(65536)
            except OSError as e:
                ending = e
                return False
            if not chunk:
                incoming.write_eof()
                return False
            incoming.write(chunk)
            return True

        while True:
            try:
                tls.do_handshake()
                break
            except ssl.SSLWantReadError:
                if not pump():
                    raise ending or ConnectionError("closed during the handshake")
        tls.write(("GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nAuthorization: Bearer %s\r\nConnection: close\r\n\r\n"
                   % (path, sim.port, token)).encode())
        more = True
        while True:
            try:
                chunk = tls.read(65536)
                if chunk:
                    data += chunk
                    continue
            except ssl.SSLWantReadError:
                if more:
                    more = pump()
                    continue
            except (ssl.SSLZeroReturnError, ssl.SSLEOFError):
                pass
            break
    head, _, body = data.partition(b"\r\n\r\n")
    return head.decode(), body, ending


def content_length(head):
    return int(re.search(r"(?im)^content-length: *(\d+)", head).group(1))


class KeepAlive:
    """Many requests on one connection, quickly (budgets need a hundred and more)."""

    def __init__(self, sim):
        self.sim = sim
        self.conn = http.client.HTTPSConnection("127.0.0.1", sim.port, context=sim.ssl_context(), timeout=10)

    def get(self, path, token):
        self.conn.request("GET", path, headers={"Authorization": "Bearer " + token})
        r = self.conn.getresponse()
        r.read()
        return r.status, r.getheader("Retry-After")

    def close(self):
        self.conn.close()


class FaultTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = cls.enterClassContext(Simulator(alerts=60, seed=3, budgets="off"))
        cls.token = cls.sim.access_token()
        cls.normal = cls.sim.get(PAGE, token=cls.token).body

    def setUp(self):
        self.sim.clear_faults()

    def get(self, path=PAGE):
        return self.sim.get(path, token=self.token)

    def test_429_with_retry_after_seconds_for_the_next_n(self):
        before = self.sim.stats()["apiRequests"]["byStatus"].get("429", 0)
        self.sim.add_fault("429", count=2, retry_after=7)
        for _ in range(2):
            r = self.get()
            self.assertEqual((r.status, r.headers.get("Retry-After")), (429, "7"))
            err = r.json()["error"]
            self.assertEqual(err["code"], "TooManyRequests")
            self.assertEqual(set(err["innerError"]), {"date", "request-id", "client-request-id"})
        self.assertEqual(self.get().status, 200)
        self.assertEqual(self.sim.stats()["apiRequests"]["byStatus"]["429"] - before, 2)
        self.assertEqual([a["kind"] for a in self.sim.faults()["applied"][-2:]], ["429", "429"])

    def test_429_with_retry_after_as_http_date(self):
        self.sim.add_fault("429", retry_after=30, retry_after_form="date")
        r = self.get()
        self.assertEqual(r.status, 429)
        when = email.utils.parsedate_to_datetime(r.headers.get("Retry-After")).timestamp()
        self.assertLess(abs(when - (time.time() + 30)), 3)

    def test_a_fault_for_one_api_spares_the_others(self):
        self.sim.add_fault("429", count=1, api="alerts")
        self.assertEqual(self.get().status, 200)
        r = self.sim.mde_alerts({"$top": "1"})
        self.assertEqual((r.status, r.headers.get("Retry-After")), (429, "1"))
        self.assertEqual(list(r.json()["error"]), ["code", "message", "target"])
        self.assertRegex(r.json()["error"]["target"], GUID)
        self.sim.add_fault("503", count=1, api="siem+alerts", retry_after=4)
        self.assertEqual(self.get().status, 200)
        r = self.sim.siem_alerts({})
        self.assertEqual((r.status, r.headers.get("Retry-After")), (503, "4"))
        self.assertEqual(r.json()["error"]["code"], "ServiceUnavailable")

    def test_5xx(self):
        for status, code in ((500, "InternalServerError"), (502, "BadGateway"), (503, "ServiceUnavailable"),
                             (504, "GatewayTimeout")):
            self.sim.add_fault(str(status))
            r = self.get()
            self.assertEqual(r.status, status)
            self.assertEqual(r.json()["error"]["code"], code)
            self.assertEqual(r.headers.get("Retry-After") is not None, status == 503)
            self.assertEqual(self.get().status, 200)

    def test_faults_at_a_rate(self):
        self.sim.add_fault("500", rate=0.5)
        conn = KeepAlive(self.sim)
        statuses = [conn.get(PAGE, self.token)[0] for _ in range(200)]
        conn.close()
        self.assertEqual(set(statuses), {200, 500})
        self.assertTrue(60 < statuses.count(500) < 140, statuses.count(500))  # 100 expected; 5.6 sigma each way
        self.assertEqual(self.sim.faults()["rules"][0]["count"], None)  # a rate alone lasts until removed
        self.sim.clear_faults()
        self.sim.add_fault("500", rate=0.5, count=3)  # the first three hits of that chance
        statuses = [self.get().status for _ in range(60)]
        self.assertEqual(statuses.count(500), 3)

    def test_connection_reset_mid_body(self):
        self.sim.add_fault("reset")
        head, body, error = raw_get(self.sim, PAGE, self.token)
        self.assertTrue(head.startswith("HTTP/1.1 200 "), head)
        self.assertIsInstance(error, ConnectionResetError)
        self.assertEqual(body, self.normal[:len(self.normal) // 2])
        self.assertEqual(content_length(head), len(self.normal))

    def test_truncated_json_with_honest_length(self):
        self.sim.add_fault("truncate", mode="json")
        r = self.get()
        self.assertEqual(r.status, 200)
        self.assertEqual(int(r.headers.get("Content-Length")), len(r.body))
        self.assertEqual(r.body, self.normal[:len(self.normal) // 2])
        with self.assertRaises(json.JSONDecodeError):
            r.json()

    def test_connection_cut_before_the_promised_length(self):
        self.sim.add_fault("truncate", mode="connection")
        head, body, error = raw_get(self.sim, PAGE, self.token)
        self.assertIsNone(error)  # a clean close, just too early
        self.assertEqual(content_length(head), len(self.normal))
        self.assertEqual(body, self.normal[:len(self.normal) // 2])
        self.sim.add_fault("truncate", mode="connection")
        conn = KeepAlive(self.sim)
        with self.assertRaises(http.client.IncompleteRead):
            conn.get(PAGE, self.token)
        conn.close()

    def test_slow_first_byte_and_trickle(self):
        self.sim.add_fault("slow", delay=1.5)
        started = time.monotonic()
        r = self.get()
        self.assertGreaterEqual(time.monotonic() - started, 1.5)
        self.assertEqual(r.body, self.normal)
        self.sim.add_fault("slow", delay=2)
        self.assertIsInstance(raw_get(self.sim, PAGE, self.token, timeout=0.5)[2], TimeoutError)
        self.sim.add_fault("slow", mode="trickle", delay=1.5)
        conn = http.client.HTTPSConnection("127.0.0.1", self.sim.port, context=self.sim.ssl_context(), timeout=10)
        started = time.monotonic()
        conn.request("GET", PAGE, headers={"Authorization": "Bearer " + self.token})
        response = conn.getresponse()
        head_after = time.monotonic() - started
        body = response.read()
        conn.close()
        self.assertLess(head_after, 1)
        self.assertGreaterEqual(time.monotonic() - started, 1.4)
        self.assertEqual(body, self.normal)

    def test_bad_alert_inside_a_valid_page(self):
        self.sim.add_fault("bad-alert")
        r = self.get()
        with self.assertRaises(json.JSONDecodeError):
            r.json()
        self.assertEqual(r.body.count(b"oops"), 1)
        self.assertEqual(r.body.replace(b"oops", b"", 1), self.normal)
        broken = self.sim.faults()["applied"][-1]
        self.assertEqual((broken["kind"], broken["api"]), ("bad-alert", "graph"))
        self.assertEqual(broken["detail"], json.loads(self.normal)["value"][10]["id"])  # the middle of 20
        self.sim.add_fault("bad-alert", mode="invalid-utf8")
        r = self.get()
        with self.assertRaises(UnicodeDecodeError):
            r.body.decode("utf-8")
        self.assertEqual(r.body.replace(b"\xc3\x28\xff\xfe", b"", 1), self.normal)
        self.sim.add_fault("bad-alert", api="siem")
        r = self.sim.siem_alerts({"sinceTimeUtc": "2000-01-01T00:00:00"})
        self.assertEqual(r.body.count(b",oops\""), 1)

    def test_control_endpoint(self):
        state = self.sim.add_fault("503", count=2, retry_after=9, api="graph")
        self.assertEqual(state["rules"], [{"kind": "503", "count": 2, "rate": 1, "api": ["graph"],
                                           "retry-after": 9, "retry-after-form": "seconds"}])
        self.assertEqual(self.get().status, 503)
        self.assertEqual(self.sim.faults()["rules"][0]["count"], 1)
        self.assertEqual(self.sim.clear_faults()["rules"], [])
        self.assertEqual(self.get().status, 200)
        r = self.sim.request("POST", "/_sim/faults", body=json.dumps([{"kind": "500"}, {"kind": "nope"}]))
        self.assertEqual(r.status, 400)
        self.assertIn("unknown fault 'nope'", r.json()["error"])
        self.assertEqual(self.sim.faults()["rules"], [])  # all or nothing
        for body in ({"kind": "slow", "mode": "fast"}, {"kind": "slow"}, {"kind": "429", "count": 0},
                     {"kind": "reset", "mode": "json"}, {"budgets": "maybe"},
                     {"budget-alerts": "100"}, {"nonsense": 1}):
            self.assertEqual(self.sim.request("POST", "/_sim/faults", body=json.dumps(body)).status, 400, body)
        both = [{"kind": "500", "count": 1}, {"kind": "502", "count": 1}]
        self.assertEqual(len(self.sim._control("POST", "/_sim/faults", both)["rules"]), 2)
        self.assertEqual([self.get().status for _ in range(3)], [500, 502, 200])


class TokenExpiryTest(unittest.TestCase):
    def test_token_revoked_and_token_max_age(self):
        with Simulator(alerts=5, budgets="off") as sim:
            token = sim.access_token()
            self.assertEqual(sim.get(PAGE, token=token).status, 200)
            alerts_token = sim.alerts_token()
            sim.revoke_tokens()
            r = sim.get(PAGE, token=token)
            self.assertEqual(r.status, 401)
            self.assertEqual(r.json()["error"]["message"], "Lifetime validation failed, the token is expired.")
            r = sim.mde_alerts({"$top": "1"}, token=alerts_token)
            self.assertEqual(r.json()["error"]["message"],
                             "Invalid or expired authorization header: the token is expired.")
            self.assertEqual(sim.get(PAGE, token=sim.access_token(fresh=True)).status, 200)

            sim.set_faults(token_max_age=1)
            token = sim.access_token(fresh=True)
            self.assertEqual(sim.request_token().json()["expires_in"], 3599)  # it does not say so
            self.assertEqual(sim.get(PAGE, token=token).status, 200)
            time.sleep(1.1)
            self.assertEqual(sim.get(PAGE, token=token).status, 401)
            self.assertEqual(sim.get(PAGE, token=sim.access_token(fresh=True)).status, 200)
            sim.set_faults(token_max_age="none")
            self.assertIsNone(sim.faults()["token-max-age"])
            self.assertEqual(sim.stats()["tokenRequests"]["byVersion"]["v2"]["total"], 6)


class CommandLineFaultTest(unittest.TestCase):
    def test_fault_switches(self):
        with Simulator(alerts=5, faults=["503:count=2,retry-after=3", {"kind": "429", "retry_after_form": "date"}],
                       token_max_age=0.5) as sim:
            token = sim.access_token()
            statuses = [sim.get(ALERTS_V2, token=token).status for _ in range(4)]
            self.assertEqual(statuses, [503, 503, 429, 200])
            time.sleep(0.6)
            self.assertEqual(sim.get(ALERTS_V2, token=token).status, 401)
            self.assertEqual(sim.faults()["token-max-age"], 0.5)


class BudgetTest(unittest.TestCase):
    """The documented budgets, on by default: alerts API 100/min and 1,500/hour, Graph 150/min, per API."""

    def test_defaults_are_the_documented_budgets(self):
        with Simulator(alerts=5) as sim:
            state = sim.faults()
            self.assertEqual((state["budgets"], state["budget-graph"], state["budget-alerts"], state["budget-siem"]),
                             ("on", "150/60", "100/60,1500/3600", "none"))

    def test_alerts_api_100_a_minute_and_refusals_do_not_count(self):
        with Simulator(alerts=5) as sim:
            conn = KeepAlive(sim)
            token = sim.alerts_token()
            statuses = [conn.get("/api/alerts?$top=1", token)[0] for _ in range(100)]
            self.assertEqual(statuses, [200] * 100)
            status, retry_after = conn.get("/api/alerts?$top=1", token)
            self.assertEqual(status, 429)
            self.assertTrue(1 <= int(retry_after) <= 60, retry_after)
            self.assertEqual(conn.get(ALERTS_V2 + "?$top=1", sim.access_token())[0], 200)  # Graph has its own
            self.assertEqual(conn.get("/api/alerts", sim.siem_token())[0], 200)  # the SIEM API has none
            conn.close()
            log = sim.requests_log()
            self.assertEqual([(r["api"], r["status"]) for r in log],
                             [("alerts", 200)] * 100 + [("alerts", 429), ("graph", 200), ("siem", 200)])
            window = log[99]["at"] - log[0]["at"]
            self.assertLess(window, 60 * 10_000_000)

    def test_graph_150_a_minute_and_refusals_count(self):
        with Simulator(alerts=5) as sim:
            conn = KeepAlive(sim)
            token = sim.access_token()
            statuses = [conn.get(ALERTS_V2 + "?$top=1", token)[0] for _ in range(152)]
            self.assertEqual(statuses, [200] * 150 + [429] * 2)
            conn.close()
            self.assertEqual(sim.stats()["apiRequests"]["byApi"]["graph"]["byStatus"], {"200": 150, "429": 2})

    def test_both_windows_with_small_budgets(self):
        with Simulator(alerts=5, budget_alerts="3/1,5/4", budget_graph="none") as sim:
            conn = KeepAlive(sim)
            token = sim.alerts_token()
            first = [conn.get("/api/alerts?$top=1", token) for _ in range(4)]
            self.assertEqual([s for s, _ in first], [200, 200, 200, 429])
            self.assertEqual(first[3][1], "1")
            time.sleep(1.05)
            second = [conn.get("/api/alerts?$top=1", token) for _ in range(3)]
            self.assertEqual([s for s, _ in second], [200, 200, 429])
            self.assertTrue(2 <= int(second[2][1]) <= 3, second[2][1])  # the 4-second window is full now
            self.assertEqual({conn.get(ALERTS_V2, sim.access_token())[0] for _ in range(200)}, {200})
            sim.set_faults(budgets="off")
            self.assertEqual(conn.get("/api/alerts?$top=1", token)[0], 200)
            conn.close()


class ShutdownTest(unittest.TestCase):
    def test_sigterm_during_a_slow_answer(self):
        sim = Simulator(alerts=5, faults=["slow:delay=30"]).start()
        try:
            conn = http.client.HTTPSConnection("127.0.0.1", sim.port, context=sim.ssl_context(), timeout=40)
            conn.request("GET", ALERTS_V2, headers={"Authorization": "Bearer " + sim.access_token()})
            time.sleep(0.3)
            started = time.monotonic()
            self.assertEqual(sim.stop(timeout=10), 0)
            self.assertLess(time.monotonic() - started, 3)
            with self.assertRaises((http.client.RemoteDisconnected, ConnectionError)):
                conn.getresponse()
            conn.close()
        finally:
            sim.stop()
            sim.cleanup()


if __name__ == "__main__":
    unittest.main()

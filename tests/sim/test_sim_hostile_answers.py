"""defender-sim: hostile answers (--hostile-answers, --hostile-answer-rate, --hostile-answer-targets, the same names in
/_sim/faults) — a value nested 100,000 deep, a gzip bomb small on the wire that inflates to 1 GiB, a 100 MiB body,
numbers of 10,000 digits, object keys that are not UTF-8, an array of 33 million zeros small on the wire — sent
instead of a page, a token or an error body, at a rate drawn from the seed, counted in /_sim/stats, and never counted
as serving the page they replaced."""

import http.client
import json
import os
import sys
import unittest
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "integration"))
from lib.simulator import ALERTS_V2, Simulator  # noqa: E402

MIB = 1 << 20
NESTING = 100_000
DIGITS = 10_000
PAGE = ALERTS_V2 + "?$top=5"
KINDS = ("deep-nesting", "gzip-bomb", "huge-body", "long-numbers", "invalid-utf8-keys", "wide-array")
WIDE_ZEROS = 63 * MIB // 2 + 1
SMALL_KINDS = "deep-nesting+long-numbers+invalid-utf8-keys"


def max_depth(data):
    """The deepest nesting of arrays and objects in JSON bytes (brackets inside strings do not count)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in b"[{":
            depth += 1
            deepest = max(deepest, depth)
        elif byte in b"]}":
            depth -= 1
    return deepest


class Streamed:
    """One GET read in pieces, never whole: the bytes on the wire and, after inflating a gzip body a few MiB at a
    time, the text's length, its first and last bytes, how many of its bytes are not 'A', and how many are '0' and
    ','."""

    def __init__(self, sim, path, token):
        conn = http.client.HTTPSConnection("127.0.0.1", sim.port, context=sim.ssl_context(), timeout=60)
        conn.request("GET", path, headers={"Authorization": "Bearer " + token, "Accept-Encoding": "gzip"})
        r = conn.getresponse()
        self.status = r.status
        self.headers = r.headers
        self.wire = self.length = self.not_a = self.zeros = self.commas = 0
        self.head = self.tail = b""
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if r.getheader("Content-Encoding") == "gzip" else None
        while True:
            chunk = r.read(MIB)
            if not chunk:
                break
            self.wire += len(chunk)
            if inflater is None:
                self.text(chunk)
                continue
            while chunk:
                self.text(inflater.decompress(chunk, 4 * MIB))
                chunk = inflater.unconsumed_tail
        conn.close()

    def text(self, data):
        if len(self.head) < 1024:
            self.head += data[:1024 - len(self.head)]
        self.tail = (self.tail + data)[-1024:]
        self.length += len(data)
        self.not_a += len(data) - data.count(b"A")
        self.zeros += data.count(b"0")
        self.commas += data.count(b",")


class HostileKindsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = Simulator(alerts=30, seed=41, budgets="off").start()
        cls.token = cls.sim.access_token()

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()
        cls.sim.cleanup()

    def setUp(self):
        self.sim.set_faults(hostile_answers="none", hostile_answer_rate=1, hostile_answer_targets="pages")

    def hostile_page(self, kind):
        """The page answer with every page hostile of `kind`; checks it was logged and counted as that kind."""
        self.sim.set_faults(hostile_answers=kind)
        before = self.sim.stats()
        start = len(self.sim.requests_log())
        r = self.sim.get(PAGE, token=self.token)
        after = self.sim.stats()
        self.assertEqual(r.status, 200)
        self.assertEqual([e.get("hostile") for e in self.sim.requests_log(start)], [kind])
        self.assertEqual(after["hostileAnswers"]["byKind"][kind] - before["hostileAnswers"]["byKind"][kind], 1)
        self.assertEqual(after["alertsServed"], before["alertsServed"])  # the page it replaced was not served
        return r

    def test_deep_nesting_is_an_alert_100000_levels_deep(self):
        body = self.hostile_page("deep-nesting").body
        self.assertTrue(body.startswith(b'{"value":[{"id":"hostile-deep-nesting","evidence":[{"a":'), body[:80])
        self.assertEqual(max_depth(body), 3 + NESTING)  # the page, its array, the alert, then the nesting
        self.assertEqual(body.count(b"["), 1 + NESTING // 2)
        self.assertEqual(body.count(b"{"), 2 + NESTING // 2)

    def test_long_numbers_have_10000_digits(self):
        r = self.hostile_page("long-numbers")
        page = json.loads(r.body, parse_int=str, parse_float=str)  # as text: Python refuses ints of 4,300+ digits
        [alert] = page["value"]
        self.assertEqual(alert["id"], "hostile-long-numbers")
        self.assertRegex(alert["riskScore"], r"^[1-9][0-9]{%d}$" % (DIGITS - 1))
        self.assertRegex(alert["confidence"], r"^0\.[0-9]{%d}$" % DIGITS)

    def test_invalid_utf8_keys_are_not_utf8(self):
        body = self.hostile_page("invalid-utf8-keys").body
        with self.assertRaises(UnicodeDecodeError):
            body.decode("utf-8")
        [alert] = json.loads(body.decode("latin-1"))["value"]
        keys = [k.encode("latin-1") for k in alert]
        self.assertEqual(keys, [b"id", b"\xff\xfe", b"title\xc3", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf4\x90\x80\x80"])
        for key in keys[1:]:
            with self.assertRaises(UnicodeDecodeError):
                key.decode("utf-8")

    def test_the_gzip_bomb_is_about_1_mib_on_the_wire_and_1_gib_inflated(self):
        self.sim.set_faults(hostile_answers="gzip-bomb")
        r = Streamed(self.sim, PAGE, self.token)
        head = b'{"value":[{"id":"hostile-gzip-bomb","description":"'
        tail = b'"}]}'
        print(f"gzip bomb: {r.wire} bytes on the wire, {r.length} inflated")
        self.assertEqual((r.status, r.headers["Content-Encoding"]), (200, "gzip"))
        self.assertEqual(int(r.headers["Content-Length"]), r.wire)
        self.assertLess(r.wire, 1.1 * MIB)
        self.assertEqual(r.length, len(head) + 1024 * MIB + len(tail))
        self.assertEqual((r.head[:len(head)], r.tail[-len(tail):]), (head, tail))
        self.assertEqual(r.not_a, len(head) + len(tail))  # between them, 1 GiB of 'A'


    def test_the_wide_array_is_about_64_kib_on_the_wire_and_33_million_zeros_inflated(self):
        self.sim.set_faults(hostile_answers="wide-array")
        start = len(self.sim.requests_log())
        r = Streamed(self.sim, PAGE, self.token)
        head = b'{"value":[{"id":"hostile-wide-array","evidence":['
        tail = b']}]}'
        print(f"wide array: {r.wire} bytes on the wire, {r.length} inflated")
        self.assertEqual((r.status, r.headers["Content-Encoding"]), (200, "gzip"))
        self.assertEqual([e.get("hostile") for e in self.sim.requests_log(start)], ["wide-array"])
        self.assertEqual(int(r.headers["Content-Length"]), r.wire)
        self.assertLess(r.wire, 128 * 1024)
        self.assertEqual(r.length, len(head) + 2 * WIDE_ZEROS - 1 + len(tail))
        self.assertLess(r.length, 64 * MIB)  # under the source's default max-response-size(), so it is read
        self.assertEqual((r.head[:len(head)], r.tail[-len(tail):]), (head, tail))
        # Between them nothing but WIDE_ZEROS zeros and a comma between each two.
        self.assertEqual((r.zeros, r.commas - head.count(b",")), (WIDE_ZEROS, WIDE_ZEROS - 1))
        self.assertEqual(r.head[len(head):len(head) + 8], b"0,0,0,0,")
        self.assertEqual(r.tail[-len(tail) - 4:-len(tail)], b",0,0")

    def test_the_huge_body_is_100_mib(self):
        self.sim.set_faults(hostile_answers="huge-body")
        r = Streamed(self.sim, PAGE, self.token)
        head = b'{"value":[{"id":"hostile-huge-body","description":"'
        tail = b'"}]}'
        self.assertEqual(r.status, 200)
        self.assertIsNone(r.headers["Content-Encoding"])  # sent as it is, though the client accepts gzip
        self.assertEqual(int(r.headers["Content-Length"]), len(head) + 100 * MIB + len(tail))
        self.assertEqual(r.wire, len(head) + 100 * MIB + len(tail))
        self.assertEqual((r.head[:len(head)], r.tail[-len(tail):]), (head, tail))
        self.assertEqual(r.not_a, len(head) + len(tail))

    def test_each_api_gets_a_page_of_its_own_shape(self):
        self.sim.set_faults(hostile_answers="long-numbers")
        mde = json.loads(self.sim.mde_alerts({"$top": "3"}).body, parse_int=str, parse_float=str)
        self.assertEqual(mde["value"][0]["id"], "hostile-long-numbers")
        siem = json.loads(self.sim.siem_alerts({"ago": "PT1H"}).body, parse_int=str, parse_float=str)
        self.assertEqual(siem[0]["AlertId"], "hostile-long-numbers")

    def test_a_token_answer_without_a_token(self):
        self.sim.set_faults(hostile_answers="deep-nesting", hostile_answer_targets="tokens")
        before = self.sim.hostile_answers()["byTarget"]
        r = self.sim.request_token()
        self.assertEqual(r.status, 200)
        self.assertTrue(r.body.startswith(b'{"token_type":"Bearer","expires_in":3599,"evidence":[{"a":'))
        self.assertNotIn(b"access_token", r.body)
        self.assertEqual(max_depth(r.body), 1 + NESTING)
        self.assertEqual(self.sim.get(PAGE, token=self.token).status, 200)  # pages are not a target now
        after = self.sim.hostile_answers()["byTarget"]
        self.assertEqual({t: after[t] - before[t] for t in after}, {"pages": 0, "tokens": 1, "errors": 0})

    def test_error_bodies_keep_their_status_and_headers(self):
        self.sim.set_faults(hostile_answers="long-numbers", hostile_answer_targets="errors")
        before = self.sim.hostile_answers()["byTarget"]
        self.sim.add_fault("429", count=1, retry_after=3)
        r = self.sim.get(PAGE, token=self.token)
        self.assertEqual((r.status, r.headers["Retry-After"]), (429, "3"))
        error = json.loads(r.body, parse_int=str, parse_float=str)["error"]
        self.assertEqual(error["code"], "hostile-long-numbers")
        self.assertEqual(len(error["riskScore"]), DIGITS)
        token_error = self.sim.request_token(client_secret="wrong")
        self.assertEqual(token_error.status, 401)
        self.assertEqual(json.loads(token_error.body, parse_int=str, parse_float=str)["error"]["code"],
                         "hostile-long-numbers")
        self.assertEqual(self.sim.request_token().json()["token_type"], "Bearer")  # a token is no error
        self.assertEqual(self.sim.get(PAGE, token=self.token).status, 200)
        after = self.sim.hostile_answers()["byTarget"]
        self.assertEqual({t: after[t] - before[t] for t in after}, {"pages": 0, "tokens": 0, "errors": 2})

    def test_the_settings_are_read_back_and_checked(self):
        state = self.sim.set_faults(hostile_answers="gzip-bomb+huge-body", hostile_answer_rate=0.25,
                                    hostile_answer_targets="pages+errors")
        self.assertEqual((state["hostile-answers"], state["hostile-answer-rate"], state["hostile-answer-targets"]),
                         ("gzip-bomb+huge-body", 0.25, "pages+errors"))
        self.assertEqual(self.sim.set_faults(hostile_answers="all")["hostile-answers"], "+".join(KINDS))
        for body in ({"hostile-answers": "bomb"}, {"hostile-answers": "gzip-bomb+"}, {"hostile-answer-rate": 1.5},
                     {"hostile-answer-targets": "pages+nothing"}):
            r = self.sim.request("POST", "/_sim/faults", body=json.dumps(body))
            self.assertEqual(r.status, 400, body)
            self.assertIn(next(iter(body)), r.json()["error"])
        self.assertEqual(self.sim.faults()["hostile-answers"], "+".join(KINDS))


class HostileRateTest(unittest.TestCase):
    def run_requests(self, seed, count=60):
        """The kind (or None) of each of `count` page answers with a fifth of them hostile."""
        with Simulator(alerts=20, seed=seed, budgets="off", hostile_answers=SMALL_KINDS,
                       hostile_answer_rate=0.2) as sim:
            token = sim.access_token()
            for _ in range(count):
                sim.get(PAGE, token=token)
            log = sim.requests_log()
            stats = sim.stats()
        self.assertEqual(len(log), count)
        kinds = [e.get("hostile") for e in log]
        hostile = [k for k in kinds if k]
        self.assertEqual(stats["hostileAnswers"]["total"], len(hostile))
        self.assertEqual(stats["hostileAnswers"]["byTarget"], {"pages": len(hostile), "tokens": 0, "errors": 0})
        self.assertEqual(stats["alertsServed"], 5 * (count - len(hostile)))
        return kinds

    def test_a_fifth_of_the_pages_of_mixed_kinds_the_same_for_the_same_seed(self):
        first = self.run_requests(seed=5)
        hostile = [k for k in first if k]
        print(f"seed 5: {len(hostile)} hostile of 60: {hostile}")
        self.assertTrue(4 <= len(hostile) <= 24, len(hostile))
        self.assertEqual(set(hostile), set(SMALL_KINDS.split("+")))
        self.assertEqual(self.run_requests(seed=5), first)
        self.assertNotEqual(self.run_requests(seed=6), first)


if __name__ == "__main__":
    unittest.main()

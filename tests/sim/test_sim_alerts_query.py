"""defender-sim: Graph security/alerts_v2 OData options ($filter, $orderby, $top, $skip, $count, nextLink), gzip,
headers and errors. Expectations come from the simulator's ledger, with timestamps compared as 100 ns ticks."""

import gzip
import json
import os
import re
import sys
import unittest
import urllib.parse
import uuid
import zlib
from email.utils import parsedate_to_datetime

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "integration"))
from lib.simulator import ALERTS_V2, Simulator, format_ticks, parse_ticks  # noqa: E402

ALERT_COUNT = 1000
CONTENT_TYPE = ("application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; "
                "charset=utf-8")
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class AlertsQueryTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = Simulator(alerts=ALERT_COUNT, seed=7, max_page_size=300).start()
        cls.token = cls.sim.access_token()
        ledger = cls.sim.ledger()
        current = {}
        for entry in ledger:
            current[entry["id"]] = entry
        cls.versions = list(current.values())  # {"id", "lastUpdateDateTime", "ticks"}
        cls.ascending = [v["id"] for v in sorted(cls.versions, key=lambda v: (v["ticks"], v["id"]))]
        cls.ticks = {v["id"]: v["ticks"] for v in cls.versions}

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()
        cls.sim.cleanup()

    def walk(self, query):
        items, pages = self.sim.all_alerts(query, token=self.token)
        return [a["id"] for a in items], pages, items

    def expected(self, predicate, descending=False):
        ids = [i for i in self.ascending if predicate(self.ticks[i])]
        return ids[::-1] if descending else ids

    def test_ledger_matches_served_alerts(self):
        self.assertEqual(len(self.versions), ALERT_COUNT)
        ids, pages, items = self.walk({"$top": "1000"})
        self.assertEqual(len(ids), ALERT_COUNT)
        self.assertEqual(pages, 4)  # 300 + 300 + 300 + 100: $top above the maximum is cut to --max-page-size
        for a in items:
            self.assertEqual(parse_ticks(a["lastUpdateDateTime"]), self.ticks[a["id"]])

    def test_default_order_is_most_recent_first(self):
        ids, _, _ = self.walk("")
        self.assertEqual(ids, self.ascending[::-1])

    def test_orderby(self):
        self.assertEqual(self.walk({"$orderby": "lastUpdateDateTime asc"})[0], self.ascending)
        self.assertEqual(self.walk({"$orderby": "lastUpdateDateTime"})[0], self.ascending)
        self.assertEqual(self.walk({"$orderby": "lastUpdateDateTime desc"})[0], self.ascending[::-1])
        _, _, items = self.walk({"$orderby": "createdDateTime asc"})
        created = [(parse_ticks(a["createdDateTime"]), a["id"]) for a in items]
        self.assertEqual(len(created), ALERT_COUNT)
        self.assertEqual(created, sorted(created))

    def test_next_link_walks_everything_once(self):
        ids, pages, _ = self.walk({"$top": "97", "$orderby": "lastUpdateDateTime asc"})
        self.assertEqual(pages, 11)
        self.assertEqual(len(set(ids)), ALERT_COUNT)
        self.assertEqual(ids, self.ascending)

    def test_next_link_shape(self):
        r = self.sim.alerts({"$top": "5", "$filter": "severity eq 'high'"}, token=self.token)
        link = r.json()["@odata.nextLink"]
        self.assertTrue(link.startswith(self.sim.base_url + ALERTS_V2 + "?"), link)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)
        self.assertEqual(query["$top"], ["5"])
        self.assertEqual(query["$filter"], ["severity eq 'high'"])
        self.assertIn("$skiptoken", query)

    def test_top_and_skip(self):
        r = self.sim.alerts({"$top": "10", "$skip": "20"}, token=self.token)
        self.assertEqual([a["id"] for a in r.json()["value"]], self.ascending[::-1][20:30])
        r = self.sim.alerts({"$top": "10", "$skip": str(ALERT_COUNT - 4)}, token=self.token)
        page = r.json()
        self.assertEqual([a["id"] for a in page["value"]], self.ascending[::-1][-4:])
        self.assertNotIn("@odata.nextLink", page)
        r = self.sim.alerts({"$top": "0"}, token=self.token)
        self.assertEqual(r.json()["value"], [])
        self.assertNotIn("@odata.nextLink", r.json())

    def test_count(self):
        page = self.sim.alerts({"$count": "true", "$top": "3"}, token=self.token).json()
        self.assertEqual(page["@odata.count"], ALERT_COUNT)
        self.assertEqual(len(page["value"]), 3)
        self.assertEqual(list(page)[:3], ["@odata.context", "@odata.count", "value"])
        page = self.sim.alerts({"$top": "3"}, token=self.token).json()
        self.assertNotIn("@odata.count", page)

    def check_filter(self, op, literal, predicate):
        ids, _, _ = self.walk({"$filter": "lastUpdateDateTime %s %s" % (op, literal),
                               "$orderby": "lastUpdateDateTime asc", "$top": "250"})
        expected = self.expected(predicate)
        self.assertEqual(ids, expected, "lastUpdateDateTime %s %s" % (op, literal))
        return expected

    def test_datetime_filters_compare_instants(self):
        middle = self.ascending[len(self.ascending) // 2]
        t = self.ticks[middle]
        for digits in (7, 1, 0, 3):
            literal = format_ticks(t, digits)
            lt = parse_ticks(literal)
            ge = self.check_filter("ge", literal, lambda x: x >= lt)
            gt = self.check_filter("gt", literal, lambda x: x > lt)
            self.check_filter("lt", literal, lambda x: x < lt)
            le = self.check_filter("le", literal, lambda x: x <= lt)
            self.assertTrue(0 < len(ge) < ALERT_COUNT and len(le) > 0)
            if digits == 7:
                self.assertEqual(len(ge) - len(gt), sum(1 for v in self.ticks.values() if v == t))
                self.assertIn(middle, ge)
                self.assertNotIn(middle, gt)

    def test_eq_on_short_and_padded_forms(self):
        # A served time like "...:59.2Z" and the literal "...:59.2000000Z" are the same instant.
        short = next(v for v in self.versions if re.search(r"(:\d\d|\.\d{1,3})Z$", v["lastUpdateDateTime"]))
        for literal in (short["lastUpdateDateTime"], format_ticks(short["ticks"], 7)):
            ids, _, _ = self.walk({"$filter": "lastUpdateDateTime eq %s" % literal})
            self.assertEqual(ids, self.expected(lambda x: x == short["ticks"], descending=True))
            self.assertIn(short["id"], ids)

    def test_window_and_other_properties(self):
        lo = self.ticks[self.ascending[100]]
        hi = self.ticks[self.ascending[800]]
        flt = ("(lastUpdateDateTime ge %s) AND lastUpdateDateTime lt %s and serviceSource eq "
               "'microsoftDefenderForEndpoint'" % (format_ticks(lo), format_ticks(hi)))
        _, _, items = self.walk({"$filter": flt, "$orderby": "lastUpdateDateTime asc", "$count": "true"})
        expected = [i for i in self.expected(lambda x: lo <= x < hi)]
        got = [a["id"] for a in items]
        self.assertTrue(all(a["serviceSource"] == "microsoftDefenderForEndpoint" for a in items))
        self.assertEqual(got, [i for i in expected if i in set(got)])
        everything, _, all_items = self.walk({"$filter": "serviceSource eq 'microsoftDefenderForEndpoint'"})
        mde_in_window = [a["id"] for a in all_items if lo <= self.ticks[a["id"]] < hi]
        self.assertEqual(sorted(got), sorted(mde_in_window))
        self.assertGreater(len(everything), ALERT_COUNT // 3)
        page = self.sim.alerts({"$filter": flt, "$count": "true", "$top": "1"}, token=self.token).json()
        self.assertEqual(page["@odata.count"], len(got))

    def test_string_filters(self):
        _, _, items = self.walk("")
        for flt, keep in [
            ("severity eq 'high'", lambda a: a["severity"] == "high"),
            ("status ne 'new'", lambda a: a["status"] != "new"),
            ("classification eq null", lambda a: a["classification"] is None),
            ("assignedTo eq 'soc.analyst@contoso.com'", lambda a: a["assignedTo"] == "soc.analyst@contoso.com"),
            ("determination eq 'malware' and status eq 'resolved'",
             lambda a: a["determination"] == "malware" and a["status"] == "resolved"),
            ("assignedTo eq 'O''Brien'", lambda a: False),
        ]:
            ids, _, _ = self.walk({"$filter": flt})
            self.assertEqual(ids, [a["id"] for a in items if keep(a)], flt)

    def test_createddatetime_filter(self):
        _, _, items = self.walk("")
        t = sorted(parse_ticks(a["createdDateTime"]) for a in items)[400]
        ids, _, _ = self.walk({"$filter": "createdDateTime lt %s" % format_ticks(t, 7)})
        self.assertEqual(ids, [a["id"] for a in items if parse_ticks(a["createdDateTime"]) < t])

    def test_encoded_dollar_and_plus_spaces(self):
        t = self.ticks[self.ascending[500]]
        query = "%24filter=lastUpdateDateTime+ge+" + format_ticks(t, 7) + "&%24orderby=lastUpdateDateTime+asc"
        r = self.sim.alerts(query, token=self.token)
        self.assertEqual(r.status, 200, r.text())
        self.assertEqual([a["id"] for a in r.json()["value"]], self.ascending[500:800])

    def test_bad_filters(self):
        for flt in ["title eq 'x'", "nosuch eq 'x'", "severity eq 'high' or severity eq 'low'",
                    "lastUpdateDateTime ge 2024-01-01T00:00:00.12345678Z", "lastUpdateDateTime ge '2024-01-01T00:00:00Z'",
                    "lastUpdateDateTime ge 2024-13-01T00:00:00Z", "severity eq 'bogus'", "severity gt 'low'",
                    "status eq 'new", "startswith(title,'x')", "lastUpdateDateTime ge", "not status eq 'new'", ""]:
            r = self.sim.alerts({"$filter": flt}, token=self.token)
            self.assertEqual(r.status, 400, flt)
            err = r.json()["error"]
            self.assertEqual(err["code"], "BadRequest", flt)
            self.assertTrue(err["message"].startswith("Invalid filter clause: "), err["message"])
            self.assertEqual(set(err["innerError"]), {"date", "request-id", "client-request-id"})

    def test_bad_options(self):
        for query in ["$select=id", "$top=-1", "$top=abc", "$skip=x", "$count=maybe", "$orderby=title",
                      "$orderby=lastUpdateDateTime sideways", "$skiptoken=garbage", "$top=1&$top=2"]:
            r = self.sim.alerts(urllib.parse.quote(query, safe="=&$"), token=self.token)
            self.assertEqual(r.status, 400, query)
            self.assertEqual(r.json()["error"]["code"], "BadRequest", query)

    def gunzip_one_member(self, data):
        # libcurl decodes a single gzip member: the page must be exactly one, with nothing after it.
        d = zlib.decompressobj(31)
        out = d.decompress(data) + d.flush()
        self.assertTrue(d.eof)
        self.assertEqual(d.unused_data, b"")
        self.assertEqual(out, gzip.decompress(data))
        return out

    def test_gzip(self):
        plain = self.sim.alerts({"$top": "50", "$orderby": "lastUpdateDateTime asc"}, token=self.token)
        packed = self.sim.alerts({"$top": "50", "$orderby": "lastUpdateDateTime asc"}, token=self.token,
                                 headers={"Accept-Encoding": "gzip, deflate"})
        self.assertIsNone(plain.headers.get("Content-Encoding"))
        self.assertEqual(packed.headers.get("Content-Encoding"), "gzip")
        self.assertEqual(packed.body[:2], b"\x1f\x8b")
        self.assertEqual(int(packed.headers.get("Content-Length")), len(packed.body))
        self.assertLess(len(packed.body), len(plain.body) // 2)
        self.assertEqual(json.loads(self.gunzip_one_member(packed.body)), json.loads(plain.body))
        for query in ({"$top": "1"}, {"$filter": "lastUpdateDateTime lt 2000-01-01T00:00:00Z"}):
            packed = self.sim.alerts(query, token=self.token, headers={"Accept-Encoding": "gzip"})
            self.assertEqual(json.loads(self.gunzip_one_member(packed.body)), self.sim.alerts(query).json())
        error = self.sim.alerts({"$filter": "x"}, token=self.token, headers={"Accept-Encoding": "gzip"})
        self.assertEqual(error.headers.get("Content-Encoding"), "gzip")
        self.assertEqual(json.loads(self.gunzip_one_member(error.body))["error"]["code"], "BadRequest")
        refused = self.sim.alerts({"$top": "1"}, token=self.token, headers={"Accept-Encoding": "gzip;q=0"})
        self.assertIsNone(refused.headers.get("Content-Encoding"))

    def test_headers(self):
        crid = str(uuid.uuid4())
        r = self.sim.alerts({"$top": "1"}, token=self.token, headers={"client-request-id": crid})
        self.assertEqual(r.headers.get("Content-Type"), CONTENT_TYPE)
        self.assertRegex(r.headers.get("request-id"), GUID)
        self.assertEqual(r.headers.get("client-request-id"), crid)
        self.assertIsNotNone(parsedate_to_datetime(r.headers.get("Date")))
        page = r.json()
        self.assertEqual(page["@odata.context"], "https://graph.microsoft.com/v1.0/$metadata#security/alerts_v2")
        r = self.sim.alerts({"$top": "1"}, token=self.token)
        self.assertEqual(r.headers.get("client-request-id"), r.headers.get("request-id"))

    def test_stats_count_api_requests_and_served_alerts(self):
        before = self.sim.stats()
        self.sim.alerts({"$top": "7"}, token=self.token)
        self.sim.alerts({"$filter": "bad"}, token=self.token)
        after = self.sim.stats()
        self.assertEqual(after["apiRequests"]["total"] - before["apiRequests"]["total"], 2)
        self.assertEqual(after["apiRequests"]["byStatus"]["400"] - before["apiRequests"]["byStatus"].get("400", 0), 1)
        self.assertEqual(after["alertsServed"] - before["alertsServed"], 7)
        self.assertEqual(after["alertVersionsVisible"], ALERT_COUNT)


class AlertsAuthTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = Simulator(alerts=20).start()

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()
        cls.sim.cleanup()

    def assert_401(self, r, message):
        self.assertEqual(r.status, 401, r.text())
        err = r.json()["error"]
        self.assertEqual(err["code"], "InvalidAuthenticationToken")
        self.assertEqual(err["message"], message)
        self.assertRegex(err["innerError"]["request-id"], GUID)
        self.assertRegex(err["innerError"]["date"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$")
        self.assertTrue(r.headers.get("WWW-Authenticate").startswith("Bearer "))

    def test_missing_token(self):
        self.assert_401(self.sim.get(ALERTS_V2), "Access token is empty.")

    def test_malformed_and_unknown_tokens(self):
        self.assert_401(self.sim.get(ALERTS_V2, token="not-a-jwt"), "CompactToken parsing failed with error code: 80049217")
        forged = self.sim.access_token()[:-4] + "AAAA"
        self.assert_401(self.sim.get(ALERTS_V2, token=forged), "Access token validation failure. Invalid signature.")

    def test_wrong_audience(self):
        r = self.sim.request_token(scope="https://api.securitycenter.microsoft.com/.default")
        self.assert_401(self.sim.get(ALERTS_V2, token=r.json()["access_token"]),
                        "Access token validation failure. Invalid audience.")

    def test_valid_token(self):
        r = self.sim.get(ALERTS_V2, token=self.sim.access_token())
        self.assertEqual(r.status, 200)
        self.assertEqual(len(r.json()["value"]), 20)

    def test_unknown_path_and_method(self):
        r = self.sim.get("/v1.0/security/secureScores", token=self.sim.access_token())
        self.assertEqual(r.status, 404)
        self.assertEqual(r.json()["error"]["code"], "NotFound")
        self.assertIn("'secureScores'", r.json()["error"]["message"])
        r = self.sim.request("POST", ALERTS_V2, body=b"{}", headers={"Authorization": "Bearer x"})
        self.assertEqual(r.status, 405)
        self.assertEqual(r.headers.get("Allow"), "GET")

    def test_path_is_case_insensitive(self):
        r = self.sim.get("/v1.0/security/alerts_V2?$top=2", token=self.sim.access_token())
        self.assertEqual(r.status, 200)
        self.assertEqual(len(r.json()["value"]), 2)


if __name__ == "__main__":
    unittest.main()

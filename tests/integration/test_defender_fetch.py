"""defender-fetch against defender-sim. check: the token's claims and roles, one request to the API, and for a wrong
secret the credential exit status with Entra ID's code and the module's advice, never the secret. fetch: a time range
of each API in each format holds exactly the versions the simulator's ledger has in that range, each once. Incidents:
check names SecurityIncident.Read.All and whether the token has it (the 403 advice when not), fetch writes the
incident versions of the simulator's incident ledger. explain: the URLs of a GCC High Graph source, of an incidents
source and of an EU SIEM source, without the network. And --client-secret is refused."""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.cef import parse_lines  # noqa: E402
from lib.simulator import (DEFAULT_TENANT_GUID, INCIDENT_ROLES, Simulator, format_ticks,  # noqa: E402
                           incident_ledger, parse_ticks)
from lib.syslogng import BUILD_DIR, write_secret  # noqa: E402

FETCH = str(BUILD_DIR / "bin" / "defender-fetch")
SECOND = 10_000_000
MILLISECOND = 10_000
# defender-fetch(1), EXIT STATUS
USAGE, CREDENTIAL, PERMISSION, NETWORK = 2, 3, 4, 5
ROLES = {"graph": "SecurityAlert.Read.All", "alerts": "Alert.Read.All", "incidents": "SecurityIncident.Read.All"}
AUDIENCES = {"graph": "https://graph.microsoft.com", "alerts": "https://api.securitycenter.microsoft.com",
             "siem": "https://graph.windows.net"}


def report(stdout):
    """check's and explain's "name: value" lines as a dict (the claims are indented under "token")."""
    return dict(line.strip().split(": ", 1) for line in stdout.splitlines() if ": " in line)


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ticks_of(text):
    """The SIEM API writes its times without "Z" in places; they are UTC."""
    return parse_ticks(text if text.endswith("Z") else text + "Z")


def identities(output, api, form):
    """(id, update time) of every line: the SIEM record id for the SIEM API; milliseconds in CEF and LEEF (their
    resolution), ticks in JSON (the alert as the API returned it)."""
    lines = output.splitlines()
    if form == "json":
        alerts = [json.loads(line) for line in lines]
        if api == "siem":
            return [(a["FullId"], ticks_of(a["LastProcessedTimeUtc"])) for a in alerts]
        updated = "lastUpdateTime" if api == "alerts" else "lastUpdateDateTime"
        return [(a["id"], ticks_of(a[updated])) for a in alerts]
    if form == "cef":
        records = [r["extension"] for r in parse_lines(lines, "cef-parse")]
        id_key, time_key = ("MicrosoftDefenderRecordId" if api == "siem" else "externalId"), "deviceCustomDate1"
    else:
        records = [r["attributes"] for r in parse_lines(lines, "leef-parse")]
        id_key, time_key = ("recordId" if api == "siem" else "externalId"), "lastUpdated"
    return [(r[id_key], int(r[time_key])) for r in records]


def ledger_versions(ledger, api, start, end):
    """(id, ticks) of what the API serves with a paging time in [start, end), as identities() gives it for JSON; for
    api incidents, `ledger` is the incident ledger."""
    if api == "incidents":
        return [(v["id"], v["ticks"]) for v in ledger if start <= v["ticks"] < end]
    if api == "siem":
        return [(full_id, v["siem"]["ticks"]) for v in ledger if "siem" in v and start <= v["siem"]["ticks"] < end
                for full_id in v["siem"]["fullIds"]]
    return [(v["id"], v["ticks"]) for v in ledger if api in v["apis"] and start <= v["ticks"] < end]


class FetchCase(unittest.TestCase):
    """A simulator of 4 hours of history, its secret in a file, and defender-fetch run against it."""
    SIM_ARGS = ()  # the simulator's tokens for Graph carry SecurityAlert.Read.All only

    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="defender-fetch-")
        cls.sim = Simulator(alerts=500, seed=7, history=4 * 3600, extra_args=cls.SIM_ARGS).start()
        cls.secret = cls.write_secret("defender.secret", cls.sim.client_secret)
        cls.ledger = cls.sim.ledger()
        # Two hours in the middle of the history, on whole seconds: versions lie on both sides of it.
        now = int(time.time())
        cls.start, cls.end = (now - 3 * 3600) * SECOND, (now - 3600) * SECOND

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()
        cls.sim.cleanup()
        shutil.rmtree(cls.work, ignore_errors=True)

    @classmethod
    def write_secret(cls, name, value):
        path = write_secret(os.path.join(cls.work, name), value + "\n")
        return path

    def run_fetch(self, *args, secret=None):
        env = {k: v for k, v in os.environ.items() if k != "DEFENDER_CLIENT_SECRET"}
        if secret is not None:
            env["DEFENDER_CLIENT_SECRET"] = secret
        return subprocess.run([FETCH, *args], capture_output=True, text=True, timeout=120, env=env)

    def source(self, api="graph", secret_file=True):
        """The options of a source reading this simulator."""
        args = ["--tenant-id", self.sim.tenant, "--client-id", self.sim.client_id, "--api", api,
                "--login-url", self.sim.base_url, "--api-url", self.sim.base_url, "--ca-file", self.sim.ca_file]
        return args + (["--client-secret-file", self.secret] if secret_file else [])


class DefenderFetchTest(FetchCase):
    # -- check -------------------------------------------------------------------------------------------------
    def test_check_shows_the_claims_and_roles_and_makes_one_request(self):
        for api in ("graph", "alerts", "siem"):
            with self.subTest(api=api):
                requests = self.sim.stats()["apiRequests"]["total"]
                result = self.run_fetch("check", *self.source(api))
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(result.stderr, "")
                lines = report(result.stdout)
                self.assertEqual(lines["token"], "OK")
                self.assertEqual(lines["aud"], AUDIENCES[api])
                self.assertEqual(lines["iss"], f"https://sts.windows.net/{DEFAULT_TENANT_GUID}/")
                self.assertEqual(lines["tid"], DEFAULT_TENANT_GUID)
                self.assertEqual(lines["appid"], self.sim.client_id)
                if api == "siem":
                    self.assertEqual(lines["roles"], "(none)")
                    self.assertEqual(lines["role"], "none needed: SIEM API tokens carry no role; the SIEM API admits "
                                                    "the app that 'Enable SIEM integration' created")
                else:
                    self.assertEqual(lines["roles"], ROLES[api])
                    self.assertEqual(lines["role"], f"OK: {ROLES[api]}, which api({api}) needs")
                self.assertRegex(lines["answer"], r"^OK \(HTTP 200, \d+ alerts? in the page\)$")
                self.assertEqual(self.sim.stats()["apiRequests"]["total"], requests + 1)
                # A JWT's header and payload start with base64url('{"'): the token is never shown.
                self.assertNotIn("eyJ", result.stdout)

    def test_check_with_a_wrong_secret_exits_with_the_credential_status_and_the_advice(self):
        wrong = "not-the-sim-secret-4711"
        for how, args, env_secret in (
                ("client-secret-file", self.source() + ["--client-secret-file", self.write_secret("wrong", wrong)],
                 None),
                ("DEFENDER_CLIENT_SECRET", self.source(secret_file=False), wrong)):
            with self.subTest(how=how):
                result = self.run_fetch("check", *args, secret=env_secret)
                self.assertEqual(result.returncode, CREDENTIAL, result.stdout + result.stderr)
                self.assertEqual(report(result.stdout)["token"], "FAILED")
                self.assertIn("Entra ID refused the token request to " + self.sim.token_url(2) + " (HTTP 401, "
                              "AADSTS7000215: Invalid client secret provided.", result.stderr)
                self.assertIn("; the client secret is wrong: put the secret's Value (not its Secret ID) into "
                              "client-secret-file()", result.stderr)
                self.assertNotIn(wrong, result.stdout + result.stderr)

    def test_check_with_a_token_for_another_api_exits_with_the_permission_status(self):
        result = self.run_fetch("check", *self.source("graph"), "--audience", "https://graph.windows.net")
        self.assertEqual(result.returncode, PERMISSION, result.stdout + result.stderr)
        self.assertEqual(report(result.stdout)["role"], "MISSING: api(graph) needs SecurityAlert.Read.All")
        self.assertIn("the token has no SecurityAlert.Read.All role; grant the app registration the Microsoft Graph "
                      "application permission SecurityAlert.Read.All and an admin consent", result.stderr)
        self.assertIn("a fresh token was refused too: the token's audience https://graph.windows.net must be the "
                      "API's", result.stderr)

    def test_check_of_incidents_without_their_role_says_missing_and_gives_the_403_advice(self):
        result = self.run_fetch("check", *self.source("incidents"))
        self.assertEqual(result.returncode, PERMISSION, result.stdout + result.stderr)
        lines = report(result.stdout)
        self.assertEqual(lines["roles"], "SecurityAlert.Read.All")
        self.assertEqual(lines["role"], "MISSING: api(incidents) needs SecurityIncident.Read.All")
        self.assertEqual(lines["answer"], "FAILED (HTTP 403)")
        advice = ("grant the app registration the Microsoft Graph application permission SecurityIncident.Read.All "
                  "and an admin consent")
        self.assertIn("the token has no SecurityIncident.Read.All role; " + advice, result.stderr)
        self.assertIn(f"answered HTTP 403 (Forbidden: Missing application roles. API required roles: "
                      f"SecurityIncident.Read.All", result.stderr)
        self.assertIn(f") to GET {self.sim.base_url}/v1.0/security/incidents?", result.stderr)
        self.assertTrue(result.stderr.rstrip("\n").endswith("; " + advice), result.stderr)

    def test_check_without_a_connection_exits_with_the_network_status(self):
        port = closed_port()
        result = self.run_fetch("check", *self.source(), "--login-url", f"https://127.0.0.1:{port}")
        self.assertEqual(result.returncode, NETWORK, result.stdout + result.stderr)
        self.assertIn(f"failed: no connection to 127.0.0.1:{port}", result.stderr)

    # -- fetch -------------------------------------------------------------------------------------------------
    def test_fetch_prints_exactly_the_ledgers_versions_in_the_range(self):
        window = ["--from", format_ticks(self.start, 0), "--until", format_ticks(self.end, 0)]
        for api in ("graph", "alerts", "siem"):
            expected = ledger_versions(self.ledger, api, self.start, self.end)
            everything = ledger_versions(self.ledger, api, 0, 2 ** 62)
            # The range is a real cut: versions before it and after it exist.
            self.assertGreater(len(expected), 50)
            self.assertLess(min(t for _, t in everything), self.start)
            self.assertGreaterEqual(max(t for _, t in everything), self.end)
            for form in ("cef", "leef", "json"):
                with self.subTest(api=api, format=form):
                    # Small pages: the range takes many requests, as a backfill of a busy tenant does.
                    result = self.run_fetch("fetch", *self.source(api), *window, "--format", form, "--page-size", "40")
                    self.assertEqual(result.returncode, 0, result.stderr)
                    got = identities(result.stdout, api, form)
                    want = expected if form == "json" else [(i, t // MILLISECOND) for i, t in expected]
                    self.assertEqual(len(got), len(set(got)), "a version printed twice")
                    self.assertEqual(set(got), set(want))
                    self.assertRegex(result.stderr, rf"^defender-fetch: {len(want)} alerts \(\d+ duplicates "
                                                    rf"suppressed\) from {re.escape(format_ticks(self.start))} until "
                                                    rf"{re.escape(format_ticks(self.end))}: \d+ pages, \d+ requests, ")

    def test_fetch_stops_at_max_alerts(self):
        result = self.run_fetch("fetch", *self.source(), "--from", format_ticks(self.start, 0), "--max-alerts", "7")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(len(result.stdout.splitlines()), 7)
        self.assertTrue(result.stderr.startswith("defender-fetch: 7 alerts ("), result.stderr)
        self.assertTrue(result.stderr.endswith(", stopped at --max-alerts\n"), result.stderr)

    # -- explain -----------------------------------------------------------------------------------------------
    def explain(self, expected, *options):
        """explain's lines for these options, after checking those named in `expected`."""
        result = self.run_fetch("explain", "--tenant-id", "contoso.onmicrosoft.com", "--client-id", self.sim.client_id,
                                "--client-secret-file", self.secret, *options)
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = report(result.stdout)
        self.assertEqual({name: lines.get(name) for name in expected}, expected)
        return lines

    def test_explain_a_gcc_high_graph_source(self):
        lines = self.explain({
            "token url": "https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/token",
            "token version": "v2",
            "scope": "https://graph.microsoft.us/.default",
            "api url": "https://graph.microsoft.us/v1.0/security/alerts_v2",
            "page size": "1000",
            "budget": "150 requests a minute, no limit an hour",
            "persist name": "contoso.onmicrosoft.com,graph (the default; persist-name() sets another)",
        }, "--cloud", "gcc-high")
        first = re.fullmatch(r"GET https://graph\.microsoft\.us/v1\.0/security/alerts_v2\?\$filter=(.*)"
                             r"&\$top=1000&\$orderby=lastUpdateDateTime%20asc", lines["first page"])
        self.assertTrue(first, lines["first page"])
        window = re.fullmatch(r"lastUpdateDateTime ge (\S+) and lastUpdateDateTime lt (\S+)",
                              urllib.parse.unquote(first.group(1)))
        self.assertTrue(window, first.group(1))
        self.assertEqual(parse_ticks(window.group(2)) - parse_ticks(window.group(1)), 86400 * SECOND)

    def test_explain_an_incidents_source_with_their_alerts(self):
        lines = self.explain({
            "api": "incidents, cloud: global",
            "scope": "https://graph.microsoft.com/.default",
            "api url": "https://graph.microsoft.com/v1.0/security/incidents",
            "page size": "50 (page-size(1000) clamped to what api(incidents) serves)",
            "budget": "150 requests a minute, no limit an hour",
            "persist name": "contoso.onmicrosoft.com,incidents (the default; persist-name() sets another)",
        }, "--api", "incidents", "--expand-alerts", "yes")
        self.assertRegex(lines["first page"], r"^GET https://graph\.microsoft\.com/v1\.0/security/incidents\?\$filter="
                                              r"lastUpdateDateTime%20ge%20\S+%20and%20lastUpdateDateTime%20lt%20\S+"
                                              r"&\$top=50&\$orderby=lastUpdateDateTime%20asc&\$expand=alerts$")

    def test_explain_an_eu_siem_source(self):
        lines = self.explain({
            "token url": "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/token",
            "token version": "v1",
            "resource": "https://graph.windows.net",
            "api url": "https://wdatp-alertexporter-eu.windows.com/api/alerts",
            "page size": "1000",
            "budget": "60 requests a minute, 1500 requests an hour",
            "proxy": "http://***@proxy.example:3128",
            "persist name": "contoso.onmicrosoft.com,siem (the default; persist-name() sets another)",
        }, "--api", "siem", "--region", "eu", "--proxy", "http://squid:pa55word@proxy.example:3128")
        first = re.fullmatch(r"GET https://wdatp-alertexporter-eu\.windows\.com/api/alerts\?sinceTimeUtc=(\S+)"
                             r"&untilTimeUtc=(\S+)", lines["first page"])
        self.assertTrue(first, lines["first page"])
        # The SIEM API's first sub-window is an hour (siem_window_reader.h), from initial-lookback() ago.
        self.assertEqual(ticks_of(first.group(2)) - ticks_of(first.group(1)), 3600 * SECOND)
        self.assertAlmostEqual(ticks_of(first.group(1)) / SECOND, time.time() - 86400, delta=60)

    # -- the secret --------------------------------------------------------------------------------------------
    def test_client_secret_on_the_command_line_is_refused(self):
        for args in (["--client-secret", "hunter2"], ["--client-secret=hunter2"]):
            with self.subTest(args=args):
                result = self.run_fetch("check", *self.source(secret_file=False), *args)
                self.assertEqual(result.returncode, USAGE)
                self.assertEqual(result.stdout, "")
                self.assertEqual(result.stderr,
                                 "defender-fetch: --client-secret is refused: the command line shows in ps and in the "
                                 "shell's history. Put the secret in a file only you can read and pass "
                                 "--client-secret-file FILE, or set DEFENDER_CLIENT_SECRET (defender-fetch --help)\n")



class DefenderFetchIncidentsTest(FetchCase):
    """api(incidents) against a simulator whose tokens carry SecurityIncident.Read.All too."""
    SIM_ARGS = INCIDENT_ROLES

    def test_check_of_incidents_with_their_role_says_ok_and_counts_incidents(self):
        requests = self.sim.stats()["apiRequests"]["total"]
        result = self.run_fetch("check", *self.source("incidents"))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(result.stderr, "")
        lines = report(result.stdout)
        self.assertEqual(lines["roles"], "SecurityAlert.Read.All SecurityIncident.Read.All")
        self.assertEqual(lines["role"], "OK: SecurityIncident.Read.All, which api(incidents) needs")
        self.assertTrue(lines["request"].startswith(f"GET {self.sim.base_url}/v1.0/security/incidents?"),
                        lines["request"])
        self.assertRegex(lines["answer"], r"^OK \(HTTP 200, \d+ incidents? in the page\)$")
        self.assertEqual(self.sim.stats()["apiRequests"]["total"], requests + 1)

    def test_fetch_of_incidents_prints_exactly_the_incident_ledgers_versions_in_the_range(self):
        # The API serves each incident as it is now: its current versions are what a range holds.
        ledger = incident_ledger(self.sim, final=True)
        expected = ledger_versions(ledger, "incidents", self.start, self.end)
        everything = ledger_versions(ledger, "incidents", 0, 2 ** 62)
        # More than a page of 50, and versions on both sides of the range.
        self.assertGreater(len(expected), 50)
        self.assertLess(min(t for _, t in everything), self.start)
        self.assertGreaterEqual(max(t for _, t in everything), self.end)
        window = ["--from", format_ticks(self.start, 0), "--until", format_ticks(self.end, 0)]
        for form in ("cef", "leef", "json"):
            with self.subTest(format=form):
                result = self.run_fetch("fetch", *self.source("incidents"), *window, "--format", form)
                self.assertEqual(result.returncode, 0, result.stderr)
                got = identities(result.stdout, "incidents", form)
                want = expected if form == "json" else [(i, t // MILLISECOND) for i, t in expected]
                self.assertEqual(len(got), len(set(got)), "a version printed twice")
                self.assertEqual(set(got), set(want))
                # page-size() is 1000 by default: pages of 50 are asked for, so the range takes several.
                notice, summary = result.stderr.splitlines()
                self.assertEqual(notice, "defender-fetch: notice: page-size(1000) is more than api(incidents) serves "
                                         "in a page; pages of 50 are asked for")
                counted = re.match(rf"defender-fetch: {len(want)} incidents \(\d+ duplicates suppressed\) from "
                                   rf"{re.escape(format_ticks(self.start))} until "
                                   rf"{re.escape(format_ticks(self.end))}: (\d+) pages, \d+ requests, ", summary)
                self.assertTrue(counted, summary)
                self.assertGreaterEqual(int(counted.group(1)), len(want) // 50)


if __name__ == "__main__":
    unittest.main()

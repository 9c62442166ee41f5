"""Start, talk to and stop defender-sim for integration tests (Python 3 standard library only).

    from lib.simulator import Simulator
    with Simulator(alerts=500, tie_size=3, faults=["429:count=2"]) as sim:
        page = sim.alerts({"$top": "10"}).json()
        sim.add_fault("503", count=1, retry_after=2)
        sim.set_hazards(mutation_rate=5, mutation_target="served")

The simulator listens on 127.0.0.1 with an ephemeral port and a private TLS directory; every request verifies
the server certificate against the simulator's CA. The binary is $DEFENDER_BUILD_DIR/bin/defender-sim.
Keyword arguments named like the simulator's switches (tie_size -> --tie-size) pass straight through; the same
names, with hyphens, are what /_sim/hazards, /_sim/faults and /_sim/foreign take at run time.
"""

import calendar
import gzip
import json
import os
import re
import shutil
import signal
import ssl
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

GRAPH_SCOPE = "https://graph.microsoft.com/.default"
ALERTS_SCOPE = "https://api.securitycenter.microsoft.com/.default"
SIEM_RESOURCE = "https://graph.windows.net"
ALERTS_V2 = "/v1.0/security/alerts_v2"
ALERTS_API = "/api/alerts"

# Simulator(...) keywords that become --switches (underscores to hyphens), and the names the control endpoints take.
SWITCHES = ("alerts_page_size", "tie_size", "feed_rate", "mutation_rate", "mutation_target", "ingestion_delay",
            "ingestion_delay_mode", "hostile_rate", "clock_offset", "budgets", "budget_graph", "budget_alerts",
            "budget_siem", "token_max_age", "hostile_answers", "hostile_answer_rate", "hostile_answer_targets",
            "foreign_port", "next_link_origin")
DEFAULT_TENANT = "contoso.onmicrosoft.com"
DEFAULT_TENANT_GUID = "b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c"
DEFAULT_CLIENT_ID = "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb"
DEFAULT_CLIENT_SECRET = "sim-secret"

_TIMESTAMP = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?Z$")


def parse_ticks(text):
    """An ISO 8601 UTC timestamp with 0-7 fractional digits as 100 ns ticks since the Unix epoch."""
    m = _TIMESTAMP.match(text)
    if not m:
        raise ValueError("not a service timestamp: %r" % text)
    seconds = calendar.timegm(tuple(int(m.group(i)) for i in range(1, 7)) + (0, 0, 0))
    fraction = (m.group(7) or "").ljust(7, "0")
    return seconds * 10_000_000 + int(fraction)


def format_ticks(ticks, digits=7):
    """Ticks as an ISO 8601 literal with exactly `digits` fractional digits (finer ticks are dropped)."""
    seconds, fraction = divmod(ticks, 10_000_000)
    text = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))
    if digits:
        text += "." + ("%07d" % fraction)[:digits]
    return text + "Z"



def strip_times(value):
    """A JSON value without its *DateTime members: the simulator anchors them to its start, so that two runs with
    the same seed differ only there."""
    if isinstance(value, dict):
        return {k: strip_times(v) for k, v in value.items() if not k.endswith("DateTime")}
    if isinstance(value, list):
        return [strip_times(v) for v in value]
    return value

def binary_path():
    build = os.environ.get("DEFENDER_BUILD_DIR")
    if not build:
        raise RuntimeError("DEFENDER_BUILD_DIR is not set (the CMake build directory)")
    return os.path.join(build, "bin", "defender-sim")


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # email.message.Message: case-insensitive get()
        self.body = body        # bytes, as received (still gzip-compressed if the server compressed it)

    def text(self):
        data = self.body
        if (self.headers.get("Content-Encoding") or "").lower() == "gzip":
            data = gzip.decompress(data)
        return data.decode("utf-8")

    def json(self):
        return json.loads(self.text())


def _hyphenate(settings):
    return {k.replace("_", "-"): v for k, v in settings.items()}


def fault_spec(fault):
    """A fault as --fault takes it: "429:count=2" as it is, or {"kind": "429", "count": 2} joined."""
    if isinstance(fault, str):
        return fault
    fault = _hyphenate(fault)
    rest = ",".join("%s=%s" % (k, v) for k, v in fault.items() if k != "kind")
    return fault["kind"] + (":" + rest if rest else "")


# The initial alerts' update times span this many seconds before the simulator starts: an hour inside the module's
# default initial-lookback(86400), so that a syslog-ng started a few seconds after the simulator sees every alert.
DEFAULT_HISTORY = 23 * 3600


class Simulator:
    def __init__(self, alerts=1000, seed=1, history=DEFAULT_HISTORY, max_page_size=None, token_lifetime=None,
                 tenant=DEFAULT_TENANT, tenant_guid=DEFAULT_TENANT_GUID, client_id=DEFAULT_CLIENT_ID,
                 client_secret=DEFAULT_CLIENT_SECRET, ledger_file=None, extra_args=(), tls_dir=None,
                 binary=None, faults=(), **switches):
        self.tenant = tenant
        self.tenant_guid = tenant_guid
        self.client_id = client_id
        self.client_secret = client_secret
        self.workdir = tempfile.mkdtemp(prefix="defender-sim-")
        self.tls_dir = tls_dir or os.path.join(self.workdir, "tls")
        self.ready_file = os.path.join(self.workdir, "ready")
        self.log_file = os.path.join(self.workdir, "sim.log")
        self.ledger_file = ledger_file
        self.binary = binary or binary_path()
        args = [self.binary, "--listen-port", "0", "--tls-dir", self.tls_dir, "--ready-file", self.ready_file,
                "--alerts", str(alerts), "--seed", str(seed), "--tenant", tenant, "--tenant-guid", tenant_guid,
                "--client-id", client_id, "--client-secret", client_secret]
        if history is not None:
            args += ["--history", str(history)]
        if max_page_size is not None:
            args += ["--max-page-size", str(max_page_size)]
        if token_lifetime is not None:
            args += ["--token-lifetime", str(token_lifetime)]
        if ledger_file:
            args += ["--ledger", ledger_file]
        for name, value in switches.items():
            if name not in SWITCHES:
                raise TypeError("unknown simulator switch %r" % name)
            if isinstance(value, bool):
                value = "on" if value else "off"
            if value is not None:
                args += ["--" + name.replace("_", "-"), str(value)]
        for fault in faults:
            args += ["--fault", fault_spec(fault)]
        self.args = args + list(extra_args)
        self.process = None
        self.port = None
        self._tokens = {}
        self._context = None

    # -- lifecycle ---------------------------------------------------------------------------------------------
    def start(self, timeout=60):
        self._log = open(self.log_file, "wb")
        self.process = subprocess.Popen(self.args, stdout=self._log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if os.path.exists(self.ready_file):
                with open(self.ready_file) as f:
                    self.port = int(f.read().strip())
                return self
            if self.process.poll() is not None:
                code = self.stop()
                raise RuntimeError("defender-sim exited with %s: %s" % (code, self.log()))
            time.sleep(0.02)
        self.stop()
        raise RuntimeError("defender-sim did not become ready in %ss: %s" % (timeout, self.log()))

    def stop(self, timeout=10):
        """SIGTERM, wait, SIGKILL after `timeout`; returns the exit code."""
        code = None
        if self.process is not None:
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGTERM)
                try:
                    self.process.wait(timeout)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
            code = self.process.returncode
            self.process = None
            self._log.close()
        return code

    def cleanup(self):
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        self.cleanup()

    def log(self):
        try:
            with open(self.log_file, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    # -- addresses ---------------------------------------------------------------------------------------------
    @property
    def base_url(self):
        return "https://127.0.0.1:%d" % self.port

    @property
    def ca_file(self):
        return os.path.join(self.tls_dir, "ca.pem")

    def token_url(self, version=2, tenant=None):
        path = "/oauth2/v2.0/token" if version == 2 else "/oauth2/token"
        return "%s/%s%s" % (self.base_url, tenant or self.tenant, path)

    def ssl_context(self):
        if self._context is None:
            self._context = ssl.create_default_context(cafile=self.ca_file)
        return self._context

    # -- HTTP --------------------------------------------------------------------------------------------------
    def request(self, method, path_or_url, body=None, headers=None, timeout=30):
        """Any request; HTTP errors are returned as a Response, not raised."""
        url = path_or_url if path_or_url.startswith("https://") else self.base_url + path_or_url
        if isinstance(body, dict):
            body = urllib.parse.urlencode(body).encode()
        elif isinstance(body, str):
            body = body.encode()
        req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        if body is not None and "Content-Type" not in (headers or {}):
            req.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with urllib.request.urlopen(req, context=self.ssl_context(), timeout=timeout) as r:
                return Response(r.status, r.headers, r.read())
        except urllib.error.HTTPError as e:
            with e:
                return Response(e.code, e.headers, e.read())

    def request_token(self, version=2, tenant=None, **form):
        """POST the client-credentials form (defaults filled in; pass name=None to leave a field out)."""
        fields = {"client_id": self.client_id, "client_secret": self.client_secret,
                  "grant_type": "client_credentials"}
        if version == 2:
            fields["scope"] = GRAPH_SCOPE
        else:
            fields["resource"] = SIEM_RESOURCE
        fields.update(form)
        fields = {k: v for k, v in fields.items() if v is not None}
        return self.request("POST", self.token_url(version, tenant), body=fields)

    def access_token(self, fresh=False, scope=GRAPH_SCOPE, resource=None):
        """A cached token: v2 for `scope`, or v1 for `resource` when given."""
        key = resource or scope
        if fresh or key not in self._tokens:
            r = self.request_token(1, resource=resource) if resource else self.request_token(scope=scope)
            if r.status != 200:
                raise RuntimeError("token request failed: %s %s" % (r.status, r.text()))
            self._tokens[key] = r.json()["access_token"]
        return self._tokens[key]

    def alerts_token(self, fresh=False):
        """For the Defender for Endpoint alerts API (v2, scope api.securitycenter.microsoft.com)."""
        return self.access_token(fresh, scope=ALERTS_SCOPE)

    def siem_token(self, fresh=False):
        """For the SIEM API (v1, resource https://graph.windows.net)."""
        return self.access_token(fresh, resource=SIEM_RESOURCE)

    def get(self, path_or_url, token=None, headers=None):
        h = dict(headers or {})
        if token is not None:
            h["Authorization"] = "Bearer " + token
        return self.request("GET", path_or_url, headers=h)

    def alerts(self, query="", token=None, headers=None):
        """GET alerts_v2 with a query given as a dict (encoded here) or as an already encoded string."""
        if isinstance(query, dict):
            query = urllib.parse.urlencode(query, quote_via=urllib.parse.quote)
        path = ALERTS_V2 + ("?" + query if query else "")
        return self.get(path, token=token if token is not None else self.access_token(), headers=headers)

    def all_alerts(self, query="", token=None):
        """Follows @odata.nextLink to the end; returns the list of alerts and the number of pages."""
        r = self.alerts(query, token)
        items, pages = [], 0
        while True:
            if r.status != 200:
                raise RuntimeError("alerts_v2 failed: %s %s" % (r.status, r.text()))
            page = r.json()
            items += page["value"]
            pages += 1
            link = page.get("@odata.nextLink")
            if not link:
                return items, pages
            r = self.get(link, token=token if token is not None else self.access_token())

    def mde_alerts(self, query="", token=None, headers=None, path=ALERTS_API):
        """GET the Defender for Endpoint alerts API (a dict query is encoded here)."""
        if isinstance(query, dict):
            query = urllib.parse.urlencode(query, quote_via=urllib.parse.quote)
        return self.get(path + ("?" + query if query else ""),
                        token=token if token is not None else self.alerts_token(), headers=headers)

    def siem_alerts(self, params=(), token=None, headers=None):
        """GET the SIEM API; params as a dict or a list of pairs (machinegroups repeats)."""
        query = urllib.parse.urlencode(params, quote_via=urllib.parse.quote)
        return self.get(ALERTS_API + ("?" + query if query else ""),
                        token=token if token is not None else self.siem_token(), headers=headers)

    # -- control endpoints -------------------------------------------------------------------------------------
    def stats(self):
        return self.request("GET", "/_sim/stats").json()

    def _control(self, method, path, body=None):
        data = json.dumps(body) if body is not None else (b"" if method == "POST" else None)
        r = self.request(method, path, body=data, headers={"Content-Type": "application/json"})
        if r.status not in (200, 201):
            raise RuntimeError("%s %s failed: %s %s" % (method, path, r.status, r.text()))
        return r.json()

    def add_alerts(self, count, tie=None):
        """Creates `count` alerts updated now; returns [{"id", "lastUpdateDateTime", "ticks", "visibleAt"}, ...]."""
        query = "count=%d" % count + ("&tie=%d" % tie if tie else "")
        return self._control("POST", "/_sim/alerts?" + query)["versions"]

    def mutate(self, count=1, target=None, api=None, ids=(), tie=None):
        """New versions of existing alerts: `ids`, or `count` picked by target (random, served, unserved) from the
        last page `api` served; returns the versions like add_alerts."""
        params = [("count", count)] + [("id", i) for i in ids]
        params += [(k, v) for k, v in (("target", target), ("api", api), ("tie", tie)) if v is not None]
        return self._control("POST", "/_sim/mutate?" + urllib.parse.urlencode(params))["versions"]

    def ledger(self, start=0, final=False):
        """Every alert version the simulator made visible: [{"seq", "id", "lastUpdateDateTime", "ticks",
        "visibleAt", "apis", "siem" (when it made SIEM records), "supersededAt"}, ...]; final: only current ones."""
        return self._control("GET", "/_sim/ledger?from=%d%s" % (start, "&final=1" if final else ""))

    def requests_log(self, start=0):
        """Every API request: [{"at": ticks, "api": "graph"|"alerts"|"siem", "status": N}, ...], with "hostile": kind
        when a hostile answer was sent instead."""
        return self._control("GET", "/_sim/requests?from=%d" % start)

    def hazards(self):
        return self._control("GET", "/_sim/hazards")

    def set_hazards(self, **hazards):
        """set_hazards(tie_size=5, feed_rate=10, ...): the --switch names with underscores."""
        return self._control("POST", "/_sim/hazards", _hyphenate(hazards))

    def faults(self):
        """{"budgets", "budget-graph", ..., "token-max-age", "rules": [...], "applied": [...]}"""
        return self._control("GET", "/_sim/faults")

    def add_fault(self, kind, **settings):
        """add_fault("429", count=2, retry_after=3): one rule, in --fault's vocabulary."""
        return self._control("POST", "/_sim/faults", dict(_hyphenate(settings), kind=kind))

    def set_faults(self, **settings):
        """set_faults(budgets="off", token_max_age=5): fault settings."""
        return self._control("POST", "/_sim/faults", _hyphenate(settings))

    def clear_faults(self):
        return self._control("DELETE", "/_sim/faults")

    def foreign(self):
        """The foreign origin (--foreign-port): {"port", "next-link-origin", "requests", "withAuthorization", "log":
        [{"method", "target", "authorization": null or {"scheme", "sha256"}}, ...]}."""
        return self._control("GET", "/_sim/foreign")

    def set_foreign(self, **settings):
        """set_foreign(next_link_origin="foreign"): where @odata.nextLinks point."""
        return self._control("POST", "/_sim/foreign", _hyphenate(settings))

    def hostile_answers(self):
        """{"total", "byKind": {kind: n}, "byTarget": {"pages", "tokens", "errors"}}: hostile answers sent so far."""
        return self.stats()["hostileAnswers"]

    def revoke_tokens(self):
        """Every token issued so far expires now (clients see 401 and must get a new one)."""
        self._control("POST", "/_sim/tokens/revoke")


# -- Graph's incidents (GET /v1.0/security/incidents and /_sim/incidents) -------------------------------------------
INCIDENTS = "/v1.0/security/incidents"
# Simulator(extra_args=INCIDENT_ROLES): tokens for Graph carry SecurityIncident.Read.All too (the default grants the
# alerts' permission only, as an app registration made for alerts_v2 has).
INCIDENT_ROLES = ("--graph-roles", "SecurityAlert.Read.All+SecurityIncident.Read.All")


def incidents(sim, query="", token=None, headers=None, path=INCIDENTS):
    """GET the incidents (or one, with path=INCIDENTS + "/ID") with a query given as a dict or an encoded string."""
    if isinstance(query, dict):
        query = urllib.parse.urlencode(query, quote_via=urllib.parse.quote)
    return sim.get(path + ("?" + query if query else ""), token=token if token is not None else sim.access_token(),
                   headers=headers)


def all_incidents(sim, query="", token=None, max_pages=1000):
    """Follows @odata.nextLink to the end (at most max_pages); returns the list of incidents and the number of pages."""
    r = incidents(sim, query, token)
    items = []
    for pages in range(1, max_pages + 1):
        if r.status != 200:
            raise RuntimeError("incidents failed: %s %s" % (r.status, r.text()))
        page = r.json()
        items += page["value"]
        link = page.get("@odata.nextLink")
        if not link:
            return items, pages
        r = sim.get(link, token=token if token is not None else sim.access_token())
    raise RuntimeError("incidents: still a next link after %d pages" % max_pages)


def incident_ledger(sim, start=0, final=False):
    """Every incident version the simulator made visible: [{"seq", "id", "lastUpdateDateTime", "ticks", "visibleAt",
    "status", "redirectIncidentId", "alertIds", "supersededAt"}, ...]; final: only current ones."""
    return sim._control("GET", "/_sim/incidents/ledger?from=%d%s" % (start, "&final=1" if final else ""))


def update_incidents(sim, count=1, ids=(), tie=None):
    """The next update of the incidents `ids`, or of `count` random ones; returns their new versions like the
    ledger's entries (without seq and supersededAt)."""
    params = [("count", count)] + [("id", i) for i in ids] + ([("tie", tie)] if tie else [])
    return sim._control("POST", "/_sim/incidents/update?" + urllib.parse.urlencode(params))["versions"]


def merge_incidents(sim, source=None, target=None, count=1):
    """Merges `source` into `target`, or `count` random pairs of open incidents; returns {"merges": [{"source",
    "target"}], "incidents": [new versions of both], "alerts": [new versions of the alerts that moved]}."""
    params = {"source": source, "target": target} if source else {"count": count}
    return sim._control("POST", "/_sim/incidents/merge?" + urllib.parse.urlencode(params))

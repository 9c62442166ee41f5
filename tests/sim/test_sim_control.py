"""defender-sim: process behaviour (ready file, TLS, loopback only, keep-alive, SIGTERM), the command line, and the
/_sim control endpoints (stats, new alerts, ledger, --ledger file)."""

import http.client
import json
import os
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "integration"))
from lib.simulator import ALERTS_V2, Simulator, binary_path, parse_ticks  # noqa: E402


class ProcessTest(unittest.TestCase):
    def test_help(self):
        out = subprocess.run([binary_path(), "--help"], capture_output=True, text=True, timeout=10)
        self.assertEqual(out.returncode, 0)
        for option in ("--listen-port", "--tls-dir", "--cert", "--key", "--ready-file", "--tenant", "--tenant-guid",
                       "--client-id", "--client-secret", "--alerts", "--seed", "--history", "--token-lifetime",
                       "--max-page-size", "--ledger", "--client-certificate", "--alerts-page-size", "--tie-size",
                       "--feed-rate", "--mutation-rate", "--mutation-target", "--ingestion-delay",
                       "--ingestion-delay-mode", "--hostile-rate", "--fault", "--budgets", "--budget-graph",
                       "--budget-alerts", "--budget-siem", "--token-max-age", "/_sim/faults", "/_sim/hazards",
                       "/_sim/mutate", "/_sim/requests", "/_sim/tokens/revoke"):
            self.assertIn(option, out.stdout)
        for args, message in [(["--alerts", "many"], "--alerts"), (["--tie-size", "0"], "tie-size"),
                              (["--mutation-target", "sideways"], "mutation-target"),
                              (["--fault", "418"], "unknown fault '418'"), (["--fault", "slow:mode=fast"], "mode"),
                              (["--budget-alerts", "100/0"], "budget-alerts"), (["--budgets", "maybe"], "budgets")]:
            bad = subprocess.run([binary_path(), "--tls-dir", "/tmp/x"] + args, capture_output=True, text=True,
                                 timeout=10)
            self.assertEqual(bad.returncode, 2, args)
            self.assertIn(message, bad.stderr, args)

    def test_ready_file_stdout_and_loopback_only(self):
        sim = Simulator(alerts=5).start()
        try:
            with open(sim.ready_file) as f:
                self.assertEqual(f.read(), "%d\n" % sim.port)
            with open(sim.log_file) as f:
                self.assertIn("defender-sim listening on https://127.0.0.1:%d" % sim.port, f.read())
            with open("/proc/net/tcp") as f:
                listening = [line.split() for line in f.readlines()[1:] if line.split()[3] == "0A"]
            ours = [fields[1] for fields in listening if int(fields[1].split(":")[1], 16) == sim.port]
            self.assertEqual(ours, ["0100007F:%04X" % sim.port])
        finally:
            self.assertEqual(sim.stop(), 0)
            sim.cleanup()

    def test_tls_chain_verifies_for_ip_and_localhost(self):
        with Simulator(alerts=1) as sim:
            for host in ("127.0.0.1", "localhost"):
                ctx = ssl.create_default_context(cafile=sim.ca_file)
                with socket.create_connection(("127.0.0.1", sim.port), timeout=10) as raw:
                    with ctx.wrap_socket(raw, server_hostname=host) as tls:
                        self.assertIn(tls.version(), ("TLSv1.2", "TLSv1.3"))
            with self.assertRaises(ssl.SSLCertVerificationError):
                ctx = ssl.create_default_context()  # the system store does not know the simulator's CA
                with socket.create_connection(("127.0.0.1", sim.port), timeout=10) as raw:
                    ctx.wrap_socket(raw, server_hostname="127.0.0.1")

    def test_existing_tls_dir_is_reused(self):
        with Simulator(alerts=1) as first:
            with open(first.ca_file) as f:
                ca = f.read()
            second = Simulator(alerts=1, tls_dir=first.tls_dir).start()
            try:
                with open(second.ca_file) as f:
                    self.assertEqual(f.read(), ca)
                self.assertEqual(second.request("GET", "/_sim/stats").status, 200)
            finally:
                second.stop()
                second.cleanup()

    def test_cert_and_key_options(self):
        with Simulator(alerts=1) as first:
            empty_dir = os.path.join(first.workdir, "unused-tls")
            extra = ["--cert", os.path.join(first.tls_dir, "server.pem"),
                     "--key", os.path.join(first.tls_dir, "server.key")]
            second = Simulator(alerts=1, tls_dir=empty_dir, extra_args=extra).start()
            try:
                self.assertFalse(os.path.exists(empty_dir))  # --cert/--key win over --tls-dir
                second._context = first.ssl_context()
                self.assertEqual(second.request("GET", "/_sim/stats").status, 200)
            finally:
                second.stop()
                second.cleanup()

    def test_keep_alive_and_prompt_sigterm(self):
        sim = Simulator(alerts=20).start()
        try:
            token = sim.access_token()
            before = sim.stats()["connectionsAccepted"]
            conn = http.client.HTTPSConnection("127.0.0.1", sim.port, context=sim.ssl_context(), timeout=10)
            for _ in range(5):
                conn.request("GET", ALERTS_V2 + "?$top=3", headers={"Authorization": "Bearer " + token})
                r = conn.getresponse()
                self.assertEqual(r.status, 200)
                self.assertEqual(len(json.loads(r.read())["value"]), 3)
            self.assertEqual(sim.stats()["connectionsAccepted"] - before, 2)  # ours (once) + the stats call
            conn.request("GET", "/_sim/stats", headers={"Connection": "close"})
            r = conn.getresponse()
            self.assertEqual(r.getheader("Connection"), "close")
            r.read()
            conn.close()
            idle = http.client.HTTPSConnection("127.0.0.1", sim.port, context=sim.ssl_context(), timeout=10)
            idle.request("GET", "/_sim/stats")
            idle.getresponse().read()  # leave it open and idle
            started = time.monotonic()
            self.assertEqual(sim.stop(timeout=10), 0)
            self.assertLess(time.monotonic() - started, 3)
            idle.close()
        finally:
            sim.stop()
            sim.cleanup()

    def test_bad_requests(self):
        with Simulator(alerts=1) as sim:
            ctx = sim.ssl_context()
            with socket.create_connection(("127.0.0.1", sim.port), timeout=10) as raw:
                with ctx.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
                    tls.sendall(b"GET /_sim/stats HTTP/1.1\r\nHost: x\r\n" + b"X-Big: " + b"a" * 40000 + b"\r\n\r\n")
                    self.assertTrue(tls.recv(100).startswith(b"HTTP/1.1 431 "))
            with socket.create_connection(("127.0.0.1", sim.port), timeout=10) as raw:
                with ctx.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
                    tls.sendall(b"NONSENSE\r\n\r\n")
                    self.assertTrue(tls.recv(100).startswith(b"HTTP/1.1 400 "))


class ControlTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ledger_path = os.path.join(tempfile.mkdtemp(prefix="sim-ledger-"), "ledger.jsonl")
        cls.sim = Simulator(alerts=200, history=3600, ledger_file=cls.ledger_path).start()

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()
        cls.sim.cleanup()

    def test_initial_ledger(self):
        ledger = self.sim.ledger()[:200]  # the initial alerts come first; other tests may add more
        self.assertEqual(len({e["id"] for e in ledger}), 200)
        now = time.time() * 10_000_000
        for seq, entry in enumerate(ledger[:200]):
            keys = {"seq", "id", "lastUpdateDateTime", "ticks", "visibleAt", "apis", "supersededAt"}
            self.assertEqual(set(entry), keys | ({"siem"} if "siem" in entry["apis"] else set()))
            self.assertEqual(entry["seq"], seq)
            self.assertIsNone(entry["supersededAt"])
            self.assertEqual(parse_ticks(entry["lastUpdateDateTime"]), entry["ticks"])
            self.assertGreater(entry["visibleAt"], entry["ticks"])  # the initial alerts became visible at start
            self.assertLess(entry["ticks"], now - 10_000_000 + 5 * 10_000_000)
            self.assertGreater(entry["ticks"], now - 3700 * 10_000_000)
        self.assertEqual(self.sim.ledger(start=150)[:50], ledger[150:])

    def test_add_alerts_and_ledger_file(self):
        before = self.sim.stats()
        start = time.time()
        added = self.sim.add_alerts(25)
        self.assertEqual(len(added), 25)
        self.assertEqual(len({a["id"] for a in added}), 25)
        ticks = [a["ticks"] for a in added]
        self.assertEqual(ticks, sorted(set(ticks)))  # distinct and increasing
        for a in added:
            self.assertEqual(parse_ticks(a["lastUpdateDateTime"]), a["ticks"])
            self.assertLess(abs(a["ticks"] / 10_000_000 - start), 5)
        after = self.sim.stats()
        self.assertEqual(after["alertVersionsVisible"] - before["alertVersionsVisible"], 25)
        self.assertEqual(after["alerts"] - before["alerts"], 25)

        page = self.sim.alerts({"$top": "25"}).json()  # most recent first
        self.assertEqual([a["id"] for a in page["value"]], [a["id"] for a in reversed(added)])
        for a in page["value"]:
            self.assertEqual(a["status"], "new")
            self.assertEqual(a["createdDateTime"], a["lastUpdateDateTime"])
            self.assertIsNone(a["resolvedDateTime"])

        ledger = self.sim.ledger()
        self.assertEqual([{k: e[k] for k in ("id", "lastUpdateDateTime", "ticks", "visibleAt")} for e in ledger[-25:]],
                         added)
        with open(self.ledger_path) as f:
            lines = [json.loads(line) for line in f]
        self.assertEqual(lines, ledger)

    def test_bad_control_requests(self):
        self.assertEqual(self.sim.request("POST", "/_sim/alerts?count=0", body=b"").status, 400)
        self.assertEqual(self.sim.request("POST", "/_sim/alerts?count=x", body=b"").status, 400)
        self.assertEqual(self.sim.request("GET", "/_sim/alerts").status, 405)
        self.assertEqual(self.sim.request("GET", "/_sim/nothing").status, 404)

    def test_stats_shape(self):
        stats = self.sim.stats()
        self.assertEqual(set(stats), {"tokenRequests", "apiRequests", "alertsServed", "alertVersionsVisible", "alerts",
                                      "connectionsAccepted", "hostileAnswers", "foreignOrigin"})
        self.assertEqual(set(stats["tokenRequests"]), {"total", "byOutcome", "byVersion"})
        self.assertEqual(set(stats["apiRequests"]), {"total", "byStatus", "byApi"})
        self.assertEqual(set(stats["apiRequests"]["byApi"]), {"graph", "alerts", "siem"})
        for counts in stats["apiRequests"]["byApi"].values():
            self.assertEqual(set(counts), {"total", "byStatus", "alertsServed"})
        self.assertGreater(stats["connectionsAccepted"], 0)
        self.assertEqual(set(stats["hostileAnswers"]), {"total", "byKind", "byTarget"})
        self.assertEqual(set(stats["hostileAnswers"]["byKind"]), {"deep-nesting", "gzip-bomb", "huge-body",
                                                                  "long-numbers", "invalid-utf8-keys", "wide-array"})
        self.assertEqual(set(stats["hostileAnswers"]["byTarget"]), {"pages", "tokens", "errors"})
        self.assertEqual(stats["foreignOrigin"], {"requests": 0, "withAuthorization": 0})


if __name__ == "__main__":
    unittest.main()

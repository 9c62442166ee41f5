"""The network as real tenants have it: a server certificate the system does not trust (one clear error, no data;
with the right ca-file() or ca-dir(): data), a real HTTP proxy on loopback (tinyproxy) that wants credentials, the
no-proxy() list, and no secret, token or proxy password in syslog-ng's debug and trace output, its stats or its
persist file."""

import os
import shutil
import socket
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.defender_rig import Rig  # noqa: E402
from lib.syslogng import SyslogNg, count_lines, wait_until  # noqa: E402

PROXY_USER = "collector"
PROXY_PASSWORD = "pr0xy-pa55word"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TinyProxy:
    """tinyproxy on 127.0.0.1 with basic authentication, in the foreground, stopped by PID."""

    def __init__(self, workdir):
        self.port = free_port()
        self.log_path = os.path.join(workdir, "tinyproxy.log")
        config = os.path.join(workdir, "tinyproxy.conf")
        with open(config, "w") as f:
            f.write(f"Port {self.port}\nListen 127.0.0.1\nTimeout 60\nLogLevel Connect\nMaxClients 20\n"
                    f"Allow 127.0.0.1\nBasicAuth {PROXY_USER} {PROXY_PASSWORD}\n")
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(["tinyproxy", "-d", "-c", config], stdout=self.log, stderr=subprocess.STDOUT)
        wait_until(lambda: self.accepts(), 10, what="tinyproxy listening")

    def accepts(self):
        with socket.socket() as s:
            return s.connect_ex(("127.0.0.1", self.port)) == 0

    def url(self, password=PROXY_PASSWORD):
        return f"http://{PROXY_USER}:{password}@127.0.0.1:{self.port}"

    def tunnels_to(self, port):
        with open(self.log_path, errors="replace") as f:
            return sum(1 for line in f if f"CONNECT 127.0.0.1:{port} " in line)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        self.log.close()


class TracedSyslogNg(SyslogNg):
    """syslog-ng with debug (-d) and trace (-t) messages on."""

    def args(self, *extra):
        return super().args("-d", "-t", *extra)


@unittest.skipUnless(shutil.which("tinyproxy"), "tinyproxy is not installed (scripts/bootstrap installs it)")
class TransportTest(unittest.TestCase):
    def setUp(self):
        self.rig = Rig(self, alerts=800, seed=5)
        self.sim = self.rig.sim

    def proxy(self):
        proxy = TinyProxy(self.rig.work)
        self.addCleanup(proxy.stop)
        return proxy

    def test_an_untrusted_server_gives_one_clear_error_and_no_data_until_ca_file_names_its_ca(self):
        s = self.rig.syslog(ca_file=None).start()
        error = self.rig.the_one_error(s, "is not trusted", quiet_seconds=5)
        self.assertIn(f"the TLS certificate of 127.0.0.1:{self.sim.port} is not trusted", error)
        self.assertIn("point ca-file() or ca-dir() at the CA that issued it", error)
        self.assertIn("retry_in_seconds='300'", error)
        self.assertEqual(count_lines(self.rig.output), 0)
        self.assertEqual(self.sim.stats()["tokenRequests"]["total"], 0)
        self.assertEqual(s.defender_stat("requests_network"), 1)
        self.assertEqual(s.defender_stat("degraded"), 1)

        s.write_config(self.rig.config())
        s.reload()
        self.rig.assert_served_exactly()

    def test_ca_dir_with_a_hashed_ca_is_trusted(self):
        ca_dir = os.path.join(self.rig.work, "cas")
        os.mkdir(ca_dir)
        shutil.copy(self.sim.ca_file, os.path.join(ca_dir, "defender-sim.pem"))
        subprocess.run(["openssl", "rehash", ca_dir], check=True, capture_output=True, timeout=30)
        self.rig.syslog(ca_file=None, ca_dir=ca_dir).start()
        self.rig.assert_served_exactly()

    def test_through_a_proxy_with_credentials(self):
        proxy = self.proxy()
        s = self.rig.syslog(proxy=proxy.url()).start()
        self.rig.assert_served_exactly()
        print(f"tunnels through tinyproxy: {proxy.tunnels_to(self.sim.port)}")
        self.assertGreaterEqual(proxy.tunnels_to(self.sim.port), 1)
        self.assertNotIn(PROXY_PASSWORD, s.log_text())

    def test_a_proxy_refusing_the_credentials_is_named_without_them_and_no_proxy_goes_around_it(self):
        proxy = self.proxy()
        s = self.rig.syslog(proxy=proxy.url("wrong-pa55word")).start()
        error = self.rig.the_one_error(s, "refused the credentials")
        self.assertIn(f"proxy http://***@127.0.0.1:{proxy.port} refused the credentials (CONNECT tunnel failed", error)
        self.assertIn("check the user and password in proxy()", error)
        self.assertNotIn("wrong-pa55word", s.log_text())
        self.assertEqual(count_lines(self.rig.output), 0)

        s.write_config(self.rig.config(proxy=proxy.url("wrong-pa55word"), no_proxy="127.0.0.1"))
        s.reload()
        self.rig.assert_served_exactly()

    def test_no_secret_token_or_password_in_debug_and_trace_output_stats_or_persist_file(self):
        proxy = self.proxy()
        s = self.rig.syslog(cls=TracedSyslogNg, proxy=proxy.url()).start()
        self.rig.assert_served_exactly()
        # A revoked token makes the source refresh on a 401: that path logs too.
        self.sim.request("POST", "/_sim/tokens/revoke", body=b"")
        self.sim.add_alerts(5)
        self.rig.assert_served_exactly()
        self.assertGreaterEqual(s.defender_stat("token_refreshes"), 2)
        stats = s.ctl("stats")
        s.stop()
        log = s.log_text()
        self.assertIn("the API answered", log, "debug output was not on")
        with open(s.persist, "rb") as f:
            persist = f.read()
        for name, text in [("log", log), ("stats", stats), ("persist file", persist.decode("latin-1"))]:
            for secret in (self.sim.client_secret, PROXY_PASSWORD, "Bearer", "eyJ"):
                self.assertNotIn(secret, text, f"{secret!r} in the {name}")
        print(f"debug and trace output: {len(log.splitlines())} lines, none with a secret, token or password")


if __name__ == "__main__":
    unittest.main()

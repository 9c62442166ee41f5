"""Every credential with every API, in the real syslog-ng against defender-sim: a client secret (inline or from a
file) and a certificate (PS256 with x5t#S256, RS256 with x5t, the key in its own file or beside the certificate),
with Graph alerts_v2 (v2 token), the alerts API (v2 token) and the SIEM API (v1 token, resource=). Each run must
deliver exactly the versions the simulator served for that API. And: a reload reads the secret file again."""

import os
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.defender_rig import Rig  # noqa: E402
from lib.syslogng import count_lines  # noqa: E402


def make_certificate(directory, name):
    """A self-signed RSA certificate and its unencrypted key, as an administrator makes one for an app registration."""
    cert, key = os.path.join(directory, name + ".crt"), os.path.join(directory, name + ".key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name, "-days", "2",
                    "-keyout", key, "-out", cert], check=True, capture_output=True, timeout=60)
    os.chmod(key, 0o600)
    return cert, key


class AuthApisTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.keys = tempfile.mkdtemp(prefix="defender-keys-")
        cls.cert, cls.key = make_certificate(cls.keys, "registered")
        cls.combined = os.path.join(cls.keys, "combined.pem")
        with open(cls.combined, "w") as out, open(cls.key) as key, open(cls.cert) as cert:
            out.write(key.read() + cert.read())
        os.chmod(cls.combined, 0o600)
        cls.other_cert, cls.other_key = make_certificate(cls.keys, "unregistered")

    def setUp(self):
        self.rig = Rig(self, alerts=1500, seed=11, history=4 * 3600, sim_args=["--client-certificate", self.cert])
        self.sim = self.rig.sim

    def assert_delivers_everything(self, api, token_version, **options):
        s = self.rig.syslog(api=api, **options).start()
        self.rig.assert_served_exactly(api)
        tokens = self.sim.stats()["tokenRequests"]
        self.assertEqual(tokens["byOutcome"], {"success": 1}, tokens)
        self.assertEqual(list(tokens["byVersion"]), [token_version])
        self.assertEqual(s.defender_stat("token_refreshes"), 1)
        self.assertNotIn("refused", s.log_text())

    def test_graph_with_a_certificate_ps256_and_its_key_in_a_file(self):
        self.assert_delivers_everything("graph", "v2", client_secret_file=None,
                                        client_certificate=self.cert, client_private_key=self.key)

    def test_alerts_api_with_a_certificate_rs256_and_the_key_beside_it(self):
        self.assert_delivers_everything("alerts", "v2", client_secret_file=None,
                                        client_certificate=self.combined, client_assertion_algorithm="rs256")

    def test_siem_api_with_a_certificate_on_the_v1_endpoint(self):
        self.assert_delivers_everything("siem", "v1", client_secret_file=None,
                                        client_certificate=self.cert, client_private_key=self.key)

    def test_alerts_api_with_a_secret_file(self):
        self.assert_delivers_everything("alerts", "v2")

    def test_siem_api_with_an_inline_secret(self):
        self.assert_delivers_everything("siem", "v1", client_secret_file=None,
                                        client_secret=self.sim.client_secret)

    def test_an_unregistered_certificate_gives_one_clear_error(self):
        s = self.rig.syslog(client_secret_file=None, client_certificate=self.other_cert,
                            client_private_key=self.other_key).start()
        error = self.rig.the_one_error(s, "Entra ID refused the token request", quiet_seconds=4)
        self.assertIn("AADSTS700027", error)
        self.assertIn("upload this certificate (client-certificate()) to the app registration", error)
        self.assertIn("retry_in_seconds='300'", error)
        self.assertEqual(self.sim.stats()["tokenRequests"]["total"], 1)
        self.assertEqual(count_lines(self.rig.output), 0)

    def test_reload_reads_the_secret_file_again(self):
        self.rig.write_secret("an-old-secret\n")
        s = self.rig.syslog().start()
        self.rig.the_one_error(s, "AADSTS7000215")
        self.assertEqual(self.sim.stats()["tokenRequests"]["total"], 1, "a wrong secret must not be retried soon")
        self.rig.write_secret(self.sim.client_secret + "\n")
        s.reload()
        self.rig.assert_served_exactly()
        self.assertEqual(self.sim.stats()["tokenRequests"]["byOutcome"], {"AADSTS7000215": 1, "success": 1})
        self.assertNotIn("an-old-secret", s.log_text())


if __name__ == "__main__":
    unittest.main()

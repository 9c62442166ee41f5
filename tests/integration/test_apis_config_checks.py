"""The new options at `syslog-ng --syntax-only`: each mistake or contradiction fails with a message that names the
option, at the line where that option is written; valid combinations pass."""

import os
import re
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.config_builder import IDENTITY, configuration, defender_source, log_path  # noqa: E402
from lib.syslogng import SyslogNg  # noqa: E402


def config(options, secret=True):
    """options: (name, value) pairs. They start at line 8 (line 7 without the secret), one a line."""
    source = defender_source([*IDENTITY.items(), *([("client-secret", "x")] if secret else []), *options])
    return configuration(log_path("defender", source, 'file("/dev/null")', flow_control=False))


class ApisConfigChecksTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="defender-it-")
        cls.cert = os.path.join(cls.work, "app.crt")
        cls.key = os.path.join(cls.work, "app.key")
        cls.other_key = os.path.join(cls.work, "other.key")
        cls.encrypted_key = os.path.join(cls.work, "encrypted.key")
        run = lambda *args: subprocess.run(args, check=True, capture_output=True, timeout=60)  # noqa: E731
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=app", "-days", "2",
            "-keyout", cls.key, "-out", cls.cert)
        run("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", cls.other_key)
        run("openssl", "pkey", "-in", cls.key, "-aes256", "-passout", "pass:phrase", "-out", cls.encrypted_key)

    def check(self, *options, secret=True):
        return SyslogNg(os.path.join(self.work, "syslog-ng"), config(options, secret)).syntax_check()

    def assert_refused(self, message, line, *options):
        code, output = self.check(*options)
        self.assertNotEqual(code, 0, output)
        self.assertIn(message, output)
        self.assertRegex(output, re.escape("syslog-ng.conf:") + str(line) + ":")
        return output

    def assert_accepted(self, *options):
        code, output = self.check(*options)
        self.assertEqual(code, 0, output)

    def test_every_api_cloud_and_region_that_exists_passes(self):
        self.assert_accepted(("api", "alerts"), ("cloud", "gcc-high"), ("expand-evidence", False),
                             ("emit-updates", False), ("filter", "severity eq 'High'"), ("requests-per-minute", 50),
                             ("requests-per-hour", 0))
        self.assert_accepted(("api", "siem"), ("region", "eu"), ("machine-groups", ["UK Machines", "France"]),
                             ("machine-groups", ["Spain"]), ("token-version", 1))
        self.assert_accepted(("api", "alerts"), ("region", "swa"),
                             ("audience", "https://api.securitycenter.microsoft.com"))
        self.assert_accepted(("proxy", "http://user:secret@127.0.0.1:3128"), ("no-proxy", "localhost,.internal"),
                             ("ca-dir", "/etc/ssl/certs"), ("timeout", 60),
                             ("user-agent", "MdePartner-Contoso-SIEM/1.0"))
        self.assert_accepted(("api-url", "http://127.0.0.1:8080"), ("allow-insecure-http", True))

    def test_region_with_graph_is_refused_at_region(self):
        self.assert_refused("region() applies to api(alerts) and api(siem)", 9, ("api", "graph"), ("region", "eu"))

    def test_an_unknown_region_names_the_known_ones(self):
        self.assert_refused("unknown region(au) for api(siem); use us, eu or uk", 9, ("api", "siem"), ("region", "au"))

    def test_filter_with_siem_is_refused_at_filter(self):
        self.assert_refused("filter() applies to api(graph) and api(alerts)", 8, ("filter", "status eq 'New'"),
                            ("api", "siem"))

    def test_machine_groups_with_graph_is_refused_at_machine_groups(self):
        self.assert_refused("machine-groups() applies to api(siem)", 8, ("machine-groups", ["UK"]))

    def test_http_without_the_opt_in_is_refused_at_the_url(self):
        self.assert_refused('api-url("http://127.0.0.1:8080") must be an https:// URL', 8,
                            ("api-url", "http://127.0.0.1:8080"))

    def test_a_certificate_and_a_secret_together_are_refused(self):
        self.assert_refused("client-certificate() and a client secret are both set", 8,
                            ("client-certificate", self.cert), ("client-private-key", self.key))

    def test_a_key_of_another_certificate_is_refused_at_the_key(self):
        code, output = self.check(("client-certificate", self.cert), ("client-private-key", self.other_key),
                                  secret=False)
        self.assertNotEqual(code, 0, output)
        self.assertIn(f'client-private-key("{self.other_key}") does not belong to client-certificate("{self.cert}")',
                      output)
        self.assertRegex(output, re.escape("syslog-ng.conf:") + "8:")

    def test_an_encrypted_key_is_refused_with_how_to_decrypt_it(self):
        code, output = self.check(("client-certificate", self.cert), ("client-private-key", self.encrypted_key),
                                  secret=False)
        self.assertNotEqual(code, 0, output)
        self.assertIn("is encrypted; keys with a passphrase are not supported: decrypt it with `openssl pkey", output)

    def test_bad_values_name_their_option(self):
        self.assert_refused("unknown client-assertion-algorithm(es256)", 8, ("client-assertion-algorithm", "es256"))
        self.assert_refused("token-version(3) must be 1", 8, ("token-version", 3))
        self.assert_refused("timeout(0) must be between 1 and 3600 seconds", 8, ("timeout", 0))
        self.assert_refused("expand-evidence() applies to api(alerts)", 8, ("expand-evidence", False))
        output = self.assert_refused("proxy() must be a URL such as", 8, ("proxy", "proxy:3128 user:pa55"))
        self.assertNotIn("pa55", output.split("\n")[0])


if __name__ == "__main__":
    unittest.main()

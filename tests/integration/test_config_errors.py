"""What a person gets for a wrong configuration: a syntax check that names the option and its place, and for a
wrong secret one clear error and a slow retry."""

import os
import re
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.config_builder import simulator_source, to_files  # noqa: E402
from lib.simulator import Simulator  # noqa: E402
from lib.syslogng import SyslogNg, write_secret  # noqa: E402


class ConfigErrorsTest(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="defender-it-")
        self.sim = Simulator(alerts=10).start()
        self.addCleanup(self.sim.cleanup)
        self.addCleanup(self.sim.stop)
        self.secret = write_secret(os.path.join(self.work, "defender.secret"), "not-the-secret\n")
        self.output = os.path.join(self.work, "alerts.log")

    def syslog(self, **options):
        config = to_files({"defender": (simulator_source(self.sim, self.secret, **options), self.output)})
        s = SyslogNg(os.path.join(self.work, "syslog-ng"), config)
        self.addCleanup(s.stop)
        return s

    def test_wrong_secret_gives_one_clear_error_and_no_hot_loop(self):
        s = self.syslog().start()
        time.sleep(8)
        self.assertTrue(s.alive(), "syslog-ng died on a wrong secret")
        stats = self.sim.stats()
        self.assertEqual(stats["tokenRequests"]["total"], 1)
        self.assertEqual(stats["apiRequests"]["total"], 0)
        errors = [line for line in s.log_text().splitlines() if "Entra ID refused the token request" in line]
        self.assertEqual(len(errors), 1, s.log_text())
        self.assertIn("AADSTS7000215", errors[0])
        self.assertIn("client-secret-file()", errors[0])
        self.assertIn("retry_in_seconds='300'", errors[0])
        self.assertIn("tenant='contoso.onmicrosoft.com'", errors[0])
        self.assertIn("correlation id", errors[0])
        self.assertNotIn("not-the-secret", s.log_text())
        self.assertEqual(s.defender_stat("requests_401"), 1)

    def assert_syntax_error(self, expected_message, expected_line, **options):
        code, output = self.syslog(**options).syntax_check()
        self.assertNotEqual(code, 0, output)
        self.assertIn(expected_message, output)
        self.assertRegex(output, re.escape("syslog-ng.conf:") + str(expected_line) + ":")

    def test_missing_tenant_names_the_option(self):
        self.assert_syntax_error("tenant-id() is required", 4, tenant_id=None)

    def test_secret_and_secret_file_together_is_refused(self):
        self.assert_syntax_error("client-secret() and client-secret-file() are both set", 4, client_secret="x")

    def test_unknown_api_names_the_value_and_its_place(self):
        self.assert_syntax_error("unknown api(grahp); use graph", 13, api="grahp")

    def test_plain_http_url_is_refused(self):
        self.assert_syntax_error('login-url("http://127.0.0.1:1") must be an https:// URL', 8,
                                 login_url="http://127.0.0.1:1")

    def test_unreadable_ca_file_is_refused(self):
        self.assert_syntax_error('ca-file("/nonexistent/ca.pem") cannot be read', 10, ca_file="/nonexistent/ca.pem")

    def test_a_valid_block_passes_the_syntax_check(self):
        code, output = self.syslog().syntax_check()
        self.assertEqual(code, 0, output)


if __name__ == "__main__":
    unittest.main()

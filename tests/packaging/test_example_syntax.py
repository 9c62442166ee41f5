"""Every example configuration of config/ loads with `syslog-ng --syntax-only` and the built module, reading the
SCL block from config/scl/: on its own, and as a conf.d file of Debian's stock syslog-ng.conf. The only values
changed are the secret files' locations: microsoft-defender() and microsoft-defender-stream() read them while the
configuration loads."""

import os
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, "..", "integration")]
from lib.syslogng import SyslogNg  # noqa: E402

from harness.examples import (example_paths, in_stock_configuration, with_credentials,  # noqa: E402
                               with_source_tree_scl)
from harness.formats import skip_unless_accepted  # noqa: E402

# The examples the packages ship; a new example is checked as soon as it is in config/.
EXPECTED = {"arcsight.conf", "eventhubs-splunk-hec.conf", "mssp-kafka.conf", "ocsf-http.conf", "qradar.conf",
            "splunk-hec.conf", "splunk-tls.conf"}


class ExampleSyntaxTest(unittest.TestCase):
    def test_the_examples_are_there(self):
        self.assertLessEqual(EXPECTED, {p.name for p in example_paths()})

    def test_every_example_loads_on_its_own(self):
        self.check_every_example(lambda text, work: text)

    def test_every_example_loads_as_a_conf_d_file_of_the_stock_configuration(self):
        self.check_every_example(in_stock_configuration)

    def check_every_example(self, place):
        """place(example text, work directory) -> the configuration syslog-ng loads."""
        for path in example_paths():
            with self.subTest(example=path.name):
                text = path.read_text()
                skip_unless_accepted(self, text)
                work = tempfile.mkdtemp(prefix="defender-syntax-")
                config = with_source_tree_scl(place(with_credentials(text, work), work))
                code, output = SyslogNg(os.path.join(work, "syslog-ng"), config).syntax_check()
                self.assertEqual(code, 0, f"{path.name} does not load:\n{output}")
                self.assertNotIn("WARNING", output, f"{path.name} loads with a warning")


if __name__ == "__main__":
    unittest.main()

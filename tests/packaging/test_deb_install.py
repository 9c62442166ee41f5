"""The .deb on this machine, as a user installs it: it installs, syslog-ng (default module path) lists the
module, every installed example loads with --syntax-only using the installed module and the installed SCL block,
one example polls defender-sim for real through the installed module, and the package purges cleanly. The
package is purged at the end even when the test fails."""

import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, "..", "integration")]
from lib.listener import StallingListener  # noqa: E402
from lib.syslogng import wait_until  # noqa: E402

from harness import cef_lines  # noqa: E402
from harness.example_run import ExampleRun  # noqa: E402
from harness.examples import INSTALLED_EXAMPLES, example_paths, with_credentials  # noqa: E402
from harness.formats import skip_unless_accepted  # noqa: E402
from harness.installed import InstalledSyslogNg, module_registry  # noqa: E402
from harness.packages import PACKAGE, SCL, built_deb, module_path, run  # noqa: E402

ALERTS = 50


def installed():
    status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", PACKAGE], capture_output=True, text=True)
    return "install ok installed" in status.stdout


def purge():
    run("dpkg", "--purge", PACKAGE)


class DebInstallTest(unittest.TestCase):
    def test_install_load_every_example_poll_once_and_purge(self):
        if os.geteuid() != 0:
            self.skipTest("installing a package needs root")
        if installed():
            self.skipTest(f"{PACKAGE} is already installed on this machine: this test installs and purges it, so "
                          "it leaves an installation it did not make alone")
        deb = built_deb()
        self.addCleanup(purge)
        # apt-get rather than dpkg -i: it would fetch a missing dependency the way a user's apt does.
        run("apt-get", "install", "-y", "-q", "--no-install-recommends", str(deb), timeout=600,
            env={"DEBIAN_FRONTEND": "noninteractive"})
        self.assertTrue(module_path().is_file())
        registry = module_registry()
        self.assertIn("Module: defender\n", registry)
        self.assertIn("source          microsoft-defender-stream\n", registry)

        self.assertEqual({p.name for p in example_paths(INSTALLED_EXAMPLES)}, {p.name for p in example_paths()})
        for path in example_paths(INSTALLED_EXAMPLES):
            with self.subTest(example=path.name):
                text = path.read_text()
                skip_unless_accepted(self, text, InstalledSyslogNg)
                work = tempfile.mkdtemp(prefix="defender-deb-syntax-")
                code, output = InstalledSyslogNg(os.path.join(work, "syslog-ng"),
                                                 with_credentials(text, work)).syntax_check()
                self.assertEqual(code, 0, f"installed {path.name} does not load:\n{output}")

        listener = StallingListener()
        self.addCleanup(listener.close)
        poll = ExampleRun(self, INSTALLED_EXAMPLES / "arcsight.conf", ALERTS, syslog_class=InstalledSyslogNg,
                          arcsight_host="127.0.0.1", arcsight_port=str(listener.port))
        poll.syslog.start()
        wait_until(lambda: listener.count() >= ALERTS, 60, what=f"{ALERTS} alerts through the installed module")
        poll.syslog.stop()
        poll.assert_every_alert_once(cef_lines.delivered(listener.snapshot()))

        purge()
        self.assertFalse(installed())
        self.assertFalse(module_path().exists(), "the module is still there after dpkg --purge")
        self.assertFalse(SCL.exists(), "the SCL block is still there after dpkg --purge")
        self.assertNotIn("Module: defender\n", module_registry())


if __name__ == "__main__":
    unittest.main()

"""packaging/rpm/syslog-ng-mod-defender.spec builds with rpmbuild (Debian's rpm, against this tree) into an RPM
that holds the module, defender-fetch and its man page, the SCL block, the examples and the docs, nothing of the
tests, and requires the syslog-ng series it was built against (3.38 here)."""

import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, "..", "integration")]
from harness.examples import example_paths  # noqa: E402
from harness.packages import (PACKAGE, SCL, TEST_PROGRAMS, USER_DOCS, build_rpm, doc_files, module_path,  # noqa: E402
                              project_version, run, series_bounds)


class RpmPackageTest(unittest.TestCase):
    def test_the_spec_builds_an_rpm_with_the_module_the_scl_and_the_examples(self):
        version = project_version()
        rpm = build_rpm()
        self.assertEqual(run("rpm", "-qp", "--qf", "%{NAME} %{VERSION}", str(rpm)), f"{PACKAGE} {version}")

        files = set(run("rpm", "-qlp", str(rpm)).splitlines())
        print("\n".join(sorted(files)))
        docs = f"/usr/share/doc/{PACKAGE}"
        expected = {str(module_path()), str(SCL), "/usr/bin/defender-fetch"}
        expected |= {f"{docs}/examples/{p.name}" for p in example_paths()}
        self.assertLessEqual(expected, files)
        self.assertEqual(doc_files(files, docs), USER_DOCS)
        # Whether rpmbuild gzips man pages depends on the distribution's macros (Fedora's do): either name will do.
        man_page = "/usr/share/man/man1/defender-fetch.1"
        self.assertEqual(len(files & {man_page, man_page + ".gz"}), 1, files)
        self.assertEqual({os.path.basename(f) for f in files} & TEST_PROGRAMS, set())

        requires = set(run("rpm", "-qp", "--requires", str(rpm)).splitlines())
        series, next_series = series_bounds()
        self.assertIn(f"syslog-ng(x86-64) >= {series}", requires)
        self.assertIn(f"syslog-ng(x86-64) < {next_series}", requires)
        # A plugin offers nothing to link against.
        self.assertFalse([p for p in run("rpm", "-qp", "--provides", str(rpm)).splitlines() if "libdefender" in p])


if __name__ == "__main__":
    unittest.main()

"""The .deb packaging/build-deb makes: its name and version are the CMake project's, it depends on the syslog-ng
series it was built against (3.38 on Debian 12) and the libraries the module links, it holds the module,
defender-fetch and its man page, the SCL block, the examples and the docs and nothing of the tests, and lintian has
nothing to say about it."""

import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, "..", "integration")]
from harness.examples import example_paths  # noqa: E402
from harness.packages import (PACKAGE, SCL, TEST_PROGRAMS, USER_DOCS, built_deb, doc_files, module_path,  # noqa: E402
                              project_version, run, series_bounds)


class DebContentsTest(unittest.TestCase):
    def setUp(self):
        self.deb = built_deb()

    def test_name_version_contents_and_dependencies(self):
        version = project_version()
        self.assertEqual(self.deb.name, f"{PACKAGE}_{version}_amd64.deb")
        self.assertEqual(run("dpkg-deb", "-f", str(self.deb), "Version").strip(), version)
        depends = run("dpkg-deb", "-f", str(self.deb), "Depends")
        series, next_series = series_bounds()
        syslog_ng = (f"syslog-ng-core (>= {series})", f"syslog-ng-core (<< {next_series})")
        for dependency in (*syslog_ng, "libcurl4", "libssl3", "libdeflate0"):
            self.assertIn(dependency, depends)

        files = {line.split()[-1].lstrip(".") for line in run("dpkg-deb", "-c", str(self.deb)).splitlines()}
        docs = f"/usr/share/doc/{PACKAGE}"
        expected = {str(module_path()), str(SCL), f"{docs}/copyright"}
        expected |= {"/usr/bin/defender-fetch", "/usr/share/man/man1/defender-fetch.1.gz"}
        expected |= {f"{docs}/examples/{p.name}" for p in example_paths()}
        self.assertLessEqual(expected, files)
        self.assertEqual(doc_files(files, docs), USER_DOCS)
        self.assertEqual({os.path.basename(f) for f in files} & TEST_PROGRAMS, set())

    def test_lintian_has_nothing_to_say(self):
        # Overrides, each with its reason, would travel in the package (debian/*.lintian-overrides); lintian
        # applies them itself.
        result = subprocess.run(["lintian", "--pedantic", "--display-info", "--display-experimental", str(self.deb)],
                                capture_output=True, text=True, timeout=300)
        tags = [line for line in result.stdout.splitlines() if line[:2] in ("E:", "W:", "I:", "P:", "X:")]
        self.assertEqual(tags, [], result.stdout)


if __name__ == "__main__":
    unittest.main()

"""The packages as the scripts a person uses make them (packaging/build-deb, packaging/build-rpm), and the facts
the tests compare them with."""

import os
import subprocess
import tempfile
from pathlib import Path

from harness.examples import SOURCE_DIR

PACKAGE = "syslog-ng-mod-defender"
SCL = Path("/usr/share/syslog-ng/include/scl/defender/defender.conf")
# What a build with the tests on also makes; none of it may be in a package.
TEST_PROGRAMS = {"defender-sim", "cef-parse", "unit-tests"}
# The documents a package puts in its doc directory, by file name: the README, the field mapping and docs/.
USER_DOCS = {"README.md", "mapping.md"} | {p.name for p in (SOURCE_DIR / "docs").glob("*.md")}


def doc_files(files, docs_dir):
    """Which of USER_DOCS are in a package's file list; a document counts under its own name or gzipped, as
    dh_compress leaves documents over 4 KiB."""
    return {name for name in USER_DOCS if {f"{docs_dir}/{name}", f"{docs_dir}/{name}.gz"} & files}


def project_version():
    return subprocess.run([SOURCE_DIR / "packaging" / "project-version"], capture_output=True, text=True,
                          check=True).stdout.strip()


def series_bounds():
    """The syslog-ng series the packages are built for and the next one, e.g. ("3.38", "3.39"): a package depends on
    at least the first and less than the second."""
    major, minor = run("pkg-config", "--modversion", "syslog-ng").strip().split(".")[:2]
    return f"{major}.{minor}", f"{major}.{int(minor) + 1}"


def module_path():
    """Where a package puts libdefender.so: syslog-ng's module directory."""
    moduledir = subprocess.run(["pkg-config", "--variable=moduledir", "syslog-ng"], capture_output=True, text=True,
                               check=True).stdout.strip()
    return Path(moduledir) / "libdefender.so"


def built_deb():
    """The .deb the ctest fixture packaging.build_deb made (packaging/build-deb into $DEFENDER_DEB_DIR)."""
    directory = Path(os.environ.get("DEFENDER_DEB_DIR", SOURCE_DIR / "build" / "packages" / "deb"))
    found = sorted(directory.resolve().glob(f"{PACKAGE}_{project_version()}_*.deb"))
    if len(found) != 1:
        raise AssertionError(f"expected one {PACKAGE} .deb of version {project_version()} in {directory}, found "
                             f"{[p.name for p in found]}: build it with packaging/build-deb {directory} (ctest runs "
                             "packaging.build_deb first)")
    return found[0]


def build_rpm():
    """Runs packaging/build-rpm into a new directory and returns the RPM; the build's output goes to a log file
    whose end is shown if it fails."""
    out = Path(tempfile.mkdtemp(prefix="defender-rpm-"))
    log = out / "build-rpm.log"
    with open(log, "wb") as f:
        result = subprocess.run([SOURCE_DIR / "packaging" / "build-rpm", out], stdout=f, stderr=subprocess.STDOUT,
                                timeout=900)
    if result.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-40:])
        raise AssertionError(f"packaging/build-rpm failed with exit code {result.returncode}; end of {log}:\n{tail}")
    found = sorted(out.glob(f"{PACKAGE}-{project_version()}-*.rpm"))
    if len(found) != 1:
        raise AssertionError(f"packaging/build-rpm left {[p.name for p in found]} in {out}, expected one RPM")
    return found[0]


def run(*args, timeout=300, env=None):
    """The command's standard output; a failure raises with everything the command said."""
    result = subprocess.run(list(args), capture_output=True, text=True, timeout=timeout,
                            env={**os.environ, **(env or {})})
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(args)} exited with {result.returncode}:\n{result.stdout}{result.stderr}")
    return result.stdout

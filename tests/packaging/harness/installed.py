"""syslog-ng as a package user runs it: the default module path (the module a package installed, never the
build's) and the SCL from syslog-ng's include path."""

import subprocess

from lib.syslogng import SyslogNg


class InstalledSyslogNg(SyslogNg):
    def args(self, *extra):
        return [arg for arg in super().args(*extra) if not arg.startswith("--module-path=")]


def module_registry():
    """`syslog-ng --module-registry` with the default module path."""
    return subprocess.run(["syslog-ng", "--module-registry"], capture_output=True, text=True, check=True,
                          timeout=60).stdout

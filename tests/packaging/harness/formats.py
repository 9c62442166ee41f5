"""Which format() values this build of microsoft-defender() accepts, asked of syslog-ng itself: an example whose
format is not there yet (LEEF, while it is being written) is skipped with syslog-ng's own words as the reason."""

import os
import tempfile

from lib.syslogng import SyslogNg

from harness.examples import formats

_PROBE = """@version: 3.38
source s {{ microsoft-defender(tenant-id("probe.onmicrosoft.com") client-id("probe") client-secret("probe")
                               format({format})); }};
log {{ source(s); }};
"""


def rejected_formats(example_text, syslog_class=SyslogNg):
    """{format: syslog-ng's error} for each format() of the example that --syntax-only rejects."""
    rejected = {}
    for name in sorted(formats(example_text)):
        work = tempfile.mkdtemp(prefix="defender-probe-")
        code, output = syslog_class(os.path.join(work, "syslog-ng"), _PROBE.format(format=name)).syntax_check()
        if code != 0:
            rejected[name] = output.strip().splitlines()[0] if output.strip() else f"exit code {code}"
    return rejected


def skip_unless_accepted(testcase, example_text, syslog_class=SyslogNg):
    rejected = rejected_formats(example_text, syslog_class)
    if rejected:
        testcase.skipTest("; ".join(f"format({name}) is not accepted by this build yet: {why}"
                                    for name, why in rejected.items()))

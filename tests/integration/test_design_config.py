"""The configuration block of design.md §3 loads unchanged (only pointed at the simulator) and delivers."""

import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.cef import parse_file  # noqa: E402
from lib.simulator import Simulator  # noqa: E402
from lib.syslogng import SyslogNg, count_lines, wait_until  # noqa: E402

# Verbatim from design.md §3, with login-url, api-url and ca-file added for the simulator.
DESIGN_BLOCK = """
source s_defender {
  microsoft-defender(
    tenant-id("contoso.onmicrosoft.com")         # GUID or domain; required
    client-id("aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb")   # required
    client-secret("...")                         # one of: client-secret(), client-secret-file(),
    # client-secret-file("/etc/syslog-ng/defender.secret")     client-certificate() + client-private-key()
    # client-certificate("/etc/syslog-ng/defender.crt") client-private-key("/etc/syslog-ng/defender.key")
    api(graph)                                   # graph (default) | alerts | siem
    cloud(global)                                # global (default) | gcc | gcc-high | dod
    # region(eu)                                 # alerts / siem: regional host
    # login-url("https://login.microsoftonline.com")  api-url("https://graph.microsoft.com")   # overrides
    format(cef)                                  # cef (default) | leef | leef2 | json
    poll-interval(60)                            # seconds between polls when caught up
    page-size(1000)                              # per request; clamped to the API's maximum
    initial-lookback(86400)                      # seconds of history fetched on the very first start
    late-arrival(300)                            # alerts that become visible up to this long after their
                                                 # update timestamp are still delivered
    # emit-updates(yes)                          # every new version of an alert, or only the first
    # filter("serviceSource eq 'microsoftDefenderForEndpoint'")   # extra OData filter (graph, alerts)
    # ca-file() ca-dir() peer-verify(yes) proxy("http://proxy:3128") timeout(30) user-agent()
    persist-name("contoso")                      # default derived from tenant + api
    login-url("@URL@") api-url("@URL@") ca-file("@CA@")
  );
};
"""


class DesignConfigTest(unittest.TestCase):
    def test_the_design_block_loads_and_delivers(self):
        work = tempfile.mkdtemp(prefix="defender-it-")
        sim = Simulator(alerts=300, client_secret="...").start()
        self.addCleanup(sim.cleanup)
        self.addCleanup(sim.stop)
        output = os.path.join(work, "alerts.log")
        config = "@version: current\n" + DESIGN_BLOCK.replace("@URL@", sim.base_url).replace("@CA@", sim.ca_file) + f"""
destination d_file {{ file("{output}" template("${{MESSAGE}}\\n")); }};
log {{ source(s_defender); destination(d_file); flags(flow-control); }};
"""
        syslog = SyslogNg(os.path.join(work, "syslog-ng"), config)
        self.addCleanup(syslog.stop)
        code, text = syslog.syntax_check()
        self.assertEqual(code, 0, text)
        syslog.start()
        wait_until(lambda: count_lines(output) >= 300, 60, what="300 alerts")
        records = parse_file(output)
        self.assertEqual(len(records), 300)
        self.assertEqual({r["extension"]["externalId"] for r in records}, {v["id"] for v in sim.ledger()})
        self.assertIn("persist_name='microsoft-defender.contoso'", syslog.log_text())


if __name__ == "__main__":
    unittest.main()

"""The SCL block of config/scl/defender/defender.conf: one defender-tenant() line per tenant expands to its own
microsoft-defender() source, with its own persist name derived from the tenant, in one syslog-ng 3.38 source
statement; each tenant's alerts arrive once."""

import os
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, "..", "integration")]
from lib.delivery import tally  # noqa: E402
from lib.simulator import Simulator  # noqa: E402
from lib.syslogng import SyslogNg, count_lines, wait_until  # noqa: E402

from harness.example_run import simulator_options  # noqa: E402
from harness.examples import with_source_tree_scl  # noqa: E402

TENANTS = ["contoso.onmicrosoft.com", "fabrikam.onmicrosoft.com"]
ALERTS = 400


class SclTenantsTest(unittest.TestCase):
    def test_one_line_per_tenant_gives_each_tenant_its_own_source_and_persist_name(self):
        work = tempfile.mkdtemp(prefix="defender-scl-")
        lines, sims = [], []
        for n, tenant in enumerate(TENANTS):
            sim = Simulator(alerts=ALERTS, seed=40 + n, tenant=tenant, client_secret=f"secret-{n}").start()
            self.addCleanup(sim.cleanup)
            self.addCleanup(sim.stop)
            sims.append(sim)
            secret = os.path.join(work, f"{tenant}.secret")
            with open(secret, "w") as f:
                f.write(sim.client_secret)
            os.chmod(secret, 0o600)
            lines.append(f'  defender-tenant(tenant-id("{tenant}") client-id("{sim.client_id}") '
                         f'secret-file("{secret}") {simulator_options(sim)});')
        output = os.path.join(work, "alerts.log")
        config = with_source_tree_scl(f"""@version: 3.38
@include "scl/defender/defender.conf"
source s_tenants {{
{chr(10).join(lines)}
}};
destination d_file {{ file("{output}" template("${{MESSAGE}}\\n")); }};
log {{ source(s_tenants); destination(d_file); flags(flow-control); }};
""")
        syslog = SyslogNg(os.path.join(work, "syslog-ng"), config)
        self.addCleanup(syslog.stop)
        syslog.start()
        wait_until(lambda: count_lines(output) >= ALERTS * len(TENANTS), 60, what="every tenant's alerts")
        time.sleep(2.5)  # one more poll each: nothing may come twice

        served = [v for sim in sims for v in sim.ledger()]
        result = tally(served, output)
        self.assertEqual(result.missing, set())
        self.assertEqual(result.duplicated, 0)
        self.assertEqual(result.unexpected, set())
        for tenant in TENANTS:
            self.assertEqual(syslog.defender_stat("alerts_emitted", f"microsoft-defender.{tenant},graph"), ALERTS)


if __name__ == "__main__":
    unittest.main()

"""Several sources for different tenants in one syslog-ng: each with its own cursor, none affecting the others."""

import os
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.delivery import tally  # noqa: E402
from lib.simulator import Simulator  # noqa: E402
from lib.syslogng import SyslogNg, count_lines, source_block, wait_until  # noqa: E402

TENANTS = ["contoso.onmicrosoft.com", "fabrikam.onmicrosoft.com", "tailspin.onmicrosoft.com"]
ALERTS = 3000


class TenantsTest(unittest.TestCase):
    def test_three_tenants_each_deliver_their_own_alerts_once(self):
        work = tempfile.mkdtemp(prefix="defender-it-")
        sims, outputs, blocks = [], [], []
        for n, tenant in enumerate(TENANTS):
            sim = Simulator(alerts=ALERTS, seed=100 + n, tenant=tenant, client_secret=f"secret-{n}").start()
            self.addCleanup(sim.cleanup)
            self.addCleanup(sim.stop)
            secret = os.path.join(work, f"secret-{n}")
            with open(secret, "w") as f:
                f.write(sim.client_secret)
            os.chmod(secret, 0o600)
            output = os.path.join(work, f"tenant-{n}.log")
            sims.append(sim)
            outputs.append(output)
            blocks.append(f"""source s_tenant{n} {{
{source_block(sim, secret, tenant_id=f'"{tenant}"', page_size="700")}
}};
destination d_tenant{n} {{ file("{output}" template("${{MESSAGE}}\\n")); }};
log {{ source(s_tenant{n}); destination(d_tenant{n}); flags(flow-control); }};""")
        # The third tenant's secret is wrong: its failure must not hold the others back.
        with open(os.path.join(work, "secret-2"), "w") as f:
            f.write("wrong")
        config = "@version: 3.38\noptions { stats-freq(0); };\n" + "\n".join(blocks) + "\n"
        syslog = SyslogNg(os.path.join(work, "syslog-ng"), config)
        self.addCleanup(syslog.stop)
        syslog.start()

        for output in outputs[:2]:
            wait_until(lambda: count_lines(output) >= ALERTS, 120, what=f"{ALERTS} alerts in {output}")
        time.sleep(2)
        for sim, output in zip(sims[:2], outputs[:2]):
            result = tally(sim.ledger(), output)
            self.assertEqual(result.missing, set())
            self.assertEqual(result.duplicated, 0)
            self.assertEqual(result.unexpected, set())
        self.assertEqual(count_lines(outputs[2]), 0)
        self.assertEqual(syslog.defender_stat("alerts_emitted", "microsoft-defender.contoso.onmicrosoft.com,graph"), ALERTS)
        self.assertEqual(syslog.defender_stat("alerts_emitted", "microsoft-defender.fabrikam.onmicrosoft.com,graph"), ALERTS)
        self.assertEqual(syslog.defender_stat("requests_401", "microsoft-defender.tailspin.onmicrosoft.com,graph"), 1)

        # Each cursor is its own: after a restart only the tenant that got new alerts delivers anything.
        syslog.stop()
        syslog.start()
        added = sims[1].add_alerts(10)
        wait_until(lambda: count_lines(outputs[1]) >= ALERTS + 10, 30, what="the new fabrikam alerts")
        time.sleep(3)
        self.assertEqual(count_lines(outputs[0]), ALERTS)
        self.assertEqual(count_lines(outputs[1]), ALERTS + 10)
        result = tally(sims[1].ledger(), outputs[1])
        self.assertEqual(result.missing, set())
        self.assertEqual(result.duplicated, 0)
        self.assertEqual(len(added), 10)


if __name__ == "__main__":
    unittest.main()

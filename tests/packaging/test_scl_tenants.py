"""The SCL block of config/scl/defender/defender.conf: one defender-tenant() line per tenant expands to its own
microsoft-defender() source, with its own persist name derived from the tenant, in one syslog-ng 3.38 source
statement; each tenant's alerts arrive once. incidents(yes) adds the tenant's incidents as a second source with the
same credential and a persist name of its own; without it a line reads no incidents."""

import os
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, "..", "integration")]
from lib.cef import parse_file  # noqa: E402
from lib.delivery import Tally, epoch_ms, tally, versions  # noqa: E402
from lib.simulator import INCIDENT_ROLES, Simulator, incident_ledger  # noqa: E402
from lib.syslogng import SyslogNg, count_lines, wait_until  # noqa: E402

from harness.example_run import simulator_options  # noqa: E402
from harness.examples import with_source_tree_scl  # noqa: E402

TENANTS = ["contoso.onmicrosoft.com", "fabrikam.onmicrosoft.com"]
ALERTS = 400


def secret_file(work, tenant, value):
    path = os.path.join(work, f"{tenant}.secret")
    with open(path, "w") as f:
        f.write(value)
    os.chmod(path, 0o600)
    return path


def tenants_configuration(lines, output):
    """A source of these defender-tenant() lines, read from the source tree's SCL, written to `output` as they come."""
    return with_source_tree_scl(f"""@version: 3.38
@include "scl/defender/defender.conf"
source s_tenants {{
{chr(10).join(lines)}
}};
destination d_file {{ file("{output}" template("${{MESSAGE}}\\n")); }};
log {{ source(s_tenants); destination(d_file); flags(flow-control); }};
""")


class SclTenantsTest(unittest.TestCase):
    def test_one_line_per_tenant_gives_each_tenant_its_own_source_and_persist_name(self):
        work = tempfile.mkdtemp(prefix="defender-scl-")
        lines, sims = [], []
        for n, tenant in enumerate(TENANTS):
            sim = Simulator(alerts=ALERTS, seed=40 + n, tenant=tenant, client_secret=f"secret-{n}").start()
            self.addCleanup(sim.cleanup)
            self.addCleanup(sim.stop)
            sims.append(sim)
            secret = secret_file(work, tenant, sim.client_secret)
            lines.append(f'  defender-tenant(tenant-id("{tenant}") client-id("{sim.client_id}") '
                         f'secret-file("{secret}") {simulator_options(sim)});')
        output = os.path.join(work, "alerts.log")
        config = tenants_configuration(lines, output)
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
            # incidents() defaults to no: no incidents source, so no incident request either.
            with self.assertRaises(KeyError):
                syslog.defender_stat("alerts_emitted", f"microsoft-defender.{tenant},incidents")
        for sim in sims:
            self.assertEqual(sim.request("GET", "/_sim/incidents").json()["apiRequests"]["total"], 0)

    def test_incidents_yes_adds_the_tenants_incidents_as_a_source_of_their_own(self):
        work = tempfile.mkdtemp(prefix="defender-scl-")
        tenant = TENANTS[0]
        sim = Simulator(alerts=ALERTS, seed=42, tenant=tenant, extra_args=INCIDENT_ROLES).start()
        self.addCleanup(sim.cleanup)
        self.addCleanup(sim.stop)
        secret = secret_file(work, tenant, sim.client_secret)
        output = os.path.join(work, "messages.log")
        config = tenants_configuration([f'  defender-tenant(tenant-id("{tenant}") client-id("{sim.client_id}") '
                                        f'secret-file("{secret}") incidents(yes) {simulator_options(sim)});'],
                                       output)
        # The API serves each incident as it is now: its current versions are what arrives.
        incidents = {(v["id"], epoch_ms(v["ticks"])) for v in incident_ledger(sim, final=True)}
        self.assertGreater(len(incidents), 0)
        syslog = SyslogNg(os.path.join(work, "syslog-ng"), config)
        self.addCleanup(syslog.stop)
        syslog.start()
        wait_until(lambda: count_lines(output) >= ALERTS + len(incidents), 60, what="the alerts and the incidents")
        time.sleep(2.5)  # one more poll each: nothing may come twice

        # The CEF event class tells an incident from an alert: the two kinds of id may look alike.
        records = parse_file(output)
        delivered = {kind: [(r["extension"]["externalId"], int(r["extension"]["deviceCustomDate1"]))
                            for r in records if (r["signature_id"] == "incident") == (kind == "incident")]
                     for kind in ("alert", "incident")}
        for kind, served in (("alert", versions(sim.ledger())), ("incident", incidents)):
            with self.subTest(kind=kind):
                result = Tally(served, delivered[kind])
                self.assertEqual(result.missing, set())
                self.assertEqual(result.duplicated, 0)
                self.assertEqual(result.unexpected, set())
        self.assertEqual(syslog.defender_stat("alerts_emitted", f"microsoft-defender.{tenant},graph"), ALERTS)
        self.assertEqual(syslog.defender_stat("alerts_emitted", f"microsoft-defender.{tenant},incidents"),
                         len(incidents))


if __name__ == "__main__":
    unittest.main()

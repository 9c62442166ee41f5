"""Several sources for different tenants in one syslog-ng: each with its own cursor, none affecting the others —
three Graph tenants, and one tenant for each API side by side."""

import os
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.config_builder import simulator_source, to_files  # noqa: E402
from lib.defender_rig import TEMPLATE  # noqa: E402
from lib.delivery import api_versions, read_checkpoint, report, rig_versions, tally  # noqa: E402
from lib.simulator import Simulator, format_ticks  # noqa: E402
from lib.syslogng import SyslogNg, count_lines, wait_until, write_secret  # noqa: E402

TENANTS = ["contoso.onmicrosoft.com", "fabrikam.onmicrosoft.com", "tailspin.onmicrosoft.com"]
ALERTS = 3000


class TenantsTest(unittest.TestCase):
    def test_three_tenants_each_deliver_their_own_alerts_once(self):
        work = tempfile.mkdtemp(prefix="defender-it-")
        sims, outputs, sources = [], [], {}
        for n, tenant in enumerate(TENANTS):
            sim = Simulator(alerts=ALERTS, seed=100 + n, tenant=tenant, client_secret=f"secret-{n}").start()
            self.addCleanup(sim.cleanup)
            self.addCleanup(sim.stop)
            secret = write_secret(os.path.join(work, f"secret-{n}"), sim.client_secret)
            output = os.path.join(work, f"tenant-{n}.log")
            sims.append(sim)
            outputs.append(output)
            sources[f"tenant{n}"] = (simulator_source(sim, secret, tenant_id=tenant, page_size=700), output)
        # The third tenant's secret is wrong: its failure must not hold the others back.
        with open(os.path.join(work, "secret-2"), "w") as f:
            f.write("wrong")
        config = to_files(sources)
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

    def test_eight_sources_starting_together_keep_their_checkpoints_apart(self):
        # Each source writes its first checkpoint from its own thread as it starts: the eight write into the persist
        # file at once, and each must find its own checkpoint, and only its own, at the next start.
        work = tempfile.mkdtemp(prefix="defender-it-")
        sims, outputs, sources = [], [], {}
        for n in range(8):
            tenant = f"tenant{n}.onmicrosoft.com"
            sim = Simulator(alerts=200, seed=130 + n, tenant=tenant, client_secret=f"secret-{n}").start()
            self.addCleanup(sim.cleanup)
            self.addCleanup(sim.stop)
            secret = write_secret(os.path.join(work, f"secret-{n}"), sim.client_secret)
            outputs.append(os.path.join(work, f"tenant-{n}.log"))
            sims.append(sim)
            sources[f"tenant{n}"] = (simulator_source(sim, secret, tenant_id=tenant, page_size=50), outputs[-1])
        syslog = SyslogNg(os.path.join(work, "syslog-ng"), to_files(sources))
        self.addCleanup(syslog.stop)
        for attempt in range(3):
            syslog.start()
            wait_until(lambda: syslog.log_text().count("source starting") >= 8 * (attempt + 1), 20,
                       what="eight sources started")
            for sim, output in zip(sims, outputs):
                wait_until(lambda: count_lines(output) >= 200, 60, what=f"200 alerts in {output}")
            time.sleep(1)
            syslog.stop()
        text = syslog.log_text()
        self.assertEqual(text.count("(first start, from initial-lookback())"), 8)
        self.assertEqual(text.count("(restored checkpoint)"), 16)
        self.assertNotIn("belongs to another configuration", text)
        for sim, output in zip(sims, outputs):
            result = tally(sim.ledger(), output)
            self.assertEqual(result.missing, set())
            self.assertEqual(result.duplicated, 0)

    def test_one_tenant_per_api_each_with_its_own_cursor(self):
        started = time.monotonic()
        work = tempfile.mkdtemp(prefix="defender-it-")
        tenants = {"graph": "contoso.onmicrosoft.com", "alerts": "fabrikam.onmicrosoft.com",
                   "siem": "tailspin.onmicrosoft.com"}
        sims, outputs, sources = {}, {}, {}
        for n, (api, tenant) in enumerate(tenants.items()):
            sim = Simulator(alerts=ALERTS, seed=110 + n, tenant=tenant, client_secret=f"secret-{n}").start()
            self.addCleanup(sim.cleanup)
            self.addCleanup(sim.stop)
            secret = write_secret(os.path.join(work, f"secret-{n}"), sim.client_secret)
            sims[api] = sim
            outputs[api] = os.path.join(work, f"{api}.log")
            sources[api] = (simulator_source(sim, secret, tenant_id=tenant, api=api, page_size=700), outputs[api])
        config = to_files(sources, TEMPLATE)
        syslog = SyslogNg(os.path.join(work, "syslog-ng"), config)
        self.addCleanup(syslog.stop)
        syslog.start()

        def served(api):
            return api_versions(sims[api].ledger(), api)

        def assert_exactly_served(api, label):
            result = report(f"{label} api={api} tenant={tenants[api]}", served(api), rig_versions(outputs[api]))
            self.assertEqual(result.missing, set())
            self.assertEqual(result.duplicated, 0)
            self.assertEqual(result.unexpected, set())

        for api in tenants:
            wait_until(lambda: set(rig_versions(outputs[api])) >= served(api), 120, what=f"the {api} tenant's alerts")
        time.sleep(2)
        for api in tenants:
            assert_exactly_served(api, "drain")
        syslog.stop()
        checkpoints = {api: read_checkpoint(syslog.persist, f"microsoft-defender.{tenant},{api}")
                       for api, tenant in tenants.items()}
        for api, checkpoint in checkpoints.items():
            print(f"api={api} checkpoint: position={format_ticks(checkpoint['position'])} "
                  f"acked={checkpoint['acked_sequence']} "
                  f"versions={len(checkpoint['entries'])}")
            self.assertEqual(checkpoint["acked_sequence"], len(rig_versions(outputs[api])))

        # After a restart: the Graph tenant's API fails for good, the SIEM tenant gets new alerts, the alerts tenant
        # nothing. Each source goes its own way from its own cursor.
        sims["graph"].add_fault("503", count=100_000)
        sims["graph"].add_alerts(10)
        sims["siem"].add_alerts(20)
        counts = {api: len(rig_versions(outputs[api])) for api in tenants}
        syslog.start()
        # Each source says so as it starts, which may be just after the control socket appears.
        wait_until(lambda: syslog.log_text().count("(restored checkpoint)") >= 3, 20, what="three restored checkpoints")
        self.assertEqual(syslog.log_text().count("(restored checkpoint)"), 3)
        wait_until(lambda: set(rig_versions(outputs["siem"])) >= served("siem"), 60, what="the new SIEM records")
        time.sleep(3)
        assert_exactly_served("siem", "restart")
        self.assertEqual(len(rig_versions(outputs["alerts"])), counts["alerts"])
        self.assertEqual(len(rig_versions(outputs["graph"])), counts["graph"])
        graph_503 = syslog.defender_stat("requests_5xx", f"microsoft-defender.{tenants['graph']},graph")
        self.assertGreater(graph_503, 0)

        # The Graph tenant's service answers again: its own ten arrive, nothing else moves.
        sims["graph"].clear_faults()
        wait_until(lambda: set(rig_versions(outputs["graph"])) >= served("graph"), 120, what="the new Graph alerts")
        time.sleep(3)
        for api in tenants:
            assert_exactly_served(api, "recovered")
        self.assertEqual(len(rig_versions(outputs["alerts"])), counts["alerts"])
        print(f"one tenant per API: graph answered 503 {graph_503} times meanwhile; "
              f"{time.monotonic() - started:.1f}s", flush=True)


if __name__ == "__main__":
    unittest.main()

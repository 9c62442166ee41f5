"""syslog-ng-ctl reload during a drain: the cursor is handed to the new configuration, nothing missing, nothing
sent twice — for each of the three APIs. And reloads when nothing new has been sent since the start (after a restart,
or after an earlier reload) send nothing again either: the versions inside late-arrival() that every window re-reads
must stay known across them."""

import os
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.config_builder import simulator_source, to_files  # noqa: E402
from lib.defender_rig import TEMPLATE, Rig  # noqa: E402
from lib.delivery import api_versions, report, rig_versions  # noqa: E402
from lib.simulator import Simulator  # noqa: E402
from lib.syslogng import SyslogNg, count_lines, wait_until, write_secret  # noqa: E402

RELOADS = 8
# Simulator sizes whose API serves about 15,000 versions (seed 12).
SIM_ALERTS = {"graph": 15_000, "alerts": 25_700, "siem": 17_000}


class ReloadTest(unittest.TestCase):
    def test_graph_reloads_during_a_drain_lose_nothing_and_repeat_nothing(self):
        self.reloads_during_a_drain("graph", page_size=500)

    def test_alerts_api_reloads_during_a_drain_lose_nothing_and_repeat_nothing(self):
        self.reloads_during_a_drain("alerts", page_size=1000)

    def test_siem_reloads_during_a_drain_lose_nothing_and_repeat_nothing(self):
        self.reloads_during_a_drain("siem", page_size=500)

    def reloads_during_a_drain(self, api, sim_args=(), **options):
        started = time.monotonic()
        rig = Rig(self, alerts=SIM_ALERTS[api], seed=12, history=12 * 3600, sim_args=sim_args)
        served = api_versions(rig.sim.ledger(), api)
        syslog = rig.syslog(api=api, log_iw_size=300, **options)
        syslog.start()

        step = len(served) // (RELOADS + 2)
        lines_at_reload = []
        for point in range(step, step * (RELOADS + 1), step):
            wait_until(lambda: count_lines(rig.output) >= point, 60, interval=0.002, what=f"{point} lines")
            syslog.reload()
            lines_at_reload.append(count_lines(rig.output))
        wait_until(lambda: count_lines(rig.output) >= len(served), 120, what="the drain to finish")
        rig.settle(len(served))

        result = report(f"api={api}", served, rig.versions())
        print(f"api={api} reloads={len(lines_at_reload)} at lines {lines_at_reload}, "
              f"{time.monotonic() - started:.1f}s", flush=True)
        self.assertEqual(len(lines_at_reload), RELOADS)
        self.assertLess(lines_at_reload[-1], len(served), "the drain finished before the last reload")
        self.assertEqual(syslog.log_text().count("kept across reload"), RELOADS)
        self.assertEqual(result.missing, set())
        self.assertEqual(result.duplicated, 0)
        self.assertEqual(result.unexpected, set())


    def test_reloads_with_nothing_new_since_the_start_send_nothing_again(self):
        # One source per API on one simulator; 20 alerts made at the start, so that the versions inside every
        # window's late-arrival(300) re-read are many.
        apis = ("graph", "alerts", "siem")
        started = time.monotonic()
        work = tempfile.mkdtemp(prefix="defender-it-")
        sim = Simulator(alerts=100, seed=7).start()
        self.addCleanup(sim.cleanup)
        self.addCleanup(sim.stop)
        secret = write_secret(os.path.join(work, "secret"), sim.client_secret)
        outputs = {api: os.path.join(work, f"{api}.log") for api in apis}
        config = to_files({api: (simulator_source(sim, secret, api=api), outputs[api]) for api in apis}, TEMPLATE)
        syslog = SyslogNg(os.path.join(work, "syslog-ng"), config)
        self.addCleanup(syslog.stop)
        syslog.start()
        sim.add_alerts(20)
        served = {api: api_versions(sim.ledger(), api) for api in apis}

        def two_polls_each():
            requests = sim.stats()["apiRequests"]["total"]
            wait_until(lambda: sim.stats()["apiRequests"]["total"] >= requests + 2 * len(apis), 20, what="two polls")

        def counts():
            return {api: len(rig_versions(outputs[api])) for api in apis}

        for api in apis:
            wait_until(lambda: set(rig_versions(outputs[api])) >= served[api], 30, what=f"the {api} alerts")
        two_polls_each()
        steps = [("drained", counts())]
        syslog.stop()
        syslog.start()
        two_polls_each()
        steps.append(("restarted", counts()))
        for n in (1, 2):
            syslog.reload()
            two_polls_each()
            steps.append((f"reload {n}", counts()))
        print(f"reloads with nothing new: {time.monotonic() - started:.1f}s")
        for api in apis:
            with self.subTest(api=api):
                result = report(f"api={api} " + ", ".join(f"{step} {n[api]}" for step, n in steps), served[api],
                                rig_versions(outputs[api]))
                self.assertEqual(result.missing, set())
                self.assertEqual(result.duplicated, 0)
                self.assertEqual(result.unexpected, set())


if __name__ == "__main__":
    unittest.main()

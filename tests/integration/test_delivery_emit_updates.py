"""emit-updates(no): each alert once across pages, polls, a clean restart and a reload, however often it is updated
— Graph and the alerts API (SIEM records never change: the option does nothing there). test_apis_options.py covers
pages and polls; this adds the restart and the reload, with the updated alerts young enough to be inside the
late-arrival() window that every start re-reads."""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.defender_rig import Rig  # noqa: E402
from lib.syslogng import wait_until  # noqa: E402


class EmitUpdatesTest(unittest.TestCase):
    def test_graph_each_alert_once_across_restart_and_reload(self):
        self.each_alert_once("graph")

    def test_alerts_api_each_alert_once_across_restart_and_reload(self):
        self.each_alert_once("alerts")

    def each_alert_once(self, api):
        started = time.monotonic()
        rig = Rig(self, alerts=500, seed=61)
        sim = rig.sim
        syslog = rig.syslog(api=api, emit_updates=False)
        syslog.start()

        def ids_served():
            return {v["id"] for v in sim.ledger() if api in v["apis"]}

        def ids_delivered():
            return [alert_id for alert_id, _, _, _ in rig.delivered()]

        def two_polls():
            requests = sim.stats()["apiRequests"]["total"]
            wait_until(lambda: sim.stats()["apiRequests"]["total"] >= requests + 2, 20, what="two more polls")

        def update(ids):
            versions = sim.mutate(ids=sorted(ids))
            self.assertEqual(len(versions), len(ids))
            two_polls()

        wait_until(lambda: set(ids_delivered()) >= ids_served(), 60, what="the backlog")
        young = {v["id"] for v in sim.add_alerts(200)} & ids_served()
        wait_until(lambda: set(ids_delivered()) >= ids_served(), 30, what="the new alerts")
        update(young)
        after_updates = len(ids_delivered())
        syslog.stop()
        syslog.start()
        two_polls()
        update(young)
        after_restart = len(ids_delivered())
        syslog.reload()
        two_polls()
        update(young)
        after_reload = len(ids_delivered())
        sim.add_alerts(50)
        wait_until(lambda: set(ids_delivered()) >= ids_served(), 30, what="the last new alerts")
        two_polls()

        got = ids_delivered()
        versions = sum(1 for v in sim.ledger() if api in v["apis"])
        print(f"api={api} emit-updates(no): {len(got)} messages for {len(ids_served())} alerts in {versions} versions "
              f"({len(young)} young alerts updated three times); messages after the updates {after_updates}, after "
              f"the restart {after_restart}, after the reload {after_reload}; {time.monotonic() - started:.1f}s",
              flush=True)
        self.assertIn("restored checkpoint", syslog.log_text())
        self.assertIn("kept across reload", syslog.log_text())
        self.assertEqual(after_restart, after_updates)
        self.assertEqual(after_reload, after_updates)
        self.assertEqual(len(got), len(set(got)))
        self.assertEqual(set(got), ids_served())


if __name__ == "__main__":
    unittest.main()

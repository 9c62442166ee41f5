"""api(incidents) under delivery hazards, with the real syslog-ng and defender-sim, counted against the simulator's
incident ledger: incident versions that become visible late, kill -9 during a drain, and $expand=alerts that the
service answers with 500.

Late arrivals run at a tenth of the real scale, as test_delivery_late.py explains for alerts: versions up to 20 s late
read with late-arrival(30), next to a control with late-arrival(5) that must lose versions, only ones later than
that. A version that a newer one replaced within moments of becoming visible (an incident's second alert arriving just
after its first) may be gone before any poll; the others must all arrive. The kills follow test_delivery_crash.py: after each, only versions the persisted checkpoint holds as emitted but
not acknowledged may come again."""

import os
import random
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.cef import parse_file  # noqa: E402
from lib.config_builder import simulator_source, to_files  # noqa: E402
from lib.defender_rig import TEMPLATE, Rig  # noqa: E402
from lib.delivery import (incident_versions, read_checkpoint, report, rig_versions, unacknowledged,  # noqa: E402
                          versions as cef_versions)
from lib.simulator import INCIDENT_ROLES, Simulator, incident_ledger  # noqa: E402
from lib.syslogng import SyslogNg, count_lines, wait_until, write_secret  # noqa: E402

TICKS = 10_000_000


class IncidentsLateArrivalTest(unittest.TestCase):
    MAX_DELAY = 20     # seconds from a version's time to when it can be queried, at most
    LATE_ARRIVAL = 30  # the source under test
    CONTROL = 5        # the control source: too short for most of the delays
    POLL = 2
    FEED_SECONDS = 12  # new alerts, so new incidents or new versions of them, are added over this long
    BATCH = 25         # alerts added each half second

    def test_incident_versions_up_to_20s_late_arrive_once_with_late_arrival_30(self):
        started = time.monotonic()
        work = tempfile.mkdtemp(prefix="defender-it-")
        sim = Simulator(alerts=300, seed=61, history=3600, ingestion_delay=self.MAX_DELAY,
                        ingestion_delay_mode="random", extra_args=INCIDENT_ROLES).start()
        self.addCleanup(sim.cleanup)
        self.addCleanup(sim.stop)
        secret = write_secret(os.path.join(work, "secret"), sim.client_secret)
        outputs = {role: os.path.join(work, f"{role}.log") for role in ("test", "control")}
        sources = {role: (simulator_source(sim, secret, api="incidents", late_arrival=late, poll_interval=self.POLL,
                                           persist_name=role), outputs[role])
                   for role, late in (("test", self.LATE_ARRIVAL), ("control", self.CONTROL))}
        syslog = SyslogNg(os.path.join(work, "syslog-ng"), to_files(sources, TEMPLATE))
        self.addCleanup(syslog.stop)
        syslog.start()

        # The initial incidents first (visible at start whatever the delay), so both sources are at the live edge.
        initial = incident_ledger(sim)
        for output in outputs.values():
            wait_until(lambda: set(rig_versions(output)) >= incident_versions(initial), 60, what="the backlog")
        last_visible = 0
        for _ in range(self.FEED_SECONDS * 2):
            # An incident's version is visible once the last of its alerts is.
            last_visible = max([last_visible] + [v["visibleAt"] for v in sim.add_alerts(self.BATCH)])
            time.sleep(0.5)
        wait_until(lambda: time.time() * TICKS > last_visible, self.MAX_DELAY + 30, interval=0.5,
                   what="the last version to become visible")
        time.sleep(2 * self.POLL + 1)  # two more polls of each source
        ledger = incident_ledger(sim)
        served = incident_versions(ledger)
        lateness = {(v["id"], v["ticks"]): (v["visibleAt"] - v["ticks"]) / TICKS for v in ledger[len(initial):]}
        late = sorted(lateness.values())
        print(f"{len(lateness)} new incident versions, the latest {late[-1]:.1f}s late, "
              f"{sum(1 for s in late if s > self.MAX_DELAY / 2)} later than {self.MAX_DELAY / 2:.0f}s, "
              f"{time.monotonic() - started:.1f}s", flush=True)
        self.assertGreater(late[-1], self.MAX_DELAY * 0.9)
        self.assertGreater(sum(1 for s in late if s > self.MAX_DELAY / 2), 100)

        # A version superseded within moments of becoming visible (the second alert of an incident arrived just
        # after the first) may be gone before any poll: only those visible for two polls or more must arrive.
        fleeting = {(v["id"], v["ticks"]) for v in ledger
                    if v["supersededAt"] and v["supersededAt"] - v["visibleAt"] < 2 * self.POLL * TICKS}
        print(f"{len(fleeting)} versions superseded within {2 * self.POLL}s of becoming visible", flush=True)
        result = report(f"late-arrival({self.LATE_ARRIVAL})", served, rig_versions(outputs["test"]))
        self.assertEqual((result.missing - fleeting, result.duplicated, result.unexpected), (set(), 0, set()))
        # The control shows the test can fail: it loses versions, each later than its window.
        control = report(f"control late-arrival({self.CONTROL})", served, rig_versions(outputs["control"]))
        self.assertGreater(len(control.missing), 50, "the control lost nothing: the test cannot fail")
        self.assertEqual({v for v in control.missing - fleeting if lateness.get(v, 0) <= self.CONTROL}, set())
        self.assertEqual(control.duplicated, 0)


class IncidentsCrashTest(unittest.TestCase):
    KILLS = 10
    WINDOW = 200  # log-iw-size: at most this many messages are in flight, unacknowledged, at any moment

    def test_ten_kill_9_during_a_drain_repeat_only_unacknowledged_versions(self):
        started = time.monotonic()
        # Each restart reads its window again from the checkpoint: budgets off on both sides, so that the test waits
        # for no budget (test_faults_budgets.py is about those).
        # Every page waits 0.1 s before its first byte: a drain of 100 pages then takes some ten seconds, so that ten
        # kills, each a little after the restart before it, land inside it on any machine.
        rig = Rig(self, alerts=7_500, seed=62, history=12 * 3600,
                  sim_args=[*INCIDENT_ROLES, "--budgets", "off", "--fault",
                            "slow:api=incidents,mode=first-byte,delay=0.1,count=1000000"])
        served = incident_versions(incident_ledger(rig.sim))
        self.assertGreaterEqual(len(served), 5000)
        syslog = rig.syslog(api="incidents", page_size=50, log_iw_size=self.WINDOW, requests_per_minute=0,
                            requests_per_hour=0)
        persist_name = "microsoft-defender.contoso.onmicrosoft.com,incidents"

        rng = random.Random(20261203)
        kill_points = []  # each a little past the lines the restart before it found
        at_kill = []  # (lines in the output, the checkpoint's acknowledged sequence, unacknowledged versions in it)
        for _ in range(self.KILLS):
            point = count_lines(rig.output) + rng.randrange(100, 400)
            kill_points.append(point)
            syslog.start()
            wait_until(lambda: count_lines(rig.output) >= point, 120, interval=0.002, what=f"{point} lines")
            syslog.kill9()
            written = rig.versions()
            checkpoint = read_checkpoint(syslog.persist, persist_name)
            self.assertIsNotNone(checkpoint, "no readable checkpoint in the persist file after the kill")
            at_kill.append((len(written), checkpoint["acked_sequence"], unacknowledged(checkpoint, written)))
        syslog.start()
        wait_until(lambda: set(rig.versions()) >= served, 180, interval=0.5, what="the drain after the last restart")
        rig.settle(0)

        got = rig.versions()
        result = report("incidents", served, got)
        print(f"{'kill':>4} {'at line':>8} {'lines':>6} {'acked seq':>9} {'unacked in output':>17} {'sent again':>10}")
        sent_again_total = 0
        may_repeat, previous_lines = set(), 0
        for k, (point, (lines, acked, unacked)) in enumerate(zip(kill_points, at_kill)):
            # Unacknowledged at this kill, or at an earlier one and not sent since.
            may_repeat = unacked | (may_repeat - set(got[previous_lines:lines]))
            end = at_kill[k + 1][0] if k + 1 < len(at_kill) else len(got)
            sent_again = set(got[lines:end]) & set(got[:lines])
            sent_again_total += len(sent_again)
            print(f"{k + 1:>4} {point:>8} {lines:>6} {acked:>9} {len(unacked):>17} {len(sent_again):>10}")
            self.assertLessEqual(sent_again, may_repeat, f"kill {k + 1}: acknowledged versions were sent again")
            previous_lines = lines
        print(f"duplicated={result.duplicated}, {time.monotonic() - started:.1f}s", flush=True)
        self.assertLess(at_kill[-1][0], len(served), "the drain finished before the tenth kill; the test proved less")
        self.assertEqual(result.missing, set())
        self.assertEqual(result.unexpected, set())
        self.assertEqual(result.duplicated, sent_again_total)
        self.assertLessEqual(result.duplicated, self.KILLS * self.WINDOW)


class ExpandAlertsFallbackTest(unittest.TestCase):
    FAULT = 10  # the simulator answers $expand=alerts with 500 for a page of more than this many incidents
    WARNING = "while asked for $expand=alerts"

    def test_expand_alerts_failing_with_500_is_left_out_of_that_window_only_and_told_once(self):
        # late-arrival(0): each poll's window holds only what is new since the last, so its size is the batch's.
        rig = Rig(self, alerts=600, seed=63, history=23 * 3600,
                  sim_args=[*INCIDENT_ROLES, "--expand-alerts-fault", str(self.FAULT)])
        output = os.path.join(rig.work, "incidents.cef")
        config = to_files({"defender": (simulator_source(rig.sim, rig.secret, api="incidents", format="cef",
                                                         expand_alerts=True, poll_interval=1, late_arrival=0),
                                        output)})
        syslog = SyslogNg(os.path.join(rig.work, "syslog-ng"), config)
        self.addCleanup(syslog.stop)
        syslog.start()

        # The backlog and a large batch of new alerts make pages the expansion fails for; the small batches, pages it
        # serves. Each batch shares one instant, so that one window reads it whole, and is delivered before the next.
        batches = []  # (the incident versions a batch made, whether their window could be expanded)
        for alerts, expandable in ((0, False), (4, True), (40, False), (4, True)):
            start = len(incident_ledger(rig.sim)) if alerts else 0
            if alerts:
                rig.sim.add_alerts(alerts, tie=alerts)
            made = incident_ledger(rig.sim, start=start)
            self.assertEqual(len(made) <= self.FAULT, expandable, f"{len(made)} incident versions")
            batches.append((made, expandable))
            total = len(incident_ledger(rig.sim))
            wait_until(lambda: count_lines(output) >= total, 60, what=f"{total} incident versions")
        time.sleep(3)  # two more polls: anything sent twice would have arrived

        delivered = [r["extension"] for r in parse_file(output)]
        result = report("incidents with $expand=alerts failing", cef_versions(incident_ledger(rig.sim)),
                        [(e["externalId"], int(e["deviceCustomDate1"])) for e in delivered])
        self.assertEqual((result.missing, result.duplicated, result.unexpected), (set(), 0, set()))
        records = {(e["externalId"], int(e["deviceCustomDate1"])): e for e in delivered}
        for made, expanded in batches:
            alert_ids = {v["id"]: records[(v["id"], v["ticks"] // 10_000)].get("MicrosoftDefenderAlertIds")
                         for v in made}
            self.assertEqual(alert_ids, {v["id"]: ",".join(v["alertIds"]) if expanded else None for v in made})

        warnings = [line for line in syslog.log_text().splitlines() if self.WARNING in line]
        print(warnings[0] if warnings else "no warning", flush=True)
        self.assertEqual(len(warnings), 1)
        self.assertIn("set expand-alerts(no)", warnings[0])
        self.assertEqual(syslog.defender_stat("windows_without_optional_part"), 2)


if __name__ == "__main__":
    unittest.main()

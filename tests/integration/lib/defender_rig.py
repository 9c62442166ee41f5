"""One microsoft-defender() source against its own defender-sim, for tests that compare what arrived with what the
simulator served: every message is written as the identity of its alert version (id, SIEM record id, update time) and
its severity, one a line."""

import os
import tempfile
import time

from lib.config_builder import simulator_source, to_files
from lib.simulator import Simulator, parse_ticks
from lib.syslogng import SyslogNg, complete_lines, count_lines, wait_until, write_secret

TEMPLATE = "${.defender.id}\t${.defender.record_id}\t${.defender.updated}\t${.defender.severity}\n"


def served_versions(ledger, api):
    """(id, ticks) of every version the API serves; for the SIEM API (FullId, LastProcessedTimeUtc ticks)."""
    if api == "siem":
        return {(full_id, v["siem"]["ticks"]) for v in ledger if "siem" in v for full_id in v["siem"]["fullIds"]}
    return {(v["id"], v["ticks"]) for v in ledger if api in v["apis"]}


class Rig:
    """Starts the simulator at once; the source on syslog(). Everything is stopped and removed by the test's cleanup."""

    def __init__(self, test, alerts=600, seed=1, history=3 * 3600, sim_args=()):
        self.test = test
        self.work = tempfile.mkdtemp(prefix="defender-it-")
        self.output = os.path.join(self.work, "alerts.log")
        self.sim = Simulator(alerts=alerts, seed=seed, history=history, extra_args=list(sim_args)).start()
        test.addCleanup(self.sim.cleanup)
        test.addCleanup(self.sim.stop)
        self.secret = os.path.join(self.work, "defender.secret")
        self.write_secret(self.sim.client_secret + "\n")

    def write_secret(self, value):
        write_secret(self.secret, value)

    def config(self, **options):
        """The whole configuration: the source reading the simulator with `options` (lib.config_builder), its
        messages to the output file in TEMPLATE."""
        return to_files({"defender": (simulator_source(self.sim, self.secret, **options), self.output)}, TEMPLATE)

    def syslog(self, cls=SyslogNg, **options):
        s = cls(os.path.join(self.work, "syslog-ng"), self.config(**options))
        self.test.addCleanup(s.stop)
        return s

    def delivered(self, torn=()):
        """[(id, record id, update ticks, severity)] in the order written; the lines numbered in `torn` (from 0) are
        not deliveries (lib.syslogng.end_torn_line)."""
        rows = [line.split("\t") for n, line in enumerate(complete_lines(self.output)) if n not in torn]
        return [(alert_id, record_id, parse_ticks(updated), severity) for alert_id, record_id, updated, severity in rows]

    def versions(self, torn=()):
        return [(record_id or alert_id, ticks) for alert_id, record_id, ticks, _ in self.delivered(torn)]

    def wait_for(self, count, timeout=60):
        wait_until(lambda: count_lines(self.output) >= count, timeout, what=f"{count} alerts")

    def settle(self, count, timeout=60):
        """Waits for `count` messages and then two more polls, so that anything sent twice would have arrived."""
        self.wait_for(count, timeout)
        if not self.polled_twice():
            raise TimeoutError("timed out after 20s waiting for two more polls")

    def polled_twice(self, timeout=20):
        """Whether the source made two more requests within `timeout` seconds."""
        requests = self.sim.stats()["apiRequests"]["total"]
        deadline = time.monotonic() + timeout
        while self.sim.stats()["apiRequests"]["total"] < requests + 2:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.1)
        return True

    def assert_exactly(self, expected, timeout=60):
        """Every expected version arrived, once, and nothing else."""
        self.settle(len(expected), timeout)
        got = self.versions()
        print(f"delivered={len(got)} expected={len(expected)} duplicates={len(got) - len(set(got))}")
        self.test.assertEqual(len(got), len(set(got)), "duplicates")
        self.test.assertEqual(set(got), expected)

    def assert_served_exactly(self, api="graph", timeout=60):
        self.assert_exactly(served_versions(self.sim.ledger(), api), timeout)

    def the_one_error(self, s, text, quiet_seconds=3):
        """The single log line holding `text`, after waiting for it and then a while for a repetition."""
        wait_until(lambda: text in s.log_text(), 20, what=repr(text))
        time.sleep(quiet_seconds)
        lines = [line for line in s.log_text().splitlines() if text in line]
        print(lines[0])
        self.test.assertEqual(len(lines), 1, lines)
        return lines[0]

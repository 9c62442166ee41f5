"""microsoft-defender-stream() when things go wrong, counted against defender-stream-sim's ledger: ten kill -9
during a drain, two collectors in one consumer group with one killed and a third added, and a destination stalled
for longer than the group's session timeout, and for longer than the consumer's poll interval.

What may be sent twice: the consumer commits, per partition, the first Kafka message not wholly acknowledged and how
many of its records are, every 250 ms and whenever it loses a partition or leaves; and the collector writes the same
into its persist file on every acknowledgement. A collector restarted after kill -9 resumes each partition where it
had acknowledged it, so what comes again is what was in flight at the kill (flow control bounds it by
log-iw-size()): a tail of what that partition delivered, contiguous and ending at its last record delivered before
the kill. Another collector taking a partition over has only the group's commit: it repeats one contiguous run, what
was in flight and what was acknowledged after the last commit the group accepted."""

import collections
import json
import os
import random
import shutil
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.config_builder import configuration, file_destination, log_path, tcp_destination  # noqa: E402
from lib.listener import StallingListener  # noqa: E402
from lib.stream_rig import (TEST_KAFKA_OPTIONS, connection_string_file, delivered_keys,  # noqa: E402
                             ledger_positions, partition_lags, stream_source)
from lib.stream_sim import StreamSim, record_key  # noqa: E402
from lib.syslogng import SyslogNg, complete_lines, count_lines, end_torn_line, wait_until  # noqa: E402

KILLS = 10
WINDOW = 500  # log-iw-size(): at most this many records are in flight, unacknowledged, in one collector


def partition_ranks(positions):
    """{key: (partition id, rank)}: each record's place in the order its partition is read."""
    by_partition = collections.defaultdict(list)
    for key, (hub, partition, event, index) in positions.items():
        by_partition[(hub, partition)].append((event, index, key))
    ranks = {}
    for partition, records in by_partition.items():
        for rank, (_, _, key) in enumerate(sorted(records)):
            ranks[key] = (partition, rank)
    return ranks


class StreamHazardsTest(unittest.TestCase):
    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="defender-stream-hazards-")
        self.addCleanup(shutil.rmtree, self.workdir, ignore_errors=True)
        self.secret = connection_string_file(self.workdir)

    def collector(self, sim, name, output, group="hazards"):
        driver = stream_source(sim, self.secret, group=group, format="json", log_iw_size=WINDOW)
        syslog = SyslogNg(os.path.join(self.workdir, name),
                          configuration(log_path("stream", driver, file_destination(output))))
        self.addCleanup(lambda: syslog.stop() if syslog.alive() else None)
        return syslog

    def assert_tails(self, before, after, ranks, label):
        """The records of `after` already in `before` are, for each partition, a contiguous run of its records that
        ends at the last one `before` holds of that partition."""
        seen = set(before)
        last_before = {}
        for key in before:
            partition, rank = ranks[key]
            last_before[partition] = max(last_before.get(partition, -1), rank)
        repeated = collections.defaultdict(set)
        for key in after:
            if key in seen:
                partition, rank = ranks[key]
                repeated[partition].add(rank)
        for partition, run in repeated.items():
            self.assertEqual(sorted(run), list(range(min(run), max(run) + 1)), f"{label}: {partition} not contiguous")
            self.assertEqual(max(run), last_before[partition], f"{label}: {partition} does not end at the kill")
        return sum(len(run) for run in repeated.values())

    def test_ten_kill_9_during_a_drain_lose_nothing_and_repeat_only_each_partitions_tail(self):
        with StreamSim(records=200_000, partitions=8, seed=17) as sim:
            expected = sim.expected_keys()
            ranks = partition_ranks(ledger_positions(sim))
            output = os.path.join(self.workdir, "out.json")
            syslog = self.collector(sim, "syslog-ng", output)
            rng = random.Random(20261204)
            # Spaced through the drain, each a random point of progress.
            points = [18_000 * (i + 1) + rng.randrange(-4_000, 4_000) for i in range(KILLS)]
            boundaries, torn = [], []
            for point in points:
                syslog.start()
                wait_until(lambda: count_lines(output) >= point, 120, interval=0.05, what=f"{point} lines")
                syslog.kill9()
                torn += end_torn_line(output)
                boundaries.append(len(delivered_keys(output, torn)))
            syslog.start()
            wait_until(lambda: set(delivered_keys(output, torn)) >= set(expected), 180, interval=1.0,
                       what="every record")
            time.sleep(2)
            keys = delivered_keys(output, torn)
            lines = complete_lines(output)
            for n in torn:
                self.assertTrue(any(line.startswith(lines[n]) for line in lines[n + 1:]), f"torn line {n} not again")
            delivered = collections.Counter(keys)
            missing = expected - delivered
            repeats = sum((delivered - expected).values())
            print(f"served={sum(expected.values())} delivered={len(keys)} missing={sum(missing.values())} "
                  f"repeated={repeats} kills at lines {boundaries} torn lines {torn}")
            self.assertEqual(sum(missing.values()), 0)
            self.assertFalse(set(delivered) - set(expected))
            edges = boundaries + [len(keys)]
            accounted = 0
            for k in range(KILLS):
                repeated = self.assert_tails(keys[:edges[k]], keys[edges[k]:edges[k + 1]], ranks, f"kill {k + 1}")
                # The persist file holds what was acknowledged up to the kill: only what was in flight comes again.
                self.assertLessEqual(repeated, WINDOW, f"kill {k + 1}")
                accounted += repeated
            self.assertEqual(accounted, repeats)

    def test_two_collectors_one_killed_and_one_added_mid_drain_lose_nothing(self):
        with StreamSim(records=200_000, partitions=8, seed=19) as sim:
            expected = sim.expected_keys()
            ranks = partition_ranks(ledger_positions(sim))
            outputs = {name: os.path.join(self.workdir, f"{name}.json") for name in ("a", "b", "c")}
            collectors = {name: self.collector(sim, name, outputs[name]) for name in outputs}
            total = lambda: sum(count_lines(path) for path in outputs.values())  # noqa: E731
            collectors["a"].start()
            collectors["b"].start()
            wait_until(lambda: total() >= 40_000, 120, interval=0.05, what="40,000 lines from a and b")
            collectors["a"].kill9()
            killed_a = delivered_keys(outputs["a"])
            wait_until(lambda: total() >= 80_000, 120, interval=0.05, what="80,000 lines")
            collectors["c"].start()
            union = lambda: set().union(*(delivered_keys(p) for p in outputs.values()))  # noqa: E731
            wait_until(lambda: union() >= set(expected), 240, interval=1.0, what="every record")
            time.sleep(2)
            rebalances = sum(collectors[n].defender_stat("rebalances") for n in ("b", "c"))
            delivered = collections.Counter()
            for path in outputs.values():
                delivered.update(delivered_keys(path))
            missing = sum((expected - delivered).values())
            repeats = delivered - expected
            from_a = sum(n for key, n in repeats.items() if key in set(killed_a))
            print(f"served={sum(expected.values())} delivered={sum(delivered.values())} missing={missing} "
                  f"repeated={sum(repeats.values())} (of a's, killed: {from_a}) rebalances of b and c={rebalances} "
                  f"a={len(killed_a)} b={count_lines(outputs['b'])} c={count_lines(outputs['c'])}")
            self.assertEqual(missing, 0)
            self.assertGreater(count_lines(outputs["c"]), 0, "the collector added mid-drain read nothing")
            # Each member lists the lag of every partition it has held, all read now.
            lags = {name: partition_lags(collectors[name]) for name in ("b", "c")}
            self.assertEqual(set(lags["b"]) | set(lags["c"]), {(hub, str(p)) for hub in sim.hubs for p in range(8)})
            self.assertEqual(set(lags["b"].values()) | set(lags["c"].values()), {0})
            others = [key for path in (outputs["b"], outputs["c"]) for key in delivered_keys(path)]
            self.assert_tails(killed_a, others, ranks, "a's kill")
            # A partition handed over repeats one contiguous run of its records: those acknowledged since its last
            # accepted commit, and those in flight. (The mock refuses commits while a rebalance is in progress, so
            # the run can be longer than log-iw-size().) A run per hand-over, never scattered records.
            runs = 0
            by_partition = collections.defaultdict(list)
            for key in repeats:
                partition, rank = ranks[key]
                by_partition[partition].append(rank)
            for ranks_repeated in by_partition.values():
                ranks_repeated.sort()
                runs += 1 + sum(1 for a, b in zip(ranks_repeated, ranks_repeated[1:]) if b != a + 1)
            print(f"runs of repeated records: {runs} over {len(by_partition)} partitions")
            self.assertLessEqual(runs, 8 * (rebalances + 1))

    def stall(self, sim, group, seconds, while_stalled=lambda syslog: None, **driver_options):
        """A collector whose destination, a listener, stops reading after 5,000 lines for `seconds` and then reads
        on until every record came: returns the collector, the lines read before the stall and the records read."""
        listener = StallingListener()
        self.addCleanup(listener.close)
        driver = stream_source(sim, self.secret, group=group, format="json", log_iw_size=WINDOW, **driver_options)
        syslog = SyslogNg(os.path.join(self.workdir, group),
                          configuration(log_path("stream", driver, tcp_destination(listener.port, "${MESSAGE}\n"))))
        syslog.start()
        self.addCleanup(syslog.stop)
        wait_until(lambda: listener.count() >= 5_000, 120, interval=0.05, what="5,000 lines")
        listener.pause()
        time.sleep(seconds)
        stalled_at = listener.count()
        while_stalled(syslog)
        listener.resume()
        total = sum(sim.expected_keys().values())
        wait_until(lambda: listener.count() >= total, 120, interval=0.2, what=f"{total} lines")
        time.sleep(2)
        return syslog, stalled_at, collections.Counter(record_key(json.loads(line)) for line in listener.snapshot())

    def test_a_destination_stalled_past_the_session_timeout_keeps_the_group_and_loses_nothing(self):
        def still_a_member(syslog):
            self.assertEqual(syslog.defender_stat("rebalances"), 1)
            self.assertEqual(syslog.defender_stat("partitions"), 4)

        with StreamSim(records=30_000, partitions=4, seed=23) as sim:
            # Three session timeouts (6 s each, lib.stream_rig): a member that stopped heartbeating would be gone.
            syslog, stalled_at, delivered = self.stall(sim, "stall", 18, still_a_member)
            print(f"served=30000 delivered={sum(delivered.values())} stalled at {stalled_at}")
            self.assertLess(stalled_at, 30_000)
            self.assertEqual(delivered, sim.expected_keys())
            self.assertEqual(syslog.defender_stat("rebalances"), 1)

    def test_a_destination_stalled_past_the_poll_interval_rejoins_the_group_and_loses_nothing(self):
        # librdkafka's max.poll.interval.ms (300 s by default) shortened to 8 s: a source held back longer leaves the
        # group, as a stalled SIEM would after five minutes.
        options = TEST_KAFKA_OPTIONS + (("max.poll.interval.ms", "8000"),)
        with StreamSim(records=30_000, partitions=4, seed=29) as sim:
            expected = sim.expected_keys()
            syslog, stalled_at, delivered = self.stall(sim, "poll-interval", 20, kafka_options=options)
            repeats = sum((delivered - expected).values())
            print(f"served=30000 delivered={sum(delivered.values())} repeated={repeats} stalled at {stalled_at}")
            self.assertLess(stalled_at, 30_000)
            self.assertEqual(sum((expected - delivered).values()), 0)
            # It gets its partitions back and resumes where it had acknowledged them: what was in flight comes again.
            self.assertLessEqual(repeats, WINDOW)
            self.assertEqual(syslog.defender_stat("rebalances"), 2)
            self.assertEqual(syslog.defender_stat("partitions"), 4)
            self.assertIn("held the source back for longer than max.poll.interval.ms", syslog.log_text())

if __name__ == "__main__":
    unittest.main()

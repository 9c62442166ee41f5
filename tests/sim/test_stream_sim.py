"""defender-stream-sim, the Streaming API's stand-in: the ready file, the ledger, and the hubs read back
(defender-stream-sim --dump) agree; runs repeat per seed; --tables, --hub-per-table, --hubs and --malformed-every do
what they say; the bounds and the mock broker's limit fail clearly."""

import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "integration"))
from lib.simulator import format_ticks  # noqa: E402
from lib.stream_sim import (DEFAULT_HUB, MALFORMED_KINDS, TABLES, StreamSim, binary_path, hub_of_table,  # noqa: E402
                            marker_in, record_key)

# record_identity.h: record i has the Timestamp 2025-06-02T08:00:00Z plus i times 1237 ticks.
FIRST_TICKS = 17_488_512_000_000_000
TICKS_BETWEEN_RECORDS = 1237
# The texts --hostile-rate adds (hostile_text.cpp); a record holding any of them is a hostile one.
HOSTILE_TEXTS = ("|pipe|", "second line\n", '"double quotes"', "CEF:0|Evil|Forged", "Ünïcödé", "bell\x07",
                 '"injected":true', "Lång text – 長いテキスト")


def events_of(ledger):
    """{(hub, partition, event): [ledger lines in index order]}, record lines only."""
    events = collections.defaultdict(list)
    for entry in ledger:
        if "key" in entry:
            events[(entry["hub"], entry["partition"], entry["event"])].append(entry)
    return events


def messages_of(sim):
    """{(hub, partition, offset): body bytes} for every hub of the run."""
    return {(hub, p, o): body for hub in sim.hubs for p, o, body in sim.dump(hub)}


def records_of(body):
    return json.loads(body.decode("utf-8"))["records"]


def strings_of(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings_of(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings_of(v)


class SmallRunTest(unittest.TestCase):
    """3,000 records of every table in 4 partitions, seed 7."""

    @classmethod
    def setUpClass(cls):
        with StreamSim(records=3000, partitions=4, seed=7) as sim:
            cls.bootstrap_servers = sim.bootstrap_servers
            cls.hubs = sim.hubs
            cls.ledger = sim.ledger()
            cls.keys = sim.expected_keys()
            cls.markers = sim.malformed_markers()
            cls.messages = messages_of(sim)
            cls.exit_code = sim.stop()

    def test_ready_file_names_one_broker_on_loopback(self):
        self.assertRegex(self.bootstrap_servers, r"^127\.0\.0\.1:\d+$")

    def test_sigterm_ends_the_simulator_with_status_0(self):
        self.assertEqual(self.exit_code, 0)

    def test_ledger_has_one_line_per_record_with_unique_keys(self):
        self.assertEqual(len(self.ledger), 3000)
        self.assertEqual(len(self.keys), 3000)
        self.assertEqual(set(self.keys.values()), {1})
        self.assertEqual(self.markers, [])

    def test_keys_are_the_category_and_the_timestamp_of_the_record_number(self):
        timestamps = sorted(key.split("|")[1] for key in self.keys)
        self.assertEqual(timestamps, [format_ticks(FIRST_TICKS + i * TICKS_BETWEEN_RECORDS) for i in range(3000)])
        for entry in self.ledger:
            self.assertTrue(entry["key"].startswith("AdvancedHunting-%s|" % entry["table"]), entry)

    def test_every_table_appears_equally_often(self):
        counts = collections.Counter(entry["table"] for entry in self.ledger)
        self.assertEqual(set(counts), set(TABLES))
        self.assertEqual(sorted(counts.values()), [136] * 14 + [137] * 8)  # 3000 = 22 * 136 + 8

    def test_events_hold_1_to_500_records_numbered_from_0(self):
        events = events_of(self.ledger)
        for (hub, partition, event), entries in events.items():
            self.assertEqual([e["index"] for e in entries], list(range(len(entries))))
            self.assertLessEqual(len(entries), 500)
        for p in range(4):
            numbers = sorted(e for (_, partition, e) in events if partition == p)
            self.assertEqual(numbers, list(range(len(numbers))))

    def test_events_go_round_robin_over_the_partitions(self):
        per_partition = collections.Counter(p for (_, p, _) in events_of(self.ledger))
        self.assertEqual(set(per_partition), {0, 1, 2, 3})
        self.assertLessEqual(max(per_partition.values()) - min(per_partition.values()), 1)

    def test_the_hub_holds_exactly_the_events_of_the_ledger(self):
        events = events_of(self.ledger)
        self.assertEqual(set(self.messages), set(events))
        for place, entries in events.items():
            self.assertEqual([record_key(r) for r in records_of(self.messages[place])], [e["key"] for e in entries],
                             place)

    def test_bodies_are_json_under_one_megabyte(self):
        for place, body in self.messages.items():
            self.assertLess(len(body), 1_000_000, place)
            self.assertEqual(set(json.loads(body.decode("utf-8"))), {"records"}, place)

    def test_records_carry_the_streaming_api_envelope(self):
        for body in self.messages.values():
            for record in records_of(body):
                self.assertEqual(list(record), ["time", "tenantId", "operationName", "category", "_TimeReceivedBySvc",
                                                "properties"])
                self.assertEqual(record["tenantId"], "b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c")
                self.assertEqual(record["operationName"], "Publish")
                self.assertEqual(list(record["properties"])[0], "Timestamp")
                self.assertRegex(record["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$")
                self.assertGreater(record["time"], record["properties"]["Timestamp"])

    def test_values_look_like_defenders(self):
        by_table = collections.defaultdict(list)
        for body in self.messages.values():
            for record in records_of(body):
                by_table[record["category"][len("AdvancedHunting-"):]].append(record["properties"])
        process = by_table["DeviceProcessEvents"][0]
        self.assertRegex(process["DeviceId"], r"^[0-9a-f]{40}$")
        self.assertRegex(process["SHA1"], r"^[0-9a-f]{40}$")
        self.assertRegex(process["SHA256"], r"^[0-9a-f]{64}$")
        self.assertIsInstance(process["ProcessId"], int)
        network = by_table["DeviceNetworkEvents"][0]
        self.assertIsInstance(network["RemotePort"], int)
        self.assertRegex(network["LocalIP"], r"^10\.\d+\.\d+\.\d+$")
        self.assertRegex(by_table["IdentityLogonEvents"][0]["AccountUpn"], r"^[a-z.0-9]+@contoso\.com")
        self.assertIn(by_table["AlertInfo"][0]["Severity"], ("Informational", "Low", "Medium", "High"))
        self.assertIsInstance(by_table["DeviceNetworkInfo"][0]["IPAddresses"], list)

    def test_about_two_percent_of_records_are_hostile(self):
        hostile = 0
        for body in self.messages.values():
            for record in records_of(body):
                hostile += any(h in s for s in strings_of(record["properties"]) for h in HOSTILE_TEXTS)
        self.assertGreaterEqual(hostile, 30)
        self.assertLessEqual(hostile, 90)

    def test_hostile_text_is_at_most_4_kib(self):
        longest = max(len(s.encode()) for body in self.messages.values() for record in records_of(body)
                      for s in strings_of(record["properties"]))
        self.assertLessEqual(longest, 4096)


class RepeatTest(unittest.TestCase):
    def run_bodies(self, seed):
        with StreamSim(records=600, partitions=2, seed=seed, malformed_every=4) as sim:
            return sim.ledger(), messages_of(sim)

    def test_the_same_seed_gives_the_same_ledger_and_bodies(self):
        first_ledger, first_bodies = self.run_bodies(7)
        second_ledger, second_bodies = self.run_bodies(7)
        self.assertEqual(first_ledger, second_ledger)
        self.assertEqual(first_bodies, second_bodies)

    def test_another_seed_gives_other_bodies(self):
        _, first = self.run_bodies(7)
        _, other = self.run_bodies(8)
        self.assertNotEqual(first, other)


class ChoiceTest(unittest.TestCase):
    def test_tables_restricts_the_records_exactly(self):
        with StreamSim(records=500, partitions=2, seed=7, tables=["DeviceProcessEvents", "AlertInfo"]) as sim:
            counts = collections.Counter(entry["table"] for entry in sim.ledger())
            categories = collections.Counter(r["category"] for body in messages_of(sim).values()
                                             for r in records_of(body))
        self.assertEqual(counts, {"DeviceProcessEvents": 250, "AlertInfo": 250})
        self.assertEqual(categories, {"AdvancedHunting-DeviceProcessEvents": 250, "AdvancedHunting-AlertInfo": 250})

    def test_hub_per_table_puts_each_table_in_its_own_hub(self):
        tables = ["DeviceLogonEvents", "EmailEvents", "ExposureGraphNodes"]
        with StreamSim(records=300, partitions=2, seed=7, tables=tables, hub_per_table=True) as sim:
            self.assertEqual(sim.hubs, [hub_of_table(t) for t in tables])
            ledger = sim.ledger()
            bodies = messages_of(sim)
        self.assertEqual({(e["hub"], e["table"]) for e in ledger}, {(hub_of_table(t), t) for t in tables})
        self.assertEqual(len(ledger), 300)
        for (hub, _, _), body in bodies.items():
            self.assertEqual({r["category"] for r in records_of(body)},
                             {"AdvancedHunting-" + tables[[hub_of_table(t) for t in tables].index(hub)]})

    def test_hubs_share_the_events_in_turn(self):
        with StreamSim(records=2000, partitions=2, seed=7, hubs=["hub-a", "hub-b"]) as sim:
            events = events_of(sim.ledger())
            bodies = messages_of(sim)
        per_hub = collections.Counter(hub for (hub, _, _) in events)
        self.assertEqual(set(per_hub), {"hub-a", "hub-b"})
        self.assertLessEqual(abs(per_hub["hub-a"] - per_hub["hub-b"]), 1)
        self.assertEqual(set(bodies), set(events))

    def test_three_brokers_are_three_bootstrap_servers_on_loopback(self):
        with StreamSim(records=10, partitions=3, brokers=3) as sim:
            servers = sim.bootstrap_servers.split(",")
        self.assertEqual(len(servers), 3)
        for server in servers:
            self.assertRegex(server, r"^127\.0\.0\.1:\d+$")

    def test_events_stay_within_max_records_per_event(self):
        with StreamSim(records=1000, partitions=2, seed=3, max_records_per_event=7) as sim:
            sizes = {len(entries) for entries in events_of(sim.ledger()).values()}
        self.assertEqual(sizes, set(range(1, 8)))

    def test_hostile_rate_0_writes_no_hostile_text(self):
        with StreamSim(records=1000, partitions=2, seed=7, hostile_rate=0) as sim:
            bodies = messages_of(sim)
        for body in bodies.values():
            for record in records_of(body):
                for s in strings_of(record["properties"]):
                    self.assertFalse(any(h in s for h in HOSTILE_TEXTS), s)


class MalformedTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with StreamSim(records=3000, partitions=4, seed=7, malformed_every=3, max_records_per_event=50) as sim:
            cls.ledger = sim.ledger()
            cls.markers = sim.malformed_markers()
            cls.keys = sim.expected_keys()
            cls.messages = messages_of(sim)

    def malformed_entries(self):
        return [e for e in self.ledger if "malformed" in e]

    def test_every_third_event_is_a_malformed_body(self):
        order = []  # events in the order sent
        for entry in self.ledger:
            place = (entry["hub"], entry["partition"], entry["event"])
            if not order or order[-1][0] != place:
                order.append((place, "malformed" in entry))
        self.assertEqual([i for i, (_, bad) in enumerate(order, 1) if bad], list(range(3, len(order) + 1, 3)))

    def test_the_records_are_all_still_sent(self):
        self.assertEqual(sum(self.keys.values()), 3000)

    def test_markers_are_numbered_and_kinds_take_turns(self):
        entries = self.malformed_entries()
        self.assertGreaterEqual(len(entries), 10)  # every kind twice at least
        self.assertEqual(self.markers, ["malformed-%d" % n for n in range(1, len(entries) + 1)])
        self.assertEqual([e["kind"] for e in entries], [MALFORMED_KINDS[i % 5] for i in range(len(entries))])

    def test_each_malformed_body_is_delivered_with_its_marker_and_is_not_an_envelope(self):
        for entry in self.malformed_entries():
            body = self.messages[(entry["hub"], entry["partition"], entry["event"])]
            self.assertTrue(marker_in(body, entry["malformed"]), entry)
            self.assertNotIn(b"\n", body)
            kind = entry["kind"]
            if kind in ("not-json", "truncated"):
                self.assertRaises(ValueError, json.loads, body.decode("utf-8"))
            elif kind == "invalid-utf8":
                self.assertRaises(UnicodeDecodeError, body.decode, "utf-8")
            elif kind == "no-records":
                self.assertNotIn("records", json.loads(body))
            else:
                self.assertIsInstance(json.loads(body)["records"], dict)

    def test_a_marker_is_found_only_in_its_own_body(self):
        bodies = [self.messages[(e["hub"], e["partition"], e["event"])] for e in self.malformed_entries()]
        for i, entry in enumerate(self.malformed_entries()):
            self.assertEqual([j for j, body in enumerate(bodies) if marker_in(body, entry["malformed"])], [i])


class RefusalTest(unittest.TestCase):
    def run_tool(self, *args, timeout=120):
        with tempfile.TemporaryDirectory() as work:
            ready = os.path.join(work, "ready")
            result = subprocess.run([binary_path(), "--ready-file", ready, "--ledger", os.path.join(work, "ledger")]
                                    + list(args), capture_output=True, timeout=timeout, check=False)
            return result.returncode, result.stderr.decode(), os.path.exists(ready)

    def test_bounds_are_refused_with_the_option_named(self):
        for option, value in (("--records", "5000001"), ("--partitions", "65"), ("--max-records-per-event", "5001"),
                              ("--partitions", "0"), ("--malformed-every", "1"), ("--hostile-rate", "101")):
            code, stderr, ready = self.run_tool(option, value)
            self.assertEqual(code, 2, option)
            self.assertIn("invalid value for %s: '%s'" % (option, value), stderr)
            self.assertFalse(ready)

    def test_an_unknown_table_is_refused(self):
        code, stderr, _ = self.run_tool("--tables", "DeviceProcessEvents,NoSuchTable")
        self.assertEqual(code, 2)
        self.assertIn("unknown table 'NoSuchTable'", stderr)

    def test_more_than_a_partition_holds_fails_instead_of_losing_messages(self):
        code, stderr, ready = self.run_tool("--records", "20000", "--partitions", "1", "--compression", "none")
        self.assertEqual(code, 2)
        self.assertRegex(stderr, r"insights-logs-advancedhunting partition 0 holds offsets [1-9]\d* to \d+ of the "
                                 r"\d+ events sent: the mock broker keeps at most 5 MiB per partition")
        self.assertFalse(ready)


if __name__ == "__main__":
    unittest.main(verbosity=2)

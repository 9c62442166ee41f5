"""format(ocsf) on inputs nobody wrote by hand: the golden inputs of every alert API, of incidents and of the stream
tables, with members dropped at random (sparse) or values replaced by hostile ones (wrong types, control and
delimiter characters, long text, impossible times, addresses, enumeration words and ATT&CK ids), each read as the
sources read it (build/bin/ocsf-lines). Every item that keeps its identity is written as exactly one event that the
project's OCSF checker (lib/ocsf.py) accepts, and every stream record as one. The inputs are drawn from a fixed seed,
so a failure names a file that can be written again; DEFENDER_OCSF_PROPERTY_ROUNDS draws more on demand."""

import copy
import json
import os
import random
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ocsf  # noqa: E402
from lib.ocsf_lines import events  # noqa: E402

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "unit", "data")
ROUNDS = int(os.environ.get("DEFENDER_OCSF_PROPERTY_ROUNDS", "30"))
# What makes an item of each API readable at all: its id and its update time (the adapters refuse an item without).
IDENTITY = {"graph": ("id", "lastUpdateDateTime"), "alerts": ("id", "lastUpdateTime"),
            "siem": ("AlertId", "LastProcessedTimeUtc"), "incidents": ("id", "lastUpdateDateTime")}
INPUTS = {"graph": ("example", "hostile", "international", "nulls", "empty"),
          "alerts": ("example", "hostile", "international", "nulls", "empty"),
          "siem": ("example", "hostile", "international", "nulls", "empty"),
          "incidents": ("full", "sparse", "merged", "hostile")}
HOSTILE = ["", " ", "\u0000", "a|b=c\\d^e\r\n\tf", "<img src=x onerror=alert(1)>", "x" * 5000, "\u202e\u2028\ufeff",
           "\ud800", "ünïcødé 漢字 🙂", "2024-13-45T99:99:99Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z",
           "1714557605", "not an address", "999.1.1.1", "::ffff:10.0.0.1", "fe80::1%eth0", "10.0.0.1:443",
           "informational", "HIGH", "resolved", "truePositive", "redirected", "none", "T1059", "T1564.001",
           "T9999.999.9", "Tx", "-1", "65536", "NaN", 0, -1, 65536, 2 ** 63, -(2 ** 63), 1e308, 0.5, True, False,
           None, [], {}, [1, "a", None, {"b": [2]}], {"nested": {"deeper": {"deepest": ["\u0001"]}}},
           [{"@odata.type": "#microsoft.graph.security.ipEvidence", "ipAddress": "not an ip"}]]


def hostile_value(rng):
    return copy.deepcopy(rng.choice(HOSTILE))


def sparse(value, rng, keep=()):
    """The value with about half the members of each object dropped, at every depth, except those in keep."""
    if isinstance(value, dict):
        return {k: sparse(v, rng) for k, v in value.items() if k in keep or rng.random() < 0.5}
    if isinstance(value, list):
        return [sparse(v, rng) for v in value if rng.random() < 0.7]
    return value


def hostile(value, rng, keep=()):
    """The value with about a third of its members and elements, at every depth, replaced by hostile values."""
    if isinstance(value, dict):
        return {k: v if k in keep else hostile_value(rng) if rng.random() < 0.3 else hostile(v, rng)
                for k, v in value.items()}
    if isinstance(value, list):
        return [hostile_value(rng) if rng.random() < 0.3 else hostile(v, rng) for v in value]
    return value


def read_input(api, name):
    """A golden input as JSON; its bytes that are not UTF-8 (the hostile inputs have some) as U+FFFD."""
    with open(os.path.join(DATA, api, f"{name}.json"), encoding="utf-8", errors="replace") as f:
        return json.load(f)


def stream_bodies():
    """The golden stream bodies that are JSON with a records array (the broken ones are the fuzz target's)."""
    bodies = {}
    for name in sorted(os.path.splitext(n)[0] for n in os.listdir(os.path.join(DATA, "stream")) if n.endswith(".json")):
        try:
            body = read_input("stream", name)
        except ValueError:
            continue
        if isinstance(body, dict) and isinstance(body.get("records"), list):
            bodies[name] = body
    return bodies


class OcsfPropertyTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory(prefix="ocsf-properties-")
        self.addCleanup(self.directory.cleanup)

    def write(self, name, value):
        path = os.path.join(self.directory.name, name)
        # Raw UTF-8 rather than escapes, and a lone surrogate as the bytes that are not UTF-8 it stands for.
        with open(path, "w", encoding="utf-8", errors="surrogatepass") as f:
            json.dump(value, f, ensure_ascii=False)
        return path

    def items(self, api, mutate, seed):
        """Files of the API's golden items mutated, each with its own id; returns {path: id}."""
        rng = random.Random(seed)
        made = {}
        for name in INPUTS[api]:
            item = read_input(api, name)
            for n in range(ROUNDS):
                variant = mutate(item, rng, keep=IDENTITY[api])
                variant[IDENTITY[api][0]] = f"{name}-{n}"
                made[self.write(f"{api}-{name}-{n}.json", variant)] = f"{name}-{n}"
        return made

    def assert_each_item_is_one_valid_event(self, api, made):
        written = events(api, list(made))
        self.assertEqual(len(written), len(made))
        self.assertEqual(sorted(path for path, _, _ in written), sorted(made))
        for path, _, event in written:
            with self.subTest(input=os.path.basename(path)):
                self.assertEqual(event["metadata"]["uid"], made[path])
                self.assertEqual(ocsf.problems(event), [])

    def test_sparse_alerts_of_each_api_and_sparse_incidents_are_each_one_valid_event(self):
        for seed, api in enumerate(IDENTITY):
            with self.subTest(api=api):
                made = self.items(api, sparse, seed)
                self.assertEqual(len(made), len(INPUTS[api]) * ROUNDS)
                self.assert_each_item_is_one_valid_event(api, made)

    def test_alerts_and_incidents_with_hostile_values_are_each_one_valid_event(self):
        for seed, api in enumerate(IDENTITY, start=100):
            with self.subTest(api=api):
                self.assert_each_item_is_one_valid_event(api, self.items(api, hostile, seed))

    def test_stream_records_sparse_or_hostile_are_each_one_valid_event(self):
        rng = random.Random(200)
        paths, records = [], 0
        bodies = stream_bodies()
        self.assertEqual(len(bodies), 12)
        for table, body in bodies.items():
            for n in range(ROUNDS):
                mutate = sparse if n % 2 else hostile
                variant = {"records": [mutate(r, rng, keep=("category",)) if isinstance(r, dict) else r
                                       for r in body["records"]]}
                records += len(variant["records"])
                paths.append(self.write(f"stream-{table}-{n}.json", variant))
        written = events("stream", paths)
        self.assertEqual(len(written), records)
        for path, _, event in written:
            with self.subTest(input=os.path.basename(path)):
                self.assertEqual(ocsf.problems(event), [])


if __name__ == "__main__":
    unittest.main()

"""Compares what a simulator served (its ledger) with what syslog-ng delivered: delivered, missing, duplicated."""

import collections
import json

from lib.cef import parse_file


def epoch_ms(ticks):
    return ticks // 10_000


class Tally:
    def __init__(self, served, delivered):
        self.served = served
        self.counts = collections.Counter(delivered)
        self.delivered = len(delivered)
        self.missing = served - set(self.counts)
        self.duplicated = sum(n - 1 for n in self.counts.values() if n > 1)
        self.unexpected = set(self.counts) - served

    def __str__(self):
        return (f"served={len(self.served)} delivered={self.delivered} missing={len(self.missing)} "
                f"duplicated={self.duplicated} unexpected={len(self.unexpected)}")


def versions(ledger, final_only=False):
    """(id, update time in epoch ms) for each version the simulator made visible."""
    return {(v["id"], epoch_ms(v["ticks"])) for v in ledger if not (final_only and v.get("superseded"))}


def delivered_cef(path):
    return [(r["extension"]["externalId"], int(r["extension"]["deviceCustomDate1"])) for r in parse_file(path)]


def delivered_json(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            alert = json.loads(line)
            out.append((alert["id"], alert["lastUpdateDateTime"]))
    return out


def tally(ledger, output, final_only=False):
    result = Tally(versions(ledger, final_only), delivered_cef(output))
    print(result, flush=True)
    return result

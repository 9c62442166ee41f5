"""Compares what a simulator served (its ledger) with what syslog-ng delivered: delivered, missing, duplicated."""

import collections
import json
import struct
import subprocess
import zlib

from lib.cef import parse_file
from lib.simulator import parse_ticks
from lib.syslogng import complete_lines


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


def versions(ledger):
    """(id, update time in epoch ms) for each version the simulator made visible."""
    return {(v["id"], epoch_ms(v["ticks"])) for v in ledger}


def delivered_cef(path):
    return [(r["extension"]["externalId"], int(r["extension"]["deviceCustomDate1"])) for r in parse_file(path)]


def delivered_json(path):
    out = []
    for line in complete_lines(path):
        alert = json.loads(line)
        out.append((alert["id"], alert["lastUpdateDateTime"]))
    return out


def tally(ledger, output):
    result = Tally(versions(ledger), delivered_cef(output))
    print(result, flush=True)
    return result


# -- every API, against the ledger ----------------------------------------------------------------------------------

def api_versions(ledger, api, final=False):
    """What `api` serves of the ledger, keyed as lib.defender_rig writes it: (alert id, update ticks) for graph and
    alerts, (FullId, LastProcessedTimeUtc ticks) for siem. final: only versions no newer version has superseded — for
    siem every record, since an alert's SIEM records (made with its first version) stay when the alert is updated."""
    if api == "siem":
        return {(full_id, v["siem"]["ticks"]) for v in ledger if "siem" in v for full_id in v["siem"]["fullIds"]}
    return {(v["id"], v["ticks"]) for v in ledger if api in v["apis"] and not (final and v.get("supersededAt"))}


def incident_versions(ledger, final=False):
    """(incident id, update ticks) of every version in an incident ledger (lib.simulator.incident_ledger), keyed as
    lib.defender_rig writes them; final: only versions no newer version has superseded."""
    return {(v["id"], v["ticks"]) for v in ledger if not (final and v.get("supersededAt"))}


def report(label, served, delivered):
    """A Tally of `delivered` (a list of versions, in the order written) against `served`, printed as one line."""
    result = Tally(set(served), list(delivered))
    print(f"{label}: {result}", flush=True)
    return result


# -- the persisted checkpoint (plugin/core/cursor/checkpoint_codec.cpp, plugin/glue/defender-checkpoint.c) ------------------

_MASK = (1 << 64) - 1


def hash_alert_id(alert_id):
    """plugin/core/cursor/version_key.h hash_alert_id: FNV-1a over the id's bytes, then a 64-bit finalizer."""
    h = 0xCBF29CE484222325
    for byte in alert_id.encode("utf-8"):
        h = ((h ^ byte) * 0x100000001B3) & _MASK
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & _MASK
    h ^= h >> 33
    h = (h * 0xC4CEB9FE1A85EC53) & _MASK
    return h ^ (h >> 33)


def version_key(version):
    """(ticks, id hash) of a version as written by lib.defender_rig: the cursor's key for it."""
    name, ticks = version
    return ticks, hash_alert_id(name)


def _persist_entries(persist_file):
    """{name: bytes} of every entry in a syslog-ng persist file, through persist-tool dump."""
    out = subprocess.run(["persist-tool", "dump", str(persist_file)], capture_output=True, text=True, check=True,
                         timeout=30).stdout
    entries = {}
    for line in out.splitlines():
        name, sep, rest = line.partition(" = ")
        if sep:
            entries[name] = bytes.fromhex(json.loads(rest)["value"])
    return entries


def _decode_checkpoint(data):
    if data[:4] != b"DFCP":
        return None
    pos = 4

    def take(fmt):
        nonlocal pos
        values = struct.unpack_from("<" + fmt, data, pos)
        pos += struct.calcsize("<" + fmt)
        return values

    version, generation = take("IQ")
    if version not in (1, 2):
        return None
    identity = take("QQQQ") if version >= 2 else None
    position, acked, next_sequence = take("qQQ")
    marks = [take("Qq") for _ in range(take("I")[0])]
    entries = {}
    for _ in range(take("I")[0]):
        ticks, id_hash, sequence = take("qQQ")
        entries[(ticks, id_hash)] = sequence
    (stored,) = struct.unpack_from("<I", data, pos)
    if stored != zlib.crc32(data[:pos]):
        return None
    return {"generation": generation, "identity": identity, "position": position, "acked_sequence": acked, "next_sequence": next_sequence,
            "marks": marks, "entries": entries}


def read_checkpoint(persist_file, persist_name):
    """The newest whole checkpoint of the source `persist_name` (e.g. "microsoft-defender.contoso.onmicrosoft.com,
    graph") as the next start-up reads it, with "acked_sequence" raised to the separately persisted acknowledgement."""
    entries = _persist_entries(persist_file)
    best = None
    for slot in ("a", "b"):
        chunks, n = [], 0
        while f"{persist_name}.checkpoint-{slot}.{n}" in entries:
            chunks.append(entries[f"{persist_name}.checkpoint-{slot}.{n}"])
            n += 1
        checkpoint = _decode_checkpoint(b"".join(chunks)) if chunks else None
        if checkpoint and (best is None or checkpoint["generation"] > best["generation"]):
            best = checkpoint
    if best is None:
        return None
    acked = entries.get(f"{persist_name}.acked", b"")
    if len(acked) >= 16 and acked[:4] == b"DACK":
        best["acked_sequence"] = max(best["acked_sequence"], struct.unpack_from("<Q", acked, 8)[0])
    return best


def unacknowledged(checkpoint, versions):
    """Those of `versions` that the checkpoint records as emitted but not acknowledged: the only ones a restart on it
    may send again. A version the checkpoint no longer lists is older than its late-arrival window, hence
    acknowledged."""
    acked = checkpoint["acked_sequence"]
    return {v for v in versions if checkpoint["entries"].get(version_key(v), 0) > acked}


def rig_versions(path):
    """The versions in an output written with lib.defender_rig.TEMPLATE, in the order written: (SIEM record id or
    alert id, update ticks)."""
    out = []
    for line in complete_lines(path):
        alert_id, record_id, updated, _ = line.split("\t")
        out.append((record_id or alert_id, parse_ticks(updated)))
    return out

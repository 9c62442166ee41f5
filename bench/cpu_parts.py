#!/usr/bin/env python3
"""Where each message's CPU goes: one drain of the module (bench/e2e.py or bench/stream_e2e.py, --only module) under
`perf record`, the syslog-ng process's samples sorted into parts by thread, library and function, and each part
given in CPU microseconds per message.

    bench/cpu_parts.py alerts [--alerts 100000] [--build-dir build]
    bench/cpu_parts.py stream [--records 200000] [--build-dir build]

The parts, by the library a sample is in, and by thread: the source's fetcher thread (the one that ran most of the
module's code) and the others (syslog-ng's main thread and destination, librdkafka's):
  syslog-ng       syslog-ng's own libraries (libsyslog-ng, ivykis, GLib, the file destination): making, posting,
                  queueing and writing messages, the name-value pairs, acknowledgements
  kernel          system calls and faults outside librdkafka's threads: the hand-off between threads, the file's
                  writes, the HTTPS socket's reads
  libc            malloc, free, memcpy and the like: in the fetcher thread mostly the module's, in the others
                  mostly syslog-ng's
  kafka client    librdkafka's own threads (rdk:*) whatever they run, and librdkafka and its codecs elsewhere
  https           OpenSSL and libcurl
  gzip inflate    libdeflate
  json parse      RapidJSON's reader (the module's parse of each alert or record)
  module          the rest of libdefender.so and the C++ library: scanning, adapting, mapping, formatting, the
                  cursor and the stream's positions

perf samples CPU time (cpu-clock) at a fixed rate, so the shares are of the process's CPU time; the microseconds per
message divide each share of the drain's measured CPU seconds by the messages drained. Needs perf (Debian's
linux-perf) and the right to profile (root, or kernel.perf_event_paranoid <= 1). Figures, not a test.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = ["syslog-ng", "kernel", "libc", "kafka client", "https", "gzip inflate", "json parse", "module"]
SYSLOG_NG_LIBRARIES = ("libsyslog-ng", "libivykis", "libglib", "libgmodule", "libaffile", "syslog-ng", "libevtlog")
KAFKA_LIBRARIES = ("librdkafka", "libzstd", "liblz4", "libsnappy")
HTTPS_LIBRARIES = ("libssl", "libcrypto", "libcurl", "libnghttp2")
# perf script -F comm,pid,tid,ip,sym,dso: "<comm> <pid>/<tid> <ip> <symbol> (<library>)"; comm may hold spaces.
SAMPLE = re.compile(r"^\s*(?P<comm>.*?)\s+(?P<pid>\d+)/(?P<tid>\d+)\s+[0-9a-f]+\s+(?P<sym>.*?)\s*\((?P<dso>[^()]*)\)$")


def part_of(comm, sym, dso):
    """Which part a sample of a syslog-ng thread named `comm` in `sym` of library `dso` counts for."""
    library = os.path.basename(dso)
    if comm.startswith("rdk:") or library.startswith(KAFKA_LIBRARIES):
        return "kafka client"
    if library.startswith(HTTPS_LIBRARIES):
        return "https"
    if library.startswith("libdeflate"):
        return "gzip inflate"
    if library.startswith("libdefender"):
        return "json parse" if "rapidjson::GenericReader" in sym else "module"
    if library.startswith("libstdc++"):
        return "module"
    if library.startswith(("libc.so", "libm.so")):
        return "libc"
    if dso == "[kernel.kallsyms]" or library == "[vdso]":
        return "kernel"
    if library.startswith(SYSLOG_NG_LIBRARIES):
        return "syslog-ng"
    return "other"


def syslog_ng_parts(perf_data):
    """Samples per (part, thread) of the one syslog-ng process in perf_data; the thread is "fetcher" for the
    thread that ran most of the module's code, else "other"."""
    script = subprocess.run(["perf", "script", "-i", str(perf_data), "-F", "comm,pid,tid,ip,sym,dso"],
                            check=True, capture_output=True, text=True).stdout
    samples = [m for m in map(SAMPLE.match, script.splitlines()) if m]
    # syslog-ng's process: the one whose main thread is named syslog-ng.
    pids = {m["pid"] for m in samples if m["comm"] == "syslog-ng" and m["pid"] == m["tid"]}
    if len(pids) != 1:
        raise RuntimeError(f"expected one syslog-ng process among the samples, found {len(pids)}")
    pid = pids.pop()
    samples = [m for m in samples if m["pid"] == pid]
    module_samples = Counter(m["tid"] for m in samples if "libdefender" in m["dso"])
    fetcher = module_samples.most_common(1)[0][0] if module_samples else None
    return Counter((part_of(m["comm"], m["sym"], m["dso"]), "fetcher" if m["tid"] == fetcher else "other")
                   for m in samples)


def drain_under_perf(args, perf_data):
    """Runs the driver's end-to-end benchmark, module only, under perf; returns (messages, CPU seconds)."""
    script, count_option, count = (("e2e.py", "--alerts", args.alerts) if args.driver == "alerts"
                                   else ("stream_e2e.py", "--records", args.records))
    command = ["perf", "record", "-q", "-F", str(args.frequency), "-o", str(perf_data), "--",
               sys.executable, str(ROOT / "bench" / script), "--only", "module", count_option, str(count),
               "--build-dir", args.build_dir]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    print(out, end="", flush=True)
    row = next((line.split() for line in out.splitlines() if line.startswith("module ")), None)
    if not row:
        raise RuntimeError(f"no module figures in the benchmark's output:\n{out}")
    return count, float(row[3])  # columns: kind, per second, per CPU-second, CPU s, ...


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("driver", choices=["alerts", "stream"])
    parser.add_argument("--alerts", type=int, default=100_000)
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--frequency", type=int, default=1999, help="perf samples per second of CPU")
    parser.add_argument("--build-dir", default=str(ROOT / "build"))
    args = parser.parse_args()
    args.build_dir = str(Path(args.build_dir).resolve())
    if not shutil.which("perf"):
        parser.error("perf is not installed: scripts/bootstrap installs it (Debian's linux-perf)")
    with tempfile.TemporaryDirectory(prefix="defender-cpu-parts-") as work:
        perf_data = Path(work) / "perf.data"
        messages, cpu = drain_under_perf(args, perf_data)
        parts = syslog_ng_parts(perf_data)
    total = sum(parts.values())
    per_message = cpu / messages * 1e6 / total  # µs per message of one sample
    print(f"\nsyslog-ng's CPU by part, {args.driver}: {messages} messages, {cpu:.2f} CPU s, {total} samples")
    print(f"{'µs per message':15} {'fetcher thread':>15} {'other threads':>14} {'all':>7} {'share':>7}")
    for part in PARTS + (["other"] if parts["other", "fetcher"] + parts["other", "other"] else []):
        fetcher, other = parts[part, "fetcher"], parts[part, "other"]
        print(f"{part:15} {fetcher * per_message:15.2f} {other * per_message:14.2f} "
              f"{(fetcher + other) * per_message:7.2f} {(fetcher + other) / total:7.1%}")
    fetcher = sum(n for (_, thread), n in parts.items() if thread == "fetcher")
    print(f"{'all':15} {fetcher * per_message:15.2f} {(total - fetcher) * per_message:14.2f} "
          f"{cpu / messages * 1e6:7.2f} {1:7.1%}")


if __name__ == "__main__":
    main()

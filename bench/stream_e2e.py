#!/usr/bin/env python3
"""End-to-end benchmark of the Streaming API: defender-stream-sim (librdkafka's mock Kafka cluster) holds N Advanced
Hunting records in one Event Hub of P partitions; syslog-ng drains them and writes CEF to a file.

Drains the same records twice in one go, each in its own Kafka consumer group of the same simulator: with
microsoft-defender-stream(), and with the baseline a syslog-ng 3.38 user would write today (a Python LogFetcher with
confluent_kafka splitting each {"records": [...]} body, json-parser() and $(format-cef-extension)). Prints for each:
records per second (wall), records per CPU-second of the syslog-ng process, peak RSS; then the ratios. The wall
rate is the drain's, from the first line written to the last: the consumer group's first join on the mock cluster
takes a few seconds, shown apart (1st line s).

    bench/stream_e2e.py [--records 200000] [--partitions 8] [--only module|baseline] [--build-dir build]
                        [--kafka-option NAME=VALUE ...]
    bench/stream_e2e.py --backlogs 10000,1000000 [--partitions 64]   # the module's peak RSS by backlog
    bench/stream_e2e.py --sources 8 [--records 400000]                # 8 stream sources in one syslog-ng

--kafka-option adds a librdkafka setting to the module's source (e.g. queued.max.messages.kbytes=65536 to measure
librdkafka's own default). The mock broker keeps at most 5 MiB of each partition (about 30,000 records): a backlog
beyond that needs more partitions.

Figures, not a test: it never fails on a slow machine. See docs/benchmarks.md for results and the machine.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "integration"))
sys.path.insert(0, str(ROOT / "bench"))

from baseline_config import baseline_syslog_config  # noqa: E402
from process_figures import process_figures  # noqa: E402

HUB = "insights-logs-advancedhunting"
PLAINTEXT = ("security.protocol", "plaintext")  # the mock cluster has neither TLS nor SASL


def module_source(sim, work, group, hub, kafka_options):
    from lib.stream_rig import connection_string_file, stream_source
    secret = connection_string_file(str(work))
    one_hub = SimpleNamespace(bootstrap_servers=sim.bootstrap_servers, hubs=[hub])
    return stream_source(one_hub, secret, group=group, kafka_options=(PLAINTEXT, *kafka_options), format="cef")


def module_config(sources):
    """sources: [(source block, output path)]: each to its own file, with flow control."""
    from lib.config_builder import to_files
    return to_files({f"stream{n}": (block, output) for n, (block, output) in enumerate(sources)})


def baseline_config(sim, output, group):
    template = ("CEF:0|Microsoft|Microsoft Defender XDR|1.0|${.record.category}|"
                "${.record.category} ${.record.properties.ActionType}|3|"
                "$(format-cef-extension --subkeys .record.properties.) "
                "MicrosoftDefenderTenantId=${.record.tenantId}\\n")
    options = {"bootstrap_servers": sim.bootstrap_servers, "group": group, "event_hub": HUB,
               "security_protocol": "plaintext"}
    return baseline_syslog_config("stream_fetcher.StreamFetcher", options, ".record.", template, output)


def drain(kind, config, outputs, records, work, env=None):
    """Starts syslog-ng with `config`, waits until `outputs` hold `records` lines in all, and returns its figures."""
    from lib.syslogng import LineCounter, SyslogNg
    counters = [LineCounter(output) for output in outputs]
    syslog = SyslogNg(work / kind, config, env=env)
    started = time.monotonic()
    syslog.start()
    try:
        deadline = started + 1800
        first = None
        while (written := sum(count() for count in counters)) < records:
            if time.monotonic() > deadline or not syslog.alive():
                raise RuntimeError(f"{kind}: only {written} of {records} records\n{syslog.log_text()[-2000:]}")
            if first is None and written:
                first = time.monotonic() - started
            time.sleep(0.05)
        wall = time.monotonic() - started
        cpu, peak = process_figures(syslog.process.pid)
        rss = syslog.rss_kib()
    finally:
        syslog.stop()
    # The consumer group's first join takes seconds on the mock cluster: the wall rate is the drain's, from the first
    # line written to the last.
    first = wall if first is None else first
    return {"kind": kind, "wall": wall, "first": first, "cpu": cpu, "peak_kib": peak, "rss_kib": rss,
            "per_second": records / max(wall - first, 0.05), "per_cpu_second": records / cpu if cpu else float("inf")}


def run(kind, sim, records, work, kafka_options=()):
    """One drain of every record of `sim`'s hub, in a consumer group of its own."""
    output = work / f"{kind}.log"
    group = f"bench-{kind}"
    if kind == "module":
        return drain(kind, module_config([(module_source(sim, work, group, HUB, kafka_options), output)]),
                     [output], records, work)
    # syslog-ng's embedded Python must find the system's standard library, not one of a Python on PATH.
    return drain(kind, baseline_config(sim, output, group), [output], records, work,
                 env=dict(os.environ, PYTHONHOME="/usr"))


def print_table(title, rows):
    print(title)
    print(f"{'':10} {'records/s':>10} {'records/CPU-s':>14} {'CPU s':>7} {'wall s':>7} {'1st line s':>11} "
          f"{'peak RSS MiB':>13}")
    for r in rows:
        print(f"{r['kind']:10} {r['per_second']:10.0f} {r['per_cpu_second']:14.0f} {r['cpu']:7.2f} {r['wall']:7.2f} "
              f"{r['first']:11.2f} {r['peak_kib'] / 1024:13.1f}", flush=True)


def compare(args, kafka_options):
    from lib.stream_sim import StreamSim
    results = []
    with StreamSim(records=args.records, partitions=args.partitions, seed=3) as sim, \
            tempfile.TemporaryDirectory(prefix="defender-stream-bench-") as work:
        for kind in ([args.only] if args.only else ["module", "baseline"]):
            results.append(run(kind, sim, args.records, Path(work), kafka_options))
    print_table(f"{args.records} records, {args.partitions} partitions, format CEF; {os.cpu_count()} cores", results)
    if len(results) == 2:
        m, b = results
        wall_ratio, cpu_ratio = m["per_second"] / b["per_second"], m["per_cpu_second"] / b["per_cpu_second"]
        print(f"ratio      {wall_ratio:9.1f}x {cpu_ratio:13.1f}x")


def backlogs(args, kafka_options):
    from lib.stream_sim import StreamSim
    print(f"the module draining backlogs, {args.partitions} partitions, format CEF")
    print(f"{'backlog':>9} {'records/s':>10} {'records/CPU-s':>14} {'peak RSS MiB':>13}")
    for backlog in (int(b) for b in args.backlogs.split(",")):
        with StreamSim(records=backlog, partitions=args.partitions, seed=3) as sim, \
                tempfile.TemporaryDirectory(prefix="defender-stream-bench-") as work:
            r = run("module", sim, backlog, Path(work), kafka_options)
        print(f"{backlog:9d} {r['per_second']:10.0f} {r['per_cpu_second']:14.0f} {r['peak_kib'] / 1024:13.1f}",
              flush=True)


def sources(args, kafka_options):
    """`args.sources` stream sources in one syslog-ng, each reading a hub of its own, all draining at once."""
    from lib.stream_sim import StreamSim
    hubs = [f"{HUB}-{n}" for n in range(args.sources)]
    with StreamSim(records=args.records, partitions=args.partitions, seed=3, hubs=hubs) as sim, \
            tempfile.TemporaryDirectory(prefix="defender-stream-bench-") as work:
        work = Path(work)
        blocks = [(module_source(sim, work, f"bench-{hub}", hub, kafka_options), work / f"{hub}.log") for hub in hubs]
        r = drain("sources", module_config(blocks), [output for _, output in blocks], args.records, work)
    print(f"{args.sources} sources in one syslog-ng, each its own hub of {args.partitions} partitions, "
          f"{args.records} records in all")
    print(f"records/s {r['per_second']:.0f}, records/CPU-s {r['per_cpu_second']:.0f}, "
          f"peak RSS {r['peak_kib'] / 1024:.1f} MiB, RSS once drained {r['rss_kib'] / 1024:.1f} MiB")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--build-dir", default=str(ROOT / "build"))
    parser.add_argument("--only", choices=["module", "baseline"])
    parser.add_argument("--kafka-option", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--backlogs", help="comma-separated backlogs: the module's peak RSS draining each")
    parser.add_argument("--sources", type=int, help="this many stream sources in one syslog-ng")
    args = parser.parse_args()
    os.environ["DEFENDER_BUILD_DIR"] = str(Path(args.build_dir).resolve())
    kafka_options = tuple(tuple(option.split("=", 1)) for option in args.kafka_option)
    if any(len(option) != 2 for option in kafka_options):
        parser.error("--kafka-option takes NAME=VALUE")
    if args.backlogs:
        backlogs(args, kafka_options)
    elif args.sources:
        sources(args, kafka_options)
    else:
        compare(args, kafka_options)


if __name__ == "__main__":
    main()

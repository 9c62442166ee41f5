#!/usr/bin/env python3
"""The ceiling: what syslog-ng itself costs per message for a threaded source that posts ready-made messages.

bench/ceiling's ceiling() source (a LogThreadedFetcherDriver, as the module's sources are, with a consecutive ack
tracker and a bookmark on every message) posts N messages, each a MESSAGE of --message-size bytes and --pairs
name-value pairs, to the file destination bench/e2e.py gives the module (one message a line, flow control). Prints
messages per CPU-second of the syslog-ng process, per wall second, CPU microseconds per message and peak RSS.

    bench/ceiling.py [--messages 100000] [--message-size 2000] [--pairs 20] [--runs 3] [--build-dir build]
                     [--trixie] [--with-module [--alerts 100000]] [--with-stream [--records 200000]]

--trixie also measures syslog-ng 4.8 in the Debian 13 root of tests/trixie (root only; bench/ceiling/in-trixie builds
the module there). --with-module also drains bench/e2e.py's alerts through microsoft-defender() on this host and
prints ours against the ceiling; --with-stream does the same for microsoft-defender-stream() reading
defender-stream-sim's records in format(json). --source-option adds an option to ceiling(), e.g. 'log-iw-size(10000)'.
Figures, not a test: it never fails on a slow machine. See docs/benchmarks.md, "The ceiling".
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "integration"))

from process_figures import cpu_split, process_figures  # noqa: E402 (bench/process_figures.py, beside this file)

IN_TRIXIE = ROOT / "bench" / "ceiling" / "in-trixie"


def build_module(build_dir):
    """Builds libceiling.so and returns its directory: the target `ceiling` of the project's build in build_dir, or,
    where build_dir holds no project build (the Debian 13 root), bench/ceiling built on its own there."""
    build_dir = Path(build_dir)
    cache = build_dir / "CMakeCache.txt"
    if cache.exists() and "CMAKE_PROJECT_NAME:STATIC=syslog-ng-mod-defender" in cache.read_text():
        subprocess.run(["nice", "cmake", "--build", str(build_dir), "--target", "ceiling"], check=True,
                       stdout=subprocess.DEVNULL)
        return build_dir / "bench" / "ceiling" / "modules"
    if not cache.exists():
        subprocess.run(["cmake", "-S", str(ROOT / "bench" / "ceiling"), "-B", str(build_dir), "-G", "Ninja",
                        "-DCMAKE_BUILD_TYPE=RelWithDebInfo"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["nice", "ninja", "-C", str(build_dir)], check=True, stdout=subprocess.DEVNULL)
    return build_dir / "modules"


def ceiling_source(args):
    return (f"  ceiling(messages({args.messages}) message-size({args.message_size}) pairs({args.pairs}) "
            f"pair-size({args.pair_size}) {' '.join(args.source_option)});")


def run_ceiling(module_dir, args, work):
    """One drain of the ceiling() source into a file: its figures."""
    from lib.config_builder import to_files
    from lib.syslogng import MODULE_PATH, SERIES, LineCounter, SyslogNg
    output = work / "ceiling.log"
    source = ceiling_source(args)
    syslog = SyslogNg(work / "syslog-ng", to_files({"ceiling": (source, output)}),
                      module_path=f"{MODULE_PATH}:{module_dir}")
    started = time.monotonic()
    syslog.start()
    try:
        lines = LineCounter(output)
        deadline = started + 600
        while lines() < args.messages:
            if time.monotonic() > deadline or not syslog.alive():
                raise RuntimeError(f"ceiling: only {lines()} of {args.messages} lines\n{syslog.log_text()[-2000:]}")
            time.sleep(0.02)
        wall = time.monotonic() - started
        cpu, peak = process_figures(syslog.process.pid)
        system = cpu_split(syslog.process.pid)[1]
    finally:
        syslog.stop()
    return {"kind": f"ceiling {'.'.join(map(str, SERIES))}", "messages": args.messages, "cpu": cpu, "system": system,
            "wall": wall, "peak_kib": peak}


def measure_ceiling(args):
    """--runs drains; the run of the median CPU time stands for them, with every run's CPU seconds beside it."""
    module_dir = build_module(args.build_dir)
    runs = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="defender-ceiling-") as work:
            runs.append(run_ceiling(module_dir, args, Path(work)))
    median = sorted(runs, key=lambda r: r["cpu"])[len(runs) // 2]
    return dict(median, runs=[r["cpu"] for r in runs])


def measure_in_trixie(args):
    """The same measure by this script inside the Debian 13 root (syslog-ng 4.8): its figures."""
    inner = ["--messages", str(args.messages), "--message-size", str(args.message_size), "--pairs", str(args.pairs),
             "--pair-size", str(args.pair_size), "--runs", str(args.runs),
             *(f"--source-option={option}" for option in args.source_option)]
    result = subprocess.run([str(IN_TRIXIE), *inner], check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure_module(args):
    """bench/e2e.py's drain of --alerts alerts through microsoft-defender(), on this host."""
    os.environ["DEFENDER_BUILD_DIR"] = str(Path(args.build_dir).resolve())
    import e2e
    r = e2e.measure("module", args.alerts, args.page_size)
    return {"kind": "module (alerts)", "messages": args.alerts, "cpu": r["cpu"], "system": r["system"],
            "wall": r["wall"], "peak_kib": r["peak_kib"]}


def measure_stream(args):
    """--records stream records over 8 partitions (defender-stream-sim's mock cluster, seed 3) through
    microsoft-defender-stream() in format(json) to the same file destination, on this host."""
    os.environ["DEFENDER_BUILD_DIR"] = str(Path(args.build_dir).resolve())
    from lib.config_builder import to_files
    from lib.stream_rig import connection_string_file, stream_source
    from lib.stream_sim import StreamSim
    from lib.syslogng import LineCounter, SyslogNg
    with StreamSim(records=args.records, partitions=8, seed=3) as sim, \
            tempfile.TemporaryDirectory(prefix="defender-ceiling-") as work:
        output = Path(work) / "stream.log"
        source = stream_source(sim, connection_string_file(work), format="json")
        syslog = SyslogNg(Path(work) / "syslog-ng", to_files({"stream": (source, output)}))
        started = time.monotonic()
        syslog.start()
        try:
            lines = LineCounter(output)
            while lines() < args.records:
                if time.monotonic() > started + 900 or not syslog.alive():
                    raise RuntimeError(f"stream: only {lines()} of {args.records}\n{syslog.log_text()[-2000:]}")
                time.sleep(0.05)
            wall = time.monotonic() - started
            cpu, peak = process_figures(syslog.process.pid)
            system = cpu_split(syslog.process.pid)[1]
        finally:
            syslog.stop()
        size = output.stat().st_size / args.records
    return {"kind": "module (stream)", "messages": args.records, "cpu": cpu, "system": system, "wall": wall,
            "peak_kib": peak, "bytes": size}


def print_table(results, args):
    options = " ".join([f"message-size({args.message_size}) pairs({args.pairs}) pair-size({args.pair_size})",
                        *args.source_option])
    print(f"ceiling({options}), "
          f"median of {args.runs} runs; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    print(f"{'':18} {'messages':>9} {'msg/CPU-s':>10} {'msg/s':>9} {'CPU µs/msg':>11} {'of it sys':>10} "
          f"{'CPU s':>7} {'wall s':>7} {'peak RSS MiB':>13}  runs (CPU s)")
    for r in results:
        n = r["messages"]
        runs = " ".join(f"{cpu:.2f}" for cpu in r.get("runs", []))
        print(f"{r['kind']:18} {n:9d} {n / r['cpu']:10.0f} {n / r['wall']:9.0f} {r['cpu'] / n * 1e6:11.1f} "
              f"{r['system'] / n * 1e6:10.1f} {r['cpu']:7.2f} {r['wall']:7.2f} {r['peak_kib'] / 1024:13.1f}  {runs}")
    ceiling = results[0]
    per_cpu, per_wall = ceiling["messages"] / ceiling["cpu"], ceiling["messages"] / ceiling["wall"]
    for r in (r for r in results if r["kind"].startswith("module")):
        n, what = r["messages"], "alert" if "alerts" in r["kind"] else "record"
        own = (r["cpu"] / n - ceiling["cpu"] / ceiling["messages"]) * 1e6
        lines = f" (lines of {r['bytes']:.0f} bytes)" if "bytes" in r else ""
        print(f"{r['kind']} / {ceiling['kind']}: {n / r['cpu'] / per_cpu:.2f} per CPU-second, "
              f"{n / r['wall'] / per_wall:.2f} per wall second; beyond the ceiling: {own:.1f} µs of CPU per "
              f"{what}{lines}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--message-size", type=int, default=2000, help="bytes of MESSAGE (about an alert's CEF)")
    parser.add_argument("--pairs", type=int, default=20, help="name-value pairs per message")
    parser.add_argument("--pair-size", type=int, default=32, help="bytes of each pair's value")
    parser.add_argument("--source-option", action="append", default=[],
                        help="a further option of ceiling(), e.g. 'log-iw-size(10000)' (repeatable)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--build-dir", default=str(ROOT / "build"))
    parser.add_argument("--trixie", action="store_true", help="also syslog-ng 4.8 in the Debian 13 root")
    parser.add_argument("--with-module", action="store_true", help="also bench/e2e.py --only module, and the ratio")
    parser.add_argument("--alerts", type=int, default=100_000)
    parser.add_argument("--page-size", type=int, default=1000)
    parser.add_argument("--with-stream", action="store_true",
                        help="also microsoft-defender-stream() from defender-stream-sim, format(json), and the ratio")
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--json", action="store_true", help="the ceiling's figures as one JSON line (in-trixie)")
    args = parser.parse_args()

    if args.json:
        print(json.dumps(measure_ceiling(args)))
        return
    results = [measure_ceiling(args)]
    if args.trixie:
        results.append(measure_in_trixie(args))
    if args.with_module:
        results.append(measure_module(args))
    if args.with_stream:
        results.append(measure_stream(args))
    print_table(results, args)


if __name__ == "__main__":
    main()

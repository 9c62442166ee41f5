#!/usr/bin/env python3
"""How syslog-ng's memory with microsoft-defender() scales: peak RSS while draining backlogs of different sizes
(memory must follow the page size, not the backlog), and the memory each extra source costs.

    bench/scale.py [--backlogs 10000,100000] [--sources 50] [--build-dir build]

Figures, not a test. See docs/benchmarks.md.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "integration"))
sys.path.insert(0, str(ROOT / "bench"))

from e2e import process_figures, run  # noqa: E402


def sources_memory(sim, count, work):
    """RSS of one syslog-ng with `count` sources (each its own persist name) after they drained and went idle."""
    from lib.config_builder import simulator_source, to_files
    from lib.syslogng import SyslogNg, count_lines, write_secret
    secret = write_secret(work / "secret", sim.client_secret)
    sources = {n: (simulator_source(sim, secret, persist_name=f"bench-{n}", poll_interval=3600),
                   work / f"source-{n}.log") for n in range(count)}
    outputs = [output for _, output in sources.values()]
    config = to_files(sources)
    syslog = SyslogNg(work / f"syslog-ng-{count}", config)
    syslog.start()
    try:
        deadline = time.monotonic() + 600
        while any(count_lines(o) < sim_alerts(sim) for o in outputs):
            if time.monotonic() > deadline:
                raise RuntimeError("sources did not drain")
            time.sleep(0.2)
        time.sleep(2)
        return syslog.rss_kib(), process_figures(syslog.process.pid)[1]
    finally:
        syslog.stop()


def sim_alerts(sim):
    return sim.stats()["alerts"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backlogs", default="10000,100000")
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--page-size", type=int, default=1000)
    parser.add_argument("--build-dir", default=str(ROOT / "build"))
    args = parser.parse_args()
    os.environ["DEFENDER_BUILD_DIR"] = str(Path(args.build_dir).resolve())
    from lib.simulator import Simulator

    print(f"backlog drains, page size {args.page_size}, gzip on")
    print(f"{'backlog':>8} {'alerts/s':>9} {'peak RSS MiB':>13}")
    for backlog in (int(b) for b in args.backlogs.split(",")):
        with Simulator(alerts=backlog, seed=7, budgets="off") as sim, \
                tempfile.TemporaryDirectory(prefix="defender-scale-") as work:
            r = run("module", sim, backlog, args.page_size, Path(work))
        print(f"{backlog:8d} {r['per_second']:9.0f} {r['peak_kib'] / 1024:13.1f}", flush=True)

    with Simulator(alerts=200, seed=8, budgets="off") as sim, \
            tempfile.TemporaryDirectory(prefix="defender-scale-") as work:
        one, _ = sources_memory(sim, 1, Path(work))
        many, _ = sources_memory(sim, args.sources, Path(work))
    print(f"\nsources in one syslog-ng, each 200 alerts drained, then idle")
    print(f"1 source: {one / 1024:.1f} MiB RSS; {args.sources} sources: {many / 1024:.1f} MiB RSS; "
          f"{(many - one) / (args.sources - 1):.0f} KiB per extra source")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""End-to-end benchmark: defender-sim serves N realistic alerts (gzip on) to syslog-ng, which writes CEF to a file.

Runs the same drain twice in one go: with microsoft-defender(), and with the baseline a syslog-ng 3.38 user would
write today (a Python LogFetcher with urllib, json-parser() and $(format-cef-extension)). Prints for each: alerts
per second (wall), alerts per CPU-second of the syslog-ng process, peak RSS, requests made; then the ratios.

    bench/e2e.py [--alerts 100000] [--page-size 1000] [--build-dir build] [--only module|baseline]

Figures, not a test: it never fails on a slow machine. See docs/benchmarks.md for results and the machine.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "integration"))
sys.path.insert(0, str(ROOT / "bench"))

from baseline_config import baseline_syslog_config  # noqa: E402
from process_figures import cpu_split, process_figures  # noqa: E402 (bench/process_figures.py, beside this file)


def module_config(sim, secret, output, page_size):
    from lib.config_builder import simulator_source, to_files
    return to_files({"defender": (simulator_source(sim, secret, page_size=page_size, poll_interval=60), output)})


def baseline_config(sim, output, page_size):
    template = ("CEF:0|Microsoft|${.alert.serviceSource}|1.0|${.alert.detectorId}|${.alert.title}|${.alert.severity}|"
                "$(format-cef-extension --subkeys .alert. --exclude .alert.evidence --exclude .alert.comments "
                "--exclude .alert.@*)\\n")
    options = {"base_url": sim.base_url, "tenant": sim.tenant, "client_id": sim.client_id, "secret": sim.client_secret,
               "ca_file": sim.ca_file, "page_size": page_size}
    return baseline_syslog_config("graph_fetcher.GraphFetcher", options, ".alert.", template, output,
                                  fetcher_extra="fetch-no-data-delay(1)")


def run(kind, sim, alerts, page_size, work):
    from lib.syslogng import LineCounter, SyslogNg, write_secret
    output = work / f"{kind}.log"
    secret = write_secret(work / "secret", sim.client_secret)
    config = module_config(sim, secret, output, page_size) if kind == "module" else baseline_config(sim, output, page_size)
    # syslog-ng's embedded Python must find the system's standard library, not one of a Python on PATH.
    env = dict(os.environ, PYTHONHOME="/usr") if kind == "baseline" else None
    syslog = SyslogNg(work / kind, config, env=env)
    before = sim.stats()
    started = time.monotonic()
    syslog.start()
    try:
        deadline = started + 1800
        # Reads only what was added: rereading a file of a hundred megabytes would take a core from syslog-ng.
        lines = LineCounter(output)
        while lines() < alerts:
            if time.monotonic() > deadline or not syslog.alive():
                raise RuntimeError(f"{kind}: only {lines()} of {alerts} alerts\n{syslog.log_text()[-2000:]}")
            time.sleep(0.05)
        wall = time.monotonic() - started
        cpu, peak = process_figures(syslog.process.pid)
        system = cpu_split(syslog.process.pid)[1]
    finally:
        syslog.stop()
    after = sim.stats()
    requests = after["apiRequests"]["total"] - before["apiRequests"]["total"]
    tokens = after["tokenRequests"]["total"] - before["tokenRequests"]["total"]
    return {"kind": kind, "wall": wall, "cpu": cpu, "system": system, "peak_kib": peak, "requests": requests,
            "tokens": tokens,
            "per_second": alerts / wall, "per_cpu_second": alerts / cpu if cpu else float("inf")}


def measure(kind, alerts, page_size):
    """One drain of `alerts` by `kind` (module or baseline) from a fresh simulator, so that every run drains the same
    alerts from the same state; the figures of run(). DEFENDER_BUILD_DIR names the build."""
    from lib.simulator import Simulator
    with Simulator(alerts=alerts, seed=42, history=24 * 3600 - 600) as sim, \
            tempfile.TemporaryDirectory(prefix="defender-bench-") as work:
        return run(kind, sim, alerts, page_size, Path(work))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--alerts", type=int, default=100_000)
    parser.add_argument("--page-size", type=int, default=1000)
    parser.add_argument("--build-dir", default=str(ROOT / "build"))
    parser.add_argument("--only", choices=["module", "baseline"])
    args = parser.parse_args()
    os.environ["DEFENDER_BUILD_DIR"] = str(Path(args.build_dir).resolve())
    results = [measure(kind, args.alerts, args.page_size)
               for kind in ([args.only] if args.only else ["module", "baseline"])]

    print(f"{args.alerts} alerts, page size {args.page_size}, gzip on; {os.cpu_count()} cores")
    print(f"{'':10} {'alerts/s':>10} {'alerts/CPU-s':>13} {'CPU s':>7} {'wall s':>7} {'peak RSS MiB':>13} {'requests':>9}")
    for r in results:
        print(f"{r['kind']:10} {r['per_second']:10.0f} {r['per_cpu_second']:13.0f} {r['cpu']:7.2f} {r['wall']:7.2f} "
              f"{r['peak_kib'] / 1024:13.1f} {r['requests']:9d}")
    if len(results) == 2:
        m, b = results
        print(f"ratio      {m['per_second'] / b['per_second']:10.1f}x {m['per_cpu_second'] / b['per_cpu_second']:12.1f}x")


if __name__ == "__main__":
    main()

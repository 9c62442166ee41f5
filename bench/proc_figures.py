"""What the benchmarks read about a running process from /proc (Linux only)."""

import os

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def process_figures(pid):
    """(CPU seconds, peak RSS in KiB) of a running process, from /proc."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    peak = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                peak = int(line.split()[1])
    return cpu, peak

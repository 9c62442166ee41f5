"""What a running process has cost so far, from /proc: shared by the end-to-end benchmarks."""

import os

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_split(pid):
    """(user, system) CPU seconds of a running process."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) / CLOCK_TICKS, int(fields[12]) / CLOCK_TICKS


def process_figures(pid):
    """(CPU seconds, peak RSS in KiB) of a running process."""
    user, system = cpu_split(pid)
    peak = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                peak = int(line.split()[1])
    return user + system, peak

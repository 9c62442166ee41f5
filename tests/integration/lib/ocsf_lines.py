"""The module's OCSF events for JSON input files, from build/bin/ocsf-lines (tests/support/ocsf_lines_main.cpp),
which reads each file as the sources do: an alert or incident object as a one-item page with the adapter of its API,
a Streaming API body through the envelope reader."""

import json
import subprocess

from lib.syslogng import BUILD_DIR

TOOL = BUILD_DIR / "bin" / "ocsf-lines"
# Files per run, well inside the kernel's limit on a command line's length.
BATCH = 400


def events(api, paths):
    """(path, API that read it, decoded event) of every event the module writes for the files, in their order."""
    out = []
    for start in range(0, len(paths), BATCH):
        batch = [str(p) for p in paths[start:start + BATCH]]
        run = subprocess.run([str(TOOL), api, *batch], capture_output=True, check=True, timeout=300)
        for line in run.stdout.decode("utf-8").split("\n")[:-1]:
            index, reader, event = line.split("\t", 2)
            out.append((batch[int(index)], reader, json.loads(event)))
    return out

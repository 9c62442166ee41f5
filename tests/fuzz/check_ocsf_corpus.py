#!/usr/bin/env python3
"""Every OCSF event the module writes for the fuzz corpus passes the project's OCSF checker: the corpus a fuzz run
grew (libFuzzer keeps the inputs that reached new code) and its seeds, each read as every alert API's item, an
incident and a Streaming API body (build/bin/ocsf-lines any), then judged by tests/integration/lib/ocsf.py. The fuzz
target itself checks that each OCSF line is one JSON value; this holds the same inputs to the schema.

    check_ocsf_corpus.py <fuzz build dir>      # as the ctest "fuzz.ocsf" runs it, after "fuzz"
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from lib import ocsf  # noqa: E402
from lib.ocsf_lines import events  # noqa: E402


def main():
    build = Path(sys.argv[1])
    inputs = sorted(p for d in ("corpus", "seeds") if (build / d).is_dir() for p in (build / d).iterdir())
    if not inputs:
        sys.exit(f"no corpus under {build}: run tests/fuzz/run-fuzz.sh {build} first")
    failures = 0
    written = events("any", inputs)
    for path, api, event in written:
        found = ocsf.problems(event)
        if found:
            failures += 1
            if failures <= 20:
                print(f"{os.path.basename(path)} read as {api}: {'; '.join(found)}")
    print(f"{len(inputs)} inputs, {len(written)} OCSF events, {failures} refused by the checker")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

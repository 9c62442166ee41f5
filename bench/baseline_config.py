"""The syslog-ng configuration of a baseline: a python-fetcher() from bench/baseline/, json-parser() and a file()
destination with a template, with flow control, as a syslog-ng 3.38 user would write it."""

from pathlib import Path

FETCHER_DIR = Path(__file__).resolve().parent / "baseline"


def baseline_syslog_config(fetcher_class, options, prefix, template, output, fetcher_extra=""):
    """fetcher_class: "module.Class" in bench/baseline/; options: {name: value} for its init(); prefix: where
    json-parser() puts the message's members; template: the file's line (syslog-ng template text, "\\n" escaped)."""
    option_text = " ".join(f'"{name}" "{value}"' for name, value in options.items())
    return f"""@version: 3.38
options {{ stats-freq(0); }};
python {{
import sys
sys.path.insert(0, "{FETCHER_DIR}")
}};
source s_baseline {{
  python-fetcher(class("{fetcher_class}") options({option_text}) {fetcher_extra});
}};
parser p_json {{ json-parser(prefix("{prefix}")); }};
destination d_file {{ file("{output}" template("{template}")); }};
log {{ source(s_baseline); parser(p_json); destination(d_file); flags(flow-control); }};
"""

"""The syslog-ng configurations of the tests: microsoft-defender() and microsoft-defender-stream() sources from their
options, destinations, log
paths and the whole file.

    config = to_files({"defender": (simulator_source(sim, secret_file, api="siem", page_size=500), output)})

An option's value is a Python value, written the way syslog-ng reads it: a str or a path as a quoted string, an int
as a number, a bool as yes or no, a list or tuple as several strings; None leaves the option out. Option names take
dashes or underscores (page_size is page-size). The private persist, pid and control files are not part of the
configuration: lib.syslogng.SyslogNg gives them on syslog-ng's command line.
"""

import os

from lib.simulator import DEFAULT_CLIENT_ID, DEFAULT_TENANT
from lib.syslogng import SERIES

# "current" is the running syslog-ng's own config version (a fixed 3.38 runs 4.x in compatibility mode, with a
# warning), so one configuration is right for 3.38 and 4.x alike.
VERSION = "@version: current"
# Periodic statistics messages stay out of the log: 4.x moved stats-freq() (now obsolete, with a warning) into a
# stats() block that 3.38 does not know.
GLOBAL_OPTIONS = f"options {{ {'stats(freq(0))' if SERIES >= (4, 0) else 'stats-freq(0)'}; }};"
# Each message as it is, one a line.
MESSAGE_LINE = "${MESSAGE}\n"
# The app registration the simulator knows unless told otherwise.
IDENTITY = {"tenant-id": DEFAULT_TENANT, "client-id": DEFAULT_CLIENT_ID}

# What syslog-ng's lexer reads back as the character itself inside a double-quoted string.
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}


def quoted(text):
    """`text` (a str or a path) as a syslog-ng double-quoted string."""
    return '"' + "".join(_ESCAPES.get(c, c) for c in os.fspath(text)) + '"'


def value_text(value):
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (str, os.PathLike)):
        return quoted(value)
    if isinstance(value, (list, tuple)):
        return " ".join(quoted(item) for item in value)
    raise TypeError(f"no syslog-ng form for the option value {value!r}")


def defender_source(options, driver="microsoft-defender"):
    """A microsoft-defender() (or `driver`) block with `options`, (name, value) pairs, one a line in their order: the
    line of an option in the file is predictable, and an option can be given twice."""
    lines = [f"    {name.replace('_', '-')}({value_text(value)})" for name, value in options if value is not None]
    return f"  {driver}(\n" + "\n".join(lines) + "\n  );"


def simulator_source(sim, secret_file, **options):
    """A microsoft-defender() driver reading the Simulator `sim` with the client secret in `secret_file`, polling
    every 2 seconds in pages of 1,000. `options` replace a default in its place (None removes it) or follow them."""
    settings = {
        **IDENTITY,
        "client-secret-file": secret_file,
        "login-url": sim.base_url,
        "api-url": sim.base_url,
        "ca-file": sim.ca_file,
        "poll-interval": 2,
        "page-size": 1000,
    }
    for name, value in options.items():
        settings[name.replace("_", "-")] = value
    return defender_source(settings.items())


def file_destination(path, template=MESSAGE_LINE):
    return f"file({quoted(path)} template({quoted(template)}))"


def tcp_destination(port, template, *options):
    """network() to 127.0.0.1:`port` over TCP; `options` are further options of network(), as syslog-ng text."""
    return " ".join([f'network("127.0.0.1" port({port}) transport(tcp) template({quoted(template)})', *options]) + ")"


def source(name, driver):
    return f"source s_{name} {{\n{driver}\n}};"


def destination(name, driver):
    return f"destination d_{name} {{ {driver}; }};"


def log(name, flow_control=True):
    """The log path from s_`name` to d_`name`."""
    flags = " flags(flow-control);" if flow_control else ""
    return f"log {{ source(s_{name}); destination(d_{name});{flags} }};"


def log_path(name, source_driver, destination_driver, flow_control=True):
    """s_`name` with `source_driver`, d_`name` with `destination_driver` and the log path from one to the other."""
    return "\n".join([source(name, source_driver), destination(name, destination_driver), log(name, flow_control)])


def configuration(*blocks, global_options=True):
    """The whole file: the version line, the global options unless global_options is False, then `blocks`."""
    return "\n".join([VERSION, *([GLOBAL_OPTIONS] if global_options else []), *blocks]) + "\n"


def to_files(sources, template=MESSAGE_LINE):
    """The whole file for `sources`, {name: (source driver, output path)}: each source to its own file, one message a
    line in `template`, with flow control."""
    return configuration(*(log_path(name, driver, file_destination(output, template))
                           for name, (driver, output) in sources.items()))

"""The example configurations of config/, set up the way a user sets them up: by changing the values of the
`@define` lines at their top. Nothing else in an example is touched, so a test runs the example as shipped."""

import os
import re
import subprocess
from pathlib import Path

SOURCE_DIR = Path(os.environ.get("DEFENDER_SOURCE_DIR", Path(__file__).resolve().parents[3]))
CONFIG_DIR = SOURCE_DIR / "config"
# Where the packages put the examples.
INSTALLED_EXAMPLES = Path("/usr/share/doc/syslog-ng-mod-defender/examples")

_SECRET_IN_DIR = re.compile(r"`defender_secret_dir`/([^\"]+)\"")
_FORMAT = re.compile(r"^\s*format\((\w+)\)", re.M)


def example_paths(directory=CONFIG_DIR):
    return sorted(Path(directory).glob("*.conf"))


def _quoted(value):
    # A single-quoted syslog-ng string is taken as it is: the way to carry option text with double quotes in it.
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    raise ValueError(f"cannot quote {value!r} for @define")


def set_defines(text, **values):
    """The example with each named `@define NAME "..."` line given a new value; an unknown name is an error, so a
    renamed knob fails the test instead of being silently ignored."""
    for name, value in values.items():
        line = re.compile(rf"^@define {re.escape(name)} .*$", re.M)
        if not line.search(text):
            raise KeyError(f"the example has no '@define {name}' line")
        text = line.sub(lambda _: f"@define {name} {_quoted(value)}", text, count=1)
    return text


def defines(text):
    return set(re.findall(r"^@define (\S+) ", text, re.M))


# What an Event Hubs connection string looks like; microsoft-defender-stream() refuses a file holding anything else.
CONNECTION_STRING = "Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=abc"


def with_credentials(text, workdir, secret="sim-secret", connection_string=CONNECTION_STRING):
    """Points the example's secret files at files in workdir holding `secret` (and its Event Hubs connection string
    file at one holding `connection_string`): both drivers read them when the configuration loads, so even
    --syntax-only needs them."""
    workdir = Path(workdir)
    names = defines(text)
    values = {}
    if "defender_secret_file" in names:
        path = workdir / "defender.secret"
        _write_secret(path, secret)
        values["defender_secret_file"] = str(path)
    if "eventhubs_connection_string_file" in names:
        path = workdir / "eventhubs.secret"
        _write_secret(path, connection_string)
        values["eventhubs_connection_string_file"] = str(path)
    if "defender_secret_dir" in names:
        for name in _SECRET_IN_DIR.findall(text):
            _write_secret(workdir / "secrets" / name, secret)
        values["defender_secret_dir"] = str(workdir / "secrets")
    return set_defines(text, **values)


def _write_secret(path, secret):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(secret + "\n")
    path.chmod(0o600)


def with_source_tree_scl(text):
    """The example reading the SCL block from config/scl/ instead of an installed package's copy: config/ goes
    first on the include path, then syslog-ng's default directories (/etc/syslog-ng, where Debian keeps
    scl.conf, and the SCL's directory)."""
    config_includedir = subprocess.run(["pkg-config", "--variable=config_includedir", "syslog-ng"],
                                       capture_output=True, text=True, check=True).stdout.strip()
    version, rest = text.split("\n", 1)
    return f'{version}\n@define include-path "{CONFIG_DIR}:/etc/syslog-ng:{config_includedir}"\n{rest}'


def in_stock_configuration(example_text, workdir):
    """Debian's own /etc/syslog-ng/syslog-ng.conf with the example as its only conf.d file, the way the examples
    say to use them there: without the example's @version line."""
    snippets = Path(workdir) / "conf.d"
    snippets.mkdir(parents=True, exist_ok=True)
    (snippets / "example.conf").write_text(example_text.split("\n", 1)[1])
    stock = Path("/etc/syslog-ng/syslog-ng.conf").read_text()
    include = '@include "/etc/syslog-ng/conf.d/*.conf"'
    if include not in stock:
        raise AssertionError(f"/etc/syslog-ng/syslog-ng.conf has no line {include}")
    return stock.replace(include, f'@include "{snippets}/*.conf"')


def formats(text):
    """The format() values of the example's microsoft-defender() sources."""
    return set(_FORMAT.findall(text))

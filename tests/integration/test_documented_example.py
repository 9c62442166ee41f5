"""The annotated example of docs/options.md ("An annotated example") loads unchanged (only pointed at the simulator)
and delivers."""

import os
import re
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.cef import parse_file  # noqa: E402
from lib.config_builder import configuration, destination, file_destination, log  # noqa: E402
from lib.simulator import Simulator  # noqa: E402
from lib.syslogng import SyslogNg, count_lines, wait_until  # noqa: E402

SOURCE_DIR = Path(os.environ.get("DEFENDER_SOURCE_DIR", Path(__file__).resolve().parents[2]))
OPTIONS_DOC = SOURCE_DIR / "docs" / "options.md"
# What the simulator needs and the example cannot say: where the simulator listens and the CA that signed it.
SIMULATOR_LINE = '    login-url("@URL@") api-url("@URL@") ca-file("@CA@")\n'
SOURCE_END = "\n  );\n};\n"


def documented_example():
    """The first code block under "## An annotated example" in docs/options.md, as written there."""
    text = OPTIONS_DOC.read_text(encoding="utf-8")
    found = re.search(r"^## An annotated example\n.*?^```\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)
    if not found:
        raise AssertionError(f"{OPTIONS_DOC} has no code block under '## An annotated example'")
    return found.group(1)


def pointed_at_simulator(block):
    """The block with the simulator's line added as the source's last option."""
    if not block.endswith(SOURCE_END):
        raise AssertionError(f"the example in {OPTIONS_DOC} does not end its source with {SOURCE_END!r}")
    return block[: -len(SOURCE_END)] + "\n" + SIMULATOR_LINE + SOURCE_END[1:]


class DocumentedExampleTest(unittest.TestCase):
    def test_the_documented_example_loads_and_delivers(self):
        work = tempfile.mkdtemp(prefix="defender-it-")
        sim = Simulator(alerts=300, client_secret="...").start()
        self.addCleanup(sim.cleanup)
        self.addCleanup(sim.stop)
        output = os.path.join(work, "alerts.log")
        example = pointed_at_simulator(documented_example())
        # The example's s_defender, as it is (no global options either), to a file.
        config = configuration(example.replace("@URL@", sim.base_url).replace("@CA@", sim.ca_file),
                               destination("defender", file_destination(output)), log("defender"),
                               global_options=False)
        syslog = SyslogNg(os.path.join(work, "syslog-ng"), config)
        self.addCleanup(syslog.stop)
        code, text = syslog.syntax_check()
        self.assertEqual(code, 0, text)
        syslog.start()
        wait_until(lambda: count_lines(output) >= 300, 60, what="300 alerts")
        records = parse_file(output)
        self.assertEqual(len(records), 300)
        self.assertEqual({r["extension"]["externalId"] for r in records}, {v["id"] for v in sim.ledger()})
        self.assertIn("persist_name='microsoft-defender.contoso'", syslog.log_text())


if __name__ == "__main__":
    unittest.main()

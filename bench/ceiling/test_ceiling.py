"""bench/ceiling's ceiling() source, as bench/ceiling.py runs it: it delivers exactly messages(N) lines, each its
MESSAGE of message-size() bytes with its name-value pairs of pair-size() bytes, then nothing more."""

import os
import shutil
import sys
import tempfile
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "integration"))
from lib.config_builder import to_files  # noqa: E402
from lib.syslogng import MODULE_PATH, SyslogNg, complete_lines, wait_until  # noqa: E402

MODULE_DIR = os.environ["CEILING_MODULE_DIR"]


class CeilingSourceTest(unittest.TestCase):
    def test_delivers_exactly_n_messages_with_their_size_and_pairs(self):
        work = Path(tempfile.mkdtemp(prefix="defender-ceiling-"))
        self.addCleanup(shutil.rmtree, work, ignore_errors=True)
        output = work / "ceiling.log"
        source = "  ceiling(messages(3000) message-size(100) pairs(3) pair-size(8));"
        config = to_files({"ceiling": (source, output)}, template="${MESSAGE}|${.ceiling.pair2}\n")
        s = SyslogNg(work / "syslog-ng", config, module_path=f"{MODULE_PATH}:{MODULE_DIR}")
        self.addCleanup(s.stop)
        s.start()
        wait_until(lambda: len(complete_lines(output)) >= 3000, 20, what="3000 lines")
        time.sleep(1.5)  # longer than the source's wait when idle: a message more would be out by now
        s.stop()

        lines = complete_lines(output)
        self.assertEqual(len(lines), 3000)
        self.assertEqual(len(set(lines)), 1)
        message, pair = lines[0][:100], lines[0][101:]
        self.assertEqual(lines[0][100], "|")
        self.assertTrue(message.startswith("CEF:0|"), message)
        # Both texts are the same pattern, cut to their size.
        self.assertEqual(pair, message[:8])

if __name__ == "__main__":
    unittest.main()

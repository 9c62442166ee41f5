"""Parses output lines with the tests' own CEF and LEEF parsers (tests/support, written from the standards)."""

import json
import subprocess

from lib.syslogng import BUILD_DIR, complete_lines


def parse_lines(lines, parser="cef-parse"):
    """One dict per line (header fields, and "extension" for CEF or "attributes" for LEEF); raises on any line the
    parser refuses. parser: cef-parse or leef-parse."""
    text = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    result = subprocess.run([str(BUILD_DIR / "bin" / parser)], input=text, capture_output=True, text=True,
                            check=True, timeout=120)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    for number, record in enumerate(records, 1):
        if "error" in record:
            raise AssertionError(f"line {number} is refused by {parser}: {record['error']}: {lines[number - 1]!r}")
    return records


def parse_file(path, parser="cef-parse"):
    return parse_lines(complete_lines(path), parser)

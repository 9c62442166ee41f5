"""Parses output lines with the tests' own CEF parser (tests/support, written from the standard)."""

import json
import subprocess

from lib.syslogng import BUILD_DIR


def parse_lines(lines):
    """One dict per line: header fields and "extension"; raises on any line that is not valid CEF."""
    text = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    result = subprocess.run([str(BUILD_DIR / "bin" / "cef-parse")], input=text, capture_output=True, text=True,
                            check=True, timeout=120)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    for number, record in enumerate(records, 1):
        if "error" in record:
            raise AssertionError(f"line {number} is not valid CEF: {record['error']}: {lines[number - 1]!r}")
    return records


def parse_file(path):
    with open(path, encoding="utf-8") as f:
        return parse_lines(f.read().splitlines())

"""Lines of the CEF examples (RFC 3164 header, then the CEF record) parsed with the tests' own CEF parser."""

from lib.cef import parse_lines

from harness.syslog_header import split


def parse(lines):
    """(header host, parsed CEF record) per line; raises on a line without the header or not valid CEF."""
    headers = [split(line) for line in lines]
    records = parse_lines([record for _, _, _, record in headers])
    return [(host, record) for (_, _, host, _), record in zip(headers, records)]


def delivered(lines):
    """(alert id, update time in epoch ms) per line."""
    return [(r["extension"]["externalId"], int(r["extension"]["deviceCustomDate1"])) for _, r in parse(lines)]

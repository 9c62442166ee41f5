"""The RFC 3164 header the CEF and LEEF examples put in front of each record: <pri>Mmm dd hh:mm:ss host record."""

import re

_LINE = re.compile(r"^<(\d{1,3})>([A-Z][a-z]{2} [ 0-3]\d \d\d:\d\d:\d\d) ([^ ]+) (.*)$")


def split(line):
    """(pri, timestamp, host, record); raises AssertionError when the line has no such header or the host is an
    address with colons (an IPv6 address breaks the header for QRadar and ArcSight)."""
    match = _LINE.match(line)
    if not match:
        raise AssertionError(f"no RFC 3164 header: {line[:80]!r}")
    pri, stamp, host, record = match.groups()
    if ":" in host:
        raise AssertionError(f"the header's host is not a host name: {host!r}")
    return int(pri), stamp, host, record

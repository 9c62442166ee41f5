"""A minimal LEEF 1.0 / 2.0 reader for the QRadar example's test, written from IBM's LEEF guide: the header's
fields, the attribute delimiter (TAB for 1.0; the header's delimiter field for 2.0), key=value split at the first
'='. It checks the shape QRadar needs, not every rule of the format: tests/support has no LEEF parser yet."""

_HEADER_FIELDS = {"1.0": 5, "2.0": 6}


def _delimiter(field):
    if not field:
        return "\t"
    if field.lower().startswith(("0x", "x")):
        return chr(int(field.lower().split("x", 1)[1], 16))
    if len(field) != 1:
        raise ValueError(f"bad LEEF 2.0 delimiter field {field!r}")
    return field


def parse(record):
    """{"version", "vendor", "product", "product_version", "event_id", "attributes": {key: value}}; raises
    ValueError on anything that is not one LEEF record."""
    if not record.startswith("LEEF:"):
        raise ValueError(f"not a LEEF record: {record[:60]!r}")
    version = record[5:8]
    if version not in _HEADER_FIELDS:
        raise ValueError(f"unknown LEEF version {version!r}")
    if "\n" in record or "\r" in record:
        raise ValueError("a LEEF record must be one line")
    count = _HEADER_FIELDS[version]
    parts = record.split("|", count)
    if len(parts) != count + 1:
        raise ValueError(f"LEEF:{version} header needs {count} '|'-terminated fields: {record[:120]!r}")
    header, body = parts[:count], parts[count]
    delimiter = _delimiter(header[5]) if version == "2.0" else "\t"
    attributes = {}
    for pair in body.split(delimiter) if body else []:
        key, sep, value = pair.partition("=")
        if not sep or not key.isalnum():
            raise ValueError(f"bad LEEF attribute {pair[:60]!r}")
        if key in attributes:
            raise ValueError(f"LEEF attribute {key} twice")
        attributes[key] = value
    return {"version": version, "vendor": header[1], "product": header[2], "product_version": header[3],
            "event_id": header[4], "attributes": attributes}

"""docs/ocsf.md's Attributes table held to the golden OCSF events of alerts (Graph, the alerts API, the SIEM API) and
incidents, both ways: every attribute a row names is written for its column's items, or never where the cell is "—";
every attribute the events carry besides the class's own is named; and the members of `metadata`, `finding_info`,
`finding_info_list` and `unmapped` are exactly those the table's cells name in backquotes. The goldens are the
formatter's output (tests/unit/test_golden_outputs.cpp holds them to the code)."""

import glob
import json
import os
import re
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "unit", "data")
DOC = os.path.join(HERE, "..", "..", "docs", "ocsf.md")
# The class's own attributes, which the Classes table and the introduction cover.
CLASS_ATTRIBUTES = {"class_uid", "class_name", "category_uid", "category_name", "activity_id", "activity_name",
                    "type_uid", "type_name"}
KINDS = {"Alert": ("graph", "alerts", "siem"), "Incident": ("incidents",)}


def attribute_rows():
    """The rows of the Attributes section's table: {"names": [...], "Alert": cell, "Incident": cell}."""
    with open(DOC, encoding="utf-8") as f:
        section = f.read().split("\n## Attributes\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    rows = []
    for line in lines[2:]:
        cells = dict(zip(header, (cell.strip() for cell in line.strip("|").split("|"))))
        rows.append({"names": re.findall(r"`([^`]+)`", cells["OCSF attribute"]),
                     "Alert": cells["Alert"], "Incident": cells["Incident"]})
    return rows


def members_named(cell):
    """The member names a cell gives in backquotes (option names and other code in backquotes are not names)."""
    return {word for word in re.findall(r"`([^`]+)`", cell) if re.fullmatch(r"[a-z_]+", word)}


def golden_events(kind):
    events = []
    for schema in KINDS[kind]:
        for path in sorted(glob.glob(os.path.join(DATA, schema, "*.ocsf"))):
            with open(path, encoding="utf-8") as f:
                events += [json.loads(line) for line in f]
    return events


def is_dash(cell):
    return cell.startswith("—")


class OcsfAttributesDocTest(unittest.TestCase):
    def setUp(self):
        self.rows = attribute_rows()

    def row(self, name):
        (found,) = [row for row in self.rows if row["names"][0] == name]
        return found

    def test_the_table_has_a_row_per_attribute_group(self):
        self.assertEqual(len(self.rows), 19)
        self.assertEqual(len(golden_events("Alert")), 15)
        self.assertEqual(len(golden_events("Incident")), 4)

    def test_the_top_level_attributes_named_for_each_kind_are_exactly_those_its_events_carry(self):
        for kind in KINDS:
            with self.subTest(kind=kind):
                carried = set().union(*(event.keys() for event in golden_events(kind))) - CLASS_ATTRIBUTES
                named = {name.split(".")[0] for row in self.rows if not is_dash(row[kind]) for name in row["names"]}
                self.assertEqual(carried, named)

    def test_an_attribute_whose_cell_is_a_dash_is_never_written_for_that_kind(self):
        for kind in KINDS:
            dashed = {name for row in self.rows if is_dash(row[kind]) for name in row["names"]}
            self.assertTrue(dashed)
            for event in golden_events(kind):
                with self.subTest(kind=kind, uid=event["metadata"]["uid"]):
                    self.assertEqual(dashed & event.keys(), set())

    def test_the_metadata_members_named_are_exactly_those_written(self):
        named = {name.split(".", 1)[1] for row in self.rows for name in row["names"] if name.startswith("metadata.")}
        for kind in KINDS:
            with self.subTest(kind=kind):
                written = set().union(*(event["metadata"].keys() for event in golden_events(kind)))
                self.assertEqual(written, named)

    def test_the_finding_info_members_named_for_alerts_are_exactly_those_written(self):
        written = set().union(*(event["finding_info"].keys() for event in golden_events("Alert")))
        self.assertEqual(written, members_named(self.row("finding_info")["Alert"]))

    def test_the_finding_info_list_members_named_for_incidents_are_exactly_those_written(self):
        written = set().union(*(entry.keys() for event in golden_events("Incident")
                                for entry in event["finding_info_list"]))
        self.assertEqual(written, members_named(self.row("finding_info_list")["Incident"]))

    def test_the_unmapped_members_named_for_each_kind_are_exactly_those_written(self):
        for kind in KINDS:
            with self.subTest(kind=kind):
                written = set().union(*(event["unmapped"].keys() for event in golden_events(kind)))
                self.assertEqual(written, members_named(self.row("unmapped")[kind]))


if __name__ == "__main__":
    unittest.main()

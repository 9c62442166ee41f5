"""format(ocsf): every golden OCSF line passes the project's OCSF 1.8.0 checker (lib/ocsf.py), for the three alert
APIs, incidents and each stream table's records, hostile and sparse inputs included; the checker refuses what the
schema forbids; and a real syslog-ng source in format(ocsf) writes only valid, identified events, exactly the
simulator's versions, for alerts, incidents and the stream."""

import collections
import glob
import json
import os
import shutil
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ocsf  # noqa: E402
from lib.config_builder import configuration, file_destination, log_path, simulator_source, to_files  # noqa: E402
from lib.defender_rig import Rig, served_versions  # noqa: E402
from lib.delivery import api_versions, epoch_ms, incident_versions  # noqa: E402
from lib.simulator import INCIDENT_ROLES, incident_ledger  # noqa: E402
from lib.stream_rig import connection_string_file, stream_source  # noqa: E402
from lib.stream_sim import StreamSim, record_key  # noqa: E402
from lib.syslogng import SyslogNg, complete_lines, wait_until  # noqa: E402

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "unit", "data")
# The OCSF classes of the Advanced Hunting tables mapped (docs/ocsf.md); any other table is the base event, class 0.
STREAM_CLASSES = {"DeviceProcessEvents": {1007}, "DeviceFileEvents": {1001}, "DeviceNetworkEvents": {4001},
                  "DeviceLogonEvents": {3002}, "IdentityLogonEvents": {3002}, "DeviceRegistryEvents": {201001, 201002},
                  "DeviceImageLoadEvents": {1005}, "EmailEvents": {4009}, "DeviceInfo": {5001}, "AlertInfo": {2004},
                  "AlertEvidence": {2004}}


def golden_events():
    """(path, decoded event) of every golden OCSF line: one per alert or incident file, one per stream record."""
    events = []
    for path in sorted(glob.glob(os.path.join(DATA, "*", "*.ocsf"))):
        with open(path, encoding="utf-8") as f:
            events += [(path, json.loads(line)) for line in f]
    return events


def stream_golden(table, n=0):
    """The n-th event of a stream table's golden file."""
    with open(os.path.join(DATA, "stream", f"{table}.ocsf"), encoding="utf-8") as f:
        return json.loads(f.readlines()[n])


def ocsf_lines(path):
    """The decoded events of an output file written by the rig's template (one MESSAGE per line)."""
    return [json.loads(line) for line in complete_lines(path) if line.strip()]


class OcsfGoldenTest(unittest.TestCase):
    def test_every_golden_ocsf_line_passes_the_checker(self):
        events = golden_events()
        # graph, alerts, siem: example, hostile, international, nulls, empty; incidents: full, sparse, merged, hostile;
        # stream: 39 records of 13 bodies (a realistic, a hostile and a sparse row per mapped table, and more)
        self.assertEqual(len(events), 19 + 39)
        for path, event in events:
            with self.subTest(path=os.path.relpath(path, DATA)):
                self.assertEqual(ocsf.problems(event), [])

    def test_alerts_are_detection_findings_and_incidents_incident_findings(self):
        for path, event in golden_events():
            kind = os.path.basename(os.path.dirname(path))
            if kind != "stream":
                self.assertEqual(event["class_uid"], 2005 if kind == "incidents" else 2004, path)

    def test_stream_records_are_events_of_their_tables_classes(self):
        expected = dict(STREAM_CLASSES, CloudAppEvents={0}, unparsed={0})
        seen = {}
        for path, event in golden_events():
            if os.path.basename(os.path.dirname(path)) == "stream":
                table = os.path.splitext(os.path.basename(path))[0]
                seen.setdefault(table, set()).add(event["class_uid"])
        self.assertEqual(seen, expected)


class OcsfCheckerTest(unittest.TestCase):
    """The checker fails where the schema says an event is wrong: each case breaks one rule of a valid event."""

    def valid(self, kind="graph"):
        name = "full" if kind == "incidents" else "example"
        return json.load(open(os.path.join(DATA, kind, f"{name}.ocsf"), encoding="utf-8"))

    def assert_refused(self, event, fragment):
        found = ocsf.problems(event)
        self.assertTrue(any(fragment in p for p in found), f"{fragment!r} not among {found}")

    def test_a_missing_required_attribute_is_refused(self):
        event = self.valid()
        del event["finding_info"]
        self.assert_refused(event, "finding_info is required")

    def test_a_type_uid_that_is_not_class_times_100_plus_activity_is_refused(self):
        event = self.valid()
        event["type_uid"] = 200401 if event["activity_id"] != 1 else 200402
        self.assert_refused(event, "type_uid")

    def test_a_status_id_outside_the_class_enumeration_is_refused(self):
        event = self.valid()
        event["status_id"] = 7
        self.assert_refused(event, "status_id")

    def test_a_caption_that_is_not_the_ids_is_refused(self):
        event = self.valid()
        event["severity"] = "Critical"
        self.assert_refused(event, "severity")

    def test_other_without_the_sources_word_is_refused(self):
        event = self.valid()
        event["status_id"] = 99
        del event["status"]
        self.assert_refused(event, "99 Other")

    def test_an_attribute_the_class_does_not_have_is_refused(self):
        event = self.valid()
        event["finding_info_list"] = []
        self.assert_refused(event, "not an attribute of Detection Finding")

    def test_an_incident_without_assignee_or_group_is_refused(self):
        event = self.valid("incidents")
        event.pop("assignee", None)
        event.pop("assignee_group", None)
        self.assert_refused(event, "assignee or assignee_group")

    def test_a_file_without_its_type_is_refused(self):
        event = self.valid()
        for evidence in event["evidences"]:
            evidence.get("file", {}).pop("type_id", None)
        self.assert_refused(event, "type_id is required")

    def test_a_wrong_version_is_refused(self):
        event = self.valid()
        event["metadata"]["version"] = "1.1.0"
        self.assert_refused(event, "metadata.version")

    def test_a_process_activity_without_process_is_refused(self):
        event = stream_golden("DeviceProcessEvents")
        del event["process"]
        self.assert_refused(event, "process is required")

    def test_a_stream_events_wrong_type_uid_is_refused(self):
        event = stream_golden("DeviceFileEvents")
        event["type_uid"] = 100199
        self.assert_refused(event, "type_uid")

    def test_a_registry_value_activity_without_reg_value_is_refused(self):
        event = stream_golden("DeviceRegistryEvents")
        self.assertEqual(event["class_uid"], 201002)
        event["reg_key"] = {"path": event.pop("reg_value")["path"]}
        self.assert_refused(event, "reg_value is required")

    def test_a_registry_class_in_the_extensions_scoped_category_is_refused(self):
        event = stream_golden("DeviceRegistryEvents", 1)
        event["category_uid"] = 201
        self.assert_refused(event, "category_uid")

    def test_a_process_without_pid_uid_or_cpid_is_refused(self):
        event = stream_golden("DeviceProcessEvents")
        del event["actor"]["process"]["pid"]
        self.assert_refused(event, "actor.process: a process needs at least one of pid, uid, cpid")

    def test_an_activity_outside_the_classs_enumeration_is_refused(self):
        event = stream_golden("DeviceNetworkEvents")
        event["activity_id"], event["type_uid"] = 8, 400108
        self.assert_refused(event, "activity_id")

    def test_a_network_activity_without_endpoints_is_refused(self):
        event = stream_golden("DeviceNetworkEvents")
        event.pop("src_endpoint")
        event.pop("dst_endpoint")
        self.assert_refused(event, "at least one of src_endpoint, dst_endpoint")

    def test_an_ip_that_is_not_an_address_is_refused(self):
        event = stream_golden("DeviceNetworkEvents")
        event["dst_endpoint"]["ip"] = "999.1.2.3"
        self.assert_refused(event, "dst_endpoint.ip")

    def test_a_port_out_of_range_is_refused(self):
        event = stream_golden("DeviceNetworkEvents")
        event["dst_endpoint"]["port"] = 70000
        self.assert_refused(event, "dst_endpoint.port")

    def test_an_authentication_without_service_or_destination_is_refused(self):
        event = stream_golden("IdentityLogonEvents")
        event.pop("service")
        event.pop("dst_endpoint")
        self.assert_refused(event, "at least one of service, dst_endpoint")

    def test_an_email_address_that_is_none_is_refused(self):
        event = stream_golden("EmailEvents")
        event["email"]["from"] = "Evil <ceo@contoso.com>"
        self.assert_refused(event, "email.from")

    def test_an_email_activity_without_direction_is_refused(self):
        event = stream_golden("EmailEvents")
        del event["direction_id"]
        self.assert_refused(event, "direction_id is required")

    def test_a_module_without_load_type_or_function_is_refused(self):
        event = stream_golden("DeviceImageLoadEvents")
        del event["module"]["load_type_id"]
        self.assert_refused(event, "a module needs load_type_id or function_name")

    def test_host_profile_attributes_without_the_profile_are_refused(self):
        event = stream_golden("DeviceNetworkEvents")
        del event["metadata"]["profiles"]
        self.assert_refused(event, "host profile")


class OcsfDeliveryTest(unittest.TestCase):
    """syslog-ng with format(ocsf): every line a valid event, identified by uid and modified time, exactly once."""

    def check_run(self, rig, served, **options):
        config = to_files({"defender": (simulator_source(rig.sim, rig.secret, format="ocsf", **options), rig.output)})
        syslog = SyslogNg(os.path.join(rig.work, "syslog-ng"), config)
        self.addCleanup(syslog.stop)
        syslog.start()
        wait_until(lambda: len(ocsf_lines(rig.output)) >= len(served), 90, interval=0.5,
                   what=f"{len(served)} OCSF events")
        rig.settle(len(served))
        events = ocsf_lines(rig.output)
        bad = [(n, p) for n, e in enumerate(events) for p in ocsf.problems(e)]
        self.assertEqual(bad[:5], [])
        return events

    def test_graph_alerts_in_ocsf_are_valid_and_exactly_the_served_versions(self):
        rig = Rig(self, alerts=600, seed=5)
        served = {(i, epoch_ms(t)) for i, t in served_versions(rig.sim.ledger(), "graph")}
        events = self.check_run(rig, served)
        got = [(e["finding_info"]["uid"], e["finding_info"]["modified_time"]) for e in events]
        self.assertEqual(len(got), len(set(got)))
        self.assertEqual(set(got), served)

    def test_incidents_in_ocsf_are_valid_and_exactly_the_served_versions(self):
        rig = Rig(self, alerts=600, seed=6, sim_args=list(INCIDENT_ROLES))
        served = {(i, epoch_ms(t)) for i, t in incident_versions(incident_ledger(rig.sim))}
        events = self.check_run(rig, served, api="incidents", page_size=50)
        got = [(e["finding_info_list"][0]["uid"], e["finding_info_list"][0]["modified_time"]) for e in events]
        self.assertEqual(len(got), len(set(got)))
        self.assertEqual(set(got), served)

    def test_the_same_alert_from_the_three_apis_has_the_same_ocsf_attributes(self):
        rig = Rig(self, alerts=300, seed=7)
        outputs = {api: os.path.join(rig.work, f"{api}.ocsf") for api in ("graph", "alerts", "siem")}
        config = to_files({api: (simulator_source(rig.sim, rig.secret, api=api, format="ocsf"), path)
                           for api, path in outputs.items()})
        syslog = SyslogNg(os.path.join(rig.work, "syslog-ng"), config)
        self.addCleanup(syslog.stop)
        syslog.start()
        ledger = rig.sim.ledger()
        for api, path in outputs.items():
            served = len(api_versions(ledger, api))
            wait_until(lambda: len(ocsf_lines(path)) >= served, 90, interval=0.5, what=f"{served} {api} events")
        time.sleep(2)

        def latest(api):
            """{alert id: the event of its newest version}, every event valid."""
            events = ocsf_lines(outputs[api])
            self.assertEqual([p for e in events for p in ocsf.problems(e)][:5], [])
            newest = {}
            for e in events:
                uid = e["finding_info"]["uid"]
                if uid not in newest or e["finding_info"]["modified_time"] >= newest[uid]["finding_info"]["modified_time"]:
                    newest[uid] = e
            return newest

        def facts(event, names):
            info = event["finding_info"]
            known = {"uid": info["uid"], "title": info.get("title"), "created_time": info.get("created_time"),
                     "severity_id": event["severity_id"], "status_id": event.get("status_id"),
                     "verdict_id": event.get("verdict_id"), "first_seen_time": info.get("first_seen_time"),
                     "last_seen_time": info.get("last_seen_time"),
                     "hosts": sorted(o["value"] for o in event.get("observables", []) if o["type_id"] == 1),
                     "ips": sorted(o["value"] for o in event.get("observables", []) if o["type_id"] == 2),
                     "hashes": sorted(o["value"] for o in event.get("observables", []) if o["type_id"] == 8),
                     "attacks": sorted(json.dumps(a, sort_keys=True) for a in info.get("attacks", []))}
            return {name: known[name] for name in names}

        graph, alerts, siem = latest("graph"), latest("alerts"), latest("siem")
        # The alerts API serves the Defender for Endpoint alerts of the same tenant, the same facts at each version.
        both = sorted(set(graph) & set(alerts))
        self.assertEqual(len(both), len(alerts))
        names = ("uid", "title", "created_time", "severity_id", "status_id", "verdict_id", "first_seen_time",
                 "last_seen_time", "hosts", "ips", "hashes", "attacks")
        differ = [(uid, facts(graph[uid], names), facts(alerts[uid], names)) for uid in both
                  if facts(graph[uid], names) != facts(alerts[uid], names)]
        self.assertEqual(differ[:3], [])
        # The SIEM API's records are written with the alert's first version: what does not change with an update.
        in_siem = sorted(set(graph) & set(siem))
        self.assertGreater(len(in_siem), 0)
        names = ("uid", "title", "created_time", "hosts")
        differ = [(uid, facts(graph[uid], names), facts(siem[uid], names)) for uid in in_siem
                  if facts(graph[uid], names) != facts(siem[uid], names)]
        self.assertEqual(differ[:3], [])
        print(f"the same alert in OCSF: {len(both)} via graph and the alerts API, {len(in_siem)} via graph and the SIEM "
              f"API, the same facts", flush=True)

    def test_stream_records_hostile_ones_included_are_valid_ocsf_events_of_their_tables_classes_each_once(self):
        work = tempfile.mkdtemp(prefix="defender-ocsf-stream-")
        self.addCleanup(shutil.rmtree, work, ignore_errors=True)
        output = os.path.join(work, "out.txt")
        # Half the rows carry hostile text (metacharacters, control characters, forged records, 4 KiB strings): each
        # still a valid event.
        with StreamSim(records=20_000, partitions=4, seed=31, hostile_rate=50) as sim:
            expected = sim.expected_keys()
            # Each line: the OCSF event, then the record as sent, which the simulator's ledger identifies.
            driver = stream_source(sim, connection_string_file(work), format="ocsf")
            syslog = SyslogNg(os.path.join(work, "syslog-ng"),
                              configuration(log_path("stream", driver,
                                                     file_destination(output, "${MESSAGE}\t${.defender.json}\n"))))
            self.addCleanup(syslog.stop)
            syslog.start()
            wait_until(lambda: len(complete_lines(output)) >= 20_000, 120, interval=0.5, what="20,000 OCSF events")
            time.sleep(2)
            lines = [line.split("\t", 1) for line in complete_lines(output)]
        pairs = [(json.loads(event), json.loads(record)) for event, record in lines]
        bad = [(n, p) for n, (event, _) in enumerate(pairs) for p in ocsf.problems(event)]
        self.assertEqual(bad[:5], [])
        self.assertEqual(collections.Counter(record_key(record) for _, record in pairs), expected)
        wrong_class = [(record["category"], event["class_uid"]) for event, record in pairs
                       if event["class_uid"] not in STREAM_CLASSES.get(record["category"].split("-", 1)[-1], {0})]
        self.assertEqual(wrong_class[:5], [])
        print(f"stream in ocsf: {len(pairs)} events, classes "
              f"{dict(collections.Counter(event['class_uid'] for event, _ in pairs))}", flush=True)


if __name__ == "__main__":
    unittest.main()

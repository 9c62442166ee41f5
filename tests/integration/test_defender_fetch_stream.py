"""defender-fetch stream-check against defender-stream-sim (librdkafka's mock cluster): a hub with records gives its
partitions, the first message's records and table as the simulator's ledger has them, and exit 0, as do hubs that
are assigned but empty; a hub the namespace does not have is named and fails with the options' exit status; Entra
ID credentials get a token from defender-sim first, and a wrong secret fails with the credential's exit status; an
option of microsoft-defender() and a missing credential are refused in syslog-ng's words."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib.simulator import Simulator  # noqa: E402
from lib.stream_rig import connection_string_file  # noqa: E402
from lib.stream_sim import StreamSim  # noqa: E402
from lib.syslogng import BUILD_DIR, write_secret  # noqa: E402

FETCH = str(BUILD_DIR / "bin" / "defender-fetch")
# defender-fetch(1), EXIT STATUS
OK, USAGE, CREDENTIAL = 0, 2, 3
# Plaintext for the mock; a short session so that the mock forms the check's group in seconds.
KAFKA_OPTIONS = ("--kafka-option", "security.protocol=plaintext", "--kafka-option", "session.timeout.ms=6000",
                 "--kafka-option", "heartbeat.interval.ms=500")
PARTITIONS = 4


def first_events(sim):
    """{(hub, partition): the records of the partition's first message}, from the ledger."""
    first = {}
    for entry in sim.ledger():
        if "key" not in entry:
            continue
        where = (entry["hub"], entry["partition"])
        event, records = first.get(where, (entry["event"], []))
        if entry["event"] < event:
            event, records = entry["event"], []
        if entry["event"] == event:
            records.append(entry)
        first[where] = (event, records)
    return {where: records for where, (event, records) in first.items()}


class DefenderFetchStreamCheckTest(unittest.TestCase):
    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="defender-fetch-stream-")
        self.addCleanup(shutil.rmtree, self.workdir, ignore_errors=True)
        self.secret = connection_string_file(self.workdir)

    def stream_check(self, *args):
        env = {k: v for k, v in os.environ.items() if k != "DEFENDER_CLIENT_SECRET"}
        return subprocess.run([FETCH, "stream-check", *args], capture_output=True, text=True, timeout=120, env=env)

    def against(self, sim, hub):
        return self.stream_check("--bootstrap-servers", sim.bootstrap_servers, "--event-hub", hub,
                                 "--connection-string-file", self.secret, "--timeout", "20", *KAFKA_OPTIONS)

    def test_a_hub_with_records_gives_its_partitions_and_the_first_messages_records_and_table(self):
        with StreamSim(records=2000, partitions=PARTITIONS, seed=21) as sim:
            result = self.against(sim, sim.hubs[0])
            firsts = first_events(sim)
        self.assertEqual(result.returncode, OK, result.stdout + result.stderr)
        out = result.stdout
        self.assertIn("connecting to %s as the connection string of %s (SASL PLAIN)"
                      % (sim.bootstrap_servers, self.secret), out)
        self.assertRegex(out, r"consumer group: defender-fetch-check-\d+ \(the check's own; nothing is committed\)")
        self.assertIn("partitions assigned: %d of hub %s" % (PARTITIONS, sim.hubs[0]), out)
        where = re.search(r"^first message: hub (\S+), partition (\d+), offset (\d+), (\d+) bytes$", out, re.M)
        self.assertIsNotNone(where, out)
        self.assertEqual(where.group(1), sim.hubs[0])
        self.assertEqual(where.group(3), "0")  # the earliest: the check's group has committed nothing
        records = firsts[(sim.hubs[0], int(where.group(2)))]
        self.assertIn("records in it: %d\n" % len(records), out)
        self.assertIn("first record: table %s\n" % records[0]["table"], out)
        self.assertIn("result: OK: a message was read; nothing was committed", out)

    def entra(self, stream_sim, entra_sim, secret):
        """stream-check with Entra ID app credentials from defender-sim (the mock cluster, in plaintext, asks for no
        token: the check's own token request is what is checked). defender-sim issues tokens for the Defender APIs'
        audiences only, so the token is asked for Graph's in place of the namespace's."""
        secret_file = write_secret(os.path.join(self.workdir, "app.secret"), secret + "\n")
        return self.stream_check("--audience", "https://graph.microsoft.com", "--bootstrap-servers",
                                 stream_sim.bootstrap_servers,
                                 "--event-hub", stream_sim.hubs[0], "--tenant-id", entra_sim.tenant, "--client-id",
                                 entra_sim.client_id, "--client-secret-file", secret_file, "--login-url",
                                 entra_sim.base_url, "--ca-file", entra_sim.ca_file, "--timeout", "20", *KAFKA_OPTIONS)

    def test_entra_id_credentials_get_a_token_first(self):
        with Simulator(alerts=1) as entra_sim, StreamSim(records=100, partitions=2, seed=24) as sim:
            result = self.entra(sim, entra_sim, entra_sim.client_secret)
        self.assertEqual(result.returncode, OK, result.stdout + result.stderr)
        self.assertIn("token: OK, for https://graph.microsoft.com\n", result.stdout)
        self.assertIn("connecting to %s as Entra ID app %s of tenant %s with its client-secret-file (SASL "
                      "OAUTHBEARER)\n" % (sim.bootstrap_servers, entra_sim.client_id, entra_sim.tenant),
                      result.stdout)
        self.assertIn("result: OK: a message was read; nothing was committed", result.stdout)

    def test_a_wrong_client_secret_fails_with_the_credential_status_before_connecting(self):
        wrong = "not-the-sim-secret-4712"
        with Simulator(alerts=1) as entra_sim, StreamSim(records=100, partitions=2, seed=25) as sim:
            result = self.entra(sim, entra_sim, wrong)
            token_url = entra_sim.token_url(2)
        self.assertEqual(result.returncode, CREDENTIAL, result.stdout + result.stderr)
        self.assertIn("token: FAILED (%s)\n" % token_url, result.stdout)
        self.assertIn("Entra ID refused the token request to %s (HTTP 401, AADSTS7000215: Invalid client secret "
                      "provided." % token_url, result.stderr)
        self.assertNotIn("connecting to", result.stdout)
        self.assertNotIn(wrong, result.stdout + result.stderr)

    def test_a_hub_the_namespace_does_not_have_is_named_and_fails_as_a_configuration_problem(self):
        # The mock cluster creates any hub a consumer subscribes to, unless told the hub is missing.
        with StreamSim(records=100, partitions=2, seed=22,
                       missing_hubs=["insights-logs-advancedhunting-nosuchtable"]) as sim:
            result = self.against(sim, "insights-logs-advancedhunting-nosuchtable")
        self.assertEqual(result.returncode, USAGE, result.stdout + result.stderr)
        self.assertIn("hub insights-logs-advancedhunting-nosuchtable does not exist in Event Hubs namespace %s: "
                      "check the hub's name (hubs Defender creates are named insights-logs-advancedhunting-<table>) "
                      "and that the Streaming API exports to this namespace (librdkafka: Subscribed topic not "
                      "available: insights-logs-advancedhunting-nosuchtable: Broker: Unknown topic or partition)\n"
                      % sim.bootstrap_servers, result.stderr)
        self.assertIn("result: FAILED: the problem is told on standard error", result.stdout)
        self.assertNotIn("first message", result.stdout)

    def test_hubs_assigned_but_empty_are_said_to_be_empty_and_succeed(self):
        with StreamSim(records=0, partitions=2, seed=23) as sim:
            result = self.against(sim, sim.hubs[0])
        self.assertEqual(result.returncode, OK, result.stdout + result.stderr)
        self.assertIn("partitions assigned: 2 of hub %s\n" % sim.hubs[0], result.stdout)
        self.assertIn("result: OK: the hubs are empty: no message within 20 s although 2 partitions were assigned",
                      result.stdout)
        self.assertNotIn("first message", result.stdout)

    def test_an_option_of_microsoft_defender_is_refused_with_the_driver_it_belongs_to(self):
        result = self.stream_check("--namespace", "contoso-defender", "--event-hub", "hub-a", "--api", "graph")
        self.assertEqual(result.returncode, USAGE)
        self.assertEqual(result.stdout, "")
        self.assertEqual(result.stderr, "defender-fetch: api() is an option of microsoft-defender(), not of "
                         "microsoft-defender-stream() (defender-fetch --help)\n")

    def test_no_credential_is_refused_with_the_options_check(self):
        result = self.stream_check("--namespace", "contoso-defender", "--event-hub", "hub-a", "--timeout", "20")
        self.assertEqual(result.returncode, USAGE)
        self.assertEqual(result.stdout, "")
        self.assertEqual(result.stderr,
                         "defender-fetch: a credential is required: connection-string-file(\"/etc/syslog-ng/"
                         "eventhubs.secret\") (a shared access policy's connection string), or tenant-id(), "
                         "client-id() and client-secret-file() or client-certificate() of an app with the Azure Event "
                         "Hubs Data Receiver role\n")


if __name__ == "__main__":
    unittest.main()

"""microsoft-defender-stream() against defender-stream-sim (librdkafka's mock cluster): the source's configuration,
its connection string file, and what a run delivered, by record key.

    with StreamSim(records=20_000, partitions=8) as sim:
        driver = stream_source(sim, connection_string_file(workdir), group="g1", format="json")
        ...
        delivered = delivered_keys(output)

The mock cluster serves neither SASL nor TLS: the source connects in plaintext (a kafka-option, with the warning it
brings), and the connection string is read, checked and handed to librdkafka, which does not use it there.
"""

import json
import os

from lib.config_builder import defender_source
from lib.stream_sim import record_key
from lib.syslogng import complete_lines, write_secret

CONNECTION_STRING = ("Endpoint=sb://mock-defender.servicebus.windows.net/;SharedAccessKeyName=listen;"
                     "SharedAccessKey=bW9jay1rZXk=")
# Plaintext for the mock; a short session so that the mock forms and re-forms groups in seconds, not half a minute.
TEST_KAFKA_OPTIONS = (("security.protocol", "plaintext"), ("session.timeout.ms", "6000"),
                      ("heartbeat.interval.ms", "500"))


def connection_string_file(workdir):
    return write_secret(os.path.join(workdir, "eventhubs.secret"), CONNECTION_STRING + "\n")


def stream_source(sim, secret_file, group="syslog-ng", kafka_options=TEST_KAFKA_OPTIONS, **options):
    """A microsoft-defender-stream() block reading every hub of `sim` in consumer group `group`; `options` follow
    (None leaves one out), e.g. format="json", tables=["AlertInfo"], log_iw_size=200."""
    settings = [("bootstrap-servers", sim.bootstrap_servers), ("event-hub", list(sim.hubs)),
                ("consumer-group", group), ("connection-string-file", secret_file)]
    settings += [("kafka-option", [name, value]) for name, value in kafka_options]
    settings += [(name.replace("_", "-"), value) for name, value in options.items()]
    return defender_source(settings, driver="microsoft-defender-stream")


def delivered_keys(path, torn=()):
    """The record key of each complete line of a format(json) output, in order; the lines numbered in `torn` (from 0)
    are not deliveries (lib.syslogng.end_torn_line)."""
    return [record_key(json.loads(line)) for n, line in enumerate(complete_lines(path)) if n not in torn]


def ledger_positions(sim):
    """{record key: (hub, partition, event, index)}: where each record sat, in the order a partition is read."""
    return {entry["key"]: (entry["hub"], entry["partition"], entry["event"], entry["index"])
            for entry in sim.ledger() if "key" in entry}


def partition_lags(syslog):
    """{(hub, partition): value} of the partition_lag statistics of a running syslog-ng's stream sources, whose
    instance is the source's persist name, the hub and the partition."""
    return {tuple(instance.rsplit(",", 2)[1:]): value
            for (component, _, instance, name), value in syslog.stats().items()
            if component.startswith("src.microsoft-defender-stream") and name == "partition_lag"}

"""The Streaming API baseline a syslog-ng 3.38 user would write today: a Python LogFetcher consuming the Event Hub's
Kafka endpoint with confluent_kafka, one message per record of each {"records": [...]} body. Used only by
bench/stream_e2e.py to compare against microsoft-defender-stream().

Like most such scripts it commits offsets automatically (librdkafka's default), so a record can be lost or sent
twice across a restart; it does less work than the module, which commits only what the destinations acknowledged."""

import json

from confluent_kafka import Consumer, KafkaError
from syslogng import LogFetcher, LogMessage


class StreamFetcher(LogFetcher):
    def init(self, options):
        self.settings = {
            "bootstrap.servers": options["bootstrap_servers"],
            "group.id": options["group"],
            "auto.offset.reset": "earliest",
            "security.protocol": options.get("security_protocol", "sasl_ssl"),
        }
        if self.settings["security.protocol"] != "plaintext":
            self.settings.update({"sasl.mechanism": "PLAIN", "sasl.username": "$ConnectionString",
                                  "sasl.password": options["connection_string"]})
        self.topic = options["event_hub"]
        self.consumer = None
        self.buffer = []
        return True

    def open(self):
        self.consumer = Consumer(self.settings)
        self.consumer.subscribe([self.topic])
        return True

    def close(self):
        if self.consumer is not None:
            self.consumer.close()
            self.consumer = None

    def fetch(self):
        if not self.buffer:
            message = self.consumer.poll(1.0)
            if message is None:
                return LogFetcher.FETCH_TRY_AGAIN, None
            if message.error():
                if message.error().code() == KafkaError._PARTITION_EOF:
                    return LogFetcher.FETCH_TRY_AGAIN, None
                return LogFetcher.FETCH_ERROR, None
            try:
                records = json.loads(message.value())["records"]
            except (ValueError, KeyError, TypeError):
                return LogFetcher.FETCH_TRY_AGAIN, None
            if not isinstance(records, list):
                return LogFetcher.FETCH_TRY_AGAIN, None
            records.reverse()
            self.buffer = records
            if not self.buffer:
                return LogFetcher.FETCH_TRY_AGAIN, None
        return LogFetcher.FETCH_SUCCESS, LogMessage(json.dumps(self.buffer.pop()))

"""Start, read and stop defender-stream-sim, the Streaming API's stand-in, for the tests (Python 3 standard library
only).

    from lib.stream_sim import StreamSim, record_key
    with StreamSim(records=3000, partitions=4, seed=7, malformed_every=50) as sim:
        ... point microsoft-defender-stream() at sim.bootstrap_servers, hubs sim.hubs ...
        delivered = collections.Counter(record_key(json.loads(line)) for line in output)
        assert delivered == sim.expected_keys()

The simulator is librdkafka's mock Kafka cluster on 127.0.0.1 (plaintext, no authentication: a consumer needs
security.protocol=plaintext). Every hub is filled before the simulator says it is ready, and its ledger says where
each record and each malformed body went. The binary is $DEFENDER_BUILD_DIR/bin/defender-stream-sim.
"""

import collections
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time

DEFAULT_HUB = "insights-logs-advancedhunting"
# Every table the simulator writes, as --tables names them; the last is one the module's mapping does not list.
TABLES = ("DeviceProcessEvents", "DeviceNetworkEvents", "DeviceFileEvents", "DeviceRegistryEvents",
          "DeviceLogonEvents", "DeviceImageLoadEvents", "DeviceEvents", "DeviceFileCertificateInfo", "DeviceInfo",
          "DeviceNetworkInfo", "AlertInfo", "AlertEvidence", "EmailEvents", "EmailAttachmentInfo", "EmailUrlInfo",
          "EmailPostDeliveryEvents", "UrlClickEvents", "IdentityLogonEvents", "IdentityQueryEvents",
          "IdentityDirectoryEvents", "CloudAppEvents", "ExposureGraphNodes")
UNKNOWN_TABLE = "ExposureGraphNodes"
MALFORMED_KINDS = ("not-json", "no-records", "records-not-array", "truncated", "invalid-utf8")


def record_key(record):
    """What tells a generated record apart: "<category>|<properties.Timestamp>", from the record as the module writes
    it in JSON (the record's own keys, as Defender sent them). The simulator's ledger uses the same key."""
    return "%s|%s" % (record["category"], record["properties"]["Timestamp"])


def marker_in(data, marker):
    """Whether `data` (bytes or text) holds the malformed body's marker, "malformed-12" and not "malformed-123"."""
    if isinstance(data, (bytes, bytearray)):
        return re.search(re.escape(marker.encode()) + rb"(?!\d)", data) is not None
    return re.search(re.escape(marker) + r"(?!\d)", data) is not None


def hub_of_table(table):
    return "%s-%s" % (DEFAULT_HUB, table.lower())


def binary_path():
    build = os.environ.get("DEFENDER_BUILD_DIR")
    if not build:
        raise RuntimeError("DEFENDER_BUILD_DIR is not set (the CMake build directory)")
    return os.path.join(build, "bin", "defender-stream-sim")


class StreamSim:
    def __init__(self, records=1000, partitions=8, seed=1, tables=None, malformed_every=0, hubs=None,
                 hub_per_table=False, brokers=1, hostile_rate=None, max_records_per_event=None, compression=None,
                 tenant_id=None, missing_hubs=(), binary=None, extra_args=()):
        self.workdir = tempfile.mkdtemp(prefix="defender-stream-sim-")
        self.ready_file = os.path.join(self.workdir, "ready")
        self.ledger_file = os.path.join(self.workdir, "ledger.jsonl")
        self.log_file = os.path.join(self.workdir, "sim.log")
        self.binary = binary or binary_path()
        self.tables = list(tables) if tables else list(TABLES)
        if hub_per_table:
            self.hubs = [hub_of_table(t) for t in self.tables]
        else:
            self.hubs = list(hubs) if hubs else [DEFAULT_HUB]
        args = [self.binary, "--ready-file", self.ready_file, "--ledger", self.ledger_file, "--records", str(records),
                "--partitions", str(partitions), "--seed", str(seed), "--brokers", str(brokers)]
        if tables:
            args += ["--tables", ",".join(tables)]
        if malformed_every:
            args += ["--malformed-every", str(malformed_every)]
        if missing_hubs:  # hubs the broker says do not exist; the mock cluster creates any other hub asked for
            args += ["--missing-hubs", ",".join(missing_hubs)]
        if hub_per_table:
            args.append("--hub-per-table")
        elif hubs:
            args += ["--hubs", ",".join(hubs)]
        optional = (("--hostile-rate", hostile_rate), ("--max-records-per-event", max_records_per_event),
                    ("--compression", compression), ("--tenant-id", tenant_id))
        for switch, value in optional:
            if value is not None:
                args += [switch, str(value)]
        self.args = args + list(extra_args)
        self.process = None
        self.bootstrap_servers = None
        self._ledger = None

    # -- lifecycle ---------------------------------------------------------------------------------------------
    def start(self, timeout=60):
        self._log = open(self.log_file, "wb")
        self.process = subprocess.Popen(self.args, stdout=self._log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if os.path.exists(self.ready_file):
                with open(self.ready_file) as f:
                    self.bootstrap_servers = f.read().strip()
                return self
            if self.process.poll() is not None:
                code = self.stop()
                raise RuntimeError("defender-stream-sim exited with %s: %s" % (code, self.log()))
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("defender-stream-sim was not ready in %ss: %s" % (timeout, self.log()))

    def stop(self, timeout=10):
        """SIGTERM, wait, SIGKILL after `timeout`; returns the exit code."""
        code = None
        if self.process is not None:
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGTERM)
                try:
                    self.process.wait(timeout)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
            code = self.process.returncode
            self.process = None
            self._log.close()
        return code

    def cleanup(self):
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.cleanup()
            raise

    def __exit__(self, *exc):
        self.stop()
        self.cleanup()

    def log(self):
        try:
            with open(self.log_file, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    # -- the ledger --------------------------------------------------------------------------------------------
    def ledger(self):
        """Every line of the ledger, in the order the events were sent: {"key", "table", "hub", "partition",
        "event", "index"} per record, {"malformed", "kind", "hub", "partition", "event"} per malformed body."""
        if self._ledger is None:
            with open(self.ledger_file) as f:
                self._ledger = [json.loads(line) for line in f]
        return self._ledger

    def expected_keys(self):
        """collections.Counter of record_key over every record sent: what a complete delivery gives, each once."""
        return collections.Counter(entry["key"] for entry in self.ledger() if "key" in entry)

    def malformed_markers(self):
        """The markers of the malformed bodies sent, in the order sent ("malformed-1", ...)."""
        return [entry["malformed"] for entry in self.ledger() if "malformed" in entry]

    # -- reading a hub back ------------------------------------------------------------------------------------
    def dump(self, hub, timeout=60):
        """Every message of `hub` as (partition, offset, body bytes), read with defender-stream-sim --dump."""
        result = subprocess.run([self.binary, "--dump", "--bootstrap-servers", self.bootstrap_servers, "--hub", hub,
                                 "--timeout", str(timeout)], capture_output=True, timeout=timeout + 30, check=False)
        if result.returncode != 0:
            raise RuntimeError("defender-stream-sim --dump %s exited with %s: %s"
                               % (hub, result.returncode, result.stderr.decode("utf-8", "replace")))
        messages = []
        for line in result.stdout.split(b"\n")[:-1]:
            partition, offset, body = line.split(b"\t", 2)
            messages.append((int(partition), int(offset), body))
        return messages

"""An OCSF 1.8.0 event checker for what format(ocsf) writes, written from the schema's facts for the classes and
objects the module uses: the base event (0), Detection Finding (2004) and Incident Finding (2005), and for stream
records Process Activity (1007), File System Activity (1001), Module Activity (1005), the Windows extension's Registry
Key and Registry Value Activity (201001, 201002), Authentication (3002), Network Activity (4001), Email Activity
(4009) and Device Inventory Info (5001): their required attributes and constraints, the types of the attributes
(IP addresses, ports, e-mail addresses by the schema's own rules), the enumerations' values (each id with its caption,
and a word of the source's own for 99 Other), type_uid = class_uid * 100 + activity_id, the category of each class,
the host profile named when its attributes are used, and the objects' own requirements. problems(event) lists what
is wrong; an event the module writes must have none."""

import ipaddress
import re

VERSION = "1.8.0"

SEVERITY = {0: "Unknown", 1: "Informational", 2: "Low", 3: "Medium", 4: "High", 5: "Critical", 6: "Fatal"}
FINDING_ACTIVITY = {0: "Unknown", 1: "Create", 2: "Update", 3: "Close"}
VERDICT = {0: "Unknown", 1: "False Positive", 2: "True Positive", 3: "Disregard", 4: "Suspicious", 5: "Benign",
           6: "Test", 7: "Insufficient Data", 8: "Security Risk", 9: "Managed Externally", 10: "Duplicate"}
PRIORITY = {0: "Unknown", 1: "Low", 2: "Medium", 3: "High", 4: "Critical"}
OBSERVABLE_TYPES = {0: "Unknown", 1: "Hostname", 2: "IP Address", 3: "MAC Address", 4: "User Name",
                    5: "Email Address", 6: "URL String", 7: "File Name", 8: "Hash", 9: "Process Name",
                    11: "Port", 13: "Command Line", 21: "User", 22: "Email", 23: "URL", 24: "File", 25: "Process",
                    30: "Fingerprint", 47: "Device UID"}
FINGERPRINT_ALGORITHMS = {0: "Unknown", 1: "MD5", 2: "SHA-1", 3: "SHA-256", 4: "SHA-512", 5: "CTPH", 6: "TLSH",
                          7: "quickXorHash"}
FILE_TYPES = {0: "Unknown", 1: "Regular File", 2: "Folder", 3: "Character Device", 4: "Block Device",
              5: "Local Socket", 6: "Named Pipe", 7: "Symbolic Link", 8: "Executable File"}
DEVICE_TYPES = {0: "Unknown", 1: "Server", 2: "Desktop", 3: "Laptop", 4: "Tablet", 5: "Mobile", 6: "Virtual",
                7: "IOT", 8: "Browser", 9: "Firewall", 10: "Switch", 11: "Hub", 12: "Router", 13: "IDS", 14: "IPS",
                15: "Load Balancer"}
ANALYTIC_TYPES = {0: "Unknown", 1: "Rule", 2: "Behavioral", 3: "Statistical", 4: "Learning (ML/DL)",
                  5: "Fingerprinting", 6: "Tagging", 7: "Keyword Match", 8: "Regular Expressions",
                  9: "Exact Data Match", 10: "Partial Data Match", 11: "Indexed Data Match"}
CATEGORIES = {0: "Uncategorized", 1: "System Activity", 2: "Findings", 3: "Identity & Access Management",
              4: "Network Activity", 5: "Discovery", 6: "Application Activity"}
STATUS = {0: "Unknown", 1: "Success", 2: "Failure"}
OS_TYPES = {0: "Unknown", 100: "Windows", 101: "Windows Mobile", 200: "Linux", 201: "Android", 300: "macOS",
            301: "iOS", 302: "iPadOS", 400: "Solaris", 401: "AIX", 402: "HP-UX"}
INTEGRITY = {0: "Unknown", 1: "Untrusted", 2: "Low", 3: "Medium", 4: "High", 5: "System", 6: "Protected"}
LOGON_TYPES = {0: "Unknown", 1: "System", 2: "Interactive", 3: "Network", 4: "Batch", 5: "OS Service",
               7: "Unlock", 8: "Network Cleartext", 9: "New Credentials", 10: "Remote Interactive",
               11: "Cached Interactive", 12: "Cached Remote Interactive", 13: "Cached Unlock"}
AUTH_PROTOCOLS = {0: "Unknown", 1: "NTLM", 2: "Kerberos", 3: "Digest", 4: "OpenID", 5: "SAML", 6: "OAUTH 2.0",
                  7: "PAP", 8: "CHAP", 9: "EAP", 10: "RADIUS", 11: "Basic Authentication", 12: "LDAP"}
EMAIL_DIRECTIONS = {0: "Unknown", 1: "Inbound", 2: "Outbound", 3: "Internal"}
LOAD_TYPES = {0: "Unknown", 1: "Standard", 2: "Non Standard", 3: "ShellCode", 4: "Mapped", 5: "NonStandard Backed"}
REG_VALUE_TYPES = {0: "Unknown", 1: "REG_BINARY", 2: "REG_DWORD", 3: "REG_DWORD_BIG_ENDIAN", 4: "REG_EXPAND_SZ",
                   5: "REG_LINK", 6: "REG_MULTI_SZ", 7: "REG_NONE", 8: "REG_QWORD", 9: "REG_QWORD_LITTLE_ENDIAN",
                   10: "REG_SZ"}
EMAIL_T = re.compile(r"^[a-zA-Z0-9!#$%&'*+-/=?^_`{|}~.]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+$")
ENDPOINT_IDS = {"ip", "uid", "name", "hostname", "svc_name", "instance_uid", "interface_uid", "interface_name",
                "domain"}
# Attributes the host profile adds to classes that do not have them of their own.
HOST_PROFILE = {"device", "actor"}
PROFILES = {"host", "security_control", "incident", "cloud", "datetime", "osint", "container", "linux_users"}

BASE = {"activity_id", "activity_name", "category_uid", "category_name", "class_uid", "class_name", "type_uid",
        "type_name", "time", "severity_id", "severity", "status_id", "status", "status_code", "status_detail",
        "message", "metadata", "observables", "unmapped", "raw_data", "timezone_offset", "count", "duration",
        "start_time", "end_time", "enrichments"}

SYSTEM = BASE | {"actor", "device"}
NETWORK = BASE | {"src_endpoint", "dst_endpoint", "connection_info", "traffic", "proxy", "app_name", "tls",
                  "observation_point_id", "observation_point"}

CLASSES = {
    0: {
        "name": "Base Event",
        "category": 0,
        "status": {0: "Unknown", 1: "Success", 2: "Failure"},
        "required": {"activity_id", "category_uid", "class_uid", "metadata", "severity_id", "time", "type_uid"},
        "attributes": BASE,
        "activities": {0: "Unknown"},
    },
    2004: {
        "name": "Detection Finding",
        "category": 2,
        "host_profile": HOST_PROFILE,
        "status": {0: "Unknown", 1: "New", 2: "In Progress", 3: "Suppressed", 4: "Resolved", 5: "Archived",
                   6: "Deleted"},
        "required": {"activity_id", "category_uid", "class_uid", "finding_info", "metadata", "severity_id", "time",
                     "type_uid"},
        "attributes": BASE | {"finding_info", "confidence_id", "confidence", "confidence_score", "is_alert",
                              "evidences", "resources", "vulnerabilities", "malware", "remediation",
                              "risk_level_id", "risk_level", "risk_score", "device", "actor", "action_id", "action",
                              "disposition_id", "disposition", "priority_id", "priority", "src_url", "verdict_id",
                              "verdict", "impact_id", "impact", "impact_score", "anomaly_analyses"},
    },
    2005: {
        "name": "Incident Finding",
        "category": 2,
        "status": {0: "Unknown", 1: "New", 2: "In Progress", 3: "On Hold", 4: "Resolved", 5: "Closed"},
        "required": {"activity_id", "category_uid", "class_uid", "finding_info_list", "metadata", "severity_id",
                     "status_id", "time", "type_uid"},
        "attributes": BASE | {"finding_info_list", "desc", "assignee", "assignee_group", "attacks", "comment",
                              "confidence_id", "confidence", "confidence_score", "impact_id", "impact",
                              "impact_score", "is_suspected_breach", "priority_id", "priority", "src_url",
                              "tickets", "verdict_id", "verdict", "device", "is_alert"},
    },
    1007: {
        "name": "Process Activity",
        "category": 1,
        "status": STATUS,
        "required": {"activity_id", "category_uid", "class_uid", "metadata", "severity_id", "time", "type_uid",
                     "actor", "device", "process"},
        "attributes": SYSTEM | {"process", "module", "exit_code", "injection_type_id", "injection_type",
                                "launch_type_id", "launch_type", "actual_permissions", "requested_permissions"},
        "activities": {0: "Unknown", 1: "Launch", 2: "Terminate", 3: "Open", 4: "Inject", 5: "Set User ID"},
    },
    1001: {
        "name": "File System Activity",
        "category": 1,
        "status": STATUS,
        "required": {"activity_id", "category_uid", "class_uid", "metadata", "severity_id", "time", "type_uid",
                     "actor", "device", "file"},
        "attributes": SYSTEM | {"file", "file_result", "file_diff", "component", "create_mask", "access_mask",
                                "connection_uid"},
        "activities": {0: "Unknown", 1: "Create", 2: "Read", 3: "Update", 4: "Delete", 5: "Rename",
                       6: "Set Attributes", 7: "Set Security", 8: "Get Attributes", 9: "Get Security",
                       10: "Encrypt", 11: "Decrypt", 12: "Mount", 13: "Unmount", 14: "Open"},
    },
    1005: {
        "name": "Module Activity",
        "category": 1,
        "status": STATUS,
        "required": {"activity_id", "category_uid", "class_uid", "metadata", "severity_id", "time", "type_uid",
                     "actor", "device", "module"},
        "attributes": SYSTEM | {"module"},
        "activities": {0: "Unknown", 1: "Load", 2: "Unload", 3: "Invoke"},
    },
    # The Windows extension (uid 2): class uid (2 * 100 + 1) * 1000 + n, in the System Activity category.
    201001: {
        "name": "Registry Key Activity",
        "category": 1,
        "status": STATUS,
        "required": {"activity_id", "category_uid", "class_uid", "metadata", "severity_id", "time", "type_uid",
                     "actor", "device", "reg_key"},
        "attributes": SYSTEM | {"reg_key", "prev_reg_key", "access_mask", "create_mask", "open_mask"},
        "activities": {0: "Unknown", 1: "Create", 2: "Read", 3: "Modify", 4: "Delete", 5: "Rename",
                       6: "Set Security", 7: "Restore", 8: "Import", 9: "Export"},
    },
    201002: {
        "name": "Registry Value Activity",
        "category": 1,
        "status": STATUS,
        "required": {"activity_id", "category_uid", "class_uid", "metadata", "severity_id", "time", "type_uid",
                     "actor", "device", "reg_value"},
        "attributes": SYSTEM | {"reg_value", "prev_reg_value"},
        "activities": {0: "Unknown", 1: "Get", 2: "Set", 3: "Modify", 4: "Delete"},
    },
    3002: {
        "name": "Authentication",
        "category": 3,
        "status": STATUS,
        "required": {"activity_id", "category_uid", "class_uid", "metadata", "severity_id", "time", "type_uid",
                     "user"},
        "at_least_one": ("service", "dst_endpoint"),
        "host_profile": {"device"},
        "attributes": BASE | {"user", "actor", "src_endpoint", "dst_endpoint", "service", "session", "logon_type_id",
                              "logon_type", "auth_protocol_id", "auth_protocol", "is_remote", "is_mfa",
                              "is_new_logon", "is_cleartext", "logon_process", "certificate", "auth_factors",
                              "authentication_token", "account_switch_type_id", "account_switch_type",
                              "http_request", "http_response", "device"},
        "activities": {0: "Unknown", 1: "Logon", 2: "Logoff", 3: "Authentication Ticket",
                       4: "Service Ticket Request", 5: "Service Ticket Renew", 6: "Preauth", 7: "Account Switch"},
    },
    4001: {
        "name": "Network Activity",
        "category": 4,
        "status": STATUS,
        "required": {"activity_id", "category_uid", "class_uid", "metadata", "severity_id", "time", "type_uid"},
        "at_least_one": ("src_endpoint", "dst_endpoint"),
        "host_profile": HOST_PROFILE,
        "attributes": NETWORK | {"url", "is_src_dst_assignment_known", "device", "actor"},
        "activities": {0: "Unknown", 1: "Open", 2: "Close", 3: "Reset", 4: "Fail", 5: "Refuse", 6: "Traffic",
                       7: "Listen"},
    },
    4009: {
        "name": "Email Activity",
        "category": 4,
        "status": STATUS,
        "required": {"activity_id", "category_uid", "class_uid", "metadata", "severity_id", "time", "type_uid",
                     "email", "direction_id"},
        "host_profile": HOST_PROFILE,
        "attributes": BASE | {"email", "direction_id", "direction", "src_endpoint", "dst_endpoint", "email_auth",
                              "from", "to", "message_trace_uid", "protocol_name", "smtp_hello", "command",
                              "attempt", "banner", "device", "actor"},
        "activities": {0: "Unknown", 1: "Send", 2: "Receive", 3: "Scan", 4: "Trace", 5: "MTA Relay"},
    },
    5001: {
        "name": "Device Inventory Info",
        "category": 5,
        "status": STATUS,
        "required": {"activity_id", "category_uid", "class_uid", "metadata", "severity_id", "time", "type_uid",
                     "device"},
        "attributes": BASE | {"device", "actor"},
        "activities": {0: "Unknown", 1: "Log", 2: "Collect"},
    },
}

EVIDENCE_ARTIFACTS = {"actor", "api", "connection_info", "container", "data", "database", "databucket", "device",
                      "dst_endpoint", "email", "file", "job", "process", "query", "reg_key", "reg_value",
                      "resources", "script", "src_endpoint", "url", "user", "name", "uid", "verdict_id",
                      "verdict"}


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


class _Check:
    def __init__(self):
        self.found = []

    def fail(self, path, what):
        self.found.append(f"{path}: {what}")

    def string(self, obj, name, path, required=False):
        if name not in obj:
            if required:
                self.fail(path, f"{name} is required")
            return
        if not isinstance(obj[name], str) or obj[name] == "":
            self.fail(f"{path}.{name}", "must be a non-empty string")

    def integer(self, obj, name, path, required=False):
        if name not in obj:
            if required:
                self.fail(path, f"{name} is required")
            return
        if not _is_int(obj[name]):
            self.fail(f"{path}.{name}", "must be an integer")

    def strings(self, obj, name, path):
        if name in obj and (not isinstance(obj[name], list) or not obj[name]
                            or not all(isinstance(s, str) and s for s in obj[name])):
            self.fail(f"{path}.{name}", "must be a non-empty array of non-empty strings")

    def enum(self, obj, id_name, caption_name, values, path, required=False):
        """An enumeration: its id among the schema's values or 99, its caption the schema's (or the source's word
        for 99 Other)."""
        if id_name not in obj:
            if required:
                self.fail(path, f"{id_name} is required")
            if caption_name in obj:
                self.fail(path, f"{caption_name} without {id_name}")
            return
        value = obj[id_name]
        if not _is_int(value) or (value not in values and value != 99):
            self.fail(f"{path}.{id_name}", f"{value!r} is not one of the schema's values")
            return
        caption = obj.get(caption_name)
        if value == 99:
            if not isinstance(caption, str) or not caption:
                self.fail(f"{path}.{caption_name}", "99 Other needs the source's own word")
        elif caption is not None and caption != values[value]:
            self.fail(f"{path}.{caption_name}", f"{caption!r} is not the caption of {value} ({values[value]!r})")

    def obj(self, parent, name, path, required=False):
        if name not in parent:
            if required:
                self.fail(path, f"{name} is required")
            return None
        if not isinstance(parent[name], dict):
            self.fail(f"{path}.{name}", "must be an object")
            return None
        return parent[name]

    def objects(self, parent, name, path):
        if name not in parent:
            return []
        items = parent[name]
        if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
            self.fail(f"{path}.{name}", "must be a non-empty array of objects")
            return []
        return items

    def times(self, obj, path, names):
        for name in names:
            self.integer(obj, name, path)

    # -- objects ---------------------------------------------------------------------------------------------------

    def metadata(self, event):
        metadata = self.obj(event, "metadata", "event", required=True)
        if metadata is None:
            return
        if metadata.get("version") != VERSION:
            self.fail("metadata.version", f"must be {VERSION}")
        product = self.obj(metadata, "product", "metadata", required=True)
        if product is not None:
            self.string(product, "name", "metadata.product")
            self.string(product, "vendor_name", "metadata.product")
        for name in ("uid", "original_time", "log_provider", "tenant_uid", "log_name", "event_code"):
            self.string(metadata, name, "metadata")
        if "profiles" in metadata:
            self.strings(metadata, "profiles", "metadata")
            for profile in metadata.get("profiles") or []:
                if profile not in PROFILES:
                    self.fail("metadata.profiles", f"unknown profile {profile!r}")

    def attacks(self, items, path):
        for n, attack in enumerate(items):
            here = f"{path}[{n}]"
            parts = [p for p in ("tactic", "technique", "sub_technique") if p in attack]
            if not parts:
                self.fail(here, "needs at least one of tactic, technique, sub_technique")
            for part in parts:
                inner = self.obj(attack, part, here)
                if inner is not None and "uid" not in inner and "name" not in inner:
                    self.fail(f"{here}.{part}", "needs uid or name")
                if inner is not None:
                    self.string(inner, "uid", f"{here}.{part}")
                    uid = inner.get("uid", "")
                    if part == "technique" and not re.fullmatch(r"T\d{4}", uid):
                        self.fail(f"{here}.{part}.uid", f"{uid!r} is not a technique id")
                    if part == "sub_technique" and not re.fullmatch(r"T\d{4}\.\d{3}", uid):
                        self.fail(f"{here}.{part}.uid", f"{uid!r} is not a sub-technique id")

    def finding_info(self, info, path):
        self.string(info, "uid", path, required=True)
        for name in ("uid_alt", "title", "desc", "src_url"):
            self.string(info, name, path)
        self.strings(info, "types", path)
        self.times(info, path, ("created_time", "modified_time", "first_seen_time", "last_seen_time"))
        analytic = self.obj(info, "analytic", path)
        if analytic is not None:
            self.enum(analytic, "type_id", "type", ANALYTIC_TYPES, f"{path}.analytic", required=True)
            self.string(analytic, "uid", f"{path}.analytic")
            self.string(analytic, "name", f"{path}.analytic")
        self.attacks(self.objects(info, "attacks", path), f"{path}.attacks")
        for n, related in enumerate(self.objects(info, "related_events", path)):
            self.string(related, "uid", f"{path}.related_events[{n}]", required=True)

    def device(self, device, path):
        # A device is an endpoint, and takes its constraint.
        if not set(device) & ENDPOINT_IDS:
            self.fail(path, "a device needs an ip, uid, name, hostname or the like")
        self.enum(device, "type_id", "type", DEVICE_TYPES, path, required=True)
        for name in ("hostname", "uid", "domain", "name", "model", "vendor_name"):
            self.string(device, name, path)
        self.ip(device, "ip", path)
        for n, group in enumerate(self.objects(device, "groups", path)):
            if not ("name" in group or "uid" in group):
                self.fail(f"{path}.groups[{n}]", "a group needs name or uid")
            self.string(group, "name", f"{path}.groups[{n}]")
        if (os := self.obj(device, "os", path)) is not None:
            self.string(os, "name", f"{path}.os", required=True)
            self.enum(os, "type_id", "type", OS_TYPES, f"{path}.os", required=True)
            for name in ("version", "build"):
                self.string(os, name, f"{path}.os")

    def ip(self, obj, name, path):
        """ip_t: an IPv4 or IPv6 address of at most 40 characters."""
        if name not in obj:
            return
        value = obj[name]
        try:
            valid = isinstance(value, str) and len(value) <= 40 and ipaddress.ip_address(value) is not None
        except ValueError:
            valid = False
        if not valid:
            self.fail(f"{path}.{name}", f"{value!r} is not an IP address")

    def port(self, obj, name, path):
        """port_t: an integer from 0 to 65535."""
        if name in obj and not (_is_int(obj[name]) and 0 <= obj[name] <= 65535):
            self.fail(f"{path}.{name}", f"{obj[name]!r} is not a port")

    def email_address(self, value, path):
        if not isinstance(value, str) or not EMAIL_T.match(value):
            self.fail(path, f"{value!r} is not an e-mail address")

    def endpoint(self, endpoint, path):
        if not set(endpoint) & ENDPOINT_IDS:
            self.fail(path, "needs an ip, uid, name, hostname or the like")
        for name in ("uid", "name", "hostname", "svc_name", "domain"):
            self.string(endpoint, name, path)
        self.ip(endpoint, "ip", path)
        self.port(endpoint, "port", path)

    def process(self, process, path):
        if not any(name in process for name in ("pid", "uid", "cpid")):
            self.fail(path, "a process needs at least one of pid, uid, cpid")
        self.integer(process, "pid", path)
        for name in ("uid", "name", "cmd_line"):
            self.string(process, name, path)
        self.times(process, path, ("created_time",))
        self.enum(process, "integrity_id", "integrity", INTEGRITY, path)
        if (file := self.obj(process, "file", path)) is not None:
            self.file(file, f"{path}.file")
        if (user := self.obj(process, "user", path)) is not None:
            self.user(user, f"{path}.user")
        if (parent := self.obj(process, "parent_process", path)) is not None:
            self.process(parent, f"{path}.parent_process")

    def actor(self, actor, path):
        if not set(actor) & {"process", "user", "invoked_by", "session", "app_name", "app_uid"}:
            self.fail(path, "an actor needs at least one of process, user, invoked_by, session, app_name, app_uid")
        if (process := self.obj(actor, "process", path)) is not None:
            self.process(process, f"{path}.process")
        if (user := self.obj(actor, "user", path)) is not None:
            self.user(user, f"{path}.user")

    def url(self, url, path):
        if not ("url_string" in url or "path" in url):
            self.fail(path, "needs url_string or path")
        self.string(url, "url_string", path)

    def email(self, email, path):
        if "from" not in email and "to" not in email:
            self.fail(path, "an email needs from or to")
        for name in ("from", "smtp_from"):
            if name in email:
                self.email_address(email[name], f"{path}.{name}")
        if "to" in email:
            if not isinstance(email["to"], list) or not email["to"]:
                self.fail(f"{path}.to", "must be a non-empty array of e-mail addresses")
            else:
                for n, address in enumerate(email["to"]):
                    self.email_address(address, f"{path}.to[{n}]")
        for name in ("subject", "message_uid", "uid"):
            self.string(email, name, path)

    def file(self, file, path):
        self.string(file, "name", path, required=True)
        self.enum(file, "type_id", "type", FILE_TYPES, path, required=True)
        self.string(file, "path", path)
        self.integer(file, "size", path)
        for n, fingerprint in enumerate(self.objects(file, "hashes", path)):
            here = f"{path}.hashes[{n}]"
            self.enum(fingerprint, "algorithm_id", "algorithm", FINGERPRINT_ALGORITHMS, here, required=True)
            self.string(fingerprint, "value", here, required=True)

    def user(self, user, path):
        if not any(name in user for name in ("account", "name", "uid")):
            self.fail(path, "a user needs at least one of account, name, uid")
        for name in ("name", "uid", "uid_alt", "domain", "email_addr"):
            self.string(user, name, path)

    def evidences(self, event):
        for n, evidence in enumerate(self.objects(event, "evidences", "event")):
            here = f"evidences[{n}]"
            if not set(evidence) & (EVIDENCE_ARTIFACTS - {"name", "uid", "verdict_id", "verdict"}):
                self.fail(here, "needs at least one artefact")
            for name in evidence:
                if name not in EVIDENCE_ARTIFACTS:
                    self.fail(here, f"unknown artefact {name!r}")
            if (device := self.obj(evidence, "device", here)) is not None:
                self.device(device, f"{here}.device")
            if (file := self.obj(evidence, "file", here)) is not None:
                self.file(file, f"{here}.file")
            if (user := self.obj(evidence, "user", here)) is not None:
                self.user(user, f"{here}.user")
            if (url := self.obj(evidence, "url", here)) is not None:
                self.url(url, f"{here}.url")
            for endpoint in ("src_endpoint", "dst_endpoint"):
                if (e := self.obj(evidence, endpoint, here)) is not None:
                    self.endpoint(e, f"{here}.{endpoint}")

    def observables(self, event):
        for n, observable in enumerate(self.objects(event, "observables", "event")):
            here = f"observables[{n}]"
            self.string(observable, "name", here, required=True)
            self.enum(observable, "type_id", "type", OBSERVABLE_TYPES, here, required=True)
            self.string(observable, "value", here)

    # -- the event -------------------------------------------------------------------------------------------------

    def objects_of(self, event):
        """The objects an event of any class may carry, each checked against its own definition."""
        if (actor := self.obj(event, "actor", "event")) is not None:
            self.actor(actor, "actor")
        if (device := self.obj(event, "device", "event")) is not None:
            self.device(device, "device")
        if (process := self.obj(event, "process", "event")) is not None:
            self.process(process, "process")
        if (file := self.obj(event, "file", "event")) is not None:
            self.file(file, "file")
        if (user := self.obj(event, "user", "event")) is not None:
            self.user(user, "user")
        for name in ("src_endpoint", "dst_endpoint"):
            if (endpoint := self.obj(event, name, "event")) is not None:
                self.endpoint(endpoint, name)
        if (url := self.obj(event, "url", "event")) is not None:
            self.url(url, "url")
        if (service := self.obj(event, "service", "event")) is not None and not ("name" in service
                                                                                  or "uid" in service):
            self.fail("service", "a service needs name or uid")
        if (module := self.obj(event, "module", "event")) is not None:
            if "load_type_id" not in module and "function_name" not in module:
                self.fail("module", "a module needs load_type_id or function_name")
            self.enum(module, "load_type_id", "load_type", LOAD_TYPES, "module")
            if (file := self.obj(module, "file", "module")) is not None:
                self.file(file, "module.file")
        for name in ("reg_key", "prev_reg_key"):
            if (key := self.obj(event, name, "event")) is not None:
                self.string(key, "path", name, required=True)
        if (value := self.obj(event, "reg_value", "event")) is not None:
            self.string(value, "path", "reg_value", required=True)
            self.string(value, "name", "reg_value", required=True)
            self.enum(value, "type_id", "type", REG_VALUE_TYPES, "reg_value")
        if (email := self.obj(event, "email", "event")) is not None:
            self.email(email, "email")
        self.enum(event, "direction_id", "direction", EMAIL_DIRECTIONS, "event")
        self.enum(event, "logon_type_id", "logon_type", LOGON_TYPES, "event")
        self.enum(event, "auth_protocol_id", "auth_protocol", AUTH_PROTOCOLS, "event")
        self.string(event, "status_detail", "event")

    def event(self, event):
        if not isinstance(event, dict):
            self.fail("event", "must be an object")
            return
        class_uid = event.get("class_uid")
        spec = CLASSES.get(class_uid)
        if spec is None:
            self.fail("class_uid", f"{class_uid!r} is not a class this module writes")
            return
        for name in sorted(spec["required"] - set(event)):
            self.fail("event", f"{name} is required")
        for name in sorted(set(event) - spec["attributes"]):
            self.fail("event", f"{name} is not an attribute of {spec['name']}")
        category = spec["category"]
        if event.get("category_uid") != category:
            self.fail("category_uid", f"the category of class {class_uid} is {category}")
        if "category_name" in event and event["category_name"] != CATEGORIES[category]:
            self.fail("category_name", f"must be {CATEGORIES[category]}")
        if "class_name" in event and event["class_name"] != spec["name"]:
            self.fail("class_name", f"must be {spec['name']}")
        activities = spec.get("activities", FINDING_ACTIVITY)
        self.enum(event, "activity_id", "activity_name", activities, "event", required=True)
        activity = event.get("activity_id")
        if _is_int(activity) and event.get("type_uid") != class_uid * 100 + activity:
            self.fail("type_uid", f"must be class_uid * 100 + activity_id = {class_uid * 100 + activity}")
        if "type_name" in event and _is_int(activity):
            caption = activities.get(activity, "Other")
            if event["type_name"] != f"{spec['name']}: {caption}":
                self.fail("type_name", f"must be '{spec['name']}: {caption}'")
        self.integer(event, "time", "event", required=True)
        self.enum(event, "severity_id", "severity", SEVERITY, "event", required=True)
        self.enum(event, "status_id", "status", spec["status"], "event", required=class_uid == 2005)
        if "at_least_one" in spec and not set(spec["at_least_one"]) & set(event):
            self.fail("event", f"a {spec['name']} needs at least one of {', '.join(spec['at_least_one'])}")
        used_host = sorted(spec.get("host_profile", set()) & set(event))
        if used_host and "host" not in (event.get("metadata") or {}).get("profiles", []):
            self.fail("metadata.profiles", f"{', '.join(used_host)} come from the host profile, which is not named")
        self.enum(event, "verdict_id", "verdict", VERDICT, "event")
        self.enum(event, "priority_id", "priority", PRIORITY, "event")
        for name in ("message", "src_url", "desc", "comment"):
            self.string(event, name, "event")
        if "is_alert" in event and not isinstance(event["is_alert"], bool):
            self.fail("is_alert", "must be a boolean")
        if "unmapped" in event and not isinstance(event["unmapped"], dict):
            self.fail("unmapped", "must be an object")
        self.metadata(event)
        self.observables(event)
        self.objects_of(event)
        if class_uid == 0:
            self.string(event, "raw_data", "event")
        elif class_uid == 2004:
            if (info := self.obj(event, "finding_info", "event", required=True)) is not None:
                self.finding_info(info, "finding_info")
            self.evidences(event)
        elif class_uid == 2005:
            infos = self.objects(event, "finding_info_list", "event")
            if not infos and "finding_info_list" in event:
                pass
            for n, info in enumerate(infos):
                self.finding_info(info, f"finding_info_list[{n}]")
            if "assignee" not in event and "assignee_group" not in event:
                self.fail("event", "an Incident Finding needs assignee or assignee_group")
            if (assignee := self.obj(event, "assignee", "event")) is not None:
                self.user(assignee, "assignee")
            if (group := self.obj(event, "assignee_group", "event")) is not None and not (
                    "name" in group or "uid" in group):
                self.fail("assignee_group", "a group needs name or uid")
            self.attacks(self.objects(event, "attacks", "event"), "attacks")


def problems(event):
    """What is wrong with one decoded OCSF event: an empty list when nothing is."""
    check = _Check()
    check.event(event)
    return check.found

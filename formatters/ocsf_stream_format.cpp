// format(ocsf) for Streaming API records: each mapped Advanced Hunting table as its OCSF class, every other table and
// every unparsed record as the base event. docs/ocsf.md has the mapping, column by column.
#include <array>
#include <optional>
#include <string>

#include "event_identity.h"
#include "json_writer.h"
#include "ocsf_format.h"
#include "ocsf_members.h"
#include "ocsf_stream_objects.h"
#include "ocsf_stream_row.h"

namespace defender {
namespace {

// The objects the tables share, by their short names (user, file, process, device, ...).
using namespace ocsf_stream;
using Writer = StreamEventWriter;

// -- classes and activities ----------------------------------------------------------------------------------------

struct EventClass {
  int64_t uid;
  std::string_view name;
  int64_t category_uid;
  std::string_view category_name;
  bool host_profile;  // device or actor come from OCSF's host profile, which metadata.profiles then names
};

constexpr EventClass process_activity{1007, "Process Activity", 1, "System Activity", false};
constexpr EventClass file_activity{1001, "File System Activity", 1, "System Activity", false};
constexpr EventClass module_activity{1005, "Module Activity", 1, "System Activity", false};
// The Windows extension's classes: class uid (2 * 100 + 1) * 1000 + n, category still System Activity.
constexpr EventClass registry_key_activity{201001, "Registry Key Activity", 1, "System Activity", false};
constexpr EventClass registry_value_activity{201002, "Registry Value Activity", 1, "System Activity", false};
constexpr EventClass authentication{3002, "Authentication", 3, "Identity & Access Management", true};
constexpr EventClass network_activity{4001, "Network Activity", 4, "Network Activity", true};
constexpr EventClass email_activity{4009, "Email Activity", 4, "Network Activity", false};
constexpr EventClass inventory_info{5001, "Device Inventory Info", 5, "Discovery", false};
constexpr EventClass detection_finding{2004, "Detection Finding", 2, "Findings", true};

// An ActionType's activity, and the outcome it states (status 0: none stated).
struct Action {
  std::string_view action_type;
  Enum activity;
  Enum status = {0, {}};
  bool remote_initiated = false;  // network: the remote end opened the connection
};

constexpr Enum success{1, "Success"};
constexpr Enum failure{2, "Failure"};

constexpr std::array<Action, 1> process_actions{{{"ProcessCreated", {1, "Launch"}}}};
constexpr std::array<Action, 4> file_actions{{
    {"FileCreated", {1, "Create"}},
    {"FileModified", {3, "Update"}},
    {"FileDeleted", {4, "Delete"}},
    {"FileRenamed", {5, "Rename"}},
}};
constexpr std::array<Action, 4> network_actions{{
    {"ConnectionSuccess", {1, "Open"}, success},
    {"InboundConnectionAccepted", {1, "Open"}, success, true},
    {"ConnectionFailed", {4, "Fail"}, failure},
    {"ListeningConnectionCreated", {7, "Listen"}, success},
}};
constexpr std::array<Action, 3> logon_actions{{
    {"LogonSuccess", {1, "Logon"}, success},
    {"LogonFailed", {1, "Logon"}, failure},
    {"LogonAttempted", {1, "Logon"}},
}};
constexpr std::array<Action, 3> registry_key_actions{{
    {"RegistryKeyCreated", {1, "Create"}},
    {"RegistryKeyDeleted", {4, "Delete"}},
    {"RegistryKeyRenamed", {5, "Rename"}},
}};
constexpr std::array<Action, 2> registry_value_actions{{
    {"RegistryValueSet", {2, "Set"}},
    {"RegistryValueDeleted", {4, "Delete"}},
}};
constexpr std::array<Action, 1> image_load_actions{{{"ImageLoaded", {1, "Load"}}}};

// 0 Unknown without an ActionType; 99 Other, named by it, for one the table does not list.
template <size_t N>
Action action_of(const std::array<Action, N> &actions, std::string_view action_type) {
  if (action_type.empty()) return {{}, {0, "Unknown"}};
  for (const Action &action : actions)
    if (same_word(action.action_type, action_type)) return action;
  return {action_type, {99, action_type}};
}

constexpr std::array<Word, 12> logon_types{{
    {"Interactive", {2, "Interactive"}},
    {"Network", {3, "Network"}},
    {"Batch", {4, "Batch"}},
    {"Service", {5, "OS Service"}},
    {"Unlock", {7, "Unlock"}},
    {"NetworkCleartext", {8, "Network Cleartext"}},
    {"NewCredentials", {9, "New Credentials"}},
    {"RemoteInteractive", {10, "Remote Interactive"}},
    {"Remote interactive", {10, "Remote Interactive"}},
    {"CachedInteractive", {11, "Cached Interactive"}},
    {"CachedRemoteInteractive", {12, "Cached Remote Interactive"}},
    {"System", {1, "System"}},
}};

constexpr std::array<Word, 2> auth_protocols{{{"NTLM", {1, "NTLM"}}, {"Kerberos", {2, "Kerberos"}}}};

constexpr std::array<Word, 7> registry_value_types{{
    {"Binary", {1, "REG_BINARY"}},
    {"Dword", {2, "REG_DWORD"}},
    {"ExpandString", {4, "REG_EXPAND_SZ"}},
    {"MultiString", {6, "REG_MULTI_SZ"}},
    {"None", {7, "REG_NONE"}},
    {"Qword", {8, "REG_QWORD"}},
    {"String", {10, "REG_SZ"}},
}};

constexpr std::array<Word, 3> email_directions{{
    {"Inbound", {1, "Inbound"}},
    {"Outbound", {2, "Outbound"}},
    {"Intra-org", {3, "Internal"}},
}};

// Defender's DeviceType: Workstation, Server, Mobile, and network devices it found.
constexpr std::array<Word, 5> device_types{{
    {"Server", {1, "Server"}},
    {"Workstation", {2, "Desktop"}},
    {"Mobile", {5, "Mobile"}},
    {"NetworkDevice", {12, "Router"}},
    {"Tablet", {4, "Tablet"}},
}};

// -- the event -----------------------------------------------------------------------------------------------------

void class_members(JsonWriter &json, const EventClass &c, const Enum &activity) {
  json.member("category_uid", c.category_uid);
  json.member("category_name", c.category_name);
  json.member("class_uid", c.uid);
  json.member("class_name", c.name);
  enum_members(json, "activity_id", "activity_name", activity);
  json.member("type_uid", c.uid * 100 + activity.id);
  const std::string_view caption = activity.id == 99 ? std::string_view("Other") : activity.caption;
  json.member("type_name", std::string(c.name) + ": " + std::string(caption));
}

struct Identity {
  std::string_view uid;         // metadata.uid
  std::string_view event_code;  // the ActionType
  bool host_profile = false;
};

void stream_metadata(JsonWriter &json, const StreamRecord &r, const Identity &identity) {
  json.key("metadata");
  json.begin_object();
  json.member("version", ocsf_version);
  json.key("product");
  json.begin_object();
  json.member("name", product_of(r));
  json.member("vendor_name", "Microsoft");
  json.end_object();
  json.member("log_provider", "syslog-ng-mod-defender " DEFENDER_VERSION);
  json.member("log_name", r.category);
  json.member("uid", identity.uid);
  json.member("event_code", identity.event_code);
  if (r.time) json.member("original_time", format_instant(*r.time));
  json.member("tenant_uid", r.tenant_id);
  if (identity.host_profile) {
    json.key("profiles");
    json.begin_array();
    json.string("host");
    json.end_array();
  }
  json.end_object();
}

// What every mapped event begins with; the caller writes its class's objects, then finish().
void begin_event(Writer &w, const StreamRecord &r, const EventClass &c, const Action &action, std::string_view uid) {
  w.json.begin_object();
  class_members(w.json, c, action.activity);
  // The row's Timestamp is the event's time; when it is not a time, the record's, and Timestamp stays unmapped.
  if (r.event_time) w.row.text("Timestamp");
  const std::optional<Instant> time = message_time(r);
  w.json.member("time", time ? time->epoch_milliseconds() : int64_t{0});
  enum_members(w.json, "severity_id", "severity", severity_of(r.severity, w.row.text("Severity")));
  if (action.status.id != 0) enum_members(w.json, "status_id", "status", action.status);
  w.json.member("message", r.table);
  stream_metadata(w.json, r, {uid, action.action_type, c.host_profile});
}

void finish(Writer &w) {
  observables(w.json, w.observed.items());
  w.row.write_unmapped(w.json);
  w.json.end_object();
}

// -- the tables ----------------------------------------------------------------------------------------------------

void process_event(Writer &w, const StreamRecord &r) {
  begin_event(w, r, process_activity, action_of(process_actions, w.row.text("ActionType")), w.row.text("ReportId"));
  actor(w);
  device(w, true);
  process(w, "process", "process", started_process);
  finish(w);
}

void file_event(Writer &w, const StreamRecord &r) {
  begin_event(w, r, file_activity, action_of(file_actions, w.row.text("ActionType")), w.row.text("ReportId"));
  actor(w);
  device(w, true);
  file(w, "file", "file", file_columns, true);
  finish(w);
}

void image_load_event(Writer &w, const StreamRecord &r) {
  begin_event(w, r, module_activity, action_of(image_load_actions, w.row.text("ActionType")), w.row.text("ReportId"));
  actor(w);
  device(w, true);
  w.json.key("module");
  w.json.begin_object();
  enum_members(w.json, "load_type_id", "load_type", {0, "Unknown"});
  file(w, "file", "module.file", file_columns, false);
  w.json.end_object();
  finish(w);
}

void network_event(Writer &w, const StreamRecord &r) {
  const Action action = action_of(network_actions, w.row.text("ActionType"));
  begin_event(w, r, network_activity, action, w.row.text("ReportId"));
  actor(w);
  device(w, false);
  // The device is the source of what it initiates, the destination of what it accepts.
  const EndpointColumns local{"LocalIP", "LocalPort", {}};
  const EndpointColumns remote{"RemoteIP", "RemotePort", {}};
  endpoint(w, "src_endpoint", "src_endpoint", action.remote_initiated ? remote : local, true);
  endpoint(w, "dst_endpoint", "dst_endpoint", action.remote_initiated ? local : remote, false);
  const std::string_view url = w.row.text("RemoteUrl");
  if (!url.empty()) {
    w.json.key("url");
    w.json.begin_object();
    w.json.member("url_string", url);
    w.json.end_object();
    w.observed.add("url", "url_string", 6, "URL String", url);
  }
  finish(w);
}

void logon_fields(Writer &w) {
  if (const std::string_view type = w.row.text("LogonType"); !type.empty())
    enum_members(w.json, "logon_type_id", "logon_type", lookup(logon_types, type));
  if (const std::string_view protocol = w.row.text("Protocol"); !protocol.empty())
    enum_members(w.json, "auth_protocol_id", "auth_protocol", lookup(auth_protocols, protocol));
  w.json.member("status_detail", w.row.text("FailureReason"));
}

// DeviceLogonEvents: an account signing in to the device, from a remote device for network logons.
void device_logon_event(Writer &w, const StreamRecord &r) {
  begin_event(w, r, authentication, action_of(logon_actions, w.row.text("ActionType")), w.row.text("ReportId"));
  logon_fields(w);
  user(w, "user", "user", account, true);
  actor(w);
  device(w, false);
  endpoint(w, "src_endpoint", "src_endpoint", {"RemoteIP", "RemotePort", "RemoteDeviceName"}, false);
  endpoint(w, "dst_endpoint", "dst_endpoint", {{}, {}, "DeviceName"}, true);
  finish(w);
}

// IdentityLogonEvents: an account signing in from a device to a destination device or to an application.
void identity_logon_event(Writer &w, const StreamRecord &r) {
  begin_event(w, r, authentication, action_of(logon_actions, w.row.text("ActionType")), w.row.text("ReportId"));
  logon_fields(w);
  user(w, "user", "user", account, true);
  endpoint(w, "src_endpoint", "src_endpoint", {"IPAddress", "Port", "DeviceName"}, false);
  const std::string_view application = w.row.text("Application");
  if (!application.empty()) {
    w.json.key("service");
    w.json.begin_object();
    w.json.member("name", application);
    w.json.end_object();
  }
  endpoint(w, "dst_endpoint", "dst_endpoint", {"DestinationIPAddress", "DestinationPort", "DestinationDeviceName"},
           application.empty());
  finish(w);
}

// A row concerns a value when its ActionType names one, or, with an ActionType of neither kind, when it names a value.
bool concerns_value(const StreamRow &row) {
  const std::string_view action_type = row.peek("ActionType");
  if (action_type.starts_with("RegistryValue")) return true;
  if (action_type.starts_with("RegistryKey")) return false;
  return !row.peek("RegistryValueName").empty();
}

void registry_event(Writer &w, const StreamRecord &r) {
  const bool value = concerns_value(w.row);
  const std::string_view action_type = w.row.text("ActionType");
  if (value)
    begin_event(w, r, registry_value_activity, action_of(registry_value_actions, action_type), w.row.text("ReportId"));
  else
    begin_event(w, r, registry_key_activity, action_of(registry_key_actions, action_type), w.row.text("ReportId"));
  actor(w);
  device(w, true);
  const std::string_view key = w.row.text("RegistryKey");
  const std::string_view path = key.empty() ? placeholder : key;
  if (value) {
    const std::string_view name = w.row.text("RegistryValueName");
    w.json.key("reg_value");
    w.json.begin_object();
    w.json.member("path", path);
    w.json.member("name", name.empty() ? placeholder : name);
    if (const std::string_view type = w.row.text("RegistryValueType"); !type.empty())
      enum_members(w.json, "type_id", "type", lookup(registry_value_types, type));
    w.json.member("data", w.row.text("RegistryValueData"));
    w.json.end_object();
  } else {
    w.json.key("reg_key");
    w.json.begin_object();
    w.json.member("path", path);
    w.json.end_object();
    if (const std::string_view previous = w.row.text("PreviousRegistryKey"); !previous.empty()) {
      w.json.key("prev_reg_key");
      w.json.begin_object();
      w.json.member("path", previous);
      w.json.end_object();
    }
  }
  finish(w);
}

// EmailEvents: Defender for Office 365's verdict on one message, for each recipient: a scan.
void email_event(Writer &w, const StreamRecord &r) {
  begin_event(w, r, email_activity, {{}, {3, "Scan"}}, w.row.text("ReportId"));
  enum_members(w.json, "direction_id", "direction", lookup(email_directions, w.row.text("EmailDirection")));
  const std::string_view from = w.row.email("SenderFromAddress");
  const std::string_view smtp_from = w.row.email("SenderMailFromAddress");
  const std::string_view to = w.row.email("RecipientEmailAddress");
  w.json.key("email");
  w.json.begin_object();
  w.json.member("from", from.empty() && to.empty() ? placeholder_email : from);
  w.json.member("smtp_from", smtp_from);
  if (!to.empty()) {
    w.json.key("to");
    w.json.begin_array();
    w.json.string(to);
    w.json.end_array();
  }
  w.json.member("subject", w.row.text("Subject"));
  w.json.member("message_uid", w.row.text("InternetMessageId"));
  w.json.member("uid", w.row.text("NetworkMessageId"));
  w.json.end_object();
  w.observed.add("email", "from", 5, "Email Address", from);
  w.observed.add("email", "smtp_from", 5, "Email Address", smtp_from);
  w.observed.add("email", "to", 5, "Email Address", to);
  const std::string_view sender_ip = w.row.ip("SenderIPv4");
  const std::string_view ip = sender_ip.empty() ? w.row.ip("SenderIPv6") : sender_ip;
  if (!ip.empty()) {
    w.json.key("src_endpoint");
    w.json.begin_object();
    w.json.member("ip", ip);
    w.json.end_object();
    w.observed.add("src_endpoint", "ip", 2, "IP Address", ip);
  }
  finish(w);
}

// DeviceInfo: what the sensor reports about its device, as a log.
void device_info_event(Writer &w, const StreamRecord &r) {
  begin_event(w, r, inventory_info, {{}, {1, "Log"}}, w.row.text("ReportId"));
  const std::string_view type = w.row.text("DeviceType");
  device(w, true, "device", type.empty() ? Enum{0, "Unknown"} : lookup(device_types, type));
  finish(w);
}

// AlertInfo (one row per alert) and AlertEvidence (one row per entity of an alert): a finding about the alert.
void alert_event(Writer &w, const StreamRecord &r, bool evidence) {
  const std::string_view alert_id = w.row.text("AlertId");
  begin_event(w, r, detection_finding, {{}, {1, "Create"}}, evidence ? std::string_view() : alert_id);
  w.json.key("finding_info");
  w.json.begin_object();
  w.json.member("uid", alert_id.empty() ? placeholder : alert_id);
  w.json.member("title", w.row.text("Title"));
  const std::string_view category = w.row.text("Category");
  if (!category.empty()) {
    const std::array<std::string, 1> types{std::string(category)};
    w.json.member("types", types);
  }
  const std::string_view source = w.row.text("DetectionSource");
  if (!source.empty()) {
    w.json.key("analytic");
    w.json.begin_object();
    enum_members(w.json, "type_id", "type", {0, "Unknown"});
    w.json.member("name", source);
    w.json.end_object();
  }
  w.json.end_object();
  if (evidence) {
    const bool has_device = !w.row.peek("DeviceName").empty() || !w.row.peek("DeviceId").empty();
    const bool has_file = !w.row.peek("FileName").empty();
    const bool has_account = has_user(w.row, account);
    const bool has_remote = is_ip_address(w.row.peek("RemoteIP"));
    const std::string_view url = w.row.text("RemoteUrl");
    if (has_device || has_file || has_account || has_remote || !url.empty()) {
      w.json.key("evidences");
      w.json.begin_array();
      w.json.begin_object();
      w.json.member("name", w.row.text("EntityType"));
      if (has_device) device(w, false, "evidences.device");
      if (has_file) file(w, "file", "evidences.file", file_columns, false);
      if (has_account) user(w, "user", "evidences.user", account, false);
      endpoint(w, "dst_endpoint", "evidences.dst_endpoint", {"RemoteIP", {}, {}}, false);
      if (!url.empty()) {
        w.json.key("url");
        w.json.begin_object();
        w.json.member("url_string", url);
        w.json.end_object();
        w.observed.add("evidences.url", "url_string", 6, "URL String", url);
      }
      w.json.end_object();
      w.json.end_array();
    }
  }
  finish(w);
}

using TableWriter = void (*)(Writer &, const StreamRecord &);

struct TableClass {
  std::string_view table;
  TableWriter write;
};

constexpr std::array<TableClass, 11> table_classes{{
    {"DeviceProcessEvents", process_event},
    {"DeviceFileEvents", file_event},
    {"DeviceNetworkEvents", network_event},
    {"DeviceLogonEvents", device_logon_event},
    {"IdentityLogonEvents", identity_logon_event},
    {"DeviceRegistryEvents", registry_event},
    {"DeviceImageLoadEvents", image_load_event},
    {"EmailEvents", email_event},
    {"DeviceInfo", device_info_event},
    {"AlertInfo", [](Writer &w, const StreamRecord &r) { alert_event(w, r, false); }},
    {"AlertEvidence", [](Writer &w, const StreamRecord &r) { alert_event(w, r, true); }},
}};

// A table without a class here, or a record that could not be read: the base event, its row under `unmapped`.
void base_event(JsonWriter &json, const StreamRecord &r) {
  std::string_view action = r.table.empty() ? std::string_view("unparsed") : std::string_view(r.table);
  for (const StreamProperty &property : r.properties)
    if (property.name == "ActionType" && !property.value.empty()) action = property.value;
  json.begin_object();
  class_members(json, {0, "Base Event", 0, "Uncategorized", false}, {99, action});
  const std::optional<Instant> time = message_time(r);
  json.member("time", time ? time->epoch_milliseconds() : int64_t{0});
  enum_members(json, "severity_id", "severity", severity_of(r.severity, {}));
  json.member("message", r.table.empty() ? std::string_view(r.parse_error) : std::string_view(r.table));
  stream_metadata(json, r, {});
  json.member("raw_data", r.unparsed_text);
  json.key("unmapped");
  json.begin_object();
  json.member("table", r.table);
  json.member("machine_group", r.machine_group);
  json.member("parse_error", r.parse_error);
  if (!r.properties.empty()) {
    json.key("properties");
    json.begin_object();
    for (const StreamProperty &property : r.properties) {
      json.key(property.name);
      json.string(property.value);
    }
    json.end_object();
  }
  json.end_object();
  json.end_object();
}

}  // namespace

void append_ocsf(const StreamRecord &r, std::string &out) {
  JsonWriter json(out);
  if (!is_unparsed(r))
    for (const TableClass &mapping : table_classes)
      if (mapping.table == r.table) {
        StreamRow row(r);
        Observed observed;
        Writer w{json, row, observed};
        mapping.write(w, r);
        return;
      }
  base_event(json, r);
}

}  // namespace defender

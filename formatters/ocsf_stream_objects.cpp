#include "ocsf_stream_objects.h"

#include <array>
#include <string>

namespace defender::ocsf_stream {
namespace {

constexpr std::array<Word, 7> integrity_levels{{
    {"Untrusted", {1, "Untrusted"}},
    {"Low", {2, "Low"}},
    {"Medium", {3, "Medium"}},
    {"High", {4, "High"}},
    {"System", {5, "System"}},
    {"Protected", {6, "Protected"}},
    {"ProtectedProcess", {6, "Protected"}},
}};

constexpr std::array<Word, 4> os_types{{
    {"Windows", {100, "Windows"}},
    {"Linux", {200, "Linux"}},
    {"macOS", {300, "macOS"}},
    {"iOS", {301, "iOS"}},
}};

// Windows10, Windows11, WindowsServer2022: Windows; Android, Linux, macOS, iOS as named.
Enum os_type_of(std::string_view platform) {
  if (platform.size() >= 7 && same_word(platform.substr(0, 7), "Windows")) return {100, "Windows"};
  if (same_word(platform, "Android")) return {201, "Android"};
  return lookup(os_types, platform);
}

void hashes(StreamEventWriter &w, std::string_view at, const FileColumns &c) {
  const std::string_view sha1 = w.row.text(c.sha1);
  const std::string_view sha256 = w.row.text(c.sha256);
  const std::string_view md5 = w.row.text(c.md5);
  if (sha1.empty() && sha256.empty() && md5.empty()) return;
  w.json.key("hashes");
  w.json.begin_array();
  fingerprint(w.json, 2, "SHA-1", sha1);
  fingerprint(w.json, 3, "SHA-256", sha256);
  fingerprint(w.json, 1, "MD5", md5);
  w.json.end_array();
  for (const std::string_view hash : {sha1, sha256, md5}) w.observed.add(at, "hashes.value", 8, "Hash", hash);
}

}  // namespace

bool has_user(const StreamRow &row, const UserColumns &c) {
  return !row.peek(c.name).empty() || !row.peek(c.sid).empty();
}

void user(StreamEventWriter &w, std::string_view key, std::string_view at, const UserColumns &c, bool required) {
  if (!has_user(w.row, c) && !required) return;
  const std::string_view name = w.row.text(c.name);
  const std::string_view sid = w.row.text(c.sid);
  w.json.key(key);
  w.json.begin_object();
  w.json.member("name", name.empty() && sid.empty() ? placeholder : name);
  w.json.member("uid", sid);
  w.json.member("uid_alt", w.row.text(c.object_id));
  w.json.member("domain", w.row.text(c.domain));
  w.json.end_object();
  w.observed.add(at, "name", 4, "User Name", name);
}

void file(StreamEventWriter &w, std::string_view key, std::string_view at, const FileColumns &c, bool required) {
  const std::string_view name = w.row.text(c.name);
  if (name.empty() && !required) return;
  w.json.key(key);
  w.json.begin_object();
  w.json.member("name", name.empty() ? placeholder : name);
  enum_members(w.json, "type_id", "type", {0, "Unknown"});
  w.json.member("path", w.row.text(c.path));
  if (const auto size = w.row.integer(c.size)) w.json.member("size", *size);
  hashes(w, at, c);
  w.json.end_object();
  w.observed.add(at, "name", 7, "File Name", name);
}

void process(StreamEventWriter &w, std::string_view key, std::string_view at, const ProcessColumns &c) {
  const auto pid = w.row.integer(c.pid);
  const std::string_view name = w.row.peek(c.file.name);
  const std::string_view cmd_line = w.row.text(c.cmd_line);
  w.json.key(key);
  w.json.begin_object();
  if (pid)
    w.json.member("pid", *pid);
  else
    w.json.member("uid", placeholder);
  w.json.member("name", name);
  w.json.member("cmd_line", cmd_line);
  if (const auto created = w.row.time_ms(c.created)) w.json.member("created_time", *created);
  if (const std::string_view level = w.row.text(c.integrity); !level.empty())
    enum_members(w.json, "integrity_id", "integrity", lookup(integrity_levels, level));
  const std::string file_at = std::string(at) + ".file";
  file(w, "file", file_at, c.file, false);
  user(w, "user", std::string(at) + ".user", c.user, false);
  // The parent by its pid: without one OCSF has no process to name, and its columns stay unmapped.
  if (const auto parent_pid = c.parent_pid.empty() ? std::nullopt : w.row.integer(c.parent_pid)) {
    const std::string_view parent_name = w.row.text(c.parent_name);
    w.json.key("parent_process");
    w.json.begin_object();
    w.json.member("pid", *parent_pid);
    w.json.member("name", parent_name);
    if (const auto created = w.row.time_ms(c.parent_created)) w.json.member("created_time", *created);
    w.json.end_object();
    w.observed.add(std::string(at) + ".parent_process", "name", 9, "Process Name", parent_name);
  }
  w.json.end_object();
  w.observed.add(at, "name", 9, "Process Name", name);
  w.observed.add(at, "cmd_line", 13, "Command Line", cmd_line);
}

void actor(StreamEventWriter &w) {
  w.json.key("actor");
  w.json.begin_object();
  const ProcessColumns &c = initiating_process;
  const bool has_process = !w.row.peek(c.pid).empty() || !w.row.peek(c.file.name).empty();
  if (has_process || !has_user(w.row, c.user))
    process(w, "process", "actor.process", c);
  else
    user(w, "user", "actor.user", c.user, true);
  w.json.end_object();
}

void device(StreamEventWriter &w, bool required, std::string_view at, std::optional<Enum> inventory_type) {
  if (!required && w.row.peek("DeviceName").empty() && w.row.peek("DeviceId").empty() &&
      w.row.peek("MachineGroup").empty())
    return;
  const std::string_view hostname = w.row.text("DeviceName");
  const std::string_view uid = w.row.text("DeviceId");
  const std::string_view group = w.row.text("MachineGroup");
  w.json.key("device");
  w.json.begin_object();
  enum_members(w.json, "type_id", "type", inventory_type.value_or(Enum{0, "Unknown"}));
  w.json.member("hostname", hostname);
  w.json.member("uid", uid);
  if (hostname.empty() && uid.empty())
    w.json.member("name", placeholder);  // a device, as an endpoint, needs an identifier
  if (!group.empty()) {
    w.json.key("groups");
    w.json.begin_array();
    w.json.begin_object();
    w.json.member("name", group);
    w.json.end_object();
    w.json.end_array();
  }
  if (inventory_type) {
    w.json.member("model", w.row.text("Model"));
    w.json.member("vendor_name", w.row.text("Vendor"));
    const std::string_view platform = w.row.text("OSPlatform");
    if (!platform.empty()) {
      w.json.key("os");
      w.json.begin_object();
      w.json.member("name", platform);
      enum_members(w.json, "type_id", "type", os_type_of(platform));
      w.json.member("version", w.row.text("OSVersion"));
      w.json.member("build", w.row.text("OSBuild"));
      w.json.end_object();
    }
  }
  w.json.end_object();
  w.observed.add(at, "hostname", 1, "Hostname", hostname);
}

bool has_endpoint(const StreamRow &row, const EndpointColumns &c) {
  return is_ip_address(row.peek(c.ip)) || !row.peek(c.hostname).empty();
}

void endpoint(StreamEventWriter &w, std::string_view key, std::string_view at, const EndpointColumns &c,
              bool required) {
  if (!has_endpoint(w.row, c) && !required) return;
  const std::string_view ip = w.row.ip(c.ip);
  const std::string_view hostname = w.row.text(c.hostname);
  w.json.key(key);
  w.json.begin_object();
  w.json.member("ip", ip);
  if (const auto port = w.row.port(c.port)) w.json.member("port", *port);
  w.json.member("hostname", hostname);
  if (ip.empty() && hostname.empty()) w.json.member("name", placeholder);
  w.json.end_object();
  w.observed.add(at, "ip", 2, "IP Address", ip);
  w.observed.add(at, "hostname", 1, "Hostname", hostname);
}

}  // namespace defender::ocsf_stream

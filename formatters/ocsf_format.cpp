#include "ocsf_format.h"

#include <algorithm>
#include <array>
#include <span>
#include <vector>

#include "event_identity.h"
#include "json_writer.h"
#include "ocsf_members.h"

namespace defender {
namespace {

constexpr std::array<Word, 3> alert_statuses{{
    {"new", {1, "New"}},
    {"inProgress", {2, "In Progress"}},
    {"resolved", {4, "Resolved"}},
}};

// awaitingAction (Defender Experts wait for the customer) is the closest to On Hold.
constexpr std::array<Word, 5> incident_statuses{{
    {"active", {1, "New"}},
    {"inProgress", {2, "In Progress"}},
    {"awaitingAction", {3, "On Hold"}},
    {"resolved", {4, "Resolved"}},
    {"redirected", {5, "Closed"}},
}};

constexpr std::array<Word, 4> verdicts{{
    {"unknown", {0, "Unknown"}},
    {"falsePositive", {1, "False Positive"}},
    {"truePositive", {2, "True Positive"}},
    {"informationalExpectedActivity", {5, "Benign"}},
}};

// No classification (the alerts and SIEM APIs send none until someone classifies) is Graph's "unknown": the same fact
// from every API.
Enum verdict_of(std::string_view classification) {
  return lookup(verdicts, classification.empty() ? std::string_view("unknown") : classification);
}

// Close once resolved (or merged away); Create for the first version (updated at creation), else Update.
Enum activity_of(bool closed, const std::optional<Instant> &created, Instant updated) {
  if (closed) return {3, "Close"};
  if (!created || !(*created < updated)) return {1, "Create"};
  return {2, "Update"};
}

// priorityScore's bands as Microsoft describes them: above 85 top, 15 to 85 medium, below 15 low.
Enum priority_of(int64_t score) {
  if (score > 85) return {4, "Critical"};
  if (score >= 15) return {2, "Medium"};
  return {1, "Low"};
}

void time_member(JsonWriter &json, std::string_view name, const std::optional<Instant> &time) {
  if (time) json.member(name, time->epoch_milliseconds());
}

void class_members(JsonWriter &json, int64_t class_uid, std::string_view class_name, const Enum &activity) {
  json.member("category_uid", int64_t{2});
  json.member("category_name", "Findings");
  json.member("class_uid", class_uid);
  json.member("class_name", class_name);
  enum_members(json, "activity_id", "activity_name", activity);
  json.member("type_uid", class_uid * 100 + activity.id);
  json.member("type_name", std::string(class_name) + ": " + std::string(activity.caption));
}

void metadata(JsonWriter &json, std::string_view product, std::string_view uid, Instant updated,
              std::string_view tenant, std::span<const std::string_view> profiles) {
  json.key("metadata");
  json.begin_object();
  json.member("version", ocsf_version);
  json.key("product");
  json.begin_object();
  json.member("name", product);
  json.member("vendor_name", "Microsoft");
  json.end_object();
  json.member("log_provider", "syslog-ng-mod-defender " DEFENDER_VERSION);
  json.member("uid", uid);
  json.member("original_time", format_instant(updated));
  json.member("tenant_uid", tenant);
  json.key("profiles");
  json.begin_array();
  for (const std::string_view profile : profiles) json.string(profile);
  json.end_array();
  json.end_object();
}

bool is_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A MITRE ATT&CK id: T1059 is a technique, T1564.001 a sub-technique.
bool is_mitre_id(std::string_view id) {
  if (id.size() != 5 && id.size() != 9) return false;
  if (id[0] != 'T' || !is_digits(id.substr(1, 4))) return false;
  return id.size() == 5 || (id[5] == '.' && is_digits(id.substr(6)));
}

// What is not an ATT&CK id goes to `unmapped` (not_mitre_ids) rather than into attacks, which OCSF keys by id.
std::vector<std::string> not_mitre_ids(std::span<const std::string> techniques) {
  std::vector<std::string> others;
  for (const std::string &technique : techniques)
    if (!technique.empty() && !is_mitre_id(technique)) others.push_back(technique);
  return others;
}

void attacks(JsonWriter &json, std::span<const std::string> techniques) {
  if (std::none_of(techniques.begin(), techniques.end(), [](const std::string &t) { return is_mitre_id(t); })) return;
  json.key("attacks");
  json.begin_array();
  for (const std::string &technique : techniques) {
    if (!is_mitre_id(technique)) continue;
    json.begin_object();
    json.key(technique.find('.') == std::string::npos ? "technique" : "sub_technique");
    json.begin_object();
    json.member("uid", technique);
    json.end_object();
    json.end_object();
  }
  json.end_array();
}

// One evidence item per kind of artefact the alert names: its device, file, user, URL and remote address.
void alert_evidences(JsonWriter &json, const Alert &a) {
  const bool device = !a.host.empty() || !a.device_id.empty();
  const bool file = !a.file_name.empty();
  const bool user = !a.user_name.empty() || !a.user_principal_name.empty();
  const bool ip = is_ip_address(a.ip_address);
  if (!device && !file && !user && a.url.empty() && !ip) return;
  json.key("evidences");
  json.begin_array();
  if (device) {
    json.begin_object();
    json.key("device");
    json.begin_object();
    json.member("type_id", int64_t{0});
    json.member("type", "Unknown");
    json.member("hostname", a.host);
    json.member("uid", a.device_id);
    json.member("domain", a.machine_domain);
    json.end_object();
    json.end_object();
  }
  if (file) {
    json.begin_object();
    json.key("file");
    json.begin_object();
    json.member("name", a.file_name);
    json.member("type_id", int64_t{0});
    json.member("type", "Unknown");
    json.member("path", a.file_path);
    if (!a.md5.empty() || !a.sha1.empty() || !a.sha256.empty()) {
      json.key("hashes");
      json.begin_array();
      fingerprint(json, 1, "MD5", a.md5);
      fingerprint(json, 2, "SHA-1", a.sha1);
      fingerprint(json, 3, "SHA-256", a.sha256);
      json.end_array();
    }
    json.end_object();
    json.end_object();
  }
  if (user) {
    json.begin_object();
    json.key("user");
    json.begin_object();
    json.member("name", a.user_name.empty() ? a.user_principal_name : a.user_name);
    json.member("domain", a.user_domain);
    json.end_object();
    json.end_object();
  }
  if (!a.url.empty()) {
    json.begin_object();
    json.key("url");
    json.begin_object();
    json.member("url_string", a.url);
    json.end_object();
    json.end_object();
  }
  if (ip) {
    json.begin_object();
    json.key("src_endpoint");
    json.begin_object();
    json.member("ip", a.ip_address);
    json.end_object();
    json.end_object();
  }
  json.end_array();
}

// What the alert carries that OCSF has no attribute for, under its `.defender.` name.
void alert_unmapped(JsonWriter &json, const Alert &a) {
  const std::array<std::pair<std::string_view, std::string_view>, 13> fields{{
      {"record_id", a.record_id},
      {"service_source", a.service_source},
      {"threat_name", a.threat_name},
      {"threat_family", a.threat_family},
      {"threat_category", a.threat_category},
      {"actor", a.actor},
      {"assigned_to", a.assigned_to},
      {"recommended_actions", a.recommended_actions},
      {"machine_group", a.machine_group},
      {"logged_on_users", a.logged_on_users},
      {"user_principal_name", a.user_principal_name},
      {"command_line", a.command_line},
      {"remediation_action", a.remediation_action},
  }};
  json.key("unmapped");
  json.begin_object();
  for (const auto &[name, value] : fields) json.member(name, value);
  json.member("severity_text", a.severity_text);
  if (!is_ip_address(a.ip_address)) json.member("ip_address", a.ip_address);  // OCSF's ip holds an address only
  json.member("mitre_techniques", not_mitre_ids(a.mitre_techniques));
  if (a.remediation_succeeded) {
    json.key("remediation_succeeded");
    json.boolean(*a.remediation_succeeded);
  }
  if (a.was_executing_while_detected) {
    json.key("was_executing_while_detected");
    json.boolean(*a.was_executing_while_detected);
  }
  json.end_object();
}

constexpr std::array<std::string_view, 3> alert_profiles{"security_control", "host", "incident"};
constexpr std::array<std::string_view, 1> incident_profiles{"incident"};

}  // namespace

void append_ocsf(const Alert &a, std::string &out) {
  JsonWriter json(out);
  const Enum activity = activity_of(same_word(a.status, "resolved"), a.created, a.updated);
  json.begin_object();
  class_members(json, 2004, "Detection Finding", activity);
  json.member("time", a.updated.epoch_milliseconds());
  enum_members(json, "severity_id", "severity", severity_of(a.severity, a.severity_text));
  enum_members(json, "status_id", "status", lookup(alert_statuses, a.status));
  enum_members(json, "verdict_id", "verdict", verdict_of(a.classification));
  json.member("message", a.title);
  json.key("is_alert");
  json.boolean(true);
  metadata(json, product_of(a), a.id, a.updated, a.tenant_id, alert_profiles);

  json.key("finding_info");
  json.begin_object();
  json.member("uid", a.id);
  json.member("uid_alt", a.provider_alert_id);
  json.member("title", a.title);
  json.member("desc", a.description);
  const std::array<std::string, 2> types{a.category, a.determination};
  json.member("types", types);
  if (!a.detector_id.empty() || !a.detection_source.empty()) {
    json.key("analytic");
    json.begin_object();
    json.member("type_id", int64_t{0});
    json.member("type", "Unknown");
    json.member("uid", a.detector_id);
    json.member("name", a.detection_source);
    json.end_object();
  }
  attacks(json, a.mitre_techniques);
  time_member(json, "created_time", a.created);
  time_member(json, "modified_time", a.updated);
  time_member(json, "first_seen_time", a.first_activity);
  time_member(json, "last_seen_time", a.last_activity);
  json.member("src_url", a.alert_url);
  if (!a.incident_id.empty()) {
    json.key("related_events");
    json.begin_array();
    json.begin_object();
    json.member("uid", a.incident_id);
    json.end_object();
    json.end_array();
  }
  json.end_object();

  alert_evidences(json, a);
  const std::array<Observable, 9> found{{
      {"evidences.device.hostname", 1, "Hostname", a.host},
      {"evidences.src_endpoint.ip", 2, "IP Address",
       is_ip_address(a.ip_address) ? std::string_view(a.ip_address) : std::string_view()},
      {"evidences.user.name", 4, "User Name", a.user_name},
      {"evidences.url.url_string", 6, "URL String", a.url},
      {"evidences.file.name", 7, "File Name", a.file_name},
      {"evidences.file.hashes.value", 8, "Hash", a.sha1},
      {"evidences.file.hashes.value", 8, "Hash", a.sha256},
      {"evidences.file.hashes.value", 8, "Hash", a.md5},
      {"unmapped.command_line", 13, "Command Line", a.command_line},
  }};
  observables(json, found);
  alert_unmapped(json, a);
  json.end_object();
}

void append_ocsf(const Incident &i, std::string &out) {
  JsonWriter json(out);
  const bool closed = same_word(i.status, "resolved") || same_word(i.status, "redirected");
  json.begin_object();
  class_members(json, 2005, "Incident Finding", activity_of(closed, i.created, i.updated));
  json.member("time", i.updated.epoch_milliseconds());
  enum_members(json, "severity_id", "severity", severity_of(i.severity, i.severity_text));
  enum_members(json, "status_id", "status", lookup(incident_statuses, i.status));
  enum_members(json, "verdict_id", "verdict", verdict_of(i.classification));
  if (i.priority_score) enum_members(json, "priority_id", "priority", priority_of(*i.priority_score));
  json.member("message", i.display_name);
  json.member("desc", i.description.empty() ? i.summary : i.description);
  json.member("src_url", i.web_url);
  // OCSF requires an assignee or an assignee group; an unassigned incident has neither, so its group says so.
  json.key(i.assigned_to.empty() ? "assignee_group" : "assignee");
  json.begin_object();
  json.member("name", i.assigned_to.empty() ? std::string_view("Unassigned") : std::string_view(i.assigned_to));
  json.end_object();
  if (i.latest_comment) json.member("comment", i.latest_comment->text);
  attacks(json, i.mitre_techniques);
  metadata(json, product_of(i), i.id, i.updated, i.tenant_id, incident_profiles);

  json.key("finding_info_list");
  json.begin_array();
  json.begin_object();
  json.member("uid", i.id);
  json.member("title", i.display_name);
  json.member("desc", i.summary);
  const std::array<std::string, 1> types{i.determination};
  json.member("types", types);
  time_member(json, "created_time", i.created);
  time_member(json, "modified_time", i.updated);
  json.member("src_url", i.web_url);
  json.end_object();
  // One per alert, by its id: the titles are the incident's distinct ones, not one per alert.
  for (const std::string &alert_id : i.alert_ids) {
    json.begin_object();
    json.member("uid", alert_id);
    json.end_object();
  }
  json.end_array();

  std::vector<Observable> found;
  for (const std::string &device : i.devices) found.push_back({"unmapped.devices", 1, "Hostname", device});
  for (const std::string &user : i.users) found.push_back({"unmapped.users", 4, "User Name", user});
  observables(json, found);

  json.key("unmapped");
  json.begin_object();
  json.member("redirect_incident_id", i.redirect_incident_id);
  json.member("custom_tags", i.custom_tags);
  json.member("system_tags", i.system_tags);
  json.member("last_modified_by", i.last_modified_by);
  json.member("resolving_comment", i.resolving_comment);
  json.member("summary", i.summary);
  json.member("severity_text", i.severity_text);
  json.member("mitre_techniques", not_mitre_ids(i.mitre_techniques));
  if (i.priority_score) json.member("priority_score", *i.priority_score);
  json.member("comment_count", static_cast<int64_t>(i.comment_count));
  if (i.latest_comment) {
    json.member("latest_comment_author", i.latest_comment->author);
    if (i.latest_comment->created) json.member("latest_comment_time", format_instant(*i.latest_comment->created));
  }
  if (i.alerts_expanded) json.member("alert_count", static_cast<int64_t>(i.alert_ids.size()));
  json.member("alert_titles", i.alert_titles);
  json.member("devices", i.devices);
  json.member("users", i.users);
  json.end_object();
  json.end_object();
}

}  // namespace defender

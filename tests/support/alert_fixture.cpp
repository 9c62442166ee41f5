#include "alert_fixture.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "fields.h"
#include "test_files.h"

namespace defender::test {
namespace {

std::string *text_member(Alert &a, Field field) {
  switch (field) {
    case Field::id:
      return &a.id;
    case Field::record_id:
      return &a.record_id;
    case Field::title:
      return &a.title;
    case Field::description:
      return &a.description;
    case Field::severity_text:
      return &a.severity_text;
    case Field::category:
      return &a.category;
    case Field::status:
      return &a.status;
    case Field::classification:
      return &a.classification;
    case Field::determination:
      return &a.determination;
    case Field::service_source:
      return &a.service_source;
    case Field::detection_source:
      return &a.detection_source;
    case Field::detector_id:
      return &a.detector_id;
    case Field::provider_alert_id:
      return &a.provider_alert_id;
    case Field::threat_name:
      return &a.threat_name;
    case Field::threat_family:
      return &a.threat_family;
    case Field::threat_category:
      return &a.threat_category;
    case Field::actor:
      return &a.actor;
    case Field::incident_id:
      return &a.incident_id;
    case Field::incident_url:
      return &a.incident_url;
    case Field::alert_url:
      return &a.alert_url;
    case Field::assigned_to:
      return &a.assigned_to;
    case Field::tenant_id:
      return &a.tenant_id;
    case Field::recommended_actions:
      return &a.recommended_actions;
    case Field::host:
      return &a.host;
    case Field::device_id:
      return &a.device_id;
    case Field::machine_group:
      return &a.machine_group;
    case Field::machine_domain:
      return &a.machine_domain;
    case Field::logged_on_users:
      return &a.logged_on_users;
    case Field::user_name:
      return &a.user_name;
    case Field::user_domain:
      return &a.user_domain;
    case Field::user_principal_name:
      return &a.user_principal_name;
    case Field::file_name:
      return &a.file_name;
    case Field::file_path:
      return &a.file_path;
    case Field::sha1:
      return &a.sha1;
    case Field::sha256:
      return &a.sha256;
    case Field::md5:
      return &a.md5;
    case Field::command_line:
      return &a.command_line;
    case Field::ip_address:
      return &a.ip_address;
    case Field::url:
      return &a.url;
    case Field::remediation_action:
      return &a.remediation_action;
    case Field::severity:
    case Field::updated:
    case Field::created:
    case Field::first_activity:
    case Field::last_activity:
    case Field::resolved:
    case Field::mitre_techniques:
    case Field::remediation_succeeded:
    case Field::was_executing_while_detected:
    case Field::json:
      return nullptr;
    default:
      return nullptr;  // an incident's only
  }
  return nullptr;
}

std::optional<Instant> *optional_time_member(Alert &a, Field field) {
  switch (field) {
    case Field::created:
      return &a.created;
    case Field::first_activity:
      return &a.first_activity;
    case Field::last_activity:
      return &a.last_activity;
    case Field::resolved:
      return &a.resolved;
    default:
      return nullptr;
  }
}

std::optional<bool> *yes_or_no_member(Alert &a, Field field) {
  switch (field) {
    case Field::remediation_succeeded:
      return &a.remediation_succeeded;
    case Field::was_executing_while_detected:
      return &a.was_executing_while_detected;
    default:
      return nullptr;
  }
}

std::optional<Field> field_named(std::string_view name) {
  for (size_t i = 0; i < field_count(); ++i)
    if (field_name(i) == name) return static_cast<Field>(i);
  return std::nullopt;
}

std::optional<Severity> severity_named(std::string_view name) {
  for (Severity s : {Severity::unknown, Severity::informational, Severity::low, Severity::medium, Severity::high})
    if (severity_name(s) == name) return s;
  return std::nullopt;
}

std::string_view text(const rapidjson::Value &v) { return {v.GetString(), v.GetStringLength()}; }

// Sets one field; returns the reason it could not.
std::string set_field(Alert &alert, Field field, const rapidjson::Value &v) {
  if (field == Field::json) {
    if (v.IsString()) {
      alert.raw_json = text(v);
    } else {
      rapidjson::StringBuffer buffer;
      rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
      v.Accept(writer);
      alert.raw_json.assign(buffer.GetString(), buffer.GetSize());
    }
    return {};
  }
  if (field == Field::mitre_techniques) {
    if (!v.IsArray()) return "expected an array of strings";
    for (const auto &item : v.GetArray()) {
      if (!item.IsString()) return "expected an array of strings";
      alert.mitre_techniques.emplace_back(text(item));
    }
    return {};
  }
  if (std::optional<bool> *member = yes_or_no_member(alert, field)) {
    if (!v.IsBool()) return "expected true or false";
    *member = v.GetBool();
    return {};
  }
  if (!v.IsString()) return "expected a string";
  if (std::string *member = text_member(alert, field)) {
    *member = text(v);
    return {};
  }
  if (field == Field::severity) {
    const auto severity = severity_named(text(v));
    if (!severity) return "unknown severity";
    alert.severity = *severity;
    return {};
  }
  const auto time = parse_instant(text(v));
  if (!time) return "not a time";
  if (field == Field::updated)
    alert.updated = *time;
  else
    *optional_time_member(alert, field) = time;
  return {};
}

}  // namespace

AlertFixture parse_alert_fixture(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) return {std::nullopt, "not a JSON object"};
  Alert alert;
  // Indexed: comparing RapidJSON's member iterators is ambiguous in C++20.
  for (rapidjson::SizeType i = 0; i < doc.MemberCount(); ++i) {
    const auto &member = doc.MemberBegin()[i];
    const std::string_view name = text(member.name);
    const auto field = field_named(name);
    if (!field) return {std::nullopt, "unknown field " + std::string(name)};
    if (std::string why = set_field(alert, *field, member.value); !why.empty())
      return {std::nullopt, std::string(name) + ": " + why};
  }
  return {alert, {}};
}

AlertFixture load_alert_fixture(const std::string &path) {
  const std::string content = read_file(path);
  if (content.empty()) return {std::nullopt, "cannot read " + path};
  return parse_alert_fixture(content);
}

}  // namespace defender::test

#include "fields.h"

#include <array>

#include "overloaded.h"

namespace defender {
namespace {

constexpr auto names = std::to_array<std::string_view>({
#define DEFENDER_FIELD(name) #name,
#include "field_list.h"
});

}  // namespace

size_t field_count() { return names.size(); }

std::string_view field_name(size_t index) { return index < names.size() ? names[index] : std::string_view{}; }

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::unknown:
      return "unknown";
    case Severity::informational:
      return "informational";
    case Severity::low:
      return "low";
    case Severity::medium:
      return "medium";
    case Severity::high:
      return "high";
  }
  return "unknown";  // a value outside the enumeration
}

FieldValue field_value(const Alert &a, Field field) {
  switch (field) {
    case Field::id:
      return a.id;
    case Field::record_id:
      return a.record_id;
    case Field::title:
      return a.title;
    case Field::description:
      return a.description;
    case Field::severity:
      return severity_name(a.severity);
    case Field::severity_text:
      return a.severity_text;
    case Field::updated:
      return std::optional<Instant>(a.updated);
    case Field::created:
      return a.created;
    case Field::first_activity:
      return a.first_activity;
    case Field::last_activity:
      return a.last_activity;
    case Field::resolved:
      return a.resolved;
    case Field::category:
      return a.category;
    case Field::status:
      return a.status;
    case Field::classification:
      return a.classification;
    case Field::determination:
      return a.determination;
    case Field::service_source:
      return a.service_source;
    case Field::detection_source:
      return a.detection_source;
    case Field::detector_id:
      return a.detector_id;
    case Field::provider_alert_id:
      return a.provider_alert_id;
    case Field::threat_name:
      return a.threat_name;
    case Field::threat_family:
      return a.threat_family;
    case Field::threat_category:
      return a.threat_category;
    case Field::actor:
      return a.actor;
    case Field::mitre_techniques:
      return std::span<const std::string>(a.mitre_techniques);
    case Field::incident_id:
      return a.incident_id;
    case Field::incident_url:
      return a.incident_url;
    case Field::alert_url:
      return a.alert_url;
    case Field::assigned_to:
      return a.assigned_to;
    case Field::tenant_id:
      return a.tenant_id;
    case Field::recommended_actions:
      return a.recommended_actions;
    case Field::host:
      return a.host;
    case Field::device_id:
      return a.device_id;
    case Field::machine_group:
      return a.machine_group;
    case Field::machine_domain:
      return a.machine_domain;
    case Field::logged_on_users:
      return a.logged_on_users;
    case Field::user_name:
      return a.user_name;
    case Field::user_domain:
      return a.user_domain;
    case Field::user_principal_name:
      return a.user_principal_name;
    case Field::file_name:
      return a.file_name;
    case Field::file_path:
      return a.file_path;
    case Field::sha1:
      return a.sha1;
    case Field::sha256:
      return a.sha256;
    case Field::md5:
      return a.md5;
    case Field::command_line:
      return a.command_line;
    case Field::ip_address:
      return a.ip_address;
    case Field::url:
      return a.url;
    case Field::remediation_action:
      return a.remediation_action;
    case Field::remediation_succeeded:
      return a.remediation_succeeded;
    case Field::was_executing_while_detected:
      return a.was_executing_while_detected;
    case Field::json:
      return a.raw_json;
  }
  return std::string_view{};  // a value outside the enumeration
}

void visit_fields(const Alert &alert, const std::function<void(size_t index, std::string_view value)> &emit) {
  std::string scratch;  // one buffer for the values that must be rendered
  for (size_t index = 0; index < names.size(); ++index) {
    std::visit(Overloaded{
                   [&](std::string_view text) {
                     if (!text.empty()) emit(index, text);
                   },
                   [&](const std::optional<Instant> &time) {
                     if (!time) return;
                     scratch = format_instant(*time);
                     emit(index, scratch);
                   },
                   [&](std::span<const std::string> items) {
                     scratch.clear();
                     for (const std::string &item : items) {
                       if (item.empty()) continue;
                       if (!scratch.empty()) scratch += ',';
                       scratch += item;
                     }
                     if (!scratch.empty()) emit(index, scratch);
                   },
                   [&](const std::optional<bool> &yes) {
                     if (yes) emit(index, *yes ? "true" : "false");
                   },
               },
               field_value(alert, static_cast<Field>(index)));
  }
}

}  // namespace defender

#include "fields.h"

#include <array>

#include "overloaded.h"

namespace defender {
namespace {

constexpr auto names = std::to_array<std::string_view>({
#define DEFENDER_FIELD(name) #name,
#include "field_list.h"
});

constexpr auto alert_field_order = std::to_array<Field>({
#define DEFENDER_FIELD(name) Field::name,
#define DEFENDER_INCIDENT_ONLY_FIELD(name)
#include "field_list.h"
});

constexpr auto incident_field_order = std::to_array<Field>({
#define DEFENDER_INCIDENT_FIELD(name) Field::name,
#include "incident_field_list.h"
});

std::optional<Instant> comment_time(const Incident &incident) {
  return incident.latest_comment ? incident.latest_comment->created : std::nullopt;
}

// Renders a field's value as text and hands it to emit when it is given; scratch holds what must be rendered.
void emit_value(const FieldValue &value, size_t index, const EmitField &emit, std::string &scratch) {
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
                 [&](const std::optional<int64_t> &number) {
                   if (!number) return;
                   scratch = std::to_string(*number);
                   emit(index, scratch);
                 },
             },
             value);
}

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
    case Field::display_name:
    case Field::summary:
    case Field::redirect_incident_id:
    case Field::custom_tags:
    case Field::system_tags:
    case Field::last_modified_by:
    case Field::resolving_comment:
    case Field::priority_score:
    case Field::comment_count:
    case Field::latest_comment:
    case Field::latest_comment_author:
    case Field::latest_comment_time:
    case Field::alert_count:
    case Field::alert_ids:
    case Field::alert_titles:
    case Field::devices:
    case Field::users:
      break;  // an incident's only
  }
  return std::string_view{};  // a value outside the enumeration
}

std::span<const Field> alert_fields() { return alert_field_order; }

std::span<const Field> incident_fields() { return incident_field_order; }

FieldValue field_value(const Incident &i, Field field) {
  switch (field) {
    case Field::id:
      return i.id;
    case Field::display_name:
      return i.display_name;
    case Field::description:
      return i.description;
    case Field::summary:
      return i.summary;
    case Field::severity:
      return severity_name(i.severity);
    case Field::severity_text:
      return i.severity_text;
    case Field::updated:
      return std::optional<Instant>(i.updated);
    case Field::created:
      return i.created;
    case Field::status:
      return i.status;
    case Field::classification:
      return i.classification;
    case Field::determination:
      return i.determination;
    case Field::assigned_to:
      return i.assigned_to;
    case Field::tenant_id:
      return i.tenant_id;
    case Field::incident_url:
      return i.web_url;
    case Field::redirect_incident_id:
      return i.redirect_incident_id;
    case Field::custom_tags:
      return std::span<const std::string>(i.custom_tags);
    case Field::system_tags:
      return std::span<const std::string>(i.system_tags);
    case Field::last_modified_by:
      return i.last_modified_by;
    case Field::resolving_comment:
      return i.resolving_comment;
    case Field::priority_score:
      return i.priority_score;
    case Field::comment_count:
      return std::optional<int64_t>(static_cast<int64_t>(i.comment_count));
    case Field::latest_comment:
      return i.latest_comment ? std::string_view(i.latest_comment->text) : std::string_view();
    case Field::latest_comment_author:
      return i.latest_comment ? std::string_view(i.latest_comment->author) : std::string_view();
    case Field::latest_comment_time:
      return comment_time(i);
    case Field::alert_count:
      // Known only when the alerts were expanded: without them the API says nothing of how many there are.
      return i.alerts_expanded ? std::optional<int64_t>(static_cast<int64_t>(i.alert_ids.size())) : std::nullopt;
    case Field::alert_ids:
      return std::span<const std::string>(i.alert_ids);
    case Field::alert_titles:
      return std::span<const std::string>(i.alert_titles);
    case Field::mitre_techniques:
      return std::span<const std::string>(i.mitre_techniques);
    case Field::devices:
      return std::span<const std::string>(i.devices);
    case Field::users:
      return std::span<const std::string>(i.users);
    case Field::json:
      return i.raw_json;
    default:
      return std::string_view{};  // an alert's field
  }
}

void visit_fields(const Alert &alert, const EmitField &emit) {
  std::string scratch;  // one buffer for the values that must be rendered
  for (const Field field : alert_field_order)
    emit_value(field_value(alert, field), static_cast<size_t>(field), emit, scratch);
}

void visit_fields(const Incident &incident, const EmitField &emit) {
  std::string scratch;
  for (const Field field : incident_field_order)
    emit_value(field_value(incident, field), static_cast<size_t>(field), emit, scratch);
}

void visit_fields(const Record &record, const EmitField &emit) {
  std::visit([&](const auto &item) { visit_fields(item, emit); }, record);
}

}  // namespace defender

#include "apis/incidents/incident_adapter.h"

#include <algorithm>
#include <string_view>

#include "apis/graph/graph_adapter.h"
#include "json/json_access.h"

namespace defender {
namespace {

using json::member;
using json::text;

void add_once(std::vector<std::string> &values, const std::string &value) {
  if (value.empty() || std::find(values.begin(), values.end(), value) != values.end()) return;
  values.push_back(value);
}

// The newest comment by its time; of comments without a time, or with the same time, the last one listed.
void take_comments(Incident &incident, const rapidjson::Value &comments) {
  if (!comments.IsArray()) return;
  for (const auto &entry : comments.GetArray()) {
    if (!entry.IsObject()) continue;
    ++incident.comment_count;
    IncidentComment comment{text(entry, "comment"), text(entry, "createdByDisplayName"),
                            json::instant(entry, "createdDateTime")};
    const auto &latest = incident.latest_comment;
    if (!latest || !latest->created || (comment.created && *comment.created >= *latest->created))
      incident.latest_comment = std::move(comment);
  }
}

void take_alerts(Incident &incident, const rapidjson::Value &alerts) {
  if (!alerts.IsArray()) return;
  incident.alerts_expanded = true;
  for (const auto &object : alerts.GetArray()) {
    const std::optional<Alert> alert = adapt_graph_alert(object);
    // An alert listed twice is one alert: what it names is taken once.
    if (!alert ||
        std::find(incident.alert_ids.begin(), incident.alert_ids.end(), alert->id) != incident.alert_ids.end())
      continue;
    incident.alert_ids.push_back(alert->id);
    add_once(incident.alert_titles, alert->title);
    for (const std::string &technique : alert->mitre_techniques) add_once(incident.mitre_techniques, technique);
    add_once(incident.devices, alert->host);
    if (!alert->user_principal_name.empty())
      add_once(incident.users, alert->user_principal_name);
    else if (!alert->user_name.empty())
      add_once(incident.users,
               alert->user_domain.empty() ? alert->user_name : alert->user_domain + "\\" + alert->user_name);
  }
}

std::optional<int64_t> whole_number(const rapidjson::Value *value) {
  if (!value || !value->IsInt64()) return std::nullopt;
  return value->GetInt64();
}

}  // namespace

std::optional<Incident> adapt_incident(const rapidjson::Value &object) {
  if (!object.IsObject()) return std::nullopt;
  const rapidjson::Value *id = member(object, "id");
  const auto updated = json::instant(object, "lastUpdateDateTime");
  if (!id || !id->IsString() || id->GetStringLength() == 0 || !updated) return std::nullopt;

  Incident incident;
  incident.id.assign(id->GetString(), id->GetStringLength());
  incident.updated = *updated;
  incident.created = json::instant(object, "createdDateTime");
  incident.tenant_id = text(object, "tenantId");
  incident.display_name = text(object, "displayName");
  incident.description = text(object, "description");
  incident.summary = text(object, "summary");
  incident.severity_text = text(object, "severity");
  incident.severity = json::severity_from(incident.severity_text);
  incident.status = text(object, "status");
  incident.classification = text(object, "classification");
  incident.determination = text(object, "determination");
  incident.assigned_to = text(object, "assignedTo");
  incident.web_url = text(object, "incidentWebUrl");
  incident.redirect_incident_id = text(object, "redirectIncidentId");
  incident.custom_tags = json::strings(object, "customTags");
  incident.system_tags = json::strings(object, "systemTags");
  incident.last_modified_by = text(object, "lastModifiedBy");
  incident.resolving_comment = text(object, "resolvingComment");
  incident.priority_score = whole_number(member(object, "priorityScore"));
  if (const rapidjson::Value *comments = member(object, "comments")) take_comments(incident, *comments);
  if (const rapidjson::Value *alerts = member(object, "alerts")) take_alerts(incident, *alerts);
  return incident;
}

}  // namespace defender

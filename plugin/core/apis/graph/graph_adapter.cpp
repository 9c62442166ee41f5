#include "apis/graph/graph_adapter.h"

#include <string_view>

#include "json/json_access.h"

namespace defender {
namespace {

using json::member;
using json::text;

constexpr std::string_view evidence_prefix = "#microsoft.graph.security.";

std::string_view evidence_type(const rapidjson::Value &evidence) {
  const rapidjson::Value *type = member(evidence, "@odata.type");
  if (!type || !type->IsString()) return {};
  std::string_view name(type->GetString(), type->GetStringLength());
  if (name.substr(0, evidence_prefix.size()) == evidence_prefix) name.remove_prefix(evidence_prefix.size());
  return name;
}

void set_if_empty(std::string &field, std::string value) {
  if (field.empty()) field = std::move(value);
}

void take_user(Alert &alert, const rapidjson::Value &account) {
  if (!alert.user_name.empty()) return;
  alert.user_name = text(account, "accountName");
  alert.user_domain = text(account, "domainName");
  alert.user_principal_name = text(account, "userPrincipalName");
}

void take_file(Alert &alert, const rapidjson::Value &file) {
  if (!alert.file_name.empty()) return;
  alert.file_name = text(file, "fileName");
  alert.file_path = text(file, "filePath");
  alert.sha1 = text(file, "sha1");
  alert.sha256 = text(file, "sha256");
  alert.md5 = text(file, "md5");
}

std::string logged_on_users(const rapidjson::Value &device) {
  std::string out;
  const rapidjson::Value *users = member(device, "loggedOnUsers");
  if (!users || !users->IsArray()) return out;
  for (const auto &user : users->GetArray()) {
    const std::string domain = text(user, "domainName");
    const std::string name = text(user, "accountName");
    if (name.empty()) continue;
    if (!out.empty()) out += "; ";
    out += domain.empty() ? name : domain + "\\" + name;
  }
  return out;
}

// Which evidence feeds which field (config/mapping.md): the first device gives the host; a file's details
// win over a process image for the file fields, as Microsoft's SIEM-to-Graph mapping lists them; the
// first user evidence wins over a process's account; the first ip and url evidence give src and request.
void take_evidence(Alert &alert, const rapidjson::Value &list) {
  if (!list.IsArray()) return;
  const rapidjson::Value *first_process = nullptr;
  for (const auto &evidence : list.GetArray()) {
    const std::string_view type = evidence_type(evidence);
    if (type == "deviceEvidence") {
      if (alert.host.empty()) {
        alert.host = text(evidence, "deviceDnsName");
        alert.device_id = text(evidence, "mdeDeviceId");
        alert.machine_group = text(evidence, "rbacGroupName");
        alert.logged_on_users = logged_on_users(evidence);
      }
    } else if (type == "fileEvidence") {
      if (const rapidjson::Value *details = member(evidence, "fileDetails")) take_file(alert, *details);
    } else if (type == "processEvidence") {
      if (!first_process) first_process = &evidence;
    } else if (type == "userEvidence") {
      if (const rapidjson::Value *account = member(evidence, "userAccount")) take_user(alert, *account);
    } else if (type == "ipEvidence") {
      set_if_empty(alert.ip_address, text(evidence, "ipAddress"));
    } else if (type == "urlEvidence") {
      set_if_empty(alert.url, text(evidence, "url"));
    }
  }
  if (first_process) {
    set_if_empty(alert.command_line, text(*first_process, "processCommandLine"));
    if (const rapidjson::Value *image = member(*first_process, "imageFile")) take_file(alert, *image);
    if (const rapidjson::Value *account = member(*first_process, "userAccount")) take_user(alert, *account);
  }
}

}  // namespace

std::optional<Alert> adapt_graph_alert(const rapidjson::Value &object) {
  if (!object.IsObject()) return std::nullopt;
  const rapidjson::Value *id = member(object, "id");
  const auto updated = json::instant(object, "lastUpdateDateTime");
  if (!id || !id->IsString() || id->GetStringLength() == 0 || !updated) return std::nullopt;

  Alert alert;
  alert.id.assign(id->GetString(), id->GetStringLength());
  alert.updated = *updated;
  alert.created = json::instant(object, "createdDateTime");
  alert.first_activity = json::instant(object, "firstActivityDateTime");
  alert.last_activity = json::instant(object, "lastActivityDateTime");
  alert.resolved = json::instant(object, "resolvedDateTime");
  alert.title = text(object, "title");
  alert.description = text(object, "description");
  alert.category = text(object, "category");
  alert.severity_text = text(object, "severity");
  alert.severity = json::severity_from(alert.severity_text);
  alert.status = text(object, "status");
  alert.classification = text(object, "classification");
  alert.determination = text(object, "determination");
  alert.service_source = text(object, "serviceSource");
  alert.detection_source = text(object, "detectionSource");
  alert.detector_id = text(object, "detectorId");
  alert.provider_alert_id = text(object, "providerAlertId");
  alert.threat_name = text(object, "threatDisplayName");
  alert.threat_family = text(object, "threatFamilyName");
  alert.actor = text(object, "actorDisplayName");
  alert.mitre_techniques = json::strings(object, "mitreTechniques");
  alert.incident_id = text(object, "incidentId");
  alert.incident_url = text(object, "incidentWebUrl");
  alert.alert_url = text(object, "alertWebUrl");
  alert.assigned_to = text(object, "assignedTo");
  alert.tenant_id = text(object, "tenantId");
  alert.recommended_actions = text(object, "recommendedActions");
  if (const rapidjson::Value *evidence = member(object, "evidence")) take_evidence(alert, *evidence);
  return alert;
}

}  // namespace defender

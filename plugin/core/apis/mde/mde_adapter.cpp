#include "apis/mde/mde_adapter.h"

#include <array>
#include <span>
#include <string_view>

#include "json/json_access.h"

namespace defender {
namespace {

using json::member;
using json::text;

using json::TextMember;

// The alert's own members that are text as they stand (Microsoft's Alert resource type). Enumerations keep their
// PascalCase: they are the API's words, and the SIEM sees what the portal shows.
constexpr std::array alert_members{
    TextMember{"title", &Alert::title},
    TextMember{"description", &Alert::description},
    TextMember{"category", &Alert::category},
    TextMember{"severity", &Alert::severity_text},
    TextMember{"status", &Alert::status},
    TextMember{"classification", &Alert::classification},
    TextMember{"determination", &Alert::determination},
    TextMember{"detectionSource", &Alert::detection_source},
    TextMember{"detectorId", &Alert::detector_id},
    TextMember{"threatName", &Alert::threat_name},
    TextMember{"threatFamilyName", &Alert::threat_family},
    TextMember{"incidentId", &Alert::incident_id},  // a number: kept as its decimal text
    TextMember{"assignedTo", &Alert::assigned_to},
    TextMember{"aadTenantId", &Alert::tenant_id},
    TextMember{"computerDnsName", &Alert::host},
    TextMember{"machineId", &Alert::device_id},
    TextMember{"rbacGroupName", &Alert::machine_group},
};

// Fields that one object fills together, so that they always describe one user or one file. An object fills its
// group while the group's first field (the user's or the file's name) is still empty, so the first object that
// names a user or a file is the one kept.
constexpr std::array evidence_account{
    TextMember{"accountName", &Alert::user_name},
    TextMember{"domainName", &Alert::user_domain},
    TextMember{"userPrincipalName", &Alert::user_principal_name},
};
constexpr std::array related_user{
    TextMember{"userName", &Alert::user_name},
    TextMember{"domainName", &Alert::user_domain},
    TextMember{"userPrincipalName", &Alert::user_principal_name},
};
constexpr std::array evidence_file{
    TextMember{"fileName", &Alert::file_name},
    TextMember{"filePath", &Alert::file_path},
    TextMember{"sha1", &Alert::sha1},
    TextMember{"sha256", &Alert::sha256},
};

void take_group(Alert &alert, const rapidjson::Value &object, std::span<const TextMember> group) {
  if (!(alert.*group.front().field).empty()) return;
  for (const TextMember &m : group) alert.*m.field = text(object, m.name);
}

// Documented as a String, returned as an array of strings: either is read.
std::vector<std::string> techniques(const rapidjson::Value &object) {
  const rapidjson::Value *v = member(object, "mitreTechniques");
  if (v && v->IsString()) {
    std::string one = text(v);
    return one.empty() ? std::vector<std::string>{} : std::vector<std::string>{std::move(one)};
  }
  return json::strings(object, "mitreTechniques");
}

void set_if_empty(std::string &field, std::string value) {
  if (field.empty()) field = std::move(value);
}

// The related user: an object {userName, domainName} in practice, a String in the documentation.
void take_related_user(Alert &alert, const rapidjson::Value &object) {
  const rapidjson::Value *user = member(object, "relatedUser");
  if (!user) return;
  if (user->IsObject())
    take_group(alert, *user, related_user);
  else
    set_if_empty(alert.user_name, text(user));
}

// Which evidence feeds which field (config/mapping.md), in the spirit of the Graph adapter: user evidence, else
// the related user, else the first process's account; file evidence, else the first process's image; the first
// process gives the command line; the first ip and url evidence give src and request. The device is the alert's
// own (computerDnsName, machineId), so no evidence is needed for it.
void take_evidence(Alert &alert, const rapidjson::Value &object) {
  const rapidjson::Value *first_process = nullptr;
  if (const rapidjson::Value *list = member(object, "evidence"); list && list->IsArray()) {
    for (const auto &evidence : list->GetArray()) {
      const std::string type = text(evidence, "entityType");
      if (json::equal_ignoring_case(type, "User")) {
        take_group(alert, evidence, evidence_account);
      } else if (json::equal_ignoring_case(type, "File")) {
        take_group(alert, evidence, evidence_file);
      } else if (json::equal_ignoring_case(type, "Process")) {
        if (!first_process) first_process = &evidence;
      } else if (json::equal_ignoring_case(type, "Ip")) {
        set_if_empty(alert.ip_address, text(evidence, "ipAddress"));
      } else if (json::equal_ignoring_case(type, "Url")) {
        set_if_empty(alert.url, text(evidence, "url"));
      }
    }
  }
  take_related_user(alert, object);
  if (first_process) {
    set_if_empty(alert.command_line, text(*first_process, "processCommandLine"));
    take_group(alert, *first_process, evidence_file);
    take_group(alert, *first_process, evidence_account);
  }
}

}  // namespace

std::optional<Alert> adapt_mde_alert(const rapidjson::Value &object) {
  if (!object.IsObject()) return std::nullopt;
  const rapidjson::Value *id = member(object, "id");
  const auto updated = json::instant(object, "lastUpdateTime");
  if (!id || !id->IsString() || id->GetStringLength() == 0 || !updated) return std::nullopt;

  Alert alert;
  alert.id = text(id);
  alert.updated = *updated;
  alert.created = json::instant(object, "alertCreationTime");
  alert.first_activity = json::instant(object, "firstEventTime");
  alert.last_activity = json::instant(object, "lastEventTime");
  alert.resolved = json::instant(object, "resolvedTime");
  for (const TextMember &m : alert_members) alert.*m.field = text(object, m.name);
  alert.severity = json::severity_from(alert.severity_text);
  alert.service_source = "microsoftDefenderForEndpoint";
  alert.mitre_techniques = techniques(object);
  take_evidence(alert, object);
  return alert;
}

}  // namespace defender

#include "apis/siem/siem_adapter.h"

#include <array>
#include <string_view>

#include "json/json_access.h"

namespace defender {
namespace {

using json::member_ignoring_case;
using json::text;
using json::TextMember;

// The record's text members (the API's documented sample). Where a field has several spellings, or a newer and an
// older source, they are listed in order of preference: a later one fills the field only if it is still empty.
// Links prefer the current portal (security.microsoft.com), as Graph's alertWebUrl and incidentWebUrl do; the
// host is the FQDN, as Graph's deviceDnsName and the CEF standard's shost are, else the short machine name.
constexpr std::array record_members{
    TextMember{"FullId", &Alert::record_id},
    TextMember{"AlertTitle", &Alert::title},
    TextMember{"Description", &Alert::description},
    TextMember{"Category", &Alert::category},
    TextMember{"Severity", &Alert::severity_text},
    TextMember{"Source", &Alert::detection_source},
    TextMember{"IoaDefinitionId", &Alert::detector_id},
    TextMember{"IoaDefinitiondId", &Alert::detector_id},  // the 2017 sample's spelling
    TextMember{"ThreatName", &Alert::threat_name},
    TextMember{"ThreatFamily", &Alert::threat_family},
    TextMember{"ThreatFamilyName", &Alert::threat_family},  // Microsoft's mapping table's spelling
    TextMember{"ThreatCategory", &Alert::threat_category},
    TextMember{"Actor", &Alert::actor},
    TextMember{"LinkToMTP", &Alert::alert_url},
    TextMember{"LinkToWDATP", &Alert::alert_url},
    TextMember{"IncidentLinkToMTP", &Alert::incident_url},
    TextMember{"IncidentLinkToWDATP", &Alert::incident_url},
    TextMember{"ComputerDnsName", &Alert::host},
    TextMember{"MachineName", &Alert::host},
    TextMember{"MachineDomain", &Alert::machine_domain},
    TextMember{"DeviceID", &Alert::device_id},
    TextMember{"MachineGroup", &Alert::machine_group},
    TextMember{"LogOnUsers", &Alert::logged_on_users},
    TextMember{"UserName", &Alert::user_name},
    TextMember{"UserDomain", &Alert::user_domain},
    TextMember{"FileName", &Alert::file_name},
    TextMember{"FilePath", &Alert::file_path},
    TextMember{"Sha1", &Alert::sha1},
    TextMember{"Sha256", &Alert::sha256},
    TextMember{"Md5", &Alert::md5},
    TextMember{"CommandLine", &Alert::command_line},
    TextMember{"IpAddress", &Alert::ip_address},
    TextMember{"Url", &Alert::url},
    TextMember{"RemediationAction", &Alert::remediation_action},
};

bool is_hex(std::string_view s) {
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  return true;
}

// FileHash repeats one of the hashes ("use sha1 or sha256", Microsoft's mapping says); its length tells which, and
// it fills that hash only when the record left it empty.
void take_file_hash(Alert &alert, const std::string &hash) {
  if (!is_hex(hash)) return;
  std::string *slot = nullptr;
  switch (hash.size()) {
    case 32:
      slot = &alert.md5;
      break;
    case 40:
      slot = &alert.sha1;
      break;
    case 64:
      slot = &alert.sha256;
      break;
    default:
      return;
  }
  if (slot->empty()) *slot = hash;
}

}  // namespace

std::optional<Alert> adapt_siem_record(const rapidjson::Value &object) {
  if (!object.IsObject()) return std::nullopt;
  const rapidjson::Value *id = member_ignoring_case(object, "AlertId");
  const auto updated = json::instant(member_ignoring_case(object, "LastProcessedTimeUtc"));
  if (!id || !id->IsString() || id->GetStringLength() == 0 || !updated) return std::nullopt;

  Alert alert;
  alert.id = text(id);
  alert.updated = *updated;
  alert.created = json::instant(member_ignoring_case(object, "AlertTime"));
  for (const TextMember &m : record_members) {
    std::string &field = alert.*m.field;
    if (field.empty()) field = text(member_ignoring_case(object, m.name));
  }
  take_file_hash(alert, text(member_ignoring_case(object, "FileHash")));
  alert.severity = json::severity_from(alert.severity_text);
  alert.service_source = "microsoftDefenderForEndpoint";
  alert.remediation_succeeded = json::boolean(member_ignoring_case(object, "RemediationIsSuccess"));
  alert.was_executing_while_detected = json::boolean(member_ignoring_case(object, "WasExecutingWhileDetected"));
  return alert;
}

}  // namespace defender

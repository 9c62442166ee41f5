// The normalized alert: what every API adapter produces and every formatter consumes.
// Plain data. Strings are UTF-8; an empty string means the API did not say.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "instant.h"

namespace defender {

enum class Severity { unknown, informational, low, medium, high };

struct Alert {
  // Identity of this version: an alert is re-emitted whenever it changes, and (id, updated) names the version.
  std::string id;
  Instant updated;  // Graph lastUpdateDateTime, alerts API lastUpdateTime, SIEM API LastProcessedTimeUtc
  // What names a version together with `updated` when the id alone does not: the SIEM API writes several records
  // per alert (its FullId, "<AlertId>:<IocUniqueId>"). Empty means the id.
  std::string record_id;

  std::optional<Instant> created;
  std::optional<Instant> first_activity;
  std::optional<Instant> last_activity;
  std::optional<Instant> resolved;

  std::string title;
  std::string description;
  std::string category;
  Severity severity = Severity::unknown;
  std::string severity_text;  // as the API wrote it, so unknown values are not lost
  std::string status;
  std::string classification;
  std::string determination;
  std::string service_source;  // Graph's serviceSource value; microsoftDefenderForEndpoint for the other APIs
  std::string detection_source;
  std::string detector_id;  // Graph detectorId, alerts API detectorId, SIEM IoaDefinitionId
  std::string provider_alert_id;
  std::string threat_name;
  std::string threat_family;
  std::string threat_category;  // SIEM ThreatCategory
  std::string actor;
  std::vector<std::string> mitre_techniques;
  std::string incident_id;
  std::string incident_url;
  std::string alert_url;
  std::string assigned_to;
  std::string tenant_id;
  std::string recommended_actions;

  // Chosen from the evidence (see config/mapping.md for which evidence feeds which field).
  std::string host;  // device DNS name
  std::string device_id;
  std::string machine_group;
  std::string machine_domain;  // SIEM MachineDomain
  std::string logged_on_users;
  std::string user_name;
  std::string user_domain;
  std::string user_principal_name;
  std::string file_name;
  std::string file_path;
  std::string sha1;
  std::string sha256;
  std::string md5;
  std::string command_line;
  std::string ip_address;
  std::string url;
  // What the antivirus did, as the SIEM API reports it; not given by the other APIs at alert level.
  std::string remediation_action;
  std::optional<bool> remediation_succeeded;
  std::optional<bool> was_executing_while_detected;

  // The alert object exactly as the API returned it, compacted to one line of valid UTF-8.
  std::string raw_json;
};

}  // namespace defender

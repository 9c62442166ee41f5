// The normalized incident (Microsoft Graph security incidents): what the incidents adapter produces and the
// formatters consume beside the alert. Plain data. Strings are UTF-8; an empty string means the API did not say.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "alert.h"
#include "instant.h"

namespace defender {

struct IncidentComment {
  std::string text;
  std::string author;  // createdByDisplayName
  std::optional<Instant> created;
};

struct Incident {
  // Identity of this version: an incident is re-emitted whenever it changes, and (id, updated) names the version.
  std::string id;
  Instant updated;  // lastUpdateDateTime
  std::optional<Instant> created;

  std::string tenant_id;
  std::string display_name;
  std::string description;
  std::string summary;
  Severity severity = Severity::unknown;
  std::string severity_text;  // as the API wrote it, so unknown values are not lost
  std::string status;         // active, inProgress, resolved, redirected, awaitingAction, ...
  std::string classification;
  std::string determination;
  std::string assigned_to;
  std::string web_url;               // incidentWebUrl
  std::string redirect_incident_id;  // the incident this one was merged into; set when status is redirected
  std::vector<std::string> custom_tags;
  std::vector<std::string> system_tags;
  std::string last_modified_by;
  std::string resolving_comment;
  std::optional<int64_t> priority_score;  // 0..100; absent when the service computed none

  size_t comment_count = 0;
  std::optional<IncidentComment> latest_comment;

  // From $expand=alerts, when asked for and served: the incident's alerts, and what they name together, each
  // value once, in the order the alerts give them.
  bool alerts_expanded = false;
  std::vector<std::string> alert_ids;
  std::vector<std::string> alert_titles;
  std::vector<std::string> mitre_techniques;
  std::vector<std::string> devices;  // device DNS names
  std::vector<std::string> users;    // user principal names, else domain\name

  // The incident object exactly as the API returned it, compacted to one line of valid UTF-8.
  std::string raw_json;
};

}  // namespace defender

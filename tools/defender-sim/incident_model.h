#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "alert_model.h"

namespace sim {

// One incident as Graph's security API models it (microsoft.graph.security.incident), and the alerts in it. Some
// fields are the incident's own (status, owner, verdict, comments, tags), others follow its alerts (severity, name,
// summary, system tags).
struct Incident {
  std::string id;
  std::uint64_t number = 0;  // the id as a number: draws about the incident are made from it
  std::string tenant_id;
  std::string display_name;
  OptString description;
  std::string summary;
  std::string severity;
  std::string status;  // active, inProgress, resolved, redirected
  std::string classification;
  std::string determination;
  OptString assigned_to;
  Ticks created = 0;
  Ticks last_update = 0;
  std::string incident_web_url;
  OptString redirect_incident_id;
  std::vector<std::string> custom_tags;
  std::vector<std::string> system_tags;
  std::vector<AlertComment> comments;
  std::string last_modified_by;
  OptString resolving_comment;
  std::optional<std::int64_t> priority_score;
  std::vector<std::string> alert_ids;  // in the order they joined; none once it is redirected
  std::size_t updates = 0;             // its own updates so far: the number of the next one
};

}  // namespace sim

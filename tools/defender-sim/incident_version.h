#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "incident_model.h"
#include "odata_filter.h"

namespace sim {

// One version of an incident as served: rendered once, then only copied into pages.
struct IncidentVersion {
  std::string id;
  std::string last_update_text;  // exactly as in the JSON
  FilterFields fields;           // its filterable properties (status among them), in the alerts' vocabulary
  std::optional<std::string> redirect_incident_id;
  std::vector<std::string> alert_ids;
  std::string json;  // without its alerts
};

using IncidentPtr = std::shared_ptr<const IncidentVersion>;

IncidentPtr make_incident_version(const Incident &incident);

// An incident version and when it is to become visible (its time plus any ingestion delay).
struct ScheduledIncident {
  IncidentPtr version;
  Ticks visible_at = 0;
};

}  // namespace sim

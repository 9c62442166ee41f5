#pragma once

#include "odata_filter.h"

namespace sim {

// microsoft.graph.security.alert on alerts_v2 (docs/microsoft-apis.md, "Graph alerts_v2"): createdDateTime,
// lastUpdateDateTime and six enums or texts.
const FilterSchema &graph_filter_schema();

// microsoft.graph.security.incident on security/incidents: the seven properties Graph documents as filterable
// (createdDateTime, lastUpdateDateTime, severity, status, classification, determination, assignedTo).
const FilterSchema &incident_filter_schema();

// The Defender for Endpoint alert on /api/alerts (docs/microsoft-apis.md, "Defender for Endpoint alerts API"):
// lastUpdateTime, alertCreationTime, and status, severity, category, detectionSource, assignedTo in that API's
// spellings.
const FilterSchema &mde_filter_schema();

}  // namespace sim

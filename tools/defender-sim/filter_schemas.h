#pragma once

#include "odata_filter.h"

namespace sim {

// microsoft.graph.security.alert on alerts_v2 (GLIST): createdDateTime, lastUpdateDateTime and six enums or texts.
const FilterSchema& graph_filter_schema();

// The Defender for Endpoint alert on /api/alerts (GETAL): lastUpdateTime, alertCreationTime, and status, severity,
// category, detectionSource, assignedTo in that API's spellings.
const FilterSchema& mde_filter_schema();

}  // namespace sim

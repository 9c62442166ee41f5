#pragma once

#include <string>

#include "alert_model.h"

namespace sim {

// The alert as Graph's security/alerts_v2 returns it (one element of "value"), property order as in the docs.
std::string render_graph_alert(const Alert &alert);

}  // namespace sim

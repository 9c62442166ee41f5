#pragma once

#include <string>
#include <vector>

#include "alert_model.h"
#include "json_writer.h"

namespace sim {

// The alert as Graph's security/alerts_v2 returns it (one element of "value"), property order as in the docs.
std::string render_graph_alert(const Alert &alert);
// The "comments" member, as alerts_v2 and incidents both write it.
void write_graph_comments(JsonWriter &w, const std::vector<AlertComment> &comments);

}  // namespace sim

#pragma once

#include <string>

#include "incident_model.h"

namespace sim {

// The incident as Graph's security/incidents returns it (one element of "value"), without its alerts: with
// $expand=alerts they are spliced in as the last member.
std::string render_incident(const Incident &incident);

}  // namespace sim

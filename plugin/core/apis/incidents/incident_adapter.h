// Microsoft Graph security incidents JSON -> Incident.
#pragma once

#include <rapidjson/document.h>

#include <optional>

#include "incident.h"

namespace defender {

// Nothing when the object lacks what places a version: a string "id" and a valid "lastUpdateDateTime".
// raw_json is left for the caller, who owns the text the object was parsed from. The expanded alerts, when the
// object carries an "alerts" array, are read with the Graph alert adapter.
std::optional<Incident> adapt_incident(const rapidjson::Value &object);

}  // namespace defender

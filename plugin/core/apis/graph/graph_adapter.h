// Microsoft Graph security alerts_v2 JSON -> Alert.
#pragma once

#include <rapidjson/document.h>

#include <optional>

#include "alert.h"

namespace defender {

// Nothing when the object lacks what places a version: a string "id" and a valid "lastUpdateDateTime".
// raw_json is left for the caller, who owns the text the object was parsed from.
std::optional<Alert> adapt_graph_alert(const rapidjson::Value &object);

}  // namespace defender

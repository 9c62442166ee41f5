// Defender for Endpoint Alerts API (/api/alerts, with $expand=evidence) JSON -> Alert.
#pragma once

#include <rapidjson/document.h>

#include <optional>

#include "alert.h"

namespace defender {

// Nothing when the object lacks what places a version: a string "id" and a valid "lastUpdateTime".
// raw_json is left for the caller, who owns the text the object was parsed from. This API names no alert URL,
// so alert_url stays empty.
std::optional<Alert> adapt_mde_alert(const rapidjson::Value &object);

}  // namespace defender

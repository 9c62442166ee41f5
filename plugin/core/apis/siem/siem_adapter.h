// Legacy SIEM API (wdatp-alertexporter) record JSON -> Alert.
#pragma once

#include <rapidjson/document.h>

#include <optional>

#include "alert.h"

namespace defender {

// Nothing when the record lacks what places a version: a string "AlertId" and a valid "LastProcessedTimeUtc".
// Names match in any case, and an empty string means "not given", as the API writes absent values.
// raw_json is left for the caller, who owns the text the record was parsed from.
std::optional<Alert> adapt_siem_record(const rapidjson::Value &object);

}  // namespace defender

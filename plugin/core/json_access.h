// Tolerant reads from an API's JSON: a missing member, a null or an unexpected type reads as "not given",
// never as an error, because the APIs add, drop and retype fields over time.
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alert.h"
#include "instant.h"

namespace defender::json {

const rapidjson::Value *member(const rapidjson::Value &object, std::string_view name);

// Strings as they are; numbers and booleans in their JSON spelling (incidentId is a number in one API and
// a string in another); anything else is empty.
std::string text(const rapidjson::Value &object, std::string_view name);
std::optional<Instant> instant(const rapidjson::Value &object, std::string_view name);
// Strings of an array, joined with ", ".
std::string joined(const rapidjson::Value &object, std::string_view name);
std::vector<std::string> strings(const rapidjson::Value &object, std::string_view name);

// Severity names of every API, in any case: Graph "high", alerts API "High", "UnSpecified".
Severity severity_from(std::string_view name);

}  // namespace defender::json

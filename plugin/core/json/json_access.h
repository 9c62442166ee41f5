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

// Null when absent or JSON null.
const rapidjson::Value *member(const rapidjson::Value &object, std::string_view name);
// The first member whose name equals name in ASCII case (the SIEM API's documentation and responses spell
// some names differently: IPAddress and IpAddress, ReportId and ReportID).
const rapidjson::Value *member_ignoring_case(const rapidjson::Value &object, std::string_view name);

// Strings as they are; numbers and booleans in their JSON spelling (incidentId is a number in one API and
// a string in another); anything else is empty.
std::string text(const rapidjson::Value &object, std::string_view name);
std::string text(const rapidjson::Value *value);
std::optional<Instant> instant(const rapidjson::Value &object, std::string_view name);
std::optional<Instant> instant(const rapidjson::Value *value);
// A JSON boolean, or the string true or false in any case; anything else is not given.
std::optional<bool> boolean(const rapidjson::Value *value);
// Strings of an array, joined with ", ".
std::string joined(const rapidjson::Value &object, std::string_view name);
std::vector<std::string> strings(const rapidjson::Value &object, std::string_view name);

bool equal_ignoring_case(std::string_view a, std::string_view b);

// A member of an API's object read as text (see text) into a field of the Alert: adapters list them in tables.
struct TextMember {
  std::string_view name;
  std::string Alert::*field;
};

// Severity names of every API, in any case: Graph "high", alerts API "High", "UnSpecified".
Severity severity_from(std::string_view name);

}  // namespace defender::json

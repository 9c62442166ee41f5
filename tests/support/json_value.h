// Comparing JSON texts as values, for the checks of the JSON format.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>

namespace defender::test {

// The value as compact JSON text.
std::string json_text(const rapidjson::Value &value);

// Whether both texts are one JSON value each and the same one: parsed, written back compactly and compared, so
// member order counts and repeated member names are compared one by one (RapidJSON's own equality looks each
// name up, which makes an object with a repeated name unequal to itself).
bool same_json_value(std::string_view a, std::string_view b);

}  // namespace defender::test

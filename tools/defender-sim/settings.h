#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sim {

// Named values in the one vocabulary the command line and the control API share: "--feed-rate 5" and
// {"feed-rate": 5} set the same thing, and a fault is "429:count=3,retry-after=2" or {"kind": "429", "count": 3,
// "retry-after": 2}.
using Settings = std::vector<std::pair<std::string, std::string>>;

struct SettingsParse {
  std::optional<Settings> settings;
  std::string error;
};

// "KIND[:key=value,...]": the kind becomes the setting "kind".
SettingsParse parse_spec(std::string_view spec);

// A JSON object: strings as they are, numbers and booleans as their JSON text.
SettingsParse parse_json_object(std::string_view json);

// A JSON array of objects, or one object, as one Settings each.
struct SettingsListParse {
  std::optional<std::vector<Settings>> list;
  std::string error;
};
SettingsListParse parse_json_objects(std::string_view json);

// "on"/"off", "true"/"false", "yes"/"no", "1"/"0".
std::optional<bool> parse_switch(std::string_view value);

}  // namespace sim

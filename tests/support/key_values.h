// key=value pairs in line order, as CEF extensions and LEEF attributes hold them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace defender::test {

using KeyValues = std::vector<std::pair<std::string, std::string>>;

// The value of the first pair with this key.
std::optional<std::string> value_of(const KeyValues &pairs, std::string_view key);

}  // namespace defender::test

#include "key_values.h"

namespace defender::test {

std::optional<std::string> value_of(const KeyValues &pairs, std::string_view key) {
  for (const auto &[k, v] : pairs)
    if (k == key) return v;
  return std::nullopt;
}

}  // namespace defender::test

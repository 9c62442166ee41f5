// What every format's mapping table (cef_mapping.h, leef_mapping.h) must be, checked at compile time: keys that
// both standards accept, one key per field, and limits that can hold the truncation marker.
#pragma once

#include <array>
#include <cstddef>

#include "text.h"

namespace defender {

// Numbers (times, yes-or-no, severity) are never cut: a limit of 0 says so in every table.
inline constexpr size_t uncut = 0;

// Key has key (std::string_view), limit (size_t) and source (Field).
template <class Key, size_t N>
constexpr bool keys_well_formed(const std::array<Key, N> &keys) {
  for (size_t i = 0; i < N; ++i) {
    if (!is_alphanumeric_word(keys[i].key)) return false;
    if (keys[i].limit != uncut && keys[i].limit < truncation_marker.size()) return false;
    for (size_t j = 0; j < i; ++j)
      if (keys[j].key == keys[i].key || keys[j].source == keys[i].source) return false;
  }
  return true;
}

}  // namespace defender

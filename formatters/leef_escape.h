// LEEF's treatment of text (IBM QRadar LEEF guide), shared by every LEEF line: alerts, incidents and stream records.
// LEEF defines no escape, so what would end a field becomes a space. Each is an Escaping for text.h's BoundedText;
// the attribute delimiter is replaced afterwards (neutralise_leef_delimiter), as it is chosen per line.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include "text.h"

namespace defender {

// Header fields: '|' ends a field, and no line break may appear.
struct LeefHeaderEscape {
  static constexpr bool passes(char c) { return c != '|'; }
  static void write(std::string &out, std::string_view bytes) {
    out += bytes == "|" || bytes == "\r" || bytes == "\n" ? std::string_view(" ") : bytes;
  }
};

// Attribute values: no line break may appear.
using LeefValueEscape = LineBreaksAsSpaces;

// The delimiter is ASCII and every byte of a multi-byte UTF-8 character is not, so replacing bytes is exact.
inline void neutralise_leef_delimiter(std::string &out, size_t start, char delimiter) {
  std::replace(out.begin() + static_cast<std::ptrdiff_t>(start), out.end(), delimiter, ' ');
}

}  // namespace defender

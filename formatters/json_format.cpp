#include "json_format.h"

#include "text.h"

namespace defender {
namespace {

// The code point of a line hazard (text.h): a well-formed UTF-8 character of at most 3 bytes.
char32_t code_point(std::string_view bytes) {
  const auto b = [&](size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(bytes[i])); };
  if (bytes.size() == 1) return b(0);
  if (bytes.size() == 2) return (b(0) & 0x1F) << 6 | (b(1) & 0x3F);
  return (b(0) & 0x0F) << 12 | (b(1) & 0x3F) << 6 | (b(2) & 0x3F);
}

void append_escape(std::string &out, char32_t cp) {
  constexpr std::string_view hex = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += hex[(cp >> shift) & 0xF];
}

}  // namespace

void append_json(const Alert &alert, std::string &out) {
  const std::string_view text = alert.raw_json;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = pos;
    while (end < text.size() && is_printable_ascii(text[end])) ++end;
    out.append(text.data() + pos, end - pos);
    pos = end;
    if (pos == text.size()) break;
    const TextUnit unit = next_utf8_character(text, pos);
    if (is_line_hazard(unit.bytes))
      append_escape(out, code_point(unit.bytes));
    else
      out += unit.bytes;
    pos += unit.consumed;
  }
}

}  // namespace defender

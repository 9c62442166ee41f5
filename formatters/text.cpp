#include "text.h"

namespace defender {
namespace {

constexpr std::string_view space = " ";

// Unicode's White_Space characters, each a well-formed UTF-8 character.
bool is_white_space(std::string_view c) {
  if (c.size() == 1) return c[0] == ' ' || (c[0] >= '\t' && c[0] <= '\r');
  if (c == "\xC2\x85" || c == "\xC2\xA0" || c == "\xE1\x9A\x80" || c == "\xE3\x80\x80") return true;
  // U+2000..U+200A, U+2028, U+2029, U+202F, U+205F
  if (c.size() != 3 || c[0] != '\xE2') return false;
  const auto second = static_cast<unsigned char>(c[1]), third = static_cast<unsigned char>(c[2]);
  if (second == 0x80) return third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF;
  return second == 0x81 && third == 0x9F;
}

}  // namespace

TextUnit next_utf8_character(std::string_view text, size_t pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) return {text.substr(pos, 1), 1};

  // Well-formed sequences (Unicode Table 3-7): the lead byte fixes the length and the range of the second byte,
  // which is how overlong forms, surrogates and code points above U+10FFFF are excluded.
  size_t length;
  unsigned char low = 0x80, high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead == 0xE0) {
    length = 3;
    low = 0xA0;
  } else if (lead == 0xED) {
    length = 3;
    high = 0x9F;
  } else if (lead >= 0xE1 && lead <= 0xEF) {
    length = 3;
  } else if (lead == 0xF0) {
    length = 4;
    low = 0x90;
  } else if (lead == 0xF4) {
    length = 4;
    high = 0x8F;
  } else if (lead >= 0xF1 && lead <= 0xF3) {
    length = 4;
  } else {
    return {replacement_character, 1};
  }

  for (size_t n = 1; n < length; ++n) {
    if (pos + n >= text.size()) return {replacement_character, n};
    const unsigned char b = byte(pos + n);
    if (b < low || b > high) return {replacement_character, n};
    low = 0x80;
    high = 0xBF;
  }
  return {text.substr(pos, length), length};
}

bool is_line_hazard(std::string_view c) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(c[i]); };
  if (c.size() == 1) return byte(0) < 0x20 || byte(0) == 0x7F;
  if (c.size() == 2) return byte(0) == 0xC2 && byte(1) < 0xA0;  // C1, U+0080..U+009F
  return c == "\xE2\x80\xA8" || c == "\xE2\x80\xA9";
}

bool is_blank(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    const TextUnit unit = next_utf8_character(text, pos);
    if (!is_white_space(unit.bytes)) return false;
    pos += unit.consumed;
  }
  return true;
}

TextUnit next_unusual_text_unit(std::string_view text, size_t pos) {
  const TextUnit unit = next_utf8_character(text, pos);
  if (unit.bytes == "\r" || unit.bytes == "\n" || !is_line_hazard(unit.bytes)) return unit;
  return {space, unit.consumed};
}

}  // namespace defender

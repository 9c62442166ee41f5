#include "text.h"

namespace defender {
namespace {

constexpr std::string_view space = " ";

}  // namespace

TextUnit next_unusual_text_unit(std::string_view text, size_t pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);

  if (lead < 0x80) {
    if (lead == '\r' || lead == '\n' || (lead >= 0x20 && lead < 0x7f)) return {text.substr(pos, 1), 1};
    return {space, 1};
  }

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

  // C1 controls, U+0080..U+009F: NEL (U+0085) in particular ends a line for some readers.
  if (lead == 0xC2 && byte(pos + 1) < 0xA0) return {space, 2};
  return {text.substr(pos, length), length};
}

}  // namespace defender

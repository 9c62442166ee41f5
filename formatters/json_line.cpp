#include "json_line.h"

#include <array>
#include <cstdint>
#include <cstring>

#include "text.h"

namespace defender {
namespace {

constexpr uint64_t each_byte(uint8_t b) { return 0x0101010101010101ULL * b; }

// Whether a byte of the word is below 0x20, DEL, a backslash or not ASCII (the classic SWAR tests: a byte is zero
// after subtracting one when it was zero before, or below n after subtracting n).
bool has_special_byte(uint64_t w) {
  constexpr uint64_t high = each_byte(0x80);
  const auto has_zero = [](uint64_t v) { return (v - each_byte(0x01)) & ~v & high; };
  const uint64_t below_space = (w - each_byte(0x20)) & ~w & high;
  return (w & high) | below_space | has_zero(w ^ each_byte(0x7F)) | has_zero(w ^ each_byte('\\'));
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The UTF-16 code unit of the \uXXXX escape at json[pos] (pointing at the backslash), or -1 when it is not one.
int32_t escaped_unit(std::string_view json, size_t pos) {
  if (pos + 6 > json.size() || json[pos] != '\\' || json[pos + 1] != 'u') return -1;
  int32_t unit = 0;
  for (size_t i = pos + 2; i < pos + 6; ++i) {
    const int digit = hex_value(json[i]);
    if (digit < 0) return -1;
    unit = unit << 4 | digit;
  }
  return unit;
}

bool is_high_surrogate(int32_t unit) { return unit >= 0xD800 && unit <= 0xDBFF; }
bool is_surrogate(int32_t unit) { return unit >= 0xD800 && unit <= 0xDFFF; }

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

// The length of the escape at json[pos] (the backslash) when JSON defines it and it stands for text: \" \\ \/ \b
// \f \n \r \t (2), \uXXXX of a character that is not a surrogate (6), or a surrogate pair (12). 0 otherwise.
size_t well_formed_escape(std::string_view json, size_t pos) {
  if (pos + 1 >= json.size()) return 0;
  const char c = json[pos + 1];
  if (c != 'u') return std::string_view("\"\\/bfnrt").find(c) != std::string_view::npos ? 2 : 0;
  const int32_t unit = escaped_unit(json, pos);
  if (unit < 0) return 0;
  if (!is_surrogate(unit)) return 6;
  const int32_t low = escaped_unit(json, pos + 6);
  return is_high_surrogate(unit) && low >= 0xDC00 && low <= 0xDFFF ? 12 : 0;
}

// The escape at json[pos] (the backslash) inside a string; returns the bytes it took.
size_t append_string_escape(std::string_view json, size_t pos, std::string &out) {
  if (const size_t length = well_formed_escape(json, pos)) {
    out.append(json.data() + pos, length);
    return length;
  }
  // Not an escape JSON defines: the backslash goes, and what follows is read as text.
  if (pos + 1 == json.size() || json[pos + 1] != 'u') return 1;
  out += "\\ufffd";  // \u without four hex digits, or half a surrogate pair
  return escaped_unit(json, pos) < 0 ? 2 : 6;
}

}  // namespace

bool is_plain_json_line(std::string_view json) {
  size_t i = 0;
  while (i < json.size()) {
    uint64_t word;
    while (i + sizeof word <= json.size()) {
      std::memcpy(&word, json.data() + i, sizeof word);
      if (has_special_byte(word)) break;
      i += sizeof word;
    }
    if (i == json.size()) break;
    const auto c = static_cast<unsigned char>(json[i]);
    if (c >= 0x20 && c < 0x7F && c != '\\') {
      ++i;
    } else if (c < 0x20 || c == 0x7F) {
      return false;
    } else if (c == '\\') {
      // Skipped whole, so an escaped backslash is never taken for the start of another escape.
      const size_t length = well_formed_escape(json, i);
      if (length == 0) return false;
      i += length;
    } else {
      const TextUnit unit = next_utf8_character(json, i);
      if (unit.bytes.data() != json.data() + i || is_line_hazard(unit.bytes)) return false;
      i += unit.consumed;
    }
  }
  return true;
}

void append_json_line(std::string_view json, std::string &out) {
  // Bytes copied as they are, in runs: printable ASCII but quotes, and outside strings spaces, inside strings
  // backslashes. The rest is looked at one by one.
  static constexpr auto plain = [](bool in_string) {
    std::array<bool, 256> t{};
    for (int c = 0x20; c < 0x7F; ++c) t[c] = c != '"' && (in_string ? c != '\\' : c != ' ');
    return t;
  };
  static constexpr std::array<bool, 256> plain_outside = plain(false), plain_inside = plain(true);

  out.reserve(out.size() + json.size());
  bool in_string = false;
  size_t i = 0;
  while (i < json.size()) {
    const auto &table = in_string ? plain_inside : plain_outside;
    const size_t run = i;
    while (i < json.size() && table[static_cast<unsigned char>(json[i])]) ++i;
    out.append(json.data() + run, i - run);
    if (i == json.size()) break;

    const auto c = static_cast<unsigned char>(json[i]);
    if (c == '"') {
      in_string = !in_string;
      out += '"';
      ++i;
    } else if (!in_string && (c <= 0x20 || c == 0x7F)) {
      ++i;  // white space between tokens, or a control character that has no place there
    } else if (in_string && c == '\\') {
      i += append_string_escape(json, i, out);
    } else {
      const TextUnit unit = next_utf8_character(json, i);
      if (in_string && is_line_hazard(unit.bytes)) append_escape(out, code_point(unit.bytes));
      else if (!is_line_hazard(unit.bytes)) out += unit.bytes;
      i += unit.consumed;
    }
  }
}

}  // namespace defender

#include "json_line.h"

#include <endian.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#include "text.h"

namespace defender {
namespace {

constexpr uint64_t each_byte(uint8_t b) { return 0x0101010101010101ULL * b; }

// The high bit of each byte of the word (read little-endian) that is below 0x20, DEL, a backslash or not ASCII, by
// the classic SWAR tests (a byte borrows when it is below n and n is subtracted). A borrow can flag a byte above a
// flagged one, never below it, so the lowest flag is exact.
uint64_t special_bytes(uint64_t w) {
  constexpr uint64_t high = each_byte(0x80);
  const auto zero_bytes = [](uint64_t v) { return (v - each_byte(0x01)) & ~v; };
  // Below 0x20 borrows into the high bit; not ASCII has it already.
  return ((w - each_byte(0x20)) | w | zero_bytes(w ^ each_byte(0x7F)) | zero_bytes(w ^ each_byte('\\'))) & high;
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

bool is_special(unsigned char c) { return c < 0x20 || c >= 0x7F || c == '\\'; }

// The first byte at or after `from` that is below 0x20, DEL, a backslash or not ASCII; json.size() when none is.
size_t next_special_byte(std::string_view json, size_t from) {
  size_t i = from;
#if defined(__SSE2__)
  // Sixteen bytes at a time: as signed bytes, everything that is not ASCII is below 0x20 too.
  const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F), backslash = _mm_set1_epi8('\\');
  for (; i + 16 <= json.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(json.data() + i));
    const __m128i special =
        _mm_or_si128(_mm_cmplt_epi8(v, space), _mm_or_si128(_mm_cmpeq_epi8(v, del), _mm_cmpeq_epi8(v, backslash)));
    if (const auto mask = static_cast<unsigned>(_mm_movemask_epi8(special)))
      return i + static_cast<size_t>(std::countr_zero(mask));
  }
#endif
  for (uint64_t word; i + sizeof word <= json.size(); i += sizeof word) {
    std::memcpy(&word, json.data() + i, sizeof word);
    if (const uint64_t flags = special_bytes(le64toh(word)))  // the first byte in the lowest bits
      return i + static_cast<size_t>(std::countr_zero(flags)) / 8;
  }
  while (i < json.size() && !is_special(static_cast<unsigned char>(json[i]))) ++i;
  return i;
}

}  // namespace

bool is_plain_json_line(std::string_view json) {
  size_t i = 0;
  while (i < json.size()) {
    i = next_special_byte(json, i);
    if (i == json.size()) break;
    const auto c = static_cast<unsigned char>(json[i]);
    if (c < 0x20 || c == 0x7F) {
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
      if (in_string && is_line_hazard(unit.bytes))
        append_escape(out, code_point(unit.bytes));
      else if (!is_line_hazard(unit.bytes))
        out += unit.bytes;
      i += unit.consumed;
    }
  }
}

}  // namespace defender

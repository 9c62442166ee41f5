#include "json_writer.h"

#include <array>
#include <charconv>

#include "text.h"

namespace defender {
namespace {

constexpr std::string_view hex = "0123456789abcdef";

void append_unicode_escape(std::string &out, char32_t cp) {
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += hex[(cp >> shift) & 0xF];
}

// The code point of a valid UTF-8 character of two or three bytes (the only lengths that need an escape: C1 and
// U+2028/U+2029).
char32_t code_point(std::string_view c) {
  const auto byte = [&](size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(c[i])); };
  if (c.size() == 2) return ((byte(0) & 0x1F) << 6) | (byte(1) & 0x3F);
  return ((byte(0) & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
}

// The bytes a JSON string holds as they are: printable ASCII but the quote and the backslash.
constexpr std::array<bool, 256> plain = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x7F; ++c) t[c] = c != '"' && c != '\\';
  return t;
}();

}  // namespace

void append_json_string(std::string &out, std::string_view text) {
  out += '"';
  for (size_t pos = 0; pos < text.size();) {
    size_t end = pos;
    while (end < text.size() && plain[static_cast<unsigned char>(text[end])]) ++end;
    out.append(text.data() + pos, end - pos);
    pos = end;
    if (pos == text.size()) break;
    // Windows paths are full of backslashes: the two ASCII escapes without decoding a character.
    if (text[pos] == '"' || text[pos] == '\\') {
      out += '\\';
      out += text[pos++];
      continue;
    }
    const TextUnit unit = next_utf8_character(text, pos);
    pos += unit.consumed;
    if (unit.bytes.size() == 1) {
      append_unicode_escape(out, static_cast<unsigned char>(unit.bytes[0]));  // C0 or DEL
    } else if (unit.bytes.size() <= 3 && is_line_hazard(unit.bytes)) {
      append_unicode_escape(out, code_point(unit.bytes));  // C1, U+2028, U+2029
    } else {
      out += unit.bytes;
    }
  }
  out += '"';
}

void JsonWriter::before_value() {
  if (comma_) out_ += ',';
  comma_ = true;
}

void JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  comma_ = false;
}

void JsonWriter::end_object() {
  out_ += '}';
  comma_ = true;
}

void JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  comma_ = false;
}

void JsonWriter::end_array() {
  out_ += ']';
  comma_ = true;
}

void JsonWriter::key(std::string_view name) {
  before_value();
  append_json_string(out_, name);
  out_ += ':';
  comma_ = false;  // the value follows without a comma
}

void JsonWriter::string(std::string_view text) {
  before_value();
  append_json_string(out_, text);
}

void JsonWriter::integer(int64_t number) {
  before_value();
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, number);
  out_.append(digits, result.ptr);
}

void JsonWriter::boolean(bool yes) {
  before_value();
  out_ += yes ? "true" : "false";
}

void JsonWriter::member(std::string_view name, std::string_view text) {
  if (text.empty()) return;
  key(name);
  string(text);
}

void JsonWriter::member(std::string_view name, int64_t number) {
  key(name);
  integer(number);
}

void JsonWriter::member(std::string_view name, std::span<const std::string> items) {
  bool any = false;
  for (const std::string &item : items) {
    if (item.empty()) continue;
    if (!any) {
      key(name);
      begin_array();
      any = true;
    }
    string(item);
  }
  if (any) end_array();
}

}  // namespace defender

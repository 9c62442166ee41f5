#include "leef_parser.h"

#include "text_rules.h"

namespace defender::test {
namespace {

constexpr size_t npos = std::string_view::npos;

std::string byte_position(size_t pos) { return " at byte " + std::to_string(pos); }

bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }

std::string utf8_of(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The guide: "a single character", or its hex value after x or 0x in 1 to 4 digits; empty means TAB.
std::optional<std::string> delimiter_from(std::string_view field) {
  if (field.empty()) return "\t";
  if (utf8_length(field) == 1) return std::string(field);
  std::string_view digits = field;
  if (digits.starts_with("0x"))
    digits.remove_prefix(2);
  else if (digits.starts_with("x"))
    digits.remove_prefix(1);
  else
    return std::nullopt;
  if (digits.empty() || digits.size() > 4) return std::nullopt;
  char32_t cp = 0;
  for (char c : digits) {
    const int v = hex_value(c);
    if (v < 0) return std::nullopt;
    cp = cp * 16 + static_cast<char32_t>(v);
  }
  if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  return utf8_of(cp);
}

class Parser {
 public:
  explicit Parser(std::string_view line) : line_(line) {}

  LeefParse run() {
    const size_t start = line_.find("LEEF:");
    if (start == npos) return fail("no LEEF: header");
    if (start > 0 && line_[start - 1] != ' ') return fail("LEEF: not preceded by a space" + byte_position(start));
    for (size_t i = 0; i < line_.size(); ++i)
      if (line_[i] == '\r' || line_[i] == '\n' || line_[i] == '\0') return fail("raw CR, LF or NUL" + byte_position(i));
    if (const auto bad = first_invalid_utf8(line_)) return fail("invalid UTF-8" + byte_position(*bad));

    pos_ = start + 5;
    for (std::string *field :
         {&record_.version, &record_.vendor, &record_.product, &record_.product_version, &record_.event_id})
      if (!header_field(*field)) return fail(error_);
    if (record_.version != "1.0" && record_.version != "2.0")
      return fail("unknown LEEF version '" + record_.version + "'");
    if (utf8_length(record_.event_id) > 255) return fail("event id over 255 characters");
    record_.delimiter = "\t";
    if (record_.version == "2.0") {
      std::string field;
      if (!header_field(field)) return fail(error_);
      const auto delimiter = delimiter_from(field);
      if (!delimiter) return fail("invalid delimiter field '" + field + "'");
      record_.delimiter = *delimiter;
    }
    if (!attributes()) return fail(error_);
    return LeefParse{record_, {}};
  }

 private:
  LeefParse fail(std::string message) { return LeefParse{std::nullopt, std::move(message)}; }
  bool error(std::string message) {
    error_ = std::move(message);
    return false;
  }

  // Header fields hold no '|' (LEEF defines no escape for it) and no control character.
  bool header_field(std::string &out) {
    const size_t end = line_.find('|', pos_);
    if (end == npos) return error("header has fewer fields than LEEF " + record_.version + " defines");
    out = std::string(line_.substr(pos_, end - pos_));
    for (size_t i = pos_; i < end; ++i)
      if (is_control(line_[i])) return error("control character in header" + byte_position(i));
    pos_ = end + 1;
    return true;
  }

  bool attributes() {
    std::string_view rest = line_.substr(pos_);
    if (rest.empty()) return true;
    const std::string &delimiter = record_.delimiter;
    for (;;) {
      const size_t end = rest.find(delimiter);
      if (!attribute(rest.substr(0, end))) return false;
      if (end == npos) return true;
      rest.remove_prefix(end + delimiter.size());
    }
  }

  bool attribute(std::string_view pair) {
    if (pair.empty()) return error("empty attribute");
    for (char c : pair)
      if (is_control(c)) return error("control character in attribute '" + std::string(pair) + "'");
    const size_t equals = pair.find('=');
    if (equals == npos) return error("attribute without '=': '" + std::string(pair) + "'");
    const std::string key(pair.substr(0, equals));
    const std::string value(pair.substr(equals + 1));
    if (!is_alphanumeric_key(key)) return error("invalid key '" + key + "'");
    if (record_.value(key)) return error("duplicate key '" + key + "'");
    if (key == "usrName" && utf8_length(value) > 255) return error("usrName over 255 characters");
    record_.attributes.emplace_back(key, value);
    return true;
  }

  std::string_view line_;
  size_t pos_ = 0;
  LeefRecord record_;
  std::string error_;
};

}  // namespace

LeefParse parse_leef(std::string_view line) { return Parser(line).run(); }

}  // namespace defender::test

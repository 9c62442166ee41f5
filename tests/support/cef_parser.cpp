#include "cef_parser.h"

#include <array>
#include <cstdio>

#include "text_rules.h"

namespace defender::test {
namespace {

constexpr size_t npos = std::string_view::npos;

std::string byte_position(size_t pos) { return " at byte " + std::to_string(pos); }

bool is_valid_severity(std::string_view s) {
  constexpr std::array<std::string_view, 5> words{"Unknown", "Low", "Medium", "High", "Very-High"};
  for (std::string_view w : words)
    if (s == w) return true;
  if (s.empty() || s.size() > 2) return false;
  int value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return value <= 10;
}

class Parser {
 public:
  explicit Parser(std::string_view line) : line_(line) {}

  CefParse run() {
    const size_t start = line_.find("CEF:");
    if (start == npos) return fail("no CEF: header");
    if (start > 0 && line_[start - 1] != ' ') return fail("CEF: not preceded by a space" + byte_position(start));
    for (size_t i = 0; i < line_.size(); ++i) {
      const auto c = static_cast<unsigned char>(line_[i]);
      if (c < 0x20 || c == 0x7F) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", c);
        return fail(std::string("raw control character ") + hex + byte_position(i));
      }
    }
    if (const auto bad = first_invalid_utf8(line_)) return fail("invalid UTF-8" + byte_position(*bad));

    pos_ = start + 4;
    const size_t version_end = line_.find('|', pos_);
    if (version_end == npos) return fail("header has fewer than 7 fields");
    record_.version = std::string(line_.substr(pos_, version_end - pos_));
    if (record_.version.empty() || record_.version.find_first_not_of("0123456789") != npos)
      return fail("version is not an integer");
    pos_ = version_end + 1;

    for (std::string *field : {&record_.vendor, &record_.product, &record_.device_version, &record_.signature_id,
                               &record_.name, &record_.severity})
      if (!header_field(*field)) return CefParse{std::nullopt, error_};
    if (!is_valid_severity(record_.severity)) return fail("invalid severity '" + record_.severity + "'");

    if (!extension()) return CefParse{std::nullopt, error_};
    return CefParse{record_, {}};
  }

 private:
  CefParse fail(std::string message) { return CefParse{std::nullopt, std::move(message)}; }
  bool error(std::string message) {
    error_ = std::move(message);
    return false;
  }

  bool header_field(std::string &out) {
    while (pos_ < line_.size()) {
      const char c = line_[pos_];
      if (c == '|') {
        ++pos_;
        return true;
      }
      if (c == '\\') {
        if (pos_ + 1 >= line_.size()) return error("backslash at end of header");
        const char next = line_[pos_ + 1];
        if (next != '\\' && next != '|') return error("bad escape in header" + byte_position(pos_));
        out += next;
        pos_ += 2;
        continue;
      }
      out += c;
      ++pos_;
    }
    return error("header has fewer than 7 fields");
  }

  bool extension() {
    while (pos_ < line_.size() && line_[pos_] == ' ') ++pos_;
    if (pos_ == line_.size()) return true;

    const size_t first_equals = line_.find('=', pos_);
    if (first_equals == npos) return error("extension is not key=value" + byte_position(pos_));
    std::string_view key = line_.substr(pos_, first_equals - pos_);
    if (!is_alphanumeric_key(key)) return error("invalid key '" + std::string(key) + "'");

    size_t value_start = first_equals + 1;
    size_t last_space = npos;
    size_t i = value_start;
    while (i < line_.size()) {
      const char c = line_[i];
      if (c == '\\') {
        if (i + 1 >= line_.size()) return error("backslash at end of value of " + std::string(key));
        const char next = line_[i + 1];
        if (next != '\\' && next != '=' && next != 'n' && next != 'r')
          return error("bad escape in value of " + std::string(key) + byte_position(i));
        i += 2;
      } else if (c == ' ') {
        last_space = i++;
      } else if (c == '=') {
        // Unescaped '=' only ends a key, and a key begins after the last space.
        if (last_space == npos) return error("unescaped '=' in value of " + std::string(key) + byte_position(i));
        const std::string_view next_key = line_.substr(last_space + 1, i - last_space - 1);
        if (!is_alphanumeric_key(next_key)) return error("invalid key '" + std::string(next_key) + "'");
        if (!add(key, line_.substr(value_start, last_space - value_start))) return false;
        key = next_key;
        value_start = i + 1;
        last_space = npos;
        ++i;
      } else {
        ++i;
      }
    }
    std::string_view last = line_.substr(value_start);
    while (!last.empty() && last.back() == ' ') last.remove_suffix(1);
    return add(key, last);
  }

  bool add(std::string_view key, std::string_view raw) {
    if (record_.value(key)) return error("duplicate key '" + std::string(key) + "'");
    std::string value;
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] != '\\') {
        value += raw[i];
        continue;
      }
      const char next = raw[++i];  // validated by extension()
      value += next == 'n' ? '\n' : next == 'r' ? '\r' : next;
    }
    record_.extension.emplace_back(std::string(key), std::move(value));
    return true;
  }

  std::string_view line_;
  size_t pos_ = 0;
  CefRecord record_;
  std::string error_;
};

}  // namespace

CefParse parse_cef(std::string_view line) { return Parser(line).run(); }

}  // namespace defender::test

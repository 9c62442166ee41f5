#include "apis/page_scanner.h"

#include <rapidjson/document.h>

#include <array>
#include <optional>

#include "json_line.h"

namespace defender {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A cursor over the body that knows JSON's lexical structure but builds nothing.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  void skip_space() {
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
  }
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  bool consume(char c) {
    skip_space();
    if (peek() != c) return false;
    ++pos_;
    return true;
  }

  // The span of the string starting here, quotes included.
  std::optional<std::string_view> string() {
    skip_space();
    if (peek() != '"') return std::nullopt;
    const size_t start = pos_;
    const size_t close = closing_quote(pos_ + 1);
    if (close == std::string_view::npos) return std::nullopt;
    pos_ = close + 1;
    return text_.substr(start, pos_ - start);
  }

  // The span of one value of any kind, without checking what is inside.
  std::optional<std::string_view> value() {
    skip_space();
    const size_t start = pos_;
    const char first = peek();
    if (first == '"') return string();
    if (first == '{' || first == '[') {
      int depth = 0;
      while (pos_ < text_.size()) {
        // Most bytes of an alert are neither quotes nor brackets: skip them in one go.
        while (pos_ < text_.size() && !structural[static_cast<unsigned char>(text_[pos_])]) ++pos_;
        if (pos_ == text_.size()) break;
        const char c = text_[pos_];
        if (c == '"') {
          const size_t close = closing_quote(pos_ + 1);
          if (close == std::string_view::npos) return std::nullopt;
          pos_ = close + 1;
          continue;
        }
        ++pos_;
        if (c == '{' || c == '[')
          ++depth;
        else if (--depth == 0)
          return text_.substr(start, pos_ - start);
      }
      return std::nullopt;
    }
    while (pos_ < text_.size() && !is_space(text_[pos_]) && text_[pos_] != ',' && text_[pos_] != '}' &&
           text_[pos_] != ']')
      ++pos_;
    if (pos_ == start) return std::nullopt;
    return text_.substr(start, pos_ - start);
  }

  size_t position() const { return pos_; }

 private:
  // The quote that ends a string whose content starts at `from`: the first quote not escaped by an odd run of
  // backslashes.
  size_t closing_quote(size_t from) const {
    for (;;) {
      const size_t quote = text_.find('"', from);
      if (quote == std::string_view::npos) return quote;
      size_t backslashes = 0;
      while (quote - backslashes > from && text_[quote - backslashes - 1] == '\\') ++backslashes;
      if (backslashes % 2 == 0) return quote;
      from = quote + 1;
    }
  }

  static constexpr std::array<bool, 256> structural = [] {
    std::array<bool, 256> t{};
    for (const unsigned char c : {'"', '{', '}', '[', ']'}) t[c] = true;
    return t;
  }();

  std::string_view text_;
  size_t pos_ = 0;
};

// A link that is not a string is no link: anything else (an array nested 100,000 deep) is not parsed at all.
std::string unescape_string(std::string_view quoted) {
  if (quoted.empty() || quoted.front() != '"') return {};
  rapidjson::Document doc;
  doc.Parse(quoted.data(), quoted.size());
  if (doc.HasParseError() || !doc.IsString()) return {};
  return std::string(doc.GetString(), doc.GetStringLength());
}

// Reads the elements of the array that starts at the scanner's position, `max_items` at most.
bool scan_array(Scanner &s, ScannedPage &page, size_t max_items) {
  if (!s.consume('[')) {
    page.error = "the alert list is not a JSON array";
    return false;
  }
  if (s.consume(']')) return true;
  for (;;) {
    const auto item = s.value();
    if (!item) {
      page.error = "the body ends inside alert " + std::to_string(page.items.size() + 1);
      return false;
    }
    if (page.items.size() == max_items) {
      page.error = "the page holds more than " + std::to_string(max_items) + " alerts";
      return false;
    }
    page.items.push_back(*item);
    if (s.consume(',')) continue;
    if (s.consume(']')) return true;
    page.error = "expected ',' or ']' after alert " + std::to_string(page.items.size());
    return false;
  }
}

bool scan_envelope(Scanner &s, ScannedPage &page, size_t max_items) {
  bool saw_value = false;
  if (s.consume('}')) {
    page.error = "the response has no \"value\" array";
    return false;
  }
  for (;;) {
    const auto key = s.string();
    if (!key || !s.consume(':')) {
      page.error = "malformed response object near byte " + std::to_string(s.position());
      return false;
    }
    if (*key == "\"value\"") {
      if (!scan_array(s, page, max_items)) return false;
      saw_value = true;
    } else {
      const auto value = s.value();
      if (!value) {
        page.error = "the body ends inside " + std::string(*key);
        return false;
      }
      if (*key == "\"@odata.nextLink\"") page.next_link = unescape_string(*value);
    }
    if (s.consume(',')) continue;
    if (s.consume('}')) break;
    page.error = "expected ',' or '}' near byte " + std::to_string(s.position());
    return false;
  }
  if (!saw_value) {
    page.error = "the response has no \"value\" array";
    return false;
  }
  return true;
}

}  // namespace

ScannedPage scan_page(std::string_view body, size_t max_items) {
  ScannedPage page;
  Scanner s(body);
  s.skip_space();
  bool ok;
  if (s.peek() == '[')
    ok = scan_array(s, page, max_items);
  else if (s.consume('{'))
    ok = scan_envelope(s, page, max_items);
  else {
    page.error = body.empty() ? "the body is empty" : "the body is not JSON";
    ok = false;
  }
  s.skip_space();
  if (ok && !s.at_end()) {
    page.error = "unexpected text after the JSON document";
    ok = false;
  }
  page.complete = ok;
  return page;
}

void one_line_json(std::string_view json, std::string &out) {
  out.clear();
  if (is_plain_json_line(json))
    out.assign(json);
  else
    append_json_line(json, out);
}

}  // namespace defender

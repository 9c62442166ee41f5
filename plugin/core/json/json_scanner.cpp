#include "json/json_scanner.h"

#include <array>

namespace defender {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

constexpr std::array<bool, 256> structural = [] {
  std::array<bool, 256> t{};
  for (const unsigned char c : {'"', '{', '}', '[', ']'}) t[c] = true;
  return t;
}();

}  // namespace

void JsonScanner::skip_space() {
  while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
}

bool JsonScanner::consume(char c) {
  skip_space();
  if (peek() != c) return false;
  ++pos_;
  return true;
}

std::optional<std::string_view> JsonScanner::string() {
  skip_space();
  if (peek() != '"') return std::nullopt;
  const size_t start = pos_;
  const size_t close = closing_quote(pos_ + 1);
  if (close == std::string_view::npos) return std::nullopt;
  pos_ = close + 1;
  return text_.substr(start, pos_ - start);
}

std::optional<std::string_view> JsonScanner::value() {
  skip_space();
  const size_t start = pos_;
  const char first = peek();
  if (first == '"') return string();
  if (first == '{' || first == '[') {
    // A counter, not recursion: an array nested 100,000 deep costs nothing but the scan.
    size_t depth = 0;
    while (pos_ < text_.size()) {
      // Most bytes of an item are neither quotes nor brackets: skip them in one go.
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

// The quote that ends a string whose content starts at `from`: the first quote not escaped by an odd run of
// backslashes.
size_t JsonScanner::closing_quote(size_t from) const {
  for (;;) {
    const size_t quote = text_.find('"', from);
    if (quote == std::string_view::npos) return quote;
    size_t backslashes = 0;
    while (quote - backslashes > from && text_[quote - backslashes - 1] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return quote;
    from = quote + 1;
  }
}

}  // namespace defender

// A cursor over a JSON text that knows JSON's lexical structure but builds nothing: it finds where each value
// starts and ends without a tree, without recursion and without checking what is inside (a parser checks that
// later, one item at a time). Shared by the readers that split a body into items (page_scanner, the Event Hubs
// envelope reader), so one malformed item costs that item only.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace defender {

class JsonScanner {
 public:
  explicit JsonScanner(std::string_view text) : text_(text) {}

  void skip_space();
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  // Skips white space, then takes c if it comes next.
  bool consume(char c);

  // The span of the string starting here (after white space), quotes included.
  std::optional<std::string_view> string();
  // The span of one value of any kind starting here (after white space).
  std::optional<std::string_view> value();

  size_t position() const { return pos_; }
  // Moves to `position`: where a parser found the value starting here to end.
  void skip_to(size_t position) { pos_ = position < text_.size() ? position : text_.size(); }
  // The text from the current position to the end.
  std::string_view rest() const { return text_.substr(pos_ < text_.size() ? pos_ : text_.size()); }

 private:
  size_t closing_quote(size_t from) const;

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace defender

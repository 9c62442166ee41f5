#include "field_value_text.h"

namespace defender {

bool is_given(const FieldValue &value) {
  return std::visit(Overloaded{
                        [](std::string_view text) { return !text.empty(); },
                        [](const std::optional<Instant> &time) { return time.has_value(); },
                        [](std::span<const std::string> items) {
                          for (const std::string &item : items)
                            if (!item.empty()) return true;
                          return false;
                        },
                        [](const std::optional<bool> &yes) { return yes.has_value(); },
                        [](const std::optional<int64_t> &number) { return number.has_value(); },
                    },
                    value);
}

void append_epoch_milliseconds(std::string &out, Instant time) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, time.epoch_milliseconds());
  out.append(digits, result.ptr);
}

}  // namespace defender

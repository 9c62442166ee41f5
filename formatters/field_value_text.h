// One field's value as the text of a key=value format (CEF extension, LEEF attribute): shared by the formats so
// that a field reads the same in each, apart from each format's escaping and its words for yes and no.
#pragma once

#include <charconv>
#include <string>
#include <string_view>

#include "fields.h"
#include "overloaded.h"
#include "text.h"

namespace defender {

// Whether the field has a value to write: non-empty text, a time, a non-empty list item, a yes or no.
bool is_given(const FieldValue &value);

void append_epoch_milliseconds(std::string &out, Instant time);

struct YesNoWords {
  std::string_view yes;
  std::string_view no;
};

// Appends a given value: text sanitised, escaped and held to limit (text.h); times as milliseconds since the
// epoch; list items joined by commas, empty items skipped, the whole held to limit; yes-or-no as words; numbers in
// decimal.
template <Escaping Escape>
void append_field_value(std::string &out, const FieldValue &value, size_t limit, YesNoWords words) {
  std::visit(Overloaded{
                 [&](std::string_view text) { BoundedText<Escape>(out, limit).append(text); },
                 [&](const std::optional<Instant> &time) { append_epoch_milliseconds(out, *time); },
                 [&](std::span<const std::string> items) {
                   BoundedText<Escape> bounded(out, limit);
                   bool first = true;
                   for (const std::string &item : items) {
                     if (item.empty()) continue;
                     if (!first) bounded.append(",");
                     bounded.append(item);
                     first = false;
                   }
                 },
                 [&](const std::optional<bool> &yes) { out += *yes ? words.yes : words.no; },
                 [&](const std::optional<int64_t> &number) {
                   char digits[24];
                   const auto result = std::to_chars(digits, digits + sizeof digits, *number);
                   out.append(digits, result.ptr);
                 },
             },
             value);
}

}  // namespace defender

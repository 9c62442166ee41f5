// The normalized alert as named fields: the `.defender.<name>` name-value pairs, and the one list of fields that
// every format's mapping table refers to. The list is fixed at compile time: the glue resolves the names to
// handles once, by index.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "alert.h"

namespace defender {

// In output order (field_list.h); the index of a field is its enumerator's value.
enum class Field : uint8_t {
#define DEFENDER_FIELD(name) name,
#include "field_list.h"
};

size_t field_count();
// The snake_case name; empty for an index >= field_count().
std::string_view field_name(size_t index);

// Calls emit for every non-empty field, in order, with the alert's own text (neither sanitised nor escaped):
// times as format_instant (7 fractional digits, Z), severity as its lowercase name, mitre_techniques joined by
// commas (empty items skipped), yes-or-no fields as true or false.
void visit_fields(const Alert &alert, const std::function<void(size_t index, std::string_view value)> &emit);

// A field as it is held, for formats that render times, lists and yes-or-no their own way. An absent time or
// yes-or-no is nullopt; severity is its lowercase name.
using FieldValue =
    std::variant<std::string_view, std::optional<Instant>, std::span<const std::string>, std::optional<bool>>;
FieldValue field_value(const Alert &alert, Field field);

std::string_view severity_name(Severity severity);

}  // namespace defender

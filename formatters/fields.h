// The normalized alert or incident as named fields: the `.defender.<name>` name-value pairs, and the one list of
// fields that every format's mapping table refers to. The list is fixed at compile time: the glue resolves the names
// to handles once, by index.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "record.h"

namespace defender {

// In output order (field_list.h); the index of a field is its enumerator's value.
enum class Field : uint8_t {
#define DEFENDER_FIELD(name) name,
#include "field_list.h"
};

size_t field_count();
// The snake_case name; empty for an index >= field_count().
std::string_view field_name(size_t index);

// The fields an alert has (field_list.h, without the incident's own), and an incident's (incident_field_list.h), each
// in its output order.
std::span<const Field> alert_fields();
std::span<const Field> incident_fields();

using EmitField = std::function<void(size_t index, std::string_view value)>;

// Calls emit for every non-empty field, in order, with the item's own text (neither sanitised nor escaped): times
// as format_instant (7 fractional digits, Z), severity as its lowercase name, lists joined by commas (empty items
// skipped), yes-or-no fields as true or false, numbers in decimal.
void visit_fields(const Alert &alert, const EmitField &emit);
void visit_fields(const Incident &incident, const EmitField &emit);
void visit_fields(const Record &record, const EmitField &emit);

// A field as it is held, for formats that render times, lists, numbers and yes-or-no their own way. An absent time,
// number or yes-or-no is nullopt; severity is its lowercase name. A field the item does not have is empty text.
using FieldValue = std::variant<std::string_view, std::optional<Instant>, std::span<const std::string>,
                                std::optional<bool>, std::optional<int64_t>>;
FieldValue field_value(const Alert &alert, Field field);
FieldValue field_value(const Incident &incident, Field field);

std::string_view severity_name(Severity severity);

}  // namespace defender

// A Streaming API record as `.defender.` name-value pairs. Unlike an alert's fields, the names are not fixed at
// compile time (a row has the columns its table has), so each pair comes with its whole name.
#pragma once

#include <functional>
#include <string_view>

#include "stream_record.h"

namespace defender {

inline constexpr std::string_view stream_field_prefix = ".defender.";

using EmitStreamField = std::function<void(std::string_view name, std::string_view value)>;

// Calls emit for every field with a value, in this order, with the record's own text (neither sanitised nor escaped;
// the envelope reader made it valid UTF-8): .defender.table, .defender.category, .defender.time (the record's time)
// and .defender.event_time (the row's Timestamp) as format_instant writes them, .defender.tenant_id,
// .defender.machine_group, .defender.severity (its lowercase name, when the row has a Severity), then every column
// that is not null as .defender.properties.<Name>, then .defender.json (the record as sent). A column name keeps its
// ASCII letters, digits and '_' only, at most stream_key_name_limit of them ("property" when none is left), and a
// name already emitted is not emitted again. An unparsed record has .defender.parse_error and .defender.unparsed_text
// instead.
void visit_stream_fields(const StreamRecord &record, const EmitStreamField &emit);

}  // namespace defender

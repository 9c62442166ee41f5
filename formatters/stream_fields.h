// A Streaming API record as `.defender.` name-value pairs. Unlike an alert's fields, the names are not fixed at
// compile time (a row has the columns its table has), so each pair comes with its whole name.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stream_layout.h"
#include "stream_record.h"

namespace defender {

inline constexpr std::string_view stream_field_prefix = ".defender.";

// Where a field stands among the fields a record may have, the same for every row of one layout: the envelope's
// fields first (table, category, time, event_time, tenant_id, machine_group, severity: 0 to 6), then the row's
// columns by their index, then the JSON. A caller may keep what it learnt of a name by layout and slot instead of
// looking the name up. no_stream_field_slot for a field without a stable place: a row's columns without a layout, and
// an unparsed record's fields.
inline constexpr size_t no_stream_field_slot = static_cast<size_t>(-1);

using EmitStreamField = std::function<void(std::string_view name, std::string_view value, size_t slot)>;

// Calls emit for every field with a value, in this order, with the record's own text (neither sanitised nor escaped;
// the envelope reader made it valid UTF-8): .defender.table, .defender.category, .defender.time (the record's time)
// and .defender.event_time (the row's Timestamp) as format_instant writes them, .defender.tenant_id,
// .defender.machine_group, .defender.severity (its lowercase name, when the row has a Severity), then every column
// that is not null as .defender.properties.<Name>, then .defender.json (the record as sent). A column name keeps its
// ASCII letters, digits and '_' only, at most stream_key_name_limit of them ("property" when none is left), and a
// name already emitted is not emitted again. An unparsed record has .defender.parse_error and .defender.unparsed_text
// instead.
// With the layout of the record's table and names (stream_layout.h), the same calls without working the names out
// again.
void visit_stream_fields(const StreamRecord &record, const EmitStreamField &emit, const StreamLayout *layout = nullptr);

// The pair name of each of the record's columns, as visit_stream_fields names it in any row with these names; nullopt
// when two columns' names are alike (the row's values then decide which is emitted).
std::optional<std::vector<std::string>> lay_out_stream_fields(const StreamRecord &record);

}  // namespace defender

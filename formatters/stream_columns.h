// A stream record's columns as the key=value pairs of CEF or LEEF, in output order, per the mapping of
// stream_mapping.h: shared by both formats so that a column reads the same in each, apart from its key.
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

using PutStreamColumn = std::function<void(std::string_view key, std::string_view value, size_t limit)>;

// Calls put for every column that has a value (not null, not an empty string): first the columns the record's table
// lists, in the mapping's order, then every other column in the row's order under its generic key. Each key once:
// a later column whose key was already written (a name the row repeats, two names alike in their letters and digits)
// is left out of the line; it stays in the record's JSON. The Timestamp column is left out when it is the record's
// event time, which the formats write as their time.
// The generic key of a column: for CEF "MicrosoftDefender" and the name's ASCII letters and digits, for LEEF the name
// in lowerCamelCase (stream_mapping.h), each from at most stream_key_name_limit letters and digits; "Property" (CEF,
// after the prefix) or "property" (LEEF) for a name without a letter or digit. A key that would equal a key the line
// writes from the envelope, or (LEEF) one of QRadar's predefined keys, is written with "Column" before the name:
// MicrosoftDefenderColumnTenantId, columnDomain.
// With the layout of the record's table and names (stream_layout.h), the same calls without working the keys out again.
void for_each_stream_column(const StreamRecord &record, StreamKeyStyle style, const PutStreamColumn &put,
                            const StreamLayout *layout = nullptr);

// The columns for_each_stream_column writes for any row with this record's table and names, in its order; nullopt
// when two of the generic keys are alike (the row's values then decide which is written).
std::optional<std::vector<LaidOutColumn>> lay_out_stream_columns(const StreamRecord &record, StreamKeyStyle style);

}  // namespace defender

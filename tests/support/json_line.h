// The parse CLIs' shared body: one JSON object per input line. Input was validated as UTF-8 by the parsers, so
// only JSON's own string escapes are needed.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "key_values.h"

namespace defender::test {

// {"name":"value",...} with members in the given order.
std::string json_object(const KeyValues &members);

// The members of a parsed line, then list_name with the line's pairs as an object.
std::string json_record(const KeyValues &members, std::string_view list_name, const KeyValues &list);

// Reads stdin line by line and prints to_json(line) for each; returns main's exit code.
int print_each_line(const std::function<std::string(std::string_view line)> &to_json);

}  // namespace defender::test

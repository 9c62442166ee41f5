// Alert -> its JSON as the API returned it, as one line.
#pragma once

#include <string>

#include "alert.h"

namespace defender {

// Appends alert.raw_json (already compact, valid UTF-8). As a last line of defence against a second record, any
// CR, LF or other control character is written as a space, which is whitespace between JSON tokens and legal
// (where a raw control character is not) inside a string; invalid UTF-8 becomes U+FFFD.
void append_json(const Alert &alert, std::string &out);

}  // namespace defender

// Alert -> its JSON as the API returned it, as one line.
#pragma once

#include <string>

#include "alert.h"

namespace defender {

// Appends alert.raw_json (compact, valid UTF-8). As a last line of defence against a second record, every
// character that could end or hide a line — CR, LF and the other C0 controls, DEL, C1, U+2028 and U+2029 — is
// written as its JSON escape \uXXXX: inside a string, the only place valid JSON can hold them, that keeps the
// value exactly. Invalid UTF-8 becomes U+FFFD.
void append_json(const Alert &alert, std::string &out);

}  // namespace defender

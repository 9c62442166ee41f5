// A JSON text from an API as one line that strict parsers accept, whatever bytes the API sent: the promise of
// format(json) and of `.defender.json`.
#pragma once

#include <string>
#include <string_view>

namespace defender {

// Whether the text can be written as it is: no control character (C0, NUL and TAB included, or DEL) anywhere,
// valid UTF-8 with no C1 control and no U+2028 or U+2029, and every backslash an escape JSON defines, with no
// escaped surrogate (\uD800 to \uDFFF) that is not half of a pair. Runs of ASCII without a backslash are checked
// eight bytes at a time: this is the common case, and the cheap one.
bool is_plain_json_line(std::string_view json);

// Appends the JSON text rewritten as one line. Outside strings, white space and control characters are left out.
// Inside strings, every control character (NUL, TAB, CR, LF and the rest of C0, DEL, C1) and U+2028 and U+2029 are
// written as their \u00XX or \u20XX escapes, which keeps the value exact; each ill-formed UTF-8 sequence becomes
// U+FFFD (as the character itself, not an escape); an escaped surrogate that is not half of a pair becomes \ufffd,
// and an escape JSON does not define loses its backslash. Valid JSON comes out as the same value, except for the
// repaired UTF-8 and surrogates.
void append_json_line(std::string_view json, std::string &out);

}  // namespace defender

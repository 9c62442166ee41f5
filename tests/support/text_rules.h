// Text rules the standards share (UTF-8 as Unicode defines it, alphanumeric keys), for the tests' parsers.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace defender::test {

// Decodes each sequence and checks the code point against the shortest form, the surrogates and U+10FFFF;
// returns the offset of the first byte that does not start a valid character.
std::optional<size_t> first_invalid_utf8(std::string_view s);

// The number of characters of valid UTF-8 text.
size_t utf8_length(std::string_view s);

// A key as CEF and LEEF define it: one or more ASCII letters and digits.
bool is_alphanumeric_key(std::string_view key);

}  // namespace defender::test

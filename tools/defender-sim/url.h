#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sim {

using Params = std::vector<std::pair<std::string, std::string>>;

// Decodes %XX and, for query strings and form bodies, '+' as a space. Malformed escapes give nullopt.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// Encodes everything but RFC 3986 unreserved characters (and the characters in `keep`).
std::string percent_encode(std::string_view text, std::string_view keep = {});

// Splits "a=1&b=2" (a query string or an x-www-form-urlencoded body) and decodes names and values.
std::optional<Params> parse_params(std::string_view text);

// First value of `name`, compared case-insensitively.
const std::string *find_param(const Params &params, std::string_view name);

bool iequals(std::string_view a, std::string_view b);
std::string to_lower(std::string_view s);

}  // namespace sim

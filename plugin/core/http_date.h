// HTTP dates (RFC 7231 IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT") and Retry-After.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "instant.h"

namespace defender {

std::optional<Instant> parse_http_date(std::string_view text);

// Retry-After is either a number of seconds or an HTTP date; the answer is seconds from now, never negative.
std::optional<int64_t> parse_retry_after(std::string_view text, Instant now);

}  // namespace defender

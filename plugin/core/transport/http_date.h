// HTTP dates (RFC 7231 IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT") and Retry-After.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "instant.h"

namespace defender {

// What a server's Retry-After is held to: at least a second (no hot loop), at most an hour (no sleep for good).
inline constexpr int64_t min_retry_after_seconds = 1;
inline constexpr int64_t max_retry_after_seconds = 3600;

std::optional<Instant> parse_http_date(std::string_view text);

struct RetryAfter {
  std::optional<int64_t> seconds;  // within the range above; nothing without a header, or with one of neither form
  std::string note;                // for the log, when the header was clamped or ignored: what it said, what is done
};

// Retry-After is either a number of seconds or an HTTP date; the answer is seconds from now. Now and a date already
// past are the shortest wait, a second.
RetryAfter parse_retry_after(std::string_view text, Instant now);

}  // namespace defender

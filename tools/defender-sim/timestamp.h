#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sim {

// An instant as 100 ns ticks since the Unix epoch: the precision of the Microsoft services' timestamps.
using Ticks = std::int64_t;

inline constexpr Ticks kTicksPerSecond = 10'000'000;

// The service's "now": the host's clock plus the simulated offset (the clock-offset hazard), so that a test can play a
// host whose clock runs ahead of or behind Microsoft's. Everything the service stamps, compares or shows uses it.
Ticks now_ticks();

// Process-wide, like the clock it shifts: the service's clock is the host's plus `offset`.
void set_clock_offset(Ticks offset);

// ISO 8601 as the services write it (.NET "o" with trailing zeros trimmed): 0 to 7 fractional digits and 'Z'.
std::string format_iso8601(Ticks t);

// The same instant with exactly `digits` fractional digits (0-7), dropping finer ticks.
std::string format_iso8601_fixed(Ticks t, int digits);

// Accepts YYYY-MM-DDTHH:MM[:SS[.fffffff]] followed by 'Z' or an offset (+hh:mm / -hh:mm); at most 7 fraction digits.
std::optional<Ticks> parse_iso8601(std::string_view text);

// RFC 7231 IMF-fixdate, for the Date header.
std::string format_http_date(Ticks t);

// Entra's timestamp style: "2016-01-09 02:02:12Z".
std::string format_entra_timestamp(Ticks t);

// Graph's innerError date style: "2021-05-02T14:19:01" (no fraction, no zone).
std::string format_graph_error_date(Ticks t);

// Keeps only the first `digits` fractional digits of t (rounding down), as a service storing less precision would.
Ticks truncate_to_digits(Ticks t, int digits);

}  // namespace sim

// An instant in time with the precision the Defender APIs use: 100 ns ticks since the Unix epoch.
// Timestamps arrive with 0 to 7 fractional digits, so they are compared as instants, never as strings.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace defender {

struct Instant {
  static constexpr int64_t ticks_per_second = 10'000'000;
  static constexpr int64_t ticks_per_millisecond = 10'000;

  int64_t ticks = 0;

  static constexpr Instant from_seconds(int64_t s) { return Instant{s * ticks_per_second}; }
  constexpr int64_t epoch_milliseconds() const;
  constexpr int64_t epoch_seconds() const;
  // The sub-second part in microseconds, for syslog-ng's timestamp (which has no finer unit).
  constexpr int64_t microseconds_of_second() const;

  constexpr Instant plus_seconds(int64_t s) const { return Instant{ticks + s * ticks_per_second}; }
  constexpr Instant minus_seconds(int64_t s) const { return Instant{ticks - s * ticks_per_second}; }
  constexpr Instant next_tick() const { return Instant{ticks + 1}; }

  auto operator<=>(const Instant &) const = default;
};

// Floor division, so that instants before 1970 round towards the past like every other instant.
constexpr int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

constexpr int64_t Instant::epoch_milliseconds() const { return floor_div(ticks, ticks_per_millisecond); }
constexpr int64_t Instant::epoch_seconds() const { return floor_div(ticks, ticks_per_second); }
constexpr int64_t Instant::microseconds_of_second() const { return (ticks - epoch_seconds() * ticks_per_second) / 10; }

// Parses "YYYY-MM-DDTHH:MM:SS[.fffffff][Z|+hh:mm|-hh:mm]". Without a zone the time is UTC (the SIEM API
// writes no "Z"). More than 7 fractional digits are accepted and truncated to the tick.
std::optional<Instant> parse_instant(std::string_view text);

// The host's wall clock now.
Instant system_clock_now();

// "YYYY-MM-DDTHH:MM:SS.fffffffZ": always 7 fractional digits, the form to put into a filter.
std::string format_instant(Instant t);

}  // namespace defender

#include "transport/http_date.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <limits>
#include <string>

namespace defender {

std::optional<Instant> parse_http_date(std::string_view text) {
  // "Sun, 06 Nov 1994 08:49:37 GMT" -> "1994-11-06T08:49:37Z", then the one instant parser there is.
  static constexpr std::array<std::string_view, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (text.size() != 29 || text.substr(3, 2) != ", " || text.substr(25) != " GMT") return std::nullopt;
  const std::string_view day = text.substr(5, 2), month = text.substr(8, 3), year = text.substr(12, 4),
                         time = text.substr(17, 8);
  for (size_t m = 0; m < months.size(); ++m) {
    if (months[m] != month) continue;
    char iso[32];
    std::snprintf(iso, sizeof iso, "%.*s-%02zu-%.*sT%.*sZ", static_cast<int>(year.size()), year.data(), m + 1,
                  static_cast<int>(day.size()), day.data(), static_cast<int>(time.size()), time.data());
    return parse_instant(iso);
  }
  return std::nullopt;
}

RetryAfter parse_retry_after(std::string_view text, Instant now) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return {};
  const std::string quoted = "Retry-After \"" + std::string(text.substr(0, 64)) + (text.size() > 64 ? "...\"" : "\"");
  const auto clamped = [&](int64_t seconds) {
    if (seconds > max_retry_after_seconds)
      return RetryAfter{max_retry_after_seconds, quoted + " asks for more than an hour; waiting " +
                                                     std::to_string(max_retry_after_seconds) + " seconds"};
    return RetryAfter{std::max(min_retry_after_seconds, seconds), {}};
  };
  // Any run of digits: one too long for int64_t is only very large.
  const bool negative = text.front() == '-';
  const std::string_view digits = text.substr(negative ? 1 : 0);
  if (!digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (negative) return RetryAfter{min_retry_after_seconds, quoted + " is negative; waiting 1 second"};
    int64_t seconds = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), seconds);
    return clamped(ec == std::errc() ? seconds : std::numeric_limits<int64_t>::max());
  }
  if (const auto date = parse_http_date(text)) {
    const int64_t ticks = date->ticks - now.ticks;
    return clamped(ticks <= 0 ? 0 : (ticks + Instant::ticks_per_second - 1) / Instant::ticks_per_second);
  }
  return RetryAfter{std::nullopt, quoted + " is neither seconds nor an HTTP date and is ignored"};
}

}  // namespace defender

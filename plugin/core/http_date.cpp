#include "http_date.h"

#include <array>
#include <charconv>
#include <cstdio>
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

std::optional<int64_t> parse_retry_after(std::string_view text, Instant now) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  int64_t seconds = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec == std::errc() && ptr == text.data() + text.size() && !text.empty()) return std::max<int64_t>(0, seconds);
  if (const auto date = parse_http_date(text)) {
    const int64_t ticks = date->ticks - now.ticks;
    return ticks <= 0 ? 0 : (ticks + Instant::ticks_per_second - 1) / Instant::ticks_per_second;
  }
  return std::nullopt;
}

}  // namespace defender

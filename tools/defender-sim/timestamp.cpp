#include "timestamp.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace sim {
namespace {

using namespace std::chrono;

std::atomic<Ticks> service_offset{0};  // set_clock_offset()

constexpr Ticks kPow10[] = {1, 10, 100, 1'000, 10'000, 100'000, 1'000'000, 10'000'000};

struct Civil {
  int year;
  unsigned month, day, hour, minute, second;
  Ticks fraction;  // ticks within the second
};

// Floor division so that instants before 1970 split correctly into day and time of day.
Ticks floor_div(Ticks a, Ticks b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

Civil to_civil(Ticks t) {
  const Ticks seconds = floor_div(t, kTicksPerSecond);
  const Ticks days = floor_div(seconds, 86400);
  const Ticks in_day = seconds - days * 86400;
  const year_month_day ymd{sys_days{std::chrono::days{days}}};
  return Civil{
      static_cast<int>(ymd.year()),         static_cast<unsigned>(ymd.month()),      static_cast<unsigned>(ymd.day()),
      static_cast<unsigned>(in_day / 3600), static_cast<unsigned>(in_day / 60 % 60), static_cast<unsigned>(in_day % 60),
      t - seconds * kTicksPerSecond};
}

std::string format_date_time(const Civil &c, char separator) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u%c%02u:%02u:%02u", c.year, c.month, c.day, separator, c.hour, c.minute,
                c.second);
  return buf;
}

std::string fraction_digits(Ticks fraction, int digits) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%07lld", static_cast<long long>(fraction));
  return std::string(buf, static_cast<std::size_t>(digits));
}

bool take_digits(std::string_view &s, std::size_t n, unsigned &out) {
  if (s.size() < n) return false;
  unsigned v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + static_cast<unsigned>(s[i] - '0');
  }
  out = v;
  s.remove_prefix(n);
  return true;
}

bool take_char(std::string_view &s, char c) {
  if (s.empty() || s.front() != c) return false;
  s.remove_prefix(1);
  return true;
}

}  // namespace

Ticks now_ticks() {
  const Ticks host =
      duration_cast<duration<Ticks, std::ratio<1, kTicksPerSecond>>>(system_clock::now().time_since_epoch()).count();
  return host + service_offset.load(std::memory_order_relaxed);
}

void set_clock_offset(Ticks offset) { service_offset.store(offset, std::memory_order_relaxed); }

Ticks truncate_to_digits(Ticks t, int digits) {
  const Ticks unit = kPow10[7 - digits];
  return floor_div(t, unit) * unit;
}

std::string format_iso8601_fixed(Ticks t, int digits) {
  const Civil c = to_civil(t);
  std::string out = format_date_time(c, 'T');
  if (digits > 0) out += '.' + fraction_digits(c.fraction, digits);
  out += 'Z';
  return out;
}

std::string format_iso8601(Ticks t) {
  const Civil c = to_civil(t);
  std::string out = format_date_time(c, 'T');
  if (c.fraction != 0) {
    std::string frac = fraction_digits(c.fraction, 7);
    frac.erase(frac.find_last_not_of('0') + 1);
    out += '.' + frac;
  }
  out += 'Z';
  return out;
}

std::optional<Ticks> parse_iso8601(std::string_view s) {
  unsigned year, month, day, hour, minute, second = 0;
  if (!take_digits(s, 4, year) || !take_char(s, '-') || !take_digits(s, 2, month) || !take_char(s, '-') ||
      !take_digits(s, 2, day) || !take_char(s, 'T') || !take_digits(s, 2, hour) || !take_char(s, ':') ||
      !take_digits(s, 2, minute))
    return std::nullopt;
  Ticks fraction = 0;
  if (take_char(s, ':')) {
    if (!take_digits(s, 2, second)) return std::nullopt;
    if (take_char(s, '.')) {
      int n = 0;
      while (!s.empty() && s.front() >= '0' && s.front() <= '9') {
        if (++n > 7) return std::nullopt;
        fraction = fraction * 10 + (s.front() - '0');
        s.remove_prefix(1);
      }
      if (n == 0) return std::nullopt;
      fraction *= kPow10[7 - n];
    }
  }
  Ticks offset_seconds = 0;
  if (!take_char(s, 'Z')) {
    const bool negative = !s.empty() && s.front() == '-';
    if (!take_char(s, '+') && !take_char(s, '-')) return std::nullopt;
    unsigned oh, om;
    if (!take_digits(s, 2, oh) || !take_char(s, ':') || !take_digits(s, 2, om) || oh > 23 || om > 59)
      return std::nullopt;
    offset_seconds = (negative ? -1 : 1) * static_cast<Ticks>(oh * 3600 + om * 60);
  }
  if (!s.empty() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  const year_month_day ymd{std::chrono::year{static_cast<int>(year)}, std::chrono::month{month}, std::chrono::day{day}};
  if (!ymd.ok()) return std::nullopt;
  const Ticks days = sys_days{ymd}.time_since_epoch().count();
  const Ticks seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
  return seconds * kTicksPerSecond + fraction;
}

std::string format_http_date(Ticks t) {
  static constexpr const char *kDays[] = {"Thu", "Fri", "Sat", "Sun",
                                          "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
  static constexpr const char *kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Civil c = to_civil(t);
  const Ticks days = floor_div(floor_div(t, kTicksPerSecond), 86400);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02u:%02u:%02u GMT", kDays[((days % 7) + 7) % 7], c.day,
                kMonths[c.month - 1], c.year, c.hour, c.minute, c.second);
  return buf;
}

std::string format_entra_timestamp(Ticks t) { return format_date_time(to_civil(t), ' ') + 'Z'; }

std::string format_graph_error_date(Ticks t) { return format_date_time(to_civil(t), 'T'); }

}  // namespace sim

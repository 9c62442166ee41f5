#include "instant.h"

#include <array>
#include <chrono>

namespace defender {
namespace {

// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
constexpr int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct Civil {
  int64_t year;
  unsigned month, day;
};

constexpr Civil civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Civil{static_cast<int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

constexpr bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

constexpr unsigned days_in_month(int64_t y, unsigned m) {
  constexpr std::array<unsigned, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  bool digits(size_t count, int64_t &out) {
    if (pos_ + count > text_.size()) return false;
    int64_t value = 0;
    for (size_t i = 0; i < count; ++i) {
      const char c = text_[pos_ + i];
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    pos_ += count;
    out = value;
    return true;
  }
  bool literal(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool at_end() const { return pos_ == text_.size(); }
  std::optional<char> peek() const { return pos_ < text_.size() ? std::optional<char>(text_[pos_]) : std::nullopt; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

std::optional<Instant> parse_instant(std::string_view text) {
  Reader r(text);
  int64_t year, month, day, hour, minute, second;
  if (!(r.digits(4, year) && r.literal('-') && r.digits(2, month) && r.literal('-') && r.digits(2, day)))
    return std::nullopt;
  if (!(r.literal('T') || r.literal('t') || r.literal(' '))) return std::nullopt;
  if (!(r.digits(2, hour) && r.literal(':') && r.digits(2, minute) && r.literal(':') && r.digits(2, second)))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, static_cast<unsigned>(month)) || hour > 23 ||
      minute > 59 || second > 59)
    return std::nullopt;

  int64_t fraction_ticks = 0;
  if (r.literal('.')) {
    int64_t scale = Instant::ticks_per_second / 10;
    size_t count = 0;
    int64_t digit;
    while (r.digits(1, digit)) {
      fraction_ticks += digit * scale;
      scale /= 10;
      ++count;
    }
    if (count == 0) return std::nullopt;
  }

  int64_t offset_seconds = 0;
  if (r.literal('Z') || r.literal('z')) {
  } else if (auto sign = r.peek(); sign && (*sign == '+' || *sign == '-')) {
    r.literal(*sign);
    int64_t oh, om;
    if (!(r.digits(2, oh) && r.literal(':') && r.digits(2, om)) || oh > 23 || om > 59) return std::nullopt;
    offset_seconds = (oh * 3600 + om * 60) * (*sign == '+' ? 1 : -1);
  }
  if (!r.at_end()) return std::nullopt;

  const int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
  return Instant{seconds * Instant::ticks_per_second + fraction_ticks};
}

std::string format_instant(Instant t) {
  const int64_t seconds = t.epoch_seconds();
  const int64_t fraction = t.ticks - seconds * Instant::ticks_per_second;
  const int64_t days = floor_div(seconds, 86400);
  const int64_t in_day = seconds - days * 86400;
  const Civil c = civil_from_days(days);
  // Written digit by digit: this runs for every time field of every alert, and snprintf's parsing showed up.
  std::string out = std::to_string(c.year);
  if (out.size() < 4) out.insert(0, 4 - out.size(), '0');
  const size_t date = out.size();
  out += "-00-00T00:00:00.0000000Z";
  const auto put = [&out, date](size_t end, int64_t value, int digits) {
    for (int i = 1; i <= digits; ++i, value /= 10) out[date + end - i] = static_cast<char>('0' + value % 10);
  };
  put(3, c.month, 2);
  put(6, c.day, 2);
  put(9, in_day / 3600, 2);
  put(12, in_day / 60 % 60, 2);
  put(15, in_day % 60, 2);
  put(23, fraction, 7);
  return out;
}

Instant system_clock_now() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return Instant{std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count() / 100};
}

}  // namespace defender

#pragma once

#include <charconv>
#include <optional>
#include <string_view>

namespace sim {

// A whole number that is all of `text` and within [min, max]; nullopt otherwise (no sign tricks, no trailing bytes).
template <typename T>
std::optional<T> parse_number(std::string_view text, T min, T max) {
  T value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value < min || value > max)
    return std::nullopt;
  return value;
}

// A decimal such as "2", "0.25" or "1e-3" within [min, max].
inline std::optional<double> parse_decimal(std::string_view text, double min, double max) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !(value >= min && value <= max))
    return std::nullopt;
  return value;
}

}  // namespace sim

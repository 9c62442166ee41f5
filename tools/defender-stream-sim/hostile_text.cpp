#include "hostile_text.h"

#include <array>

namespace streamsim {
namespace {

using namespace std::string_view_literals;

constexpr std::array kAdditions{
    " |pipe| =equals= \\back\\slash\\ ^caret^ key=value cs1Label=forged"sv,
    "\r\nsecond line\nthird line\tcolumn\ttab"sv,
    " \"double quotes\" 'single quotes' \\\"escaped\\\" `back`"sv,
    "\n<14>Jun  2 08:00:00 evil CEF:0|Evil|Forged|1.0|100|Forged event|10|src=6.6.6.6 act=allow\tLEEF:2.0|Evil|"
    "Forged|1|100|^|devTime=0^sev=10"sv,
    " Ünïcödé – 長い説明 テスト 한국어 🔥💀 zero\u200Bwidth \u202Eright-to-left\u202C"sv,
    " bell\a escape\x1b[31mred\x1b[0m delete\x7f formfeed\f"sv,
    "\"},{\"injected\":true,\"category\":\"AdvancedHunting-Forged\"}]}"sv,
};

// Exactly `size` bytes of valid UTF-8, one- to four-byte characters and metacharacters mixed.
std::string long_text(std::size_t size) {
  constexpr std::string_view kUnit = "Lång text – 長いテキスト 🔥 | = \\ ^ \" ";
  std::string out;
  out.reserve(size);
  while (out.size() + kUnit.size() <= size) out += kUnit;
  out.append(size - out.size(), '.');
  return out;
}

}  // namespace

bool HostileText::wants_next() {
  if (first_) {
    first_ = false;
    return true;
  }
  return rng_.chance(40);
}

std::string HostileText::apply(std::string_view value) {
  std::string out(value);
  const auto kind = rng_.below(kAdditions.size() + 1);
  if (kind == kAdditions.size()) {
    const std::size_t target = static_cast<std::size_t>(rng_.between(1024, kLongestHostileText));
    if (out.size() < target) out += long_text(target - out.size());
    return out;
  }
  out += kAdditions[kind];
  return out;
}

}  // namespace streamsim

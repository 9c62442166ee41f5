// One option value at a time, as the configuration parser hands them over: each is checked on its own here (files
// must be readable, words must be known, the driver must take the option); validate() checks them together
// afterwards.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "boundary/core.h"
#include "config/options.h"

namespace defender {

// The values a number option takes, checked as it is set; token-version() is 1 or 2 and has none.
struct NumberRange {
  int64_t min;
  int64_t max;
  const char *min_text;  // as the message and docs/options.md say them
  const char *max_text;
  const char *unit;
};
std::optional<NumberRange> number_range(DefenderOption option);

OptionError set_string_option(Options &options, DefenderOption option, std::string_view value);
OptionError set_number_option(Options &options, DefenderOption option, int64_t value);
OptionError set_bool_option(Options &options, DefenderOption option, bool value);
// kafka-option("name" "value").
OptionError set_pair_option(Options &options, DefenderOption option, std::string_view name, std::string_view value);

}  // namespace defender

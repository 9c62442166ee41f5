// One option value at a time, as the configuration parser hands them over: each is checked on its own here (files
// must be readable, words must be known); validate() checks them together afterwards.
#pragma once

#include <cstdint>
#include <string_view>

#include "core.h"
#include "options.h"

namespace defender {

OptionError set_string_option(Options &options, DefenderOption option, std::string_view value);
OptionError set_number_option(Options &options, DefenderOption option, int64_t value);
OptionError set_bool_option(Options &options, DefenderOption option, bool value);

}  // namespace defender

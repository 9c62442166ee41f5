// What boundary/option_list.h says of each option: the kind of value it takes, for a front end that has the option's
// name and its value as text (defender-fetch's command line), as syslog-ng's grammar takes it too; and which driver
// takes it.
#pragma once

#include <optional>
#include <string>

#include "boundary/core.h"

namespace defender {

enum class OptionKind {
  text,       // set_string_option
  number,     // set_number_option
  yes_no,     // set_bool_option
  text_pair,  // set_pair_option
};

OptionKind option_kind(DefenderOption option);

// The two drivers of the module.
enum class Driver { poll, stream };

// "microsoft-defender" or "microsoft-defender-stream", as the configuration names it.
const char *driver_name(Driver driver);

// Why the driver does not take the option ("namespace() is an option of microsoft-defender-stream(), not of
// microsoft-defender()"), or nothing when it does.
std::optional<std::string> option_refused_by(Driver driver, DefenderOption option);

}  // namespace defender

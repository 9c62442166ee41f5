// Which of the setters (option_setters.h) takes an option: for a front end that has the option's name and its value
// as text, such as defender-fetch's command line. It is the kind boundary/option_list.h gives, as syslog-ng's grammar
// takes it too.
#pragma once

#include "boundary/core.h"

namespace defender {

enum class OptionKind {
  text,    // set_string_option
  number,  // set_number_option
  yes_no,  // set_bool_option
};

OptionKind option_kind(DefenderOption option);

}  // namespace defender

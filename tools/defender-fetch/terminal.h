// What defender-fetch writes for a person: results on standard output; problems, and the core's log lines in the
// words the module sends to syslog-ng's internal() log, on standard error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "reporting/logger.h"

namespace defender::fetch {

// Debug lines only when verbose. An error ends the command, so the retry schedule the core adds to it is left out.
Logger terminal_logger(bool verbose);

// "defender-fetch: <text>" on standard error: a problem, or a summary meant for the person and not the pipe.
void report(std::string_view text);

// One line of a command's result on standard output.
void say(std::string_view line);

// "1 alert", "2 alerts".
std::string counted(int64_t n, std::string_view noun);

}  // namespace defender::fetch

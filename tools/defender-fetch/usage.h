// What --help prints: the commands, defender-fetch's own options, and every source option with the kind of value it
// takes, listed from core.h so that a new source option appears here by itself.
#pragma once

#include <string>

namespace defender::fetch {

std::string usage_text();

}  // namespace defender::fetch

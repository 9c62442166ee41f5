// Warnings about a configuration that works but gives something away, told each time the configuration is read:
// at `syslog-ng --syntax-only`, at start and at every reload.
#pragma once

#include "config/options.h"
#include "reporting/logger.h"

namespace defender {

// client-secret() written in the configuration, and peer-verify(no).
void warn_about_options(const Options &options, const Logger &logger);

}  // namespace defender

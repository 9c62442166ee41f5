// The options checked together and the credential read from its file, as syslog-ng does when it loads the
// configuration (core.h's defender_options_validate), so a problem is told in the same words.
#pragma once

#include <string>
#include <variant>

#include "config/options.h"
#include "credentials/client_credential.h"
#include "reporting/logger.h"

namespace defender::fetch {

std::variant<ClientCredential, std::string> load_configuration(const Options &options, const Logger &logger,
                                                               Instant now);

}  // namespace defender::fetch

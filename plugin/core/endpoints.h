// Where the source sends its requests and for which audience it asks a token.
// An overridden URL moves the host, never the audience (design.md §3).
#pragma once

#include <string>

#include "options.h"

namespace defender {

struct Endpoints {
  std::string token_url;  // https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token
  std::string scope;      // <audience>/.default
  std::string alerts_url; // https://graph.microsoft.com/v1.0/security/alerts_v2
};

Endpoints endpoints_for(const Options &options);

}  // namespace defender

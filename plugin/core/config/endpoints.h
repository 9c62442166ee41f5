// Where the source sends its requests and for which audience it asks a token.
// An overridden URL moves the host, never the audience (docs/options.md, "Which API, in which cloud").
#pragma once

#include <string>
#include <string_view>

#include "config/options.h"

namespace defender {

struct Endpoints {
  std::string token_url;  // https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token (or /oauth2/token for v1)
  TokenVersion token_version = TokenVersion::v2;
  std::string audience;    // the API's App ID URI: scope=<audience>/.default (v2), resource=<audience> (v1)
  std::string alerts_url;  // https://graph.microsoft.com/v1.0/security/alerts_v2; the stream: its bootstrap servers
};

Endpoints endpoints_for(const Options &options);

// microsoft-defender-stream(): bootstrap-servers(), else the namespace's host in the cloud, port 9093.
std::string stream_bootstrap_servers(const Options &options);

// The regional hosts of the global cloud (docs/microsoft-apis.md, "Clouds and hosts").
bool is_known_region(Api api, std::string_view region);
std::string_view known_regions(Api api);  // for messages: "us, eu or uk"

}  // namespace defender

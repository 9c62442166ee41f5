#include "endpoints.h"

namespace defender {
namespace {

struct CloudHosts {
  const char *login;
  const char *graph;  // Graph's host and its token audience are the same URL in every cloud
};

// reference/defender-api.md §5.1 and §6.4: GCC uses the worldwide Graph; GCC High and DoD have their own.
CloudHosts hosts_of(Cloud cloud) {
  switch (cloud) {
    case Cloud::global:
    case Cloud::gcc: return {"https://login.microsoftonline.com", "https://graph.microsoft.com"};
    case Cloud::gcc_high: return {"https://login.microsoftonline.us", "https://graph.microsoft.us"};
    case Cloud::dod: return {"https://login.microsoftonline.us", "https://dod-graph.microsoft.us"};
  }
  return {"https://login.microsoftonline.com", "https://graph.microsoft.com"};
}

}  // namespace

Endpoints endpoints_for(const Options &options) {
  const CloudHosts hosts = hosts_of(options.cloud);
  const std::string login = options.login_url.empty() ? hosts.login : options.login_url;
  const std::string api = options.api_url.empty() ? hosts.graph : options.api_url;
  return Endpoints{
      .token_url = login + "/" + options.tenant_id + "/oauth2/v2.0/token",
      .scope = std::string(hosts.graph) + "/.default",
      .alerts_url = api + "/v1.0/security/alerts_v2",
  };
}

}  // namespace defender

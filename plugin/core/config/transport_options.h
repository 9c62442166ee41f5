// How the source reaches the services: TLS trust, proxy, time limits, the User-Agent it announces.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace defender {

// Microsoft's partner convention (docs/microsoft-apis.md, "Partner User-Agent"):
// MdePartner-<Company>-<Product>/<version>.
std::string default_user_agent();

struct TransportOptions {
  std::string ca_file;
  std::string ca_dir;
  bool peer_verify = true;
  int64_t timeout_seconds = 30;
  std::string user_agent = default_user_agent();
  std::string proxy;     // "http://user:password@host:3128"; empty: libcurl's default (the *_proxy environment)
  std::string no_proxy;  // hosts reached directly, comma-separated as in NO_PROXY
  bool allow_insecure_http = false;  // plain http:// URLs, for test rigs only
};

// The URL with any user and password replaced by "***", so it can be logged.
std::string without_credentials(std::string_view url);

}  // namespace defender

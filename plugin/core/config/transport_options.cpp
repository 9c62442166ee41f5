#include "config/transport_options.h"

namespace defender {

std::string default_user_agent() { return "MdePartner-SyslogNG-DefenderSource/" DEFENDER_VERSION; }

std::string without_credentials(std::string_view url) {
  const size_t scheme = url.find("://");
  const size_t host = scheme == std::string_view::npos ? 0 : scheme + 3;
  const size_t at = url.find('@', host);
  const size_t path = url.find('/', host);
  if (at == std::string_view::npos || (path != std::string_view::npos && path < at)) return std::string(url);
  return std::string(url.substr(0, host)) + "***" + std::string(url.substr(at));
}

}  // namespace defender

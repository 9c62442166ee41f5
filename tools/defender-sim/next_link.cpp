#include "next_link.h"

#include <cctype>

namespace sim {
namespace {

// The authority the client addressed; anything odd falls back to the loopback address.
std::string authority(const HttpRequest &request) {
  const auto host = request.header("host");
  if (!host || host->empty()) return "127.0.0.1";
  for (const char c : *host)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != ':' && c != '-' && c != '[' && c != ']')
      return "127.0.0.1";
  return std::string(*host);
}

}  // namespace

std::string next_link(const HttpRequest &request, const Params &carried, std::string_view paging,
                      const std::optional<std::string> &elsewhere) {
  std::string link = "https://" + (elsewhere ? *elsewhere : authority(request)) + request.path + '?';
  for (const auto &[name, value] : carried) link += percent_encode(name, "$") + '=' + percent_encode(value) + '&';
  link += paging;
  return link;
}

}  // namespace sim

#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http_message.h"
#include "url.h"

namespace sim {

// An @odata.nextLink back to this server: the authority and path the client used (or `elsewhere`, another origin's
// authority), the parameters carried over, then the paging parameter ("$skiptoken=..." or "$skip=N").
std::string next_link(const HttpRequest &request, const Params &carried, std::string_view paging,
                      const std::optional<std::string> &elsewhere);

}  // namespace sim

#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "api_kind.h"
#include "http_message.h"
#include "token_service.h"

namespace sim {

// An error as each API words it: Graph's shape with innerError, or the Defender APIs' {"error":{"code",
// "message","target"}} for the alerts and SIEM APIs (docs/microsoft-apis.md, "Error answers").
HttpResponse api_error(Api api, const HttpRequest &request, int status, std::string_view code,
                       std::string_view message);

// The 401 for a token that is missing, not ours, expired, or for another API.
HttpResponse api_unauthorized(Api api, const HttpRequest &request, TokenCheck check);

// Graph's 403 for a valid token without any of the app roles the API requires; it names both sets.
HttpResponse api_forbidden(Api api, const HttpRequest &request, std::span<const std::string_view> required,
                           const std::vector<std::string> &granted);

}  // namespace sim

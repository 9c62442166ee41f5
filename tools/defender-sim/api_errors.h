#pragma once

#include <string_view>

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

}  // namespace sim

#pragma once

#include <string_view>

#include "http_message.h"
#include "token_service.h"

namespace sim {

// An error of the Defender for Endpoint APIs (docs/microsoft-apis.md, "Error answers"):
// {"error":{"code":...,"message":...,"target":"<correlation id>"}}. The SIEM API documents only its statuses
// (docs/microsoft-apis.md, "SIEM API"); it comes from the same service family and answers in the same shape here.
HttpResponse mde_error(int status, std::string_view code, std::string_view message);

// 401 Unauthorized for a missing or expired token (docs/microsoft-apis.md, "Error answers"), saying which.
HttpResponse mde_unauthorized(TokenCheck check);

}  // namespace sim

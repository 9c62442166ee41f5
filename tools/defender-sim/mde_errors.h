#pragma once

#include <string_view>

#include "http_message.h"
#include "token_service.h"

namespace sim {

// An error of the Defender for Endpoint APIs (§4.8): {"error":{"code":...,"message":...,"target":"<correlation
// id>"}}. The SIEM API documents only its statuses (§2.7); it comes from the same service family and answers in
// the same shape here.
HttpResponse mde_error(int status, std::string_view code, std::string_view message);

// 401 Unauthorized, "Invalid or expired authorization header" (ERR), saying which.
HttpResponse mde_unauthorized(TokenCheck check);

}  // namespace sim

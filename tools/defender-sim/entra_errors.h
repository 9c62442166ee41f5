#pragma once

#include <string>
#include <string_view>

#include "http_message.h"

namespace sim {

// An Entra ID token endpoint failure (docs/microsoft-apis.md, "Error answers"): the OAuth error, the AADSTS code and
// its message.
struct EntraError {
  int status;
  std::string error;  // invalid_request, invalid_client, unauthorized_client, ...
  int code;           // the number after AADSTS
  std::string message;
};

// The error as Entra sends it, with trace and correlation ids (the correlation id echoes client-request-id).
HttpResponse entra_error_response(const EntraError &e, const HttpRequest &request);

// Headers Entra puts on every token endpoint answer.
void add_entra_headers(HttpResponse &response, std::string_view trace_id);

}  // namespace sim

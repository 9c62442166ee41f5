// The first step of check and fetch: a token from Entra ID, requested exactly as the source requests it.
#pragma once

#include <optional>
#include <string_view>

#include "credentials/token_provider.h"
#include "exit_status.h"
#include "transport/http_client.h"

namespace defender::fetch {

// Nothing when the token is there; otherwise the problem is on standard error and this is the exit status.
std::optional<ExitStatus> request_token(TokenProvider &token, HttpClient &http, Instant now);

// The access token itself, for reading its claims; never for printing.
std::string_view access_token(const TokenProvider &token);

}  // namespace defender::fetch

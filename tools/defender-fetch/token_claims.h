// What an Entra ID access token says about the application, for `check`: read from the JWT's payload (base64url
// JSON). Only these claims are shown, never the token itself.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/options.h"
#include "instant.h"

namespace defender::fetch {

struct TokenClaims {
  std::string audience;  // aud
  std::string issuer;    // iss
  std::string tenant;    // tid
  std::string app_id;    // appid (v1 tokens) or azp (v2)
  std::vector<std::string> roles;
  std::optional<Instant> expires;  // exp
};

// Nothing when the token is not a JWT with a JSON payload.
std::optional<TokenClaims> decode_token(std::string_view token);

// The application role the API checks, e.g. "SecurityAlert.Read.All"; empty for the SIEM API, whose tokens carry
// none (it admits the app that "Enable SIEM integration" created).
std::string_view required_role(Api api);

// The role, or its ReadWrite form, which includes reading. Never for the SIEM API, which needs none.
bool grants(const std::vector<std::string> &roles, Api api);

}  // namespace defender::fetch

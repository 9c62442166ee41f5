// Client-credentials tokens from Entra ID's v2 (scope=) or v1 (resource=) endpoint, with a secret or a certificate
// assertion, cached until shortly before they expire.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "config/endpoints.h"
#include "credentials/client_credential.h"
#include "credentials/secret.h"
#include "failures/failure.h"
#include "instant.h"
#include "reporting/logger.h"
#include "reporting/stats.h"
#include "transport/http_client.h"

namespace defender {

class TokenProvider {
 public:
  // The logger hears of a token lifetime that had to be clamped (token_refresh).
  TokenProvider(Endpoints endpoints, std::string client_id, ClientCredential credential, AssertionAlgorithm algorithm,
                Logger logger = Logger(nullptr, nullptr, {}));
  ~TokenProvider() { wipe(bearer_header_); }

  // Makes sure a token valid for a while is cached, requesting one when needed.
  std::optional<Failure> ensure(HttpClient &http, HttpResponse &scratch, Stats &stats, Instant now);
  const std::string &bearer_header() const { return bearer_header_; }
  // The cached token alone, without "Authorization: Bearer " (empty before the first ensure()).
  std::string_view token() const;
  // When ensure() asks for a new token: ahead of the cached one's expiry.
  Instant refresh_at() const { return refresh_at_; }

  // The API refused the token (401): the next ensure() asks for a fresh one.
  void invalidate() { refresh_at_ = Instant{}; }

  // The form the token endpoint receives (exposed for tests: it carries the credential).
  std::string request_body(const HttpClient &http, Instant now) const;

 private:
  std::optional<Failure> refuse(const HttpResponse &response, Instant now) const;

  Endpoints endpoints_;
  std::string client_id_;
  ClientCredential credential_;
  AssertionAlgorithm algorithm_;
  Logger logger_;
  std::string bearer_header_;  // "Authorization: Bearer <token>", wiped when replaced and at the end
  Instant refresh_at_{};
};

// expires_in arrives as a number (v2) or as a string (v1 samples); both mean seconds.
std::optional<int64_t> parse_expires_in(std::string_view body);

// When a token is renewed after it was issued: ahead of its expiry, so that no request carries one that expires on
// the way, but no sooner than a minute (a lifetime of seconds would be a hot loop of token requests) and no later
// than a day (a lifetime of ten years would keep a revoked grant alive).
inline constexpr int64_t min_token_refresh_seconds = 60;
inline constexpr int64_t max_token_refresh_seconds = 86400;

struct TokenRefresh {
  int64_t after_seconds;
  std::string note;  // for the log, when the lifetime was clamped
};

// expires_in: more than 0.
TokenRefresh token_refresh(int64_t expires_in);

}  // namespace defender

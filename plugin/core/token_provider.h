// Client-credentials tokens from Entra ID's v2 endpoint, cached until shortly before they expire.
#pragma once

#include <optional>
#include <string>

#include "endpoints.h"
#include "failure.h"
#include "http_client.h"
#include "instant.h"
#include "stats.h"

namespace defender {

class TokenProvider {
 public:
  TokenProvider(std::string token_url, std::string scope, std::string client_id, std::string client_secret);

  // Makes sure a token valid for a while is cached, requesting one when needed.
  std::optional<Failure> ensure(HttpClient &http, HttpResponse &scratch, Stats &stats, Instant now);
  const std::string &bearer_header() const { return bearer_header_; }

  // The API refused the token (401): the next ensure() asks for a fresh one.
  void invalidate() { expires_ = Instant{}; }

 private:
  std::optional<Failure> refuse(const HttpResponse &response) const;

  std::string token_url_;
  std::string scope_;
  std::string client_id_;
  std::string client_secret_;
  std::string bearer_header_;  // "Authorization: Bearer <token>"
  Instant expires_{};
  Instant refresh_at_{};
};

// expires_in arrives as a number (v2) or as a string (v1 samples); both mean seconds.
std::optional<int64_t> parse_expires_in(std::string_view body);

}  // namespace defender

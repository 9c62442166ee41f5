#include "token_step.h"

#include "failure_status.h"
#include "terminal.h"

namespace defender::fetch {

std::optional<ExitStatus> request_token(TokenProvider &token, HttpClient &http, Instant now) {
  Stats stats;
  HttpResponse response;
  const auto failure = token.ensure(http, response, stats, now);
  if (!failure) return std::nullopt;
  report(failure->message);
  return token_failure_status(*failure, stats);
}

std::string_view access_token(const TokenProvider &token) {
  constexpr std::string_view prefix = "Authorization: Bearer ";
  return std::string_view(token.bearer_header()).substr(prefix.size());
}

}  // namespace defender::fetch

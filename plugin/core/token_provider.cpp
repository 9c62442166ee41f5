#include "token_provider.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <charconv>

#include "service_error.h"

namespace defender {
namespace {

std::optional<int64_t> seconds_from(const rapidjson::Value &value) {
  if (value.IsInt64()) return value.GetInt64();
  if (value.IsString()) {
    int64_t n = 0;
    const char *begin = value.GetString();
    const char *end = begin + value.GetStringLength();
    const auto [ptr, ec] = std::from_chars(begin, end, n);
    if (ec == std::errc() && ptr == end) return n;
  }
  return std::nullopt;
}

}  // namespace

std::optional<int64_t> parse_expires_in(std::string_view body) {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return std::nullopt;
  const auto it = doc.FindMember("expires_in");
  if (it == doc.MemberEnd()) return std::nullopt;
  return seconds_from(it->value);
}

TokenProvider::TokenProvider(std::string token_url, std::string scope, std::string client_id,
                             std::string client_secret)
    : token_url_(std::move(token_url)),
      scope_(std::move(scope)),
      client_id_(std::move(client_id)),
      client_secret_(std::move(client_secret)) {}

std::optional<Failure> TokenProvider::ensure(HttpClient &http, HttpResponse &response, Stats &stats, Instant now) {
  if (!bearer_header_.empty() && now < refresh_at_) return std::nullopt;

  HttpRequest request;
  request.method = HttpRequest::Method::post;
  request.url = token_url_;
  request.headers = {"Content-Type: application/x-www-form-urlencoded", "Accept: application/json"};
  request.body = "client_id=" + http.escape(client_id_) + "&scope=" + http.escape(scope_) +
                 "&client_secret=" + http.escape(client_secret_) + "&grant_type=client_credentials";

  const HttpResult result = http.perform(request, response);
  if (result.outcome == TransportOutcome::aborted) return Failure{FailureKind::aborted, "shutting down", std::nullopt};
  stats.count_response(result.outcome == TransportOutcome::ok ? response.status : 0);
  if (result.outcome == TransportOutcome::failed)
    return Failure{FailureKind::transient, "the token request to " + token_url_ + " failed: " + result.error +
                                               "; check the network path, proxy and ca-file() towards the login host",
                   std::nullopt};
  if (response.status != 200) return refuse(response);

  rapidjson::Document doc;
  doc.Parse(response.body.data(), response.body.size());
  const auto token = doc.IsObject() ? doc.FindMember("access_token") : rapidjson::Value::MemberIterator();
  const auto lifetime = parse_expires_in(response.body);
  if (doc.HasParseError() || !doc.IsObject() || token == doc.MemberEnd() || !token->value.IsString() ||
      token->value.GetStringLength() == 0 || !lifetime || *lifetime <= 0)
    return Failure{FailureKind::transient,
                   "the token endpoint " + token_url_ + " answered 200 without a usable access_token and expires_in",
                   std::nullopt};

  bearer_header_ = "Authorization: Bearer ";
  bearer_header_.append(token->value.GetString(), token->value.GetStringLength());
  expires_ = now.plus_seconds(*lifetime);
  // Renew ahead of expiry so a page request never carries a token that expires on the way.
  refresh_at_ = expires_.minus_seconds(std::min<int64_t>(300, *lifetime / 4));
  stats.add(DEFENDER_STAT_TOKEN_REFRESHES);
  return std::nullopt;
}

std::optional<Failure> TokenProvider::refuse(const HttpResponse &response) const {
  const ServiceError error = parse_entra_error(response.body);
  std::string message = "Entra ID refused the token request (HTTP " + std::to_string(response.status) + ", " +
                        describe(error) + ")";
  if (const auto advice = advice_for_entra_code(error.code); !advice.empty()) message += "; " + std::string(advice);
  if (response.status == 429 || error.code == "AADSTS90055" || error.code == "AADSTS50196")
    return Failure{FailureKind::throttled, message, std::nullopt};
  if (response.status >= 500 || error.code == "AADSTS90024" || error.code == "temporarily_unavailable")
    return Failure{FailureKind::transient, message, std::nullopt};
  return Failure{FailureKind::configuration, message, std::nullopt};
}

}  // namespace defender

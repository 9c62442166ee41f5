#include "token_provider.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <charconv>

#include "overloaded.h"
#include "http_date.h"
#include "service_error.h"
#include "transport_failure.h"

namespace defender {
namespace {

constexpr std::string_view jwt_bearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

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

TokenProvider::TokenProvider(Endpoints endpoints, std::string client_id, ClientCredential credential,
                             AssertionAlgorithm algorithm)
    : endpoints_(std::move(endpoints)),
      client_id_(std::move(client_id)),
      credential_(std::move(credential)),
      algorithm_(algorithm) {}

std::string TokenProvider::request_body(const HttpClient &http, Instant now) const {
  std::string body = "grant_type=client_credentials&client_id=" + http.escape(client_id_);
  if (endpoints_.token_version == TokenVersion::v2) body += "&scope=" + http.escape(endpoints_.audience + "/.default");
  else body += "&resource=" + http.escape(endpoints_.audience);
  std::visit(Overloaded{
                 [&](const ClientSecret &secret) { append_client_secret(body, secret); },
                 [&](const ClientCertificate &certificate) {
                   body += "&client_assertion_type=" + http.escape(jwt_bearer) + "&client_assertion=" +
                           certificate.assertion(client_id_, endpoints_.token_url, now, algorithm_);
                 },
             },
             credential_);
  return body;
}

std::optional<Failure> TokenProvider::ensure(HttpClient &http, HttpResponse &response, Stats &stats, Instant now) {
  if (!bearer_header_.empty() && now < refresh_at_) return std::nullopt;

  HttpRequest request;
  request.method = HttpRequest::Method::post;
  request.url = endpoints_.token_url;
  request.headers = {"Content-Type: application/x-www-form-urlencoded", "Accept: application/json"};
  try {
    request.body = request_body(http, now);
  } catch (const std::exception &e) {
    return Failure{FailureKind::configuration,
                   std::string("cannot build the client assertion: ") + e.what() +
                       "; check client-certificate() and client-private-key()",
                   std::nullopt};
  }

  const HttpResult result = http.perform(request, response);
  wipe(request.body);  // it carries the secret or a signed assertion
  if (result.outcome == TransportOutcome::aborted) return Failure{FailureKind::aborted, "shutting down", std::nullopt};
  stats.count_response(result.outcome == TransportOutcome::ok ? response.status : 0);
  if (result.outcome == TransportOutcome::failed)
    return transport_failure(result, "the token request to " + endpoints_.token_url, endpoints_.token_url,
                             http.options());
  if (response.status != 200) return refuse(response, now);

  rapidjson::Document doc;
  doc.Parse(response.body.data(), response.body.size());
  const auto token = doc.IsObject() ? doc.FindMember("access_token") : rapidjson::Value::MemberIterator();
  const auto lifetime = parse_expires_in(response.body);
  if (doc.HasParseError() || !doc.IsObject() || token == doc.MemberEnd() || !token->value.IsString() ||
      token->value.GetStringLength() == 0 || !lifetime || *lifetime <= 0)
    return Failure{FailureKind::transient,
                   "the token endpoint " + endpoints_.token_url +
                       " answered 200 without a usable access_token and expires_in",
                   std::nullopt};

  wipe(bearer_header_);
  bearer_header_ = "Authorization: Bearer ";
  bearer_header_.append(token->value.GetString(), token->value.GetStringLength());
  // Renew ahead of expiry so a page request never carries a token that expires on the way.
  refresh_at_ = now.plus_seconds(*lifetime - std::min<int64_t>(300, *lifetime / 4));
  stats.add(DEFENDER_STAT_TOKEN_REFRESHES);
  return std::nullopt;
}

std::optional<Failure> TokenProvider::refuse(const HttpResponse &response, Instant now) const {
  const ServiceError error = parse_entra_error(response.body);
  std::string message = "Entra ID refused the token request to " + endpoints_.token_url + " (HTTP " +
                        std::to_string(response.status) + ", " + describe(error) + ")";
  if (const auto advice = advice_for_entra_code(error.code); !advice.empty()) message += "; " + std::string(advice);
  if (response.status == 429 || error.code == "AADSTS90055" || error.code == "AADSTS50196")
    return Failure{FailureKind::throttled, message, parse_retry_after(response.retry_after, now)};
  if (response.status >= 500 || error.code == "AADSTS90024" || error.code == "temporarily_unavailable")
    return Failure{FailureKind::transient, message, std::nullopt};
  return Failure{FailureKind::configuration, message, std::nullopt};
}

}  // namespace defender

#include "credentials/token_provider.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <charconv>

#include "failures/service_error.h"
#include "failures/transport_failure.h"
#include "json/bounded_json.h"
#include "overloaded.h"
#include "transport/http_date.h"

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

std::optional<int64_t> expires_in_of(const rapidjson::Document &answer) {
  const auto it = answer.FindMember("expires_in");
  if (it == answer.MemberEnd()) return std::nullopt;
  return seconds_from(it->value);
}

// The token endpoint's answer as a JSON object; nothing when it is not one.
bool parse_answer(std::string_view body, rapidjson::Document &answer) {
  return parse_bounded(answer, body, small_body_json_caps).empty() && answer.IsObject();
}

}  // namespace

std::optional<int64_t> parse_expires_in(std::string_view body) {
  rapidjson::Document answer;
  if (!parse_answer(body, answer)) return std::nullopt;
  return expires_in_of(answer);
}

TokenRefresh token_refresh(int64_t expires_in) {
  const int64_t ahead = expires_in - std::min<int64_t>(300, expires_in / 4);
  const std::string told = "the token endpoint's expires_in (" + std::to_string(expires_in) + " seconds) ";
  if (ahead < min_token_refresh_seconds)
    return TokenRefresh{min_token_refresh_seconds,
                        told + "is too short to renew the token ahead of its expiry; it is renewed after " +
                            std::to_string(min_token_refresh_seconds) +
                            " seconds, and a request it expires on gets a fresh one"};
  if (ahead > max_token_refresh_seconds)
    return TokenRefresh{max_token_refresh_seconds, told + "is longer than a day; the token is renewed after " +
                                                       std::to_string(max_token_refresh_seconds) + " seconds"};
  return TokenRefresh{ahead, {}};
}

TokenProvider::TokenProvider(Endpoints endpoints, std::string client_id, ClientCredential credential,
                             AssertionAlgorithm algorithm, Logger logger)
    : endpoints_(std::move(endpoints)),
      client_id_(std::move(client_id)),
      credential_(std::move(credential)),
      algorithm_(algorithm),
      logger_(std::move(logger)) {}

std::string TokenProvider::request_body(const HttpClient &http, Instant now) const {
  std::string body = "grant_type=client_credentials&client_id=" + http.escape(client_id_);
  if (endpoints_.token_version == TokenVersion::v2)
    body += "&scope=" + http.escape(endpoints_.audience + "/.default");
  else
    body += "&resource=" + http.escape(endpoints_.audience);
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

  rapidjson::Document answer;
  const bool parsed = parse_answer(response.body, answer);
  const auto token = parsed ? answer.FindMember("access_token") : rapidjson::Value::MemberIterator();
  const auto lifetime = parsed ? expires_in_of(answer) : std::nullopt;
  if (!parsed || token == answer.MemberEnd() || !token->value.IsString() || token->value.GetStringLength() == 0 ||
      !lifetime || *lifetime <= 0)
    return Failure{
        FailureKind::transient,
        "the token endpoint " + endpoints_.token_url + " answered 200 without a usable access_token and expires_in",
        std::nullopt};

  wipe(bearer_header_);
  bearer_header_ = "Authorization: Bearer ";
  bearer_header_.append(token->value.GetString(), token->value.GetStringLength());
  const TokenRefresh refresh = token_refresh(*lifetime);
  if (!refresh.note.empty()) logger_.warning(refresh.note, {{"token_url", endpoints_.token_url}});
  refresh_at_ = now.plus_seconds(refresh.after_seconds);
  stats.add(DEFENDER_STAT_TOKEN_REFRESHES);
  return std::nullopt;
}

std::optional<Failure> TokenProvider::refuse(const HttpResponse &response, Instant now) const {
  const ServiceError error = parse_entra_error(response.body);
  std::string message = "Entra ID refused the token request to " + endpoints_.token_url + " (HTTP " +
                        std::to_string(response.status) + ", " + describe(error) + ")";
  if (const auto advice = advice_for_entra_code(error.code); !advice.empty()) message += "; " + std::string(advice);
  if (response.status == 429 || error.code == "AADSTS90055" || error.code == "AADSTS50196") {
    const RetryAfter retry_after = parse_retry_after(response.retry_after, now);
    if (!retry_after.note.empty()) message += "; " + retry_after.note;
    return Failure{FailureKind::throttled, message, retry_after.seconds};
  }
  if (response.status >= 500 || error.code == "AADSTS90024" || error.code == "temporarily_unavailable")
    return Failure{FailureKind::transient, message, std::nullopt};
  return Failure{FailureKind::configuration, message, std::nullopt};
}

std::string_view TokenProvider::token() const {
  constexpr std::string_view prefix = "Authorization: Bearer ";
  const std::string_view header = bearer_header_;
  return header.starts_with(prefix) ? header.substr(prefix.size()) : std::string_view();
}

}  // namespace defender

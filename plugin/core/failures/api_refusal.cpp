#include "failures/api_refusal.h"

#include "config/endpoints.h"
#include "failures/service_error.h"
#include "transport/http_date.h"

namespace defender {

Failure api_refusal(const HttpResponse &response, const std::string &url, const Options &options, const AlertApi &api,
                    Instant answered) {
  const long status = response.status;
  ServiceError error = parse_api_error(response.body);
  if (error.correlation_id.empty()) error.correlation_id = response.request_id;
  const std::string what =
      "the API answered HTTP " + std::to_string(status) + " (" + describe(error) + ") to GET " + url;
  const auto failure = [&](FailureKind kind, const std::string &message, std::optional<int64_t> retry_after = {}) {
    return Failure{kind, message, retry_after, status};
  };
  if (status == 401)
    return failure(
        FailureKind::configuration,
        what + "; a fresh token was refused too: the token's audience " + endpoints_for(options).audience +
            " must be the API's in the same cloud as api-url(); check cloud(), audience() and token-version()");
  if (status == 403) return failure(FailureKind::configuration, what + "; " + std::string(api.permission_advice()));
  const RetryAfter retry_after = parse_retry_after(response.retry_after, answered);
  const std::string told = retry_after.note.empty() ? what : what + "; " + retry_after.note;
  if (status == 429) return failure(FailureKind::throttled, told, retry_after.seconds);
  if (status >= 500) return failure(FailureKind::transient, told, retry_after.seconds);
  if (status == 400 && !options.filter.empty())
    return failure(FailureKind::configuration, what + "; the API refused the query: check filter(\"" + options.filter +
                                                   "\") (properties, quotes for strings, none for datetimes)");
  return failure(FailureKind::configuration, what);
}

}  // namespace defender

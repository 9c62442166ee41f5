#include "poller/api_requester.h"

#include "config/endpoints.h"
#include "failures/api_refusal.h"
#include "failures/transport_failure.h"
#include "transport/url_origin.h"

namespace defender {

ApiRequester::ApiRequester(const Options &options, const AlertApi &api, ClientCredential credential, Stats &stats,
                           Logger logger, Clock clock, SendRequest send)
    : options_(options),
      api_(api),
      api_origin_(origin_of(endpoints_for(options).alerts_url)),
      http_(options.transport),
      send_(std::move(send)),
      token_(endpoints_for(options), options.client_id, std::move(credential), options.assertion_algorithm, logger),
      budget_(effective_budget(options).per_minute, effective_budget(options).per_hour),
      stats_(stats),
      logger_(std::move(logger)),
      clock_(clock) {}

std::optional<Failure> ApiRequester::ensure_token() {
  response_.date.clear();
  return token_.ensure(http_, response_, stats_, clock_());
}

PageAnswer ApiRequester::get_page(const std::string &url, size_t max_body_bytes) {
  PageAnswer answer = send_page_request(url, max_body_bytes);
  const std::optional<Failure> &failure = answer.failure;
  if (failure && failure->http_status == 401 && !token_refused_) {
    // One fresh token for a refused one: it may have been revoked or rotated before its expiry.
    token_refused_ = true;
    token_.invalidate();
    answer.renew_token = true;
  } else if (!failure || failure->kind != FailureKind::aborted) {
    token_refused_ = false;
  }
  return answer;
}

PageAnswer ApiRequester::send_page_request(const std::string &url, size_t max_body_bytes) {
  PageAnswer answer;
  // Next links are checked as they arrive; this is the one place a bearer request is made.
  if (const std::string origin = origin_of(url); origin != api_origin_) {
    answer.failure =
        Failure{FailureKind::configuration,
                "refusing to send the token to " + (origin.empty() ? std::string("an unusable URL") : origin) +
                    ": only the API's origin " + api_origin_ + " (api-url()) gets it",
                std::nullopt};
    return answer;
  }
  if ((answer.failure = token_.ensure(http_, response_, stats_, clock_()))) return answer;
  HttpRequest request;
  request.url = url;
  request.max_body_bytes = max_body_bytes;
  request.headers = api_.request_headers();
  request.headers.push_back(token_.bearer_header());

  const HttpResult result = send_ ? send_(request, response_) : http_.perform(request, response_);
  const Instant answered = clock_();
  // Counted when the answer is in, which is after the service saw the request: so no span of the service's own
  // counting holds more requests than the budget, whatever the latency.
  budget_.spend(answered);
  if (result.outcome == TransportOutcome::aborted) {
    answer.failure = Failure{FailureKind::aborted, "shutting down", std::nullopt};
    return answer;
  }
  stats_.count_response(result.outcome == TransportOutcome::failed ? 0 : response_.status);
  if (result.outcome == TransportOutcome::failed) {
    answer.failure = transport_failure(result, "GET " + url, url, http_.options());
    return answer;
  }
  answer.too_large = result.outcome == TransportOutcome::too_large;
  if (answer.too_large) return answer;
  logger_.debug("the API answered", {{"request", url},
                                     {"status", std::to_string(response_.status)},
                                     {"bytes", std::to_string(response_.body.size())},
                                     {"request_id", response_.request_id}});
  answer.answered = answered;
  if (response_.status != 200) answer.failure = api_refusal(response_, url, options_, api_, answered);
  return answer;
}

}  // namespace defender

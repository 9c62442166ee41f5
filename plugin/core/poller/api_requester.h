// The request side of one source: asks the alert API for a page with a bearer token, to the API's origin only and
// within the request budget, and turns an answer that is no page into a Failure. The API's first refusal of a token
// drops it, so that the page is asked for again with a fresh one; a second refusal in a row is the failure.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "apis/alert_api.h"
#include "config/options.h"
#include "credentials/client_credential.h"
#include "credentials/token_provider.h"
#include "failures/failure.h"
#include "poller/clock.h"
#include "poller/request_budget.h"
#include "reporting/logger.h"
#include "reporting/stats.h"
#include "transport/http_client.h"

namespace defender {

// Sends one request to the alert API and fills the response; as HttpClient::perform does, which a source uses.
// Tests answer in its place. The token endpoint is always asked through the HttpClient (TokenProvider takes one).
using SendRequest = std::function<HttpResult(const HttpRequest &, HttpResponse &)>;

// What came of asking for a page.
struct PageAnswer {
  std::optional<Failure> failure;  // no page: why (a refusal, the transport, the token, shutdown)
  // The failure is the API's first refusal of the token: it was dropped, and the page may be asked for again at once.
  bool renew_token = false;
  bool too_large = false;           // a 2xx answer outgrew its bound and was abandoned: the body holds its first part
  std::optional<Instant> answered;  // when the API's answer (200 or not) arrived; its Date is in response()
};

class ApiRequester {
 public:
  // `options`, `api` and `stats` are the poller's and outlive this. An empty `send` sends through the HttpClient.
  ApiRequester(const Options &options, const AlertApi &api, ClientCredential credential, Stats &stats, Logger logger,
               Clock clock, SendRequest send);
  ApiRequester(const ApiRequester &) = delete;
  ApiRequester &operator=(const ApiRequester &) = delete;

  // The earliest instant the next page request may be sent; `now` when the budget has room.
  Instant next_allowed(Instant now) const { return budget_.next_allowed(now); }

  // Makes sure a token is cached. The Date of the token endpoint's answer is then in response(); empty when no
  // answer carried one.
  std::optional<Failure> ensure_token();

  // GET `url`; a 2xx answer longer than max_body_bytes, as received or decoded, is abandoned (HttpRequest).
  PageAnswer get_page(const std::string &url, size_t max_body_bytes);

  // Any thread: the request in flight, and every later one, ends as aborted.
  void request_abort() { http_.request_abort(); }

  const HttpClient &http() const { return http_; }
  // The last answer, the token endpoint's or the API's: a page is read from its body in place.
  HttpResponse &response() { return response_; }
  const HttpResponse &response() const { return response_; }
  // The only origin a request with the bearer token goes to.
  const std::string &api_origin() const { return api_origin_; }

 private:
  PageAnswer send_page_request(const std::string &url, size_t max_body_bytes);

  const Options &options_;
  const AlertApi &api_;
  const std::string api_origin_;
  HttpClient http_;
  SendRequest send_;  // empty: http_
  HttpResponse response_;
  TokenProvider token_;
  RequestBudget budget_;
  Stats &stats_;
  Logger logger_;
  const Clock clock_;
  bool token_refused_ = false;  // the API refused the current token once; the next refusal is final
};

}  // namespace defender

// A poller of the Graph API on a clock the test sets, with its tokens from a scripted token endpoint on 127.0.0.1
// and its pages from a scripted alert API in place of the HTTP client (the injected SendRequest): the test says
// what each request is answered and reads back what was asked, with which token.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "log_records.h"
#include "poller/poller.h"
#include "scripted_server.h"

namespace defender::test {

inline const Instant harness_start = *parse_instant("2027-01-15T08:00:00Z");
inline const Instant harness_floor = harness_start.minus_seconds(3600);
inline Instant harness_now = harness_start;
inline Instant harness_clock() { return harness_now; }

inline ScriptedAnswer token_answer(const std::string &token) {
  return ScriptedAnswer{"200 OK", "", R"({"token_type":"Bearer","expires_in":3599,"access_token":")" + token + "\"}"};
}

// A Graph alert whose version is paged at `updated`.
inline std::string graph_alert(const std::string &id, Instant updated, const std::string &extra = {}) {
  const std::string t = format_instant(updated);
  return R"({"id":")" + id + R"(","lastUpdateDateTime":")" + t + R"(","createdDateTime":")" + t + "\"" + extra + "}";
}

inline HttpResponse page_answer(const std::string &alerts) {
  HttpResponse answer;
  answer.status = 200;
  answer.body = R"({"value":[)" + alerts + "]}";
  return answer;
}

inline HttpResponse status_answer(long status, const std::string &retry_after = {}) {
  HttpResponse answer;
  answer.status = status;
  answer.retry_after = retry_after;
  return answer;
}

// A Graph source with a client secret, asking `login_url` for tokens and `api_url` for alerts over plain HTTP, with
// no request budget.
inline Options test_source_options(const std::string &login_url, const std::string &api_url) {
  Options options;
  options.tenant_id = "contoso.onmicrosoft.com";
  options.client_id = "id";
  options.client_secret = "s";
  options.login_url = login_url;
  options.api_url = api_url;
  options.transport.allow_insecure_http = true;
  options.requests_per_minute = 0;
  options.requests_per_hour = 0;
  return options;
}

// An answer that never completes: the request fails as timeout() ending it would.
inline HttpResponse timeout_answer() { return status_answer(0); }

// The alert API's answers, in order; a request beyond them fails as a refused connection would.
class ScriptedApi {
 public:
  explicit ScriptedApi(std::vector<HttpResponse> answers) : answers_(std::move(answers)) {}

  SendRequest send() {
    return [this](const HttpRequest &request, HttpResponse &response) {
      requests_.push_back(request);
      if (requests_.size() > answers_.size())
        return HttpResult{TransportOutcome::failed, "nothing scripted", TransportProblem::connect};
      response = answers_[requests_.size() - 1];
      if (response.status == 0) return HttpResult{TransportOutcome::failed, "timed out", TransportProblem::timeout};
      return HttpResult{TransportOutcome::ok, {}, TransportProblem::none};
    };
  }

  const std::vector<HttpRequest> &requests() const { return requests_; }
  // The Authorization header of the i-th request.
  std::string authorization(size_t i) const {
    for (const std::string &header : requests_.at(i).headers)
      if (header.rfind("Authorization: ", 0) == 0) return header;
    return {};
  }

 private:
  std::vector<HttpResponse> answers_;
  std::vector<HttpRequest> requests_;
};

struct PollerHarness {
  // The options are the test's to change until start().
  PollerHarness(std::vector<ScriptedAnswer> tokens, std::vector<HttpResponse> pages)
      : token_endpoint(std::move(tokens)), api(std::move(pages)) {
    harness_now = harness_start;
    options = test_source_options(token_endpoint.url(), "https://graph.test");
    options.page_size = 10;
  }

  void start() {
    poller = std::make_unique<Poller>(
        options, ClientSecret{Secret("s")},
        std::make_shared<Cursor>(fresh_cursor_state(harness_floor), options.late_arrival_seconds, 0),
        recording_logger(log), harness_floor, FloorKind::fixed, harness_clock, api.send());
  }

  // The next alert's id, or empty when the poller has none to hand out now.
  std::string next_id() {
    const auto next = poller->next();
    const auto *pending = std::get_if<const PendingRecord *>(&next);
    return pending ? defender::version_id((*pending)->record) : std::string();
  }
  int64_t stat(DefenderStat s) const { return poller->stats().get(s); }
  // The log records with this message.
  LogRecords logged(const std::string &message) const {
    LogRecords out;
    for (const auto &record : log)
      if (record.message == message) out.push_back(record);
    return out;
  }

  ScriptedServer token_endpoint;
  ScriptedApi api;
  Options options;
  LogRecords log;
  std::unique_ptr<Poller> poller;
};

}  // namespace defender::test

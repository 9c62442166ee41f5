// An optional part of the request ($expand=alerts for incidents, $expand=evidence for the alerts API) that the
// service cannot serve: after three failures in a row the window is read without it, counted, and told once.
#include <doctest/doctest.h>

#include "poller_harness.h"

using namespace defender;
using namespace defender::test;

namespace {

const Instant t1 = harness_start.minus_seconds(1800);

// A Graph incident whose version is paged at `updated`.
std::string incident(const std::string &id, Instant updated, const std::string &extra = {}) {
  const std::string t = format_instant(updated);
  return R"({"id":")" + id + R"(","lastUpdateDateTime":")" + t + R"(","createdDateTime":")" + t + "\"" + extra + "}";
}

// An incidents source with expand-alerts(yes).
void start_expanding_incidents(PollerHarness &source) {
  source.options.api = Api::incidents;
  source.options.expand_alerts = true;
  source.start();
}

// The ids handed out until `count` were, waiting out each backoff on the harness clock (bounded: 12 steps).
std::vector<std::string> ids_delivered(PollerHarness &source, size_t count) {
  std::vector<std::string> delivered;
  for (int step = 0; step < 12 && delivered.size() < count; ++step) {
    const std::string id = source.next_id();
    if (id.empty())
      harness_now = harness_now.plus_seconds(120);
    else
      delivered.push_back(id);
  }
  return delivered;
}

bool expands(const HttpRequest &request) { return request.url.find("&$expand=alerts") != std::string::npos; }

size_t warnings_about(const PollerHarness &source, const std::string &part) {
  size_t count = 0;
  for (const auto &record : at_level(source.log, DEFENDER_LOG_WARNING))
    if (record.tag("left_out") == part) ++count;
  return count;
}

}  // namespace

TEST_CASE("three 500s to $expand=alerts: the page is asked for without it and delivered, counted and warned once") {
  PollerHarness source({token_answer("t")},
                       {status_answer(500), status_answer(500), status_answer(500), page_answer(incident("7", t1))});
  start_expanding_incidents(source);

  CHECK(ids_delivered(source, 1) == std::vector<std::string>{"7"});
  REQUIRE(source.api.requests().size() == 4);
  CHECK(expands(source.api.requests()[0]));
  CHECK(expands(source.api.requests()[2]));
  CHECK_FALSE(expands(source.api.requests()[3]));
  CHECK(source.stat(DEFENDER_STAT_WINDOWS_WITHOUT_OPTIONAL_PART) == 1);
  CHECK(warnings_about(source, "$expand=alerts") == 1);
}

TEST_CASE("three timeouts to $expand=alerts leave it out as three 500s do") {
  PollerHarness source({token_answer("t")},
                       {timeout_answer(), timeout_answer(), timeout_answer(), page_answer(incident("7", t1))});
  start_expanding_incidents(source);

  CHECK(ids_delivered(source, 1) == std::vector<std::string>{"7"});
  REQUIRE(source.api.requests().size() == 4);
  CHECK_FALSE(expands(source.api.requests()[3]));
  CHECK(source.stat(DEFENDER_STAT_WINDOWS_WITHOUT_OPTIONAL_PART) == 1);
  const auto warnings = at_level(source.log, DEFENDER_LOG_WARNING);
  REQUIRE_FALSE(warnings.empty());
  CHECK(warnings.back().message.find("without an answer within timeout() while asked for $expand=alerts") !=
        std::string::npos);
}

TEST_CASE("an incident too large to read with its alerts is asked for without them rather than skipped") {
  // More values than the parser's cap (bounded_json.h): unreadable, however often it is asked for.
  std::string many = R"(,"alerts":[0)";
  for (int i = 0; i < 200'000; ++i) many += ",0";
  many += "]";
  const HttpResponse too_large = page_answer(incident("big", t1, many) + "," + incident("small", t1));
  PollerHarness source({token_answer("t")}, {too_large, too_large, too_large,
                                             page_answer(incident("big", t1) + "," + incident("small", t1))});
  start_expanding_incidents(source);

  CHECK(ids_delivered(source, 2) == std::vector<std::string>{"small", "big"});
  REQUIRE(source.api.requests().size() == 4);
  CHECK(expands(source.api.requests()[2]));
  CHECK_FALSE(expands(source.api.requests()[3]));
  CHECK(source.stat(DEFENDER_STAT_WINDOWS_WITHOUT_OPTIONAL_PART) == 1);
  CHECK(source.stat(DEFENDER_STAT_DUPLICATES_SUPPRESSED) == 3);  // "small", in each answer after the first
}

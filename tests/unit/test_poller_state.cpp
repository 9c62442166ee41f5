// The poller's state across failures: degraded and the failures in a row while requests fail, cleared by the next
// success, each change in the log.
#include <doctest/doctest.h>

#include "poller_harness.h"

using namespace defender;
using namespace defender::test;

namespace {

const Instant t1 = harness_start.minus_seconds(1800);
// A 503 whose Retry-After (10 s) outlasts the first three backoffs (at most 2, 4 and 8 s): each wait is 10 s.
const HttpResponse unavailable = status_answer(503, "10");

}  // namespace

TEST_CASE("each failed request in a row keeps the source degraded and counts the failures") {
  PollerHarness source({token_answer("t")}, {unavailable, unavailable, unavailable});
  source.start();

  for (int attempt = 1; attempt <= 3; ++attempt) {
    CAPTURE(attempt);
    CHECK(source.next_id().empty());
    CHECK(source.api.requests().size() == static_cast<size_t>(attempt));
    CHECK(source.stat(DEFENDER_STAT_DEGRADED) == 1);
    CHECK(source.stat(DEFENDER_STAT_CONSECUTIVE_FAILURES) == attempt);
    const auto warnings = at_level(source.log, DEFENDER_LOG_WARNING);
    REQUIRE(warnings.size() == static_cast<size_t>(attempt));
    CHECK(warnings.back().message.rfind("the API answered HTTP 503 ", 0) == 0);
    CHECK(warnings.back().tag("attempt") == std::to_string(attempt));
    CHECK(warnings.back().tag("retry_in_seconds") == "10");
    harness_now = harness_now.plus_seconds(10);
  }
}

TEST_CASE("a success after failures clears degraded and tells how many failed and for how long") {
  PollerHarness source({token_answer("t")}, {unavailable, unavailable, page_answer(graph_alert("a", t1))});
  source.start();

  CHECK(source.next_id().empty());
  harness_now = harness_now.plus_seconds(10);
  CHECK(source.next_id().empty());
  CHECK(source.stat(DEFENDER_STAT_DEGRADED) == 1);
  CHECK(source.logged("the API answers again; polling resumes").empty());
  harness_now = harness_now.plus_seconds(10);

  CHECK(source.next_id() == "a");
  CHECK(source.stat(DEFENDER_STAT_DEGRADED) == 0);
  CHECK(source.stat(DEFENDER_STAT_CONSECUTIVE_FAILURES) == 0);
  CHECK_FALSE(source.poller->last_failure().has_value());
  const auto resumed = source.logged("the API answers again; polling resumes");
  REQUIRE(resumed.size() == 1);
  CHECK(resumed[0].level == DEFENDER_LOG_NOTICE);
  CHECK(resumed[0].tag("failed_attempts") == "2");
  CHECK(resumed[0].tag("degraded_seconds") == "20");
}

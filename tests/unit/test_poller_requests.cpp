// The poller's request side against a scripted alert API: one fresh token for a refused one, the request budget
// kept by waiting rather than sending, and Retry-After obeyed.
#include <doctest/doctest.h>

#include "poller_harness.h"

using namespace defender;
using namespace defender::test;

namespace {

const Instant t1 = harness_start.minus_seconds(1800);
const Instant t2 = harness_start.minus_seconds(1700);
const Instant t3 = harness_start.minus_seconds(1600);

}  // namespace

TEST_CASE("a refused token is replaced once and the page asked for again with the fresh one is delivered") {
  PollerHarness source({token_answer("t1"), token_answer("t2")},
                       {status_answer(401), page_answer(graph_alert("a", t1))});
  source.start();

  CHECK(source.next_id() == "a");
  REQUIRE(source.api.requests().size() == 2);
  CHECK(source.api.authorization(0) == "Authorization: Bearer t1");
  CHECK(source.api.authorization(1) == "Authorization: Bearer t2");
  CHECK(source.api.requests()[1].url == source.api.requests()[0].url);
  CHECK(source.token_endpoint.requests().size() == 2);
  CHECK(source.stat(DEFENDER_STAT_REQUESTS_401) == 1);
  CHECK(source.stat(DEFENDER_STAT_DEGRADED) == 0);
  CHECK(source.stat(DEFENDER_STAT_CONSECUTIVE_FAILURES) == 0);
  CHECK_FALSE(source.poller->last_failure().has_value());
  CHECK(at_level(source.log, DEFENDER_LOG_WARNING).empty());
  CHECK(at_level(source.log, DEFENDER_LOG_ERROR).empty());
}

TEST_CASE("a fresh token refused again is a configuration failure, and no third request is made") {
  PollerHarness source({token_answer("t1"), token_answer("t2"), token_answer("t3")},
                       {status_answer(401), status_answer(401), page_answer(graph_alert("a", t1))});
  source.start();

  const auto next = source.poller->next();
  CHECK(std::get<Idle>(next).milliseconds == Poller::max_idle_ms);
  CHECK(source.next_id().empty());
  CHECK(source.api.requests().size() == 2);
  CHECK(source.token_endpoint.requests().size() == 2);
  CHECK(source.stat(DEFENDER_STAT_REQUESTS_401) == 2);
  REQUIRE(source.poller->last_failure().has_value());
  CHECK(source.poller->last_failure()->kind == FailureKind::configuration);
  CHECK(source.poller->last_failure()->http_status == 401);
  const auto errors = at_level(source.log, DEFENDER_LOG_ERROR);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.find("; a fresh token was refused too: ") != std::string::npos);
  CHECK(errors[0].tag("retry_in_seconds") == "300");
}

TEST_CASE("with the per-minute budget spent the poller waits without sending, and counts the wait once") {
  PollerHarness source({token_answer("t")}, {page_answer(graph_alert("a", t1) + "," + graph_alert("b", t2)),
                                             page_answer(graph_alert("c", t3))});
  source.options.page_size = 2;
  source.options.requests_per_minute = 1;
  source.start();

  CHECK(source.next_id() == "a");
  CHECK(source.next_id() == "b");
  const auto next = source.poller->next();
  CHECK(std::get<Idle>(next).milliseconds == Poller::max_idle_ms);
  CHECK(source.next_id().empty());
  CHECK(source.api.requests().size() == 1);
  CHECK(source.stat(DEFENDER_STAT_BUDGET_WAITS) == 1);
  const auto waits = source.logged("the request budget is spent; waiting");
  REQUIRE(waits.size() == 1);
  CHECK(waits[0].tag("wait_ms") == "60000");
}

TEST_CASE("the request the budget held back goes once the minute since the last one has passed") {
  PollerHarness source({token_answer("t")}, {page_answer(graph_alert("a", t1) + "," + graph_alert("b", t2)),
                                             page_answer(graph_alert("c", t3))});
  source.options.page_size = 2;
  source.options.requests_per_minute = 1;
  source.start();
  CHECK(source.next_id() == "a");
  CHECK(source.next_id() == "b");
  CHECK(source.next_id().empty());

  harness_now = harness_start.plus_seconds(59);
  CHECK(source.next_id().empty());
  CHECK(source.api.requests().size() == 1);
  harness_now = harness_start.plus_seconds(60);
  CHECK(source.next_id() == "c");
  CHECK(source.api.requests().size() == 2);
  CHECK(source.stat(DEFENDER_STAT_BUDGET_WAITS) == 1);
}

TEST_CASE("a 429 with Retry-After: 30 holds the next request for 30 seconds") {
  PollerHarness source({token_answer("t")}, {status_answer(429, "30"), page_answer(graph_alert("a", t1))});
  source.start();

  CHECK(source.next_id().empty());
  const auto warnings = at_level(source.log, DEFENDER_LOG_WARNING);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].tag("retry_in_seconds") == "30");
  CHECK(source.poller->last_failure()->kind == FailureKind::throttled);
  harness_now = harness_start.plus_seconds(29);
  CHECK(source.next_id().empty());
  CHECK(source.api.requests().size() == 1);
  harness_now = harness_start.plus_seconds(30);
  CHECK(source.next_id() == "a");
  CHECK(source.api.requests().size() == 2);
  CHECK(source.stat(DEFENDER_STAT_REQUESTS_429) == 1);
}

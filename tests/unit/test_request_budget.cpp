// The request budget: never more than N requests in any minute and M in any hour; the next request waits instead.
#include <doctest/doctest.h>

#include <vector>

#include "poller/request_budget.h"

using namespace defender;

namespace {

const Instant t0 = Instant::from_seconds(1'800'000'000);

Instant at_ms(int64_t ms) { return Instant{t0.ticks + ms * Instant::ticks_per_millisecond}; }

// Sends as fast as the budget allows and returns the sending times.
std::vector<Instant> send(RequestBudget &budget, int count, Instant start) {
  std::vector<Instant> sent;
  Instant now = start;
  for (int i = 0; i < count; ++i) {
    now = budget.next_allowed(now);
    budget.spend(now);
    sent.push_back(now);
  }
  return sent;
}

}  // namespace

TEST_CASE("the alerts API's 100 a minute: the 101st request waits until the first is a minute old") {
  RequestBudget budget(100, 1500);
  const auto sent = send(budget, 101, t0);
  CHECK(sent[99] == t0);
  CHECK(sent[100] == t0.plus_seconds(60));
}

TEST_CASE("the alerts API's 1,500 an hour: the 1,501st request waits until the first is an hour old") {
  RequestBudget budget(100, 1500);
  const auto sent = send(budget, 1501, t0);
  CHECK(sent[1499] == t0.plus_seconds(14 * 60));
  CHECK(sent[1500] == t0.plus_seconds(3600));
}

TEST_CASE("any 60-second span holds at most the minute's budget, however the requests are spread") {
  RequestBudget budget(5, 0);
  std::vector<Instant> sent;
  for (int64_t ms : {0, 100, 30'000, 59'000, 59'999, 60'000, 61'000, 89'000}) {
    const Instant now = at_ms(ms);
    const Instant when = budget.next_allowed(now);
    budget.spend(when);
    sent.push_back(when);
  }
  for (size_t i = 0; i + 5 < sent.size(); ++i)
    CHECK(sent[i + 5].ticks - sent[i].ticks >= 60 * Instant::ticks_per_second);
  CHECK(sent[5] == at_ms(60'000));  // the first left the span at 60 s
  CHECK(sent[6] == at_ms(61'000));  // the second left at 60.1 s: no wait
  CHECK(sent[7] == at_ms(90'000));  // the third at 90 s
}

TEST_CASE("0 means no limit for that span") {
  RequestBudget budget(0, 0);
  const auto sent = send(budget, 10'000, t0);
  CHECK(sent.back() == t0);
  RequestBudget hourly_only(0, 3);
  CHECK(send(hourly_only, 4, t0).back() == t0.plus_seconds(3600));
}

TEST_CASE("there is room again as soon as time passes, without a request") {
  RequestBudget budget(2, 0);
  send(budget, 2, t0);
  CHECK(budget.next_allowed(t0.plus_seconds(1)) == t0.plus_seconds(60));
  CHECK(budget.next_allowed(t0.plus_seconds(61)) == t0.plus_seconds(61));
}

// The poller's pages: a version is handed out once however often pages serve it, and what a page cost in memory is
// given back once the source is caught up and its alerts acknowledged.
#include <doctest/doctest.h>

#include "poller_harness.h"

using namespace defender;
using namespace defender::test;

namespace {

const Instant t1 = harness_start.minus_seconds(1800);
const Instant t2 = harness_start.minus_seconds(1700);
const Instant t3 = harness_start.minus_seconds(1600);

// The alert handed out next and its sequence number; the test fails when there is none.
PendingRecord take(Poller &poller) {
  const auto next = poller.next();
  REQUIRE(std::holds_alternative<const PendingRecord *>(next));
  return *std::get<const PendingRecord *>(next);
}

}  // namespace

TEST_CASE("a version served again on the following page is handed out once and counted as a duplicate") {
  // Full pages of two: the next page starts at the newest instant of the last, so it serves that version again.
  PollerHarness source({token_answer("t")}, {page_answer(graph_alert("a", t1) + "," + graph_alert("b", t2)),
                                             page_answer(graph_alert("b", t2) + "," + graph_alert("c", t3)),
                                             page_answer(graph_alert("c", t3))});
  source.options.page_size = 2;
  source.start();

  CHECK(source.next_id() == "a");
  CHECK(source.next_id() == "b");
  CHECK(source.next_id() == "c");
  CHECK(source.next_id().empty());
  CHECK(source.api.requests().size() == 3);
  CHECK(source.stat(DEFENDER_STAT_DUPLICATES_SUPPRESSED) == 2);
  CHECK(source.stat(DEFENDER_STAT_ALERTS_EMITTED) == 3);
  CHECK(source.stat(DEFENDER_STAT_PAGES) == 3);
}

TEST_CASE("ready() hands out the rest of the pages read and then nothing, without a request") {
  PollerHarness source({token_answer("t")}, {page_answer(graph_alert("a", t1) + "," + graph_alert("b", t2)),
                                             page_answer(graph_alert("c", t3))});
  source.options.page_size = 2;
  source.start();
  CHECK(source.poller->ready() == nullptr);
  CHECK(source.api.requests().empty());

  CHECK(source.next_id() == "a");
  const PendingRecord *ready = source.poller->ready();
  REQUIRE(ready != nullptr);
  CHECK(defender::version_id(ready->record) == "b");
  CHECK(source.poller->ready() == nullptr);
  CHECK(source.api.requests().size() == 1);
  CHECK(source.stat(DEFENDER_STAT_ALERTS_EMITTED) == 2);

  CHECK(source.next_id() == "c");
  CHECK(source.api.requests().size() == 2);
}

TEST_CASE("a version read again in the late-arrival overlap of the next poll is not handed out again") {
  const Instant early = harness_start.minus_seconds(100);
  const Instant late = harness_start.plus_seconds(30);
  PollerHarness source({token_answer("t")}, {page_answer(graph_alert("a", early)),
                                             page_answer(graph_alert("a", early) + "," + graph_alert("d", late))});
  source.options.poll_interval_seconds = 60;
  source.options.late_arrival_seconds = 300;
  source.start();
  CHECK(source.next_id() == "a");
  CHECK(source.next_id().empty());

  harness_now = harness_start.plus_seconds(60);
  CHECK(source.next_id() == "d");
  CHECK(source.next_id().empty());
  REQUIRE(source.api.requests().size() == 2);
  // The second window begins late-arrival() before where the first one ended.
  const std::string from =
      HttpClient(TransportOptions{})
          .escape("lastUpdateDateTime ge " + format_instant(harness_start.minus_seconds(300)) + " and");
  CHECK(source.api.requests()[1].url.find(from) != std::string::npos);
  CHECK(source.stat(DEFENDER_STAT_DUPLICATES_SUPPRESSED) == 1);
  CHECK(source.stat(DEFENDER_STAT_ALERTS_EMITTED) == 2);
}

TEST_CASE("a big page's buffer is kept while an alert handed out from it is unacknowledged") {
  PollerHarness source({token_answer("t")},
                       {page_answer(graph_alert("big", t1, R"(,"description":")" + std::string(200'000, 'd') + "\""))});
  source.start();

  CHECK(defender::version_id(take(*source.poller).record) == "big");
  CHECK(source.next_id().empty());
  CHECK(source.poller->answer_buffer_bytes() >= 200'000);
}

TEST_CASE("once caught up and every alert acknowledged, a big page's buffer is given back") {
  PollerHarness source({token_answer("t")},
                       {page_answer(graph_alert("big", t1, R"(,"description":")" + std::string(200'000, 'd') + "\""))});
  source.start();
  const PendingRecord big = take(*source.poller);

  source.poller->shared_cursor()->acknowledge(big.sequence);
  CHECK(source.next_id().empty());
  CHECK(source.poller->answer_buffer_bytes() == std::string().capacity());
}

// Shutdown while the alert API holds its answer: request_exit() from another thread ends the request in flight, and
// next() returns with nothing to hand out and nothing counted as a failure. The real HTTP client on 127.0.0.1.
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "poller_harness.h"

using namespace defender;
using namespace defender::test;

namespace {

const Instant start = *parse_instant("2027-01-15T08:00:00Z");
Instant test_clock() { return start; }

// Each generous bound below only keeps a broken build from hanging the suite; none is a measure of speed.
constexpr auto generous = std::chrono::seconds(30);

}  // namespace

TEST_CASE("request_exit() while the API holds its answer ends next() idle, with no alert and no failure") {
  // The token, then an alert API that holds the request unanswered.
  ScriptedServer server(
      {ScriptedAnswer{"200 OK", "", R"({"token_type":"Bearer","expires_in":3599,"access_token":"t"})"},
       ScriptedAnswer{.hold = true}});
  Options options = test_source_options(server.url(), server.url());
  options.transport.timeout_seconds = 120;  // longer than the server holds: only the abort ends the request
  LogRecords log;
  Poller poller(options, ClientSecret{Secret("s")},
                std::make_shared<Cursor>(fresh_cursor_state(start.minus_seconds(3600)), 300, 0), recording_logger(log),
                start.minus_seconds(3600), FloorKind::fixed, test_clock);

  bool request_arrived = false;
  std::thread exit_requester([&] {
    request_arrived = server.wait_for_requests(2, generous);
    poller.request_exit();
  });
  const auto next = poller.next();
  exit_requester.join();

  CHECK(request_arrived);
  REQUIRE(std::holds_alternative<Idle>(next));
  CHECK(std::get<Idle>(next).milliseconds == Poller::max_idle_ms);
  CHECK(server.requests().size() == 2);
  CHECK(poller.stats().get(DEFENDER_STAT_ALERTS_EMITTED) == 0);
  CHECK(poller.stats().get(DEFENDER_STAT_REQUESTS_NETWORK) == 0);
  CHECK(poller.stats().get(DEFENDER_STAT_DEGRADED) == 0);
  CHECK_FALSE(poller.last_failure().has_value());
  CHECK(at_level(log, DEFENDER_LOG_WARNING).empty());
}

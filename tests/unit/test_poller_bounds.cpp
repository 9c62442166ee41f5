// The poller against a scripted service on 127.0.0.1: an answer over max-response-size() is counted, told once and
// asked for again; a next link to another origin is refused once in the log and paging goes on by $skip; an alert
// nested too deep is counted while the rest of its page is delivered.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "poller_harness.h"

using namespace defender;
using defender::test::ScriptedAnswer;
using defender::test::ScriptedServer;

namespace {

const Instant start = *parse_instant("2027-01-15T08:00:00Z");
const Instant floor_ = start.minus_seconds(3600);
Instant clock_now = start;
Instant test_clock() { return clock_now; }

const ScriptedAnswer token{"200 OK", "", R"({"token_type":"Bearer","expires_in":3599,"access_token":"t"})"};

ScriptedAnswer page(const std::string &alerts, const std::string &more = {}) {
  return ScriptedAnswer{"200 OK", "request-id: r-" + std::to_string(alerts.size()) + "\r\n",
                        R"({"value":[)" + alerts + "]" + more + "}"};
}

std::string alert(const std::string &id, const std::string &extra = {}) {
  const std::string t = format_instant(start.minus_seconds(1800));
  return R"({"id":")" + id + R"(","lastUpdateDateTime":")" + t + R"(","createdDateTime":")" + t + "\"" + extra + "}";
}

struct Source {
  Source(const ScriptedServer &server, int64_t page_size, int64_t max_response_bytes, int64_t poll_interval = 60) {
    clock_now = start;
    options = test::test_source_options(server.url(), server.url());
    options.page_size = page_size;
    options.max_response_bytes = max_response_bytes;
    options.poll_interval_seconds = poll_interval;
    poller = std::make_unique<Poller>(options, ClientSecret{Secret("s")},
                                      std::make_shared<Cursor>(fresh_cursor_state(floor_), 300, 0),
                                      test::recording_logger(log), floor_, FloorKind::fixed, test_clock);
  }

  // The next alert's id, or empty when the poller has none to hand out now.
  std::string next_id() {
    const auto next = poller->next();
    const auto *pending = std::get_if<const PendingRecord *>(&next);
    return pending ? defender::version_id((*pending)->record) : std::string();
  }
  int64_t stat(DefenderStat s) const { return poller->stats().get(s); }

  Options options;
  test::LogRecords log;
  std::unique_ptr<Poller> poller;
};

}  // namespace

TEST_CASE("a page over max-response-size() is counted, told once per run of rejections, and asked for again") {
  const std::string large = alert("big", R"(,"description":")" + std::string(70'000, 'd') + "\"");
  ScriptedServer server({token, page(large), page(large), page(alert("a"))});
  Source source(server, 10, 65536);

  CHECK(source.next_id().empty());
  CHECK(source.stat(DEFENDER_STAT_ANSWERS_REJECTED) == 1);
  const auto warnings = test::at_level(source.log, DEFENDER_LOG_WARNING);
  REQUIRE(warnings.size() == 1);
  const std::string asked = server.requests().at(1).substr(4);
  CHECK(warnings[0].message == "the answer to GET " + server.url() + asked + " (request id r-" +
                                   std::to_string(large.size()) +
                                   ") grew beyond max-response-size(65536) bytes and was abandoned; it is asked for "
                                   "again. If this repeats, lower page-size() or raise max-response-size()");
  CHECK(warnings[0].tag("attempt") == "1");

  clock_now = clock_now.plus_seconds(10);
  CHECK(source.next_id().empty());
  CHECK(source.stat(DEFENDER_STAT_ANSWERS_REJECTED) == 2);
  CHECK(test::at_level(source.log, DEFENDER_LOG_WARNING).size() == 1);
  CHECK(test::at_level(source.log, DEFENDER_LOG_DEBUG).back().tag("attempt") == "2");

  clock_now = clock_now.plus_seconds(10);
  CHECK(source.next_id() == "a");
  CHECK(server.requests().size() == 4);
  CHECK(server.requests().at(3) == server.requests().at(1));
}

TEST_CASE("a next link to another origin is refused, counted each time, told once, and the instant paged by $skip") {
  const std::string evil = R"(,"@odata.nextLink":"https://evil.example/v1.0/security/alerts_v2?$skiptoken=1")";
  const std::string tie = alert("a") + "," + alert("b");
  ScriptedServer server({token, page(tie, evil), page(tie, evil), page(tie, evil), page(alert("c"))});
  Source source(server, 2, 65536);

  CHECK(source.next_id() == "a");
  CHECK(source.next_id() == "b");
  CHECK(source.next_id() == "c");
  const auto requests = server.requests();
  REQUIRE(requests.size() == 5);
  CHECK(requests[3].find("lastUpdateDateTime%20eq%20") != std::string::npos);
  CHECK(requests[3].find("$skip") == std::string::npos);
  CHECK(requests[4].find("lastUpdateDateTime%20eq%20") != std::string::npos);
  CHECK(requests[4].find("&$top=2&$skip=2&") != std::string::npos);
  CHECK(source.stat(DEFENDER_STAT_NEXT_LINKS_REFUSED) == 3);
  const auto errors = test::at_level(source.log, DEFENDER_LOG_ERROR);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.rfind("the API's @odata.nextLink leads to https://evil.example:443, not to the "
                                "API's origin " +
                                    server.url() + ":",
                                0) == 0);
  CHECK(errors[0].tag("request") == server.url() + requests[1].substr(4));
}

TEST_CASE("an alert nested 100,000 levels deep is counted, its page asked again, and skipped once it stays so") {
  const std::string bomb = std::string(100'000, '[') + std::string(100'000, ']');
  const ScriptedAnswer broken = page(alert("a") + "," + alert("b", R"(,"x":)" + bomb) + "," + alert("c"));
  ScriptedServer server({token, broken, broken, broken, broken});
  Source source(server, 10, 1024 * 1024);

  CHECK(source.next_id() == "a");
  CHECK(source.next_id() == "c");
  for (int attempt = 2; attempt <= 4; ++attempt) {
    clock_now = clock_now.plus_seconds(10);
    CHECK(source.next_id().empty());
  }
  CHECK(server.requests().size() == 5);
  CHECK(source.stat(DEFENDER_STAT_PARSE_ERRORS) == 4);
  CHECK(source.stat(DEFENDER_STAT_ALERTS_EMITTED) == 2);
  const auto warnings = test::at_level(source.log, DEFENDER_LOG_WARNING);
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].message.find(") was cut off or malformed (1 of its alerts could not be read; the first: alert 2 "
                                 "cannot be parsed (nested deeper than 64 levels at byte 178)); its readable alerts "
                                 "were delivered and the rest is asked for again") != std::string::npos);
  CHECK(warnings[1].message ==
        "alerts in a page could not be read, also when asked again, and were skipped; the rest "
        "of the page is delivered");
  CHECK(warnings[1].tag("attempts") == "4");
  CHECK(warnings[1].tag("first_problem") == "alert 2 cannot be parsed (nested deeper than 64 levels at byte 178)");
}

TEST_CASE("a page with an unreadable alert asked again delivers what the right answer holds") {
  const std::string bomb = std::string(100'000, '[') + std::string(100'000, ']');
  ScriptedServer server({token, page(alert("a") + "," + alert("b", R"(,"x":)" + bomb)),
                         page(alert("a") + "," + alert("b") + "," + alert("c"))});
  Source source(server, 10, 1024 * 1024);

  CHECK(source.next_id() == "a");
  CHECK(source.next_id().empty());
  clock_now = clock_now.plus_seconds(10);
  CHECK(source.next_id() == "b");
  CHECK(source.next_id() == "c");
  CHECK(source.stat(DEFENDER_STAT_PARSE_ERRORS) == 1);
  CHECK(source.stat(DEFENDER_STAT_DUPLICATES_SUPPRESSED) == 1);
  CHECK(server.requests().at(2) == server.requests().at(1));
}

TEST_CASE("an answer with no readable alert is never taken as read: it may stand in for the whole page") {
  const std::string bomb = std::string(100'000, '[') + std::string(100'000, ']');
  const ScriptedAnswer junk = page(R"({"x":)" + bomb + "}");
  ScriptedServer server({token, junk, junk, junk, junk, junk, page(alert("a") + "," + alert("b"))});
  Source source(server, 10, 1024 * 1024);

  CHECK(source.next_id().empty());
  for (int attempt = 2; attempt <= 5; ++attempt) {
    clock_now = clock_now.plus_seconds(60);
    CHECK(source.next_id().empty());
  }
  clock_now = clock_now.plus_seconds(60);
  CHECK(source.next_id() == "a");
  CHECK(source.next_id() == "b");
  CHECK(server.requests().size() == 7);
  CHECK(source.stat(DEFENDER_STAT_PARSE_ERRORS) == 5);
  // Told at the first answer, and again when the attempts that could have skipped it are spent.
  CHECK(test::at_level(source.log, DEFENDER_LOG_WARNING).size() == 2);
}

TEST_CASE("a 429 asking to wait a day waits an hour, and its warning says so") {
  ScriptedServer server({token, ScriptedAnswer{"429 Too Many Requests", "Retry-After: 86400\r\n", ""}});
  Source source(server, 10, 65536);

  const auto next = source.poller->next();
  CHECK(std::get<Idle>(next).milliseconds == Poller::max_idle_ms);
  const auto warnings = test::at_level(source.log, DEFENDER_LOG_WARNING);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].message.find("; Retry-After \"86400\" asks for more than an hour; waiting 3600 seconds") !=
        std::string::npos);
  CHECK(warnings[0].tag("retry_in_seconds") == "3600");
}

TEST_CASE("a throttled token request with a negative Retry-After waits a second, and its warning says so") {
  ScriptedServer server({ScriptedAnswer{"429 Too Many Requests", "Retry-After: -30\r\n", ""}});
  Source source(server, 10, 65536);

  CHECK(source.next_id().empty());
  const auto warnings = test::at_level(source.log, DEFENDER_LOG_WARNING);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].message.find("; Retry-After \"-30\" is negative; waiting 1 second") != std::string::npos);
  CHECK(warnings[0].tag("retry_in_seconds") == "1");
}

TEST_CASE("a token lifetime of five seconds is warned about and the token kept for a minute") {
  ScriptedServer server(
      {ScriptedAnswer{"200 OK", "", R"({"access_token":"t","expires_in":"5"})"}, page(alert("a")), page(alert("b"))});
  Source source(server, 10, 65536, 30);

  CHECK(source.next_id() == "a");
  const auto warnings = test::at_level(source.log, DEFENDER_LOG_WARNING);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].message.rfind("the token endpoint's expires_in (5 seconds) is too short", 0) == 0);
  clock_now = clock_now.plus_seconds(31);
  CHECK(source.next_id() == "b");
  CHECK(server.requests().size() == 3);
  CHECK(source.stat(DEFENDER_STAT_TOKEN_REFRESHES) == 1);
}

// A page's alerts read one by one: what cannot be read is counted, the rest is delivered.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "apis/alert_reader.h"
#include "apis/graph/graph_adapter.h"

using namespace defender;

namespace {

std::string graph_alert(const std::string &id, const std::string &extra = {}) {
  return R"({"id":")" + id +
         R"(","lastUpdateDateTime":"2026-01-01T00:00:00Z","createdDateTime":"2026-01-01T00:00:00Z")" + extra + "}";
}

// [0,0,...,0]
std::string zeros(size_t count) {
  std::string text = "[0";
  for (size_t i = 1; i < count; ++i) text += ",0";
  return text + "]";
}

struct Read {
  std::vector<Alert> delivered;
  UnreadableAlerts unreadable;
};

Read read_page(std::string body) {
  AlertReader reader;
  Read read;
  const ScannedPage page = scan_page(body, 100);
  REQUIRE(page.complete);
  read.unreadable =
      reader.read(page, body, adapt_graph_alert, [&](defender::Record &&record) -> std::optional<std::string> {
        read.delivered.push_back(std::get<Alert>(std::move(record)));
        return std::nullopt;
      });
  return read;
}

std::vector<std::string> ids(const Read &read) {
  std::vector<std::string> out;
  for (const auto &alert : read.delivered) out.push_back(alert.id);
  return out;
}

}  // namespace

TEST_CASE("an alert nested 100,000 levels deep is counted as unreadable and the rest of the page is delivered") {
  const std::string bomb = std::string(100'000, '[') + std::string(100'000, ']');
  const Read read = read_page(R"({"value":[)" + graph_alert("a") + "," + graph_alert("b", R"(,"x":)" + bomb) + "," +
                              graph_alert("c") + "]}");
  CHECK(ids(read) == std::vector<std::string>{"a", "c"});
  CHECK(read.unreadable.count == 1);
  CHECK(read.unreadable.first_problem == "alert 2 cannot be parsed (nested deeper than 64 levels at byte 162)");
}

TEST_CASE("an alert of more than 200,000 values is counted as unreadable and the rest of the page is delivered") {
  // The object, its 3 members' names and values, "evidence" and the array are 9 values: 199,991 zeros fit.
  const Read read = read_page(R"({"value":[)" + graph_alert("a") + "," +
                              graph_alert("b", R"(,"evidence":)" + zeros(250'000)) + "," + graph_alert("c") + "]}");
  CHECK(ids(read) == std::vector<std::string>{"a", "c"});
  CHECK(read.unreadable.count == 1);
  CHECK(read.unreadable.first_problem == "alert 2 cannot be parsed (more than 200000 values at byte 400089)");
}

TEST_CASE("an alert of 200,000 values is delivered") {
  const Read read = read_page(R"({"value":[)" + graph_alert("a", R"(,"evidence":)" + zeros(199'991)) + "]}");
  CHECK(ids(read) == std::vector<std::string>{"a"});
  CHECK(read.unreadable.count == 0);
}

TEST_CASE("raw control characters inside an alert's strings are read from its repaired copy: the alert is delivered") {
  const Read read = read_page(R"({"value":[)" + graph_alert("a", ",\"title\":\"tab\there, \x01 SOH\"") + "]}");
  REQUIRE(ids(read) == std::vector<std::string>{"a"});
  CHECK(read.unreadable.count == 0);
  CHECK(read.delivered[0].title == "tab\there, \x01 SOH");
  CHECK(read.delivered[0].raw_json == graph_alert("a", R"(,"title":"tab\u0009here, \u0001 SOH")"));
}

TEST_CASE("an alert whose repaired copy does not parse either is counted with the reason its own text gave") {
  const Read read = read_page(R"({"value":[)" + graph_alert("a", ",\"title\":\"\x01\",\"n\":tru") + "]}");
  CHECK(read.delivered.empty());
  CHECK(read.unreadable.first_problem == "alert 1 cannot be parsed (Invalid escape character in string. at byte 104)");
}

TEST_CASE("the repaired copy is parsed within the same caps: too wide an alert with a control is unreadable") {
  const Read read =
      read_page(R"({"value":[)" + graph_alert("a", ",\"title\":\"\x01\",\"evidence\":" + zeros(250'000)) + "]}");
  CHECK(read.delivered.empty());
  CHECK(read.unreadable.count == 1);
}

TEST_CASE("an alert nested 64 levels deep, itself included, is delivered") {
  const std::string deep = std::string(63, '[') + std::string(63, ']');
  const Read read = read_page(R"({"value":[)" + graph_alert("a", R"(,"x":)" + deep) + "]}");
  CHECK(ids(read) == std::vector<std::string>{"a"});
  CHECK(read.unreadable.count == 0);
}

TEST_CASE("an integer of 10,000 digits is too big for a double: its alert is counted as unreadable") {
  const std::string huge = std::string(10'000, '9');
  const Read read = read_page(R"({"value":[)" + graph_alert("a", R"(,"n":)" + huge) + "," + graph_alert("b") + "]}");
  CHECK(ids(read) == std::vector<std::string>{"b"});
  CHECK(read.unreadable.count == 1);
  CHECK(read.unreadable.first_problem ==
        "alert 1 cannot be parsed (Number too big to be stored in double. at byte 99)");
}

TEST_CASE("a fraction of 10,000 digits is read as a double: its alert is delivered with its JSON as written") {
  const std::string number = "0." + std::string(10'000, '1');
  const Read read = read_page(R"({"value":[)" + graph_alert("a", R"(,"n":)" + number) + "]}");
  REQUIRE(ids(read) == std::vector<std::string>{"a"});
  CHECK(read.delivered[0].raw_json == graph_alert("a", R"(,"n":)" + number));
}

TEST_CASE("a key that is not UTF-8 leaves its alert readable; the kept JSON has U+FFFD in its place") {
  const Read read = read_page(R"({"value":[)" + graph_alert("a", ",\"k\xff\xfe\":1") + "]}");
  REQUIRE(ids(read) == std::vector<std::string>{"a"});
  CHECK(read.delivered[0].raw_json == graph_alert("a", ",\"k\xEF\xBF\xBD\xEF\xBF\xBD\":1"));
}

TEST_CASE("an alert the taker finds unusable is counted with the taker's reason") {
  std::string body = R"({"value":[)" + graph_alert("a") + "," + graph_alert("b") + "]}";
  AlertReader reader;
  const UnreadableAlerts unreadable = reader.read(scan_page(body, 100), body, adapt_graph_alert,
                                                  [](defender::Record &&record) -> std::optional<std::string> {
                                                    if (std::get<Alert>(record).id == "b")
                                                      return "has no valid creation time";
                                                    return std::nullopt;
                                                  });
  CHECK(unreadable.count == 1);
  CHECK(unreadable.first_problem == "alert 2 has no valid creation time");
}

TEST_CASE("an object the adapter cannot read is counted") {
  const Read read = read_page(R"({"value":[{"id":"a"},)" + graph_alert("b") + "]}");
  CHECK(ids(read) == std::vector<std::string>{"b"});
  CHECK(read.unreadable.first_problem == "alert 1 has no id or no valid update time");
}

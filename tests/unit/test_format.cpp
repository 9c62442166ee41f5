// format_alert: one line per alert in the chosen format, written into the caller's reusable buffer.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "alert_fixture.h"
#include "format.h"

using namespace std::string_literals;
using defender::Alert;
using defender::Format;

namespace {

std::string formatted(const Alert &alert, Format format) {
  std::string out;
  defender::format_alert(alert, {format}, out);
  return out;
}

}  // namespace

TEST_CASE("JSON is the alert's raw JSON") {
  const auto loaded = defender::test::load_alert_fixture(std::string(DEFENDER_TEST_DATA) + "/graph_example.json");
  REQUIRE_MESSAGE(loaded.alert.has_value(), loaded.error);
  std::ifstream in(std::string(DEFENDER_TEST_DATA) + "/graph_example.jsonl", std::ios::binary);
  std::string golden;
  REQUIRE(std::getline(in, golden));
  CHECK(formatted(*loaded.alert, Format::json) == golden);
  CHECK(golden == loaded.alert->raw_json);
}

TEST_CASE("JSON writes CR, LF, NUL and the other controls as JSON escapes, so one line keeps the exact value") {
  Alert a;
  a.raw_json = "{\"b\":\"y\tz\0\x7f\r\n\"}"s;
  CHECK(formatted(a, Format::json) == R"({"b":"y\u0009z\u0000\u007f\u000d\u000a"})");
}

TEST_CASE("JSON escapes C1 controls and the line and paragraph separators, and keeps other characters") {
  Alert a;
  a.raw_json = "{\"b\":\"\xC2\x85\xE2\x80\xA8\xE2\x80\xA9 \xC2\xA0\xEF\xBF\xBD\xF0\x9F\x94\xA5\"}";
  CHECK(formatted(a, Format::json) == "{\"b\":\"\\u0085\\u2028\\u2029 \xC2\xA0\xEF\xBF\xBD\xF0\x9F\x94\xA5\"}");
}

TEST_CASE("JSON replaces invalid UTF-8 with U+FFFD") {
  Alert a;
  a.raw_json = "{\"a\":\"\xC3\"}";
  CHECK(formatted(a, Format::json) == "{\"a\":\"\xEF\xBF\xBD\"}");
}

TEST_CASE("format_alert replaces what the buffer held") {
  Alert a;
  a.raw_json = "{}";
  std::string out = "previous alert";
  defender::format_alert(a, {Format::json}, out);
  CHECK(out == "{}");
  defender::format_alert(a, {Format::cef}, out);
  CHECK(out.starts_with("CEF:0|Microsoft|"));
}

TEST_CASE("CEF is the default format") {
  const defender::FormatOptions options;
  CHECK(options.format == Format::cef);
}

TEST_CASE("LEEF 1.0 and LEEF 2.0 with the configured delimiter are dispatched by format") {
  Alert a;
  a.id = "x";
  CHECK(formatted(a, Format::leef).starts_with("LEEF:1.0|Microsoft|"));
  std::string out;
  defender::format_alert(a, {Format::leef2, '#'}, out);
  CHECK(out.starts_with("LEEF:2.0|Microsoft|"));
  CHECK(out.find("|#|externalId=x#") != std::string::npos);
}

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

TEST_CASE("JSON turns CR, LF, NUL and other control characters into spaces") {
  Alert a;
  a.raw_json = "{\"a\":\"x\"}\r\n{\"b\":\"y\tz\0\"}"s;
  CHECK(formatted(a, Format::json) == "{\"a\":\"x\"}  {\"b\":\"y z \"}");
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

TEST_CASE("LEEF, not implemented yet, leaves the buffer empty") {
  Alert a;
  a.title = "x";
  std::string out = "previous alert";
  defender::format_alert(a, {Format::leef}, out);
  CHECK(out.empty());
  defender::format_alert(a, {Format::leef2}, out);
  CHECK(out.empty());
}

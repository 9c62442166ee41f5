// CEF golden files: tests/unit/data/<name>.json (an alert, see alert_fixture.h) formats to <name>.cef, whose
// @DEFENDER_VERSION@ stands for the module version. Each golden line is also valid CEF for the tests' parser.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "alert_fixture.h"
#include "cef_parser.h"
#include "format.h"

namespace {

std::string data_path(std::string_view name) { return std::string(DEFENDER_TEST_DATA) + "/" + std::string(name); }

defender::Alert fixture(std::string_view name) {
  const auto loaded = defender::test::load_alert_fixture(data_path(std::string(name) + ".json"));
  REQUIRE_MESSAGE(loaded.alert.has_value(), loaded.error);
  return *loaded.alert;
}

// The golden line, without its newline, with the module version filled in.
std::string golden(std::string_view name) {
  std::ifstream in(data_path(std::string(name) + ".cef"), std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  std::string line = content.str();
  REQUIRE_MESSAGE(line.ends_with('\n'), name);
  line.pop_back();
  const std::string placeholder = "@DEFENDER_VERSION@";
  const size_t at = line.find(placeholder);
  REQUIRE(at != std::string::npos);
  return line.replace(at, placeholder.size(), DEFENDER_VERSION);
}

std::string cef(const defender::Alert &alert) {
  std::string out;
  defender::format_alert(alert, {}, out);
  return out;
}

}  // namespace

TEST_CASE("the Graph example alert formats to its golden line") {
  CHECK(cef(fixture("graph_example")) == golden("graph_example"));
}

TEST_CASE("the hostile alert formats to its golden line") { CHECK(cef(fixture("hostile")) == golden("hostile")); }

TEST_CASE("the Swedish, CJK and emoji alert formats to its golden line") {
  CHECK(cef(fixture("international")) == golden("international"));
}

TEST_CASE("the empty alert formats to its golden line") { CHECK(cef(fixture("empty")) == golden("empty")); }

TEST_CASE("every golden line is one valid CEF line with text in every header field the standard requires") {
  for (std::string_view name : {"graph_example", "hostile", "international", "empty"}) {
    CAPTURE(name);
    const std::string line = golden(name);
    CHECK(line.find_first_of(std::string("\r\n\0", 3)) == std::string::npos);
    const auto parsed = defender::test::parse_cef(line);
    REQUIRE_MESSAGE(parsed.record.has_value(), parsed.error);
    const defender::test::CefRecord &r = *parsed.record;
    for (const std::string &field : {r.vendor, r.product, r.device_version, r.signature_id, r.name, r.severity})
      CHECK(field.find_first_not_of(' ') != std::string::npos);
  }
}

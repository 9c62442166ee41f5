// JSON from outside is parsed without recursion and no deeper than a cap.
#include <doctest/doctest.h>

#include <string>

#include "bounded_json.h"

using namespace defender;

namespace {

std::string nested_arrays(size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

}  // namespace

TEST_CASE("a value nested as deep as the cap is parsed") {
  rapidjson::Document document;
  CHECK(parse_bounded(document, nested_arrays(16), 16).empty());
  CHECK(document.IsArray());
}

TEST_CASE("one level beyond the cap is refused where it opens") {
  rapidjson::Document document;
  CHECK(parse_bounded(document, nested_arrays(17), 16) == "nested deeper than 16 levels at byte 16");
  CHECK(document.IsNull());
}

TEST_CASE("a nesting bomb 100,000 levels deep is refused without overflowing the stack") {
  rapidjson::Document document;
  CHECK(parse_bounded(document, nested_arrays(100'000), alert_max_depth) == "nested deeper than 64 levels at byte 64");
}

TEST_CASE("objects count towards the depth as arrays do") {
  std::string deep;
  for (int i = 0; i < 5; ++i) deep += "{\"a\":";
  deep += "1" + std::string(5, '}');
  rapidjson::Document document;
  CHECK(parse_bounded(document, deep, 5).empty());
  CHECK(parse_bounded(document, "[" + deep + "]", 5) == "nested deeper than 5 levels at byte 21");
}

TEST_CASE("text that is not JSON says why and where") {
  rapidjson::Document document;
  CHECK(parse_bounded(document, R"({"a":})", 16) == "Invalid value. at byte 5");
  CHECK(parse_bounded(document, R"({"a":1} x)", 16) ==
        "The document root must not be followed by other values. at byte 8");
}

// JSON from outside is parsed without recursion, no deeper than a cap and with no more values than a cap.
#include <doctest/doctest.h>

#include <string>

#include "json/bounded_json.h"

using namespace defender;

namespace {

std::string nested_arrays(size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// A depth cap alone: no text in these tests comes near a million values.
JsonCaps depth_cap(unsigned depth) { return {depth, 1'000'000}; }

// [0,0,...,0]
std::string zeros(size_t count) {
  std::string text = "[";
  for (size_t i = 0; i < count; ++i) text += i == 0 ? "0" : ",0";
  return text + "]";
}

}  // namespace

TEST_CASE("a value nested as deep as the cap is parsed") {
  rapidjson::Document document;
  CHECK(parse_bounded(document, nested_arrays(16), depth_cap(16)).empty());
  CHECK(document.IsArray());
}

TEST_CASE("one level beyond the cap is refused where it opens") {
  rapidjson::Document document;
  CHECK(parse_bounded(document, nested_arrays(17), depth_cap(16)) == "nested deeper than 16 levels at byte 16");
  CHECK(document.IsNull());
}

TEST_CASE("a nesting bomb 100,000 levels deep is refused without overflowing the stack") {
  rapidjson::Document document;
  CHECK(parse_bounded(document, nested_arrays(100'000), alert_json_caps) == "nested deeper than 64 levels at byte 64");
}

TEST_CASE("objects count towards the depth as arrays do") {
  std::string deep;
  for (int i = 0; i < 5; ++i) deep += "{\"a\":";
  deep += "1" + std::string(5, '}');
  rapidjson::Document document;
  CHECK(parse_bounded(document, deep, depth_cap(5)).empty());
  CHECK(parse_bounded(document, "[" + deep + "]", depth_cap(5)) == "nested deeper than 5 levels at byte 21");
}

TEST_CASE("text that is not JSON says why and where") {
  rapidjson::Document document;
  CHECK(parse_bounded(document, R"({"a":})", depth_cap(16)) == "Invalid value. at byte 5");
  CHECK(parse_bounded(document, R"({"a":1} x)", depth_cap(16)) ==
        "The document root must not be followed by other values. at byte 8");
}

TEST_CASE("a text of as many values as the cap, the array itself included, is parsed") {
  rapidjson::Document document;
  CHECK(parse_bounded(document, zeros(3), JsonCaps{16, 4}).empty());
  CHECK(document.Size() == 3);
}

TEST_CASE("one value beyond the cap is refused where it starts") {
  rapidjson::Document document;
  CHECK(parse_bounded(document, zeros(3), JsonCaps{16, 3}) == "more than 3 values at byte 5");
  CHECK(document.IsNull());
}

TEST_CASE("a member's name counts as a value") {
  rapidjson::Document document;
  CHECK(parse_bounded(document, R"({"a":1,"b":2})", JsonCaps{16, 5}).empty());
  CHECK(parse_bounded(document, R"({"a":1,"b":2})", JsonCaps{16, 3}) == "more than 3 values at byte 10");
}

TEST_CASE("a million zeros stop at the cap: the tree and the parser's stacks never hold more than the cap's values") {
  // Chunks of 4 KiB, none freed before the end: their sum is all the memory the parse took.
  rapidjson::MemoryPoolAllocator<> values(4096);
  rapidjson::MemoryPoolAllocator<> stack(4096);
  rapidjson::GenericDocument<rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<>, rapidjson::MemoryPoolAllocator<>>
      document(&values, 4096, &stack);
  const std::string text = zeros(1'000'000);
  rapidjson::StringStream stream(text.c_str());
  CHECK(parse_bounded<rapidjson::kParseNoFlags>(document, stream, JsonCaps{64, 1000}, &stack) ==
        "more than 1000 values at byte 1999");
  // 1,000 values of 16 bytes, with the copies a growing stack leaves behind; the million would take 16 MB.
  CHECK(values.Capacity() + stack.Capacity() <= 64 * 1024);
}

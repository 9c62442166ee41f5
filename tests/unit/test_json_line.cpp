// A JSON text from an API as one line that strict parsers accept: when it is written as it is, and what the
// rewriting makes of whitespace, control characters, invalid UTF-8 and lone surrogates.
#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <string>
#include <vector>

#include "json_line.h"
#include "json_value.h"
#include "text_rules.h"

using namespace std::string_literals;
using defender::append_json_line;
using defender::is_plain_json_line;

namespace {

std::string rewritten(std::string_view json) {
  std::string out;
  append_json_line(json, out);
  return out;
}

// Parsed as a strict reader does: UTF-8 validated, nothing after the value; empty when it is accepted.
std::string strict_parse_error(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseStopWhenDoneFlag>(json.data(), json.size());
  if (doc.HasParseError())
    return std::string(rapidjson::GetParseError_En(doc.GetParseError())) + " at " +
           std::to_string(doc.GetErrorOffset());
  return {};
}

// What an API may send: valid JSON with every kind of awkward text, and bytes that are not JSON text at all.
const std::vector<std::string> hostile_inputs{
    "{\n  \"a\" : [ 1 , 2 ],\r\n\t\"b\" : \"x\"\n}",
    "{\"a\":\"tab\there\"}",
    "{\"a\":\"nul\0inside\"}"s,
    "{\"a\":\"line\nbreak\r\"}",
    "{\"a\":\"del\x7f c1\xC2\x85 ls\xE2\x80\xA8 ps\xE2\x80\xA9\"}",
    "{\"a\":\"bad \xFF byte, overlong \xC0\xAF, cut \xE2\x82\"}",
    "{\"a\":\"\\ud800\",\"b\":\"\\udfff\",\"c\":\"\\ud83d\\ude00\",\"d\":\"\\ud83dx\"}",
    "{\"a\":\"\\x \\\n\\u12\"}",
    "{\"a\":\"end with backslash\\",
    "{\"a\":\"surrogate as UTF-8 \xED\xA0\x80\"}",
};

}  // namespace

TEST_CASE("compact JSON of printable ASCII and valid UTF-8 is written as it is, escapes included") {
  CHECK(is_plain_json_line(R"({"a":"b","c":[1,2.5e3,true,null],"d":"\"\\\/\b\f\n\r\t\u00e9"})"));
  CHECK(is_plain_json_line("{ \"a\" : \"r\xC3\xA4k \xF0\x9F\x94\xA5\" }"));
  CHECK(is_plain_json_line(""));
}

TEST_CASE("a control character, a C1 control, U+2028, invalid UTF-8 or a surrogate escape needs rewriting") {
  for (const std::string &json :
       {"{\"a\":\t1}"s, "{\"a\":\"\x01\"}"s, "{\"a\":\"\0\"}"s, "{\"a\":\"\x7f\"}"s, "{\"a\":\"\xC2\x85\"}"s,
        "{\"a\":\"\xE2\x80\xA8\"}"s, "{\"a\":\"\xFF\"}"s, R"({"a":"\uD800"})"s, R"({"a":"\udc00"})"s, R"({"a":"\q"})"s,
        R"({"a":"\u12"})"s, "{\"a\":\"\\"s}) {
    CAPTURE(json);
    CHECK_FALSE(is_plain_json_line(json));
  }
}

TEST_CASE("a control character, DEL, invalid UTF-8 or a bad escape is found at any position in the text") {
  const std::string plain = "{\"a\":\"" + std::string(37, 'x') + "\"}";  // 45 bytes: 16, 16, 8 and 5
  REQUIRE(is_plain_json_line(plain));
  for (const std::string &hazard : {"\n"s, "\0"s, "\x7f"s, "\xFF"s, "\\q"s}) {
    for (size_t at = 6; at + hazard.size() <= 6 + 37; ++at) {
      std::string json = plain;
      json.replace(at, hazard.size(), hazard);
      CAPTURE(at);
      CHECK_FALSE(is_plain_json_line(json));
    }
  }
}

TEST_CASE("an escaped backslash before u is not a \\u escape") {
  CHECK(is_plain_json_line(R"({"a":"\\ud800"})"));
  CHECK(rewritten(R"({"a":"\\ud800"})") == R"({"a":"\\ud800"})");
}

TEST_CASE("invalid UTF-8 becomes U+FFFD, the character itself, one for each ill-formed sequence") {
  CHECK(rewritten("{\"a\":\"x\xFFy\xC0\xAFz\xE2\x82\"}") ==
        "{\"a\":\"x\xEF\xBF\xBDy\xEF\xBF\xBD\xEF\xBF\xBDz\xEF\xBF\xBD\"}");
}

TEST_CASE("whatever an API sends, the line is one line of valid UTF-8 that a strict parser accepts") {
  for (const std::string &input : hostile_inputs) {
    CAPTURE(input);
    const std::string line = rewritten(input);
    CAPTURE(line);
    CHECK(line.find_first_of("\r\n\0"s) == std::string::npos);
    CHECK_FALSE(defender::test::first_invalid_utf8(line));
    CHECK(is_plain_json_line(line));
    if (input != "{\"a\":\"end with backslash\\") CHECK(strict_parse_error(line) == "");
  }
}

TEST_CASE("valid JSON keeps its value through the rewriting") {
  const std::string input = "{\n \"a\" : \"tab\\there \\u00e9 \\ud83d\\ude00 \\\"q\\\"\",\t\"b\" : [ 1, {} ]\n}";
  REQUIRE(strict_parse_error(input) == "");
  CHECK(defender::test::same_json_value(rewritten(input), input));
}

// format(ocsf) beyond the goldens: exact JSON text for hostile strings, and a stream record as the base event.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <string>

#include "json_writer.h"
#include "ocsf_format.h"
#include "stream/envelope_reader.h"

using defender::append_json_string;

namespace {

rapidjson::Document strict(const std::string &line) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(line.data(), line.size());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

std::string quoted(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

}  // namespace

TEST_CASE("a JSON string escapes quotes, backslashes and every character that could end or hide a line") {
  CHECK(quoted("a\"b\\c") == R"("a\"b\\c")");
  CHECK(quoted(std::string("\r\n\t\0\x7f", 5)) == R"("\u000d\u000a\u0009\u0000\u007f")");
  CHECK(quoted("\xC2\x85|\xE2\x80\xA8|\xE2\x80\xA9") == R"("\u0085|\u2028|\u2029")");
  CHECK(quoted("T\xC3\xB6kyo \xE6\x9D\xB1 \xF0\x9F\x94\xA5") == "\"T\xC3\xB6kyo \xE6\x9D\xB1 \xF0\x9F\x94\xA5\"");
}

TEST_CASE("invalid UTF-8 in a JSON string becomes U+FFFD, one per ill-formed sequence") {
  CHECK(quoted("a\xff\xfe"
               "b") ==
        "\"a\xEF\xBF\xBD\xEF\xBF\xBD"
        "b\"");
}

TEST_CASE("a stream record is a base event whose activity is its ActionType and whose row is kept unmapped") {
  const auto body = defender::read_stream_body(
      R"({"records":[{"time":"2026-01-02T03:04:05Z","tenantId":"t1","category":"AdvancedHunting-DeviceProcessEvents",)"
      R"("properties":{"Timestamp":"2026-01-02T03:04:00Z","ActionType":"ProcessCreated","ProcessId":42}}]})");
  REQUIRE(body.records.size() == 1);
  std::string line;
  defender::append_ocsf(body.records[0], line);
  const auto doc = strict(line);
  CHECK(doc["class_uid"].GetInt() == 0);
  CHECK(doc["category_uid"].GetInt() == 0);
  CHECK(doc["activity_id"].GetInt() == 99);
  CHECK(std::string(doc["activity_name"].GetString()) == "ProcessCreated");
  CHECK(doc["type_uid"].GetInt() == 99);
  CHECK(doc["time"].GetInt64() == 1767323040000);
  CHECK(std::string(doc["metadata"]["log_name"].GetString()) == "AdvancedHunting-DeviceProcessEvents");
  CHECK(std::string(doc["unmapped"]["table"].GetString()) == "DeviceProcessEvents");
  CHECK(std::string(doc["unmapped"]["properties"]["ProcessId"].GetString()) == "42");
}

TEST_CASE("a body that is not a records envelope is a base event carrying the raw text and the reason") {
  const auto body = defender::read_stream_body("not json");
  REQUIRE(body.records.size() == 1);
  std::string line;
  defender::append_ocsf(body.records[0], line);
  const auto doc = strict(line);
  CHECK(doc["class_uid"].GetInt() == 0);
  CHECK(std::string(doc["raw_data"].GetString()) == "not json");
  CHECK(doc["unmapped"].HasMember("parse_error"));
}

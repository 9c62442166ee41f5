// Hostile text in what people write into an incident (display name, comments and their authors, tags, assignee):
// each format writes exactly one line, no value forges a key or a record, and the tests' parsers read every value
// back as the mapping says (expected_records.h), which for CEF is the text itself.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <array>
#include <string>
#include <string_view>

#include "apis/incidents/incident_adapter.h"
#include "apis/page_scanner.h"
#include "expected_records.h"
#include "format.h"
#include "json_value.h"
#include "text_rules.h"

using defender::Format;
using defender::Incident;

namespace {

using namespace std::string_literals;

// CR, LF, NUL, the CEF and LEEF delimiters and escapes, invalid UTF-8, U+2028, NEL, forged keys and records.
const std::array<std::string, 8> hostile_texts{
    "a|b=c\\d\r\ne^f\tg"s,
    "\0nul\0"s,
    " cs1=forged externalId=forged sev=10"s,
    "^externalId=forged\tsev=10^cat=x"s,
    "line\n<14>1 2024-01-01T00:00:00Z host CEF:0|Microsoft|x|1|incident|forged|10|externalId=forged"s,
    "bad \xC3 overlong \xC0\xAF lone \xFF end"s,
    "line\xE2\x80\xA8separator\xC2\x85nel"s,
    "ends with backslash\\"s,
};

// Where a text goes in the Graph incident.
enum class Place { display_name, comment, comment_author, custom_tag, assigned_to };
constexpr std::array places{Place::display_name, Place::comment, Place::comment_author, Place::custom_tag,
                            Place::assigned_to};

rapidjson::Value string_value(const std::string &text, rapidjson::Document::AllocatorType &allocator) {
  return rapidjson::Value(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator);
}

// The Graph JSON of an incident with text at place, written by RapidJSON (so NUL and controls are escapes and
// invalid UTF-8 stays raw, as a broken service would send it).
std::string incident_json(Place place, const std::string &text) {
  rapidjson::Document doc(rapidjson::kObjectType);
  auto &a = doc.GetAllocator();
  doc.AddMember("id", "inc-1", a);
  doc.AddMember("lastUpdateDateTime", "2024-05-06T07:08:09Z", a);
  rapidjson::Value comment(rapidjson::kObjectType);
  comment.AddMember("comment", place == Place::comment ? string_value(text, a) : rapidjson::Value("note"), a);
  comment.AddMember("createdByDisplayName",
                    place == Place::comment_author ? string_value(text, a) : rapidjson::Value("Kai"), a);
  rapidjson::Value comments(rapidjson::kArrayType);
  comments.PushBack(comment, a);
  doc.AddMember("comments", comments, a);
  rapidjson::Value tags(rapidjson::kArrayType);
  tags.PushBack("first", a);
  if (place == Place::custom_tag) tags.PushBack(string_value(text, a), a);
  doc.AddMember("customTags", tags, a);
  if (place == Place::display_name) doc.AddMember("displayName", string_value(text, a), a);
  if (place == Place::assigned_to) doc.AddMember("assignedTo", string_value(text, a), a);
  return defender::test::json_text(doc);
}

// As the poller does it: the adapter reads the parsed object, raw_json keeps the text compacted.
Incident adapted(const std::string &json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  REQUIRE_FALSE(doc.HasParseError());
  auto incident = defender::adapt_incident(doc);
  REQUIRE(incident);
  defender::one_line_json(json, incident->raw_json);
  return *incident;
}

std::string formatted(const Incident &incident, Format format) {
  std::string out;
  defender::format_incident(incident, {format, '^'}, out);
  return out;
}

void check_one_line(std::string_view line) {
  CHECK(line.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos);
  CHECK_FALSE(defender::test::first_invalid_utf8(line));
}

// Every format: one line that parses to exactly the mapped values, so no key but the mapping's, each once.
void check_formats(const Incident &incident) {
  const std::string cef_line = formatted(incident, Format::cef);
  check_one_line(cef_line);
  const auto cef = defender::test::parse_cef(cef_line);
  REQUIRE_MESSAGE(cef.record, cef.error);
  CHECK(*cef.record == defender::test::expected_cef(incident));
  const std::string leef1_line = formatted(incident, Format::leef);
  check_one_line(leef1_line);
  const auto leef1 = defender::test::parse_leef(leef1_line);
  REQUIRE_MESSAGE(leef1.record, leef1.error);
  CHECK(*leef1.record == defender::test::expected_leef1(incident));
  const std::string leef2_line = formatted(incident, Format::leef2);
  check_one_line(leef2_line);
  const auto leef2 = defender::test::parse_leef(leef2_line);
  REQUIRE_MESSAGE(leef2.record, leef2.error);
  CHECK(*leef2.record == defender::test::expected_leef2(incident, '^'));
  const std::string json_line = formatted(incident, Format::json);
  check_one_line(json_line);
  CHECK(defender::test::same_json_value(json_line, incident.raw_json));
}

Incident with(Place place, const std::string &text) { return adapted(incident_json(place, text)); }

}  // namespace

TEST_CASE("hostile text anywhere people write in an incident gives one line per format, read back as mapped") {
  for (const Place place : places)
    for (const std::string &text : hostile_texts) {
      CAPTURE(static_cast<int>(place));
      CAPTURE(text);
      check_formats(with(place, text));
    }
}

TEST_CASE("CEF carries delimiters, escapes and line breaks in an incident's values exactly") {
  const std::string text = "a|b=c\\d\r\ne^f\tg";
  const auto assigned = defender::test::parse_cef(formatted(with(Place::assigned_to, text), Format::cef));
  REQUIRE(assigned.record);
  CHECK(assigned.record->value("MicrosoftDefenderAssignedTo") == "a|b=c\\d\r\ne^f g");
  const auto comment = defender::test::parse_cef(formatted(with(Place::comment, text), Format::cef));
  REQUIRE(comment.record);
  CHECK(comment.record->value("MicrosoftDefenderLatestComment") == "a|b=c\\d\r\ne^f g");
  const auto tag = defender::test::parse_cef(formatted(with(Place::custom_tag, text), Format::cef));
  REQUIRE(tag.record);
  CHECK(tag.record->value("MicrosoftDefenderCustomTags") == "first,a|b=c\\d\r\ne^f g");
}

TEST_CASE("CEF writes a hostile display name as the header Name with line breaks as spaces") {
  const auto parsed =
      defender::test::parse_cef(formatted(with(Place::display_name, "a|b=c\\d\r\ne^f\tg"), Format::cef));
  REQUIRE(parsed.record);
  CHECK(parsed.record->name == "a|b=c\\d  e^f g");
  CHECK(parsed.record->signature_id == "incident");
}

TEST_CASE("LEEF 2.0 turns the delimiter and line breaks in an incident's values into spaces, and keeps = and |") {
  const auto parsed = defender::test::parse_leef(
      formatted(with(Place::assigned_to, "^externalId=forged\tsev=10^cat=x"), Format::leef2));
  REQUIRE(parsed.record);
  CHECK(parsed.record->value("assignedTo") == " externalId=forged sev=10 cat=x");
  CHECK(parsed.record->value("externalId") == "inc-1");
  CHECK_FALSE(parsed.record->value("cat"));
  CHECK_FALSE(parsed.record->value("sev"));
}

TEST_CASE("LEEF 1.0 turns TAB and line breaks in an incident's display name into spaces") {
  const auto parsed =
      defender::test::parse_leef(formatted(with(Place::display_name, "a|b=c\\d\r\ne^f\tg"), Format::leef));
  REQUIRE(parsed.record);
  CHECK(parsed.record->value("title") == "a|b=c\\d  e^f g");
}

TEST_CASE("a forged record after a line break in an incident comment stays inside the one CEF value") {
  const std::string forged =
      "line\n<14>1 2024-01-01T00:00:00Z host CEF:0|Microsoft|x|1|incident|forged|10|externalId=f";
  const std::string line = formatted(with(Place::comment, forged), Format::cef);
  CHECK(line.find("CEF:0|", 1) != std::string::npos);  // the text is there, escaped, inside the value
  const auto parsed = defender::test::parse_cef(line);
  REQUIRE(parsed.record);
  CHECK(parsed.record->value("externalId") == "inc-1");
  CHECK(parsed.record->value("MicrosoftDefenderLatestComment") == forged);
}

TEST_CASE("very long incident texts are cut to their limits on a character boundary, and JSON keeps them whole") {
  std::string text;
  while (text.size() < 20'000) text += "Långt 東京 🔥 | ^ = \\ \t\r\n";
  for (const Place place : places) {
    CAPTURE(static_cast<int>(place));
    const Incident incident = with(place, text);
    check_formats(incident);
    CHECK(formatted(incident, Format::cef).size() < 6'000);
    CHECK(formatted(incident, Format::leef2).size() < 6'000);
    CHECK(formatted(incident, Format::json) == incident.raw_json);
  }
}

TEST_CASE("a long display name ends the CEF header Name in U+2026 within 512 bytes") {
  std::string text;
  while (text.size() < 2'000) text += "東京 ";
  const auto parsed = defender::test::parse_cef(formatted(with(Place::display_name, text), Format::cef));
  REQUIRE(parsed.record);
  CHECK(parsed.record->name.size() <= 512);
  CHECK(parsed.record->name.size() > 500);
  CHECK(parsed.record->name.ends_with("\xE2\x80\xA6"));
}

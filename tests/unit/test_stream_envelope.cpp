// Splitting an Event Hubs body from the Streaming API into stream records: every record kept, with its fields; what
// cannot be read becomes an unparsed record, counted; a hostile body stays bounded.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "json_line.h"
#include "stream/envelope_reader.h"

using namespace std::string_literals;
using defender::PropertyKind;
using defender::read_stream_body;
using defender::StreamBody;
using defender::StreamRecord;

namespace {

const std::string process_record =
    R"({"time":"2024-05-01T10:00:05.123Z","tenantId":"t-1","operationName":"Publish",)"
    R"("category":"AdvancedHunting-DeviceProcessEvents","properties":{"Timestamp":"2024-05-01T09:59:58.5Z",)"
    R"("DeviceName":"pc1.contoso.com","ActionType":"ProcessCreated","FileSize":1024,"IsLocalAdmin":true,)"
    R"("MachineGroup":"Servers","AccountUpn":null,"IPAddresses":[{"IP":"10.0.0.1"}],"AdditionalFields":"{\"a\":1}"}})";
const std::string alert_record =
    R"({"time":"2024-05-01T10:00:06Z","tenantId":"t-1","category":"AdvancedHunting-AlertInfo",)"
    R"("properties":{"Timestamp":"2024-05-01T09:00:00Z","AlertId":"da1","Severity":"High","MachineGroup":null}})";
const std::string identity_record =
    R"({"time":"2024-05-01T10:00:07Z","tenantId":"t-1","category":"AdvancedHunting-IdentityInfo",)"
    R"("properties":{"Timestamp":"not a time","AccountUpn":"a@contoso.com"}})";

std::string body_of(const std::string &records) { return R"({"records":[)" + records + "]}"; }

StreamRecord only_record(const StreamBody &body) {
  REQUIRE(body.records.size() == 1);
  return body.records.front();
}

}  // namespace

TEST_CASE("a body of three records gives three records in body order") {
  const StreamBody body = read_stream_body(body_of(process_record + "," + alert_record + ",\n " + identity_record));
  REQUIRE(body.records.size() == 3);
  CHECK(body.unparsed == 0);
  CHECK(body.not_read == 0);
  CHECK(body.records[0].table == "DeviceProcessEvents");
  CHECK(body.records[1].table == "AlertInfo");
  CHECK(body.records[2].table == "IdentityInfo");
}

TEST_CASE("a record gives its table, category, times, tenant, machine group and its JSON as sent") {
  const StreamRecord record = only_record(read_stream_body(body_of(process_record)));
  CHECK(record.category == "AdvancedHunting-DeviceProcessEvents");
  CHECK(record.table == "DeviceProcessEvents");
  REQUIRE(record.time.has_value());
  CHECK(record.time->epoch_milliseconds() == 1714557605123);
  REQUIRE(record.event_time.has_value());
  CHECK(record.event_time->epoch_milliseconds() == 1714557598500);
  CHECK(defender::message_time(record) == record.event_time);
  CHECK(record.tenant_id == "t-1");
  CHECK(record.machine_group == "Servers");
  CHECK(record.severity == defender::Severity::unknown);
  CHECK(record.raw_json == process_record);
  CHECK(record.parse_error.empty());
}

TEST_CASE("a record's properties keep the row's order: scalars as their text, nested values as compact JSON") {
  const StreamRecord record = only_record(read_stream_body(body_of(process_record)));
  REQUIRE(record.properties.size() == 9);
  const auto check = [&](size_t i, std::string_view name, std::string_view value, PropertyKind kind) {
    CAPTURE(i);
    CHECK(record.properties[i].name == name);
    CHECK(record.properties[i].value == value);
    CHECK(record.properties[i].kind == kind);
  };
  check(0, "Timestamp", "2024-05-01T09:59:58.5Z", PropertyKind::string);
  check(1, "DeviceName", "pc1.contoso.com", PropertyKind::string);
  check(2, "ActionType", "ProcessCreated", PropertyKind::string);
  check(3, "FileSize", "1024", PropertyKind::number);
  check(4, "IsLocalAdmin", "true", PropertyKind::boolean);
  check(5, "MachineGroup", "Servers", PropertyKind::string);
  check(6, "AccountUpn", "", PropertyKind::null);
  check(7, "IPAddresses", R"([{"IP":"10.0.0.1"}])", PropertyKind::nested);
  check(8, "AdditionalFields", R"({"a":1})", PropertyKind::string);
}

TEST_CASE("an alert row's Severity is read on the alert scale") {
  CHECK(only_record(read_stream_body(body_of(alert_record))).severity == defender::Severity::high);
}

TEST_CASE("a Timestamp that is not a time leaves the record's time as the message time") {
  const StreamRecord record = only_record(read_stream_body(body_of(identity_record)));
  CHECK_FALSE(record.event_time.has_value());
  CHECK(defender::message_time(record) == record.time);
}

TEST_CASE("a category without the AdvancedHunting- prefix is its own table, and a record without one has none") {
  const StreamBody body = read_stream_body(body_of(R"({"category":"Custom","properties":{}},{"properties":{}})"));
  REQUIRE(body.records.size() == 2);
  CHECK(body.records[0].table == "Custom");
  CHECK(body.records[1].table.empty());
  CHECK(body.unparsed == 0);
}

TEST_CASE("a raw control character and invalid UTF-8 in a record are repaired in its JSON and its values") {
  const StreamRecord record = only_record(
      read_stream_body(body_of("{\"category\":\"AdvancedHunting-X\",\"properties\":{\"C\":\"a\nb\xFF\"}}")));
  CHECK(record.raw_json == "{\"category\":\"AdvancedHunting-X\",\"properties\":{\"C\":\"a\\u000ab\xEF\xBF\xBD\"}}");
  CHECK(defender::is_plain_json_line(record.raw_json));
  REQUIRE(record.properties.size() == 1);
  CHECK(record.properties[0].value == "a\nb\xEF\xBF\xBD");
}

// What a test needs to tell two readings of a record apart.
std::string described(const StreamRecord &record) {
  std::string text = record.table + "|" + record.raw_json + "|" + record.parse_error + "|" + record.unparsed_text;
  for (const auto &property : record.properties)
    text += "|" + std::string(property.name) + "=" + std::string(property.value) + "#" +
            std::to_string(static_cast<int>(property.kind));
  return text;
}

TEST_CASE("records among ones that cannot be kept as sent read as each would alone, whatever the order") {
  const std::vector<std::string> records{
      process_record,
      // Escapes the in-place parse decodes, and invalid UTF-8: read again from its repaired copy.
      R"({"category":"AdvancedHunting-X","properties":{"A":"\u0041\n\"q\"","B":"bad )"
      "\xff"
      R"( byte"}})"s,
      alert_record,
      // A raw control character the parser refuses where it stands.
      "{\"category\":\"AdvancedHunting-X\",\"properties\":{\"A\":\"tab\there\"}}"s,
      // Not an object, then an object nested deeper than the cap: the in-place parse fails inside it.
      std::string(40, '[') + std::string(40, ']'),
      R"({"category":"AdvancedHunting-Y","properties":{"A":)" + std::string(34, '[') + "1" + std::string(34, ']') +
          "}}",
      identity_record,
      R"(  {"category":"AdvancedHunting-Z","properties":{"S":"\u00e9\ud83d\ude00"}}  )"s,
  };
  std::string joined;
  for (const std::string &record : records) joined += (joined.empty() ? "" : ",\n") + record;
  const StreamBody body = read_stream_body(body_of(joined));
  REQUIRE(body.records.size() == records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    CAPTURE(i);
    // Alone, a record is its body's record 1.
    std::string alone = described(only_record(read_stream_body(body_of(records[i]))));
    if (const size_t at = alone.find("record 1 "); at != std::string::npos)
      alone.replace(at, 9, "record " + std::to_string(i + 1) + " ");
    CHECK(described(body.records[i]) == alone);
  }
  CHECK(body.unparsed == 2);
  CHECK(body.records[1].properties[0].value == "A\n\"q\"");
  CHECK(body.records[1].properties[1].value == "bad \xef\xbf\xbd byte");
  CHECK(body.records[3].properties[0].value == "tab\there");
  CHECK(body.records[7].properties[0].value == "\xc3\xa9\xf0\x9f\x98\x80");
}

TEST_CASE("an empty body is one unparsed record") {
  const StreamBody body = read_stream_body("  ");
  CHECK(body.unparsed == 1);
  CHECK(only_record(body).parse_error == "the body is empty");
  CHECK(only_record(body).unparsed_text == "  ");
}

TEST_CASE("a body that is not JSON is one unparsed record carrying it") {
  const StreamBody body = read_stream_body("<html>\r\n502</html>");
  CHECK(body.unparsed == 1);
  CHECK(only_record(body).parse_error == "the body is not a JSON object");
  CHECK(only_record(body).unparsed_text == "<html>  502</html>");
}

TEST_CASE("a JSON array body is not an envelope") {
  const StreamBody body = read_stream_body(R"([{"category":"AdvancedHunting-X"}])");
  CHECK(only_record(body).parse_error == "the body is not a JSON object");
  CHECK(only_record(body).unparsed_text == R"([{"category":"AdvancedHunting-X"}])");
}

TEST_CASE("an object without a records array is one unparsed record") {
  CHECK(only_record(read_stream_body(R"({"value":[]})")).parse_error == "the body has no \"records\" array");
  CHECK(only_record(read_stream_body("{}")).parse_error == "the body has no \"records\" array");
}

TEST_CASE("records that are not an array are one unparsed record") {
  CHECK(only_record(read_stream_body(R"({"records":{"a":1}})")).parse_error == "\"records\" is not an array");
}

TEST_CASE("a record that is not an object is an unparsed record in its place, and the others are kept") {
  const StreamBody body = read_stream_body(body_of(alert_record + R"(,"text",)" + identity_record));
  REQUIRE(body.records.size() == 3);
  CHECK(body.unparsed == 1);
  CHECK(body.records[0].table == "AlertInfo");
  CHECK(body.records[1].parse_error == "record 2 is not a JSON object");
  CHECK(body.records[1].unparsed_text == R"("text")");
  CHECK(body.records[2].table == "IdentityInfo");
}

TEST_CASE("a record that does not parse is an unparsed record carrying its text") {
  const StreamBody body = read_stream_body(body_of(R"({"category":"AdvancedHunting-X","properties":{"a":}})"));
  CHECK(body.unparsed == 1);
  CHECK(only_record(body).parse_error == "record 1 cannot be parsed (Invalid value. at byte 50)");
  CHECK(only_record(body).unparsed_text == R"({"category":"AdvancedHunting-X","properties":{"a":}})");
}

TEST_CASE("a body cut short keeps the whole records and carries the rest as an unparsed record") {
  const StreamBody body = read_stream_body(R"({"records":[)" + alert_record + R"(,{"time":"2024)");
  REQUIRE(body.records.size() == 2);
  CHECK(body.unparsed == 1);
  CHECK(body.records[0].table == "AlertInfo");
  CHECK(body.records[1].parse_error == "the body ends inside record 2");
  CHECK(body.records[1].unparsed_text == R"(,{"time":"2024)");
}

TEST_CASE("text after the envelope is an unparsed record, after the records") {
  const StreamBody body = read_stream_body(body_of(alert_record) + " trailing");
  REQUIRE(body.records.size() == 2);
  CHECK(body.records[1].parse_error == "unexpected text after the body's JSON object");
  CHECK(body.records[1].unparsed_text == "trailing");
}

TEST_CASE("a body of 100,000 records gives the capped number, and one unparsed record counts the rest") {
  std::string records = "{}";
  for (int i = 1; i < 100'000; ++i) records += ",{}";
  const StreamBody body = read_stream_body(body_of(records));
  REQUIRE(body.records.size() == defender::max_records_per_body + 1);
  CHECK(body.not_read == 90'000);
  CHECK(body.unparsed == 1);
  CHECK(body.records.back().parse_error ==
        "the body holds 100000 records, more than 10000: the last 90000 are not read");
  CHECK(body.records.back().unparsed_text.size() <= defender::max_unparsed_text);
  CHECK(body.records.back().unparsed_text.starts_with("{},{}"));
}

TEST_CASE("a record nested 100,000 deep is an unparsed record, cut to the text limit") {
  const std::string deep = R"({"properties":{"a":)" + std::string(100'000, '[') + std::string(100'000, ']') + "}}";
  const StreamBody body = read_stream_body(body_of(deep + "," + alert_record));
  REQUIRE(body.records.size() == 2);
  CHECK(body.unparsed == 1);
  CHECK(body.records[0].parse_error == "record 1 cannot be parsed (nested deeper than 32 levels at byte 49)");
  CHECK(body.records[0].unparsed_text.size() == defender::max_unparsed_text);
  CHECK(body.records[0].unparsed_text.ends_with("\xE2\x80\xA6"));
  CHECK(body.records[1].table == "AlertInfo");
}

TEST_CASE("a record with more values than the cap is an unparsed record") {
  std::string values = "0";
  for (int i = 1; i < 30'000; ++i) values += ",0";
  const StreamBody body = read_stream_body(body_of(R"({"properties":{"a":[)" + values + "]}}"));
  CHECK(body.unparsed == 1);
  CHECK(only_record(body).parse_error.starts_with("record 1 cannot be parsed (more than 20000 values at byte"));
}

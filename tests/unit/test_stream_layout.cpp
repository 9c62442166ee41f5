// Stream layouts: what a row's table and column names decide, made once for the rows that share them, and the lines
// and fields made with a layout, which must be those made without one (test_stream_format.cpp checks every line of its
// cases both ways).
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "cef_parser.h"
#include "format.h"
#include "leef_parser.h"
#include "stream/envelope_reader.h"
#include "stream_fields.h"
#include "stream_layout.h"

using defender::Format;
using defender::StreamLayout;
using defender::StreamLayouts;
using defender::StreamRecord;

namespace {

StreamRecord record_of(const std::string &table, const std::string &properties) {
  const defender::StreamBody body = defender::read_stream_body(
      R"({"records":[{"time":"2024-05-01T10:00:05Z","tenantId":"t-1","category":"AdvancedHunting-)" + table +
      R"(","properties":{)" + properties + "}}]}");
  REQUIRE(body.records.size() == 1);
  REQUIRE_FALSE(defender::is_unparsed(body.records.front()));
  return body.records.front();
}

std::string line(const StreamRecord &record, Format format, const StreamLayout *layout) {
  std::string out;
  defender::format_stream_record(record, {format, '^'}, out, layout);
  return out;
}

defender::test::CefRecord cef(const StreamRecord &record, const StreamLayout *layout) {
  auto result = defender::test::parse_cef(line(record, Format::cef, layout));
  REQUIRE(result.record.has_value());
  return *result.record;
}

// Each field's name and slot.
std::vector<std::pair<std::string, size_t>> slots(const StreamRecord &record, const StreamLayout *layout) {
  std::vector<std::pair<std::string, size_t>> out;
  defender::visit_stream_fields(
      record, [&](std::string_view name, std::string_view, size_t slot) { out.emplace_back(name, slot); }, layout);
  return out;
}

}  // namespace

TEST_CASE("rows of one table with the same column names share a layout; other names or another table get their own") {
  StreamLayouts layouts;
  const StreamLayout *first = layouts.find(record_of("DeviceEvents", R"("DeviceName":"a","ActionType":"x")"));
  REQUIRE(first != nullptr);
  CHECK(layouts.find(record_of("DeviceEvents", R"("DeviceName":"b","ActionType":null)")) == first);
  const StreamLayout *reordered = layouts.find(record_of("DeviceEvents", R"("ActionType":"x","DeviceName":"a")"));
  const StreamLayout *fewer = layouts.find(record_of("DeviceEvents", R"("DeviceName":"a")"));
  const StreamLayout *other_table = layouts.find(record_of("DeviceFileEvents", R"("DeviceName":"a","ActionType":"x")"));
  CHECK(reordered != first);
  CHECK(fewer != first);
  CHECK(fewer != reordered);
  CHECK(other_table != first);
  CHECK(layouts.find(record_of("DeviceEvents", R"("DeviceName":"c","ActionType":"y")")) == first);
}

TEST_CASE("a layout lists the table's columns in the mapping's order, then the others under their generic keys") {
  StreamLayouts layouts;
  const StreamLayout *layout =
      layouts.find(record_of("DeviceEvents", R"("Extra":1,"ActionType":"x","DeviceName":"h","Nothing":null)"));
  REQUIRE(layout != nullptr);
  REQUIRE(layout->cef.has_value());
  std::vector<std::pair<size_t, std::string>> cef;
  for (const auto &column : *layout->cef) cef.emplace_back(column.property, column.key);
  CHECK(cef == std::vector<std::pair<size_t, std::string>>{
                   {2, "shost"}, {1, "act"}, {0, "MicrosoftDefenderExtra"}, {3, "MicrosoftDefenderNothing"}});
  REQUIRE(layout->field_names.has_value());
  CHECK(*layout->field_names ==
        std::vector<std::string>{".defender.properties.Extra", ".defender.properties.ActionType",
                                 ".defender.properties.DeviceName", ".defender.properties.Nothing"});
}

TEST_CASE("columns whose generic keys are alike have no laid-out keys, and the row's values decide, as without") {
  StreamLayouts layouts;
  const StreamRecord first_null = record_of("Custom", R"("A-b":null,"Ab":"second")");
  const StreamLayout *layout = layouts.find(first_null);
  REQUIRE(layout != nullptr);
  CHECK_FALSE(layout->cef.has_value());
  CHECK_FALSE(layout->leef.has_value());
  CHECK_FALSE(layout->field_names.has_value());
  CHECK(cef(first_null, layout).value("MicrosoftDefenderAb") == "second");
  const StreamRecord both = record_of("Custom", R"("A-b":"first","Ab":"second")");
  CHECK(layouts.find(both) == layout);
  CHECK(cef(both, layout).value("MicrosoftDefenderAb") == "first");
  for (const Format format : {Format::cef, Format::leef, Format::leef2})
    CHECK(line(both, format, layout) == line(both, format, nullptr));
}

TEST_CASE("a column whose generic key is a listed column's key is never written, whether the listed one is there") {
  StreamLayouts layouts;
  const StreamRecord with_listed = record_of("DeviceEvents", R"("MachineGroup":"listed","Machine_Group":"generic")");
  const StreamRecord without_listed = record_of("DeviceEvents", R"("Machine_Group":"generic")");
  for (const StreamRecord *record : {&with_listed, &without_listed}) {
    const StreamLayout *layout = layouts.find(*record);
    REQUIRE(layout != nullptr);
    REQUIRE(layout->cef.has_value());
    CHECK(line(*record, Format::cef, layout) == line(*record, Format::cef, nullptr));
  }
  CHECK(cef(with_listed, layouts.find(with_listed)).value("MicrosoftDefenderMachineGroup") == "listed");
  CHECK_FALSE(cef(without_listed, layouts.find(without_listed)).value("MicrosoftDefenderMachineGroup").has_value());
}

TEST_CASE("under a layout the Timestamp column is left out only in rows where it is the event time") {
  StreamLayouts layouts;
  const StreamRecord valid = record_of("Custom", R"("Timestamp":"2024-05-01T09:59:58Z","Other":"o")");
  const StreamRecord invalid = record_of("Custom", R"("Timestamp":"not a time","Other":"o")");
  const StreamLayout *layout = layouts.find(valid);
  REQUIRE(layout != nullptr);
  CHECK(layouts.find(invalid) == layout);
  CHECK_FALSE(cef(valid, layout).value("MicrosoftDefenderTimestamp").has_value());
  CHECK(cef(invalid, layout).value("MicrosoftDefenderTimestamp") == "not a time");
  CHECK(line(valid, Format::leef, layout) == line(valid, Format::leef, nullptr));
  CHECK(line(invalid, Format::leef, layout) == line(invalid, Format::leef, nullptr));
}

TEST_CASE("at most max_layouts layouts are made; a row with yet other names then has none, earlier ones keep theirs") {
  StreamLayouts layouts;
  const StreamLayout *first = layouts.find(record_of("Custom", R"("C0":"v")"));
  REQUIRE(first != nullptr);
  for (size_t i = 1; i < StreamLayouts::max_layouts; ++i)
    REQUIRE(layouts.find(record_of("Custom", R"("C)" + std::to_string(i) + R"(":"v")")) != nullptr);
  const StreamRecord one_more = record_of("Custom", R"("Cmore":"v")");
  CHECK(layouts.find(one_more) == nullptr);
  CHECK(layouts.find(record_of("Custom", R"("C0":"w")")) == first);
  CHECK(line(one_more, Format::cef, nullptr).find("MicrosoftDefenderCmore=v") != std::string::npos);
}

TEST_CASE("layouts stop at their byte bound: a row whose names and keys would pass it has none, smaller rows do") {
  const auto wide_row = [](size_t columns) {
    std::string properties;
    for (size_t i = 0; i < columns; ++i)
      properties += (i ? "," : "") + ("\"c" + std::to_string(i) + std::string(300, 'x') + "\":\"v\"");
    return record_of("Custom", properties);
  };
  StreamLayouts layouts;
  // Its names fit the bound, its names and keys do not.
  CHECK(layouts.find(wide_row(3000)) == nullptr);
  // Its names alone do not.
  CHECK(layouts.find(wide_row(4000)) == nullptr);
  const StreamLayout *small = layouts.find(record_of("Custom", R"("C0":"v")"));
  CHECK(small != nullptr);
  CHECK(layouts.find(wide_row(1000)) != nullptr);
  CHECK(layouts.find(record_of("Custom", R"("C0":"w")")) == small);
}

TEST_CASE("a layout given with a row of another number of columns is not used: the row is worked out on its own") {
  StreamLayouts layouts;
  const StreamLayout *two = layouts.find(record_of("DeviceEvents", R"("Extra":"e","ActionType":"x")"));
  const StreamRecord one = record_of("DeviceEvents", R"("Other":"o")");
  for (const Format format : {Format::cef, Format::leef, Format::leef2})
    CHECK(line(one, format, two) == line(one, format, nullptr));
  CHECK(slots(one, two) == slots(one, nullptr));
}

TEST_CASE("an unparsed record has no layout") {
  StreamLayouts layouts;
  const defender::StreamBody body = defender::read_stream_body("oops");
  REQUIRE(body.records.size() == 1);
  CHECK(layouts.find(body.records.front()) == nullptr);
}

TEST_CASE("a field keeps its slot in every row of one layout, whichever fields the row leaves out") {
  StreamLayouts layouts;
  const StreamRecord full = record_of("DeviceEvents", R"("MachineGroup":"g","ActionType":"x","Extra":"e")");
  const StreamRecord sparse = record_of("DeviceEvents", R"("MachineGroup":null,"ActionType":"","Extra":"e")");
  const StreamLayout *layout = layouts.find(full);
  REQUIRE(layouts.find(sparse) == layout);
  CHECK(slots(full, layout) == std::vector<std::pair<std::string, size_t>>{{".defender.table", 0},
                                                                           {".defender.category", 1},
                                                                           {".defender.time", 2},
                                                                           {".defender.tenant_id", 4},
                                                                           {".defender.machine_group", 5},
                                                                           {".defender.properties.MachineGroup", 7},
                                                                           {".defender.properties.ActionType", 8},
                                                                           {".defender.properties.Extra", 9},
                                                                           {".defender.json", 10}});
  CHECK(slots(sparse, layout) == std::vector<std::pair<std::string, size_t>>{{".defender.table", 0},
                                                                             {".defender.category", 1},
                                                                             {".defender.time", 2},
                                                                             {".defender.tenant_id", 4},
                                                                             {".defender.properties.Extra", 9},
                                                                             {".defender.json", 10}});
}

TEST_CASE("without a layout a row's columns have no slot; the envelope's and the JSON's keep theirs") {
  const StreamRecord record = record_of("DeviceEvents", R"("ActionType":"x")");
  CHECK(slots(record, nullptr) ==
        std::vector<std::pair<std::string, size_t>>{{".defender.table", 0},
                                                    {".defender.category", 1},
                                                    {".defender.time", 2},
                                                    {".defender.tenant_id", 4},
                                                    {".defender.properties.ActionType", defender::no_stream_field_slot},
                                                    {".defender.json", 8}});
}

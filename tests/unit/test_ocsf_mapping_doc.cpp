// docs/ocsf.md's column-by-column tables of stream records held against the formatter: for each row, a record of the
// section's table with only the row's first column set carries that column's value at the row's first OCSF attribute.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "format.h"
#include "markdown_table.h"
#include "stream/envelope_reader.h"
#include "test_files.h"

using defender::test::markdown_tables;

namespace {

// The names between backquotes in a cell, in order.
std::vector<std::string> quoted(std::string_view cell) {
  std::vector<std::string> out;
  for (size_t open = cell.find('`'); open != std::string_view::npos; open = cell.find('`', open)) {
    const size_t close = cell.find('`', open + 1);
    if (close == std::string_view::npos) break;
    out.emplace_back(cell.substr(open + 1, close - open - 1));
    open = close + 1;
  }
  return out;
}

// The tables a "### " heading speaks of: "DeviceProcessEvents: Process Activity", "AlertInfo and AlertEvidence: ...";
// the shared columns of the Device tables are tried on DeviceProcessEvents.
std::vector<std::string> tables_of(const std::string &subsection) {
  if (subsection.starts_with("The Device tables")) return {"DeviceProcessEvents"};
  const std::string names = subsection.substr(0, subsection.find(':'));
  std::vector<std::string> out;
  for (size_t start = 0; start < names.size();) {
    size_t end = names.find(" and ", start);
    if (end == std::string::npos) end = names.size();
    out.push_back(names.substr(start, end - start));
    start = end + 5;
  }
  return out;
}

struct Probe {
  std::string text;                  // the column's value in the record
  std::optional<int64_t> as_number;  // what the attribute holds when it is a number
};

// A value the column's kind takes, so that the formatter puts it into its typed attribute.
Probe probe_for(const std::string &column) {
  const auto ends = [&column](std::string_view s) { return column.ends_with(s); };
  if (ends("IP") || ends("IPAddress") || ends("IPv4")) return {"10.20.30.40", {}};
  if (ends("IPv6")) return {"2001:db8::40", {}};
  if (ends("Port")) return {"4431", 4431};
  if (ends("ProcessId") || ends("ParentId") || ends("Size")) return {"4242", 4242};
  if (ends("Time") || ends("Timestamp")) return {"2024-05-01T10:00:05Z", int64_t{1714557605000}};
  if (ends("Address") || ends("Upn")) return {"probe@contoso.example", {}};
  if (ends("SHA256")) return {std::string(64, 'a'), {}};
  if (ends("SHA1")) return {std::string(40, 'b'), {}};
  if (ends("MD5")) return {std::string(32, 'c'), {}};
  return {"probe-" + column, {}};
}

// The value at an attribute path such as "actor.process.file.name" or "device.groups[0].name"; "x.hashes[]" is the
// array's element whose "value" is `wanted`.
const rapidjson::Value *at(const rapidjson::Value &event, const std::string &path, const std::string &wanted) {
  const rapidjson::Value *v = &event;
  for (size_t start = 0; start <= path.size() && v;) {
    size_t end = path.find('.', start);
    if (end == std::string::npos) end = path.size();
    std::string step = path.substr(start, end - start);
    start = end + 1;
    std::optional<size_t> index;
    bool any = false;
    if (const size_t bracket = step.find('['); bracket != std::string::npos) {
      any = step.substr(bracket) == "[]";
      if (!any) index = std::stoul(step.substr(bracket + 1));
      step.resize(bracket);
    }
    if (!v->IsObject() || !v->HasMember(step.c_str())) return nullptr;
    v = &(*v)[step.c_str()];
    if (any) {
      if (!v->IsArray()) return nullptr;
      const rapidjson::Value *found = nullptr;
      for (const auto &element : v->GetArray())
        if (element.IsObject() && element.HasMember("value") && element["value"].IsString() &&
            wanted == element["value"].GetString())
          found = &element["value"];
      return found;
    }
    if (index) v = v->IsArray() && *index < v->Size() ? &(*v)[static_cast<rapidjson::SizeType>(*index)] : nullptr;
  }
  return v;
}

// The columns an object needs before its other attributes are written (a process its id, a file its name), set in
// every record of the table besides the column tried.
// A registry row is about a value when it names one: the key's own attributes are tried without.
std::vector<std::pair<std::string, std::string>> anchors_of(const std::string &table, const std::string &attribute) {
  if (table == "AlertEvidence") return {{"AlertId", "anchor-alert"}, {"DeviceName", "anchor-host"}};
  if (!table.starts_with("Device")) return {};
  std::vector<std::pair<std::string, std::string>> anchors = {
      {"DeviceName", "anchor-host"}, {"DeviceId", "anchor-device"}, {"InitiatingProcessFileName", "a.exe"},
      {"InitiatingProcessId", "11"}, {"FileName", "f.exe"},         {"ProcessId", "12"}};
  if (table == "DeviceRegistryEvents") anchors.emplace_back("RegistryKey", "HKEY_LOCAL_MACHINE/anchor");
  if (table == "DeviceRegistryEvents" && attribute.starts_with("reg_value"))
    anchors.emplace_back("RegistryValueName", "v");
  if (table == "DeviceInfo") anchors.emplace_back("OSPlatform", "Windows11");
  return anchors;
}

std::string record_body(const std::string &table, const std::string &column, const std::string &value,
                        const std::string &attribute) {
  std::string properties = R"("Timestamp":"2024-05-01T10:00:06Z","ActionType":"")";
  for (const auto &[name, anchor] : anchors_of(table, attribute))
    if (name != column) properties += ",\"" + name + "\":\"" + anchor + "\"";
  properties += ",\"" + column + "\":\"" + value + "\"";
  return R"({"records":[{"time":"2024-05-01T10:00:06Z","tenantId":"t-1","category":"AdvancedHunting-)" + table +
         R"(","properties":{)" + properties + "}}]}";
}

// Whether the attribute holds the probe: the value itself; for an enumeration (an "_id" the word is not one of), 99
// Other with the word as its caption; for an object, the value in one of its members.
bool holds(const rapidjson::Value &event, const std::string &path, const Probe &probe) {
  const rapidjson::Value *value = at(event, path, probe.text);
  if (!value) return false;
  if (probe.as_number && value->IsInt64()) return value->GetInt64() == *probe.as_number;
  if (path.ends_with("_id") && value->IsInt64()) {
    const rapidjson::Value *caption = at(event, path.substr(0, path.size() - 3), probe.text);
    return value->GetInt64() == 99 && caption && caption->IsString() && probe.text == caption->GetString();
  }
  if (value->IsObject())
    for (const auto &member : value->GetObject())
      if (member.value.IsString() && probe.text == member.value.GetString()) return true;
  return value->IsString() && probe.text == value->GetString();
}

// "`EntityType` (AlertEvidence)": a row of one of the section's tables only.
bool row_is_for(const std::string &column_cell, const std::string &table) {
  const size_t open = column_cell.rfind('(');
  if (open == std::string::npos || column_cell.back() != ')') return true;
  return column_cell.substr(open + 1, column_cell.size() - open - 2) == table;
}

}  // namespace

TEST_CASE("each column of docs/ocsf.md's stream tables lands on the first OCSF attribute the row names") {
  const std::string doc = defender::test::read_file(DEFENDER_SOURCE_DIR "/docs/ocsf.md");
  size_t checked = 0;
  for (const auto &table : markdown_tables(doc)) {
    if (table.subsection.empty() || table.rows.empty() || !table.rows.front().contains("Column") ||
        !table.rows.front().contains("OCSF attribute"))
      continue;
    for (const std::string &name : tables_of(table.subsection)) {
      for (const auto &row : table.rows) {
        const auto columns = quoted(row.at("Column"));
        const auto attributes = quoted(row.at("OCSF attribute"));
        if (columns.empty() || attributes.empty() || !row_is_for(row.at("Column"), name)) continue;
        const std::string &column = columns.front();
        const Probe probe = probe_for(column);
        const auto records =
            defender::read_stream_body(record_body(name, column, probe.text, attributes.front())).records;
        REQUIRE(records.size() == 1);
        std::string line;
        defender::format_stream_record(records.front(), {defender::Format::ocsf, '^'}, line);
        rapidjson::Document event;
        event.Parse(line.c_str());
        REQUIRE_FALSE(event.HasParseError());
        INFO(name, ": ", column, " -> ", attributes.front(), " in ", line);
        CHECK(holds(event, attributes.front(), probe));
        ++checked;
      }
    }
  }
  // Every row of the tables, once for each table it speaks of: a row added to the page is one more.
  CHECK(checked == 72);
}

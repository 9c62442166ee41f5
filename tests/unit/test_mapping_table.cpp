// config/mapping.md against the code: its Fields table must list every normalized field in order, with the CEF
// key and label of cef_mapping.h, the LEEF key of leef_mapping.h, and, for each API, sources that its adapter
// really reads (each source is fed to the adapter alone, and must come back in the field).
#include <doctest/doctest.h>

#include <array>
#include <map>
#include <string>
#include <vector>

#include "apis/graph/graph_adapter.h"
#include "apis/mde/mde_adapter.h"
#include "apis/siem/siem_adapter.h"
#include "cef_mapping.h"
#include "event_identity.h"
#include "fields.h"
#include "leef_mapping.h"
#include "markdown_table.h"
#include "test_files.h"
#include "test_helpers.h"

using defender::Alert;
using defender::Field;

namespace {

using Row = defender::test::MarkdownRow;

// The rows of the first table of the section ("## Fields").
std::vector<Row> table_after(std::string_view heading) {
  const std::string doc = defender::test::read_file(DEFENDER_SOURCE_DIR "/config/mapping.md");
  REQUIRE_FALSE(doc.empty());
  for (const defender::test::MarkdownTable &table : defender::test::markdown_tables(doc)) {
    if (table.section != heading) continue;
    REQUIRE_FALSE(table.rows.empty());
    return table.rows;
  }
  FAIL("no table under ", heading, " in config/mapping.md");
  return {};
}

std::vector<Row> fields_table() { return table_after("## Fields"); }

std::string name_of(Field field) { return std::string(defender::field_name(static_cast<size_t>(field))); }

// The Headers table's CEF cell for the row whose first cell is `name`.
std::string cef_header_cell(std::string_view name) {
  for (const Row &row : table_after("## Headers"))
    if (row.at("") == name) return row.at("CEF");
  FAIL("no row ", name, " in the Headers table");
  return {};
}

// How mapping.md writes a list of choices: `a`, else `b`, else `c`, from the fields' names and the constant.
std::string choices_cell(Field first, Field second, std::string_view constant) {
  const auto name = [](Field f) { return std::string(defender::field_name(static_cast<size_t>(f))); };
  return "`" + name(first) + "`, else `" + name(second) + "`, else `" + std::string(constant) + "`";
}

// The text between the first pair of backticks, and what follows it.
std::pair<std::string, std::string> code_span(std::string_view cell) {
  REQUIRE_MESSAGE(cell.starts_with('`'), cell);
  const size_t end = cell.find('`', 1);
  REQUIRE_MESSAGE(end != std::string_view::npos, cell);
  return {std::string(cell.substr(1, end - 1)), std::string(cell.substr(end + 1))};
}

// The cell's text inside backticks, when the backticks hold the whole cell.
std::string code(std::string_view cell) {
  const auto [text, rest] = code_span(cell);
  CHECK_MESSAGE(rest.empty(), cell);
  return text;
}

std::string field_text(const Alert &alert, Field field) {
  return defender::test::value_of(defender::test::fields_of(alert), defender::field_name(static_cast<size_t>(field)))
      .value_or("");
}

// A value for a field to be read from, as JSON, and how the field then reads.
struct Marker {
  std::string json;
  std::string expected;
};

Marker marker_for(Field field) {
  const std::string name(defender::field_name(static_cast<size_t>(field)));
  switch (field) {
    case Field::severity:
      return {"\"High\"", "high"};
    case Field::md5:
      return {"\"" + std::string(32, 'a') + "\"", std::string(32, 'a')};
    case Field::sha1:
      return {"\"" + std::string(40, 'b') + "\"", std::string(40, 'b')};
    case Field::sha256:
      return {"\"" + std::string(64, 'c') + "\"", std::string(64, 'c')};
    default:
      break;
  }
  const auto value = defender::field_value(Alert{}, field);
  if (std::holds_alternative<std::optional<defender::Instant>>(value))
    return {"\"2021-02-03T04:05:06.7Z\"", "2021-02-03T04:05:06.7000000Z"};
  if (std::holds_alternative<std::optional<bool>>(value)) return {"true", "true"};
  return {"\"marker-" + name + "\"", "marker-" + name};
}

struct Api {
  std::string_view column;
  defender::test::Adapter adapt;
  std::string_view placing_members;  // what every alert needs to be read at all
  std::string_view evidence_type_member;
  std::string_view evidence_type_prefix;
};

constexpr std::array<Api, 3> apis{{
    {"Graph alerts_v2", defender::adapt_graph_alert, R"("id":"base","lastUpdateDateTime":"2020-01-01T00:00:00Z")",
     "@odata.type", "#microsoft.graph.security."},
    {"Defender for Endpoint Alerts API", defender::adapt_mde_alert,
     R"("id":"base","lastUpdateTime":"2020-01-01T00:00:00Z")", "entityType", ""},
    {"SIEM API", defender::adapt_siem_record, R"("AlertId":"base","LastProcessedTimeUtc":"2020-01-01T00:00:00Z")", "",
     ""},
}};

std::vector<std::string> split(std::string_view text, std::string_view separator) {
  std::vector<std::string> out;
  for (size_t at; (at = text.find(separator)) != std::string_view::npos; text.remove_prefix(at + separator.size()))
    out.emplace_back(text.substr(0, at));
  out.emplace_back(text);
  return out;
}

// The members of a JSON object, without braces, that put value at path (mapping.md's path syntax).
std::string members_for(const Api &api, const std::vector<std::string> &path, size_t i, const std::string &value) {
  if (i == path.size()) return value;
  std::string segment = path[i];
  const std::string inner = i + 1 == path.size() ? value : "{" + members_for(api, path, i + 1, value) + "}";
  if (segment.starts_with("evidence[")) {
    const std::string type = segment.substr(9, segment.size() - 10);
    return R"("evidence":[{")" + std::string(api.evidence_type_member) + R"(":")" +
           std::string(api.evidence_type_prefix) + type + "\"," + members_for(api, path, i + 1, value) + "}]";
  }
  if (segment.ends_with("[]")) {
    segment.resize(segment.size() - 2);
    return "\"" + segment + "\":[" + inner + "]";
  }
  return "\"" + segment + "\":" + inner;
}

// The alert an API reads from an object that has only the placing members and, before them (so that it wins
// where it names one of them), the given path set to value.
Alert read(const Api &api, const std::string &path, const std::string &value) {
  std::string json = "{";
  if (!path.empty()) json += members_for(api, split(path, "."), 0, value) + ",";
  json += std::string(api.placing_members) + "}";
  const auto alert = defender::test::adapt_json(api.adapt, json);
  REQUIRE_MESSAGE(alert.has_value(), json);
  return *alert;
}

void check_sources(const Api &api, Field field, const std::string &cell) {
  CAPTURE(api.column);
  CAPTURE(cell);
  if (cell == "—") return;
  if (cell == "the whole object") {
    CHECK(field == Field::json);
    return;
  }
  for (const std::string &source : split(cell, " else ")) {
    CAPTURE(source);
    if (source.starts_with('"')) {
      CHECK(field_text(read(api, "", ""), field) == source.substr(1, source.size() - 2));
      continue;
    }
    const Marker marker = marker_for(field);
    CHECK(field_text(read(api, code(source), marker.json), field) == marker.expected);
  }
}

const defender::CefKey *cef_key_for(Field field) {
  for (const auto &key : defender::cef_extension_keys)
    if (key.source == field) return &key;
  return nullptr;
}

const defender::LeefKey *leef_key_for(Field field) {
  for (const auto &key : defender::leef_attribute_keys)
    if (key.source == field) return &key;
  return nullptr;
}

// The fields the CEF formatter writes into the header rather than the extension.
const std::map<std::string, Field> cef_header_fields{
    {"header Name", Field::title},
    {"header Severity", Field::severity},
    {"header Device Event Class ID", Field::detector_id},
};

void check_cef(Field field, const std::string &cell) {
  CAPTURE(cell);
  const defender::CefKey *key = cef_key_for(field);
  if (cell == "—" || cell.starts_with("header ")) {
    CHECK(key == nullptr);
    if (cell != "—") CHECK(cef_header_fields.at(cell) == field);
    return;
  }
  REQUIRE(key != nullptr);
  const auto [name, rest] = code_span(cell);
  CHECK(name == key->key);
  if (key->label.empty()) {
    CHECK(rest.empty());
  } else {
    REQUIRE(rest.starts_with(" label "));
    CHECK(code(rest.substr(7)) == key->label);
  }
}

void check_leef(Field field, const std::string &cell) {
  CAPTURE(cell);
  const defender::LeefKey *key = leef_key_for(field);
  if (cell == "—") {
    CHECK(key == nullptr);
    return;
  }
  REQUIRE(key != nullptr);
  CHECK(code(cell) == key->key);
}

std::string lower_camel_case(std::string_view snake) {
  std::string out;
  bool upper = false;
  for (char c : snake) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

bool is_predefined_leef_key(std::string_view key) {
  for (std::string_view predefined : defender::leef_predefined_keys)
    if (predefined == key) return true;
  return false;
}

}  // namespace

TEST_CASE("mapping.md lists every field of an alert, in order, by its .defender. name") {
  const std::vector<Row> rows = fields_table();
  REQUIRE(rows.size() == defender::alert_fields().size());
  for (size_t i = 0; i < rows.size(); ++i)
    CHECK(rows[i].at("`.defender.` name") == "`" + name_of(defender::alert_fields()[i]) + "`");
}

TEST_CASE("mapping.md's CEF column is cef_mapping.h's table and the header") {
  const std::vector<Row> rows = fields_table();
  for (size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(rows[i].at("`.defender.` name"));
    check_cef(defender::alert_fields()[i], rows[i].at("CEF"));
  }
}

TEST_CASE("mapping.md's LEEF column is leef_mapping.h's table") {
  const std::vector<Row> rows = fields_table();
  for (size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(rows[i].at("`.defender.` name"));
    check_leef(defender::alert_fields()[i], rows[i].at("LEEF"));
  }
}

TEST_CASE("mapping.md's sources are what each API's adapter reads") {
  const std::vector<Row> rows = fields_table();
  for (size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(rows[i].at("`.defender.` name"));
    for (const Api &api : apis) check_sources(api, defender::alert_fields()[i], rows[i].at(std::string(api.column)));
  }
}

TEST_CASE("LEEF keys are predefined keys, the fixed externalId and lastUpdated, or the field's name in camelCase") {
  for (const defender::LeefKey &key : defender::leef_attribute_keys) {
    CAPTURE(key.key);
    const std::string camel = lower_camel_case(defender::field_name(static_cast<size_t>(key.source)));
    const bool fixed = (key.key == "externalId" && key.source == Field::id) ||
                       (key.key == "lastUpdated" && key.source == Field::updated);
    CHECK((fixed || is_predefined_leef_key(key.key) || key.key == camel));
    if (!fixed && key.key == camel && key.key != "url") CHECK_FALSE(is_predefined_leef_key(key.key));
  }
}

TEST_CASE("LEEF holds each value to the CEF limit of the same field, but externalId and usrName to 255 bytes") {
  for (const defender::LeefKey &key : defender::leef_attribute_keys) {
    CAPTURE(key.key);
    if (key.key == "externalId" || key.key == "usrName") {
      CHECK(key.limit == 255);
    } else if (key.source == Field::title) {
      CHECK(key.limit == defender::cef_name_limit);
    } else if (key.source == Field::detector_id) {
      CHECK(key.limit == defender::cef_event_class_id_limit);
    } else if (key.source == Field::severity) {
      CHECK(key.limit == defender::leef_uncut);
    } else {
      const defender::CefKey *cef = cef_key_for(key.source);
      REQUIRE(cef != nullptr);
      CHECK(key.limit == cef->limit);
    }
  }
}

TEST_CASE("mapping.md's Headers table gives the event id's and the name's choices as the formatters make them") {
  Alert a;
  a.detector_id = "detector";
  a.title = "title";
  a.category = "category";
  CHECK(defender::event_class_id_choices(a) == defender::HeaderChoices{"detector", "category", "alert"});
  CHECK(defender::event_name_choices(a) == defender::HeaderChoices{"title", "category", "Microsoft Defender alert"});
  CHECK(cef_header_cell("event id") ==
        choices_cell(Field::detector_id, Field::category, defender::fallback_event_class_id));
  CHECK(cef_header_cell("name") == choices_cell(Field::title, Field::category, defender::fallback_event_name));
}

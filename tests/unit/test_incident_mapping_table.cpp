// config/mapping.md's incident sections against the code: the Incident fields table must list every field of an
// incident in order (incident_fields()), with the CEF key and label of cef_incident_keys, the LEEF key of
// leef_incident_keys, and Graph sources that the incident adapter really reads (each source is fed to it alone,
// and must come back in the field); the Incident headers table must name what the formatters write.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "apis/incidents/incident_adapter.h"
#include "event_identity.h"
#include "mapping_doc.h"
#include "test_helpers.h"

using defender::Field;
using defender::Incident;
using namespace defender::test;

namespace {

constexpr std::string_view incident_placing_members = R"("id":"base","lastUpdateDateTime":"2020-01-01T00:00:00Z")";

// Graph evidence, and the expanded alerts, which the Graph alert adapter reads only with their own id and time.
constexpr JsonShape incident_shape{"@odata.type", "#microsoft.graph.security.", "alerts",
                                   R"("id":"alert","lastUpdateDateTime":"2020-01-01T00:00:00Z")"};

std::vector<Row> incident_fields_table() { return mapping_table("## Incident fields"); }

std::string header_cell(std::string_view name) { return mapping_cell("## Incident headers", name, "CEF"); }

std::string field_text(const Incident &incident, Field field) {
  return value_of(fields_of(incident), defender::field_name(static_cast<size_t>(field))).value_or("");
}

// The incident the adapter reads from an object that has, before its placing members (so that it wins where it
// names one of them), the given members.
Incident read(const std::string &members) {
  const std::string json = "{" + members + (members.empty() ? "" : ",") + std::string(incident_placing_members) + "}";
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  REQUIRE_MESSAGE(!doc.HasParseError(), json);
  const auto incident = defender::adapt_incident(doc);
  REQUIRE_MESSAGE(incident.has_value(), json);
  return *incident;
}

// A value for a field to be read from, as JSON, and how the field then reads.
struct Marker {
  std::string json;
  std::string expected;
};

Marker marker_for(Field field) {
  if (field == Field::severity) return {"\"High\"", "high"};
  const auto value = defender::field_value(Incident{}, field);
  if (std::holds_alternative<std::optional<defender::Instant>>(value))
    return {"\"2021-02-03T04:05:06.7Z\"", "2021-02-03T04:05:06.7000000Z"};
  if (std::holds_alternative<std::optional<int64_t>>(value)) return {"42", "42"};
  return {"\"marker-" + name_of(field) + "\"", "marker-" + name_of(field)};
}

// "the number of `name[]`": three items, each with a different id (and, for alerts, what places an alert).
void check_count(Field field, const std::string &cell) {
  const std::string path = code(cell.substr(std::string_view("the number of ").size()));
  REQUIRE(path.ends_with("[]"));
  const std::string array = path.substr(0, path.size() - 2);
  std::string items;
  for (int k = 0; k < 3; ++k) {
    items += std::string(k ? "," : "") + R"({"id":"item-)" + std::to_string(k) + "\"";
    if (array == incident_shape.placed_array) items += "," + std::string(incident_shape.item_placing_members);
    items += "}";
  }
  CHECK(field_text(read("\"" + array + "\":[" + items + "]"), field) == "3");
}

void check_sources(Field field, const std::string &cell) {
  CAPTURE(cell);
  if (cell == "the whole object") {
    CHECK(field == Field::json);
    return;
  }
  if (cell.starts_with("the number of ")) {
    check_count(field, cell);
    return;
  }
  for (const std::string &source : split(cell, " else ")) {
    CAPTURE(source);
    const Marker marker = marker_for(field);
    CHECK(field_text(read(members_for(incident_shape, split(code(source), "."), 0, marker.json)), field) ==
          marker.expected);
  }
}

// The fields the CEF formatter writes into the header rather than the extension.
const std::map<std::string, Field> cef_header_fields{
    {"header Name", Field::display_name},
    {"header Severity", Field::severity},
};

}  // namespace

TEST_CASE("mapping.md lists every field of an incident, in order, by its .defender. name") {
  const std::vector<Row> rows = incident_fields_table();
  REQUIRE(rows.size() == defender::incident_fields().size());
  for (size_t i = 0; i < rows.size(); ++i)
    CHECK(rows[i].at("`.defender.` name") == "`" + name_of(defender::incident_fields()[i]) + "`");
}

TEST_CASE("mapping.md's incident CEF column is cef_incident_keys and the header") {
  const std::vector<Row> rows = incident_fields_table();
  for (size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(rows[i].at("`.defender.` name"));
    check_cef_cell(defender::cef_incident_keys, cef_header_fields, defender::incident_fields()[i], rows[i].at("CEF"));
  }
}

TEST_CASE("mapping.md's incident LEEF column is leef_incident_keys") {
  const std::vector<Row> rows = incident_fields_table();
  for (size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(rows[i].at("`.defender.` name"));
    check_leef_cell(defender::leef_incident_keys, defender::incident_fields()[i], rows[i].at("LEEF"));
  }
}

TEST_CASE("mapping.md's Graph incident sources are what the incident adapter reads") {
  const std::vector<Row> rows = incident_fields_table();
  for (size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(rows[i].at("`.defender.` name"));
    check_sources(defender::incident_fields()[i], rows[i].at("Graph incidents"));
  }
}

TEST_CASE("an incident's LEEF keys are an alert's key for the same field, or the field's name in camelCase") {
  for (const defender::LeefKey &key : defender::leef_incident_keys) {
    CAPTURE(key.key);
    const defender::LeefKey *alert_key = key_for(defender::leef_attribute_keys, key.source);
    if (key.source == Field::display_name) {
      CHECK(key.key == key_for(defender::leef_attribute_keys, Field::title)->key);
    } else if (alert_key) {
      CHECK(key.key == alert_key->key);
    } else {
      CHECK(key.key == lower_camel_case(defender::field_name(static_cast<size_t>(key.source))));
      CHECK_FALSE(is_predefined_leef_key(key.key));
    }
  }
}

TEST_CASE("mapping.md's Incident headers table names the product, event id and name the formatters write") {
  Incident incident;
  incident.display_name = "display";
  CHECK(header_cell("product") == defender::product_of(incident));
  CHECK(defender::event_class_id_choices(incident) == defender::HeaderChoices{"incident", "incident", "incident"});
  CHECK(header_cell("event id") == "`" + std::string(defender::incident_event_class_id) + "`");
  CHECK(defender::event_name_choices(incident) ==
        defender::HeaderChoices{"display", "Microsoft Defender incident", "Microsoft Defender incident"});
  CHECK(header_cell("name") ==
        "`" + name_of(Field::display_name) + "`, else `" + std::string(defender::fallback_incident_name) + "`");
}

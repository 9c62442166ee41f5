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
#include "event_identity.h"
#include "mapping_doc.h"
#include "test_helpers.h"

using defender::Alert;
using defender::Field;
using namespace defender::test;

namespace {

std::vector<Row> fields_table() { return mapping_table("## Fields"); }

std::string cef_header_cell(std::string_view name) { return mapping_cell("## Headers", name, "CEF"); }

// How mapping.md writes a list of choices: `a`, else `b`, else `c`, from the fields' names and the constant.
std::string choices_cell(Field first, Field second, std::string_view constant) {
  const auto name = [](Field f) { return std::string(defender::field_name(static_cast<size_t>(f))); };
  return "`" + name(first) + "`, else `" + name(second) + "`, else `" + std::string(constant) + "`";
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
  JsonShape shape;
};

constexpr std::array<Api, 3> apis{{
    {"Graph alerts_v2",
     defender::adapt_graph_alert,
     R"("id":"base","lastUpdateDateTime":"2020-01-01T00:00:00Z")",
     {"@odata.type", "#microsoft.graph.security."}},
    {"Defender for Endpoint Alerts API",
     defender::adapt_mde_alert,
     R"("id":"base","lastUpdateTime":"2020-01-01T00:00:00Z")",
     {"entityType", ""}},
    {"SIEM API",
     defender::adapt_siem_record,
     R"("AlertId":"base","LastProcessedTimeUtc":"2020-01-01T00:00:00Z")",
     {"", ""}},
}};

// The alert an API reads from an object that has only the placing members and, before them (so that it wins
// where it names one of them), the given path set to value.
Alert read(const Api &api, const std::string &path, const std::string &value) {
  std::string json = "{";
  if (!path.empty()) json += members_for(api.shape, split(path, "."), 0, value) + ",";
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

// The fields the CEF formatter writes into the header rather than the extension.
const std::map<std::string, Field> cef_header_fields{
    {"header Name", Field::title},
    {"header Severity", Field::severity},
    {"header Device Event Class ID", Field::detector_id},
};

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
    check_cef_cell(defender::cef_extension_keys, cef_header_fields, defender::alert_fields()[i], rows[i].at("CEF"));
  }
}

TEST_CASE("mapping.md's LEEF column is leef_mapping.h's table") {
  const std::vector<Row> rows = fields_table();
  for (size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(rows[i].at("`.defender.` name"));
    check_leef_cell(defender::leef_attribute_keys, defender::alert_fields()[i], rows[i].at("LEEF"));
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
      const defender::CefKey *cef = key_for(defender::cef_extension_keys, key.source);
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

// Golden outputs per schema and per format: tests/unit/data/<schema>/<case>.json is one alert as the API returns
// it (incidents/<case>.json: one Graph security incident); it formats to <case>.cef, <case>.leef, <case>.leef2
// (delimiter '^') and <case>.jsonl, whose @DEFENDER_VERSION@ stands for the module version. Every output also
// re-parses, with the tests' parsers, to exactly the mapped values (expected_records.h), and the JSON output to the
// same JSON value as the input.
//
// Stream records: tests/unit/data/stream/<case>.json is one Event Hubs body, mostly of one Advanced Hunting table
// (a realistic row, a hostile one, one with only its table and time); <case>.ocsf has one OCSF event per record.
// DEFENDER_WRITE_GOLDENS=1 build/bin/unit-tests -tc='*golden lines*' writes the alerts' and the stream records'
// goldens anew from the formatters, to be read through (git diff) before they are committed.
#include <doctest/doctest.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <string>

#include "apis/graph/graph_adapter.h"
#include "apis/incidents/incident_adapter.h"
#include "apis/mde/mde_adapter.h"
#include "apis/page_scanner.h"
#include "apis/siem/siem_adapter.h"
#include "expected_records.h"
#include "format.h"
#include "json_value.h"
#include "stream/envelope_reader.h"
#include "test_files.h"
#include "test_helpers.h"
#include "text_rules.h"

using defender::Alert;
using defender::Format;
using defender::Incident;

namespace {

struct Schema {
  std::string_view name;
  defender::test::Adapter adapt;
  const char *description;  // the member that holds the description
};

constexpr std::array<Schema, 3> schemas{{
    {"graph", defender::adapt_graph_alert, "description"},
    {"alerts", defender::adapt_mde_alert, "description"},
    {"siem", defender::adapt_siem_record, "Description"},
}};

// example: the API's documented alert; hostile: delimiters, escapes, controls and forged records in every field;
// international: Swedish, CJK and emoji; nulls: every member null; empty: what feeds the headers and more empty,
// missing or white space only.
constexpr std::array<std::string_view, 5> cases{"example", "hostile", "international", "nulls", "empty"};

// full: every field, three comments, tags, three expanded alerts, merged into another; sparse: only what places a
// version; merged: as Graph serves an incident after a merge (status redirected, nothing expanded); hostile:
// delimiters, escapes, controls, invalid UTF-8 and forged keys and records in the display name, comments, tags,
// assignee and expanded alerts.
constexpr std::string_view incident_schema = "incidents";
constexpr std::array<std::string_view, 4> incident_cases{"full", "sparse", "merged", "hostile"};

// Each mapped table; CloudAppEvents, a table without a class (the base event); unparsed, records that cannot be read.
constexpr std::string_view stream_schema = "stream";
constexpr std::array<std::string_view, 13> stream_cases{"DeviceProcessEvents",
                                                        "DeviceFileEvents",
                                                        "DeviceNetworkEvents",
                                                        "DeviceLogonEvents",
                                                        "IdentityLogonEvents",
                                                        "DeviceRegistryEvents",
                                                        "DeviceImageLoadEvents",
                                                        "EmailEvents",
                                                        "DeviceInfo",
                                                        "AlertInfo",
                                                        "AlertEvidence",
                                                        "CloudAppEvents",
                                                        "unparsed"};

struct Output {
  Format format;
  std::string_view extension;
};

constexpr std::array<Output, 5> outputs{{
    {Format::cef, "cef"},
    {Format::leef, "leef"},
    {Format::leef2, "leef2"},
    {Format::json, "jsonl"},
    {Format::ocsf, "ocsf"},
}};

std::string case_path(std::string_view schema, std::string_view file) {
  return defender::test::data_path(std::string(schema) + "/" + std::string(file));
}

// As the poller does it: the adapter reads the parsed object, raw_json keeps the text compacted.
Alert adapted(const Schema &schema, const std::string &json) {
  auto alert = defender::test::adapt_json(schema.adapt, json);
  REQUIRE(alert);
  defender::one_line_json(json, alert->raw_json);
  return *alert;
}

Incident adapted_incident(const std::string &json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  REQUIRE_FALSE(doc.HasParseError());
  auto incident = defender::adapt_incident(doc);
  REQUIRE(incident);
  defender::one_line_json(json, incident->raw_json);
  return *incident;
}

std::string formatted(const Alert &alert, Format format) {
  std::string out;
  defender::format_alert(alert, {format, '^'}, out);
  return out;
}

std::string formatted(const Incident &incident, Format format) {
  std::string out;
  defender::format_incident(incident, {format, '^'}, out);
  return out;
}

// The golden line, without its newline, with the module version filled in.
std::string golden(std::string_view schema, std::string_view name, std::string_view extension) {
  std::string line = defender::test::read_file(case_path(schema, std::string(name) + "." + std::string(extension)));
  REQUIRE_MESSAGE(line.ends_with('\n'), schema, "/", name, ".", extension);
  line.pop_back();
  const std::string placeholder = "@DEFENDER_VERSION@";
  if (const size_t at = line.find(placeholder); at != std::string::npos)
    line.replace(at, placeholder.size(), DEFENDER_VERSION);
  return line;
}

// DEFENDER_WRITE_GOLDENS set: the golden tests write what the formatters produce instead of reading it.
bool writing_goldens() { return std::getenv("DEFENDER_WRITE_GOLDENS") != nullptr; }

// The line with the module version as golden() reads it back: its first occurrence as @DEFENDER_VERSION@.
void write_golden(std::string_view schema, std::string_view name, std::string_view extension, std::string line) {
  if (const size_t at = line.find(DEFENDER_VERSION); at != std::string::npos)
    line.replace(at, std::string_view(DEFENDER_VERSION).size(), "@DEFENDER_VERSION@");
  std::ofstream(case_path(schema, std::string(name) + "." + std::string(extension)), std::ios::binary) << line << '\n';
}

// One OCSF line per record of the body, the module version as @DEFENDER_VERSION@.
std::string stream_ocsf_lines(const std::string &body) {
  std::string lines;
  for (const defender::StreamRecord &record : defender::read_stream_body(body).records) {
    std::string line;
    defender::format_stream_record(record, {Format::ocsf, '^'}, line);
    const std::string provider = "syslog-ng-mod-defender " DEFENDER_VERSION;
    if (const size_t at = line.find(provider); at != std::string::npos)
      line.replace(at, provider.size(), "syslog-ng-mod-defender @DEFENDER_VERSION@");
    lines += line + "\n";
  }
  return lines;
}

// Some text other than spaces.
bool has_text(std::string_view field) { return field.find_first_not_of(' ') != std::string_view::npos; }

// Parsed as a strict reader does: UTF-8 validated, one value and nothing after it.
bool strict_json(std::string_view line) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(line.data(), line.size());
  return !doc.HasParseError();
}

// The documented example with a 64 KiB description of Swedish, CJK, emoji, delimiters, escapes and line breaks.
std::string with_long_description(const Schema &schema) {
  rapidjson::Document doc;
  const std::string example = defender::test::read_file(case_path(schema.name, "example.json"));
  doc.Parse(example.data(), example.size());
  std::string text;
  while (text.size() < 64 * 1024) text += "Långt 東京 🔥 | ^ = \\ \t\r\n";
  doc[schema.description].SetString(text.data(), static_cast<rapidjson::SizeType>(text.size()), doc.GetAllocator());
  return defender::test::json_text(doc);
}

// Each output of an alert or an incident re-parses to exactly what the mapping says, and is one line of valid UTF-8;
// JSON to the value the API sent, where that was valid UTF-8 (else to it with U+FFFD).
template <class Item>
void check_reparses(const Item &item, std::string_view input) {
  const auto cef = defender::test::parse_cef(formatted(item, Format::cef));
  REQUIRE_MESSAGE(cef.record, cef.error);
  CHECK(*cef.record == defender::test::expected_cef(item));
  const auto leef = defender::test::parse_leef(formatted(item, Format::leef));
  REQUIRE_MESSAGE(leef.record, leef.error);
  CHECK(*leef.record == defender::test::expected_leef1(item));
  const auto leef2 = defender::test::parse_leef(formatted(item, Format::leef2));
  REQUIRE_MESSAGE(leef2.record, leef2.error);
  CHECK(*leef2.record == defender::test::expected_leef2(item, '^'));
  const std::string json = formatted(item, Format::json);
  CHECK(json.find_first_of(std::string("\r\n\0", 3)) == std::string::npos);
  CHECK_FALSE(defender::test::first_invalid_utf8(json));
  CHECK(defender::test::same_json_value(json, item.raw_json));
  if (!defender::test::first_invalid_utf8(input)) CHECK(defender::test::same_json_value(json, input));
}

}  // namespace

TEST_CASE("every schema's documented and hostile alerts format to their golden lines") {
  for (const Schema &schema : schemas)
    for (std::string_view name : cases) {
      const std::string input = defender::test::read_file(case_path(schema.name, std::string(name) + ".json"));
      const Alert alert = adapted(schema, input);
      for (const Output &output : outputs) {
        CAPTURE(schema.name);
        CAPTURE(name);
        CAPTURE(output.extension);
        if (writing_goldens()) write_golden(schema.name, name, output.extension, formatted(alert, output.format));
        CHECK(formatted(alert, output.format) == golden(schema.name, name, output.extension));
      }
    }
}

TEST_CASE("every schema's golden cases re-parse to exactly the mapped values") {
  for (const Schema &schema : schemas)
    for (std::string_view name : cases) {
      CAPTURE(schema.name);
      CAPTURE(name);
      const std::string input = defender::test::read_file(case_path(schema.name, std::string(name) + ".json"));
      check_reparses(adapted(schema, input), input);
    }
}

TEST_CASE("a 64 KiB description is cut on a character boundary to its limit, and JSON keeps it whole") {
  for (const Schema &schema : schemas) {
    CAPTURE(schema.name);
    const std::string input = with_long_description(schema);
    const Alert alert = adapted(schema, input);
    for (const Output &output : outputs) {
      if (output.format == Format::json || output.format == Format::ocsf) continue;  // neither cuts text
      CAPTURE(output.extension);
      CHECK(formatted(alert, output.format) == golden(schema.name, "long", output.extension));
    }
    CHECK(formatted(alert, Format::json) == alert.raw_json);
    check_reparses(alert, input);
  }
}

TEST_CASE("every CEF golden re-parses with text in every header field the standard requires") {
  for (const Schema &schema : schemas)
    for (std::string_view name : {"example", "hostile", "international", "nulls", "empty", "long"}) {
      CAPTURE(schema.name);
      CAPTURE(name);
      const auto parsed = defender::test::parse_cef(golden(schema.name, name, "cef"));
      REQUIRE_MESSAGE(parsed.record, parsed.error);
      const defender::test::CefRecord &r = *parsed.record;
      for (const std::string &field : {r.vendor, r.product, r.device_version, r.signature_id, r.name, r.severity})
        CHECK(has_text(field));
    }
}

TEST_CASE("every LEEF 1.0 and 2.0 golden re-parses with text in every header field the guide requires") {
  for (const Schema &schema : schemas)
    for (std::string_view name : {"example", "hostile", "international", "nulls", "empty", "long"})
      for (std::string_view extension : {"leef", "leef2"}) {
        CAPTURE(schema.name);
        CAPTURE(name);
        CAPTURE(extension);
        const auto parsed = defender::test::parse_leef(golden(schema.name, name, extension));
        REQUIRE_MESSAGE(parsed.record, parsed.error);
        const defender::test::LeefRecord &r = *parsed.record;
        for (const std::string &field : {r.vendor, r.product, r.product_version, r.event_id}) CHECK(has_text(field));
      }
}

TEST_CASE("every JSON golden is one line that a strict parser, validating UTF-8, accepts") {
  for (const Schema &schema : schemas)
    for (std::string_view name : cases) {
      CAPTURE(schema.name);
      CAPTURE(name);
      const std::string line = golden(schema.name, name, "jsonl");
      CHECK(line.find_first_of(std::string("\r\n\0", 3)) == std::string::npos);
      CHECK(strict_json(line));
    }
}

TEST_CASE("every golden incident formats to its golden lines") {
  for (std::string_view name : incident_cases) {
    const Incident incident =
        adapted_incident(defender::test::read_file(case_path(incident_schema, std::string(name) + ".json")));
    for (const Output &output : outputs) {
      CAPTURE(name);
      CAPTURE(output.extension);
      CHECK(formatted(incident, output.format) == golden(incident_schema, name, output.extension));
    }
  }
}

TEST_CASE("every golden incident re-parses to exactly the mapped values") {
  for (std::string_view name : incident_cases) {
    CAPTURE(name);
    const std::string input = defender::test::read_file(case_path(incident_schema, std::string(name) + ".json"));
    check_reparses(adapted_incident(input), input);
  }
}

TEST_CASE("every incident CEF and LEEF golden re-parses with the incident's product and event id in its header") {
  for (std::string_view name : incident_cases) {
    CAPTURE(name);
    const auto cef = defender::test::parse_cef(golden(incident_schema, name, "cef"));
    REQUIRE_MESSAGE(cef.record, cef.error);
    CHECK(cef.record->product == "Microsoft Defender XDR");
    CHECK(cef.record->signature_id == "incident");
    CHECK(has_text(cef.record->name));
    for (std::string_view extension : {"leef", "leef2"}) {
      CAPTURE(extension);
      const auto leef = defender::test::parse_leef(golden(incident_schema, name, extension));
      REQUIRE_MESSAGE(leef.record, leef.error);
      CHECK(leef.record->product == "Microsoft Defender XDR");
      CHECK(leef.record->event_id == "incident");
    }
  }
}

TEST_CASE("every incident JSON golden is one line that a strict parser, validating UTF-8, accepts") {
  for (std::string_view name : incident_cases) {
    CAPTURE(name);
    const std::string line = golden(incident_schema, name, "jsonl");
    CHECK(line.find_first_of(std::string("\r\n\0", 3)) == std::string::npos);
    CHECK(strict_json(line));
  }
}

TEST_CASE("every table's stream records format to their OCSF golden lines") {
  for (std::string_view name : stream_cases) {
    CAPTURE(name);
    const std::string lines =
        stream_ocsf_lines(defender::test::read_file(case_path(stream_schema, std::string(name) + ".json")));
    const std::string golden_path = case_path(stream_schema, std::string(name) + ".ocsf");
    if (writing_goldens()) std::ofstream(golden_path, std::ios::binary) << lines;
    CHECK(lines == defender::test::read_file(golden_path));
  }
}

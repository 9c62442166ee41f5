// libFuzzer target: bytes as an API's alert or incident JSON -> each adapter (the incident adapter too) -> every
// format, and the same bytes as a whole page -> the page scanner -> the bounded parser and each adapter (AlertReader,
// as the poller reads a page) -> every format, with the caps on nesting, values and a page's alerts on
// (bounded_json.h, page_scanner.h). For every alert or incident an adapter accepts, each format must write one line (no
// CR, LF or NUL, valid UTF-8) that the tests' parsers, written from the standards, read back to exactly the mapped
// values (expected_records.h), the JSON format must read back to the same JSON value as the item's raw JSON, and the
// OCSF format must be one JSON value. Every alert a page keeps is either delivered or counted as unreadable, and it
// keeps no more than the cap.
// The same bytes as a Streaming API body, and as one record inside a body, go through the envelope reader
// (envelope_reader.h) to every format: each record, unparsed ones included, is one line that the parsers read back
// without a repeated key, its JSON is its record's, and no more records are kept than the cap allows.
#include <rapidjson/document.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "apis/alert_reader.h"
#include "apis/graph/graph_adapter.h"
#include "apis/incidents/incident_adapter.h"
#include "apis/mde/mde_adapter.h"
#include "apis/page_scanner.h"
#include "apis/siem/siem_adapter.h"
#include "expected_records.h"
#include "format.h"
#include "json/bounded_json.h"
#include "json_value.h"
#include "stream/envelope_reader.h"
#include "stream_fields.h"
#include "stream_layout.h"
#include "text_rules.h"

namespace {

using defender::Alert;
using defender::Format;
using defender::Incident;
using defender::Record;

constexpr std::array alert_adapters{defender::adapt_graph_alert, defender::adapt_mde_alert,
                                    defender::adapt_siem_record};

std::optional<Record> adapt_incident_record(const rapidjson::Value &object) { return defender::adapt_incident(object); }

const std::array<defender::AdaptAlert, 4> page_adapters{defender::adapt_graph_alert, defender::adapt_mde_alert,
                                                        defender::adapt_siem_record, adapt_incident_record};

// Few enough that inputs reach the page scanner's cap.
constexpr size_t max_page_items = 16;

// LEEF 2.0 delimiters to try, one per input, chosen by its size: the default, TAB, a control, punctuation.
constexpr std::array<char, 6> delimiters{'^', '\t', '\x01', '#', '~', '\x7f'};

[[noreturn]] void fail(std::string_view what, std::string_view line) {
  std::fprintf(stderr, "%.*s\n%.*s\n", static_cast<int>(what.size()), what.data(), static_cast<int>(line.size()),
               line.data());
  std::abort();
}

void check_one_line(std::string_view line) {
  if (line.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) fail("raw CR, LF or NUL", line);
  if (defender::test::first_invalid_utf8(line)) fail("invalid UTF-8", line);
}

void format_into(const Alert &alert, const defender::FormatOptions &options, std::string &out) {
  defender::format_alert(alert, options, out);
}

void format_into(const Incident &incident, const defender::FormatOptions &options, std::string &out) {
  defender::format_incident(incident, options, out);
}

template <class Item>
std::string formatted(const Item &item, Format format, char delimiter) {
  std::string out;
  format_into(item, {format, delimiter}, out);
  check_one_line(out);
  return out;
}

template <class Item>
void check_cef(const Item &item) {
  const std::string line = formatted(item, Format::cef, '^');
  const auto parsed = defender::test::parse_cef(line);
  if (!parsed.record) fail("CEF does not parse: " + parsed.error, line);
  if (!(*parsed.record == defender::test::expected_cef(item))) fail("CEF is not the mapped values", line);
}

template <class Item>
void check_leef(const Item &item, Format format, char delimiter) {
  const std::string line = formatted(item, format, delimiter);
  const auto parsed = defender::test::parse_leef(line);
  if (!parsed.record) fail("LEEF does not parse: " + parsed.error, line);
  const auto expected =
      format == Format::leef ? defender::test::expected_leef1(item) : defender::test::expected_leef2(item, delimiter);
  if (!(*parsed.record == expected)) fail("LEEF is not the mapped values", line);
}

// Raw JSON that is one JSON value must come back as that value. (RapidJSON takes a NUL as the end of its input, so
// raw JSON with one has no value to compare.)
template <class Item>
void check_json(const Item &item) {
  const std::string line = formatted(item, Format::json, '^');
  const bool one_value =
      item.raw_json.find('\0') == std::string::npos && defender::test::same_json_value(item.raw_json, item.raw_json);
  if (one_value && !defender::test::same_json_value(line, item.raw_json)) fail("JSON is not the item's JSON", line);
}

// The schema's rules are the OCSF checker's (tests/fuzz/check_ocsf_corpus.py runs it over the corpus); here, that
// the event is one JSON value at all.
template <class Item>
void check_ocsf(const Item &item) {
  const std::string line = formatted(item, Format::ocsf, '^');
  if (!defender::test::same_json_value(line, line)) fail("OCSF is not one JSON value", line);
}

template <class Item>
void check_formats(const Item &item, size_t size) {
  check_cef(item);
  check_leef(item, Format::leef, '\t');
  check_leef(item, Format::leef2, delimiters[size % delimiters.size()]);
  check_json(item);
  check_ocsf(item);
}

void check_alert(std::string_view input) {
  rapidjson::Document doc;
  if (!defender::parse_bounded(doc, input, defender::alert_json_caps).empty()) return;
  for (const auto adapt : alert_adapters) {
    auto alert = adapt(doc);
    if (!alert) continue;
    defender::one_line_json(input, alert->raw_json);
    check_formats(*alert, input.size());
  }
  if (auto incident = defender::adapt_incident(doc)) {
    defender::one_line_json(input, incident->raw_json);
    check_formats(*incident, input.size());
  }
}

// Each adapter gets a fresh copy of the page: reading parses it in place.
void check_page(std::string_view input) {
  static defender::AlertReader reader;
  for (const auto &adapt : page_adapters) {
    std::string body(input);
    const defender::ScannedPage page = defender::scan_page(body, max_page_items);
    if (page.items.size() > max_page_items) fail("more alerts kept than the cap", input);
    size_t delivered = 0;
    const auto unreadable =
        reader.read(page, body, adapt, [&](defender::Record &&record) -> std::optional<std::string> {
          std::visit([&](const auto &item) { check_formats(item, input.size()); }, record);
          ++delivered;
          return std::nullopt;
        });
    if (delivered + unreadable.count != page.items.size()) fail("an item was neither delivered nor counted", input);
    if ((unreadable.count == 0) != unreadable.first_problem.empty()) fail("unreadable alerts without a reason", input);
  }
}

// Also with the record's layout, which must not change a byte.
std::string formatted(const defender::StreamRecord &record, Format format, char delimiter,
                      const defender::StreamLayout *layout) {
  std::string out;
  defender::format_stream_record(record, {format, delimiter}, out);
  check_one_line(out);
  std::string laid_out;
  defender::format_stream_record(record, {format, delimiter}, laid_out, layout);
  if (laid_out != out) fail("the line differs with the record's layout: " + laid_out, out);
  return out;
}

// The record's name-value pairs, which its layout must not change either.
void check_stream_fields(const defender::StreamRecord &record, const defender::StreamLayout *layout) {
  std::string fields, laid_out;
  const auto into = [](std::string &out) {
    return [target = &out](std::string_view name, std::string_view value, size_t) {
      target->append(name).append(1, '\0').append(value).append(1, '\0');
    };
  };
  defender::visit_stream_fields(record, into(fields));
  defender::visit_stream_fields(record, into(laid_out), layout);
  if (laid_out != fields) fail("the fields differ with the record's layout", record.raw_json);
}

// `layouts` are the body's: a record may get a layout an earlier record of the body made.
void check_stream_record(const defender::StreamRecord &record, size_t size, defender::StreamLayouts &layouts) {
  const defender::StreamLayout *layout = layouts.find(record);
  check_stream_fields(record, layout);
  const auto line = [&](Format format, char delimiter) { return formatted(record, format, delimiter, layout); };
  const std::string cef = line(Format::cef, '^');
  if (const auto parsed = defender::test::parse_cef(cef); !parsed.record)
    fail("CEF does not parse: " + parsed.error, cef);
  for (const auto &[format, delimiter] :
       {std::pair{Format::leef, '\t'}, std::pair{Format::leef2, delimiters[size % delimiters.size()]}}) {
    const std::string leef = line(format, delimiter);
    if (const auto parsed = defender::test::parse_leef(leef); !parsed.record)
      fail("LEEF does not parse: " + parsed.error, leef);
  }
  const std::string ocsf = line(Format::ocsf, '^');
  if (!defender::test::same_json_value(ocsf, ocsf)) fail("OCSF is not one JSON value", ocsf);
  const std::string json = line(Format::json, '^');
  if (defender::is_unparsed(record)) {
    if (!defender::test::same_json_value(json, json)) fail("an unparsed record's JSON is not JSON", json);
    if (record.unparsed_text.size() > defender::max_unparsed_text) fail("unparsed text over its bound", json);
  } else if (!defender::test::same_json_value(json, record.raw_json)) {
    fail("JSON is not the record's JSON", json);
  }
}

void check_stream(const std::string &body) {
  const defender::StreamBody read = defender::read_stream_body(body);
  // The cap's worth of records, one record telling those not read, one telling where the body broke.
  if (read.records.size() > defender::max_records_per_body + 2) fail("more records kept than the cap", body);
  size_t unparsed = 0;
  defender::StreamLayouts layouts;
  for (const defender::StreamRecord &record : read.records) {
    unparsed += defender::is_unparsed(record) ? 1 : 0;
    check_stream_record(record, body.size(), layouts);
  }
  if (unparsed != read.unparsed) fail("unparsed records miscounted", body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string_view input(reinterpret_cast<const char *>(data), size);
  check_alert(input);
  check_page(input);
  check_stream(std::string(input));
  check_stream(R"({"records":[)" + std::string(input) + "]}");
  return 0;
}

// ocsf-lines: the module's own reading and formatting of JSON inputs, for the tests' OCSF checker to judge. Each file
// named is read as the source reads it: an alert or incident object as a one-item page through the page scanner and
// AlertReader with the adapter of the API named, or a Streaming API body through the envelope reader. Prints one line
// per event: the file's index among the arguments, the API that read it, and the OCSF event, separated by tabs (the
// event, compact JSON, holds no raw tab). "any" reads each file with every alert adapter, the incident adapter and as
// a stream body, as the fuzz target does.
//
//   ocsf-lines graph|alerts|siem|incidents|stream|any FILE...
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "apis/alert_reader.h"
#include "apis/graph/graph_adapter.h"
#include "apis/incidents/incident_adapter.h"
#include "apis/mde/mde_adapter.h"
#include "apis/page_scanner.h"
#include "apis/siem/siem_adapter.h"
#include "format.h"
#include "stream/envelope_reader.h"

namespace {

using defender::Format;

std::optional<defender::Record> graph(const rapidjson::Value &object) { return defender::adapt_graph_alert(object); }
std::optional<defender::Record> alerts(const rapidjson::Value &object) { return defender::adapt_mde_alert(object); }
std::optional<defender::Record> siem(const rapidjson::Value &object) { return defender::adapt_siem_record(object); }
std::optional<defender::Record> incidents(const rapidjson::Value &object) { return defender::adapt_incident(object); }

const std::vector<std::pair<std::string_view, defender::AdaptAlert>> &item_readers() {
  static const std::vector<std::pair<std::string_view, defender::AdaptAlert>> readers{
      {"graph", graph}, {"alerts", alerts}, {"siem", siem}, {"incidents", incidents}};
  return readers;
}

void print(size_t index, std::string_view api, const std::string &event) {
  std::cout << index << '\t' << api << '\t' << event << '\n';
}

// As a page of one: the SIEM API's answer is a bare array, the others' the OData envelope.
void read_as_item(size_t index, std::string_view api, const defender::AdaptAlert &adapt, std::string_view text) {
  static defender::AlertReader reader;
  std::string body = api == "siem" ? "[" + std::string(text) + "]" : "{\"value\":[" + std::string(text) + "]}";
  const defender::ScannedPage page = defender::scan_page(body, 1);
  std::string line;
  reader.read(page, body, adapt, [&](defender::Record &&record) -> std::optional<std::string> {
    std::visit(
        [&](const auto &item) {
          if constexpr (std::is_same_v<std::decay_t<decltype(item)>, defender::Alert>)
            defender::format_alert(item, {Format::ocsf, '^'}, line);
          else
            defender::format_incident(item, {Format::ocsf, '^'}, line);
        },
        record);
    print(index, api, line);
    return std::nullopt;
  });
}

void read_as_stream(size_t index, const std::string &text) {
  std::string line;
  for (const defender::StreamRecord &record : defender::read_stream_body(text).records) {
    defender::format_stream_record(record, {Format::ocsf, '^'}, line);
    print(index, "stream", line);
  }
}

}  // namespace

int main(int argc, char **argv) {
  const std::string_view api = argc > 1 ? argv[1] : "";
  const bool any = api == "any";
  if (argc < 3 ||
      !(any || api == "stream" || api == "graph" || api == "alerts" || api == "siem" || api == "incidents")) {
    std::fputs("usage: ocsf-lines graph|alerts|siem|incidents|stream|any FILE...\n", stderr);
    return 2;
  }
  std::ios::sync_with_stdio(false);
  for (int i = 2; i < argc; ++i) {
    std::ifstream file(argv[i], std::ios::binary);
    if (!file) {
      std::fprintf(stderr, "ocsf-lines: cannot read %s\n", argv[i]);
      return 1;
    }
    const std::string text{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    const size_t index = static_cast<size_t>(i - 2);
    for (const auto &[name, adapt] : item_readers())
      if (any || api == name) read_as_item(index, name, adapt, text);
    if (any || api == "stream") read_as_stream(index, text);
  }
  return 0;
}

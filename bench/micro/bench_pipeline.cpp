// What one alert costs between the page body and the syslog-ng message, per API and per format: scan the page, then
// as the poller does (alert_reader.h) keep the alert's text, parse it in place within the caps, adapt it to
// the Alert; format it, list its name-value pairs.
// The baseline in the same run: a bare RapidJSON parse of the same page, the least any JSON consumer pays.
#include <benchmark/benchmark.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>

#include "apis/alert_reader.h"
#include "apis/graph/graph_adapter.h"
#include "apis/mde/mde_adapter.h"
#include "apis/page_scanner.h"
#include "apis/siem/siem_adapter.h"
#include "fields.h"
#include "format.h"

namespace {

using defender::Alert;
using defender::Format;

constexpr int alerts_per_page = 100;

std::string read(const std::string &path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A page of the API's documented example alert, each with its own id, compacted as the services send it.
std::string page_of(const char *schema, const char *id_key) {
  rapidjson::Document example;
  example.Parse(read(std::string(DEFENDER_TEST_DATA) + "/" + schema + "/example.json").c_str());
  std::string page = std::string(schema) == "siem" ? "[" : "{\"value\":[";
  for (int i = 0; i < alerts_per_page; ++i) {
    rapidjson::Document alert;
    alert.CopyFrom(example, alert.GetAllocator());
    const std::string id = "bench-" + std::to_string(i);
    alert[id_key].SetString(id.c_str(), static_cast<rapidjson::SizeType>(id.size()), alert.GetAllocator());
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    alert.Accept(writer);
    if (i > 0) page += ",";
    page += buffer.GetString();
  }
  return page + (std::string(schema) == "siem" ? "]" : "]}");
}

using Adapter = std::optional<Alert> (*)(const rapidjson::Value &);

struct Api {
  const char *schema;
  const char *id_key;
  Adapter adapt;
};

const Api graph{"graph", "id", defender::adapt_graph_alert};
const Api alerts{"alerts", "id", defender::adapt_mde_alert};
const Api siem{"siem", "AlertId", defender::adapt_siem_record};

void pipeline(benchmark::State &state, const Api &api, Format format) {
  const std::string page = page_of(api.schema, api.id_key);
  std::string body, line;
  defender::FormatOptions options;
  options.format = format;
  size_t fields = 0;
  defender::AlertReader reader;
  for (auto _ : state) {
    body = page;  // the poller owns its response buffer and parses in it
    const defender::ScannedPage scanned = defender::scan_page(body, alerts_per_page);
    reader.read(scanned, body, api.adapt, [&](defender::Record &&record) -> std::optional<std::string> {
      defender::format_record(record, options, line);
      defender::visit_fields(record, [&](size_t, std::string_view value) { fields += value.size(); });
      benchmark::DoNotOptimize(line.data());
      return std::nullopt;
    });
  }
  benchmark::DoNotOptimize(fields);
  state.SetItemsProcessed(state.iterations() * alerts_per_page);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(page.size()));
}

void bare_parse(benchmark::State &state, const Api &api) {
  const std::string page = page_of(api.schema, api.id_key);
  for (auto _ : state) {
    rapidjson::Document document;
    document.Parse(page.data(), page.size());
    benchmark::DoNotOptimize(document.IsObject());
  }
  state.SetItemsProcessed(state.iterations() * alerts_per_page);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(page.size()));
}

}  // namespace

BENCHMARK_CAPTURE(bare_parse, graph_baseline, graph);
BENCHMARK_CAPTURE(pipeline, graph_cef, graph, Format::cef);
BENCHMARK_CAPTURE(pipeline, graph_leef, graph, Format::leef);
BENCHMARK_CAPTURE(pipeline, graph_leef2, graph, Format::leef2);
BENCHMARK_CAPTURE(pipeline, graph_json, graph, Format::json);
BENCHMARK_CAPTURE(bare_parse, alerts_baseline, alerts);
BENCHMARK_CAPTURE(pipeline, alerts_cef, alerts, Format::cef);
BENCHMARK_CAPTURE(pipeline, alerts_leef, alerts, Format::leef);
BENCHMARK_CAPTURE(pipeline, alerts_json, alerts, Format::json);
BENCHMARK_CAPTURE(bare_parse, siem_baseline, siem);
BENCHMARK_CAPTURE(pipeline, siem_cef, siem, Format::cef);
BENCHMARK_CAPTURE(pipeline, siem_leef, siem, Format::leef);
BENCHMARK_CAPTURE(pipeline, siem_json, siem, Format::json);

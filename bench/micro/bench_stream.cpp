// What one Streaming API record costs between the Kafka message body and the syslog-ng message, per format: split
// the {"records":[...]} body into records (stream/envelope_reader.h), format each with its table's layout
// (stream_layout.h), list its name-value pairs. The bodies are defender-stream-sim's: every table, realistic values,
// 2 % hostile text, up to 500 records a body.
// The baseline in the same run: a bare RapidJSON parse of the same bodies, the least any JSON consumer pays.
#include <benchmark/benchmark.h>
#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "defender-stream-sim/event_plan.h"
#include "defender-stream-sim/tables.h"
#include "format.h"
#include "stream/envelope_reader.h"
#include "stream_fields.h"
#include "stream_layout.h"

namespace {

using defender::Format;

struct Bodies {
  std::vector<std::string> bodies;
  int64_t records = 0;
  int64_t bytes = 0;
};

const Bodies &bodies() {
  static const Bodies made = [] {
    streamsim::PlanSettings plan;
    plan.records = 20'000;
    plan.seed = 5;
    plan.tables.assign(streamsim::all_tables().begin(), streamsim::all_tables().end());
    plan.hubs = {"insights-logs-advancedhunting"};
    plan.partitions = 1;
    plan.tenant_id = "b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c";
    Bodies out;
    streamsim::plan_events(plan, [&](const streamsim::Event &event) {
      out.bodies.push_back(event.body);
      out.records += static_cast<int64_t>(event.records.size());
      out.bytes += static_cast<int64_t>(event.body.size());
      return true;
    });
    return out;
  }();
  return made;
}

void stream_pipeline(benchmark::State &state, Format format) {
  const Bodies &input = bodies();
  defender::FormatOptions options;
  options.format = format;
  std::string line;
  size_t fields = 0;
  // As a source keeps them, from record to record.
  defender::StreamLayouts layouts;
  for (auto _ : state) {
    for (const std::string &body : input.bodies) {
      const defender::StreamBody read = defender::read_stream_body(body);
      for (const defender::StreamRecord &record : read.records) {
        const defender::StreamLayout *layout = layouts.find(record);
        defender::format_stream_record(record, options, line, layout);
        defender::visit_stream_fields(
            record, [&](std::string_view, std::string_view value, size_t) { fields += value.size(); }, layout);
        benchmark::DoNotOptimize(line.data());
      }
    }
  }
  benchmark::DoNotOptimize(fields);
  state.SetItemsProcessed(state.iterations() * input.records);
  state.SetBytesProcessed(state.iterations() * input.bytes);
}

void stream_bare_parse(benchmark::State &state) {
  const Bodies &input = bodies();
  for (auto _ : state) {
    for (const std::string &body : input.bodies) {
      rapidjson::Document document;
      document.Parse(body.data(), body.size());
      benchmark::DoNotOptimize(document.IsObject());
    }
  }
  state.SetItemsProcessed(state.iterations() * input.records);
  state.SetBytesProcessed(state.iterations() * input.bytes);
}

}  // namespace

BENCHMARK(stream_bare_parse)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(stream_pipeline, cef, Format::cef)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(stream_pipeline, leef, Format::leef)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(stream_pipeline, json, Format::json)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(stream_pipeline, ocsf, Format::ocsf)->Unit(benchmark::kMillisecond);
